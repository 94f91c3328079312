//! What the city's staff see (admins only; every read checks it).

mod audit;
mod shops;

pub use audit::AuditPage;
pub use shops::{DecisionHistory, ShopQueuePage, ShopReviewPage};

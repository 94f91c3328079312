//! What the city's staff see (admins only; every read checks it).

mod audit;
mod complaints;
mod dashboard;
mod shops;

pub use audit::AuditPage;
pub use complaints::{AdminComplaintPage, ComplaintQueuePage};
pub use dashboard::DashboardPage;
pub use shops::{DecisionHistory, ShopQueuePage, ShopReviewPage};

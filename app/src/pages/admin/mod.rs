//! What the city's staff see (admins only; every read checks it).

mod audit;

pub use audit::AuditPage;

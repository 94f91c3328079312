//! The rules of the marketplace, as plain Rust: no database, no HTTP, no
//! rendering. Server functions (`crate::api`) ask these functions who may do
//! what and whether an input is acceptable; the store (`crate::server::store`)
//! only reads and writes what they decided. Everything here is unit tested
//! without a database, and compiles for the browser too (it is small).

pub mod access;
pub mod cart;
pub mod money;
pub mod order;
pub mod search;
pub mod status;

pub use access::{authorize, Action, Denied};
pub use money::Rupiah;
pub use status::{DeliveryStatus, OrderStatus, PaymentMethod, PaymentStatus, ShopStatus};

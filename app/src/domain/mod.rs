//! The rules of the marketplace, as plain Rust: no database, no HTTP, no
//! rendering. Server functions (`crate::api`) ask these functions who may do
//! what and whether an input is acceptable; the store (`crate::server::store`)
//! only reads and writes what they decided. Everything here is unit tested
//! without a database, and compiles for the browser too (it is small).
//!
//! Here now: who may do what (`access`), cart quantities (`cart`), a
//! cart turned into one order per shop (`checkout`), the order state
//! machine (`order`), delivery fees by distance and kecamatan tier
//! (`delivery`), the complaint desk's deadlines and outcomes
//! (`complaint`), payment expiry and gateway events (`payment`), the city's
//! decisions on shops (`review`), search parameters (`search`), the stored
//! states (`status`) and money (`money`). The input rules of accounts
//! (phone, NIP, passwords, addresses) live with their types in
//! `crate::model::account`, because the browser checks them too.

pub mod access;
pub mod cart;
pub mod checkout;
pub mod complaint;
pub mod delivery;
pub mod fairness;
pub mod moderation;
pub mod money;
pub mod order;
pub mod payment;
pub mod programme;
pub mod review;
pub mod search;
pub mod status;

pub use access::{authorize, Action, Denied};
pub use money::Rupiah;
pub use status::{
    DeliveryMethod, DeliveryStatus, OrderStatus, PaymentMethod, PaymentStatus, ShopStatus,
};

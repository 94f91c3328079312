//! One module per route. Pages are server components; only islands hydrate.

pub mod account;
pub mod buyer;
pub mod offline;

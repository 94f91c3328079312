//! One module per route. Pages are server components; only islands hydrate.

pub mod account;
pub mod admin;
pub mod buyer;
pub mod guide;
pub mod merchant;
pub mod offline;
pub mod transparency;

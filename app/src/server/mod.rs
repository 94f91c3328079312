//! Server-only code: the store, authentication helpers, demo data, state.

pub mod accounts;
pub mod assets;
pub mod auth;
pub mod cache;
pub mod demo;
pub mod media;
pub mod passwords;
pub mod payments;
pub mod pwa;
pub mod search;
pub mod security;
pub mod session;
pub mod state;
pub mod store;

pub use state::AppState;
pub use store::Store;

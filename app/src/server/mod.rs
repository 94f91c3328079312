//! Server-only code: the store, authentication helpers, demo data, state.

pub mod assets;
pub mod auth;
pub mod cache;
pub mod demo;
pub mod state;
pub mod store;

pub use state::AppState;
pub use store::Store;

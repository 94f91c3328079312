//! What every request handler and server function can reach.

use super::{assets::AssetNames, Store};
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

/// Shared application state, provided to server functions as context.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub assets: AssetNames,
}

/// The store of the current request (inside a server function or page).
pub fn store() -> Store {
    leptos::prelude::expect_context::<AppState>().store
}

//! What every request handler and server function can reach.

use super::{assets::AssetNames, cache::CatalogCache, Store};
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

/// Shared application state, provided to server functions as context.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub assets: AssetNames,
    pub catalog_cache: CatalogCache,
}

/// The state of the current request (inside a server function or page).
pub fn state() -> AppState {
    leptos::prelude::expect_context::<AppState>()
}

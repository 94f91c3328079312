//! What every request handler and server function can reach.

use super::{
    accounts::Accounts,
    assets::AssetNames,
    cache::CatalogCache,
    payments::Payments,
    session::{RateLimits, SessionConfig},
    Store,
};
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

/// Shared application state, provided to server functions as context.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub assets: AssetNames,
    pub catalog_cache: CatalogCache,
    pub sessions: SessionConfig,
    pub limits: RateLimits,
    /// The address people use (`PEKEN_PUBLIC_URL`), without a trailing slash.
    pub public_url: String,
    /// Delivery rates, payment expiry and the payment gateway.
    pub payments: Payments,
    /// Where uploaded photos are kept.
    pub media: super::media::MediaStore,
    /// Minutes after which an order the shop has not acted on is flagged.
    pub order_stale_minutes: i64,
}

impl AppState {
    /// The account flows over this state's store and settings.
    pub fn accounts(&self) -> Accounts {
        Accounts {
            store: self.store.clone(),
            sessions: self.sessions.clone(),
            limits: self.limits.clone(),
        }
    }
}

/// The state of the current request (inside a server function or page).
pub fn state() -> AppState {
    leptos::prelude::expect_context::<AppState>()
}

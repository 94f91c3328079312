//! The marketplace's public figures: anyone may read them, signed in or not.

use crate::model::figures::PublicFigures;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// What `/transparansi` shows and its open data carries.
#[server(name = LoadPublicFigures, prefix = "/api", endpoint = "transparansi", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn public_figures() -> Result<(PublicFigures, chrono::DateTime<chrono::Utc>), AppError> {
    let store = crate::server::state::state().store;
    super::edge(
        store
            .public_figures()
            .await
            .map(|f| (f, chrono::Utc::now()))
            .map_err(AppError::from),
    )
}

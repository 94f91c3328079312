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

/// Days the city's dashboard looks back for active, top and idle shops.
pub const DASHBOARD_WINDOW_DAYS: i64 = 30;

/// What the city's dashboard (`/admin`) shows: admins only.
#[server(name = LoadCityFigures, prefix = "/api", endpoint = "admin/angka", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn city_figures() -> Result<
    (
        crate::model::figures::CityFigures,
        chrono::DateTime<chrono::Utc>,
    ),
    AppError,
> {
    super::edge(ssr::city().await)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::domain::Action;
    use crate::model::figures::CityFigures;
    use crate::server::session::authorize;
    use chrono::{DateTime, Utc};

    pub async fn city() -> Result<(CityFigures, DateTime<Utc>), AppError> {
        authorize(Action::ReadDashboard)?;
        let now = Utc::now();
        let f = crate::server::state::state()
            .store
            .city_figures(now, DASHBOARD_WINDOW_DAYS)
            .await?;
        Ok((f, now))
    }
}

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

/// Days the city's dashboard looks back for active, top and idle shops
/// when the setting `toko_sepi_hari` is missing.
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

/// How old the dashboard's window lists may be (see
/// `Store::city_figures_recent`).
#[cfg(feature = "ssr")]
pub const WINDOW_MAX_AGE: chrono::Duration = chrono::Duration::seconds(60);

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
        let store = crate::server::state::state().store;
        let f = store
            .city_figures_recent(now, window_days(&store).await?, WINDOW_MAX_AGE)
            .await?;
        Ok((f, now))
    }

    /// The dashboard's window: the city's `toko_sepi_hari` setting.
    pub async fn window_days(store: &crate::server::Store) -> Result<i64, AppError> {
        Ok(store
            .setting_or(
                crate::domain::fairness::IDLE_SHOP_DAYS,
                DASHBOARD_WINDOW_DAYS,
            )
            .await?)
    }
}

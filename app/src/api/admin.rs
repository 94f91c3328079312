//! The city's side: the verification queue of shops. Admins only; every
//! function checks it itself.

use super::Done;
use crate::model::review::{ReviewQueue, ShopReview};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One list of the queue (`daftar`: `menunggu` by default), page `hal`.
#[server(name = LoadShopQueue, prefix = "/api", endpoint = "admin/toko", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn review_queue(
    #[server(default)] daftar: Option<String>,
    #[server(default)] hal: Option<String>,
) -> Result<ReviewQueue, AppError> {
    super::edge(ssr::queue(daftar, hal).await)
}

/// One shop with its application data and history.
#[server(name = LoadShopReview, prefix = "/api", endpoint = "admin/toko/satu", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn review_shop(#[server(default)] id: String) -> Result<ShopReview, AppError> {
    super::edge(ssr::shop(id).await)
}

/// A decision on shop `id`: `keputusan` is `setujui`, `perbaiki`, `tolak`,
/// `bekukan` or `pulihkan`; `alasan` is what the owner reads; `dilihat`
/// names the version of the shop the admin read.
#[server(prefix = "/api", endpoint = "admin/toko/keputusan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn decide_shop(
    #[server(default)] id: String,
    #[server(default)] keputusan: String,
    #[server(default)] alasan: Option<String>,
    #[server(default)] dilihat: String,
) -> Result<Done, AppError> {
    super::edge(ssr::decide(id, keputusan, alasan, dilihat).await)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::domain::review::{check_reason, ReasonProblem, ShopDecision, REASON_MAX};
    use crate::domain::Action;
    use crate::i18n::fill;
    use crate::model::review::ReviewList;
    use crate::model::Refusal;
    use crate::paths;
    use crate::server::session::authorize;
    use crate::server::state::state;
    use crate::server::store::VerifyRefusal;
    use chrono::Utc;

    /// Shops per page of a list.
    const PAGE: i64 = 50;

    pub async fn queue(
        daftar: Option<String>,
        hal: Option<String>,
    ) -> Result<ReviewQueue, AppError> {
        authorize(Action::ReviewShops)?;
        let list = daftar
            .as_deref()
            .and_then(ReviewList::parse)
            .unwrap_or(ReviewList::Pending);
        let page = hal
            .and_then(|h| h.trim().parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, 10_000);
        let store = state().store;
        let mut rows = store.review_list(list, (page - 1) * PAGE, PAGE + 1).await?;
        let has_more = rows.len() as i64 > PAGE;
        rows.truncate(PAGE as usize);
        Ok(ReviewQueue {
            list,
            counts: store.review_counts().await?,
            rows,
            page,
            has_more,
            now: Utc::now(),
        })
    }

    fn shop_id(id: &str) -> Result<i64, AppError> {
        id.trim().parse::<i64>().map_err(|_| AppError::NotFound)
    }

    pub async fn shop(id: String) -> Result<ShopReview, AppError> {
        authorize(Action::ReviewShops)?;
        state()
            .store
            .shop_review(shop_id(&id)?, Utc::now())
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn decide(
        id: String,
        keputusan: String,
        alasan: Option<String>,
        dilihat: String,
    ) -> Result<Done, AppError> {
        let admin = authorize(Action::ReviewShops)?;
        let t = crate::i18n::t();
        let id = shop_id(&id)?;
        let decision = ShopDecision::parse(keputusan.trim())
            .ok_or_else(|| Refusal::message(400, t.review_unknown_decision))?;
        let reason = check_reason(decision, alasan.as_deref()).map_err(|p| {
            let msg = match p {
                ReasonProblem::TooShort => t.review_reason_needed.to_string(),
                ReasonProblem::TooLong => fill(
                    t.review_reason_too_long,
                    &[("max", &REASON_MAX.to_string())],
                ),
            };
            Refusal::field("alasan", msg, t)
        })?;
        // The version the admin read; without one the form is not from our page.
        let seen = dilihat
            .trim()
            .parse::<i64>()
            .map_err(|_| Refusal::message(400, t.review_stale))?;
        match state()
            .store
            .decide_shop(
                id,
                decision,
                reason.as_deref(),
                Some(seen),
                Some(admin.id),
                Utc::now(),
            )
            .await?
        {
            Ok(()) => Ok(Done::to(format!(
                "{}?ok={}",
                paths::ADMIN_SHOPS,
                decision.as_str()
            ))),
            Err(VerifyRefusal::NotFound) => Err(AppError::NotFound),
            Err(VerifyRefusal::Stale { .. }) | Err(VerifyRefusal::Changed) => {
                Err(Refusal::message(409, t.review_stale).into())
            }
        }
    }
}

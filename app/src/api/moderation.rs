//! Moderation by the city (admins only): take a product down with a
//! reason, review what merchants resubmit, keep the banned words, and see
//! the same product priced far apart across shops.

use super::Done;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// A product taken down, or resubmitted and waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeratedView {
    pub id: i64,
    pub name: String,
    pub shop_name: String,
    pub shop_slug: String,
    pub reason: String,
    pub taken_down_at: chrono::DateTime<chrono::Utc>,
    pub resubmitted_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One product priced far apart across shops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParityView {
    pub name: String,
    pub unit: String,
    pub shops: i64,
    pub min_price: i64,
    pub max_price: i64,
    pub cheapest_id: i64,
    pub dearest_id: i64,
}

/// `/admin/produk`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationView {
    pub waiting: Vec<ModeratedView>,
    pub taken_down: Vec<ModeratedView>,
    pub parity_percent: i64,
    pub parity: Vec<ParityView>,
    /// (word, who added it, when).
    pub banned: Vec<(String, Option<String>, chrono::DateTime<chrono::Utc>)>,
}

#[server(name = LoadModeration, prefix = "/api", endpoint = "admin/produk", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn moderation() -> Result<ModerationView, AppError> {
    super::edge(ssr::view().await)
}

/// Takes product `id` down with `alasan`, which its merchant reads.
#[server(prefix = "/api", endpoint = "admin/produk/turunkan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn take_down_product(
    #[server(default)] id: String,
    #[server(default)] alasan: String,
) -> Result<Done, AppError> {
    super::edge(ssr::take_down(id, alasan).await)
}

/// The review of a resubmitted product: `keputusan` `tampilkan` (list it
/// again) or `tetap` (keep it down, with a new `alasan`).
#[server(prefix = "/api", endpoint = "admin/produk/tinjau")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn review_product(
    #[server(default)] id: String,
    #[server(default)] keputusan: String,
    #[server(default)] alasan: String,
) -> Result<Done, AppError> {
    super::edge(ssr::review(id, keputusan, alasan).await)
}

/// Adds (`aksi` = `tambah`) or removes (`hapus`) a banned word.
#[server(prefix = "/api", endpoint = "admin/produk/kata")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn banned_word(
    #[server(default)] kata: String,
    #[server(default)] aksi: String,
) -> Result<Done, AppError> {
    super::edge(ssr::word(kata, aksi).await)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::domain::moderation::word_ok;
    use crate::domain::Action;
    use crate::i18n::{fill, Texts};
    use crate::model::Refusal;
    use crate::paths;
    use crate::server::session::authorize;
    use crate::server::state::state;
    use crate::server::store::{ModeratedRow, ModerationRefusal};
    use chrono::Utc;

    const REASON_MIN: usize = 5;
    const REASON_MAX: usize = 1000;
    const LIST: i64 = 100;

    fn reason(alasan: &str, t: &Texts) -> Result<String, AppError> {
        let r = alasan.trim();
        let n = r.chars().count();
        if (REASON_MIN..=REASON_MAX).contains(&n) {
            Ok(r.to_string())
        } else {
            let msg = fill(
                t.moderation_reason,
                &[("min", &REASON_MIN), ("max", &REASON_MAX)],
            );
            Err(Refusal {
                message: Some(msg.clone()),
                ..Refusal::field("alasan", msg, t).with_status(422)
            }
            .into())
        }
    }

    fn product_id(id: &str) -> Result<i64, AppError> {
        id.trim().parse().map_err(|_| AppError::NotFound)
    }

    fn refusal(r: ModerationRefusal, t: &Texts) -> AppError {
        match r {
            ModerationRefusal::NotFound => AppError::NotFound,
            ModerationRefusal::Stale => Refusal::message(409, t.moderation_stale).into(),
        }
    }

    fn view_of(r: ModeratedRow) -> ModeratedView {
        ModeratedView {
            id: r.id,
            name: r.name,
            shop_name: r.shop_name,
            shop_slug: r.shop_slug,
            reason: r.reason,
            taken_down_at: r.taken_down_at,
            resubmitted_at: r.resubmitted_at,
        }
    }

    pub async fn view() -> Result<ModerationView, AppError> {
        authorize(Action::Moderate)?;
        let store = state().store;
        let (waiting, down) = store.moderated(LIST).await?;
        let percent = store
            .setting_or(crate::domain::fairness::PRICE_PARITY_PERCENT, 30)
            .await?;
        let parity = store
            .price_parity(percent, LIST)
            .await?
            .into_iter()
            .map(|p| ParityView {
                name: p.name.trim().to_string(),
                unit: p.unit,
                shops: p.shops,
                min_price: p.min_price,
                max_price: p.max_price,
                cheapest_id: p.cheapest_id,
                dearest_id: p.dearest_id,
            })
            .collect();
        let banned = store
            .banned_words()
            .await?
            .into_iter()
            .map(|b| (b.word, b.added_by, b.added_at))
            .collect();
        Ok(ModerationView {
            waiting: waiting.into_iter().map(view_of).collect(),
            taken_down: down.into_iter().map(view_of).collect(),
            parity_percent: percent,
            parity,
            banned,
        })
    }

    pub async fn take_down(id: String, alasan: String) -> Result<Done, AppError> {
        let admin = authorize(Action::Moderate)?;
        let t = crate::i18n::t();
        let id = product_id(&id)?;
        let why = reason(&alasan, t)?;
        state()
            .store
            .take_down(id, &why, admin.id, Utc::now())
            .await?
            .map_err(|r| refusal(r, t))?;
        Ok(Done::to(format!("{}?ok=turun", paths::ADMIN_MODERATION)))
    }

    pub async fn review(id: String, keputusan: String, alasan: String) -> Result<Done, AppError> {
        let admin = authorize(Action::Moderate)?;
        let t = crate::i18n::t();
        let id = product_id(&id)?;
        let keep = match keputusan.trim() {
            "tampilkan" => None,
            "tetap" => Some(reason(&alasan, t)?),
            _ => return Err(Refusal::message(400, t.moderation_decision_bad).into()),
        };
        state()
            .store
            .review_resubmitted(id, keep.as_deref(), admin.id, Utc::now())
            .await?
            .map_err(|r| refusal(r, t))?;
        let ok = if keep.is_some() { "tetap" } else { "tampil" };
        Ok(Done::to(format!("{}?ok={ok}", paths::ADMIN_MODERATION)))
    }

    pub async fn word(kata: String, aksi: String) -> Result<Done, AppError> {
        let admin = authorize(Action::Moderate)?;
        let t = crate::i18n::t();
        let word = crate::server::search::normalize(&kata).trim().to_string();
        let store = state().store;
        let now = Utc::now();
        match aksi.trim() {
            "tambah" => {
                if !word_ok(&word) {
                    return Err(Refusal {
                        message: Some(t.banned_word_bad.into()),
                        ..Refusal::field("kata", t.banned_word_bad, t).with_status(422)
                    }
                    .into());
                }
                if !store.add_banned_word(&word, admin.id, now).await? {
                    return Err(Refusal::field("kata", t.banned_word_there, t)
                        .with_status(409)
                        .into());
                }
                Ok(Done::to(format!(
                    "{}?ok=kata#kata",
                    paths::ADMIN_MODERATION
                )))
            }
            "hapus" => {
                if !store.remove_banned_word(&word, admin.id, now).await? {
                    return Err(AppError::NotFound);
                }
                Ok(Done::to(format!(
                    "{}?ok=hapus#kata",
                    paths::ADMIN_MODERATION
                )))
            }
            _ => Err(Refusal::message(400, t.moderation_decision_bad).into()),
        }
    }
}

//! The complaint desk: a buyer files a complaint about the service (one
//! about an order is filed on the order, `api::order::complain`); the
//! buyer, the shop and the city talk in its thread; the city settles it.
//! Every function checks who is asking itself; a thread is found only by
//! those who take part in it.

use super::Done;
use crate::model::complaint::{ComplaintQueue, ComplaintThread, MyComplaints};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One list of the city's queue (`daftar`: `terbuka` by default), page `hal`.
#[server(name = LoadComplaintQueue, prefix = "/api", endpoint = "admin/keluhan", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn complaint_queue(
    #[server(default)] daftar: Option<String>,
    #[server(default)] hal: Option<String>,
) -> Result<ComplaintQueue, AppError> {
    super::edge(ssr::queue(daftar, hal).await)
}

/// One complaint with its thread, for its buyer, its shop or the city.
#[server(name = LoadComplaint, prefix = "/api", endpoint = "keluhan/satu", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn complaint_thread(#[server(default)] id: String) -> Result<ComplaintThread, AppError> {
    super::edge(ssr::thread(id).await)
}

/// One complaint at the city's desk (admins only).
#[server(name = LoadComplaintDesk, prefix = "/api", endpoint = "admin/keluhan/satu", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn complaint_desk(#[server(default)] id: String) -> Result<ComplaintThread, AppError> {
    super::edge(ssr::desk(id).await)
}

/// The buyer's own complaints.
#[server(name = LoadMyComplaints, prefix = "/api", endpoint = "keluhan", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn my_complaints() -> Result<MyComplaints, AppError> {
    super::edge(ssr::mine().await)
}

/// A complaint about the service in general (`alasan`: what went wrong).
#[server(prefix = "/api", endpoint = "keluhan/baru")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn file_complaint(#[server(default)] alasan: String) -> Result<Done, AppError> {
    super::edge(ssr::file(alasan).await)
}

/// A message (`pesan`) in complaint `id`'s thread. `kode`: the checkout
/// whose page the buyer wrote from, to go back to it.
#[server(prefix = "/api", endpoint = "keluhan/balas")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn reply_complaint(
    #[server(default)] id: String,
    #[server(default)] pesan: String,
    #[server(default)] kode: Option<String>,
) -> Result<Done, AppError> {
    super::edge(ssr::reply(id, pesan, kode).await)
}

/// The city settles complaint `id`: `hasil` is `refund`, `ganti`, `tolak`
/// or `jawab`; `alasan` is what the buyer and the shop read.
#[server(prefix = "/api", endpoint = "admin/keluhan/putusan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn resolve_complaint(
    #[server(default)] id: String,
    #[server(default)] hasil: String,
    #[server(default)] alasan: String,
) -> Result<Done, AppError> {
    super::edge(ssr::resolve(id, hasil, alasan).await)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::domain::complaint::{
        check_text, Outcome, TextProblem, MESSAGE_MAX, MESSAGE_MIN, RESOLUTION_MIN,
    };
    use crate::domain::Action;
    use crate::i18n::{fill, Texts};
    use crate::model::complaint::ComplaintList;
    use crate::model::Refusal;
    use crate::paths;
    use crate::server::session::authorize;
    use crate::server::state::state;
    use crate::server::store::ComplaintRefusal;
    use chrono::Utc;

    /// Complaints per page of a list.
    const PAGE: i64 = 50;
    /// Complaints about the service one buyer may have open at once.
    const OPEN_SERVICE_MAX: i64 = 5;
    /// Complaints a buyer's list shows.
    const MINE_MAX: i64 = 100;

    fn complaint_id(id: &str) -> Result<i64, AppError> {
        id.trim().parse::<i64>().map_err(|_| AppError::NotFound)
    }

    fn text_refusal(field: &str, p: TextProblem, min: usize, t: &Texts) -> AppError {
        let msg = match p {
            TextProblem::TooShort => fill(t.complaint_text_short, &[("min", &min)]),
            TextProblem::TooLong => fill(t.complaint_text_long, &[("max", &MESSAGE_MAX)]),
        };
        Refusal {
            message: Some(msg.clone()),
            ..Refusal::field(field, msg, t).with_status(422)
        }
        .into()
    }

    fn refusal(r: ComplaintRefusal, t: &Texts) -> AppError {
        match r {
            ComplaintRefusal::NotFound => AppError::NotFound,
            ComplaintRefusal::Closed => Refusal::message(409, t.complaint_closed).into(),
            ComplaintRefusal::Outcome => Refusal::message(400, t.complaint_outcome_bad).into(),
            ComplaintRefusal::OrderMoved => Refusal::message(409, t.complaint_order_moved).into(),
        }
    }

    pub async fn queue(
        daftar: Option<String>,
        hal: Option<String>,
    ) -> Result<ComplaintQueue, AppError> {
        authorize(Action::HandleComplaints)?;
        let list = daftar
            .as_deref()
            .and_then(ComplaintList::parse)
            .unwrap_or(ComplaintList::Open);
        let page = hal
            .and_then(|h| h.trim().parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, 10_000);
        let store = state().store;
        let now = Utc::now();
        let mut rows = store
            .complaint_list(list, (page - 1) * PAGE, PAGE + 1)
            .await?;
        let has_more = rows.len() as i64 > PAGE;
        rows.truncate(PAGE as usize);
        let (counts, overdue) = store.complaint_counts(now).await?;
        let sla_days = store
            .setting("keluhan_sla_hari")
            .await?
            .unwrap_or(crate::domain::complaint::SLA_DEFAULT_DAYS);
        Ok(ComplaintQueue {
            list,
            counts,
            overdue,
            rows,
            sla_days,
            page,
            has_more,
            now,
        })
    }

    pub async fn thread(id: String) -> Result<ComplaintThread, AppError> {
        let viewer = authorize(Action::TalkComplaint)?;
        state()
            .store
            .complaint_thread(complaint_id(&id)?, &viewer, Utc::now())
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn desk(id: String) -> Result<ComplaintThread, AppError> {
        let admin = authorize(Action::HandleComplaints)?;
        state()
            .store
            .complaint_thread(complaint_id(&id)?, &admin, Utc::now())
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn mine() -> Result<MyComplaints, AppError> {
        let buyer = authorize(Action::Buy)?;
        Ok(MyComplaints {
            rows: state()
                .store
                .complaints_of_buyer(buyer.id, MINE_MAX)
                .await?,
        })
    }

    pub async fn file(alasan: String) -> Result<Done, AppError> {
        let buyer = authorize(Action::Buy)?;
        let t = crate::i18n::t();
        let reason = check_text(&alasan, 10).map_err(|p| text_refusal("alasan", p, 10, t))?;
        let store = state().store;
        if store.open_service_complaints(buyer.id).await? >= OPEN_SERVICE_MAX {
            return Err(Refusal::message(
                429,
                fill(t.complaint_too_many, &[("n", &OPEN_SERVICE_MAX)]),
            )
            .into());
        }
        let id = store
            .file_service_complaint(buyer.id, &reason, Utc::now())
            .await?;
        Ok(Done::to(format!("{}?ok=baru", paths::complaint(id))))
    }

    pub async fn reply(id: String, pesan: String, kode: Option<String>) -> Result<Done, AppError> {
        let viewer = authorize(Action::TalkComplaint)?;
        let t = crate::i18n::t();
        let id = complaint_id(&id)?;
        let body = check_text(&pesan, MESSAGE_MIN)
            .map_err(|p| text_refusal("pesan", p, MESSAGE_MIN, t))?;
        let store = state().store;
        let role = store
            .reply_complaint(id, &viewer, &body, Utc::now())
            .await?
            .map_err(|r| refusal(r, t))?;
        let next = match (role, kode.as_deref().map(str::trim)) {
            ("admin", _) => paths::admin_complaint(id),
            // Back to the buyer's order page, if that is where they wrote.
            ("buyer", Some(k)) if !k.is_empty() && paths::is_order_code(k) => paths::order(k),
            _ => paths::complaint(id),
        };
        Ok(Done::to(format!("{next}?ok=balas#keluhan-{id}")))
    }

    pub async fn resolve(id: String, hasil: String, alasan: String) -> Result<Done, AppError> {
        let admin = authorize(Action::HandleComplaints)?;
        let t = crate::i18n::t();
        let id = complaint_id(&id)?;
        let outcome = Outcome::parse(hasil.trim())
            .ok_or_else(|| Refusal::message(400, t.complaint_outcome_bad))?;
        let reason = check_text(&alasan, RESOLUTION_MIN)
            .map_err(|p| text_refusal("alasan", p, RESOLUTION_MIN, t))?;
        state()
            .store
            .resolve_complaint(id, outcome, &reason, admin.id, Utc::now())
            .await?
            .map_err(|r| refusal(r, t))?;
        Ok(Done::to(format!(
            "{}?ok={}",
            paths::ADMIN_COMPLAINTS,
            outcome.as_str()
        )))
    }
}

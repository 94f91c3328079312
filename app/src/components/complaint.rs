//! A complaint's thread as its buyer, its shop and the city see it: the
//! complaint's words, the messages in order, the city's decision, and a
//! reply form while it is open. Shared by the buyer's order page, the
//! complaint page and the city's desk.

use crate::domain::complaint::{is_open, Outcome, MESSAGE_MAX};
use crate::i18n::Texts;
use crate::model::complaint::ComplaintThread;
use crate::model::format_wib;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// A complaint's state in words.
pub fn complaint_status_label(status: &str, t: &Texts) -> &'static str {
    match status {
        "terbuka" => t.cs_open,
        "diproses" => t.cs_progress,
        "selesai" => t.cs_done,
        "ditolak" => t.cs_rejected,
        _ => t.st_unknown,
    }
}

/// A resolution in words.
pub fn outcome_label(o: Outcome, t: &Texts) -> &'static str {
    match o {
        Outcome::Refund => t.out_refund,
        Outcome::Replace => t.out_replace,
        Outcome::Reject => t.out_reject,
        Outcome::Answer => t.out_answer,
    }
}

/// Who wrote a message, by role.
fn who(role: &str, t: &Texts) -> &'static str {
    match role {
        "buyer" => t.who_buyer,
        "merchant" => t.who_merchant,
        _ => t.who_admin,
    }
}

/// `sisa 1 hari 3 jam` before the deadline, `terlambat 5 jam` after it.
pub fn deadline_words(due: DateTime<Utc>, now: DateTime<Utc>, t: &Texts) -> String {
    use crate::model::review::age_words;
    if now > due {
        format!(
            "{} {}",
            t.complaint_late_by,
            age_words(due, now, t.review_days, t.review_hours)
        )
    } else {
        format!(
            "{} {}",
            t.complaint_left,
            age_words(now, due, t.review_days, t.review_hours)
        )
    }
}

/// The thread with a reply form (posting to `reply_to`) while it is open.
/// `kode`: the checkout page it is shown on, to come back to.
#[component]
pub fn ComplaintThreadView(
    c: ComplaintThread,
    reply_to: String,
    #[prop(optional)] kode: Option<String>,
    /// The level of the thread's heading (3 inside an order, 2 on its own page).
    #[prop(default = 3)]
    level: u8,
) -> impl IntoView {
    let t = crate::i18n::t();
    let open = is_open(&c.status);
    let lines = c
        .messages
        .iter()
        .map(|m| {
            let by = match &m.author_name {
                Some(n) => format!("{} ({n})", who(&m.author_role, t)),
                None => who(&m.author_role, t).to_string(),
            };
            view! {
                <li class="message" data-role=m.author_role.clone()>
                    <p class="meta">
                        <strong>{by}</strong>
                        " · "
                        <time datetime=m.created_at.to_rfc3339()>{format_wib(m.created_at)}</time>
                    </p>
                    <p class="body">{m.body.clone()}</p>
                </li>
            }
        })
        .collect_view();
    let decision = c.resolved_at.map(|at| {
        let outcome = c
            .outcome
            .as_deref()
            .and_then(Outcome::parse)
            .map(|o| outcome_label(o, t))
            .unwrap_or(t.cs_done);
        view! {
            <li class="message decision" data-role="admin">
                <p class="meta">
                    <strong>{t.resolution_heading} ": " {outcome}</strong>
                    " · "
                    <time datetime=at.to_rfc3339()>{format_wib(at)}</time>
                </p>
                {c.resolution.clone().map(|r| view! { <p class="body">{r}</p> })}
            </li>
        }
    });
    let id = c.id.to_string();
    let reply = if open {
        view! {
            <form method="post" action=reply_to class="form reply-form">
                <input type="hidden" name="id" value=id.clone() />
                {kode.map(|k| view! { <input type="hidden" name="kode" value=k /> })}
                <crate::components::TextField
                    id=format!("pesan-{id}")
                    name="pesan"
                    label=t.reply_label
                    of=("id", id.clone())
                    min=2
                    max=MESSAGE_MAX
                    required=true
                    rows=3
                />
                <button type="submit" class="btn">{t.reply_send}</button>
            </form>
        }
        .into_any()
    } else {
        view! { <p class="muted">{t.thread_closed}</p> }.into_any()
    };
    view! {
        <div class="complaint-thread" id=format!("keluhan-{}", c.id)>
            {if level == 2 {
                view! { <h2>{t.thread_heading}</h2> }.into_any()
            } else {
                view! { <h3>{t.thread_heading}</h3> }.into_any()
            }}
            <ol class="thread">
                <li class="message" data-role="buyer">
                    <p class="meta">
                        <strong>{who("buyer", t)}</strong>
                        {c.buyer_name.clone().map(|n| format!(" ({n})"))}
                        " · "
                        <time datetime=c.created_at.to_rfc3339()>{format_wib(c.created_at)}</time>
                    </p>
                    <p class="body">{c.reason.clone()}</p>
                </li>
                {lines}
                {decision}
            </ol>
            {reply}
        </div>
    }
}

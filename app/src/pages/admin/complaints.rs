//! `/admin/keluhan`: the city's complaint desk, open complaints by deadline
//! (overdue first) and settled ones latest first. `/admin/keluhan/:id`:
//! one complaint with its order, its thread, a reply, and the resolutions
//! open to it, each a plain form with the reason the buyer and shop read.

use crate::api::complaint::{complaint_desk, complaint_queue};
use crate::components::{
    complaint_status_label, deadline_words, outcome_label, page_data, ComplaintThreadView,
    FormAlert, NoIndex, PageTitle, TextField,
};
use crate::domain::complaint::{is_open, Outcome, MESSAGE_MAX};
use crate::i18n::{fill, Texts};
use crate::model::complaint::{ComplaintList, ComplaintQueue, ComplaintThread};
use crate::model::format_wib;
use crate::pages::buyer::{about, ComplaintFacts};
use crate::pages::merchant::ok_param;
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn list_label(l: ComplaintList, t: &Texts) -> &'static str {
    match l {
        ComplaintList::Open => t.cl_open,
        ComplaintList::Closed => t.cl_closed,
    }
}

fn outcome_hint(o: Outcome, t: &Texts) -> &'static str {
    match o {
        Outcome::Refund => t.out_refund_hint,
        Outcome::Replace => t.out_replace_hint,
        Outcome::Reject => t.out_reject_hint,
        Outcome::Answer => t.out_answer_hint,
    }
}

#[component]
pub fn ComplaintQueuePage() -> impl IntoView {
    let q = use_query_map().get_untracked();
    let (daftar, hal) = (q.get("daftar"), q.get("hal"));
    let ok = ok_param();
    page_data(
        move || complaint_queue(daftar, hal),
        move |v| view! { <Queue v ok=ok.clone() /> },
    )
}

#[component]
fn Queue(v: ComplaintQueue, ok: String) -> impl IntoView {
    let t = crate::i18n::t();
    let notice = Outcome::parse(&ok).map(|o| {
        view! {
            <div class="alert ok" role="status">
                {fill(t.ok_complaint_resolved, &[("outcome", &outcome_label(o, t))])}
            </div>
        }
    });
    let list = v.list;
    let tabs = v
        .counts
        .iter()
        .map(|&(l, n)| {
            let href = match l {
                ComplaintList::Open => paths::ADMIN_COMPLAINTS.to_string(),
                l => format!("{}?daftar={}", paths::ADMIN_COMPLAINTS, l.as_str()),
            };
            super::list_tab(href, list_label(l, t), n, l == list)
        })
        .collect_view();
    let now = v.now;
    let rows = v
        .rows
        .into_iter()
        .map(|r| {
            let open = is_open(&r.status);
            let late = open && now > r.due_at;
            view! {
                <li class="inbox-card complaint-card" class:overdue=late>
                    <header>
                        <a class="code" href=paths::admin_complaint(r.id)>
                            "#" {r.id} " · " {about(r.order_code.as_deref(), r.shop_name.as_deref(), t)}
                        </a>
                        <span class="status" data-status=r.status.clone()>
                            {complaint_status_label(&r.status, t)}
                        </span>
                    </header>
                    <p class="when">
                        {t.complaint_filed} ": "
                        <time datetime=r.created_at.to_rfc3339()>{format_wib(r.created_at)}</time>
                    </p>
                    {if open {
                        view! {
                            <p class="when">
                                {late.then(|| view! { <strong class="badge danger">{t.complaint_overdue}</strong> " " })}
                                {t.complaint_due} ": "
                                <time datetime=r.due_at.to_rfc3339()>{format_wib(r.due_at)}</time>
                                " (" {deadline_words(r.due_at, now, t)} ")"
                            </p>
                        }
                        .into_any()
                    } else {
                        view! {
                            <p class="when">
                                {r.outcome.as_deref().and_then(Outcome::parse).map(|o| outcome_label(o, t))}
                                {r.resolved_at.map(|at| view! {
                                    " · " <time datetime=at.to_rfc3339()>{format_wib(at)}</time>
                                })}
                            </p>
                        }
                        .into_any()
                    }}
                    <p class="reason">{r.reason}</p>
                    <p class="when">{fill(t.complaint_messages, &[("n", &r.messages)])}</p>
                    <a class="btn" href=paths::admin_complaint(r.id)>{t.complaint_open_link}</a>
                </li>
            }
        })
        .collect_view();
    let empty = v.page == 1 && !v.has_more && v.counts.iter().any(|&(l, n)| l == list && n == 0);
    let more = v.has_more.then(|| {
        let href = format!(
            "{}?daftar={}&hal={}",
            paths::ADMIN_COMPLAINTS,
            list.as_str(),
            v.page + 1
        );
        view! { <a class="btn" href=href>{t.next}</a> }
    });
    view! {
        <PageTitle text=t.admin_complaints_title />
        <NoIndex />
        <section class="admin-page">
            <h1>{t.admin_complaints_heading}</h1>
            <p class="lead">{fill(t.admin_complaints_lead, &[("n", &v.sla_days)])}</p>
            {notice}
            <nav aria-label=t.complaint_lists>
                <ul class="chips">
                    {tabs}
                    {(v.overdue > 0).then(|| view! {
                        <li class="chip"><strong class="badge danger">
                            {fill(t.complaints_overdue_count, &[("n", &v.overdue)])}
                        </strong></li>
                    })}
                </ul>
            </nav>
            <ul class="inbox-list">{rows}</ul>
            {empty.then(|| view! { <p class="muted empty-list">{t.complaint_empty}</p> })}
            {more}
        </section>
    }
}

#[component]
pub fn AdminComplaintPage() -> impl IntoView {
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let ok = ok_param();
    page_data(
        move || complaint_desk(id),
        move |c| view! { <Desk c ok=ok.clone() /> },
    )
}

#[component]
fn Desk(c: ComplaintThread, ok: String) -> impl IntoView {
    let t = crate::i18n::t();
    let title = fill(t.complaint_title, &[("id", &c.id)]);
    let open = is_open(&c.status);
    let forms = open.then(|| {
        Outcome::open_to(c.order_code.is_some())
            .iter()
            .map(|&o| view! { <ResolveForm id=c.id outcome=o /> })
            .collect_view()
    });
    let deadline = open.then(|| {
        view! { <p class="lead">{t.complaint_due} ": " {deadline_words(c.due_at, c.now, t)}</p> }
    });
    let id = c.id;
    view! {
        <PageTitle text=title.clone() />
        <NoIndex />
        <section class="admin-page complaint-page">
            <p><a href=paths::ADMIN_COMPLAINTS>{t.complaint_back}</a></p>
            <h1>{title}</h1>
            {(ok == "balas").then(|| view! { <div class="alert ok" role="status">{t.ok_complaint_reply}</div> })}
            {deadline}
            <FormAlert />
            <div class="review-grid">
                <div>
                    <ComplaintFacts c=c.clone() />
                    <ComplaintThreadView c reply_to=paths::admin_complaint_reply(id) level=2 />
                </div>
                <div>
                    {forms.map(|f| view! { <h2 id="putusan">{t.resolution_heading}</h2> {f} })}
                </div>
            </div>
        </section>
    }
}

/// One resolution as a plain form.
#[component]
fn ResolveForm(id: i64, outcome: Outcome) -> impl IntoView {
    let t = crate::i18n::t();
    let danger = matches!(outcome, Outcome::Reject);
    view! {
        <form method="post" action=paths::admin_complaint_resolve(id) class="form decision" data-outcome=outcome.as_str()>
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="hasil" value=outcome.as_str() />
            <TextField
                id=format!("alasan-{}", outcome.as_str())
                name="alasan"
                label=t.resolution_reason_label
                of=("hasil", outcome.as_str().to_string())
                min=5
                max=MESSAGE_MAX
                required=true
            />
            <p class="hint">{outcome_hint(outcome, t)}</p>
            <button type="submit" class=if danger { "btn danger" } else { "btn" }>
                {outcome_label(outcome, t)}
            </button>
        </form>
    }
}

//! `/keluhan`: the buyer's complaints, and a complaint about the service in
//! general. `/keluhan/:id`: one complaint's thread, for its buyer or the
//! shop it is about (the city works it at `/admin/keluhan/:id`).

use super::status_label;
use crate::api::complaint::{complaint_thread, my_complaints};
use crate::components::{
    complaint_status_label, page_data, ComplaintThreadView, FormAlert, NoIndex, PageTitle, Price,
    TextField,
};
use crate::domain::complaint::MESSAGE_MAX;
use crate::i18n::{fill, Texts};
use crate::model::complaint::{ComplaintRow, ComplaintThread, MyComplaints};
use crate::model::{format_wib, format_wib_date};
use crate::pages::merchant::ok_param;
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn notice(ok: &str, t: &Texts) -> Option<&'static str> {
    match ok {
        "baru" => Some(t.ok_complaint_new),
        "balas" => Some(t.ok_complaint_reply),
        _ => None,
    }
}

/// What a complaint is about, in words.
pub fn about(order_code: Option<&str>, shop: Option<&str>, t: &Texts) -> String {
    match (order_code, shop) {
        (Some(code), Some(shop)) => format!("{code} · {shop}"),
        (Some(code), None) => code.to_string(),
        _ => t.complaint_about_service.to_string(),
    }
}

#[component]
pub fn MyComplaintsPage() -> impl IntoView {
    page_data(my_complaints, |v| view! { <MyComplaintsView v /> })
}

#[component]
fn MyComplaintsView(v: MyComplaints) -> impl IntoView {
    let t = crate::i18n::t();
    let empty = v.rows.is_empty();
    let rows = v
        .rows
        .into_iter()
        .map(|r| view! { <MyRow r /> })
        .collect_view();
    view! {
        <PageTitle text=t.complaints_title />
        <NoIndex />
        <section class="complaints-page">
            <h1>{t.complaints_heading}</h1>
            <p class="lead">{t.complaints_lead}</p>
            {empty.then(|| view! { <p class="muted">{t.complaints_none}</p> })}
            <ul class="inbox-list">{rows}</ul>
            <h2 id="baru">{t.complaint_new}</h2>
            <FormAlert />
            <form method="post" action=paths::COMPLAINTS class="form">
                <TextField
                    id="alasan".to_string()
                    name="alasan"
                    label=t.complaint_new_label
                    min=10
                    max=MESSAGE_MAX
                    required=true
                    rows=4
                />
                <button type="submit" class="btn primary">{t.complaint_send}</button>
            </form>
        </section>
    }
}

#[component]
fn MyRow(r: ComplaintRow) -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <li class="inbox-card">
            <header>
                <a class="code" href=paths::complaint(r.id)>
                    {about(r.order_code.as_deref(), r.shop_name.as_deref(), t)}
                </a>
                <span class="status" data-status=r.status.clone()>
                    {complaint_status_label(&r.status, t)}
                </span>
            </header>
            <p class="when">
                {t.complaint_filed} ": "
                <time datetime=r.created_at.to_rfc3339()>{format_wib_date(r.created_at)}</time>
                " · " {fill(t.complaint_messages, &[("n", &r.messages)])}
            </p>
            <p class="reason">{r.reason}</p>
        </li>
    }
}

#[component]
pub fn ComplaintPage() -> impl IntoView {
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let ok = ok_param();
    page_data(
        move || complaint_thread(id),
        move |c| view! { <ComplaintView c ok=ok.clone() /> },
    )
}

/// The facts of a complaint: what it is about, its state and deadline.
#[component]
pub fn ComplaintFacts(c: ComplaintThread) -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <dl class="facts">
            <dt>{t.complaint_status}</dt>
            <dd>
                <strong class="status" data-status=c.status.clone()>
                    {complaint_status_label(&c.status, t)}
                </strong>
            </dd>
            {c.buyer_name.clone().map(|n| view! { <dt>{t.complaint_buyer}</dt> <dd>{n}</dd> })}
            {c.order_code.clone().map(|code| view! { <dt>{t.complaint_order}</dt> <dd>{code}</dd> })}
            {c.shop_name.clone().map(|s| view! { <dt>{t.complaint_shop}</dt> <dd>{s}</dd> })}
            {c.order_total.map(|a| view! { <dt>{t.complaint_total}</dt> <dd><Price amount=a /></dd> })}
            {c.order_status.clone().map(|s| view! {
                <dt>{t.complaint_order_status}</dt>
                <dd>{status_label(&s, t)}</dd>
            })}
            <dt>{t.complaint_filed}</dt>
            <dd><time datetime=c.created_at.to_rfc3339()>{format_wib(c.created_at)}</time></dd>
            <dt>{t.complaint_due}</dt>
            <dd><time datetime=c.due_at.to_rfc3339()>{format_wib(c.due_at)}</time></dd>
        </dl>
    }
}

#[component]
fn ComplaintView(c: ComplaintThread, ok: String) -> impl IntoView {
    let t = crate::i18n::t();
    let title = fill(t.complaint_title, &[("id", &c.id)]);
    let back = match (c.viewer_role.as_str(), c.group_code.clone()) {
        ("buyer", Some(g)) => Some((paths::order(&g), t.order_title)),
        ("buyer", None) => Some((paths::COMPLAINTS.to_string(), t.complaints_heading)),
        ("merchant", _) => Some((paths::MY_ORDERS.to_string(), t.nav_orders)),
        _ => None,
    };
    let id = c.id;
    view! {
        <PageTitle text=title.clone() />
        <NoIndex />
        <section class="complaint-page">
            {back.map(|(href, label)| view! { <p><a href=href>{label}</a></p> })}
            <h1>{title}</h1>
            {notice(&ok, t).map(|m| view! { <div class="alert ok" role="status">{m}</div> })}
            <FormAlert />
            <ComplaintFacts c=c.clone() />
            <ComplaintThreadView c reply_to=paths::complaint_reply(id) level=2 />
        </section>
    }
}

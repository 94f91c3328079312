//! `/admin/toko`: the city's verification queue, one list per state,
//! oldest filing first with its age. `/admin/toko/:id`: one shop's
//! application, photo and history, and the decisions open to it, each a
//! plain form (a refusal needs a reason the owner reads).

use crate::api::admin::{review_queue, review_shop};
use crate::components::{page_data, FormAlert, NoIndex, PageTitle, TextField};
use crate::domain::review::{ShopDecision, REASON_MAX, REASON_MIN};
use crate::domain::ShopStatus;
use crate::i18n::{fill, Texts};
use crate::model::review::{age_words, DecisionLine, ReviewList, ReviewQueue, ShopReview};
use crate::model::{format_wib, format_wib_date};
use crate::pages::merchant::{ok_param, shop_status_label};
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn list_label(l: ReviewList, t: &Texts) -> &'static str {
    match l {
        ReviewList::Pending => t.review_list_pending,
        ReviewList::Fix => t.review_list_fix,
        ReviewList::Rejected => t.review_list_rejected,
        ReviewList::Suspended => t.review_list_suspended,
        ReviewList::Verified => t.review_list_verified,
    }
}

fn decision_label(d: ShopDecision, t: &Texts) -> &'static str {
    match d {
        ShopDecision::Approve => t.review_approve,
        ShopDecision::AskFix => t.review_fix,
        ShopDecision::Reject => t.review_reject,
        ShopDecision::Suspend => t.review_suspend,
        ShopDecision::Lift => t.review_lift,
    }
}

fn decision_hint(d: ShopDecision, t: &Texts) -> &'static str {
    match d {
        ShopDecision::Approve => t.review_approve_hint,
        ShopDecision::AskFix => t.review_fix_hint,
        ShopDecision::Reject => t.review_reject_hint,
        ShopDecision::Suspend => t.review_suspend_hint,
        ShopDecision::Lift => t.review_lift_hint,
    }
}

/// An event of a shop's history in words (`shop.apply`, `shop.setujui`, …;
/// events recorded before the queue existed keep their stored names).
pub fn event_label(action: &str, t: &Texts) -> &'static str {
    let name = action.strip_prefix("shop.").unwrap_or(action);
    match ShopDecision::parse(name) {
        Some(ShopDecision::Approve) => t.ev_shop_approve,
        Some(ShopDecision::AskFix) => t.ev_shop_fix,
        Some(ShopDecision::Reject) => t.ev_shop_reject,
        Some(ShopDecision::Suspend) => t.ev_shop_suspend,
        Some(ShopDecision::Lift) => t.ev_shop_lift,
        None => match name {
            "apply" => t.ev_shop_apply,
            "verified" => t.ev_shop_approve,
            "rejected" => t.ev_shop_fix,
            "suspended" => t.ev_shop_suspend,
            _ => t.st_unknown,
        },
    }
}

/// A shop's history, newest first. `with_actor`: the city's staff see who
/// decided; the owner sees what and why.
#[component]
pub fn DecisionHistory(lines: Vec<DecisionLine>, with_actor: bool) -> impl IntoView {
    let t = crate::i18n::t();
    if lines.is_empty() {
        return view! { <p class="muted">{t.review_history_empty}</p> }.into_any();
    }
    let items = lines
        .into_iter()
        .map(|l| {
            let is_filing = l.action == "shop.apply";
            // A filing's detail is the shop's name, not a reason.
            let reason = (!is_filing).then_some(l.detail).flatten();
            let actor = with_actor.then_some(l.actor).flatten();
            view! {
                <li>
                    <strong>{event_label(&l.action, t)}</strong>
                    " · "
                    <time datetime=l.at.to_rfc3339()>{format_wib(l.at)}</time>
                    {actor.map(|a| view! { " · " {t.ev_by} " " {a} })}
                    {reason.map(|r| view! { <p class="reason">{t.reason} ": " {r}</p> })}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="history-list">{items}</ol> }.into_any()
}

#[component]
pub fn ShopQueuePage() -> impl IntoView {
    let q = use_query_map().get_untracked();
    let (daftar, hal) = (q.get("daftar"), q.get("hal"));
    let ok = ok_param();
    page_data(
        move || review_queue(daftar, hal),
        move |v| view! { <ShopQueue v ok=ok.clone() /> },
    )
}

#[component]
fn ShopQueue(v: ReviewQueue, ok: String) -> impl IntoView {
    let t = crate::i18n::t();
    let notice = ShopDecision::parse(&ok).map(|d| {
        view! {
            <div class="alert ok" role="status">
                {fill(t.ok_review_decided, &[("decision", &decision_label(d, t))])}
            </div>
        }
    });
    let list = v.list;
    let tabs = v
        .counts
        .iter()
        .map(|&(l, n)| {
            let href = match l {
                ReviewList::Pending => paths::ADMIN_SHOPS.to_string(),
                l => format!("{}?daftar={}", paths::ADMIN_SHOPS, l.as_str()),
            };
            super::list_tab(href, list_label(l, t), n, l == list)
        })
        .collect_view();
    let now = v.now;
    let rows = v
        .rows
        .into_iter()
        .map(|r| {
            let kind = if r.kind == "umkm" { t.kind_umkm } else { t.kind_kelontong };
            view! {
                <li class="inbox-card review-card">
                    <header>
                        <a class="code" href=paths::admin_shop(r.id)>{r.name}</a>
                        <span class="meta">{kind} {r.is_mbr.then_some(" · MBR")}</span>
                    </header>
                    <p class="when">
                        {t.review_col_owner} ": " {r.owner_name} " · " {t.review_col_area} ": " {r.kecamatan}
                    </p>
                    <p class="when">
                        {t.review_col_filed} ": "
                        <time datetime=r.submitted_at.to_rfc3339()>{format_wib_date(r.submitted_at)}</time>
                        " · " {t.review_col_waiting} ": "
                        <strong>{age_words(r.submitted_at, now, t.review_days, t.review_hours)}</strong>
                    </p>
                    {r.status_reason.map(|s| view! { <p class="reason">{t.review_col_reason} ": " {s}</p> })}
                    <a class="btn" href=paths::admin_shop(r.id)>{t.review_check}</a>
                </li>
            }
        })
        .collect_view();
    let empty = v.page == 1 && !v.has_more;
    let more = v.has_more.then(|| {
        let href = format!(
            "{}?daftar={}&hal={}",
            paths::ADMIN_SHOPS,
            list.as_str(),
            v.page + 1
        );
        view! { <a class="btn" href=href>{t.next}</a> }
    });
    view! {
        <PageTitle text=t.admin_shops_title />
        <NoIndex />
        <section class="admin-page">
            <h1>{t.admin_shops_heading}</h1>
            <p class="lead">{t.admin_shops_lead}</p>
            {notice}
            <nav aria-label=t.review_lists>
                <ul class="chips">{tabs}</ul>
            </nav>
            <ul class="inbox-list">{rows}</ul>
            {(empty && more.is_none()).then(|| view! { <p class="muted empty-list">{t.review_empty}</p> })}
            {more}
        </section>
    }
}

#[component]
pub fn ShopReviewPage() -> impl IntoView {
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    page_data(move || review_shop(id), |s| view! { <ShopReviewView s /> })
}

#[component]
fn ShopReviewView(s: ShopReview) -> impl IntoView {
    let t = crate::i18n::t();
    let title = fill(t.review_shop_title, &[("name", &s.name)]);
    let kind = if s.kind == "umkm" {
        t.kind_umkm
    } else {
        t.kind_kelontong
    };
    let status = ShopStatus::parse(&s.status);
    let status_words = shop_status_label(&s.status, s.may_refile, t);
    let decisions = status.map(ShopDecision::open_to).unwrap_or_default();
    let forms = if decisions.is_empty() {
        view! { <p class="muted">{t.review_none_open}</p> }.into_any()
    } else {
        decisions
            .into_iter()
            .map(|d| view! { <DecisionForm id=s.id seen=s.seen decision=d /> })
            .collect_view()
            .into_any()
    };
    let pin = s
        .pin
        .map(|(lat, lng)| format!("{lat:.5}, {lng:.5}"))
        .unwrap_or_else(|| t.review_pin_none.to_string());
    let photo = match s.photo.clone() {
        Some(src) => view! {
            <img class="review-photo" src=src alt=t.shop_photo width="320" height="240" loading="lazy" />
        }
        .into_any(),
        None => view! { <p class="muted">{t.review_no_photo}</p> }.into_any(),
    };
    let dash = || "—".to_string();
    view! {
        <PageTitle text=title />
        <NoIndex />
        <section class="admin-page review-page">
            <p><a href=paths::ADMIN_SHOPS>{t.review_back}</a></p>
            <h1>{s.name.clone()}</h1>
            <p class="lead">
                <strong>{status_words}</strong>
                " · " {t.review_col_filed} ": "
                <time datetime=s.submitted_at.to_rfc3339()>{format_wib(s.submitted_at)}</time>
                " · " {t.review_col_waiting} ": " {age_words(s.submitted_at, s.now, t.review_days, t.review_hours)}
            </p>
            {s.status_reason.clone().map(|r| view! { <p class="reason">{t.reason} ": " {r}</p> })}
            <div class="review-grid">
                <div>
                    <h2>{t.shop_details}</h2>
                    {photo}
                    <dl class="facts">
                        <dt>{t.shop_kind}</dt>
                        <dd>{kind}</dd>
                        <dt>{t.mbr_number}</dt>
                        <dd>{s.mbr_number.clone().unwrap_or_else(dash)}</dd>
                        <dt>{t.review_area}</dt>
                        <dd>
                            {[s.kelurahan.as_str(), s.kecamatan.as_str()]
                                .into_iter()
                                .filter(|x| !x.is_empty())
                                .collect::<Vec<_>>()
                                .join(", ")}
                        </dd>
                        <dt>{t.review_address}</dt>
                        <dd>{s.address.clone()}</dd>
                        <dt>{t.shop_pin}</dt>
                        <dd>{pin}</dd>
                        <dt>{t.shop_phone}</dt>
                        <dd>{s.phone.clone().unwrap_or_else(dash)}</dd>
                        <dt>{t.open_hours}</dt>
                        <dd>{s.open_hours.clone()}</dd>
                        <dt>{t.delivery_settings}</dt>
                        <dd>{if s.delivers { t.review_delivers_yes } else { t.review_delivers_no }}</dd>
                        <dt>{t.review_products}</dt>
                        <dd>{s.product_count}</dd>
                        <dt>{t.shop_description}</dt>
                        <dd>{s.description.clone()}</dd>
                    </dl>
                    <h2>{t.review_owner}</h2>
                    <dl class="facts">
                        <dt>{t.review_col_owner}</dt>
                        <dd>{s.owner_name.clone()}</dd>
                        <dt>{t.owner_nik}</dt>
                        <dd>{s.owner_nik.clone().unwrap_or_else(dash)}</dd>
                        <dt>{t.review_email}</dt>
                        <dd>{s.owner_email.clone().unwrap_or_else(dash)}</dd>
                        <dt>{t.review_phone}</dt>
                        <dd>{s.owner_phone.clone().unwrap_or_else(dash)}</dd>
                        <dt>{t.payout_account}</dt>
                        <dd>
                            {match (&s.bank_name, &s.bank_account) {
                                (Some(bank), Some(account)) => format!(
                                    "{bank} {account} a.n. {}",
                                    s.bank_holder.clone().unwrap_or_else(dash),
                                ),
                                _ => dash(),
                            }}
                        </dd>
                    </dl>
                </div>
                <div>
                    <h2 id="keputusan">{t.review_decide}</h2>
                    <FormAlert />
                    {forms}
                    <h2>{t.review_history}</h2>
                    <DecisionHistory lines=s.history.clone() with_actor=true />
                </div>
            </div>
        </section>
    }
}

/// One decision as a plain form. The form names the version of the shop
/// the page showed, so a decision on a shop that changed is refused.
#[component]
fn DecisionForm(id: i64, seen: i64, decision: ShopDecision) -> impl IntoView {
    let t = crate::i18n::t();
    let needs = decision.needs_reason();
    let danger = matches!(decision, ShopDecision::Reject | ShopDecision::Suspend);
    view! {
        <form method="post" action=paths::admin_shop_decide(id) class="form decision" data-decision=decision.as_str()>
            <input type="hidden" name="keputusan" value=decision.as_str() />
            <input type="hidden" name="dilihat" value=seen.to_string() />
            <TextField
                id=format!("alasan-{}", decision.as_str())
                name="alasan"
                label=if needs { t.review_reason_label } else { t.review_note_label }
                of=("keputusan", decision.as_str().to_string())
                min=if needs { REASON_MIN } else { 0 }
                max=REASON_MAX
                required=needs
            />
            <p class="hint">{decision_hint(decision, t)}</p>
            <button type="submit" class=if danger { "btn danger" } else { "btn" }>
                {decision_label(decision, t)}
            </button>
        </form>
    }
}

//! `/toko-saya/pesanan`: the shop's order inbox. Orders that need the shop
//! come first; each has the step it can take next as a plain form. With
//! JavaScript `/toko.js` keeps
//! the list current from the shop's event stream (a new order appears
//! without a reload, with a short sound and a vibration).
//! `/toko-saya/pesanan/:kode/slip` is the printable packing slip.

use super::{notice, ok_param};
use crate::api::merchant::{inbox, packing_slip, InboxView};
use crate::components::{page_data, FormAlert, NoIndex, PageTitle, Price};
use crate::domain::{OrderStatus, PaymentMethod};
use crate::i18n::{fill, Texts};
use crate::model::format_wib;
use crate::model::merchant::InboxOrder;
use crate::pages::buyer::{method_label, status_label};
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn InboxPage() -> impl IntoView {
    let q = use_query_map().get_untracked();
    let (status, hal) = (q.get("status"), q.get("hal"));
    let ok = ok_param();
    page_data(
        move || inbox(status, hal),
        move |v| view! { <Inbox v ok=ok.clone() /> },
    )
}

fn payment_words(m: &str, t: &Texts) -> &'static str {
    PaymentMethod::parse(m)
        .map(|m| method_label(m, t))
        .unwrap_or(t.st_unknown)
}

#[component]
fn Inbox(v: InboxView, ok: String) -> impl IntoView {
    let t = crate::i18n::t();
    let current = v.status.clone();
    let filters = std::iter::once((None, t.all_orders))
        .chain(
            [
                OrderStatus::Paid,
                OrderStatus::Processing,
                OrderStatus::Shipped,
                OrderStatus::Completed,
                OrderStatus::Cancelled,
                OrderStatus::AwaitingPayment,
            ]
            .iter()
            .map(|s| (Some(s.as_str()), status_label(s.as_str(), t))),
        )
        .map(|(s, label)| {
            let href = match s {
                Some(s) => format!("{}?status={s}", paths::MY_ORDERS),
                None => paths::MY_ORDERS.to_string(),
            };
            let here = s.map(str::to_string) == current;
            view! { <a href=href class="chip" aria-current=here.then_some("page")>{label}</a> }
        })
        .collect_view();
    let empty = v.orders.is_empty();
    let stale = chrono::Duration::minutes(v.stale_minutes);
    let now = v.now;
    let rows = v
        .orders
        .into_iter()
        .map(|o| {
            let late =
                matches!(o.status.as_str(), "dibayar" | "diproses") && now - o.updated_at > stale;
            view! { <InboxCard o late /> }
        })
        .collect_view();
    let base = match &current {
        Some(s) => format!("{}?status={s}&", paths::MY_ORDERS),
        None => format!("{}?", paths::MY_ORDERS),
    };
    let prev = (v.page > 1).then(
        || view! { <a class="btn" href=format!("{base}hal={}", v.page - 1)>{t.previous}</a> },
    );
    let next = v
        .has_more
        .then(|| view! { <a class="btn" href=format!("{base}hal={}", v.page + 1)>{t.next}</a> });
    // `/toko.js` keeps the first page current from the shop's event stream.
    let live = (v.page == 1).then(|| {
        view! {
            <div
                id="inbox-live"
                data-after=v.last_event.to_string()
                data-rendered=v.now.timestamp().to_string()
                data-on=t.live_on
                data-off=t.live_off
                data-fresh=t.live_new_order
                data-old=t.live_old_data
            >
                <p id="live-status" class="live-status" aria-live="polite" hidden=true></p>
                <p id="live-old" class="alert warn" role="status" hidden=true></p>
            </div>
        }
    });
    view! {
        <PageTitle text=format!("{} — Peken", t.nav_shop_orders) />
        <NoIndex />
        <section class="merchant-page inbox-page">
            <h1>{t.nav_shop_orders}</h1>
            {notice(&ok, t).map(|m| view! { <div class="alert ok" role="status">{m}</div> })}
            <FormAlert />
            {live}
            <div id="inbox">
                <p class="needs-action" id="perlu-tindakan">
                    {fill(t.needs_action_n, &[("n", &v.needs_action)])}
                </p>
                <p class="rendered-at">{t.updated_at} " " {format_wib(v.now)}</p>
                <nav class="chips" aria-label=t.filter_status>{filters}</nav>
                {empty.then(|| view! { <p class="empty">{t.no_shop_orders}</p> })}
                <ul class="inbox-list">{rows}</ul>
            </div>
            <nav class="pager">{prev} {next}</nav>
        </section>
    }
}

#[component]
fn InboxCard(o: InboxOrder, late: bool) -> impl IntoView {
    let t = crate::i18n::t();
    let action = paths::my_order_action(&o.code);
    let pickup = o.delivery_method == "ambil";
    let cod = o.payment_method == "cod";
    let items = o
        .items
        .iter()
        .map(|(name, qty, price)| view! { <li>{*qty} " × " {name.clone()} " @ " <Price amount=*price /></li> })
        .collect_view();
    let steps = match o.status.as_str() {
        "dibayar" => view! {
            <form method="post" action=action.clone() class="step">
                <input type="hidden" name="aksi" value="terima" />
                <button type="submit" class="btn primary">{t.accept_order}</button>
            </form>
        }
        .into_any(),
        "diproses" if pickup => view! {
            <form method="post" action=action.clone() class="step">
                <input type="hidden" name="aksi" value="kirim" />
                <input type="hidden" name="kurir" value=t.picked_up_by_buyer />
                <input type="hidden" name="hp" value=o.phone.clone() />
                <button type="submit" class="btn primary">{t.ready_for_pickup}</button>
            </form>
        }
        .into_any(),
        "diproses" => view! {
            <form method="post" action=action.clone() class="form step">
                <input type="hidden" name="aksi" value="kirim" />
                <div class="field">
                    <label for=format!("kurir-{}", o.id)>{t.courier_name}</label>
                    <input id=format!("kurir-{}", o.id) name="kurir" required=true maxlength="80" autocomplete="name" />
                </div>
                <div class="field">
                    <label for=format!("hp-{}", o.id)>{t.courier_phone}</label>
                    <input id=format!("hp-{}", o.id) name="hp" type="tel" inputmode="tel" required=true maxlength="20" />
                </div>
                <button type="submit" class="btn primary">{t.mark_sent}</button>
            </form>
        }
        .into_any(),
        "dikirim" => view! {
            <form method="post" action=action.clone() class="step">
                <input type="hidden" name="aksi" value="selesai" />
                <button type="submit" class="btn primary">
                    {if cod { t.mark_delivered_cod } else { t.mark_delivered }}
                </button>
            </form>
        }
        .into_any(),
        _ => ().into_any(),
    };
    // Until it is sent, the shop may still refuse the order, with a reason.
    let reject = matches!(o.status.as_str(), "dibayar" | "diproses")
        .then(|| view! { <RejectForm action=action.clone() id=o.id /> });
    view! {
        <li class="inbox-card" id=format!("o-{}", o.code) data-status=o.status.clone() class:late=late>
            <header>
                <span class="code">{o.code.clone()}</span>
                <span class="status" data-status=o.status.clone()>{status_label(&o.status, t)}</span>
                {late.then(|| view! { <span class="late-flag">{t.order_waiting_long}</span> })}
            </header>
            <p class="when">{format_wib(o.created_at)}</p>
            <ul class="items">{items}</ul>
            <p class="order-total">
                {t.total} ": " <strong><Price amount=o.total /></strong> " · " {payment_words(&o.payment_method, t)}
            </p>
            <p class="to">
                {if pickup { t.pickup_by_buyer } else { t.deliver_to }} ": " {o.recipient.clone()} " · " {o.phone.clone()}
                {(!pickup).then(|| view! { <br /> {o.address.clone()} })}
            </p>
            {o.courier_name.clone().map(|c| view! { <p class="courier">{t.courier_name} ": " {c} " · " {o.courier_phone.clone().unwrap_or_default()}</p> })}
            {o.cancel_reason.clone().map(|r| view! { <p class="reason">{t.reason} ": " {r}</p> })}
            {o.complaint_id.map(|id| view! {
                <p class="reason">
                    <a href=paths::complaint(id)>{t.complaint_in_order} " #" {id} ": " {t.complaint_see}</a>
                </p>
            })}
            <div class="steps">{steps} {reject}</div>
            <a class="slip-link" href=paths::my_order_slip(&o.code)>{t.packing_slip}</a>
        </li>
    }
}

/// Refusing an order, with the reason the buyer reads.
#[component]
fn RejectForm(action: String, id: i64) -> impl IntoView {
    let t = crate::i18n::t();
    let field = format!("alasan-{id}");
    view! {
        <details class="reject">
            <summary>{t.reject_order}</summary>
            <form method="post" action=action class="form">
                <input type="hidden" name="aksi" value="tolak" />
                <div class="field">
                    <label for=field.clone()>{t.reject_reason}</label>
                    <input id=field name="alasan" required=true minlength="5" maxlength="200" />
                </div>
                <button type="submit" class="btn danger">{t.reject_order}</button>
            </form>
        </details>
    }
}

#[component]
pub fn PackingSlipPage() -> impl IntoView {
    let kode = use_params_map()
        .get_untracked()
        .get("kode")
        .unwrap_or_default();
    page_data(
        move || packing_slip(kode),
        |(shop, o)| {
            let t = crate::i18n::t();
            let items = o
                .items
                .iter()
                .map(|(name, qty, price)| {
                    view! {
                        <tr>
                            <td>{name.clone()}</td>
                            <td class="num">{*qty}</td>
                            <td class="num"><Price amount=*price /></td>
                            <td class="num"><Price amount=price * qty /></td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <PageTitle text=format!("{} {} — Peken", t.packing_slip, o.code) />
                <NoIndex />
                <section class="packing-slip">
                    <h1>{t.packing_slip} " " {o.code.clone()}</h1>
                    <p>{t.from_shop} ": " <strong>{shop.name.clone()}</strong></p>
                    <p>{format_wib(o.created_at)} " · " {payment_words(&o.payment_method, t)}</p>
                    <p>
                        {t.deliver_to} ": " <strong>{o.recipient.clone()}</strong> " · " {o.phone.clone()}
                        <br />
                        {o.address.clone()} ", " {o.kecamatan.clone()}
                    </p>
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr><th>{t.product_name}</th><th class="num">{t.qty}</th><th class="num">{t.price}</th><th class="num">{t.subtotal}</th></tr>
                            </thead>
                            <tbody>{items}</tbody>
                        </table>
                    </div>
                    <p>{t.delivery_fee} ": " <Price amount=o.delivery_fee /></p>
                    <p class="total">{t.total} ": " <strong><Price amount=o.total /></strong></p>
                    {(o.payment_method == "cod").then(|| view! { <p class="cod-note"><strong>{t.collect_cash}</strong></p> })}
                    <p class="no-print"><a class="btn" href=paths::MY_ORDERS>{t.back_to_inbox}</a></p>
                </section>
            }
        },
    )
}

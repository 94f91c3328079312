//! `/pesanan` (the buyer's orders) and `/pesanan/:kode` (one checkout: its
//! shop orders, timelines, delivery, payment, and what the buyer can do).

use super::checkout::method_label;
use crate::api::order::{my_orders, order_detail, COMPLAINT_WINDOW_DAYS};
use crate::components::{
    page_data, ComplaintThreadView, FormAlert, NoIndex, NotFound, PageTitle, Price,
};
use crate::domain::order::{transition, Actor};
use crate::domain::{OrderStatus, PaymentMethod};
use crate::i18n::{fill, Texts};
use crate::model::{format_wib, OrderGroupView, OrdersPage, ShopOrder};
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// An order state in words.
pub fn status_label(s: &str, t: &Texts) -> &'static str {
    match OrderStatus::parse(s) {
        Some(OrderStatus::AwaitingPayment) => t.st_awaiting,
        Some(OrderStatus::Paid) => t.st_paid,
        Some(OrderStatus::Processing) => t.st_processing,
        Some(OrderStatus::Shipped) => t.st_shipped,
        Some(OrderStatus::Completed) => t.st_completed,
        Some(OrderStatus::Cancelled) => t.st_cancelled,
        Some(OrderStatus::Complained) => t.st_complained,
        None => t.st_unknown,
    }
}

fn payment_label(s: &str, t: &Texts) -> &'static str {
    match s {
        "pending" => t.pay_pending,
        "paid" => t.pay_paid,
        "failed" => t.pay_failed,
        "expired" => t.pay_expired,
        "refunded" => t.pay_refunded,
        _ => t.st_unknown,
    }
}

fn actor_label(s: &str, t: &Texts) -> &'static str {
    match s {
        "buyer" => t.actor_buyer,
        "merchant" => t.actor_merchant,
        "admin" => t.actor_admin,
        _ => t.actor_system,
    }
}

#[component]
pub fn OrdersListPage() -> impl IntoView {
    let q = use_query_map().get_untracked();
    let (status, hal) = (q.get("status"), q.get("hal"));
    page_data(
        move || my_orders(status, hal),
        |p| view! { <OrdersList p /> },
    )
}

#[component]
fn OrdersList(p: OrdersPage) -> impl IntoView {
    let t = crate::i18n::t();
    let current = p.status.clone();
    let filters = std::iter::once((None, t.all_orders))
        .chain(
            OrderStatus::ALL
                .iter()
                .map(|s| (Some(s.as_str()), status_label(s.as_str(), t))),
        )
        .map(|(s, label)| {
            let href = match s {
                Some(s) => format!("{}?status={s}", paths::ORDERS),
                None => paths::ORDERS.to_string(),
            };
            let here = s.map(str::to_string) == current;
            view! {
                <a href=href class="chip" aria-current=here.then_some("page")>{label}</a>
            }
        })
        .collect_view();
    let empty = p.orders.is_empty();
    let rows = p
        .orders
        .into_iter()
        .map(|o| {
            view! {
                <li class="order-row">
                    <a href=paths::order(&o.group_code)>
                        <span class="code">{o.code.clone()}</span>
                        <span class="status" data-status=o.status.clone()>{status_label(&o.status, t)}</span>
                        <span class="shop">{o.shop_name.clone()}</span>
                        <span class="what">{o.first_item.clone()} " · " {fill(t.units_n, &[("n", &o.units)])}</span>
                        <span class="when">{format_wib(o.created_at)}</span>
                        <Price amount=o.total />
                    </a>
                </li>
            }
        })
        .collect_view();
    let base = match &current {
        Some(s) => format!("{}?status={s}&", paths::ORDERS),
        None => format!("{}?", paths::ORDERS),
    };
    let prev = (p.page > 1).then(|| {
        view! { <a class="btn" href=format!("{base}hal={}", p.page - 1)>{t.previous}</a> }
    });
    let next = p.has_more.then(|| {
        view! { <a class="btn" href=format!("{base}hal={}", p.page + 1)>{t.next}</a> }
    });
    view! {
        <PageTitle text=format!("{} — Peken", t.orders_title) />
        <NoIndex />
        <section class="orders-page">
            <h1>{t.orders_title}</h1>
            <nav class="chips" aria-label=t.filter_status>{filters}</nav>
            {empty.then(|| view! { <p class="empty">{t.no_orders}</p> })}
            <ul class="order-list">{rows}</ul>
            <nav class="pager">{prev} {next}</nav>
        </section>
    }
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let kode = use_params_map()
        .get_untracked()
        .get("kode")
        .unwrap_or_default();
    if kode.is_empty() || kode.len() > 40 {
        return view! { <NotFound /> }.into_any();
    }
    let ok = use_query_map()
        .get_untracked()
        .get("ok")
        .unwrap_or_default();
    page_data(
        move || order_detail(kode),
        move |g| view! { <OrderBody g ok=ok.clone() /> },
    )
    .into_any()
}

fn notice(ok: &str, t: &Texts) -> Option<(&'static str, &'static str)> {
    match ok {
        "baru" => Some(("ok", t.ok_order_placed)),
        "bayar" => Some(("ok", t.ok_paid)),
        "bayar-gagal" => Some(("warn", t.ok_pay_failed)),
        "bayar-ditolak" => Some(("warn", t.ok_pay_refused)),
        "batal" => Some(("ok", t.ok_cancelled)),
        "terima" => Some(("ok", t.ok_received)),
        "komplain" => Some(("ok", t.ok_complained)),
        "balas" => Some(("ok", t.ok_complaint_reply)),
        "ulas" => Some(("ok", t.ok_reviewed)),
        _ => None,
    }
}

#[component]
fn OrderBody(g: OrderGroupView, ok: String) -> impl IntoView {
    let t = crate::i18n::t();
    let method = PaymentMethod::parse(&g.payment_method).unwrap_or(PaymentMethod::Cod);
    let waiting = g
        .orders
        .iter()
        .any(|o| o.status == OrderStatus::AwaitingPayment.as_str());
    let pay = (waiting && method != PaymentMethod::Cod).then(|| {
        let until = g
            .pay_expires_at
            .map(|e| fill(t.pay_before, &[("when", &format_wib(e))]));
        view! {
            <div class="pay-box">
                <p>{until}</p>
                <form method="post" action=paths::order_action(&g.code, "bayar")>
                    <button type="submit" class="btn primary">{t.pay_now}</button>
                </form>
            </div>
        }
    });
    let cancel_all = waiting.then(|| {
        view! {
            <form method="post" action=paths::order_action(&g.code, "batal")>
                <button type="submit" class="btn">{t.cancel_checkout}</button>
            </form>
        }
    });
    let code = g.code.clone();
    let orders = g
        .orders
        .into_iter()
        .map(|o| view! { <ShopOrderView o code=code.clone() method /> })
        .collect_view();
    view! {
        <PageTitle text=format!("{} {} — Peken", t.order_title, g.code) />
        <NoIndex />
        <section class="order-page">
            <h1>{t.order_title} " " <span class="code">{g.code.clone()}</span></h1>
            {notice(&ok, t).map(|(kind, m)| view! { <div class=format!("alert {kind}") role="status">{m}</div> })}
            <FormAlert />
            <dl class="facts">
                <dt>{t.ordered_at}</dt>
                <dd>{format_wib(g.created_at)}</dd>
                <dt>{t.payment}</dt>
                <dd>{method_label(method, t)} " · " {payment_label(&g.payment_status, t)}</dd>
                <dt>{t.grand_total}</dt>
                <dd><strong><Price amount=g.total /></strong></dd>
                <dt>{t.deliver_to}</dt>
                <dd>{g.recipient.clone()} " · " {g.phone.clone()} <br /> {g.address.clone()}</dd>
            </dl>
            {pay}
            {cancel_all}
            {orders}
            <p class="form-foot"><a href=paths::ORDERS>{t.all_my_orders}</a></p>
        </section>
    }
}

fn allowed(from: &str, to: OrderStatus, method: PaymentMethod) -> bool {
    OrderStatus::parse(from).is_some_and(|f| transition(f, to, Actor::Buyer, method).is_ok())
}

#[component]
fn ShopOrderView(o: ShopOrder, code: String, method: PaymentMethod) -> impl IntoView {
    let t = crate::i18n::t();
    let status = o.status.clone();
    let completed = status == OrderStatus::Completed.as_str();
    let reviewable = completed || status == OrderStatus::Complained.as_str();
    let in_window = o
        .completed_at
        .is_some_and(|c| chrono::Utc::now() - c <= chrono::Duration::days(COMPLAINT_WINDOW_DAYS));
    let pesanan = o.code.clone();
    let items = o
        .items
        .iter()
        .map(|i| {
            let review = match (reviewable, i.rating, i.product_id) {
                (_, Some(r), _) => Some(view! { <p class="rated">{fill(t.you_rated, &[("n", &r)])}</p> }.into_any()),
                (true, None, Some(pid)) => {
                    let (sid, wid) = (format!("bintang-{}-{pid}", o.id), format!("ulasan-{}-{pid}", o.id));
                    Some(view! {
                        <form method="post" action=paths::order_action(&code, "ulas") class="review-form">
                            <input type="hidden" name="pesanan" value=pesanan.clone() />
                            <input type="hidden" name="produk" value=pid.to_string() />
                            <label for=sid.clone()>{t.stars}</label>
                            <select id=sid name="bintang" required=true>
                                <option value="5">"★★★★★ 5"</option>
                                <option value="4">"★★★★ 4"</option>
                                <option value="3">"★★★ 3"</option>
                                <option value="2">"★★ 2"</option>
                                <option value="1">"★ 1"</option>
                            </select>
                            <label for=wid.clone()>{t.review_words}</label>
                            <textarea id=wid name="ulasan" maxlength="1000" rows="2"></textarea>
                            <button type="submit" class="btn">{t.send_review}</button>
                        </form>
                    }.into_any())
                }
                _ => None,
            };
            view! {
                <li>
                    <div class="item-line">
                        <span>{i.product_name.clone()} " × " {i.qty}</span>
                        <Price amount=i.line_total />
                    </div>
                    {review}
                </li>
            }
        })
        .collect_view();
    let history = o
        .history
        .iter()
        .map(|h| {
            view! {
                <li>
                    <time>{format_wib(h.created_at)}</time>
                    " · " <strong>{status_label(&h.to_status, t)}</strong>
                    " · " {actor_label(&h.actor_role, t)}
                    {h.note.clone().map(|n| view! { " — " <span class="note">{n}</span> })}
                </li>
            }
        })
        .collect_view();
    let delivery = if o.delivery_method == "ambil" {
        fill(t.pickup_at, &[("address", &o.shop_address)])
    } else {
        match o.delivery_status.as_deref() {
            Some("dikirim") => t.delivery_on_way.to_string(),
            Some("diterima") => t.delivery_delivered.to_string(),
            Some("gagal") => t.delivery_failed.to_string(),
            _ => t.delivery_waiting.to_string(),
        }
    };
    let cancel = allowed(&status, OrderStatus::Cancelled, method)
        && status != OrderStatus::AwaitingPayment.as_str();
    let confirm = allowed(&status, OrderStatus::Completed, method);
    let complain = allowed(&status, OrderStatus::Complained, method) && in_window;
    let action = |name: &'static str, label: &'static str| {
        let pesanan = pesanan.clone();
        view! {
            <form method="post" action=paths::order_action(&code, name)>
                <input type="hidden" name="pesanan" value=pesanan />
                <button type="submit" class="btn">{label}</button>
            </form>
        }
    };
    let cid = format!("alasan-{}", o.id);
    view! {
        <section class="shop-order">
            <h2>
                {o.shop_name.clone()} " "
                <span class="status" data-status=status.clone()>{status_label(&status, t)}</span>
            </h2>
            <p class="code">{o.code.clone()}</p>
            <p class="delivery">{delivery}</p>
            {o.cancel_reason.clone().map(|r| view! { <p class="hint">{t.cancel_reason} ": " {r}</p> })}
            {o.refund_amount.map(|a| {
                let state = if o.refund_status.as_deref() == Some("selesai") { t.refund_done } else { t.refund_pending };
                view! { <p class="alert warn">{fill(state, &[("amount", &crate::model::format_rupiah(a))])}</p> }
            })}
            {o.complaint.clone().map(|c| {
                let open = crate::domain::complaint::is_open(&c.status);
                let reply_to = paths::order_action(&code, "keluhan");
                view! {
                    <section class="complaint-box">
                        <h3>
                            {t.complaint_in_order} ": "
                            <span class="status" data-status=c.status.clone()>
                                {crate::components::complaint_status_label(&c.status, t)}
                            </span>
                        </h3>
                        {open.then(|| view! { <p class="hint">{t.complaint_open}</p> })}
                        <ComplaintThreadView c reply_to kode=code.clone() />
                    </section>
                }
            })}
            <ul class="review-items">{items}</ul>
            <dl class="totals">
                <dt>{t.subtotal}</dt>
                <dd><Price amount=o.subtotal /></dd>
                <dt>{t.delivery_fee}</dt>
                <dd><Price amount=o.delivery_fee /></dd>
                <dt>{t.shop_total}</dt>
                <dd><strong><Price amount=o.total /></strong></dd>
            </dl>
            <div class="order-actions">
                {confirm.then(|| action("terima", t.confirm_received))}
                {cancel.then(|| action("batal", t.cancel_order))}
                {action("beli-lagi", t.buy_again)}
            </div>
            {complain.then(|| view! {
                <form method="post" action=paths::order_action(&code, "komplain") class="complain-form">
                    <input type="hidden" name="pesanan" value=pesanan.clone() />
                    <label for=cid.clone()>{t.complain_label}</label>
                    <textarea id=cid name="alasan" minlength="10" maxlength="1000" rows="3" required=true></textarea>
                    <button type="submit" class="btn">{t.complain}</button>
                </form>
            })}
            <h3>{t.timeline}</h3>
            <ol class="timeline">{history}</ol>
        </section>
    }
}

//! `/toko-saya`: the merchant's home: their shop's state, what needs them,
//! sales for today / 7 / 30 days, best sellers and the payout ledger.

use super::{notice, ok_param, shop_status_label};
use crate::api::merchant::{merchant_home, MerchantHomeView};
use crate::components::{page_data, NoIndex, PageTitle, Price};
use crate::i18n::fill;
use crate::model::{format_rupiah, format_wib_date};
use crate::paths;
use leptos::prelude::*;

#[component]
pub fn MerchantHomePage() -> impl IntoView {
    let ok = ok_param();
    page_data(merchant_home, move |h| view! { <Home h ok=ok.clone() /> })
}

#[component]
fn Home(h: MerchantHomeView, ok: String) -> impl IntoView {
    let t = crate::i18n::t();
    let Some(shop) = h.shop else {
        return view! {
            <PageTitle text=format!("{} — Peken", t.my_shop_title) />
            <NoIndex />
            <section class="merchant-page">
                <h1>{t.my_shop_title}</h1>
                <p>{t.no_shop_yet}</p>
                <a class="btn primary" href=paths::MY_SHOP_APPLY>{t.apply_shop}</a>
            </section>
        }
        .into_any();
    };
    let status = shop.status.clone();
    let status_note = match status.as_str() {
        "pending" => Some(t.shop_pending_note.to_string()),
        "rejected" if !shop.may_refile => Some(fill(
            t.shop_rejected_final_note,
            &[("reason", &shop.status_reason.clone().unwrap_or_default())],
        )),
        "rejected" => Some(fill(
            t.shop_fix_note,
            &[("reason", &shop.status_reason.clone().unwrap_or_default())],
        )),
        "suspended" => Some(fill(
            t.shop_suspended_note,
            &[("reason", &shop.status_reason.clone().unwrap_or_default())],
        )),
        _ => None,
    };
    let sales = h
        .sales
        .iter()
        .map(|s| {
            let label = match s.days {
                1 => t.today.to_string(),
                d => fill(t.last_n_days, &[("n", &d)]),
            };
            view! {
                <div class="stat">
                    <p class="label">{label}</p>
                    <p class="value"><Price amount=s.revenue /></p>
                    <p class="sub">{fill(t.n_orders, &[("n", &s.orders)])}</p>
                </div>
            }
        })
        .collect_view();
    let best_empty = h.best.is_empty();
    let best = h
        .best
        .into_iter()
        .map(|(name, units, revenue)| {
            view! {
                <li>
                    <span class="name">{name}</span>
                    <span class="units">{fill(t.units_sold, &[("n", &units)])}</span>
                    <Price amount=revenue />
                </li>
            }
        })
        .collect_view();
    let month_cap = h.month_cap.map(|c| {
        let line = fill(
            t.month_cap_line,
            &[
                ("sales", &format_rupiah(c.sales)),
                ("cap", &format_rupiah(c.cap)),
            ],
        );
        if c.reached {
            let until = format_wib_date(c.until);
            view! {
                <div class="alert warn" role="status" id="batas-penjualan">
                    <p>{line}</p>
                    <p>{fill(t.month_cap_reached, &[("date", &until)])}</p>
                </div>
            }
            .into_any()
        } else {
            view! { <p class="hint" id="batas-penjualan">{line} " " {t.month_cap_why}</p> }
                .into_any()
        }
    });
    let ledger_empty = h.ledger.is_empty();
    let ledger = h
        .ledger
        .into_iter()
        .map(|l| {
            let what = match l.kind.as_str() {
                "penjualan" if l.cash => t.ledger_sale_cash,
                "penjualan" => t.ledger_sale,
                "refund" => t.ledger_refund,
                _ => t.ledger_settlement,
            };
            let amount = if l.cash {
                format!("({})", format_rupiah(l.amount))
            } else {
                format_rupiah(l.amount)
            };
            view! {
                <tr>
                    <td>{format_wib_date(l.at)}</td>
                    <td>{what} " " {l.order_code.unwrap_or_default()} {l.note.map(|n| format!(" {n}"))}</td>
                    <td class="num" class:neg=l.amount < 0>{amount}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=format!("{} — Peken", shop.name) />
        <NoIndex />
        <section class="merchant-page">
            <h1>{shop.name.clone()}</h1>
            {notice(&ok, t).map(|m| view! { <div class="alert ok" role="status">{m}</div> })}
            <p class="shop-status" data-status=status.clone()>
                {t.shop_status} ": "
                <strong>
                    {shop_status_label(&status, shop.may_refile, t)}
                </strong>
            </p>
            {status_note.map(|n| view! { <div class="alert warn" role="status">{n}</div> })}
            <nav class="merchant-actions" aria-label=t.my_shop_title>
                <a class="btn primary" href=paths::MY_ORDERS>
                    {t.nav_shop_orders}
                    {(h.needs_action > 0).then(|| view! { " " <span class="badge">{h.needs_action}</span> })}
                </a>
                <a class="btn" href=paths::MY_PRODUCTS>{t.my_products}</a>
                <a class="btn" href=paths::MY_SHOP_APPLY>{t.shop_details}</a>
                {(status == "verified").then(|| view! { <a class="btn" href=paths::shop(&shop.slug)>{t.see_my_shop}</a> })}
            </nav>
            <h2>{t.sales}</h2>
            <div class="stats">{sales}</div>
            {month_cap}
            <h2>{t.best_sellers}</h2>
            {best_empty.then(|| view! { <p class="empty">{t.no_sales_yet}</p> })}
            <ol class="best-sellers">{best}</ol>
            <h2 id="buku-kas">{t.ledger}</h2>
            <p class="balance">{t.balance_owed} ": " <strong><Price amount=h.balance /></strong></p>
            <p class="hint">{t.ledger_hint}</p>
            {if ledger_empty {
                view! { <p class="empty">{t.ledger_empty}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="ledger">
                            <thead>
                                <tr><th>{t.date}</th><th>{t.description}</th><th class="num">{t.amount}</th></tr>
                            </thead>
                            <tbody>{ledger}</tbody>
                        </table>
                    </div>
                    <a class="btn" href=paths::MY_LEDGER_CSV download="buku-kas.csv">{t.download_csv}</a>
                }
                .into_any()
            }}
            <h2 id="keputusan">{t.my_shop_history}</h2>
            <crate::pages::admin::DecisionHistory lines=h.history with_actor=false />
        </section>
    }
    .into_any()
}

//! `/keranjang`: the cart, grouped by shop, re-read against the catalog.

use crate::api::cart::cart;
use crate::api::cart::{CartItemView, CartView};
use crate::components::{page_data, FormAlert, NoIndex, PageTitle, Price};
use crate::domain::cart::LineFlag;
use crate::i18n::{fill, Texts};
use crate::model::format_rupiah;
use crate::paths;
use leptos::prelude::*;

#[component]
pub fn CartPage() -> impl IntoView {
    let ok = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("ok")
        .unwrap_or_default();
    page_data(cart, move |c| view! { <CartBody c ok=ok.clone() /> })
}

fn notice(ok: &str, t: &Texts) -> Option<&'static str> {
    match ok {
        "ubah" => Some(t.ok_cart_updated),
        "hapus" => Some(t.ok_cart_removed),
        "setuju" => Some(t.ok_cart_accepted),
        "beli-lagi" => Some(t.ok_buy_again),
        _ => None,
    }
}

/// What changed about a line, in words.
pub fn flag_words(flag: LineFlag, price: i64, t: &Texts) -> String {
    match flag {
        LineFlag::Gone => t.flag_gone.into(),
        LineFlag::AtCap => t.shop_at_cap.into(),
        LineFlag::SoldOut => t.flag_sold_out.into(),
        LineFlag::StockLow { left } => fill(t.flag_stock_low, &[("n", &left)]),
        LineFlag::PriceChanged { from } if price > from => {
            fill(t.flag_price_up, &[("from", &format_rupiah(from))])
        }
        LineFlag::PriceChanged { from } => {
            fill(t.flag_price_down, &[("from", &format_rupiah(from))])
        }
    }
}

#[component]
fn CartBody(c: CartView, ok: String) -> impl IntoView {
    let t = crate::i18n::t();
    let empty = c.shops.is_empty();
    let needs_review = c.needs_review;
    let shops = c
        .shops
        .into_iter()
        .map(|s| {
            let lines = s
                .items
                .into_iter()
                .map(|i| view! { <CartLine i /> })
                .collect_view();
            view! {
                <section class="cart-shop">
                    <h2>
                        <a href=paths::shop(&s.slug)>{s.name}</a>
                    </h2>
                    <ul class="cart-lines">{lines}</ul>
                    <p class="subtotal">
                        {t.subtotal} ": " <Price amount=s.subtotal />
                    </p>
                </section>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=format!("{} — Peken", t.cart_title) />
        <NoIndex />
        <section class="cart-page">
            <h1>{t.cart_title}</h1>
            {notice(&ok, t).map(|m| view! { <div class="alert ok" role="status">{m}</div> })}
            <FormAlert />
            {empty
                .then(|| {
                    view! {
                        <div class="empty">
                            <p>{t.cart_empty}</p>
                            <a class="btn primary" href=paths::HOME>{t.start_shopping}</a>
                        </div>
                    }
                })}
            {needs_review
                .then(|| {
                    view! {
                        <div class="alert warn" role="status">
                            <p>{t.cart_changed_note}</p>
                            <form method="post" action=paths::CART_ACCEPT>
                                <button type="submit" class="btn">{t.accept_changes}</button>
                            </form>
                        </div>
                    }
                })}
            {shops}
            {(!empty)
                .then(|| {
                    view! {
                        <div class="cart-summary">
                            <p>
                                {fill(t.cart_units, &[("n", &c.units)])} " · " {t.total} ": "
                                <strong><Price amount=c.total /></strong>
                            </p>
                            {if needs_review {
                                view! { <p class="hint">{t.checkout_after_review}</p> }.into_any()
                            } else {
                                view! { <a class="btn primary" href=paths::CHECKOUT>{t.to_checkout}</a> }.into_any()
                            }}
                        </div>
                    }
                })}
        </section>
    }
}

#[component]
fn CartLine(i: CartItemView) -> impl IntoView {
    let t = crate::i18n::t();
    let id = i.product_id.to_string();
    let field = format!("jumlah-{}", i.product_id);
    let photo = i.photo.map(|ph| {
        view! { <img src=ph.url width=ph.width height=ph.height loading="lazy" decoding="async" alt="" /> }
    });
    let flag = i.flag.map(|f| {
        view! { <p class="flag" role="note">{flag_words(f, i.price, t)}</p> }
    });
    let max = i.stock.clamp(1, crate::domain::cart::MAX_QTY).to_string();
    view! {
        <li class="cart-line" class:flagged=i.flag.is_some()>
            <div class="thumb">{photo}</div>
            <div class="what">
                <a href=paths::product(i.product_id)>{crate::model::keep_sizes(&i.name)}</a>
                <p class="each">
                    <Price amount=i.price /> " / " {crate::i18n::unit_name(crate::i18n::locale(), &i.unit, 1)}
                </p>
                {flag}
            </div>
            <form method="post" action=paths::CART_SET class="qty">
                <input type="hidden" name="produk" value=id.clone() />
                <label for=field.clone() class="visually-hidden">
                    {fill(t.quantity_of, &[("name", &i.name)])}
                </label>
                <input
                    id=field
                    name="jumlah"
                    type="number"
                    inputmode="numeric"
                    min="0"
                    max=max
                    value=i.qty.to_string()
                    required=true
                />
                <button type="submit" class="btn">{t.update}</button>
            </form>
            <form method="post" action=paths::CART_REMOVE class="remove">
                <input type="hidden" name="produk" value=id />
                <button type="submit" class="btn link">{t.remove}</button>
            </form>
            <p class="line-total">
                <Price amount=i.line_total />
            </p>
        </li>
    }
}

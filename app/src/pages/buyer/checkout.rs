//! `/checkout` (choose address, delivery per shop, payment) and
//! `/checkout/ringkasan` (review every shop's items, fee and subtotal and
//! the grand total, then place the order). Both are plain GET forms and
//! work without JavaScript; only placing the order writes.

use crate::api::order::checkout_view;
use crate::api::order::CheckoutView;
use crate::components::{page_data, FormAlert, NoIndex, PageTitle, Price};
use crate::domain::delivery::Quote;
use crate::domain::{DeliveryMethod, PaymentMethod};
use crate::i18n::{fill, Texts};
use crate::model::format_rupiah;
use crate::paths;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The choices in the address bar: `alamat`, `bayar`, `kirim[<shop>]`.
fn choices() -> (Option<String>, Option<String>, BTreeMap<String, String>) {
    let q = leptos_router::hooks::use_query_map().get_untracked();
    let mut kirim = BTreeMap::new();
    for (k, v) in q.into_iter() {
        if let Some(shop) = k.strip_prefix("kirim[").and_then(|r| r.strip_suffix(']')) {
            kirim.insert(shop.to_string(), v);
        }
    }
    (q_get("alamat"), q_get("bayar"), kirim)
}

fn q_get(name: &str) -> Option<String> {
    leptos_router::hooks::use_query_map()
        .get_untracked()
        .get(name)
}

pub fn method_label(m: PaymentMethod, t: &Texts) -> &'static str {
    match m {
        PaymentMethod::Qris => t.pay_qris,
        PaymentMethod::VirtualAccount => t.pay_va,
        PaymentMethod::Cod => t.pay_cod,
    }
}

fn km(metres: i64) -> String {
    format!("{},{} km", metres / 1000, (metres % 1000) / 100)
}

/// The courier's offer, in words.
fn quote_words(q: Quote, t: &Texts) -> String {
    match q {
        Quote::Distance { metres, fee } => fill(
            t.courier_distance,
            &[("fee", &format_rupiah(fee.get())), ("km", &km(metres))],
        ),
        Quote::Tier { fee } => fill(t.courier_tier, &[("fee", &format_rupiah(fee.get()))]),
        Quote::OutOfRange { metres, max_m } => fill(
            t.courier_out_of_range,
            &[("km", &km(metres)), ("max", &km(max_m))],
        ),
        Quote::PickupOnly => t.courier_none.into(),
    }
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let (alamat, bayar, kirim) = choices();
    page_data(
        move || checkout_view(alamat, bayar, kirim),
        |v| view! { <Choose v /> },
    )
}

#[component]
fn Choose(v: CheckoutView) -> impl IntoView {
    let t = crate::i18n::t();
    if v.cart.shops.is_empty() {
        return view! { <EmptyCart /> }.into_any();
    }
    let addresses = v
        .addresses
        .iter()
        .map(|a| {
            let id = a.id.to_string();
            let fid = format!("alamat-{}", a.id);
            let pin = if a.lat.is_some() { t.has_pin } else { t.no_pin };
            view! {
                <div class="choice">
                    <input type="radio" id=fid.clone() name="alamat" value=id checked=v.address_id == Some(a.id) required=true />
                    <label for=fid>
                        <strong>{a.label.clone()}</strong> " — " {a.recipient.clone()} <br />
                        {a.street.clone()} ", " {a.kelurahan.clone()} ", " {fill(t.kec_prefix, &[("k", &a.kecamatan)])}
                        <span class="hint">" · " {pin}</span>
                    </label>
                </div>
            }
        })
        .collect_view();
    let shops = v
        .cart
        .shops
        .iter()
        .map(|s| {
            let priced = v.shops.iter().find(|p| p.shop_id == s.shop_id);
            let quote = priced.map(|p| p.quote);
            let choice = priced.map(|p| p.choice);
            let name = format!("kirim[{}]", s.shop_id);
            let (a, b) = (format!("antar-{}", s.shop_id), format!("ambil-{}", s.shop_id));
            let courier_ok = quote.is_none_or(|q| q.fee().is_some());
            let courier_text = quote.map(|q| quote_words(q, t)).unwrap_or_else(|| t.courier_choose_address.to_string());
            view! {
                <fieldset class="shop-delivery">
                    <legend>{s.name.clone()} " · " <Price amount=s.subtotal /></legend>
                    <div class="choice">
                        <input type="radio" id=a.clone() name=name.clone() value="antar" disabled=!courier_ok
                            checked=courier_ok && choice != Some(DeliveryMethod::Pickup) />
                        <label for=a>{t.deliver_courier} " — " {courier_text}</label>
                    </div>
                    <div class="choice">
                        <input type="radio" id=b.clone() name=name value="ambil"
                            checked=!courier_ok || choice == Some(DeliveryMethod::Pickup) />
                        <label for=b>{t.deliver_pickup}</label>
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    let methods = v
        .methods
        .iter()
        .map(|m| {
            let id = format!("bayar-{}", m.as_str());
            view! {
                <div class="choice">
                    <input type="radio" id=id.clone() name="bayar" value=m.as_str() checked=*m == v.method />
                    <label for=id>{method_label(*m, t)}</label>
                </div>
            }
        })
        .collect_view();
    let no_address = v.addresses.is_empty();
    view! {
        <PageTitle text=format!("{} — Peken", t.checkout_title) />
        <NoIndex />
        <section class="checkout-page">
            <h1>{t.checkout_title}</h1>
            <form method="get" action=paths::CHECKOUT_REVIEW class="form">
                <fieldset>
                    <legend>{t.deliver_to}</legend>
                    {no_address.then(|| view! { <p>{t.no_address_yet}</p> })}
                    {addresses}
                    <p><a href=format!("{}?lanjut={}", paths::ADDRESS_NEW, crate::web::url_encode(paths::CHECKOUT))>{t.add_address}</a></p>
                </fieldset>
                <h2>{t.delivery_per_shop}</h2>
                <p class="hint">{t.delivery_hint}</p>
                {shops}
                <fieldset>
                    <legend>{t.payment}</legend>
                    {methods}
                </fieldset>
                <button type="submit" class="btn primary" disabled=no_address>{t.to_review}</button>
            </form>
            <p class="form-foot"><a href=paths::CART>{t.back_to_cart}</a></p>
        </section>
    }
    .into_any()
}

#[component]
fn EmptyCart() -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <PageTitle text=format!("{} — Peken", t.checkout_title) />
        <NoIndex />
        <section class="message-page">
            <h1>{t.checkout_title}</h1>
            <p>{t.cart_empty}</p>
            <a class="btn primary" href=paths::HOME>{t.start_shopping}</a>
        </section>
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let (alamat, bayar, kirim) = choices();
    page_data(
        move || checkout_view(alamat, bayar, kirim),
        |v| view! { <Review v /> },
    )
}

#[component]
fn Review(v: CheckoutView) -> impl IntoView {
    let t = crate::i18n::t();
    if v.cart.shops.is_empty() {
        return view! { <EmptyCart /> }.into_any();
    }
    let address = v
        .address_id
        .and_then(|id| v.addresses.iter().find(|a| a.id == id))
        .cloned();
    // The choices again, as the "change" link and the order form carry them.
    let mut query: Vec<(String, String)> = Vec::new();
    if let Some(id) = v.address_id {
        query.push(("alamat".into(), id.to_string()));
    }
    query.push(("bayar".into(), v.method.as_str().into()));
    for s in &v.shops {
        query.push((format!("kirim[{}]", s.shop_id), s.choice.as_str().into()));
    }
    let qs = query
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                crate::web::url_encode(k),
                crate::web::url_encode(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&");
    let change = format!("{}?{qs}", paths::CHECKOUT);
    let shops = v
        .shops
        .iter()
        .map(|s| {
            let items = s
                .items
                .iter()
                .map(|i| {
                    view! {
                        <li>
                            <span>{i.name.clone()} " × " {i.qty}</span>
                            <Price amount=i.line_total />
                        </li>
                    }
                })
                .collect_view();
            let how = match s.choice {
                DeliveryMethod::Courier => t.deliver_courier,
                DeliveryMethod::Pickup => t.deliver_pickup,
            };
            let fee = s.fee.unwrap_or(0);
            view! {
                <section class="review-shop">
                    <h2>{s.name.clone()}</h2>
                    <ul class="review-items">{items}</ul>
                    <dl class="totals">
                        <dt>{t.subtotal}</dt>
                        <dd><Price amount=s.subtotal /></dd>
                        <dt>{how}</dt>
                        <dd><Price amount=fee /></dd>
                        <dt>{t.shop_total}</dt>
                        <dd><strong><Price amount=s.subtotal.saturating_add(fee) /></strong></dd>
                    </dl>
                </section>
            }
        })
        .collect_view();
    let no_address = v.addresses.is_empty();
    let problems = (!v.problems.is_empty()).then(|| {
        let items = v
            .problems
            .iter()
            .map(|p| view! { <li>{p.clone()}</li> })
            .collect_view();
        // Without an address the way on is to add one, then come back here.
        let next = if no_address {
            let href = format!(
                "{}?lanjut={}",
                paths::ADDRESS_NEW,
                crate::web::url_encode(paths::CHECKOUT)
            );
            view! { <a href=href>{t.add_address}</a> }.into_any()
        } else {
            view! { <a href=paths::CART>{t.back_to_cart}</a> }.into_any()
        };
        view! {
            <div class="alert error" role="alert">
                <ul>{items}</ul>
                <p>{next}</p>
            </div>
        }
    });
    let place = v.total.filter(|_| v.problems.is_empty()).map(|total| {
        let hidden = query
            .iter()
            .map(|(k, val)| view! { <input type="hidden" name=k.clone() value=val.clone() /> })
            .collect_view();
        view! {
            <form method="post" action=paths::CHECKOUT_REVIEW class="place-order">
                {hidden}
                <input type="hidden" name="kunci" value=v.key.clone() />
                <input type="hidden" name="isi" value=v.isi.clone() />
                <input type="hidden" name="total" value=total.to_string() />
                <button type="submit" class="btn primary">
                    {fill(t.place_order, &[("total", &format_rupiah(total))])}
                </button>
            </form>
        }
    });
    view! {
        <PageTitle text=format!("{} — Peken", t.review_title) />
        <NoIndex />
        <section class="checkout-page">
            <h1>{t.review_title}</h1>
            <FormAlert />
            {problems}
            {address
                .map(|a| {
                    view! {
                        <section class="review-address">
                            <h2>{t.deliver_to}</h2>
                            <p>
                                <strong>{a.recipient.clone()}</strong> " · " {a.phone.clone()} <br />
                                {a.street.clone()} ", " {a.kelurahan.clone()} ", "
                                {fill(t.kec_prefix, &[("k", &a.kecamatan)])}
                            </p>
                        </section>
                    }
                })}
            {shops}
            <section class="review-total">
                <p>{t.payment} ": " <strong>{method_label(v.method, t)}</strong></p>
                {v.total.map(|total| view! { <p class="grand-total">{t.grand_total} ": " <strong><Price amount=total /></strong></p> })}
                {place}
                <p class="form-foot"><a href=change>{t.change_choices}</a></p>
            </section>
        </section>
    }
    .into_any()
}

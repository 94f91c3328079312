//! `/produk/:id`: one product.

use crate::api::catalog::product;
use crate::components::{
    absolute_url, page_data, typed, AddToCart, BuyBox, JsonLd, NotFound, PageTitle, Price, Seo,
};
use crate::i18n::{fill, locale, t, unit_name};
use crate::model::{format_number, keep_sizes, ProductDetail};
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The product page.
#[component]
pub fn ProductPage() -> impl IntoView {
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .and_then(|s| s.parse::<i64>().ok());
    let Some(id) = id else {
        return view! { <NotFound /> }.into_any();
    };
    let q = use_query_map().get_untracked();
    let in_cart = (q.get("ok").as_deref() == Some("keranjang"))
        .then(|| q.get("jumlah").and_then(|n| n.parse::<i64>().ok()))
        .flatten();
    let add_failed = q.get("tambah").as_deref() == Some("gagal");
    page_data(
        move || product(id),
        move |p| view! { <ProductView p in_cart add_failed /> },
    )
    .into_any()
}

#[component]
fn ProductView(p: ProductDetail, in_cart: Option<i64>, add_failed: bool) -> impl IntoView {
    let ProductDetail {
        card,
        description,
        category,
        shop,
        sold,
        rating,
        at_cap,
    } = p;
    let t = t();
    let title = format!("{} — {} — Peken", card.name, shop.name);
    let stock = match card.stock {
        0 => t.out_of_stock.to_string(),
        n => fill(
            t.stock_n,
            &[
                ("n", &format_number(n, t)),
                ("unit", &unit_name(locale(), &card.unit, n)),
            ],
        ),
    };
    let path = paths::product(card.id);
    let unit = unit_name(locale(), &card.unit, 2);
    let summary: String = description.chars().take(160).collect();
    let json_ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": card.name,
        "description": description,
        "category": category.name,
        "url": absolute_url(&path),
        "image": card.photo.as_ref().map(|p| absolute_url(&p.url)),
        "aggregateRating": (rating.count > 0).then(|| serde_json::json!({
            "@type": "AggregateRating",
            "ratingValue": rating.average_x10 as f64 / 10.0,
            "reviewCount": rating.count,
        })),
        "offers": {
            "@type": "Offer",
            "price": card.price,
            "priceCurrency": "IDR",
            "availability": if card.stock > 0 {
                "https://schema.org/InStock"
            } else {
                "https://schema.org/OutOfStock"
            },
            "url": absolute_url(&path),
            "seller": { "@type": "Organization", "name": shop.name },
        },
    });
    // Absent facts are left out rather than written as null.
    let json_ld = match json_ld {
        serde_json::Value::Object(mut m) => {
            m.retain(|_, v| !v.is_null());
            serde_json::Value::Object(m)
        }
        v => v,
    }
    .to_string();
    let image = card.photo.as_ref().map(|p| p.url.clone());
    // Buyers and visitors (asked to sign in) get the button; merchants and
    // admins cannot buy, so they are told instead of refused.
    #[cfg(feature = "ssr")]
    let viewer = crate::server::session::viewer();
    #[cfg(not(feature = "ssr"))]
    let viewer: Option<crate::model::Viewer> = None;
    let can_buy = viewer.as_ref().is_none_or(|v| v.is_buyer());
    let reply = crate::components::form_reply();
    let notice = match (&reply, in_cart) {
        (Some(r), _) => r.message.clone().map(|m| (false, m)),
        (None, Some(n)) => Some((true, fill(t.added_to_cart, &[("n", &n), ("unit", &unit)]))),
        (None, None) if add_failed => Some((false, t.add_after_sign_in_failed.to_string())),
        _ => None,
    };
    if let Some(r) = &reply {
        if r.status >= 400 {
            crate::web::set_status(r.status);
        }
    }
    // The island's few words; the unit is filled in now, `{n}` on the phone.
    let words = [
        fill(t.added_to_cart, &[("n", &"{n}"), ("unit", &unit)]),
        t.add_failed.to_string(),
        t.cart_units.to_string(),
    ];
    // The city's officers can take a product down from its page.
    let is_admin = viewer
        .as_ref()
        .is_some_and(|v| v.role == crate::model::Role::Admin);
    let take_down = is_admin.then(|| {
        let id = card.id;
        view! {
            <details class="takedown-box" open=crate::components::form_reply().is_some()>
                <summary>{t.take_down_summary}</summary>
                <form method="post" action=paths::product_take_down(id) class="form decision">
                    <input type="hidden" name="id" value=id.to_string() />
                    <crate::components::TextField id="alasan".to_string() name="alasan" label=t.take_down_reason min=5 max=1000 required=true />
                    <button type="submit" class="btn danger">{t.take_down}</button>
                </form>
            </details>
        }
    });
    let buy_box = if at_cap {
        view! { <p class="alert warn" id="beli" role="status">{t.shop_at_cap}</p> }.into_any()
    } else if can_buy {
        let (id, stock) = (card.id, card.stock);
        view! {
            <AddToCart>
                <BuyBox
                    product=id
                    stock
                    qty=typed("jumlah", "1")
                    notice=notice.clone()
                    quantity_label=t.quantity
                    button=t.add_to_cart
                    sold_out_label=t.out_of_stock
                    view_cart=t.view_cart
                    words
                />
            </AddToCart>
        }
        .into_any()
    } else {
        view! { <p class="hint" id="beli">{t.sellers_cannot_buy}</p> }.into_any()
    };
    let photo = card.photo.map(|ph| {
        view! {
            <img
                src=ph.url
                srcset=ph.srcset.clone()
                sizes=ph.srcset.is_some().then_some("(max-width: 600px) 100vw, 480px")
                width=ph.width
                height=ph.height
                alt=card.name.clone()
            />
        }
    });
    view! {
        <PageTitle text=title.clone() />
        <Seo title description=summary path image=image.unwrap_or_default() kind="product" />
        <JsonLd json=json_ld />
        <nav class="breadcrumb" aria-label=t.breadcrumb>
            <a href=paths::HOME>{t.nav_home}</a>
            " › "
            <a href=paths::category(&category.slug)>{category.name.clone()}</a>
            " › "
            <span aria-current="page">{card.name.clone()}</span>
        </nav>
        <article class="product-page">
            <div class="photo">{photo}</div>
            <div class="info">
                <h1>{keep_sizes(&card.name)}</h1>
                <p class="price-line"><Price amount=card.price /> <span class="unit">{fill(t.per_unit, &[("unit", &unit_name(locale(), &card.unit, 1))])}</span></p>
                <p class="facts-line">
                    <span class=if card.stock == 0 { "stock out" } else { "stock" }>{stock}</span>
                    " · "
                    <span class="sold">{fill(t.sold_n, &[("n", &format_number(sold, t))])}</span>
                    " · "
                    <span class="rating">{rating.label(t)}</span>
                </p>
                {buy_box}
                {take_down}
                <a class="shop-link" href=paths::shop(&shop.slug)>
                    <strong>{shop.name}</strong>
                    <span>{shop.kind.label(t)} " · " {fill(t.kec_prefix, &[("k", &shop.kecamatan)])}</span>
                </a>
                <h2>{t.description}</h2>
                <p class="description">{description}</p>
            </div>
        </article>
    }
}

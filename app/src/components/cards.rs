//! Product and shop cards.

use crate::i18n::{fill, locale, t, unit_name};
use crate::model::{self, format_number, format_rupiah};
use leptos::prelude::*;

/// A price in rupiah, `Rp12.500`.
#[component]
pub fn Price(amount: i64) -> impl IntoView {
    view! { <span class="price">{format_rupiah(amount)}</span> }
}

/// A product tile: photo, name, price, shop and stock state. `first`: the
/// tile opens the page's first screen, so its photo loads at once (it is
/// the largest thing painted) instead of lazily.
#[component]
pub fn ProductCard(product: model::ProductCard, #[prop(optional)] first: bool) -> impl IntoView {
    let href = crate::paths::product(product.id);
    let photo = product.photo.map(|ph| {
        let sizes = ph
            .srcset
            .is_some()
            .then_some("(max-width: 600px) 50vw, 240px");
        view! {
            <img
                src=ph.url
                srcset=ph.srcset
                sizes=sizes
                width=ph.width
                height=ph.height
                loading=if first { "eager" } else { "lazy" }
                fetchpriority=first.then_some("high")
                decoding="async"
                alt=""
            />
        }
    });
    let t = t();
    let stock = if product.stock == 0 {
        view! { <span class="stock out">{t.out_of_stock}</span> }.into_any()
    } else if product.stock <= 5 {
        view! { <span class="stock low">{fill(t.stock_left, &[("n", &product.stock)])}</span> }
            .into_any()
    } else {
        ().into_any()
    };
    view! {
        <li class="product-card">
            <a href=href>
                <div class="photo">{photo}</div>
                <div class="body">
                    <h3 class="name">{model::keep_sizes(&product.name)}</h3>
                    <Price amount=product.price />
                    <span class="unit">{fill(t.per_unit, &[("unit", &unit_name(locale(), &product.unit, 1))])}</span>
                    <p class="shop">{product.shop_name} " · " {product.kecamatan}</p>
                    {stock}
                </div>
            </a>
        </li>
    }
}

/// A grid of product tiles. `lcp`: the grid opens the page, so its first
/// row's photos load at once.
#[component]
pub fn ProductGrid(
    products: Vec<model::ProductCard>,
    #[prop(optional)] lcp: bool,
) -> impl IntoView {
    view! {
        <ul class="product-grid">
            {products
                .into_iter()
                .enumerate()
                .map(|(i, p)| view! { <ProductCard product=p first=lcp && i < 2 /> })
                .collect_view()}
        </ul>
    }
}

/// A shop tile: name, kind, MBR badge, kecamatan, product count.
#[component]
pub fn ShopCard(shop: model::ShopCard) -> impl IntoView {
    let href = crate::paths::shop(&shop.slug);
    let t = t();
    let kind = shop.kind.label(t);
    let place = fill(t.kec_prefix, &[("k", &shop.kecamatan)]);
    let count = fill(
        t.n_products,
        &[("n", &format_number(shop.product_count, t))],
    );
    view! {
        <li class="shop-card">
            <a href=href>
                <h3 class="name">{shop.name}</h3>
                <p class="meta">
                    <span class="badge kind">{kind}</span>
                    {shop.is_mbr.then(|| view! { <span class="badge mbr">{t.mbr_badge} <span class="visually-hidden">{t.mbr_title}</span></span> })}
                </p>
                <p class="where">{place} " · " {count}</p>
            </a>
        </li>
    }
}

//! `/toko/:slug`: one shop and its products.

use crate::api::catalog::shop;
use crate::components::{page_data, PageTitle, ProductGrid, Seo};
use crate::model::ShopDetail;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The shop page.
#[component]
pub fn ShopPage() -> impl IntoView {
    let slug = use_params_map()
        .get_untracked()
        .get("slug")
        .unwrap_or_default();
    page_data(move || shop(slug.clone()), |s| view! { <ShopView s /> })
}

#[component]
fn ShopView(s: ShopDetail) -> impl IntoView {
    let ShopDetail {
        card,
        address,
        description,
        open_hours,
        products,
        rating,
    } = s;
    let empty = products.is_empty();
    let title = format!("{} — Peken", card.name);
    let summary: String = description.chars().take(160).collect();
    view! {
        <PageTitle text=format!("{} — Peken", card.name) />
        <Seo title=title description=summary path=format!("/toko/{}", card.slug) />
        <section class="shop-page">
            <h1>{card.name}</h1>
            <p class="meta">
                <span class="badge kind">{card.kind.label()}</span>
                {card.is_mbr.then(|| view! { <span class="badge mbr">"MBR"</span> })}
                " Kec. " {card.kecamatan}
            </p>
            <p>{description}</p>
            <p class="address">{address}</p>
            <p class="hours">{open_hours}</p>
            <p class="rating">{rating.label()}</p>
        </section>
        <section class="block">
            <h2>"Produk"</h2>
            {if empty {
                view! { <p class="empty">"Toko ini belum punya produk aktif."</p> }.into_any()
            } else {
                view! { <ProductGrid products /> }.into_any()
            }}
        </section>
    }
}

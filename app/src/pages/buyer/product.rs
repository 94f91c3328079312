//! `/produk/:id`: one product.

use crate::api::catalog::product;
use crate::components::{absolute_url, page_data, JsonLd, NotFound, PageTitle, Price, Seo};
use crate::model::ProductDetail;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

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
    page_data(move || product(id), |p| view! { <ProductView p /> }).into_any()
}

#[component]
fn ProductView(p: ProductDetail) -> impl IntoView {
    let ProductDetail {
        card,
        description,
        category,
        shop,
        sold,
    } = p;
    let title = format!("{} — {} — Peken", card.name, shop.name);
    let stock = match card.stock {
        0 => "Stok habis".to_string(),
        n => format!("Stok {n} {}", card.unit),
    };
    let path = format!("/produk/{}", card.id);
    let summary: String = description.chars().take(160).collect();
    let json_ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": card.name,
        "description": description,
        "category": category.name,
        "url": absolute_url(&path),
        "image": card.photo.as_ref().map(|p| absolute_url(&p.url)),
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
    })
    .to_string();
    let image = card.photo.as_ref().map(|p| p.url.clone());
    let photo = card.photo.map(|ph| {
        view! { <img src=ph.url width=ph.width height=ph.height alt=card.name.clone() /> }
    });
    view! {
        <PageTitle text=title.clone() />
        <Seo title description=summary path image=image.unwrap_or_default() kind="product" />
        <JsonLd json=json_ld />
        <nav class="breadcrumb" aria-label="Jejak">
            <a href="/">"Beranda"</a>
            " › "
            <a href=format!("/kategori/{}", category.slug)>{category.name.clone()}</a>
            " › "
            <span aria-current="page">{card.name.clone()}</span>
        </nav>
        <article class="product-page">
            <div class="photo">{photo}</div>
            <div class="info">
                <h1>{card.name.clone()}</h1>
                <p class="price-line"><Price amount=card.price /> <span class="unit">" / " {card.unit}</span></p>
                <p class=if card.stock == 0 { "stock out" } else { "stock" }>{stock}</p>
                <p class="sold">{sold} " terjual"</p>
                <a class="shop-link" href=format!("/toko/{}", shop.slug)>
                    <strong>{shop.name}</strong>
                    <span>{shop.kind.label()} " · Kec. " {shop.kecamatan}</span>
                </a>
                <h2>"Deskripsi"</h2>
                <p class="description">{description}</p>
            </div>
        </article>
    }
}

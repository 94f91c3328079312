//! `/`: the marketplace front page.

use crate::api::catalog::home;
use crate::components::{page_data, KecamatanPicker, PageTitle, ProductGrid, Seo, ShopCard};
use crate::model::{format_number, format_rupiah, format_wib, HomeData};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The home page: categories, shops (by kecamatan), newest and popular products.
#[component]
pub fn HomePage() -> impl IntoView {
    // Present but empty means "all kecamatan" (and forgets the remembered one).
    let kecamatan = use_query_map().get_untracked().get("kecamatan");
    view! {
        <PageTitle text="Peken — Belanja di toko kelontong dan UMKM Surabaya" />
        <Seo
            title="Peken — Belanja di toko kelontong dan UMKM Surabaya"
            description="Belanja kebutuhan harian, kue, batik dan kerajinan dari toko kelontong dan UMKM Kota Surabaya. Diantar ke alamat Anda."
            path="/"
        />
        {page_data(
            move || home(kecamatan.clone()),
            |data| view! { <HomeView data /> },
        )}
    }
}

#[component]
fn HomeView(data: HomeData) -> impl IntoView {
    let HomeData {
        as_of,
        stats,
        categories,
        kecamatan,
        selected_kecamatan,
        shops,
        newest,
        popular,
    } = data;
    let shops_heading = match &selected_kecamatan {
        Some(k) => format!("Toko di Kecamatan {k}"),
        None => "Toko di Surabaya".to_string(),
    };
    let no_shops = shops.is_empty();
    view! {
        <section class="hero">
            <h1>"Belanja dari tetangga sendiri"</h1>
            <p>
                "Toko kelontong dan UMKM Surabaya, diantar ke alamat Anda. "
                <strong>{format_number(stats.shops)}</strong> " toko, "
                <strong>{format_number(stats.products)}</strong> " produk, "
                <strong>{format_number(stats.completed_orders)}</strong> " pesanan selesai senilai "
                <strong>{format_rupiah(stats.completed_value)}</strong> "."
            </p>
            <p class="as-of">"Data per " {format_wib(as_of)}</p>
        </section>

        <section id="kategori" class="block">
            <h2>"Kategori"</h2>
            <ul class="chips">
                {categories
                    .into_iter()
                    .map(|c| {
                        view! {
                            <li class="chip">
                                <a href=format!("/kategori/{}", c.slug)>
                                    {c.name} <span class="count">{c.product_count}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>

        <section id="toko" class="block">
            <div class="block-head">
                <h2>{shops_heading}</h2>
                <KecamatanPicker options=kecamatan selected=selected_kecamatan action="/#toko".to_string() />
            </div>
            {if no_shops {
                view! { <p class="empty">"Belum ada toko terverifikasi di kecamatan ini. Coba kecamatan tetangga."</p> }.into_any()
            } else {
                view! {
                    <ul class="shop-grid">
                        {shops.into_iter().map(|s| view! { <ShopCard shop=s /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>

        <section class="block">
            <h2>"Produk terbaru"</h2>
            <ProductGrid products=newest />
        </section>

        <section class="block">
            <h2>"Paling laris"</h2>
            <ProductGrid products=popular />
        </section>
    }
}

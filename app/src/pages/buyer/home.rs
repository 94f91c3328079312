//! `/`: the marketplace front page.

use crate::api::catalog::home;
use crate::components::{
    page_data, KecamatanForm, KecamatanPicker, PageTitle, ProductGrid, Seo, ShopCard,
};
use crate::i18n::{fill, t};
use crate::model::{format_number, format_rupiah, format_wib, HomeData};
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The home page: categories, shops (by kecamatan), newest and popular products.
#[component]
pub fn HomePage() -> impl IntoView {
    // Present but empty means "all kecamatan" (and forgets the remembered one).
    let kecamatan = use_query_map().get_untracked().get("kecamatan");
    let t = t();
    view! {
        <PageTitle text=t.home_title />
        <Seo title=t.home_title description=t.home_description path="/" />
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
    let t = t();
    let shops_heading = match &selected_kecamatan {
        Some(k) => fill(t.shops_in_kecamatan, &[("k", k)]),
        None => t.shops_in_city.to_string(),
    };
    let no_shops = shops.is_empty();
    let all_shops = match &selected_kecamatan {
        Some(k) => format!("{}?kecamatan={}", paths::SHOPS, crate::web::url_encode(k)),
        None => paths::SHOPS.to_string(),
    };
    let any_mbr = shops.iter().any(|s| s.is_mbr);
    let hero = fill(
        t.hero_text,
        &[
            ("shops", &format_number(stats.shops, t)),
            ("products", &format_number(stats.products, t)),
            ("orders", &format_number(stats.completed_orders, t)),
            ("value", &format_rupiah(stats.completed_value)),
        ],
    );
    let words = [t.kecamatan, t.all_kecamatan, t.show].map(String::from);
    view! {
        <section class="hero">
            <h1>{t.hero_title}</h1>
            <p>{hero}</p>
            <p class="as-of">{fill(t.as_of, &[("when", &format_wib(as_of))])}</p>
        </section>

        <section id="kategori" class="block">
            <h2>{t.categories}</h2>
            <ul class="chips">
                {categories
                    .into_iter()
                    .map(|c| {
                        view! {
                            <li class="chip">
                                <a href=paths::category(&c.slug)>
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
                <KecamatanPicker>
                    <KecamatanForm options=kecamatan selected=selected_kecamatan action="/#toko".to_string() words />
                </KecamatanPicker>
            </div>
            {if no_shops {
                view! { <p class="empty">{t.no_shops_here}</p> }.into_any()
            } else {
                view! {
                    <ul class="shop-grid">
                        {shops.into_iter().map(|s| view! { <ShopCard shop=s /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {any_mbr.then(|| view! {
                <p class="mbr-note"><span class="badge mbr">{t.mbr_badge}</span> " " {t.mbr_explain_short}</p>
            })}
            <p class="more"><a href=all_shops>{t.see_all_shops}</a></p>
        </section>

        <section class="block">
            <h2>{t.newest}</h2>
            <ProductGrid products=newest />
        </section>

        <section class="block">
            <h2>{t.popular}</h2>
            <ProductGrid products=popular />
        </section>
    }
}

//! `/toko`: every verified shop, narrowed by name, kecamatan, kind and MBR,
//! a page at a time. A plain GET form: works without JavaScript, and every
//! filtered list has its own URL.

use crate::api::catalog::shop_directory;
use crate::components::{
    current_params, page_data, NoIndex, PageTitle, Pager, Seo, ShopCard, ShopFilterFields,
};
use crate::i18n::{fill, t};
use crate::model::{format_number, ShopDirectory};
use crate::paths;
use leptos::prelude::*;

#[component]
pub fn ShopsPage() -> impl IntoView {
    let p = current_params();
    let t = t();
    // The unfiltered first page is the page to index; the rest are variations.
    let indexable = p == crate::model::SearchParams::default();
    view! {
        <PageTitle text=t.shops_title />
        {(!indexable).then(|| view! { <NoIndex follow=true /> })}
        {indexable.then(|| view! { <Seo title=t.shops_title description=t.shops_description path=paths::SHOPS /> })}
        {page_data(
            move || {
                let p = p.clone();
                shop_directory(p.q, p.kecamatan, p.jenis, p.mbr, p.halaman)
            },
            |d| view! { <ShopsView d /> },
        )}
    }
}

#[component]
fn ShopsView(d: ShopDirectory) -> impl IntoView {
    let ShopDirectory {
        params,
        shops,
        total,
        page,
        pages,
        kecamatan,
    } = d;
    let t = t();
    let value = |k: &str| params.get(k).unwrap_or_default().to_string();
    let open = ["kecamatan", "jenis", "mbr"]
        .iter()
        .any(|k| params.get(k).is_some());
    let count = fill(t.n_shops, &[("n", &format_number(total, t))]);
    let list = if shops.is_empty() {
        view! {
            <div class="empty-state">
                <p class="empty">{t.no_shops_found}</p>
                <p><a class="btn" href=paths::SHOPS>{t.all_shops}</a></p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <ul class="shop-grid">
                {shops.into_iter().map(|s| view! { <ShopCard shop=s /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <nav class="breadcrumb" aria-label=t.breadcrumb>
            <a href=paths::HOME>{t.nav_home}</a>
            " › "
            <span aria-current="page">{t.nav_shops}</span>
        </nav>
        <section class="block shops-page">
            <h1>{t.shops_title}</h1>
            <p class="lead">{t.shops_lead}</p>
            <form class="search-form shop-filter" method="get" action=paths::SHOPS role="search" aria-label=t.find_shop>
                <div class="search-row">
                    <label for="toko-q" class="visually-hidden">{t.shop_name}</label>
                    <input id="toko-q" type="search" name="q" value=value("q") placeholder=t.shop_name_placeholder maxlength="100" />
                    <button type="submit" class="btn primary">{t.search_button}</button>
                </div>
                <details class="filters" open=open>
                    <summary>{t.filters}</summary>
                    <div class="filter-grid">
                        <ShopFilterFields params=params.clone() kecamatan />
                        <label class="check">
                            <input type="checkbox" name="mbr" value="1" checked=params.get("mbr").is_some() />
                            <span>{t.mbr_only}</span>
                        </label>
                    </div>
                    <button type="submit" class="btn">{t.apply}</button>
                </details>
            </form>
            <h2>{count}</h2>
            {list}
            <p class="mbr-note"><span class="badge mbr">{t.mbr_badge}</span> " " {t.mbr_explain_short}</p>
            <Pager params=params.clone() base=paths::SHOPS page pages />
        </section>
    }
}

//! `/toko/:slug?q=…&urut=…&halaman=N`: one shop and its products, with a
//! search inside the shop.

use crate::api::catalog::shop;
use crate::components::{current_params, Pager, ProblemList, SortOptions};
use crate::components::{page_data, PageTitle, ProductGrid, Seo};
use crate::i18n::{fill, t};
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
    let p = current_params();
    page_data(
        move || shop(slug.clone(), p.q.clone(), p.urut.clone(), p.halaman.clone()),
        |s| view! { <ShopView s /> },
    )
}

#[component]
fn ShopView(s: ShopDetail) -> impl IntoView {
    let ShopDetail {
        card,
        address,
        description,
        open_hours,
        photo,
        products,
        rating,
        at_cap,
    } = s;
    let t = t();
    let base = crate::paths::shop(&card.slug);
    let title = format!("{} — Peken", card.name);
    let summary: String = description.chars().take(160).collect();
    let params = products.params.clone();
    let q = params.get("q").map(str::to_string);
    let (page, pages, total, sort) = (products.page, products.pages, products.total, products.sort);
    let shown = products.count_text(t);
    let problems = products.problems.clone();
    let list = products.products;
    let body = if at_cap {
        view! { <p class="alert warn" role="status">{t.shop_at_cap}</p> }.into_any()
    } else if total == 0 {
        match &q {
            Some(q) => view! {
                <p class="empty">{fill(t.shop_no_match, &[("q", q)])}</p>
                <p><a class="btn" href=base.clone()>{t.all_shop_products}</a></p>
            }
            .into_any(),
            None => view! { <p class="empty">{t.shop_no_products}</p> }.into_any(),
        }
    } else if list.is_empty() {
        view! {
            <p class="empty">{fill(t.page_empty, &[("page", &page), ("pages", &pages)])}</p>
            <p><a class="btn" href=params.href(&base, 1)>{t.first_page}</a></p>
        }
        .into_any()
    } else {
        view! {
            <ProductGrid products=list lcp=true />
            <Pager params=params.clone() base=base.clone() page pages />
        }
        .into_any()
    };
    let count = match &q {
        Some(q) => fill(t.results_for, &[("n", &shown), ("q", q)]),
        None => fill(t.n_products, &[("n", &shown)]),
    };
    view! {
        <PageTitle text=title.clone() />
        <Seo title description=summary path=base.clone() />
        <section class="shop-page">
            {photo.map(|ph| view! {
                <img class="shop-photo" src=ph.url srcset=ph.srcset sizes="160px" width="160" height="160" alt="" />
            })}
            <h1>{card.name}</h1>
            <p class="meta">
                <span class="badge kind">{card.kind.label(t)}</span>
                {card.is_mbr.then(|| view! { <span class="badge mbr">{t.mbr_badge}</span> })}
                " " {fill(t.kec_prefix, &[("k", &card.kecamatan)])}
            </p>
            {card.is_mbr.then(|| view! { <p class="mbr-note"><span class="badge mbr">{t.mbr_badge}</span> " " {t.mbr_explain_short}</p> })}
            <p>{description}</p>
            <p class="address">{address}</p>
            <p class="hours">{open_hours}</p>
            <p class="rating">{rating.label(t)}</p>
        </section>
        <section class="block">
            <h2>{t.products}</h2>
            <ProblemList problems />
            <form class="search-form shop-search" method="get" action=base.clone() role="search" aria-label=t.search_in_shop>
                <div class="search-row">
                    <label for="cari-toko" class="visually-hidden">{t.search_in_shop}</label>
                    <input id="cari-toko" type="search" name="q" value=q.clone().unwrap_or_default() placeholder=t.search_in_shop maxlength="200" />
                    <label for="urut-toko" class="visually-hidden">{t.sort_by}</label>
                    <select id="urut-toko" name="urut">
                        <SortOptions sort />
                    </select>
                    <button type="submit" class="btn primary">{t.search_button}</button>
                </div>
            </form>
            <p class="lead">{count}</p>
            {body}
        </section>
    }
}

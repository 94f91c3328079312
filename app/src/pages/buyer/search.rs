//! `/cari`: search and filtered browsing. Everything is in the URL (a
//! plain GET form), so results survive a reload, can be shared, and work
//! without JavaScript.

use crate::api::search::search;
use crate::components::{
    current_params, page_data, NoIndex, PageTitle, Pager, ProblemList, ProductGrid, ShopCard,
    ShopFilterFields, SortOptions,
};
use crate::i18n::{fill, t, Texts};
use crate::model::{
    format_number, format_rupiah, parse_rupiah, Category, SearchPage, SearchParams, SearchSort,
    ShopKind, FILTER_KEYS,
};
use crate::paths;
use leptos::prelude::*;

#[component]
pub fn SearchPageView() -> impl IntoView {
    let p = current_params();
    let tx = t();
    let title = match p.get("q") {
        Some(q) => fill(tx.search_title_q, &[("q", &q)]),
        None => tx.search_title.to_string(),
    };
    view! {
        <PageTitle text=title />
        // Result pages are endless variations; search engines get the
        // catalog through the sitemap instead.
        <NoIndex follow=true />
        {page_data(
            move || {
                let p = p.clone();
                search(
                    p.q, p.kategori, p.kecamatan, p.jenis, p.mbr, p.harga_min, p.harga_maks,
                    p.stok, p.urut, p.halaman,
                )
            },
            |page| view! { <SearchView page /> },
        )}
    }
}

/// How an active filter reads on its chip.
fn filter_label(t: &Texts, key: &str, value: &str, categories: &[Category]) -> String {
    match key {
        "kategori" => categories
            .iter()
            .find(|c| c.slug == value)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| value.to_string()),
        "kecamatan" => fill(t.kec_prefix, &[("k", &value)]),
        "jenis" => ShopKind::parse(value)
            .map(|k| k.label(t).to_string())
            .unwrap_or_else(|| value.to_string()),
        "mbr" => t.mbr_only.to_string(),
        "stok" => t.in_stock_only.to_string(),
        "harga_min" => match parse_rupiah(value) {
            Some(v) => fill(t.price_from, &[("p", &format_rupiah(v))]),
            None => value.to_string(),
        },
        "harga_maks" => match parse_rupiah(value) {
            Some(v) => fill(t.price_to, &[("p", &format_rupiah(v))]),
            None => value.to_string(),
        },
        _ => value.to_string(),
    }
}

#[component]
fn SearchView(page: SearchPage) -> impl IntoView {
    let t = t();
    let count = page.count_text(t);
    let SearchPage {
        params,
        sort,
        products,
        total,
        more,
        page,
        pages,
        corrected,
        problems,
        categories,
        kecamatan,
        shops,
        shops_total,
    } = page;
    let q = params.get("q").map(str::to_string);
    let shops_found = (!shops.is_empty()).then(|| {
        let all = format!(
            "{}?q={}",
            paths::SHOPS,
            crate::web::url_encode(q.as_deref().unwrap_or_default())
        );
        let more = (shops_total > shops.len() as i64).then(|| {
            let text = fill(
                t.shops_matching_all,
                &[("n", &format_number(shops_total, t))],
            );
            view! { <p class="more"><a href=all>{text}</a></p> }
        });
        view! {
            <section class="found-shops" aria-labelledby="toko-cocok">
                <h2 id="toko-cocok">{t.shops_matching}</h2>
                <ul class="shop-grid">
                    {shops.into_iter().map(|s| view! { <ShopCard shop=s /> }).collect_view()}
                </ul>
                {more}
            </section>
        }
    });
    let heading = match (&q, &corrected) {
        (_, Some(used)) => fill(t.results_for, &[("n", &count), ("q", used)]),
        (Some(q), None) => fill(t.results_for, &[("n", &count), ("q", q)]),
        (None, None) => fill(t.results_all, &[("n", &count)]),
    };
    let correction = corrected.map(|used| {
        let typed = q.clone().unwrap_or_default();
        view! {
            <p class="alert info" role="status">
                {fill(t.corrected, &[("typed", &typed), ("used", &used)])}
            </p>
        }
    });
    let chips: Vec<(String, String)> = FILTER_KEYS
        .iter()
        .filter_map(|k| {
            params.get(k).map(|v| {
                (
                    filter_label(t, k, v, &categories),
                    params.without(k).href(paths::SEARCH, 1),
                )
            })
        })
        .collect();
    let active = (!chips.is_empty()).then(|| {
        let clear = params.without_filters().href(paths::SEARCH, 1);
        view! {
            <ul class="chips active-filters" aria-label=t.active_filters>
                {chips
                    .into_iter()
                    .map(|(label, href)| {
                        let aria = fill(t.remove_filter, &[("name", &label)]);
                        view! {
                            <li class="chip">
                                <a href=href aria-label=aria>
                                    {label}
                                    <span aria-hidden="true">" ×"</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
                <li class="chip clear">
                    <a href=clear>{t.clear_filters}</a>
                </li>
            </ul>
        }
    });
    let body = if total == 0 {
        let message = match &q {
            Some(q) => fill(t.no_results, &[("q", q)]),
            None => t.no_results_filters.to_string(),
        };
        let unfiltered = (params.has_filters() && q.is_some()).then(|| {
            let href = params.without_filters().href(paths::SEARCH, 1);
            let text = fill(
                t.search_without_filters,
                &[("q", &q.clone().unwrap_or_default())],
            );
            view! { <p><a class="btn" href=href>{text}</a></p> }
        });
        let cats = categories.clone();
        view! {
            <div class="empty-state">
                <p class="empty">{message}</p>
                {unfiltered}
                <p>{t.no_results_tips}</p>
                <ul class="chips">
                    {cats
                        .into_iter()
                        .map(|c| {
                            view! {
                                <li class="chip">
                                    <a href=paths::category(&c.slug)>{c.name}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
        .into_any()
    } else if products.is_empty() {
        view! {
            <div class="empty-state">
                <p class="empty">{fill(t.page_empty, &[("page", &page), ("pages", &pages)])}</p>
                <p><a class="btn" href=params.href(paths::SEARCH, 1)>{t.first_page}</a></p>
            </div>
        }
        .into_any()
    } else {
        // The count stopped at the cap: from its last page on, say how to
        // find the rest.
        let capped = (more && page >= pages).then(|| {
            let n = format_number(total, t);
            view! { <p class="note">{fill(t.results_capped, &[("n", &n)])}</p> }
        });
        view! {
            <h2 class="visually-hidden">{t.products_heading}</h2>
            <ProductGrid products lcp=true />
            {capped}
            <Pager params=params.clone() base=paths::SEARCH page pages />
        }
        .into_any()
    };
    view! {
        <section class="block search-page">
            <h1>{heading}</h1>
            {correction}
            <ProblemList problems />
            <SearchForm params=params.clone() sort categories kecamatan />
            {active}
            {shops_found}
            {body}
        </section>
    }
}

/// The search form with its filters. Inputs show what was typed, even
/// when it could not be used (the message above says why).
#[component]
fn SearchForm(
    params: SearchParams,
    sort: SearchSort,
    categories: Vec<Category>,
    kecamatan: Vec<String>,
) -> impl IntoView {
    let t = t();
    let value = |k: &str| params.get(k).unwrap_or_default().to_string();
    let open = params.has_filters() || params.get("urut").is_some();
    let kategori = value("kategori");
    view! {
        <form class="search-form" method="get" action=paths::SEARCH role="search" aria-label=t.search_label_page>
            <div class="search-row">
                <label for="s-q" class="visually-hidden">{t.search_label}</label>
                <input id="s-q" type="search" name="q" value=value("q") placeholder=t.search_placeholder maxlength="200" />
                <button type="submit" class="btn primary">{t.search_button}</button>
            </div>
            <details class="filters" open=open>
                <summary>{t.filters}</summary>
                <div class="filter-grid">
                    <label>
                        <span>{t.categories}</span>
                        <select name="kategori">
                            <option value="" selected=kategori.is_empty()>{t.all_categories}</option>
                            {categories
                                .into_iter()
                                .map(|c| {
                                    let sel = c.slug == kategori;
                                    view! { <option value=c.slug selected=sel>{c.name}</option> }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <ShopFilterFields params=params.clone() kecamatan />
                    <label>
                        <span>{t.price_min}</span>
                        <input name="harga_min" inputmode="numeric" value=value("harga_min") maxlength="20" />
                    </label>
                    <label>
                        <span>{t.price_max}</span>
                        <input name="harga_maks" inputmode="numeric" value=value("harga_maks") maxlength="20" />
                    </label>
                    <label>
                        <span>{t.sort_by}</span>
                        <select name="urut">
                            <SortOptions sort />
                        </select>
                    </label>
                    <label class="check">
                        <input type="checkbox" name="mbr" value="1" checked=params.get("mbr").is_some() aria-describedby="mbr-arti" />
                        <span>{t.mbr_only}</span>
                    </label>
                    <p class="hint" id="mbr-arti">{t.mbr_hint}</p>
                    <label class="check">
                        <input type="checkbox" name="stok" value="1" checked=params.get("stok").is_some() />
                        <span>{t.in_stock_only}</span>
                    </label>
                </div>
                <button type="submit" class="btn">{t.apply}</button>
            </details>
        </form>
    }
}

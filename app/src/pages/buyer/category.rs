//! `/kategori/:slug?halaman=N`: a category's products, page by page.

use crate::api::catalog::category;
use crate::components::Pager;
use crate::components::{page_data, PageTitle, ProductGrid, Seo};
use crate::i18n::{fill, t};
use crate::model::{format_number, CategoryPage, SearchParams};
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CategoryPageView() -> impl IntoView {
    let slug = use_params_map()
        .get_untracked()
        .get("slug")
        .unwrap_or_default();
    let page = use_query_map().get_untracked().get("halaman");
    // A page number that is not a number is a page that does not exist.
    let page = match page {
        None => Some(1),
        Some(p) => p.parse::<i64>().ok(),
    };
    let page = page.unwrap_or(0);
    page_data(
        move || category(slug.clone(), Some(page)),
        |c| view! { <CategoryView c /> },
    )
}

#[component]
fn CategoryView(c: CategoryPage) -> impl IntoView {
    let CategoryPage {
        category,
        products,
        page,
        pages,
    } = c;
    let base = paths::category(&category.slug);
    let path = if page == 1 {
        base.clone()
    } else {
        format!("{base}?halaman={page}")
    };
    let t = t();
    let title = if page == 1 {
        fill(t.category_title, &[("name", &category.name)])
    } else {
        fill(
            t.category_title_page,
            &[("name", &category.name), ("page", &page)],
        )
    };
    let description = fill(
        t.category_description,
        &[
            ("n", &format_number(category.product_count, t)),
            ("name", &category.name.to_lowercase()),
        ],
    );
    let empty = products.is_empty();
    let params = SearchParams::default();
    view! {
        <PageTitle text=title.clone() />
        <Seo title description path />
        <nav class="breadcrumb" aria-label=t.breadcrumb>
            <a href=paths::HOME>{t.nav_home}</a>
            " › "
            <a href="/#kategori">{t.nav_categories}</a>
            " › "
            <span aria-current="page">{category.name.clone()}</span>
        </nav>
        <section class="block category-page">
            <h1>{category.name.clone()}</h1>
            <p class="lead">
                {fill(t.n_products, &[("n", &format_number(category.product_count, t))])} " · "
                <a href=format!("{}?kategori={}", paths::SEARCH, category.slug)>{t.filters}</a>
            </p>
            {if empty {
                view! { <p class="empty">{t.category_empty}</p> }.into_any()
            } else {
                view! {
                    <h2 class="visually-hidden">{t.products_heading}</h2>
                    <ProductGrid products lcp=true />
                }
                .into_any()
            }}
            <Pager params base page pages />
        </section>
    }
}

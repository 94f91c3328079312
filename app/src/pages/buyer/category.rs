//! `/kategori/:slug?halaman=N`: a category's products, page by page.

use crate::api::catalog::category;
use crate::components::{page_data, PageTitle, ProductGrid, Seo};
use crate::model::{format_number, CategoryPage};
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
    let base = format!("/kategori/{}", category.slug);
    let path = if page == 1 {
        base.clone()
    } else {
        format!("{base}?halaman={page}")
    };
    let link = |n: i64| {
        if n == 1 {
            base.clone()
        } else {
            format!("{base}?halaman={n}")
        }
    };
    let title = if page == 1 {
        format!("{} — Peken Surabaya", category.name)
    } else {
        format!("{} (halaman {page}) — Peken Surabaya", category.name)
    };
    let description = format!(
        "{} produk {} dari toko kelontong dan UMKM Surabaya.",
        format_number(category.product_count),
        category.name.to_lowercase()
    );
    let prev = (page > 1).then(|| link(page - 1));
    let next = (page < pages).then(|| link(page + 1));
    let empty = products.is_empty();
    view! {
        <PageTitle text=title.clone() />
        <Seo title description path />
        <nav class="breadcrumb" aria-label="Jejak">
            <a href="/">"Beranda"</a>
            " › "
            <a href="/#kategori">"Kategori"</a>
            " › "
            <span aria-current="page">{category.name.clone()}</span>
        </nav>
        <section class="block category-page">
            <h1>{category.name.clone()}</h1>
            <p class="lead">{format_number(category.product_count)} " produk"</p>
            {if empty {
                view! { <p class="empty">"Belum ada produk di kategori ini."</p> }.into_any()
            } else {
                view! { <ProductGrid products /> }.into_any()
            }}
            {(pages > 1)
                .then(|| {
                    view! {
                        <nav class="pager" aria-label="Halaman">
                            {prev.map(|h| view! { <a href=h rel="prev">"‹ Sebelumnya"</a> })}
                            <span>{format!("Halaman {page} dari {pages}")}</span>
                            {next.map(|h| view! { <a href=h rel="next">"Berikutnya ›"</a> })}
                        </nav>
                    }
                })}
        </section>
    }
}

//! Search and filtered browsing: public, like the rest of the catalog.

// One argument per URL parameter: the server function's generated client
// stub has them all, and the macro does not carry attributes over to it.
#![allow(clippy::too_many_arguments)]

use crate::model::{AppError, SearchPage};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// How many products a results page lists.
pub const SEARCH_PAGE_PRODUCTS: i64 = 24;

/// One page of products matching the words and filters (all optional; none
/// at all lists every product, best sellers first). Parameters that are not
/// understood are left out and reported in `problems`, never an error.
#[server(prefix = "/api", endpoint = "cari", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn search(
    q: Option<String>,
    kategori: Option<String>,
    kecamatan: Option<String>,
    jenis: Option<String>,
    mbr: Option<String>,
    harga_min: Option<String>,
    harga_maks: Option<String>,
    stok: Option<String>,
    urut: Option<String>,
    halaman: Option<String>,
) -> Result<SearchPage, AppError> {
    let params = crate::model::SearchParams::from_options([
        ("q", q),
        ("kategori", kategori),
        ("kecamatan", kecamatan),
        ("jenis", jenis),
        ("mbr", mbr),
        ("harga_min", harga_min),
        ("harga_maks", harga_maks),
        ("stok", stok),
        ("urut", urut),
        ("halaman", halaman),
    ]);
    let state = crate::server::state::state();
    ssr::run(&state, params, None).await
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::SEARCH_PAGE_PRODUCTS;
    use crate::api::catalog::ssr::{cached_categories, cached_kecamatan, internal};
    use crate::model::{
        parse_rupiah, AppError, SearchPage, SearchParams, SearchProblem, SearchSort, ShopKind,
    };
    use crate::server::search::{query_words, Vocabulary};
    use crate::server::store::{SearchFilter, SearchHits};
    use crate::server::AppState;
    use std::sync::Arc;

    /// Interprets `params` and runs the search; `shop_id` keeps it inside
    /// one shop (then only the words, the order and the page apply).
    pub async fn run(
        state: &AppState,
        params: SearchParams,
        shop_id: Option<i64>,
    ) -> Result<SearchPage, AppError> {
        let store = &state.store;
        // The lists feed the filter form; a shop's own search has none.
        let (categories, kecamatan) = match shop_id {
            None => (
                cached_categories(state).await?,
                cached_kecamatan(state).await?,
            ),
            Some(_) => (Vec::new(), Vec::new()),
        };
        let mut problems = Vec::new();
        let mut f = SearchFilter {
            words: query_words(params.get("q").unwrap_or_default()),
            shop_id,
            limit: SEARCH_PAGE_PRODUCTS,
            ..SearchFilter::default()
        };
        f.sort = match params.get("urut") {
            None => None,
            Some(s) => {
                let sort = SearchSort::parse(s);
                if sort.is_none() {
                    problems.push(SearchProblem::UnknownSort);
                }
                sort
            }
        }
        .unwrap_or(if f.words.is_empty() {
            SearchSort::BestSelling
        } else {
            SearchSort::Relevance
        });
        if shop_id.is_none() {
            if let Some(slug) = params.get("kategori") {
                match categories.iter().find(|c| c.slug == slug) {
                    Some(c) => f.category_id = Some(c.id),
                    None => problems.push(SearchProblem::UnknownCategory),
                }
            }
            if let Some(k) = params.get("kecamatan") {
                match kecamatan.iter().find(|n| n.eq_ignore_ascii_case(k)) {
                    Some(n) => f.kecamatan = Some(n.clone()),
                    None => problems.push(SearchProblem::UnknownKecamatan),
                }
            }
            if let Some(j) = params.get("jenis") {
                match ShopKind::parse(j) {
                    Some(kind) => f.kind = Some(kind),
                    None => problems.push(SearchProblem::UnknownKind),
                }
            }
            f.mbr_only = params.get("mbr").is_some();
            f.in_stock = params.get("stok").is_some();
            let min = params
                .get("harga_min")
                .map(|v| parse_rupiah(v).ok_or(SearchProblem::BadPriceMin));
            let max = params
                .get("harga_maks")
                .map(|v| parse_rupiah(v).ok_or(SearchProblem::BadPriceMax));
            for bad in [&min, &max].into_iter().flatten().filter_map(|r| r.err()) {
                problems.push(bad);
            }
            let (min, max) = (min.and_then(Result::ok), max.and_then(Result::ok));
            if let (Some(lo), Some(hi)) = (min, max) {
                if lo > hi {
                    problems.push(SearchProblem::PriceRangeReversed);
                } else {
                    (f.price_min, f.price_max) = (min, max);
                }
            } else {
                (f.price_min, f.price_max) = (min, max);
            }
        }
        let page = match params.get("halaman") {
            None => 1,
            Some(p) => match p.parse::<i64>() {
                Ok(n) if n >= 1 => n,
                _ => {
                    problems.push(SearchProblem::BadPage);
                    1
                }
            },
        };
        f.offset = (page - 1).saturating_mul(SEARCH_PAGE_PRODUCTS);

        let mut hits = store.search(&f).await.map_err(internal)?;
        let mut corrected = None;
        if hits.total == 0 && !f.words.is_empty() {
            // Nothing found: try the closest spelling of the words.
            let vocabulary = state
                .catalog_cache
                .vocabulary
                .get_or_load(|| async {
                    let names = store.searchable_names().await?;
                    Ok::<_, crate::server::store::StoreError>(Arc::new(Vocabulary::from_names(
                        names.iter().map(String::as_str),
                    )))
                })
                .await
                .map_err(internal)?;
            if let Some(words) = vocabulary.correct(&f.words) {
                let retry = SearchFilter {
                    words: words.clone(),
                    ..f.clone()
                };
                let again = store.search(&retry).await.map_err(internal)?;
                if again.total > 0 {
                    hits = again;
                    corrected = Some(words.join(" "));
                }
            }
        }
        let SearchHits {
            total,
            more,
            products,
        } = hits;
        let mut pages = ((total + SEARCH_PAGE_PRODUCTS - 1) / SEARCH_PAGE_PRODUCTS).max(1);
        if more && !products.is_empty() {
            // Past the counted matches there are still products to show.
            pages = pages.max(page);
        }
        Ok(SearchPage {
            params,
            sort: f.sort,
            products,
            total,
            more,
            page,
            pages,
            corrected,
            problems,
            categories,
            kecamatan,
        })
    }
}

//! Search and filtered browsing: public, like the rest of the catalog.

// One argument per URL parameter: the server function's generated client
// stub has them all, and the macro does not carry attributes over to it.
#![allow(clippy::too_many_arguments)]

use crate::model::{AppError, SearchPage};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// How many matching shops a search shows above its products.
pub const SEARCH_SHOPS: i64 = 3;

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
    use crate::api::common::{cached_categories, cached_kecamatan, internal};
    use crate::domain::search;
    use crate::model::{AppError, SearchPage, SearchParams};
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
        let words = query_words(params.get("q").unwrap_or_default());
        let (query, problems) = search::interpret(
            &params,
            !words.is_empty(),
            shop_id.is_some(),
            &categories,
            &kecamatan,
        );
        let page = query.page;
        let f = SearchFilter {
            words,
            shop_id,
            limit: search::PAGE_SIZE,
            offset: query.offset(),
            sort: query.sort,
            category_id: query.category_id,
            kecamatan: query.kecamatan,
            kind: query.kind,
            mbr_only: query.mbr_only,
            in_stock: query.in_stock,
            price_min: query.price_min,
            price_max: query.price_max,
            ..SearchFilter::default()
        };

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
        // Shops named by the words (the buyer may be looking for one), on
        // the first page of a search over the whole market.
        let (shops, shops_total) = match (shop_id, page, params.get("q")) {
            (None, 1, Some(q)) if !f.words.is_empty() => {
                crate::api::common::shop_page(
                    state,
                    &crate::server::store::ShopFilter {
                        q: q.to_string(),
                        kecamatan: f.kecamatan.clone(),
                        kind: f.kind,
                        mbr_only: f.mbr_only,
                        rotation: crate::api::common::rotation_today(),
                    },
                    super::SEARCH_SHOPS,
                    0,
                )
                .await?
            }
            _ => (Vec::new(), 0),
        };
        let pages = search::page_count(total, more, !products.is_empty(), page);
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
            shops,
            shops_total,
        })
    }
}

//! What the server functions of every domain share (server only): store
//! failures turned into the user's error with the right status, and the
//! per-instance cached lists.

use crate::model::{AppError, Category};
use crate::server::session::fail;
use crate::server::store::StoreError;
use crate::server::AppState;

/// The categories with their counts, from the per-instance cache, named
/// in the page's language.
pub async fn cached_categories(state: &AppState) -> Result<Vec<Category>, AppError> {
    let t = crate::i18n::t();
    let mut list = state
        .catalog_cache
        .categories
        .get_or_load(|| state.store.categories())
        .await
        .map_err(internal)?;
    for c in &mut list {
        c.name = crate::i18n::category_name(t, &c.slug, &c.name);
    }
    Ok(list)
}

/// Kecamatan names, from the per-instance cache.
pub async fn cached_kecamatan(state: &AppState) -> Result<Vec<String>, AppError> {
    state
        .catalog_cache
        .kecamatan
        .get_or_load(|| state.store.kecamatan_names())
        .await
        .map_err(internal)
}

/// Logs the cause; the user gets a generic message (HTTP 500).
pub fn internal(e: StoreError) -> AppError {
    fail(AppError::from(e))
}

/// A missing row is "not found" (HTTP 404); anything else is internal.
pub fn not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound => fail(AppError::NotFound),
        e => internal(e),
    }
}

/// Today's turn in the shop rotation: the WIB day number, so the order of
/// shop lists changes once a day, at midnight in Surabaya.
pub fn rotation_today() -> i64 {
    use chrono::Datelike;
    (chrono::Utc::now() + chrono::Duration::hours(7))
        .date_naive()
        .num_days_from_ce() as i64
}

/// One page of the shop directory and how many shops match: filtered in
/// memory from this instance's list of verified shops (reloaded when the
/// database's directory version moves), then only the page's cards read.
pub async fn shop_page(
    state: &AppState,
    filter: &crate::server::store::ShopFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<crate::model::ShopCard>, i64), AppError> {
    let store = &state.store;
    let cache = &state.catalog_cache.directory;
    // The page from the remembered list, its cards read with the list's
    // current version: one round trip while the list has not changed.
    // Entries are read after the version they are tagged with, so they are
    // never older than it.
    let version = match cache.peek().await {
        Some((remembered, entries)) => {
            let (ids, total) =
                crate::server::store::directory_page(&entries, filter, limit, offset);
            let (cards, version) = store.shop_cards_at_version(&ids).await.map_err(internal)?;
            if version == remembered {
                return Ok((cards, total));
            }
            version
        }
        None => store.directory_version().await.map_err(internal)?,
    };
    let entries = cache
        .get_or_load(version, || async {
            store.directory_entries().await.map(std::sync::Arc::new)
        })
        .await
        .map_err(internal)?;
    let (ids, total) = crate::server::store::directory_page(&entries, filter, limit, offset);
    Ok((store.shop_cards(&ids).await.map_err(internal)?, total))
}

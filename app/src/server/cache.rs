//! Short-lived caches for figures that need not be real-time (home-page
//! totals, category counts, best sellers). Per instance: nothing here is
//! needed by another instance, and each instance refreshes on its own.

use crate::model::{Category, MarketStats, ProductCard};
use std::{future::Future, sync::Arc, time::Duration};
use tokio::{sync::Mutex, time::Instant};

/// One cached value with a time to live. Refreshes are serialised, so an
/// expiry under load costs one query, not one per waiting request.
#[derive(Clone)]
pub struct TtlCache<T> {
    ttl: Duration,
    slot: Arc<Mutex<Option<(Instant, T)>>>,
}

impl<T: Clone> TtlCache<T> {
    pub fn new(ttl: Duration) -> Self {
        TtlCache {
            ttl,
            slot: Arc::new(Mutex::new(None)),
        }
    }

    /// The cached value if fresh; otherwise `load`s, stores and returns it.
    /// A failed load is not cached.
    pub async fn get_or_load<E, Fut>(&self, load: impl FnOnce() -> Fut) -> Result<T, E>
    where
        Fut: Future<Output = Result<T, E>>,
    {
        let mut slot = self.slot.lock().await;
        if let Some((at, value)) = slot.as_ref() {
            if at.elapsed() < self.ttl {
                return Ok(value.clone());
            }
        }
        let value = load().await?;
        *slot = Some((Instant::now(), value.clone()));
        Ok(value)
    }
}

/// One cached value tagged with the version it was loaded at: it is served
/// while the caller's current version is the same, reloaded (once, however
/// many requests wait) when it changed.
#[derive(Clone)]
pub struct VersionedCache<T> {
    slot: Arc<Mutex<Option<(i64, T)>>>,
}

impl<T: Clone> Default for VersionedCache<T> {
    fn default() -> Self {
        VersionedCache {
            slot: Arc::new(Mutex::new(None)),
        }
    }
}

impl<T: Clone> VersionedCache<T> {
    /// The value held and the version it was loaded at, if any.
    pub async fn peek(&self) -> Option<(i64, T)> {
        self.slot.lock().await.clone()
    }

    /// The value loaded at `version`, loading it if the cached one is older.
    /// A failed load is not cached.
    pub async fn get_or_load<E, Fut>(
        &self,
        version: i64,
        load: impl FnOnce() -> Fut,
    ) -> Result<T, E>
    where
        Fut: Future<Output = Result<T, E>>,
    {
        let mut slot = self.slot.lock().await;
        if let Some((v, value)) = slot.as_ref() {
            if *v == version {
                return Ok(value.clone());
            }
        }
        let value = load().await?;
        *slot = Some((version, value.clone()));
        Ok(value)
    }
}

/// The home page's slow-moving figures.
#[derive(Clone)]
pub struct CatalogCache {
    pub stats: TtlCache<MarketStats>,
    pub categories: TtlCache<Vec<Category>>,
    pub popular: TtlCache<Vec<ProductCard>>,
    /// Kecamatan names (reference data), for pickers and filters.
    pub kecamatan: TtlCache<Vec<String>>,
    /// Words of product names, for correcting misspelt queries.
    pub vocabulary: TtlCache<Arc<crate::server::search::Vocabulary>>,
    /// Every verified shop, for the directory and the home page's shops.
    pub directory: VersionedCache<Arc<crate::server::store::Directory>>,
}

impl CatalogCache {
    pub fn new(ttl: Duration) -> Self {
        CatalogCache {
            stats: TtlCache::new(ttl),
            categories: TtlCache::new(ttl),
            popular: TtlCache::new(ttl),
            kecamatan: TtlCache::new(ttl),
            vocabulary: TtlCache::new(ttl),
            directory: VersionedCache::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TtlCache;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    #[tokio::test(start_paused = true)]
    async fn serves_from_cache_until_expiry_and_never_caches_errors() {
        let loads = AtomicU32::new(0);
        let cache = TtlCache::new(Duration::from_secs(60));
        let load = || async { Ok::<_, ()>(loads.fetch_add(1, Ordering::SeqCst) + 1) };
        assert_eq!(cache.get_or_load(load).await, Ok(1));
        assert_eq!(
            cache.get_or_load(load).await,
            Ok(1),
            "fresh: no second load"
        );
        tokio::time::advance(Duration::from_secs(61)).await;
        assert_eq!(cache.get_or_load(load).await, Ok(2), "expired: reloaded");

        let failing = TtlCache::<u32>::new(Duration::from_secs(60));
        assert_eq!(
            failing.get_or_load(|| async { Err("db down") }).await,
            Err("db down")
        );
        assert_eq!(
            failing.get_or_load(|| async { Ok::<_, &str>(7) }).await,
            Ok(7),
            "errors are not cached"
        );
    }
}

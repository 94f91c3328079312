//! Moderation: the city takes a product down with a reason, the merchant
//! resubmits it after fixing it, and the city lists it again or keeps it
//! down; banned words; same-product price parity across shops. Every
//! decision is audited in the same transaction.

use super::{on_pool, BeginWrite, Store, StoreResult};
use chrono::{DateTime, Utc};

/// Why a moderation decision was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModerationRefusal {
    NotFound,
    /// Someone already decided (it is down already, or not waiting).
    Stale,
}

/// A product taken down or waiting for the city's review.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ModeratedRow {
    pub id: i64,
    pub name: String,
    pub shop_name: String,
    pub shop_slug: String,
    pub reason: String,
    pub taken_down_at: DateTime<Utc>,
    pub resubmitted_at: Option<DateTime<Utc>>,
}

/// One product sold in several shops at prices too far apart.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ParityRow {
    /// The name in search form (as grouped).
    pub name: String,
    pub unit: String,
    pub shops: i64,
    pub min_price: i64,
    pub max_price: i64,
    /// One product at each end, to open.
    pub cheapest_id: i64,
    pub dearest_id: i64,
}

/// A banned word.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BannedWord {
    pub word: String,
    pub added_by: Option<String>,
    pub added_at: DateTime<Utc>,
}

macro_rules! audit {
    ($tx:expr, $actor:expr, $action:expr, $kind:expr, $target:expr, $detail:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO audit_events (actor_id, action, target_type, target_id, detail, ip, created_at) \
             VALUES ($1, $2, $3, $4, $5, NULL, $6)",
        )
        .bind($actor)
        .bind($action)
        .bind($kind)
        .bind($target)
        .bind($detail)
        .bind($now)
        .execute(&mut *$tx)
        .await?
    };
}

const MODERATED: &str = "SELECT p.id, p.name, s.name AS shop_name, s.slug AS shop_slug, \
     p.takedown_reason AS reason, p.takedown_at AS taken_down_at, p.resubmitted_at \
     FROM products p JOIN shops s ON s.id = p.shop_id WHERE p.takedown_reason IS NOT NULL";

impl Store {
    /// The city takes product `id` down: off sale at once, the merchant
    /// cannot turn it back on, and reads `reason`.
    pub async fn take_down(
        &self,
        id: i64,
        reason: &str,
        admin: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), ModerationRefusal>> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let n = sqlx::query(
                "UPDATE products SET is_active = FALSE, takedown_reason = $1, takedown_at = $2, \
                 resubmitted_at = NULL, updated_at = $2 \
                 WHERE id = $3 AND archived_at IS NULL AND takedown_reason IS NULL")
                .bind(reason).bind(now).bind(id).execute(&mut *tx).await?.rows_affected();
            if n != 1 {
                let exists: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM products WHERE id = $1 AND archived_at IS NULL")
                    .bind(id).fetch_optional(&mut *tx).await?;
                return Ok(Err(if exists.is_some() { ModerationRefusal::Stale } else { ModerationRefusal::NotFound }));
            }
            audit!(tx, admin, "product.takedown", "product", id, reason, now);
            tx.commit().await?;
            Ok(Ok(()))
        })
    }

    /// The merchant of `shop_id` says product `id` is fixed: it waits for
    /// the city. False when it is not the shop's, not down, or already
    /// waiting.
    pub async fn resubmit_product(
        &self,
        shop_id: i64,
        id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "UPDATE products SET resubmitted_at = $1 WHERE id = $2 AND shop_id = $3 \
             AND takedown_reason IS NOT NULL AND resubmitted_at IS NULL AND archived_at IS NULL")
            .bind(now).bind(id).bind(shop_id).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    /// The city's review of a resubmitted product: `keep_down` with a new
    /// reason, or (None) listed again.
    pub async fn review_resubmitted(
        &self,
        id: i64,
        keep_down: Option<&str>,
        admin: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), ModerationRefusal>> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let n = match keep_down {
                None => sqlx::query(
                    "UPDATE products SET is_active = TRUE, takedown_reason = NULL, takedown_at = NULL, \
                     resubmitted_at = NULL, updated_at = $1 WHERE id = $2 AND resubmitted_at IS NOT NULL")
                    .bind(now).bind(id).execute(&mut *tx).await?.rows_affected(),
                Some(reason) => sqlx::query(
                    "UPDATE products SET takedown_reason = $1, takedown_at = $2, resubmitted_at = NULL \
                     WHERE id = $3 AND resubmitted_at IS NOT NULL")
                    .bind(reason).bind(now).bind(id).execute(&mut *tx).await?.rows_affected(),
            };
            if n != 1 {
                let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM products WHERE id = $1")
                    .bind(id).fetch_optional(&mut *tx).await?;
                return Ok(Err(if exists.is_some() { ModerationRefusal::Stale } else { ModerationRefusal::NotFound }));
            }
            let action = if keep_down.is_some() { "product.keep_down" } else { "product.relist" };
            audit!(tx, admin, action, "product", id, keep_down, now);
            tx.commit().await?;
            Ok(Ok(()))
        })
    }

    /// Products waiting for review (oldest first), then the latest taken
    /// down and not resubmitted.
    pub async fn moderated(
        &self,
        limit: i64,
    ) -> StoreResult<(Vec<ModeratedRow>, Vec<ModeratedRow>)> {
        let waiting = format!(
            "{MODERATED} AND p.resubmitted_at IS NOT NULL ORDER BY p.resubmitted_at, p.id LIMIT $1"
        );
        let down = format!("{MODERATED} AND p.resubmitted_at IS NULL ORDER BY p.takedown_at DESC, p.id DESC LIMIT $1");
        Ok(on_pool!(self, p => (
            sqlx::query_as(&waiting).bind(limit).fetch_all(p).await?,
            sqlx::query_as(&down).bind(limit).fetch_all(p).await?,
        )))
    }

    /// Products on sale in two or more verified shops under the same name
    /// (search form) and unit whose dearest price is more than `percent`
    /// above the cheapest, the widest spread first. Reads the groups
    /// [`Store::regroup_prices`] keeps, off their spread index: the cost is
    /// the rows shown, whatever the catalog's size.
    pub async fn price_parity(&self, percent: i64, limit: i64) -> StoreResult<Vec<ParityRow>> {
        // spread = max × 1000 / min rounded down, so every group more than
        // `percent` apart has spread ≥ 1000 + 10 × percent: the index range;
        // the exact test drops the few at the boundary.
        let sql = "SELECT name, unit, shops, min_price, max_price, cheapest_id, dearest_id \
                   FROM price_groups WHERE spread >= $1 AND max_price * 100 > min_price * (100 + $2) \
                   ORDER BY spread DESC, name LIMIT $3";
        let floor = 1000 + 10 * percent.max(0);
        Ok(
            on_pool!(self, p => sqlx::query_as(sql).bind(floor).bind(percent).bind(limit).fetch_all(p).await?),
        )
    }

    /// Recomputes the price groups of every (search name, unit) a write
    /// has touched since the last call (triggers list them in
    /// `price_dirty`: a product added, removed, renamed, repriced,
    /// switched on or off, or its shop verified or suspended), in one short
    /// transaction; returns how many groups it settled. The server calls it
    /// every two seconds; an import calls it once at the end. It writes
    /// only `price_groups` and `price_dirty`, so it never waits on a
    /// checkout. On PostgreSQL one instance at a time does it (the others
    /// skip the pass), so an older reading never overwrites a newer one.
    pub async fn regroup_prices(&self) -> StoreResult<i64> {
        self.round_trips
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        match &self.db {
            super::Db::Sqlite(p) => {
                let upto: i64 = sqlx::query_scalar(
                    "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM price_dirty",
                )
                .fetch_one(p)
                .await?;
                if upto == 0 {
                    return Ok(0);
                }
                let keys = "SELECT DISTINCT name, unit FROM price_dirty WHERE id <= $1";
                let mut tx = p.begin_write().await?;
                let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM ({keys}) k"))
                    .bind(upto)
                    .fetch_one(&mut *tx)
                    .await?;
                sqlx::query(&format!(
                    "DELETE FROM price_groups WHERE (name, unit) IN ({keys})"
                ))
                .bind(upto)
                .execute(&mut *tx)
                .await?;
                sqlx::query(&format!(
                    "INSERT INTO price_groups (name, unit, shops, min_price, max_price, cheapest_id, dearest_id, spread) \
                     {}",
                    groups_of(keys)
                ))
                .bind(upto)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM price_dirty WHERE id <= $1")
                    .bind(upto)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(n)
            }
            super::Db::Postgres(p) => {
                // Nothing waiting: no transaction.
                let waiting: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM price_dirty)")
                    .fetch_one(p)
                    .await?;
                if !waiting {
                    return Ok(0);
                }
                let mut tx = p.begin().await?;
                // Another instance is at it: its pass takes these rows too,
                // or the next one does.
                let mine: bool = sqlx::query_scalar(
                    "SELECT pg_try_advisory_xact_lock(hashtext('peken.price_groups'))",
                )
                .fetch_one(&mut *tx)
                .await?;
                if !mine {
                    return Ok(0);
                }
                // One statement, taken after the lock, so it sees every pass
                // before it; the groups it deletes from the feed are the
                // groups it recomputes. Groups that no longer qualify go,
                // the rest are written over (disjoint rows).
                let sql = format!(
                    "WITH gone AS (DELETE FROM price_dirty RETURNING name, unit), \
                     keys AS (SELECT DISTINCT name, unit FROM gone), \
                     fresh AS ({}), \
                     dropped AS (DELETE FROM price_groups d WHERE (d.name, d.unit) IN (SELECT name, unit FROM keys) \
                     AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.name = d.name AND f.unit = d.unit) RETURNING 1), \
                     kept AS (INSERT INTO price_groups (name, unit, shops, min_price, max_price, cheapest_id, dearest_id, spread) \
                     SELECT name, unit, shops, min_price, max_price, cheapest_id, dearest_id, spread FROM fresh \
                     ON CONFLICT (name, unit) DO UPDATE SET shops = excluded.shops, min_price = excluded.min_price, \
                     max_price = excluded.max_price, cheapest_id = excluded.cheapest_id, \
                     dearest_id = excluded.dearest_id, spread = excluded.spread RETURNING 1) \
                     SELECT CAST(COUNT(*) AS BIGINT) FROM keys",
                    groups_of("SELECT name, unit FROM keys")
                );
                let n: i64 = sqlx::query_scalar(&sql).fetch_one(&mut *tx).await?;
                tx.commit().await?;
                Ok(n)
            }
        }
    }

    /// The banned words, alphabetical.
    pub async fn banned_words(&self) -> StoreResult<Vec<BannedWord>> {
        let sql = "SELECT b.word, u.name AS added_by, b.added_at FROM banned_words b \
                   LEFT JOIN users u ON u.id = b.added_by ORDER BY b.word";
        Ok(on_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?))
    }

    /// Adds `word` (in search form); false when it is there already.
    pub async fn add_banned_word(
        &self,
        word: &str,
        admin: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let n = sqlx::query(
                "INSERT INTO banned_words (word, added_by, added_at) VALUES ($1, $2, $3) ON CONFLICT (word) DO NOTHING")
                .bind(word).bind(admin).bind(now).execute(&mut *tx).await?.rows_affected();
            if n == 1 {
                audit!(tx, admin, "banned_word.add", "banned_word", None::<i64>, word, now);
            }
            tx.commit().await?;
            Ok(n == 1)
        })
    }

    /// Removes `word`; false when it was not there.
    pub async fn remove_banned_word(
        &self,
        word: &str,
        admin: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let n = sqlx::query("DELETE FROM banned_words WHERE word = $1")
                .bind(word).execute(&mut *tx).await?.rows_affected();
            if n == 1 {
                audit!(tx, admin, "banned_word.remove", "banned_word", None::<i64>, word, now);
            }
            tx.commit().await?;
            Ok(n == 1)
        })
    }
}

/// The price groups (columns as `price_groups`) of the (name, unit) pairs
/// `keys` selects: active products of verified shops priced above zero,
/// sold in two or more shops, with one product at each end.
fn groups_of(keys: &str) -> String {
    let end = |order: &str| {
        format!(
            "(SELECT q.id FROM products q JOIN shops o ON o.id = q.shop_id AND o.status = 'verified' \
             WHERE q.search_name = g.name AND q.unit = g.unit AND q.is_active = TRUE AND q.price > 0 \
             ORDER BY {order} LIMIT 1)"
        )
    };
    format!(
        "SELECT g.name, g.unit, g.shops, g.min_price, g.max_price, {} AS cheapest_id, {} AS dearest_id, \
         g.max_price * 1000 / g.min_price AS spread \
         FROM (SELECT p.search_name AS name, p.unit, CAST(COUNT(DISTINCT p.shop_id) AS BIGINT) AS shops, \
                 CAST(MIN(p.price) AS BIGINT) AS min_price, CAST(MAX(p.price) AS BIGINT) AS max_price \
               FROM products p JOIN shops s ON s.id = p.shop_id AND s.status = 'verified' \
               WHERE p.is_active = TRUE AND p.price > 0 AND (p.search_name, p.unit) IN ({keys}) \
               GROUP BY p.search_name, p.unit HAVING COUNT(DISTINCT p.shop_id) >= 2) g",
        end("q.price, q.id"),
        end("q.price DESC, q.id")
    )
}

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
    /// above the cheapest, the widest spread first.
    pub async fn price_parity(&self, percent: i64, limit: i64) -> StoreResult<Vec<ParityRow>> {
        let sql = "SELECT g.name, g.unit, g.shops, g.min_price, g.max_price, \
             (SELECT q.id FROM products q JOIN shops o ON o.id = q.shop_id AND o.status = 'verified' \
               WHERE q.search_name = g.name AND q.unit = g.unit AND q.is_active = TRUE \
               ORDER BY q.price, q.id LIMIT 1) AS cheapest_id, \
             (SELECT q.id FROM products q JOIN shops o ON o.id = q.shop_id AND o.status = 'verified' \
               WHERE q.search_name = g.name AND q.unit = g.unit AND q.is_active = TRUE \
               ORDER BY q.price DESC, q.id LIMIT 1) AS dearest_id \
             FROM (SELECT p.search_name AS name, p.unit, CAST(COUNT(DISTINCT p.shop_id) AS BIGINT) AS shops, \
                     CAST(MIN(p.price) AS BIGINT) AS min_price, CAST(MAX(p.price) AS BIGINT) AS max_price \
                   FROM products p JOIN shops s ON s.id = p.shop_id AND s.status = 'verified' \
                   WHERE p.is_active = TRUE AND p.price > 0 \
                   GROUP BY p.search_name, p.unit \
                   HAVING COUNT(DISTINCT p.shop_id) >= 2 AND MAX(p.price) * 100 > MIN(p.price) * (100 + $1)) g \
             ORDER BY g.max_price * 1000 / g.min_price DESC, g.name LIMIT $2";
        Ok(on_pool!(self, p => sqlx::query_as(sql).bind(percent).bind(limit).fetch_all(p).await?))
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

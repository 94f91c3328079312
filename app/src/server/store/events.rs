//! Live shop events: every change a shop's inbox must show is a row of
//! `shop_events`, written in the transaction that made the change. After
//! the commit the shop is "pinged": on SQLite through an in-process
//! channel (one process owns the file), on PostgreSQL with `NOTIFY`, which
//! every instance's listener turns into the same in-process ping. A ping
//! only says "look again"; the rows are the truth, so a browser that
//! reconnects with the last id it saw misses nothing, and a duplicate or
//! lost ping costs a query, never an event.

use super::{on_pool, Db, Store, StoreResult};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use tokio::sync::{broadcast, OnceCell};

/// The PostgreSQL channel shop pings travel on.
const CHANNEL: &str = "peken_toko";

/// Where pings for every shop arrive in this process.
#[derive(Clone)]
pub(crate) struct Pings {
    tx: broadcast::Sender<i64>,
    /// The PostgreSQL listener, started by the first subscriber.
    listening: Arc<OnceCell<()>>,
}

impl Pings {
    pub(crate) fn new() -> Self {
        Pings {
            tx: broadcast::channel(1024).0,
            listening: Arc::new(OnceCell::new()),
        }
    }
}

/// One event of a shop's stream.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ShopEvent {
    pub id: i64,
    /// `pesanan_baru`, or the state an order moved to.
    pub kind: String,
    pub order_code: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Tells every instance that these shops have new events.
    pub async fn ping_shops(&self, shops: impl IntoIterator<Item = i64>) {
        let mut shops: Vec<i64> = shops.into_iter().collect();
        shops.sort_unstable();
        shops.dedup();
        match &self.db {
            Db::Sqlite(_) => {
                for s in shops {
                    // No subscriber is not an error: nobody is watching.
                    let _ = self.pings.tx.send(s);
                }
            }
            Db::Postgres(p) => {
                for s in shops {
                    if let Err(e) = sqlx::query("SELECT pg_notify($1, $2)")
                        .bind(CHANNEL)
                        .bind(s.to_string())
                        .execute(p)
                        .await
                    {
                        // The rows are written; the inbox sees them on its
                        // next look (reconnect or the next ping).
                        tracing::warn!(error = %e, shop = s, "shop ping not sent");
                    }
                }
            }
        }
    }

    /// Pings the shops of every order in a checkout.
    pub async fn ping_group(&self, group_id: i64) -> StoreResult<()> {
        let shops: Vec<i64> = on_pool!(self, p => sqlx::query_scalar(
            "SELECT shop_id FROM orders WHERE group_id = $1")
            .bind(group_id).fetch_all(p).await?);
        self.ping_shops(shops).await;
        Ok(())
    }

    /// Pings for every shop, in this process. On PostgreSQL the first call
    /// starts this instance's listener (it reconnects by itself).
    pub async fn subscribe_pings(&self) -> StoreResult<broadcast::Receiver<i64>> {
        if let Db::Postgres(pool) = &self.db {
            let (pool, tx) = (pool.clone(), self.pings.tx.clone());
            self.pings
                .listening
                .get_or_try_init(|| async move {
                    let mut listener = sqlx::postgres::PgListener::connect_with(&pool).await?;
                    listener.listen(CHANNEL).await?;
                    tokio::spawn(async move {
                        loop {
                            match listener.try_recv().await {
                                Ok(Some(n)) => {
                                    if let Ok(shop) = n.payload().parse::<i64>() {
                                        let _ = tx.send(shop);
                                    }
                                }
                                // The connection dropped and was re-made:
                                // notifications in between are lost, so
                                // every stream looks again.
                                Ok(None) => {
                                    let _ = tx.send(0);
                                }
                                Err(e) => {
                                    tracing::warn!(error = %e, "shop listener");
                                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                                }
                            }
                        }
                    });
                    Ok::<(), sqlx::Error>(())
                })
                .await?;
        }
        Ok(self.pings.tx.subscribe())
    }

    /// A shop's events after `after`, oldest first, at most `limit`.
    pub async fn shop_events(
        &self,
        shop_id: i64,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<ShopEvent>> {
        let rows: Vec<(i64, String, Option<String>, DateTime<Utc>)> = on_pool!(self, p => sqlx::query_as(
            "SELECT e.id, e.kind, o.code, e.created_at FROM shop_events e \
             LEFT JOIN orders o ON o.id = e.order_id \
             WHERE e.shop_id = $1 AND e.id > $2 ORDER BY e.id LIMIT $3")
            .bind(shop_id).bind(after).bind(limit).fetch_all(p).await?);
        Ok(rows
            .into_iter()
            .map(|(id, kind, order_code, created_at)| ShopEvent {
                id,
                kind,
                order_code,
                created_at,
            })
            .collect())
    }

    /// The id of a shop's newest event (0 when it has none): where a fresh
    /// stream starts.
    pub async fn last_shop_event(&self, shop_id: i64) -> StoreResult<i64> {
        Ok(on_pool!(self, p => sqlx::query_scalar(
            "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM shop_events WHERE shop_id = $1")
            .bind(shop_id).fetch_one(p).await?))
    }
}

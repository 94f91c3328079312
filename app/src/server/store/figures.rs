//! The public figures (`/transparansi`): read from the running totals of
//! migrations 0009, 0012 and 0019 (sales; accounts by role, complaints by
//! status, verified shops by kind) plus the changes not yet folded, the
//! kecamatan list, and the complaints' resolution times as a histogram
//! (migration 0017). Nothing here grows with the number of orders,
//! accounts, shops or complaints.

use super::{on_pool, Store, StoreResult};
use crate::model::figures::{
    median_of_counts, BuyerGroup, CityFigures, ComplaintFigures, IdleShop, PublicFigures,
    ShopGroup, ShopSales, Tally,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

const FIGURE_NAMES: &str = "(name = 'orders' OR name LIKE 'mo:%' OR name LIKE 'kc:%' \
     OR name LIKE 'sk:%' OR name LIKE 'br:%' OR name LIKE 'ac:%' OR name LIKE 'cs:%' \
     OR name LIKE 'vs:%')";

/// Every month from the first to the last of `months` (`YYYY-MM`), with
/// zeros where nothing completed.
fn fill_months(mut months: Vec<Tally>) -> Vec<Tally> {
    months.sort_by(|a, b| a.key.cmp(&b.key));
    let parse = |k: &str| NaiveDate::parse_from_str(&format!("{k}-01"), "%Y-%m-%d").ok();
    let (Some(first), Some(last)) = (
        months.first().and_then(|m| parse(&m.key)),
        months.last().and_then(|m| parse(&m.key)),
    ) else {
        return months;
    };
    let mut out = Vec::new();
    let mut d = first;
    while d <= last {
        let key = format!("{:04}-{:02}", d.year(), d.month());
        out.push(
            months
                .iter()
                .find(|m| m.key == key)
                .cloned()
                .unwrap_or(Tally {
                    key,
                    orders: 0,
                    value: 0,
                }),
        );
        d = d
            .checked_add_months(chrono::Months::new(1))
            .expect("a month after");
    }
    out
}

impl Store {
    /// The figures the transparency page and its open data publish.
    pub async fn public_figures(&self) -> StoreResult<PublicFigures> {
        let sql = format!(
            "SELECT name, CAST(SUM(n) AS BIGINT), CAST(SUM(v) AS BIGINT) FROM ( \
               SELECT name, n, v FROM market_totals WHERE {FIGURE_NAMES} \
               UNION ALL \
               SELECT name, n, v FROM market_total_changes WHERE {FIGURE_NAMES} \
             ) t GROUP BY name"
        );
        let rows: Vec<(String, i64, i64)> =
            on_pool!(self, p => sqlx::query_as(&sql).fetch_all(p).await?);
        let tally = |name: &str| {
            rows.iter()
                .find(|r| r.0 == name)
                .map_or((0, 0), |r| (r.1, r.2))
        };
        let kecamatan: Vec<(i64, String)> = on_pool!(self, p => sqlx::query_as(
            "SELECT id, name FROM kecamatan ORDER BY name").fetch_all(p).await?);
        let settled_after: Vec<(i64, i64)> = on_pool!(self, p => sqlx::query_as(
            "SELECT hours, n FROM complaint_hours WHERE n > 0 ORDER BY hours")
            .fetch_all(p).await?);

        let (orders, value) = tally("orders");
        let months = rows
            .iter()
            .filter_map(|(name, n, v)| {
                let key = name.strip_prefix("mo:")?;
                (*n != 0 || *v != 0).then(|| Tally {
                    key: key.to_string(),
                    orders: *n,
                    value: *v,
                })
            })
            .collect();
        let kecamatan = kecamatan
            .into_iter()
            .map(|(id, name)| {
                let (n, v) = tally(&format!("kc:{id}"));
                Tally {
                    key: name,
                    orders: n,
                    value: v,
                }
            })
            .collect();
        let mut shops = Vec::new();
        for kind in ["toko_kelontong", "umkm"] {
            for mbr in [false, true] {
                let (n, v) = tally(&format!("sk:{kind}:{}", u8::from(mbr)));
                shops.push(ShopGroup {
                    kind: kind.into(),
                    mbr,
                    shops: tally(&format!("vs:{kind}:{}", u8::from(mbr))).0,
                    orders: n,
                    value: v,
                });
            }
        }
        let buyers = ["asn", "umum"]
            .into_iter()
            .map(|role| {
                let (n, v) = tally(&format!("br:{role}"));
                BuyerGroup {
                    role: role.into(),
                    accounts: tally(&format!("ac:{role}")).0,
                    orders: n,
                    value: v,
                }
            })
            .collect();
        let count = |status: &str| tally(&format!("cs:{status}")).0;
        Ok(PublicFigures {
            total: Tally {
                key: "total".into(),
                orders,
                value,
            },
            months: fill_months(months),
            kecamatan,
            shops,
            buyers,
            complaints: ComplaintFigures {
                open: count("terbuka"),
                in_progress: count("diproses"),
                resolved: count("selesai"),
                rejected: count("ditolak"),
                median_hours: median_of_counts(&settled_after),
            },
        })
    }
}

/// Idle shops listed on the dashboard (the count covers them all).
const IDLE_LISTED: i64 = 50;

/// The dashboard's lists over its window: the part whose cost grows with
/// the orders of the window and the verified shops.
#[derive(Debug, Clone)]
struct WindowFigures {
    /// When it was read (the window ends here).
    at: DateTime<Utc>,
    window_days: i64,
    top_shops: Vec<ShopSales>,
    idle_shops: Vec<IdleShop>,
    idle_count: i64,
    verified: i64,
}

/// The last window lists this instance read, and who is reading them
/// again (see [`Store::city_figures_recent`]).
#[derive(Clone, Default)]
pub(crate) struct WindowCache {
    last: std::sync::Arc<std::sync::Mutex<Option<WindowFigures>>>,
    reading: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl WindowCache {
    fn get(&self) -> Option<WindowFigures> {
        self.last.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn put(&self, w: WindowFigures) {
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(w);
    }
}

impl Store {
    /// The city's dashboard: the public figures, sales by category (running
    /// totals of migration 0014), open complaints past their deadline, and
    /// for the last `window_days`: the shops that sold most, and the
    /// verified shops with no order at all, read now. The window's queries
    /// read the orders of the window through the `(status, created_at)`
    /// and `(shop_id, created_at)` indexes: their cost grows with the
    /// window's orders and the verified shops (see
    /// [`Store::city_figures_recent`]).
    pub async fn city_figures(
        &self,
        now: DateTime<Utc>,
        window_days: i64,
    ) -> StoreResult<CityFigures> {
        let window = self.window_figures(now, window_days).await?;
        self.with_window(now, window).await
    }

    /// [`Store::city_figures`] as the dashboard shows it: everything live
    /// but the window's lists, which this instance reads at most once per
    /// `max_age` (they cover `window_days` days, so a minute changes
    /// little; `window_at` says when). One request reads them again when
    /// they are older; the others meanwhile get the last reading, so a
    /// dashboard's cost stays that of the rows it shows.
    pub async fn city_figures_recent(
        &self,
        now: DateTime<Utc>,
        window_days: i64,
        max_age: chrono::Duration,
    ) -> StoreResult<CityFigures> {
        let cache = &self.window_cache;
        let this_window = |w: &WindowFigures| w.window_days == window_days && w.at <= now;
        let fresh = |w: &WindowFigures| this_window(w) && now - w.at < max_age;
        let window = if let Some(w) = cache.get().filter(fresh) {
            w
        } else if let Ok(_reading) = cache.reading.try_lock() {
            self.window_read_and_kept(now, window_days).await?
        } else if let Some(w) = cache.get().filter(this_window) {
            // Someone is reading them: the last reading meanwhile.
            w
        } else {
            // Nothing to show yet: wait for their reading.
            let _reading = cache.reading.lock().await;
            match cache.get().filter(fresh) {
                Some(w) => w,
                None => self.window_read_and_kept(now, window_days).await?,
            }
        };
        self.with_window(now, window).await
    }

    /// The live part of the dashboard around the window's lists.
    async fn with_window(&self, now: DateTime<Utc>, w: WindowFigures) -> StoreResult<CityFigures> {
        let public = self.public_figures().await?;
        let categories: Vec<(String, i64, i64)> = on_pool!(self, p => sqlx::query_as(
            "SELECT c.name, CAST(COALESCE(SUM(t.n), 0) AS BIGINT), CAST(COALESCE(SUM(t.v), 0) AS BIGINT) \
             FROM categories c LEFT JOIN ( \
               SELECT name, n, v FROM market_totals WHERE name LIKE 'ct:%' \
               UNION ALL SELECT name, n, v FROM market_total_changes WHERE name LIKE 'ct:%' \
             ) t ON t.name = 'ct:' || c.id \
             GROUP BY c.id, c.name ORDER BY 3 DESC, c.name")
            .fetch_all(p).await?);
        let overdue: i64 = on_pool!(self, p => sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM complaints WHERE status IN ('terbuka', 'diproses') AND due_at < $1")
            .bind(now).fetch_one(p).await?);
        Ok(CityFigures {
            public,
            categories: categories
                .into_iter()
                .map(|(key, orders, value)| Tally { key, orders, value })
                .collect(),
            window_days: w.window_days,
            window_at: w.at,
            active_shops: w.verified - w.idle_count,
            top_shops: w.top_shops,
            idle_shops: w.idle_shops,
            idle_count: w.idle_count,
            overdue_complaints: overdue,
        })
    }

    /// The window's lists read now, and kept as this instance's last reading.
    async fn window_read_and_kept(
        &self,
        now: DateTime<Utc>,
        window_days: i64,
    ) -> StoreResult<WindowFigures> {
        let w = self.window_figures(now, window_days).await?;
        self.window_cache.put(w.clone());
        Ok(w)
    }

    /// The window's lists, read now.
    async fn window_figures(
        &self,
        now: DateTime<Utc>,
        window_days: i64,
    ) -> StoreResult<WindowFigures> {
        let since = now - chrono::Duration::days(window_days);
        // Grouped by shop from the (status, created_at, shop_id, total)
        // index alone, then the ten joined to their names.
        let top_shops: Vec<ShopSales> = on_pool!(self, p => sqlx::query_as(
            "SELECT s.name, s.slug, k.name AS kecamatan, x.orders, x.value FROM ( \
               SELECT shop_id, CAST(COUNT(*) AS BIGINT) AS orders, CAST(SUM(total) AS BIGINT) AS value \
               FROM orders WHERE status = 'selesai' AND created_at >= $1 \
               GROUP BY shop_id ORDER BY value DESC, shop_id LIMIT 10 \
             ) x JOIN shops s ON s.id = x.shop_id JOIN kecamatan k ON k.id = s.kecamatan_id \
             ORDER BY x.value DESC, s.name")
            .bind(since).fetch_all(p).await?);
        const IDLE: &str = "FROM shops s JOIN kecamatan k ON k.id = s.kecamatan_id \
             WHERE s.status = 'verified' AND NOT EXISTS \
             (SELECT 1 FROM orders o WHERE o.shop_id = s.id AND o.created_at >= $1)";
        let idle_shops: Vec<IdleShop> = on_pool!(self, p => sqlx::query_as(&format!(
            "SELECT name, slug, kecamatan, last_order FROM ( \
               SELECT s.name, s.slug, k.name AS kecamatan, \
               (SELECT MAX(o.created_at) FROM orders o WHERE o.shop_id = s.id) AS last_order {IDLE} \
             ) x ORDER BY (last_order IS NOT NULL), last_order, name LIMIT $2"))
            .bind(since).bind(IDLE_LISTED).fetch_all(p).await?);
        let (idle_count, verified): (i64, i64) = on_pool!(self, p => sqlx::query_as(&format!(
            "SELECT CAST((SELECT COUNT(*) {IDLE}) AS BIGINT), \
             CAST((SELECT COUNT(*) FROM shops WHERE status = 'verified') AS BIGINT)"))
            .bind(since).fetch_one(p).await?);
        Ok(WindowFigures {
            at: now,
            window_days,
            top_shops,
            idle_shops,
            idle_count,
            verified,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_between_are_filled_with_zeros() {
        let t = |k: &str, n| Tally {
            key: k.into(),
            orders: n,
            value: n * 1000,
        };
        let filled = fill_months(vec![t("2026-02", 3), t("2025-11", 1)]);
        let keys: Vec<_> = filled.iter().map(|m| (m.key.as_str(), m.orders)).collect();
        assert_eq!(
            keys,
            [
                ("2025-11", 1),
                ("2025-12", 0),
                ("2026-01", 0),
                ("2026-02", 3)
            ]
        );
        assert!(fill_months(vec![]).is_empty());
    }
}

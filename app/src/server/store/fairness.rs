//! The city's settings (changed by an admin, audited) and the monthly
//! sales cap: a shop whose orders this WIB month (not cancelled, their
//! total) reach the cap has `capped_month` set and its products are not
//! listed until the month is over (`domain::fairness`).

use super::{on_pool, BeginWrite, Store, StoreResult};
use crate::domain::fairness::{sales_month, setting_rule, SettingRule, MONTHLY_SALES_CAP};
use chrono::{DateTime, Utc};

/// Orders that count towards a shop's sales: all but cancelled ones (an
/// unpaid order counts until it expires, so the cap cannot be outrun by
/// many orders at once).
pub(super) const COUNTED: &str =
    "status IN ('menunggu_pembayaran', 'dibayar', 'diproses', 'dikirim', 'selesai', 'dikomplain')";

/// A setting as the settings page shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SettingRow {
    pub name: String,
    pub value: i64,
    pub updated_by: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// One change of a setting, from the audit log.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SettingChange {
    pub actor: Option<String>,
    pub detail: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Why a setting change was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingRefusal {
    /// Not a setting.
    Unknown,
    /// Someone changed it since the admin read it: now this value.
    Changed { name: String, now: i64 },
}

/// How a pass of [`Store::settle_sales_caps`] went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CapsSettled {
    /// Shops whose products stopped being listed.
    pub capped: u64,
    /// Shops listed again (a new month, a higher cap, cancellations).
    pub lifted: u64,
}

impl Store {
    /// A setting's value, or its rule's default when the row is missing.
    pub async fn setting_or(&self, rule: SettingRule, default: i64) -> StoreResult<i64> {
        Ok(self.setting(rule.name).await?.unwrap_or(default))
    }

    /// Every setting with who changed it last.
    pub async fn settings(&self) -> StoreResult<Vec<SettingRow>> {
        let sql = "SELECT s.name, s.value, u.name AS updated_by, s.updated_at \
                   FROM settings s LEFT JOIN users u ON u.id = s.updated_by ORDER BY s.name";
        Ok(on_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?))
    }

    /// The latest changes of the settings, newest first.
    pub async fn setting_changes(&self, limit: i64) -> StoreResult<Vec<SettingChange>> {
        let sql = "SELECT u.name AS actor, a.detail, a.created_at FROM audit_events a \
                   LEFT JOIN users u ON u.id = a.actor_id \
                   WHERE a.target_type = 'setting' ORDER BY a.id DESC LIMIT $1";
        Ok(on_pool!(self, p => sqlx::query_as(sql).bind(limit).fetch_all(p).await?))
    }

    /// Sets each `(name, seen, value)`: `name` to `value` if it still holds
    /// `seen` (what the admin read), all or none, each audited with `reason`
    /// in the same transaction. A change of the sales cap settles the caps
    /// at once.
    pub async fn change_settings(
        &self,
        changes: &[(&str, i64, i64)],
        reason: &str,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), SettingRefusal>> {
        if changes.iter().any(|c| setting_rule(c.0).is_none()) {
            return Ok(Err(SettingRefusal::Unknown));
        }
        let done: Result<(), SettingRefusal> = on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let mut refused = None;
            for &(name, seen, value) in changes {
                // The WHERE checks on the row as it is when the update
                // runs: of two admins, the second matches nothing.
                let n = sqlx::query(
                    "UPDATE settings SET value = $1, updated_by = $2, updated_at = $3 \
                     WHERE name = $4 AND value = $5")
                    .bind(value).bind(actor_id).bind(now).bind(name).bind(seen)
                    .execute(&mut *tx).await?.rows_affected();
                if n != 1 {
                    let v: Option<i64> = sqlx::query_scalar("SELECT value FROM settings WHERE name = $1")
                        .bind(name).fetch_optional(&mut *tx).await?;
                    refused = Some(match v {
                        Some(now) => SettingRefusal::Changed { name: name.to_string(), now },
                        None => SettingRefusal::Unknown,
                    });
                    break;
                }
                sqlx::query(
                    "INSERT INTO audit_events (actor_id, action, target_type, target_id, detail, ip, created_at) \
                     VALUES ($1, 'setting.change', 'setting', NULL, $2, NULL, $3)")
                    .bind(actor_id)
                    .bind(format!("{name}: {seen} → {value}. {reason}"))
                    .bind(now).execute(&mut *tx).await?;
            }
            match refused {
                // Dropping the transaction rolls back what it changed.
                Some(r) => Err(r),
                None => {
                    tx.commit().await?;
                    Ok(())
                }
            }
        });
        if done.is_ok() && changes.iter().any(|c| c.0 == MONTHLY_SALES_CAP.name) {
            self.settle_sales_caps(now).await?;
        }
        Ok(done)
    }

    /// A shop's sales in the WIB month of `now` (orders not cancelled,
    /// their total).
    pub async fn month_sales(&self, shop_id: i64, now: DateTime<Utc>) -> StoreResult<i64> {
        let m = sales_month(now);
        let sql = format!(
            "SELECT CAST(COALESCE(SUM(total), 0) AS BIGINT) FROM orders \
             WHERE shop_id = $1 AND created_at >= $2 AND created_at < $3 AND {COUNTED}"
        );
        Ok(on_pool!(self, p => sqlx::query_scalar(&sql)
            .bind(shop_id).bind(m.start).bind(m.end).fetch_one(p).await?))
    }

    /// The month a shop reached the cap in, while its products are hidden.
    pub async fn capped_month(&self, shop_id: i64) -> StoreResult<Option<String>> {
        Ok(
            on_pool!(self, p => sqlx::query_scalar("SELECT capped_month FROM shops WHERE id = $1")
            .bind(shop_id).fetch_optional(p).await?)
            .flatten(),
        )
    }

    /// Brings every shop's `capped_month` in line with its sales in the
    /// month of `now` and the current cap: shops at or over it are capped
    /// for this month, all others listed. The server runs it every minute
    /// (a new month, a cap changed, cancellations) and checkout caps the
    /// shops it sold for at once. Safe to run anywhere, any number of times.
    pub async fn settle_sales_caps(&self, now: DateTime<Utc>) -> StoreResult<CapsSettled> {
        let cap = self.setting_or(MONTHLY_SALES_CAP, 0).await?;
        let m = sales_month(now);
        let over = format!(
            "SELECT shop_id FROM orders WHERE created_at >= $2 AND created_at < $3 AND {COUNTED} \
             GROUP BY shop_id HAVING SUM(total) >= $4 AND $4 > 0"
        );
        let cap_sql = format!(
            "UPDATE shops SET capped_month = $1 WHERE (capped_month IS NULL OR capped_month <> $1) \
             AND id IN ({over})"
        );
        let lift_sql = format!(
            "UPDATE shops SET capped_month = NULL WHERE capped_month IS NOT NULL \
             AND (capped_month <> $1 OR id NOT IN ({over}))"
        );
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let lifted = sqlx::query(&lift_sql)
                .bind(&m.label).bind(m.start).bind(m.end).bind(cap)
                .execute(&mut *tx).await?.rows_affected();
            let capped = sqlx::query(&cap_sql)
                .bind(&m.label).bind(m.start).bind(m.end).bind(cap)
                .execute(&mut *tx).await?.rows_affected();
            tx.commit().await?;
            Ok(CapsSettled { capped, lifted })
        })
    }
}

/// In checkout's transaction, after its orders are written: caps the shops
/// among `shop_ids` whose month's sales now reach the cap, so the order
/// that crosses it is the last one listed products take.
macro_rules! cap_crossed {
    ($tx:expr, $shop_ids:expr, $now:expr) => {{
        let m = crate::domain::fairness::sales_month($now);
        let sql = format!(
            "UPDATE shops SET capped_month = $1 WHERE id = $2 AND capped_month IS NULL \
             AND (SELECT value FROM settings WHERE name = '{}') > 0 \
             AND (SELECT COALESCE(SUM(total), 0) FROM orders WHERE shop_id = $2 \
                  AND created_at >= $3 AND created_at < $4 AND {}) \
                 >= (SELECT value FROM settings WHERE name = '{}')",
            crate::domain::fairness::MONTHLY_SALES_CAP.name,
            $crate::server::store::fairness::COUNTED,
            crate::domain::fairness::MONTHLY_SALES_CAP.name,
        );
        for shop_id in $shop_ids {
            sqlx::query(&sql)
                .bind(&m.label)
                .bind(shop_id)
                .bind(m.start)
                .bind(m.end)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}
pub(crate) use cap_crossed;

/// One OPD's raw month: its id, name, registered ASN, buyers and spend.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OpdMonthRow {
    pub name: String,
    pub asn: i64,
    pub buyers: i64,
    pub spend: i64,
}

impl Store {
    /// Every OPD with its registered ASN, and how many of them bought and
    /// spent in `[start, end)`: completed orders placed then. Reads the
    /// month's completed orders through the `(status, created_at)` index.
    pub async fn opd_month(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> StoreResult<Vec<OpdMonthRow>> {
        let sql = "SELECT o.name, \
                     CAST(COALESCE(a.n, 0) AS BIGINT) AS asn, \
                     CAST(COALESCE(b.buyers, 0) AS BIGINT) AS buyers, \
                     CAST(COALESCE(b.spend, 0) AS BIGINT) AS spend \
                   FROM opd o \
                   LEFT JOIN (SELECT opd_id, COUNT(*) AS n FROM users WHERE role = 'asn' GROUP BY opd_id) a \
                     ON a.opd_id = o.id \
                   LEFT JOIN (SELECT u.opd_id, COUNT(DISTINCT x.buyer_id) AS buyers, SUM(x.total) AS spend \
                              FROM orders x JOIN users u ON u.id = x.buyer_id AND u.role = 'asn' \
                              WHERE x.status = 'selesai' AND x.created_at >= $1 AND x.created_at < $2 \
                              GROUP BY u.opd_id) b ON b.opd_id = o.id \
                   ORDER BY o.name";
        Ok(on_pool!(self, p => sqlx::query_as(sql).bind(start).bind(end).fetch_all(p).await?))
    }
}

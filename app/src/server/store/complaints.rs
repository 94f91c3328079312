//! The complaint desk: the city's queue, a complaint's thread between its
//! buyer, its shop and the city, and the city's resolution, which moves
//! the order (and, for a refund, the money) in the same transaction.

use super::orders::{apply_move, Mover};
use super::{on_pool, BeginWrite, Store, StoreResult};
use crate::domain::complaint::{due_at, is_open, Outcome, SLA_DEFAULT_DAYS};
use crate::domain::order::{transition, Actor, Effects};
use crate::domain::{OrderStatus, PaymentMethod};
use crate::model::complaint::{ComplaintList, ComplaintMessage, ComplaintRow, ComplaintThread};
use crate::model::{Role, Viewer};
use chrono::{DateTime, Utc};

/// Why a reply or a resolution was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplaintRefusal {
    /// No such complaint, or the viewer takes no part in it.
    NotFound,
    /// Already settled (by another officer, or before this page was read).
    Closed,
    /// The outcome does not fit this kind of complaint.
    Outcome,
    /// The order is no longer in complaint (it moved some other way).
    OrderMoved,
}

const ROW: &str = "SELECT c.id, c.status, c.outcome, o.code AS order_code, s.name AS shop_name, \
     c.reason, c.created_at, c.due_at, c.resolved_at, \
     CAST((SELECT COUNT(*) FROM complaint_messages m WHERE m.complaint_id = c.id) + 1 AS BIGINT) AS messages \
     FROM complaints c LEFT JOIN orders o ON o.id = c.order_id LEFT JOIN shops s ON s.id = o.shop_id";

/// A complaint with who takes part in it.
#[derive(sqlx::FromRow)]
struct ThreadHead {
    id: i64,
    status: String,
    reason: String,
    outcome: Option<String>,
    resolution: Option<String>,
    order_code: Option<String>,
    group_code: Option<String>,
    shop_id: Option<i64>,
    shop_name: Option<String>,
    order_total: Option<i64>,
    order_status: Option<String>,
    buyer_id: i64,
    buyer_name: String,
    owner_id: Option<i64>,
    created_at: DateTime<Utc>,
    due_at: DateTime<Utc>,
    resolved_at: Option<DateTime<Utc>>,
}

const HEAD: &str = "SELECT c.id, c.status, c.reason, c.outcome, c.resolution, o.code AS order_code, \
     g.code AS group_code, o.shop_id, s.name AS shop_name, o.total AS order_total, o.status AS order_status, \
     c.buyer_id, u.name AS buyer_name, s.owner_id, c.created_at, c.due_at, c.resolved_at \
     FROM complaints c JOIN users u ON u.id = c.buyer_id \
     LEFT JOIN orders o ON o.id = c.order_id LEFT JOIN order_groups g ON g.id = o.group_id \
     LEFT JOIN shops s ON s.id = o.shop_id WHERE c.id = $1";

impl ThreadHead {
    /// How `v` takes part: the city, the buyer, or the shop's owner.
    fn role_of(&self, v: &Viewer) -> Option<&'static str> {
        if v.role == Role::Admin {
            Some("admin")
        } else if v.id == self.buyer_id {
            Some("buyer")
        } else if Some(v.id) == self.owner_id {
            Some("merchant")
        } else {
            None
        }
    }
}

impl Store {
    /// A city setting, if it is set.
    pub async fn setting(&self, name: &str) -> StoreResult<Option<i64>> {
        Ok(
            on_pool!(self, p => sqlx::query_scalar("SELECT value FROM settings WHERE name = $1")
            .bind(name).fetch_optional(p).await?),
        )
    }

    /// A page of one list of the queue: open ones by deadline (overdue
    /// first), closed ones latest first.
    pub async fn complaint_list(
        &self,
        list: ComplaintList,
        offset: i64,
        limit: i64,
    ) -> StoreResult<Vec<ComplaintRow>> {
        let sql = match list {
            ComplaintList::Open => format!(
                "{ROW} WHERE c.status IN ('terbuka', 'diproses') ORDER BY c.due_at, c.id LIMIT $1 OFFSET $2"
            ),
            ComplaintList::Closed => format!(
                "{ROW} WHERE c.resolved_at IS NOT NULL ORDER BY c.resolved_at DESC, c.id DESC LIMIT $1 OFFSET $2"
            ),
        };
        Ok(on_pool!(self, p => sqlx::query_as(&sql).bind(limit).bind(offset).fetch_all(p).await?))
    }

    /// How many complaints each list holds, and how many open ones are
    /// past their deadline at `now`.
    pub async fn complaint_counts(
        &self,
        now: DateTime<Utc>,
    ) -> StoreResult<(Vec<(ComplaintList, i64)>, i64)> {
        let (open, closed, overdue): (i64, i64, i64) = on_pool!(self, p => sqlx::query_as(
            "SELECT \
             CAST((SELECT COUNT(*) FROM complaints WHERE status IN ('terbuka', 'diproses')) AS BIGINT), \
             CAST((SELECT COUNT(*) FROM complaints WHERE resolved_at IS NOT NULL) AS BIGINT), \
             CAST((SELECT COUNT(*) FROM complaints WHERE status IN ('terbuka', 'diproses') AND due_at < $1) AS BIGINT)")
            .bind(now).fetch_one(p).await?);
        Ok((
            vec![(ComplaintList::Open, open), (ComplaintList::Closed, closed)],
            overdue,
        ))
    }

    /// A buyer's own complaints, latest first (at most `limit`).
    pub async fn complaints_of_buyer(
        &self,
        buyer_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<ComplaintRow>> {
        let sql =
            format!("{ROW} WHERE c.buyer_id = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT $2");
        Ok(on_pool!(self, p => sqlx::query_as(&sql).bind(buyer_id).bind(limit).fetch_all(p).await?))
    }

    /// The complaint about shop order `order_id`, if there is one.
    pub async fn complaint_of_order(&self, order_id: i64) -> StoreResult<Option<i64>> {
        Ok(on_pool!(self, p => sqlx::query_scalar(
            "SELECT MAX(id) FROM complaints WHERE order_id = $1")
            .bind(order_id).fetch_one(p).await?))
    }

    /// Complaint `id` with its thread, if `viewer` takes part in it (its
    /// buyer, the owner of the shop it is about, or the city). Authors'
    /// names are shown to the city only.
    pub async fn complaint_thread(
        &self,
        id: i64,
        viewer: &Viewer,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<ComplaintThread>> {
        let head: Option<ThreadHead> =
            on_pool!(self, p => sqlx::query_as(HEAD).bind(id).fetch_optional(p).await?);
        let Some(h) = head else { return Ok(None) };
        let Some(role) = h.role_of(viewer) else {
            return Ok(None);
        };
        let mut messages: Vec<ComplaintMessage> = on_pool!(self, p => sqlx::query_as(
            "SELECT m.id, m.author_role, u.name AS author_name, m.body, m.created_at \
             FROM complaint_messages m LEFT JOIN users u ON u.id = m.author_id \
             WHERE m.complaint_id = $1 ORDER BY m.id")
            .bind(id).fetch_all(p).await?);
        let city = role == "admin";
        if !city {
            for m in &mut messages {
                m.author_name = None;
            }
        }
        Ok(Some(ComplaintThread {
            id: h.id,
            status: h.status,
            reason: h.reason,
            outcome: h.outcome,
            resolution: h.resolution,
            order_code: h.order_code,
            group_code: h.group_code,
            shop_name: h.shop_name,
            order_total: h.order_total,
            order_status: h.order_status,
            buyer_name: city.then_some(h.buyer_name),
            created_at: h.created_at,
            due_at: h.due_at,
            resolved_at: h.resolved_at,
            messages,
            viewer_role: role.to_string(),
            now,
        }))
    }

    /// How many complaints about the service in general `buyer_id` has open.
    pub async fn open_service_complaints(&self, buyer_id: i64) -> StoreResult<i64> {
        Ok(on_pool!(self, p => sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM complaints \
             WHERE buyer_id = $1 AND order_id IS NULL AND status IN ('terbuka', 'diproses')")
            .bind(buyer_id).fetch_one(p).await?))
    }

    /// A complaint about the service in general, due after the city's SLA.
    pub async fn file_service_complaint(
        &self,
        buyer_id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        let days = self
            .setting("keluhan_sla_hari")
            .await?
            .unwrap_or(SLA_DEFAULT_DAYS);
        let due = due_at(now, days);
        Ok(on_pool!(self, p => sqlx::query_scalar(
            "INSERT INTO complaints (order_id, buyer_id, reason, status, created_at, due_at) \
             VALUES (NULL, $1, $2, 'terbuka', $3, $4) RETURNING id")
            .bind(buyer_id).bind(reason).bind(now).bind(due).fetch_one(p).await?))
    }

    /// A message from `viewer` in complaint `id`'s thread, while it is
    /// open. The city's first word moves it from `terbuka` to `diproses`.
    /// Returns the role the viewer spoke as.
    pub async fn reply_complaint(
        &self,
        id: i64,
        viewer: &Viewer,
        body: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<&'static str, ComplaintRefusal>> {
        let shop = on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let head: Option<ThreadHead> = sqlx::query_as(HEAD).bind(id).fetch_optional(&mut *tx).await?;
            let Some(h) = head else { return Ok(Err(ComplaintRefusal::NotFound)) };
            let Some(role) = h.role_of(viewer) else { return Ok(Err(ComplaintRefusal::NotFound)) };
            if !is_open(&h.status) {
                return Ok(Err(ComplaintRefusal::Closed));
            }
            sqlx::query(
                "INSERT INTO complaint_messages (complaint_id, author_id, author_role, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5)")
                .bind(id).bind(viewer.id).bind(role).bind(body).bind(now)
                .execute(&mut *tx).await?;
            if role == "admin" {
                sqlx::query("UPDATE complaints SET status = 'diproses' WHERE id = $1 AND status = 'terbuka'")
                    .bind(id).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            (role, h.shop_id)
        });
        if let Some(s) = shop.1 {
            self.ping_shops([s]).await;
        }
        Ok(Ok(shop.0))
    }

    /// The city settles complaint `id` with `outcome` and the reason the
    /// buyer and the shop read, audited. A complaint about an order moves
    /// the order in the same transaction: a refund cancels it (the refund
    /// owed to the buyer and the shop's negative ledger entry come with
    /// the move); a replacement or a rejection completes it again. A
    /// complaint already settled is refused and nothing changes.
    pub async fn resolve_complaint(
        &self,
        id: i64,
        outcome: Outcome,
        reason: &str,
        admin_id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), ComplaintRefusal>> {
        let shop = on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let row: Option<(String, Option<i64>, DateTime<Utc>)> =
                sqlx::query_as("SELECT status, order_id, created_at FROM complaints WHERE id = $1")
                    .bind(id).fetch_optional(&mut *tx).await?;
            let Some((status, order_id, filed)) = row else { return Ok(Err(ComplaintRefusal::NotFound)) };
            if !is_open(&status) {
                return Ok(Err(ComplaintRefusal::Closed));
            }
            if !Outcome::open_to(order_id.is_some()).contains(&outcome) {
                return Ok(Err(ComplaintRefusal::Outcome));
            }
            let n = sqlx::query(
                "UPDATE complaints SET status = $1, outcome = $2, resolution = $3, resolved_by = $4, \
                 resolved_at = $5 WHERE id = $6 AND status IN ('terbuka', 'diproses')")
                .bind(outcome.status()).bind(outcome.as_str()).bind(reason).bind(admin_id)
                .bind(now).bind(id).execute(&mut *tx).await?.rows_affected();
            if n != 1 {
                return Ok(Err(ComplaintRefusal::Closed));
            }
            // The figures' resolution times (migration 0017).
            sqlx::query(
                "INSERT INTO complaint_hours (hours, n) VALUES ($1, 1) \
                 ON CONFLICT (hours) DO UPDATE SET n = complaint_hours.n + 1")
                .bind((now - filed).num_hours()).execute(&mut *tx).await?;
            let mut shop = None;
            if let (Some(order_id), Some(to)) = (order_id, outcome.order_to()) {
                let o: (String, String, i64) = sqlx::query_as(
                    "SELECT o.status, g.payment_method, o.shop_id FROM orders o \
                     JOIN order_groups g ON g.id = o.group_id WHERE o.id = $1")
                    .bind(order_id).fetch_one(&mut *tx).await?;
                let (Some(from), Some(method)) = (OrderStatus::parse(&o.0), PaymentMethod::parse(&o.1)) else {
                    return Ok(Err(ComplaintRefusal::OrderMoved));
                };
                let Ok(effects) = transition(from, to, Actor::Admin, method) else {
                    return Ok(Err(ComplaintRefusal::OrderMoved));
                };
                let by = Mover { actor: Actor::Admin, user_id: Some(admin_id) };
                if !apply_move!(tx, order_id, from, to, effects, by, Some(reason), now) {
                    return Ok(Err(ComplaintRefusal::OrderMoved));
                }
                shop = Some(o.2);
            }
            sqlx::query(
                "INSERT INTO audit_events (actor_id, action, target_type, target_id, detail, ip, created_at) \
                 VALUES ($1, $2, 'complaint', $3, $4, NULL, $5)")
                .bind(admin_id).bind(format!("complaint.{}", outcome.as_str())).bind(id)
                .bind(reason).bind(now).execute(&mut *tx).await?;
            tx.commit().await?;
            shop
        });
        if let Some(s) = shop {
            self.ping_shops([s]).await;
        }
        Ok(Ok(()))
    }
}

/// Refills `complaint_hours` from the settled complaints, as migration
/// 0017 does on each engine (after its `DELETE`).
pub(super) fn complaint_hours_rebuild(backend: super::Backend) -> &'static str {
    match backend {
        super::Backend::Sqlite => {
            "INSERT INTO complaint_hours (hours, n) SELECT h, COUNT(*) FROM ( \
             SELECT CAST((julianday(resolved_at) - julianday(created_at)) * 86400000 + 0.5 AS INTEGER) / 3600000 AS h \
             FROM complaints WHERE resolved_at IS NOT NULL) GROUP BY h"
        }
        super::Backend::Postgres => {
            "INSERT INTO complaint_hours (hours, n) SELECT h, COUNT(*) FROM ( \
             SELECT CAST(FLOOR(EXTRACT(EPOCH FROM (resolved_at - created_at)) / 3600) AS BIGINT) AS h \
             FROM complaints WHERE resolved_at IS NOT NULL) c GROUP BY h"
        }
    }
}

//! Payment events from the gateway, and the buyer's orders as their pages
//! read them.

use super::checkout::settle_group;
use super::orders::apply_move;
use super::{on_pool, BeginWrite, Mover, Store, StoreError, StoreResult};
use crate::domain::order::{Actor, Effects};
use crate::domain::payment::{decide, ChargeStatus, Outcome};
use crate::domain::{OrderStatus, PaymentMethod, PaymentStatus, Rupiah};
use crate::model::{HistoryEntry, OrderGroupView, OrderLine, OrderSummary, ShopOrder};
use chrono::{DateTime, Utc};

/// A webhook's content, after its signature and age were checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayEvent {
    pub event_id: String,
    pub gateway_ref: String,
    pub status: ChargeStatus,
    pub amount: i64,
}

/// What an event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventResult {
    /// This event id was handled before; nothing changed.
    Replay,
    /// No payment has this reference (recorded, nothing else).
    UnknownReference,
    /// Decided and applied (for `WrongAmount`: recorded and audited only).
    Applied {
        outcome: Outcome,
        group_code: String,
    },
}

const GROUP_VIEW: &str = "SELECT g.id, g.code, g.buyer_id, g.payment_method, g.total, g.recipient, g.phone, \
     g.address, g.created_at, pm.id AS payment_id, pm.status AS payment_status, pm.amount AS payment_amount, \
     pm.pay_url, pm.pay_code, pm.expires_at AS pay_expires_at \
     FROM order_groups g JOIN payments pm ON pm.id = (SELECT MAX(x.id) FROM payments x WHERE x.group_id = g.id) \
     WHERE g.code = $1";

const SHOP_ORDERS: &str = "SELECT o.id, o.code, s.name AS shop_name, s.slug AS shop_slug, s.address AS shop_address, \
     o.status, o.subtotal, o.delivery_fee, o.total, o.delivery_method, d.status AS delivery_status, o.cancel_reason, \
     o.completed_at, o.expires_at, r.amount AS refund_amount, r.status AS refund_status, \
     (SELECT c.status FROM complaints c WHERE c.order_id = o.id ORDER BY c.id DESC LIMIT 1) AS complaint_status, \
     (SELECT MAX(c.id) FROM complaints c WHERE c.order_id = o.id) AS complaint_id \
     FROM orders o JOIN shops s ON s.id = o.shop_id LEFT JOIN deliveries d ON d.order_id = o.id \
     LEFT JOIN refunds r ON r.order_id = o.id WHERE o.group_id = $1 ORDER BY o.code";

/// A charge at the gateway: what it asks for, and for which checkout.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChargeView {
    pub method: String,
    pub status: String,
    pub amount: i64,
    /// The QRIS payload or VA number.
    pub pay_code: Option<String>,
    pub group_code: String,
}

/// One shop order, by its code: whose, which checkout, in what state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRef {
    pub id: i64,
    pub group_code: String,
    pub buyer_id: i64,
    pub status: OrderStatus,
    pub completed_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct OrderRefRow {
    id: i64,
    group_code: String,
    buyer_id: i64,
    status: String,
    completed_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Applies a gateway event once per event id, in one transaction.
    pub async fn apply_payment_event(
        &self,
        ev: &GatewayEvent,
        now: DateTime<Utc>,
    ) -> StoreResult<EventResult> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let first = sqlx::query(
                "INSERT INTO payment_events (event_id, gateway_ref, status, amount, outcome, received_at) \
                 VALUES ($1, $2, $3, $4, 'baru', $5) ON CONFLICT (event_id) DO NOTHING")
                .bind(&ev.event_id).bind(&ev.gateway_ref)
                .bind(match ev.status { ChargeStatus::Paid => "paid", ChargeStatus::Failed => "failed" })
                .bind(ev.amount).bind(now)
                .execute(&mut *tx).await?.rows_affected() == 1;
            if !first {
                return Ok(EventResult::Replay);
            }
            let payment: Option<(i64, i64, String, i64, String, String)> = sqlx::query_as(
                "SELECT pm.id, pm.group_id, pm.status, pm.amount, pm.method, g.code FROM payments pm \
                 JOIN order_groups g ON g.id = pm.group_id WHERE pm.gateway_ref = $1")
                .bind(&ev.gateway_ref).fetch_optional(&mut *tx).await?;
            let Some((payment_id, group_id, status, due, method, group_code)) = payment else {
                sqlx::query("UPDATE payment_events SET outcome = 'referensi_tidak_dikenal' WHERE event_id = $1")
                    .bind(&ev.event_id).execute(&mut *tx).await?;
                tx.commit().await?;
                return Ok(EventResult::UnknownReference);
            };
            let (Some(status), Some(method)) = (PaymentStatus::parse(&status), PaymentMethod::parse(&method)) else {
                return Err(StoreError::Check(format!("payment {payment_id} has unknown state")));
            };
            let awaiting: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM orders WHERE group_id = $1 AND status = 'menunggu_pembayaran')")
                .bind(group_id).fetch_one(&mut *tx).await?;
            let outcome = decide(status, Rupiah(due), awaiting, ev.status, Rupiah(ev.amount));
            match outcome {
                Outcome::Settle => {
                    sqlx::query("UPDATE payments SET status = 'paid', paid_at = $1 WHERE id = $2")
                        .bind(now).bind(payment_id).execute(&mut *tx).await?;
                    settle_group!(tx, group_id, method, now);
                }
                Outcome::SettleLate => {
                    sqlx::query("UPDATE payments SET status = 'paid', paid_at = $1 WHERE id = $2")
                        .bind(now).bind(payment_id).execute(&mut *tx).await?;
                    // Every order of it was cancelled: all of it is owed back.
                    sqlx::query(
                        "INSERT INTO refunds (order_id, payment_id, amount, reason, status, created_at) \
                         SELECT o.id, $2, o.total, 'terlambat_bayar', 'menunggu', $3 FROM orders o \
                         WHERE o.group_id = $1 ON CONFLICT (order_id) DO NOTHING")
                        .bind(group_id).bind(payment_id).bind(now).execute(&mut *tx).await?;
                    sqlx::query(
                        "INSERT INTO audit_events (actor_id, action, target_type, target_id, detail, ip, created_at) \
                         VALUES (NULL, 'payment.late', 'payment', $1, $2, NULL, $3)")
                        .bind(payment_id).bind(format!("{group_code}: {} dibayar setelah pesanan batal; perlu refund", ev.amount))
                        .bind(now).execute(&mut *tx).await?;
                }
                Outcome::Fail => {
                    sqlx::query("UPDATE payments SET status = 'failed' WHERE id = $1 AND status = 'pending'")
                        .bind(payment_id).execute(&mut *tx).await?;
                }
                Outcome::WrongAmount => {
                    sqlx::query(
                        "INSERT INTO audit_events (actor_id, action, target_type, target_id, detail, ip, created_at) \
                         VALUES (NULL, 'payment.amount_mismatch', 'payment', $1, $2, NULL, $3)")
                        .bind(payment_id).bind(format!("{group_code}: diminta {due}, dilaporkan {}", ev.amount))
                        .bind(now).execute(&mut *tx).await?;
                }
                Outcome::Ignore => {}
            }
            let label = match outcome {
                Outcome::Settle => "dibayar",
                Outcome::SettleLate => "terlambat_refund",
                Outcome::Fail => "gagal",
                Outcome::WrongAmount => "jumlah_salah",
                Outcome::Ignore => "diabaikan",
            };
            sqlx::query("UPDATE payment_events SET outcome = $1, payment_id = $2 WHERE event_id = $3")
                .bind(label).bind(payment_id).bind(&ev.event_id).execute(&mut *tx).await?;
            tx.commit().await?;
            if matches!(outcome, Outcome::Settle) {
                self.ping_group(group_id).await?;
            }
            Ok(EventResult::Applied { outcome, group_code })
        })
    }

    /// The buyer's shop orders, newest first, optionally in one state.
    pub async fn buyer_orders(
        &self,
        buyer_id: i64,
        status: Option<OrderStatus>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<OrderSummary>> {
        let sql = "SELECT o.code, g.code AS group_code, s.name AS shop_name, o.status, o.total, o.created_at, \
             (SELECT CAST(COALESCE(SUM(i.qty), 0) AS BIGINT) FROM order_items i WHERE i.order_id = o.id) AS units, \
             COALESCE((SELECT MIN(i.product_name) FROM order_items i WHERE i.order_id = o.id), '') AS first_item \
             FROM orders o JOIN order_groups g ON g.id = o.group_id JOIN shops s ON s.id = o.shop_id \
             WHERE o.buyer_id = $1 AND ($2 IS NULL OR o.status = $2) \
             ORDER BY o.created_at DESC, o.id DESC LIMIT $3 OFFSET $4";
        let status = status.map(|s| s.as_str());
        Ok(on_pool!(self, p => sqlx::query_as(sql)
            .bind(buyer_id).bind(status).bind(limit).bind(offset).fetch_all(p).await?))
    }

    /// A checkout by its code, with every shop order, line and step.
    /// Whose it is, the caller checks (`buyer_id`).
    pub async fn order_group(&self, code: &str) -> StoreResult<Option<OrderGroupView>> {
        on_pool!(self, p => {
            let g: Option<OrderGroupView> = sqlx::query_as(GROUP_VIEW).bind(code).fetch_optional(p).await?;
            let Some(mut g) = g else { return Ok(None) };
            let mut orders: Vec<ShopOrder> = sqlx::query_as(SHOP_ORDERS).bind(g.id).fetch_all(p).await?;
            let lines: Vec<OrderLine> = sqlx::query_as(
                "SELECT i.order_id, i.product_id, i.product_name, i.unit_price, i.qty, i.line_total, \
                 CAST(r.rating AS BIGINT) AS rating FROM order_items i JOIN orders o ON o.id = i.order_id \
                 LEFT JOIN reviews r ON r.order_id = i.order_id AND r.product_id = i.product_id \
                 WHERE o.group_id = $1 ORDER BY i.id")
                .bind(g.id).fetch_all(p).await?;
            let history: Vec<HistoryEntry> = sqlx::query_as(
                "SELECT h.order_id, h.to_status, h.actor_role, h.note, h.created_at FROM order_status_history h \
                 JOIN orders o ON o.id = h.order_id WHERE o.group_id = $1 ORDER BY h.created_at, h.id")
                .bind(g.id).fetch_all(p).await?;
            for o in &mut orders {
                o.items = lines.iter().filter(|l| l.order_id == o.id).cloned().collect();
                o.history = history.iter().filter(|h| h.order_id == o.id).cloned().collect();
            }
            g.orders = orders;
            Ok(Some(g))
        })
    }

    /// A shop order by its code.
    pub async fn order_by_code(&self, code: &str) -> StoreResult<Option<OrderRef>> {
        let row: Option<OrderRefRow> = on_pool!(self, p => sqlx::query_as(
            "SELECT o.id, g.code AS group_code, o.buyer_id, o.status, o.completed_at FROM orders o \
             JOIN order_groups g ON g.id = o.group_id WHERE o.code = $1")
            .bind(code).fetch_optional(p).await?);
        Ok(row.and_then(|r| {
            Some(OrderRef {
                id: r.id,
                group_code: r.group_code,
                buyer_id: r.buyer_id,
                status: OrderStatus::parse(&r.status)?,
                completed_at: r.completed_at,
            })
        }))
    }

    /// Reviews one product of a completed order, once. Returns false when it
    /// was reviewed already or is not in that order.
    pub async fn review(
        &self,
        order_id: i64,
        buyer_id: i64,
        product_id: i64,
        rating: i64,
        comment: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let n = on_pool!(self, p => sqlx::query(
            "INSERT INTO reviews (order_id, product_id, buyer_id, rating, comment, created_at) \
             SELECT o.id, $2, o.buyer_id, $4, $5, $6 FROM orders o \
             WHERE o.id = $1 AND o.buyer_id = $3 AND o.status IN ('selesai', 'dikomplain') \
             AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.product_id = $2) \
             ON CONFLICT (order_id, product_id) DO NOTHING")
            .bind(order_id).bind(product_id).bind(buyer_id).bind(rating).bind(comment).bind(now)
            .execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    /// The lines of an order, to buy again: (product, quantity).
    pub async fn order_products(&self, order_id: i64) -> StoreResult<Vec<(i64, i64)>> {
        Ok(on_pool!(self, p => sqlx::query_as(
            "SELECT product_id, CAST(SUM(qty) AS BIGINT) FROM order_items \
             WHERE order_id = $1 AND product_id IS NOT NULL GROUP BY product_id ORDER BY product_id")
            .bind(order_id).fetch_all(p).await?))
    }

    /// A charge as the gateway's page shows it, by the gateway's reference.
    pub async fn charge_by_ref(&self, gateway_ref: &str) -> StoreResult<Option<ChargeView>> {
        Ok(on_pool!(self, p => sqlx::query_as(
            "SELECT pm.method, pm.status, pm.amount, pm.pay_code, g.code AS group_code FROM payments pm \
             JOIN order_groups g ON g.id = pm.group_id WHERE pm.gateway_ref = $1")
            .bind(gateway_ref).fetch_optional(p).await?))
    }
}

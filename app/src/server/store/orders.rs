//! Moving one shop's order through its lifecycle. The domain decides
//! whether a move is allowed ([`crate::domain::order::transition`]); this
//! applies it with everything it entails, in one transaction.

use super::{on_pool, BeginWrite, Store, StoreResult};
use crate::domain::order::{transition, Actor, Effects, TransitionError};
use crate::domain::{OrderStatus, PaymentMethod};
use chrono::{DateTime, Utc};

/// An order that moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub from: OrderStatus,
    pub to: OrderStatus,
    /// What else happened (or, for `refund`, is owed: the payments issue
    /// writes the refund record from it).
    pub effects: Effects,
}

/// Why an order did not move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveRefusal {
    NotFound,
    /// The state machine does not allow it.
    Rules(TransitionError),
    /// Someone else moved the order first; nothing was written.
    Moved,
}

/// Who moves the order: the role, and the user when a person does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mover {
    pub actor: Actor,
    pub user_id: Option<i64>,
}

/// Applies an allowed move inside the transaction `$tx`: the conditional
/// status update, the history row, stock and units sold, a refund owed, and
/// an unpaid charge voided when its last waiting order goes. Evaluates to
/// `false` (nothing written) when the order was no longer in `$from`.
/// A macro because it runs on either engine's transaction type.
macro_rules! apply_move {
    ($tx:expr, $order_id:expr, $from:expr, $to:expr, $effects:expr, $by:expr, $note:expr, $now:expr) => {{
        let (order_id, from, to, effects, by, note, now): (
            i64,
            OrderStatus,
            OrderStatus,
            Effects,
            Mover,
            Option<&str>,
            DateTime<Utc>,
        ) = ($order_id, $from, $to, $effects, $by, $note, $now);
        let moved = sqlx::query(
            "UPDATE orders SET status = $1, updated_at = $2, \
             paid_at = CASE WHEN $3 THEN $2 ELSE paid_at END, \
             completed_at = CASE WHEN $4 THEN $2 ELSE completed_at END, \
             cancel_reason = CASE WHEN $1 = 'dibatalkan' THEN COALESCE($5, cancel_reason) ELSE cancel_reason END \
             WHERE id = $6 AND status = $7")
            .bind(to.as_str()).bind(now).bind(effects.mark_paid).bind(effects.mark_completed)
            .bind(note).bind(order_id).bind(from.as_str())
            .execute(&mut *$tx).await?.rows_affected();
        if moved == 1 {
            sqlx::query(
                "INSERT INTO order_status_history (order_id, from_status, to_status, actor_id, actor_role, note, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(order_id).bind(from.as_str()).bind(to.as_str()).bind(by.user_id)
                .bind(by.actor.as_str()).bind(note).bind(now)
                .execute(&mut *$tx).await?;
            let sold = i64::from(to == OrderStatus::Completed) - i64::from(from == OrderStatus::Completed);
            if effects.restock || sold != 0 {
                // A few lines per order: each product updated by its key.
                let lines: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT product_id, CAST(SUM(qty) AS BIGINT) FROM order_items \
                     WHERE order_id = $1 AND product_id IS NOT NULL GROUP BY product_id ORDER BY product_id")
                    .bind(order_id).fetch_all(&mut *$tx).await?;
                let back = if effects.restock { 1_i64 } else { 0 };
                for (product_id, qty) in lines {
                    sqlx::query(
                        "UPDATE products SET stock = stock + $1, sold_count = sold_count + $2 WHERE id = $3")
                        .bind(back * qty).bind(sold * qty).bind(product_id)
                        .execute(&mut *$tx).await?;
                }
            }
            if effects.refund {
                let reason = if from == OrderStatus::Complained { "komplain" } else { "dibatalkan" };
                sqlx::query(
                    "INSERT INTO refunds (order_id, payment_id, amount, reason, status, created_at) \
                     SELECT o.id, (SELECT MAX(p.id) FROM payments p WHERE p.group_id = o.group_id AND p.status = 'paid'), \
                     o.total, $2, 'menunggu', $3 FROM orders o WHERE o.id = $1 \
                     ON CONFLICT (order_id) DO NOTHING")
                    .bind(order_id).bind(reason).bind(now)
                    .execute(&mut *$tx).await?;
            }
            if to == OrderStatus::Completed {
                sqlx::query("UPDATE deliveries SET status = 'diterima', delivered_at = $2 WHERE order_id = $1 AND status <> 'diterima'")
                    .bind(order_id).bind(now).execute(&mut *$tx).await?;
            }
            // The shop's inbox shows the move live.
            sqlx::query(
                "INSERT INTO shop_events (shop_id, kind, order_id, created_at) \
                 SELECT shop_id, $2, id, $3 FROM orders WHERE id = $1")
                .bind(order_id).bind(to.as_str()).bind(now).execute(&mut *$tx).await?;
            if to == OrderStatus::Completed && from == OrderStatus::Shipped {
                // Peken owes the shop what the buyer paid online; cash on
                // delivery is recorded (cash) and owes nothing.
                sqlx::query(
                    "INSERT INTO ledger_entries (shop_id, order_id, kind, amount, cash, created_at) \
                     SELECT o.shop_id, o.id, 'penjualan', o.total, g.payment_method = 'cod', $2 \
                     FROM orders o JOIN order_groups g ON g.id = o.group_id WHERE o.id = $1 \
                     ON CONFLICT (order_id, kind) WHERE order_id IS NOT NULL DO NOTHING")
                    .bind(order_id).bind(now).execute(&mut *$tx).await?;
            }
            if from == OrderStatus::Complained && to == OrderStatus::Cancelled {
                // A completed order refunded: what it earned is taken back.
                sqlx::query(
                    "INSERT INTO ledger_entries (shop_id, order_id, kind, amount, cash, created_at) \
                     SELECT shop_id, order_id, 'refund', -amount, cash, $2 FROM ledger_entries \
                     WHERE order_id = $1 AND kind = 'penjualan' \
                     ON CONFLICT (order_id, kind) WHERE order_id IS NOT NULL DO NOTHING")
                    .bind(order_id).bind(now).execute(&mut *$tx).await?;
            }
            if to == OrderStatus::Complained {
                // The buyer's words go to the city's complaint desk.
                // Due after the city's SLA in working days, fixed now.
                let days: Option<i64> = sqlx::query_scalar(
                    "SELECT value FROM settings WHERE name = 'keluhan_sla_hari'")
                    .fetch_optional(&mut *$tx).await?;
                let due = crate::domain::complaint::due_at(
                    now, days.unwrap_or(crate::domain::complaint::SLA_DEFAULT_DAYS));
                sqlx::query(
                    "INSERT INTO complaints (order_id, buyer_id, reason, status, created_at, due_at) \
                     SELECT id, buyer_id, $2, 'terbuka', $3, $4 FROM orders WHERE id = $1")
                    .bind(order_id).bind(note.unwrap_or("")).bind(now).bind(due)
                    .execute(&mut *$tx).await?;
            }
            if from == OrderStatus::AwaitingPayment && to == OrderStatus::Cancelled {
                // Nothing of the group waits any more: the charge is void.
                sqlx::query(
                    "UPDATE payments SET status = 'expired' WHERE status IN ('pending', 'failed') \
                     AND group_id = (SELECT group_id FROM orders WHERE id = $1) \
                     AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.group_id = payments.group_id \
                                     AND o.status = 'menunggu_pembayaran')")
                    .bind(order_id).execute(&mut *$tx).await?;
            }
        }
        moved == 1
    }};
}
pub(crate) use apply_move;

impl Store {
    /// Moves order `order_id` to `to` on behalf of `by`, if the state machine
    /// allows it from the state the order is in. In the same transaction:
    /// the status history row; `paid_at` / `completed_at`; the quantities
    /// back into stock when goods that never left are cancelled; and
    /// `sold_count`, which always equals the units of each product in
    /// orders that are now completed (the one number "best-selling" sorts
    /// by). The update is conditional on the state that was read, so two
    /// movers at once cannot both succeed.
    pub async fn move_order(
        &self,
        order_id: i64,
        to: OrderStatus,
        by: Mover,
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<Moved, MoveRefusal>> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let row: Option<(String, String, i64)> = sqlx::query_as(
                "SELECT o.status, g.payment_method, o.shop_id FROM orders o \
                 JOIN order_groups g ON g.id = o.group_id WHERE o.id = $1")
                .bind(order_id).fetch_optional(&mut *tx).await?;
            let Some((from, method, shop_id)) = row else {
                return Ok(Err(MoveRefusal::NotFound));
            };
            let (Some(from), Some(method)) = (OrderStatus::parse(&from), PaymentMethod::parse(&method)) else {
                return Err(super::StoreError::Check(format!("order {order_id} has unknown state {from}/{method}")));
            };
            let effects = match transition(from, to, by.actor, method) {
                Ok(e) => e,
                Err(e) => return Ok(Err(MoveRefusal::Rules(e))),
            };
            if !apply_move!(tx, order_id, from, to, effects, by, note, now) {
                return Ok(Err(MoveRefusal::Moved));
            }
            tx.commit().await?;
            self.ping_shops([shop_id]).await;
            Ok(Ok(Moved { from, to, effects }))
        })
    }

    /// Cancels, as the system, the orders whose time to pay ran out (at
    /// most `limit` per call), giving their stock back. Safe with several
    /// runners at once: each move is conditional on the order still
    /// waiting, so an order is cancelled (and restocked) exactly once.
    /// Returns how many this call cancelled.
    pub async fn expire_unpaid(&self, now: DateTime<Utc>, limit: i64) -> StoreResult<usize> {
        let due: Vec<i64> = on_pool!(self, p => sqlx::query_scalar(
            "SELECT id FROM orders WHERE status = 'menunggu_pembayaran' AND expires_at <= $1 \
             ORDER BY expires_at LIMIT $2")
            .bind(now).bind(limit).fetch_all(p).await?);
        let system = Mover {
            actor: Actor::System,
            user_id: None,
        };
        let mut n = 0;
        for id in due {
            if self
                .move_order(id, OrderStatus::Cancelled, system, Some("kedaluwarsa"), now)
                .await?
                .is_ok()
            {
                n += 1;
            }
        }
        Ok(n)
    }

    /// An order's state, if it exists.
    pub async fn order_status(&self, order_id: i64) -> StoreResult<Option<OrderStatus>> {
        let s: Option<String> = on_pool!(self, p => sqlx::query_scalar("SELECT status FROM orders WHERE id = $1")
            .bind(order_id).fetch_optional(p).await?);
        Ok(s.as_deref().and_then(OrderStatus::parse))
    }

    /// A product's units sold, as kept in `sold_count`.
    pub async fn sold_count(&self, product_id: i64) -> StoreResult<i64> {
        Ok(
            on_pool!(self, p => sqlx::query_scalar("SELECT sold_count FROM products WHERE id = $1")
            .bind(product_id).fetch_one(p).await?),
        )
    }
}

//! Bulk import of generated demo data, in one transaction, with multi-row
//! inserts that stay under both engines' bind-parameter limits.

use super::{on_pool, BeginWrite, Db, Store, StoreError, StoreResult};
use crate::domain::{order::Actor, DeliveryStatus, OrderStatus, PaymentStatus, ShopStatus};
use crate::server::demo::{photo_path, DemoData, DemoOrder};
use crate::server::search::{normalize, product_text};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// Inserts `rows` in chunks: `head` is `INSERT INTO t (cols) `, and the
/// closure pushes one row's `cols` binds.
macro_rules! bulk_insert {
    ($tx:expr, $head:expr, $cols:expr, $rows:expr, |$b:ident, $r:ident| $push:block) => {{
        // SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535.
        let per_chunk = (30_000 / $cols).max(1);
        for chunk in $rows.chunks(per_chunk) {
            let mut qb = sqlx::QueryBuilder::new($head);
            qb.push_values(chunk, |mut $b, $r| $push);
            qb.build().execute(&mut *$tx).await?;
        }
    }};
}

/// How many rows a demo import wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub users: usize,
    pub shops: usize,
    pub products: usize,
    pub order_groups: usize,
    pub orders: usize,
    pub order_items: usize,
}

type Ts = DateTime<Utc>;
/// (order, from, to, actor id, actor role, when)
type HistoryRow<'a> = (i64, Option<&'a str>, &'a str, Option<i64>, &'a str, Ts);
/// (group, method, amount, status, paid at, created at)
type PaymentRow<'a> = (i64, &'a str, i64, &'a str, Option<Ts>, Ts);
/// (order, status, fee, shipped at, delivered at)
type DeliveryRow<'a> = (i64, &'a str, i64, Option<Ts>, Option<Ts>);
/// (order, product, buyer, rating, comment, created at)
type ReviewRow<'a> = (i64, i64, i64, i64, &'a str, Ts);
/// (order, buyer, reason, status, resolution, created at, resolved at)
type ComplaintRow<'a> = (
    i64,
    i64,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Ts,
    Ts,
    Option<Ts>,
);

impl Store {
    /// Whether any shop exists (demo data loads only into an empty marketplace).
    pub async fn has_shops(&self) -> StoreResult<bool> {
        let n: i64 = on_pool!(self, p => sqlx::query_scalar("SELECT COUNT(*) FROM shops").fetch_one(p).await?);
        Ok(n > 0)
    }

    async fn id_map(&self, sql: &str) -> StoreResult<HashMap<String, i64>> {
        let rows: Vec<(String, i64)> = on_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?);
        Ok(rows.into_iter().collect())
    }

    async fn max_id(&self, table: &str) -> StoreResult<i64> {
        let sql = format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM {table}");
        Ok(on_pool!(self, p => sqlx::query_scalar(&sql).fetch_one(p).await?))
    }

    /// Writes a generated demo marketplace. Every demo account gets
    /// `password_hash`. Refuses when the marketplace already has shops.
    pub async fn import_demo(
        &self,
        d: &DemoData,
        password_hash: &str,
    ) -> StoreResult<ImportCounts> {
        if self.has_shops().await? {
            return Err(StoreError::Duplicate(
                "the marketplace already has shops; demo data loads only into an empty one".into(),
            ));
        }
        let kec = self.id_map("SELECT name, id FROM kecamatan").await?;
        let opd = self.id_map("SELECT name, id FROM opd").await?;
        let cat = self.id_map("SELECT slug, id FROM categories").await?;
        let lookup = |m: &HashMap<String, i64>, k: &str| {
            m.get(k)
                .copied()
                .ok_or_else(|| StoreError::ForeignKey(format!("unknown reference {k}")))
        };
        // Generated ids start at 1; shift them past anything already there
        // (an admin created before seeding, say).
        let uo = self.max_id("users").await?;
        let so = self.max_id("shops").await?;
        let po = self.max_id("products").await?;
        let go = self.max_id("order_groups").await?;
        let oo = self.max_id("orders").await?;

        let users: Vec<_> = d
            .users
            .iter()
            .map(|u| {
                let opd_id = u.opd.map(|o| lookup(&opd, o)).transpose()?;
                Ok((u, opd_id))
            })
            .collect::<StoreResult<_>>()?;
        let shops: Vec<_> = d
            .shops
            .iter()
            .map(|s| Ok((s, lookup(&kec, s.kecamatan)?)))
            .collect::<StoreResult<_>>()?;
        let category_names: HashMap<&str, &str> =
            super::reference::categories().into_iter().collect();
        let shop_names: HashMap<i64, &str> =
            d.shops.iter().map(|s| (s.id, s.name.as_str())).collect();
        // Units sold in completed orders, written with the products rather
        // than by an UPDATE afterwards (which on PostgreSQL would leave every
        // product row behind as a dead tuple and double the table).
        let mut sold: HashMap<i64, i64> = HashMap::new();
        for o in d
            .orders
            .iter()
            .filter(|o| o.status == OrderStatus::Completed)
        {
            for i in &o.items {
                *sold.entry(i.product_id).or_default() += i.qty;
            }
        }
        let products: Vec<_> = d
            .products
            .iter()
            .map(|p| {
                let category = category_names
                    .get(p.category)
                    .copied()
                    .unwrap_or(p.category);
                let shop = shop_names.get(&p.shop_id).copied().unwrap_or_default();
                let search_text = product_text(&p.name, category, shop, &p.description);
                let sold = sold.get(&p.id).copied().unwrap_or(0);
                Ok((
                    p,
                    lookup(&cat, p.category)?,
                    normalize(&p.name),
                    search_text,
                    sold,
                ))
            })
            .collect::<StoreResult<_>>()?;
        let groups: Vec<_> = d
            .groups
            .iter()
            .map(|g| Ok((g, lookup(&kec, g.kecamatan)?)))
            .collect::<StoreResult<_>>()?;
        let owner_of: HashMap<i64, i64> = d.shops.iter().map(|s| (s.id, s.owner_id)).collect();

        let items: Vec<(i64, i64, &str, i64, i64)> = d
            .orders
            .iter()
            .flat_map(|o| {
                o.items.iter().map(move |i| {
                    (
                        o.id + oo,
                        i.product_id + po,
                        i.name.as_str(),
                        i.unit_price,
                        i.qty,
                    )
                })
            })
            .collect();
        let history: Vec<HistoryRow> = d
            .orders
            .iter()
            .flat_map(|o| {
                let owner = owner_of[&o.shop_id];
                o.history.iter().map(move |(from, to, actor, at)| {
                    let actor_id = match *actor {
                        Actor::Buyer => Some(o.buyer_id + uo),
                        Actor::Merchant => Some(owner + uo),
                        Actor::Admin | Actor::System => None,
                    };
                    (
                        o.id + oo,
                        from.map(OrderStatus::as_str),
                        to.as_str(),
                        actor_id,
                        actor.as_str(),
                        *at,
                    )
                })
            })
            .collect();
        // One payment per checkout: paid once every order in it is paid.
        let mut by_group: HashMap<i64, Vec<&DemoOrder>> = HashMap::new();
        for o in &d.orders {
            by_group.entry(o.group_id).or_default().push(o);
        }
        let payments: Vec<PaymentRow> = d
            .groups
            .iter()
            .map(|g| {
                let orders = &by_group[&g.id];
                let paid_at = orders
                    .iter()
                    .map(|o| o.paid_at)
                    .collect::<Option<Vec<_>>>()
                    .and_then(|v| v.into_iter().max());
                let expired = orders
                    .iter()
                    .any(|o| o.status == OrderStatus::Cancelled && o.paid_at.is_none());
                let status = match (paid_at, expired) {
                    (Some(_), _) => PaymentStatus::Paid,
                    (None, true) => PaymentStatus::Expired,
                    (None, false) => PaymentStatus::Pending,
                }
                .as_str();
                (g.id + go, g.method, g.total, status, paid_at, g.created_at)
            })
            .collect();
        let at_status =
            |o: &DemoOrder, s: OrderStatus| o.history.iter().find(|h| h.1 == s).map(|h| h.3);
        let deliveries: Vec<DeliveryRow> = d
            .orders
            .iter()
            .filter(|o| o.status != OrderStatus::Cancelled)
            .map(|o| {
                let shipped = at_status(o, OrderStatus::Shipped);
                let delivered = at_status(o, OrderStatus::Completed);
                let status = match (shipped, delivered) {
                    (_, Some(_)) => DeliveryStatus::Delivered,
                    (Some(_), None) => DeliveryStatus::OnTheWay,
                    _ => DeliveryStatus::Waiting,
                }
                .as_str();
                (o.id + oo, status, o.delivery_fee, shipped, delivered)
            })
            .collect();
        let reviews: Vec<ReviewRow> = d
            .orders
            .iter()
            .filter_map(|o| {
                let (rating, comment) = o.review?;
                let first = o.items.first()?;
                Some((
                    o.id + oo,
                    first.product_id + po,
                    o.buyer_id + uo,
                    rating,
                    comment,
                    o.updated_at + Duration::hours(3),
                ))
            })
            .collect();
        let complaints: Vec<ComplaintRow> = d
            .orders
            .iter()
            .filter_map(|o| {
                let reason = o.complaint?;
                // Filed when the order moved to "dikomplain"; settled (a
                // replacement) when the city completed it again.
                let filed = o
                    .history
                    .iter()
                    .find(|h| h.1 == OrderStatus::Complained)
                    .map(|h| h.3)?;
                let settled = o.status == OrderStatus::Completed;
                Some((
                    o.id + oo,
                    o.buyer_id + uo,
                    reason,
                    if settled { "selesai" } else { "terbuka" },
                    settled.then_some("Penjual mengirim ulang barang yang kurang."),
                    settled.then_some("ganti"),
                    filed,
                    crate::domain::complaint::due_at(
                        filed,
                        crate::domain::complaint::SLA_DEFAULT_DAYS,
                    ),
                    settled.then_some(o.updated_at),
                ))
            })
            .collect();

        let backend = self.backend();
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            bulk_insert!(tx, "INSERT INTO users (id, role, name, email, phone, nip, opd_id, password_hash, created_at) ", 9, users, |b, r| {
                let (u, opd_id) = r;
                b.push_bind(u.id + uo).push_bind(u.role.as_str()).push_bind(u.name.as_str())
                    .push_bind(u.email.as_str()).push_bind(u.phone.as_str()).push_bind(u.nip.as_deref())
                    .push_bind(*opd_id).push_bind(password_hash).push_bind(u.created_at);
            });
            bulk_insert!(tx, "INSERT INTO shops (id, owner_id, slug, name, kind, is_mbr, kecamatan_id, address, lat, lng, phone, description, open_hours, status, status_reason, verified_at, created_at, submitted_at) ", 18, shops, |b, r| {
                let (s, kec_id) = r;
                let verified_at = (s.status != ShopStatus::Pending).then(|| s.created_at + Duration::days(2));
                let reason = (s.status == ShopStatus::Suspended)
                    .then_some("Dibekukan sementara: nomor rekening tidak sesuai nama pemilik.");
                b.push_bind(s.id + so).push_bind(s.owner_id + uo).push_bind(s.slug.as_str()).push_bind(s.name.as_str())
                    .push_bind(s.kind.as_str()).push_bind(s.is_mbr).push_bind(*kec_id).push_bind(s.address.as_str())
                    .push_bind(s.lat).push_bind(s.lng).push_bind(s.phone.as_str()).push_bind(s.description.as_str())
                    .push_bind(s.open_hours.as_str()).push_bind(s.status.as_str()).push_bind(reason).push_bind(verified_at)
                    .push_bind(s.created_at).push_bind(s.submitted_at);
            });
            bulk_insert!(tx, "INSERT INTO products (id, shop_id, category_id, slug, name, description, price, stock, unit, weight_grams, is_active, created_at, updated_at, search_name, search_text, sold_count) ", 16, products, |b, r| {
                let (p, cat_id, search_name, search_text, sold) = r;
                b.push_bind(p.id + po).push_bind(p.shop_id + so).push_bind(*cat_id).push_bind(p.slug.as_str())
                    .push_bind(p.name.as_str()).push_bind(p.description.as_str()).push_bind(p.price).push_bind(p.stock)
                    .push_bind(p.unit).push_bind(p.weight_grams).push_bind(true).push_bind(p.created_at).push_bind(p.created_at)
                    .push_bind(search_name.as_str()).push_bind(search_text.as_str()).push_bind(*sold);
            });
            bulk_insert!(tx, "INSERT INTO product_photos (product_id, path, width, height, sort_order) ", 5, d.products, |b, pr| {
                b.push_bind(pr.id + po).push_bind(photo_path(pr.id)).push_bind(400i64).push_bind(400i64).push_bind(0i64);
            });
            bulk_insert!(tx, "INSERT INTO order_groups (id, code, buyer_id, payment_method, total, recipient, phone, kecamatan_id, address, created_at) ", 10, groups, |b, r| {
                let (g, kec_id) = r;
                b.push_bind(g.id + go).push_bind(g.code.as_str()).push_bind(g.buyer_id + uo).push_bind(g.method)
                    .push_bind(g.total).push_bind(g.recipient.as_str()).push_bind(g.phone.as_str()).push_bind(*kec_id)
                    .push_bind(g.address.as_str()).push_bind(g.created_at);
            });
            bulk_insert!(tx, "INSERT INTO orders (id, group_id, code, shop_id, buyer_id, status, subtotal, delivery_fee, total, payout, cancel_reason, created_at, updated_at, paid_at, completed_at) ", 15, d.orders, |b, o| {
                let payout = if o.status == OrderStatus::Completed { o.total() } else { 0 };
                b.push_bind(o.id + oo).push_bind(o.group_id + go).push_bind(o.code.as_str()).push_bind(o.shop_id + so)
                    .push_bind(o.buyer_id + uo).push_bind(o.status.as_str()).push_bind(o.subtotal).push_bind(o.delivery_fee)
                    .push_bind(o.total()).push_bind(payout).push_bind(o.cancel_reason).push_bind(o.created_at)
                    .push_bind(o.updated_at).push_bind(o.paid_at).push_bind(o.completed_at);
            });
            bulk_insert!(tx, "INSERT INTO order_items (order_id, product_id, product_name, unit_price, qty, line_total) ", 6, items, |b, r| {
                let (order_id, product_id, name, price, qty) = *r;
                b.push_bind(order_id).push_bind(product_id).push_bind(name).push_bind(price).push_bind(qty).push_bind(price * qty);
            });
            bulk_insert!(tx, "INSERT INTO order_status_history (order_id, from_status, to_status, actor_id, actor_role, created_at) ", 6, history, |b, r| {
                let (order_id, from, to, actor_id, role, at) = *r;
                b.push_bind(order_id).push_bind(from).push_bind(to).push_bind(actor_id).push_bind(role).push_bind(at);
            });
            bulk_insert!(tx, "INSERT INTO payments (group_id, method, amount, status, paid_at, created_at) ", 6, payments, |b, r| {
                let (group_id, method, amount, status, paid_at, at) = *r;
                b.push_bind(group_id).push_bind(method).push_bind(amount).push_bind(status).push_bind(paid_at).push_bind(at);
            });
            bulk_insert!(tx, "INSERT INTO deliveries (order_id, status, fee, shipped_at, delivered_at) ", 5, deliveries, |b, r| {
                let (order_id, status, fee, shipped, delivered) = *r;
                b.push_bind(order_id).push_bind(status).push_bind(fee).push_bind(shipped).push_bind(delivered);
            });
            bulk_insert!(tx, "INSERT INTO reviews (order_id, product_id, buyer_id, rating, comment, created_at) ", 6, reviews, |b, r| {
                let (order_id, product_id, buyer_id, rating, comment, at) = *r;
                b.push_bind(order_id).push_bind(product_id).push_bind(buyer_id).push_bind(rating).push_bind(comment).push_bind(at);
            });
            bulk_insert!(tx, "INSERT INTO complaints (order_id, buyer_id, reason, status, resolution, outcome, created_at, due_at, resolved_at) ", 9, complaints, |b, r| {
                let (order_id, buyer_id, reason, status, resolution, outcome, at, due, resolved) = *r;
                b.push_bind(order_id).push_bind(buyer_id).push_bind(reason).push_bind(status).push_bind(resolution)
                    .push_bind(outcome).push_bind(at).push_bind(due).push_bind(resolved);
            });
            // How long the settled ones took (as migration 0017 fills it).
            sqlx::query("DELETE FROM complaint_hours").execute(&mut *tx).await?;
            sqlx::query(super::complaints::complaint_hours_rebuild(backend)).execute(&mut *tx).await?;
            // Completed orders owe their shops, as they would had they
            // completed here (see `apply_move!`).
            sqlx::query(
                "INSERT INTO ledger_entries (shop_id, order_id, kind, amount, cash, created_at) \
                 SELECT o.shop_id, o.id, 'penjualan', o.total, g.payment_method = 'cod', COALESCE(o.completed_at, o.updated_at) \
                 FROM orders o JOIN order_groups g ON g.id = o.group_id \
                 WHERE o.status IN ('selesai', 'dikomplain') \
                 ON CONFLICT (order_id, kind) WHERE order_id IS NOT NULL DO NOTHING")
                .execute(&mut *tx).await?;
            // New checkouts number on from the demo's last code of each day.
            sqlx::query(
                "INSERT INTO order_code_days (day, last_seq) \
                 SELECT substr(code, 5, 6), MAX(CAST(substr(code, 12, 10) AS BIGINT)) FROM order_groups \
                 WHERE code LIKE 'PKN-______-%' GROUP BY substr(code, 5, 6) \
                 ON CONFLICT (day) DO UPDATE SET last_seq = CASE WHEN excluded.last_seq > order_code_days.last_seq \
                 THEN excluded.last_seq ELSE order_code_days.last_seq END")
                .execute(&mut *tx).await?;
            tx.commit().await?;
        });

        // Category pages' order: every imported product's group at once.
        self.rerank_offers().await?;
        // The city's price comparison: every imported product's group.
        self.regroup_prices().await?;
        self.fold_totals().await?;

        if let Db::Postgres(p) = &self.db {
            // Fresh planner statistics: without them PostgreSQL plans the
            // catalog queries for empty tables until autovacuum catches up
            // (home page 174 → 745 req/s in `make bench`). Not on SQLite:
            // with statistics it sorts every product for "newest" instead of
            // walking the created_at index (754 → 330 req/s). VACUUM too:
            // it marks the freshly written pages all-visible, without which
            // the covering indexes (best sellers' names for search) cannot
            // answer from the index alone until autovacuum gets there.
            sqlx::query("VACUUM (ANALYZE)").execute(p).await?;
            // Explicit ids do not advance identity sequences; move them past the data.
            for table in ["users", "shops", "products", "order_groups", "orders"] {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                );
                sqlx::query(&sql).execute(p).await?;
            }
        }

        Ok(ImportCounts {
            users: d.users.len(),
            shops: d.shops.len(),
            products: d.products.len(),
            order_groups: d.groups.len(),
            orders: d.orders.len(),
            order_items: items.len(),
        })
    }
}

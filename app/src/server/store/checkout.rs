//! The cart as the buyer sees it, and checkout: one transaction that turns
//! the cart into one order group with one order per shop, reserving stock
//! by conditional updates so that nothing is ever oversold.

use super::{on_pool, BeginWrite, Mover, Store, StoreError, StoreResult};
use crate::domain::cart::{check_set, CartRefusal};
use crate::domain::checkout::{plan, price, CartLine, CartProblem, Priced};
use crate::domain::delivery::{AddressPlace, CityRates, DeliveryMethod, Pin, Rates, ShopPlace};
use crate::domain::order::{self, Actor};
use crate::domain::{OrderStatus, PaymentMethod, Rupiah};
use crate::model::Photo;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// One cart line with what the catalog says about it now.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CartRow {
    pub product_id: i64,
    pub name: String,
    pub unit: String,
    pub price: i64,
    pub seen_price: Option<i64>,
    pub qty: i64,
    pub stock: i64,
    pub is_active: bool,
    pub shop_status: String,
    /// The shop reached its monthly sales cap: not for sale until next month.
    pub shop_capped: bool,
    pub shop_id: i64,
    pub shop_name: String,
    pub shop_slug: String,
    pub shop_lat: Option<f64>,
    pub shop_lng: Option<f64>,
    pub shop_kecamatan_id: i64,
    pub shop_wilayah: String,
    pub base_fee: Option<i64>,
    pub per_km: Option<i64>,
    pub max_m: Option<i64>,
    pub delivers: bool,
    pub photo_path: Option<String>,
    pub photo_width: Option<i64>,
    pub photo_height: Option<i64>,
}

impl CartRow {
    /// Active, and its shop sells.
    pub fn for_sale(&self) -> bool {
        self.is_active && self.shop_status == "verified" && !self.shop_capped
    }

    /// The line as checkout plans it.
    pub fn line(&self) -> CartLine {
        CartLine {
            product_id: self.product_id,
            shop_id: self.shop_id,
            unit_price: Rupiah(self.price),
            qty: self.qty,
            stock: self.stock,
            for_sale: self.for_sale(),
            seen_price: self.seen_price.map(Rupiah),
        }
    }

    /// Where the shop is and what its courier charges.
    pub fn shop_place(&self) -> ShopPlace {
        let rates = match (self.base_fee, self.per_km, self.max_m) {
            (Some(base), Some(per_km), Some(max_m)) => Some(Rates {
                base: Rupiah(base),
                per_km: Rupiah(per_km),
                max_m,
            }),
            _ => None,
        };
        ShopPlace {
            delivers: self.delivers,
            pin: pin(self.shop_lat, self.shop_lng),
            kecamatan_id: self.shop_kecamatan_id,
            wilayah: self.shop_wilayah.clone(),
            rates,
        }
    }

    pub fn photo(&self) -> Option<Photo> {
        super::catalog::photo_of(self.photo_path.clone(), self.photo_width, self.photo_height)
    }
}

fn pin(lat: Option<f64>, lng: Option<f64>) -> Option<Pin> {
    Some(Pin {
        lat: lat?,
        lng: lng?,
    })
}

const CART_ROWS: &str = "SELECT p.id AS product_id, p.name, p.unit, p.price, ci.seen_price, ci.qty, p.stock, \
     p.is_active, s.status AS shop_status, (s.capped_month IS NOT NULL) AS shop_capped, s.id AS shop_id, s.name AS shop_name, s.slug AS shop_slug, \
     s.lat AS shop_lat, s.lng AS shop_lng, s.kecamatan_id AS shop_kecamatan_id, k.wilayah AS shop_wilayah, \
     s.delivery_base_fee AS base_fee, s.delivery_per_km AS per_km, s.delivery_max_m AS max_m, \
     s.delivers, ph.path AS photo_path, ph.width AS photo_width, ph.height AS photo_height \
     FROM carts c JOIN cart_items ci ON ci.cart_id = c.id JOIN products p ON p.id = ci.product_id \
     JOIN shops s ON s.id = p.shop_id JOIN kecamatan k ON k.id = s.kecamatan_id \
     LEFT JOIN product_photos ph ON ph.product_id = p.id AND ph.sort_order = 0 \
     WHERE c.user_id = $1 ORDER BY s.name, s.id, p.name, p.id";

/// Hands out the next order-group number of a WIB day.
const NEXT_SEQ: &str = "INSERT INTO order_code_days (day, last_seq) VALUES ($1, 1) \
     ON CONFLICT (day) DO UPDATE SET last_seq = order_code_days.last_seq + 1 RETURNING last_seq";

/// A buyer's own address, as checkout needs it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AddressRow {
    pub id: i64,
    pub recipient: String,
    pub phone: String,
    pub kecamatan_id: i64,
    pub kecamatan: String,
    pub wilayah: String,
    pub kelurahan: String,
    pub street: String,
    pub rt_rw: Option<String>,
    pub notes: Option<String>,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
}

impl AddressRow {
    pub fn place(&self) -> AddressPlace {
        AddressPlace {
            pin: pin(self.lat, self.lng),
            kecamatan_id: self.kecamatan_id,
            wilayah: self.wilayah.clone(),
        }
    }

    /// The address written out for the courier.
    pub fn text(&self) -> String {
        let mut s = self.street.clone();
        if let Some(rt) = self.rt_rw.as_deref().filter(|r| !r.is_empty()) {
            s.push_str(&format!(" RT/RW {rt}"));
        }
        s.push_str(&format!(", {}, Kec. {}", self.kelurahan, self.kecamatan));
        if let Some(n) = self.notes.as_deref().filter(|n| !n.is_empty()) {
            s.push_str(&format!(" ({n})"));
        }
        s
    }
}

const ADDRESS_ROW: &str =
    "SELECT a.id, a.recipient, a.phone, a.kecamatan_id, k.name AS kecamatan, \
     k.wilayah, a.kelurahan, a.street, a.rt_rw, a.notes, a.lat, a.lng \
     FROM addresses a JOIN kecamatan k ON k.id = a.kecamatan_id WHERE a.id = $1 AND a.user_id = $2";

/// Prices a cart for an address: one order per shop, the courier fee by
/// distance or tier, the chosen method per shop (default: the courier when
/// it goes there, else pickup).
pub fn price_cart(
    rows: &[CartRow],
    to: &AddressPlace,
    choices: &BTreeMap<i64, DeliveryMethod>,
    city: &CityRates,
) -> Result<Priced, Vec<CartProblem>> {
    let lines: Vec<CartLine> = rows.iter().map(CartRow::line).collect();
    let plans = plan(&lines)?;
    let places: BTreeMap<i64, ShopPlace> =
        rows.iter().map(|r| (r.shop_id, r.shop_place())).collect();
    price(
        plans,
        |shop| crate::domain::delivery::quote(&places[&shop], to, city),
        |shop, q| match choices.get(&shop) {
            Some(m) => *m,
            None if q.fee().is_some() => DeliveryMethod::Courier,
            None => DeliveryMethod::Pickup,
        },
    )
}

/// What one checkout asks for. Every amount is computed again inside the
/// transaction; `expect_total` and `expect_cart` are what the buyer saw on
/// the review page, and a difference refuses the checkout.
#[derive(Debug, Clone)]
pub struct CheckoutRequest {
    pub buyer_id: i64,
    /// The form's idempotency key.
    pub key: String,
    /// A digest of what the form asked for: the same key with another
    /// request is refused.
    pub fingerprint: String,
    pub address_id: i64,
    pub method: PaymentMethod,
    pub delivery: BTreeMap<i64, DeliveryMethod>,
    /// (product, quantity) by product, as shown on the review page.
    pub expect_cart: Vec<(i64, i64)>,
    pub expect_total: Rupiah,
    pub city: CityRates,
    /// Seconds to pay, for online methods.
    pub pay_within: Option<i64>,
    pub now: DateTime<Utc>,
}

/// Why a checkout wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckoutRefusal {
    /// The key was used for a different checkout.
    KeyReused,
    AddressNotFound,
    /// The cart is not what the review page showed.
    CartChanged,
    Problems(Vec<CartProblem>),
    /// Prices or fees moved since the review page: this is the total now.
    TotalChanged {
        now: Rupiah,
    },
}

/// A checkout that was written (or found again by its key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub group_id: i64,
    pub code: String,
    pub payment_id: i64,
    pub method: PaymentMethod,
    pub total: Rupiah,
    /// The key was seen before: this is the first checkout's result.
    pub replay: bool,
}

/// Whether an error is the engine asking to try again (SQLite busy past
/// its timeout, PostgreSQL serialization failure or deadlock).
fn retryable(e: &StoreError) -> bool {
    match e {
        StoreError::Db(sqlx::Error::Database(d)) => matches!(
            d.code().as_deref(),
            Some("40001" | "40P01" | "5" | "6" | "517" | "261" | "262")
        ),
        _ => false,
    }
}

impl StoreError {
    /// The database is too busy to take the write now (after retries).
    pub fn is_busy(&self) -> bool {
        retryable(self)
    }
}

impl Store {
    /// The user's cart with current prices, stock and shops.
    pub async fn cart_rows(&self, user_id: i64) -> StoreResult<Vec<CartRow>> {
        Ok(on_pool!(self, p => sqlx::query_as(CART_ROWS).bind(user_id).fetch_all(p).await?))
    }

    /// How many units the user's cart holds (the header's badge).
    pub async fn cart_count(&self, user_id: i64) -> StoreResult<i64> {
        Ok(on_pool!(self, p => sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(ci.qty), 0) AS BIGINT) FROM cart_items ci \
             JOIN carts c ON c.id = ci.cart_id WHERE c.user_id = $1")
            .bind(user_id).fetch_one(p).await?))
    }

    /// Sets a line's quantity (0 removes it), never above the stock.
    /// Returns the quantity now held.
    pub async fn set_cart_qty(
        &self,
        user_id: i64,
        product_id: i64,
        qty: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<i64, CartRefusal>> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let row: Option<(i64, i64)> = sqlx::query_as(
                "SELECT ci.cart_id, p.stock FROM cart_items ci JOIN carts c ON c.id = ci.cart_id \
                 JOIN products p ON p.id = ci.product_id WHERE c.user_id = $1 AND ci.product_id = $2")
                .bind(user_id).bind(product_id).fetch_optional(&mut *tx).await?;
            let Some((cart_id, stock)) = row else {
                return Ok(Err(CartRefusal::NotForSale));
            };
            let qty = match check_set(qty, stock) {
                Ok(q) => q,
                // Lowering a line is always allowed, even below a stock that fell.
                Err(CartRefusal::NotEnoughStock { .. }) if qty == 0 => 0,
                Err(e) => return Ok(Err(e)),
            };
            if qty == 0 {
                sqlx::query("DELETE FROM cart_items WHERE cart_id = $1 AND product_id = $2")
                    .bind(cart_id).bind(product_id).execute(&mut *tx).await?;
            } else {
                sqlx::query("UPDATE cart_items SET qty = $1 WHERE cart_id = $2 AND product_id = $3")
                    .bind(qty).bind(cart_id).bind(product_id).execute(&mut *tx).await?;
            }
            sqlx::query("UPDATE carts SET updated_at = $1 WHERE id = $2")
                .bind(now).bind(cart_id).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(Ok(qty))
        })
    }

    /// The buyer has seen what changed: every line takes the current price,
    /// no more than the stock left, and lines that cannot be bought go.
    /// Returns how many lines changed.
    pub async fn accept_cart(&self, user_id: i64, now: DateTime<Utc>) -> StoreResult<u64> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let cart: Option<i64> = sqlx::query_scalar("SELECT id FROM carts WHERE user_id = $1")
                .bind(user_id).fetch_optional(&mut *tx).await?;
            let Some(cart_id) = cart else { return Ok(0) };
            let gone = sqlx::query(
                // Each line looks up its own product: an `IN (SELECT …)` of
                // every unbuyable product read the whole catalog (SQLite).
                "DELETE FROM cart_items WHERE cart_id = $1 AND EXISTS (\
                 SELECT 1 FROM products p JOIN shops s ON s.id = p.shop_id \
                 WHERE p.id = cart_items.product_id AND (p.stock <= 0 OR p.is_active = FALSE \
                 OR s.status <> 'verified' OR s.capped_month IS NOT NULL))")
                .bind(cart_id).execute(&mut *tx).await?.rows_affected();
            let changed = sqlx::query(
                "UPDATE cart_items SET \
                 qty = (SELECT CASE WHEN p.stock < cart_items.qty THEN p.stock ELSE cart_items.qty END FROM products p WHERE p.id = cart_items.product_id), \
                 seen_price = (SELECT p.price FROM products p WHERE p.id = cart_items.product_id) \
                 WHERE cart_id = $1 AND EXISTS (SELECT 1 FROM products p WHERE p.id = cart_items.product_id \
                 AND (p.stock < cart_items.qty OR cart_items.seen_price IS NULL OR p.price <> cart_items.seen_price))")
                .bind(cart_id).execute(&mut *tx).await?.rows_affected();
            sqlx::query("UPDATE carts SET updated_at = $1 WHERE id = $2")
                .bind(now).bind(cart_id).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(gone + changed)
        })
    }

    /// One of the user's own addresses (None for anyone else's).
    pub async fn address_row(
        &self,
        user_id: i64,
        address_id: i64,
    ) -> StoreResult<Option<AddressRow>> {
        Ok(on_pool!(self, p => sqlx::query_as(ADDRESS_ROW)
            .bind(address_id).bind(user_id).fetch_optional(p).await?))
    }

    /// Places the order (see [`CheckoutRequest`]). Retried when the engine
    /// asks for it; a busy database after that is an error the caller
    /// reports as "try again", never a half-written order.
    pub async fn place_order(
        &self,
        r: &CheckoutRequest,
    ) -> StoreResult<Result<Placed, CheckoutRefusal>> {
        let mut attempt = 0;
        loop {
            match self.place_order_once(r).await {
                Err(e) if retryable(&e) && attempt < 3 => {
                    attempt += 1;
                    tracing::warn!(attempt, error = %e, "checkout retried");
                    tokio::time::sleep(std::time::Duration::from_millis(20 * attempt)).await;
                }
                other => return other,
            }
        }
    }

    async fn place_order_once(
        &self,
        r: &CheckoutRequest,
    ) -> StoreResult<Result<Placed, CheckoutRefusal>> {
        let day = crate::model::order_code(r.now, 0)[4..10].to_string();
        // PostgreSQL: the day's counter row is taken in its own statement,
        // not held locked by every checkout until it commits (all checkouts
        // of the day would queue on it). A refused checkout leaves a gap in
        // the numbers, never a duplicate. SQLite writes one at a time anyway:
        // there it is part of the transaction.
        let early_seq: Option<i64> = match &self.db {
            super::Db::Postgres(p) => {
                Some(sqlx::query_scalar(NEXT_SEQ).bind(&day).fetch_one(p).await?)
            }
            super::Db::Sqlite(_) => None,
        };
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            // 1. The key: the first request with it wins; later ones get its result.
            let fresh = sqlx::query(
                "INSERT INTO idempotency_keys (user_id, scope, key, fingerprint, created_at) \
                 VALUES ($1, 'checkout', $2, $3, $4) ON CONFLICT (user_id, scope, key) DO NOTHING")
                .bind(r.buyer_id).bind(&r.key).bind(&r.fingerprint).bind(r.now)
                .execute(&mut *tx).await?.rows_affected() == 1;
            if !fresh {
                let (fp, result): (Option<String>, Option<String>) = sqlx::query_as(
                    "SELECT fingerprint, result FROM idempotency_keys \
                     WHERE user_id = $1 AND scope = 'checkout' AND key = $2")
                    .bind(r.buyer_id).bind(&r.key).fetch_one(&mut *tx).await?;
                if fp.as_deref() != Some(r.fingerprint.as_str()) {
                    return Ok(Err(CheckoutRefusal::KeyReused));
                }
                let code = result.ok_or_else(|| StoreError::Check("idempotency key without result".into()))?;
                let (group_id, method, total, payment_id): (i64, String, i64, i64) = sqlx::query_as(
                    "SELECT g.id, g.payment_method, g.total, \
                     (SELECT MIN(pm.id) FROM payments pm WHERE pm.group_id = g.id) \
                     FROM order_groups g WHERE g.code = $1")
                    .bind(&code).fetch_one(&mut *tx).await?;
                return Ok(Ok(Placed {
                    group_id,
                    code,
                    payment_id,
                    method: PaymentMethod::parse(&method).unwrap_or(r.method),
                    total: Rupiah(total),
                    replay: true,
                }));
            }
            // 2. The address, the buyer's own.
            let addr: Option<AddressRow> = sqlx::query_as(ADDRESS_ROW)
                .bind(r.address_id).bind(r.buyer_id).fetch_optional(&mut *tx).await?;
            let Some(addr) = addr else {
                return Ok(Err(CheckoutRefusal::AddressNotFound));
            };
            // 3. The cart as it is now, summed per product.
            let rows: Vec<CartRow> = sqlx::query_as(CART_ROWS)
                .bind(r.buyer_id).fetch_all(&mut *tx).await?;
            let mut held: BTreeMap<i64, i64> = BTreeMap::new();
            for row in &rows {
                *held.entry(row.product_id).or_default() += row.qty;
            }
            if held.into_iter().collect::<Vec<_>>() != r.expect_cart {
                return Ok(Err(CheckoutRefusal::CartChanged));
            }
            let priced = match price_cart(&rows, &addr.place(), &r.delivery, &r.city) {
                Ok(p) => p,
                Err(problems) => return Ok(Err(CheckoutRefusal::Problems(problems))),
            };
            if priced.total != r.expect_total {
                return Ok(Err(CheckoutRefusal::TotalChanged { now: priced.total }));
            }
            // 4. Stock, product by product in id order (so two checkouts
            //    never wait on each other in a circle): all or nothing.
            let mut wanted: Vec<(i64, i64)> = priced.shops.iter()
                .flat_map(|s| s.plan.items.iter().map(|i| (i.product_id, i.qty)))
                .collect();
            wanted.sort_unstable();
            for &(product_id, qty) in &wanted {
                let got = sqlx::query(
                    "UPDATE products SET stock = stock - $1 WHERE id = $2 AND stock >= $1 AND is_active = TRUE")
                    .bind(qty).bind(product_id).execute(&mut *tx).await?.rows_affected();
                if got != 1 {
                    let left: i64 = sqlx::query_scalar("SELECT stock FROM products WHERE id = $1")
                        .bind(product_id).fetch_one(&mut *tx).await?;
                    return Ok(Err(CheckoutRefusal::Problems(vec![CartProblem::NotEnough {
                        product_id,
                        left: left.max(0),
                    }])));
                }
            }
            // 5. The group's number: the next of the day (WIB).
            let seq: i64 = match early_seq {
                Some(seq) => seq,
                None => sqlx::query_scalar(NEXT_SEQ).bind(&day).fetch_one(&mut *tx).await?,
            };
            let code = crate::model::order_code(r.now, u32::try_from(seq).unwrap_or(u32::MAX));
            let group_id: i64 = sqlx::query_scalar(
                "INSERT INTO order_groups (code, buyer_id, payment_method, total, recipient, phone, kecamatan_id, address, lat, lng, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id")
                .bind(&code).bind(r.buyer_id).bind(r.method.as_str()).bind(priced.total.get())
                .bind(&addr.recipient).bind(&addr.phone).bind(addr.kecamatan_id).bind(addr.text())
                .bind(addr.lat).bind(addr.lng).bind(r.now)
                .fetch_one(&mut *tx).await?;
            let status = order::initial(r.method);
            let expires = r.pay_within.map(|s| r.now + chrono::Duration::seconds(s));
            let names: BTreeMap<i64, &str> = rows.iter().map(|x| (x.product_id, x.name.as_str())).collect();
            for (i, shop) in priced.shops.iter().enumerate() {
                let order_id: i64 = sqlx::query_scalar(
                    "INSERT INTO orders (group_id, code, shop_id, buyer_id, status, subtotal, delivery_fee, total, \
                     delivery_method, created_at, updated_at, paid_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12) RETURNING id")
                    .bind(group_id).bind(format!("{code}-{}", i + 1)).bind(shop.plan.shop_id).bind(r.buyer_id)
                    .bind(status.as_str()).bind(shop.plan.subtotal.get()).bind(shop.fee.get()).bind(shop.total.get())
                    .bind(shop.method.as_str()).bind(r.now)
                    .bind((status == OrderStatus::Paid).then_some(r.now)).bind(expires)
                    .fetch_one(&mut *tx).await?;
                for item in &shop.plan.items {
                    sqlx::query(
                        "INSERT INTO order_items (order_id, product_id, product_name, unit_price, qty, line_total) \
                         VALUES ($1, $2, $3, $4, $5, $6)")
                        .bind(order_id).bind(item.product_id).bind(names.get(&item.product_id).copied().unwrap_or(""))
                        .bind(item.unit_price.get()).bind(item.qty).bind(item.line_total.get())
                        .execute(&mut *tx).await?;
                }
                if shop.method == DeliveryMethod::Courier {
                    sqlx::query("INSERT INTO deliveries (order_id, status, fee) VALUES ($1, 'menunggu', $2)")
                        .bind(order_id).bind(shop.fee.get()).execute(&mut *tx).await?;
                }
                sqlx::query(
                    "INSERT INTO order_status_history (order_id, from_status, to_status, actor_id, actor_role, note, created_at) \
                     VALUES ($1, NULL, $2, $3, 'buyer', NULL, $4)")
                    .bind(order_id).bind(status.as_str()).bind(r.buyer_id).bind(r.now)
                    .execute(&mut *tx).await?;
                sqlx::query(
                    "INSERT INTO shop_events (shop_id, kind, order_id, created_at) VALUES ($1, 'pesanan_baru', $2, $3)")
                    .bind(shop.plan.shop_id).bind(order_id).bind(r.now)
                    .execute(&mut *tx).await?;
            }
            let payment_id: i64 = sqlx::query_scalar(
                "INSERT INTO payments (group_id, method, amount, status, created_at, expires_at) \
                 VALUES ($1, $2, $3, 'pending', $4, $5) RETURNING id")
                .bind(group_id).bind(r.method.as_str()).bind(priced.total.get()).bind(r.now).bind(expires)
                .fetch_one(&mut *tx).await?;
            // 6. Shops this order takes to their monthly cap stop being listed.
            super::fairness::cap_crossed!(tx, priced.shops.iter().map(|s| s.plan.shop_id), r.now);
            sqlx::query("DELETE FROM cart_items WHERE cart_id = (SELECT id FROM carts WHERE user_id = $1)")
                .bind(r.buyer_id).execute(&mut *tx).await?;
            sqlx::query(
                "UPDATE idempotency_keys SET result = $1 WHERE user_id = $2 AND scope = 'checkout' AND key = $3")
                .bind(&code).bind(r.buyer_id).bind(&r.key).execute(&mut *tx).await?;
            tx.commit().await?;
            self.ping_shops(priced.shops.iter().map(|s| s.plan.shop_id)).await;
            Ok(Ok(Placed {
                group_id,
                code,
                payment_id,
                method: r.method,
                total: priced.total,
                replay: false,
            }))
        })
    }

    /// Records the gateway's charge for a payment.
    pub async fn attach_charge(
        &self,
        payment_id: i64,
        gateway: &str,
        gateway_ref: &str,
        pay_code: &str,
        pay_url: &str,
    ) -> StoreResult<()> {
        on_pool!(self, p => {
            sqlx::query(
                "UPDATE payments SET gateway = $1, gateway_ref = $2, pay_code = $3, pay_url = $4 WHERE id = $5")
                .bind(gateway).bind(gateway_ref).bind(pay_code).bind(pay_url).bind(payment_id)
                .execute(p).await?;
        });
        Ok(())
    }

    /// Products for load tests and benchmarks: (id, shop id, price) of up to
    /// `limit` products for sale, by id.
    pub async fn products_for_load(&self, limit: i64) -> StoreResult<Vec<(i64, i64, i64)>> {
        Ok(on_pool!(self, p => sqlx::query_as(
            "SELECT p.id, p.shop_id, p.price FROM products p JOIN shops s ON s.id = p.shop_id \
             WHERE p.is_active = TRUE AND s.status = 'verified' ORDER BY p.id LIMIT $1")
            .bind(limit).fetch_all(p).await?))
    }

    /// A new payment for a group whose last charge failed.
    pub async fn new_payment(
        &self,
        group_id: i64,
        method: PaymentMethod,
        amount: i64,
        expires_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        Ok(on_pool!(self, p => sqlx::query_scalar(
            "INSERT INTO payments (group_id, method, amount, status, created_at, expires_at) \
             VALUES ($1, $2, $3, 'pending', $4, $5) RETURNING id")
            .bind(group_id).bind(method.as_str()).bind(amount).bind(now).bind(expires_at)
            .fetch_one(p).await?))
    }

    /// Cancels every order of an unpaid group, as its buyer; stock comes
    /// back and the charge is void. Returns how many orders moved.
    pub async fn cancel_unpaid_group(
        &self,
        buyer_id: i64,
        group_id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<usize> {
        let ids: Vec<i64> = on_pool!(self, p => sqlx::query_scalar(
            "SELECT id FROM orders WHERE group_id = $1 AND buyer_id = $2 AND status = 'menunggu_pembayaran' ORDER BY id")
            .bind(group_id).bind(buyer_id).fetch_all(p).await?);
        let by = Mover {
            actor: Actor::Buyer,
            user_id: Some(buyer_id),
        };
        let mut n = 0;
        for id in ids {
            if self
                .move_order(
                    id,
                    OrderStatus::Cancelled,
                    by,
                    Some("dibatalkan pembeli"),
                    now,
                )
                .await?
                .is_ok()
            {
                n += 1;
            }
        }
        Ok(n)
    }
}

/// Used by the payment webhook: settles a group's waiting orders as the
/// system, inside the caller's transaction.
macro_rules! settle_group {
    ($tx:expr, $group_id:expr, $method:expr, $now:expr) => {{
        let waiting: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM orders WHERE group_id = $1 AND status = 'menunggu_pembayaran' ORDER BY id",
        )
        .bind($group_id)
        .fetch_all(&mut *$tx)
        .await?;
        let system = Mover {
            actor: Actor::System,
            user_id: None,
        };
        let mut n = 0_usize;
        for id in waiting {
            let effects: Effects = crate::domain::order::transition(
                OrderStatus::AwaitingPayment,
                OrderStatus::Paid,
                Actor::System,
                $method,
            )
            .map_err(|e| StoreError::Check(format!("{e:?}")))?;
            if apply_move!($tx, id, OrderStatus::AwaitingPayment, OrderStatus::Paid, effects, system, None, $now) {
                n += 1;
            }
        }
        n
    }};
}
pub(crate) use settle_group;

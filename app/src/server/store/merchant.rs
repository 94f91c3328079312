//! The merchant's side: their shop application, their products, their
//! order inbox and their money. Every query that reads or changes a
//! shop's record carries the shop id of the signed-in owner in its WHERE
//! clause, so a forged id of another shop's product or order matches
//! nothing ("not found"), never someone else's row.

use super::orders::{apply_move, Mover};
use super::{on_pool, Backend, BeginWrite, Store, StoreError, StoreResult};
use crate::domain::order::{transition, Effects};
use crate::domain::{OrderStatus, PaymentMethod};
use crate::model::merchant::{InboxOrder, ProductInput, ShopInput};
use crate::model::Photo;
use crate::server::search::{normalize, product_text};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The signed-in merchant's shop, everything they entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct MyShop {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub is_mbr: bool,
    pub mbr_number: Option<String>,
    /// The whole NIK: the API masks it before it leaves the server.
    pub owner_nik: Option<String>,
    pub kecamatan: String,
    pub kelurahan: String,
    pub address: String,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    pub phone: Option<String>,
    pub open_hours: String,
    pub description: String,
    pub delivers: bool,
    pub delivery_base_fee: Option<i64>,
    pub delivery_per_km: Option<i64>,
    pub delivery_max_m: Option<i64>,
    pub bank_name: Option<String>,
    pub bank_account: Option<String>,
    pub bank_holder: Option<String>,
    pub status: String,
    pub status_reason: Option<String>,
    pub photo_key: Option<String>,
    /// After a refusal: whether the owner may fix and file again.
    pub may_refile: bool,
}

const MY_SHOP: &str = "SELECT s.id, s.slug, s.name, s.kind, s.is_mbr, s.mbr_number, s.owner_nik, \
     k.name AS kecamatan, s.kelurahan, s.address, s.lat, s.lng, s.phone, s.open_hours, s.description, \
     s.delivers, s.delivery_base_fee, s.delivery_per_km, s.delivery_max_m, s.bank_name, s.bank_account, \
     s.bank_holder, s.status, s.status_reason, s.photo_key, s.may_refile \
     FROM shops s JOIN kecamatan k ON k.id = s.kecamatan_id";

/// Why an application was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplyRefusal {
    UnknownKecamatan,
    /// A suspended shop cannot change itself; the city lifts it.
    Suspended,
    /// The city refused the application for good.
    Rejected,
}

/// One row of the merchant's product list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct MerchantProductRow {
    pub id: i64,
    pub name: String,
    pub price: i64,
    pub stock: i64,
    pub unit: String,
    pub is_active: bool,
    pub archived: bool,
    pub sold_count: i64,
    pub photo_path: Option<String>,
    /// The city took it down.
    pub taken_down: bool,
}

/// One product, for its edit page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct MerchantProduct {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub description: String,
    pub price: i64,
    pub stock: i64,
    pub unit: String,
    pub weight_grams: i64,
    pub is_active: bool,
    pub archived: bool,
    /// Why the city took it down, while it is down.
    pub takedown_reason: Option<String>,
    /// The merchant resubmitted it: waiting for the city.
    pub resubmitted: bool,
    /// Read separately, first photo first.
    #[sqlx(skip)]
    pub photos: Vec<(i64, Photo)>,
}

/// What deleting a product did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removed {
    Deleted,
    /// It was ordered: kept for the orders, hidden for good.
    Archived,
}

/// A quick change from the product list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuickEdit {
    Price(i64),
    Stock(i64),
    Active(bool),
}

/// Sales figures for one period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sales {
    pub orders: i64,
    pub revenue: i64,
}

/// Moments (times) for a statement's text. PostgreSQL plans a statement
/// with a bound time range anew on every run (its generic plan guesses a
/// third of the rows, so it never wins): 0.26 ms of planning for each of
/// the merchant home's. The moments it asks for are midnights and a
/// month's bounds, so on PostgreSQL they are written into the text, which
/// then changes once a day, and the statement keeps its cached plan.
/// (Other moments work too, each as a statement of its own.) Values made
/// by the server, never text from a request. SQLite's plans do not depend
/// on values: it binds them, as `$first`, `$first + 1`, ….
struct Moments {
    literal: bool,
    first: usize,
    /// The values to bind after the others, in order.
    bound: Vec<DateTime<Utc>>,
}

impl Moments {
    fn new(store: &Store, first: usize) -> Self {
        Moments {
            literal: store.backend() == super::Backend::Postgres,
            first,
            bound: Vec::new(),
        }
    }

    /// `t` as SQL: a literal, or the next placeholder.
    fn at(&mut self, t: DateTime<Utc>) -> String {
        if self.literal {
            format!("CAST('{}' AS TIMESTAMPTZ)", t.to_rfc3339())
        } else {
            self.bound.push(t);
            format!("${}", self.first + self.bound.len() - 1)
        }
    }
}

/// The figures of the merchant's home, read together
/// ([`Store::shop_desk`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopDesk {
    /// Sales since each of the asked moments, in their order.
    pub sales: Vec<Sales>,
    /// Orders waiting for the shop (paid, or in process).
    pub needs_action: i64,
    /// What Peken owes the shop ([`Store::ledger_balance`]).
    pub balance: i64,
    /// The monthly sales cap as set (`None`: never set).
    pub sales_cap: Option<i64>,
    /// The shop's sales this WIB month, as the cap counts them.
    pub month_sales: i64,
    /// The month the shop reached the cap in, while it is hidden.
    pub capped_month: Option<String>,
}

/// A line of the shop's ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct LedgerLine {
    pub id: i64,
    pub kind: String,
    pub order_code: Option<String>,
    pub amount: i64,
    pub cash: bool,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A slug from a shop's or product's name: the demo's slug rule after
/// accents are folded (`Kopi Énak` → `kopi-enak`), at most 50 characters.
pub fn slugify(name: &str) -> String {
    let s: String = crate::server::demo::slugify(&normalize(name))
        .chars()
        .take(50)
        .collect();
    match s.trim_end_matches('-') {
        "" => "toko".into(),
        s => s.to_string(),
    }
}

/// `base`, or `base-2`, `base-3`, … whichever is not `taken`.
fn free_slug(base: &str, taken: &[String]) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|s| !taken.contains(s))
        .expect("some number is free")
}

/// Applies one quick edit inside a transaction (either engine).
macro_rules! in_tx_quick {
    ($tx:expr, $shop:expr, $id:expr, $edit:expr, $now:expr) => {{
        let sql = match $edit {
            QuickEdit::Price(_) => "UPDATE products SET price = $1, updated_at = $2 WHERE id = $3 AND shop_id = $4 AND archived_at IS NULL",
            QuickEdit::Stock(_) => "UPDATE products SET stock = $1, updated_at = $2 WHERE id = $3 AND shop_id = $4 AND archived_at IS NULL",
            // A product the city took down stays off until the city lists it again.
            QuickEdit::Active(_) => "UPDATE products SET is_active = ($1 = 1), updated_at = $2 WHERE id = $3 AND shop_id = $4 AND archived_at IS NULL \
                                     AND (takedown_reason IS NULL OR $1 = 0)",
        };
        let v: i64 = match $edit {
            QuickEdit::Price(p) => p,
            QuickEdit::Stock(s) => s,
            QuickEdit::Active(a) => i64::from(a),
        };
        sqlx::query(sql).bind(v).bind($now).bind($id).bind($shop).execute(&mut *$tx).await?.rows_affected() == 1
    }};
}

impl Store {
    /// The shop `owner_id` owns (or applied for), if any.
    pub async fn shop_of_owner(&self, owner_id: i64) -> StoreResult<Option<MyShop>> {
        let sql = format!("{MY_SHOP} WHERE s.owner_id = $1");
        Ok(on_pool!(self, p => sqlx::query_as(&sql).bind(owner_id).fetch_optional(p).await?))
    }

    /// A shop by id or slug (operators' tools).
    pub async fn shop_by_key(&self, key: &str) -> StoreResult<Option<MyShop>> {
        let id = key.parse::<i64>().unwrap_or(-1);
        let sql = format!("{MY_SHOP} WHERE s.id = $1 OR s.slug = $2");
        Ok(on_pool!(self, p => sqlx::query_as(&sql).bind(id).bind(key).fetch_optional(p).await?))
    }

    /// Files (or re-files) the owner's shop application. A new or rejected
    /// application becomes pending; a pending one stays pending with the
    /// new details; a verified shop keeps selling with its changed
    /// details. Returns the shop id.
    pub async fn apply_shop(
        &self,
        owner_id: i64,
        a: &ShopInput,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<i64, ApplyRefusal>> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let kecamatan_id: Option<i64> = sqlx::query_scalar("SELECT id FROM kecamatan WHERE name = $1")
                .bind(&a.kecamatan).fetch_optional(&mut *tx).await?;
            let Some(kecamatan_id) = kecamatan_id else {
                return Ok(Err(ApplyRefusal::UnknownKecamatan));
            };
            let existing: Option<(i64, String, bool)> = sqlx::query_as(
                "SELECT id, status, may_refile FROM shops WHERE owner_id = $1")
                .bind(owner_id).fetch_optional(&mut *tx).await?;
            let (lat, lng) = (a.pin.map(|p| p.0), a.pin.map(|p| p.1));
            let id = match existing {
                Some((_, status, _)) if status == "suspended" => return Ok(Err(ApplyRefusal::Suspended)),
                Some((_, status, false)) if status == "rejected" => return Ok(Err(ApplyRefusal::Rejected)),
                Some((id, status, _)) => {
                    let next = if status == "verified" { "verified" } else { "pending" };
                    sqlx::query(
                        "UPDATE shops SET name = $1, kind = $2, is_mbr = $3, mbr_number = $4, owner_nik = $5, \
                         kecamatan_id = $6, kelurahan = $7, address = $8, lat = $9, lng = $10, phone = $11, \
                         open_hours = $12, description = $13, delivers = $14, delivery_base_fee = $15, \
                         delivery_per_km = $16, delivery_max_m = $17, bank_name = $18, bank_account = $19, \
                         bank_holder = $20, status = $21, status_reason = CASE WHEN $21 = 'pending' THEN NULL ELSE status_reason END, \
                         submitted_at = $22, review_seq = review_seq + 1 WHERE id = $23")
                        .bind(&a.name).bind(a.kind.as_str()).bind(a.mbr_number.is_some()).bind(&a.mbr_number)
                        .bind(&a.nik).bind(kecamatan_id).bind(&a.kelurahan).bind(&a.address).bind(lat).bind(lng)
                        .bind(&a.phone).bind(&a.open_hours).bind(&a.description).bind(a.delivers)
                        .bind(a.base_fee).bind(a.per_km).bind(a.max_m).bind(&a.bank_name).bind(&a.bank_account)
                        .bind(&a.bank_holder).bind(next).bind(now).bind(id)
                        .execute(&mut *tx).await?;
                    id
                }
                None => {
                    let base = slugify(&a.name);
                    let taken: Vec<String> = sqlx::query_scalar("SELECT slug FROM shops WHERE slug = $1 OR slug LIKE $2")
                        .bind(&base).bind(format!("{base}-%")).fetch_all(&mut *tx).await?;
                    let slug = free_slug(&base, &taken);
                    sqlx::query_scalar(
                        "INSERT INTO shops (owner_id, slug, name, kind, is_mbr, mbr_number, owner_nik, kecamatan_id, \
                         kelurahan, address, lat, lng, phone, open_hours, description, delivers, delivery_base_fee, \
                         delivery_per_km, delivery_max_m, bank_name, bank_account, bank_holder, status, submitted_at, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, \
                         $20, $21, $22, 'pending', $23, $23) RETURNING id")
                        .bind(owner_id).bind(&slug).bind(&a.name).bind(a.kind.as_str()).bind(a.mbr_number.is_some())
                        .bind(&a.mbr_number).bind(&a.nik).bind(kecamatan_id).bind(&a.kelurahan).bind(&a.address)
                        .bind(lat).bind(lng).bind(&a.phone).bind(&a.open_hours).bind(&a.description).bind(a.delivers)
                        .bind(a.base_fee).bind(a.per_km).bind(a.max_m).bind(&a.bank_name).bind(&a.bank_account)
                        .bind(&a.bank_holder).bind(now)
                        .fetch_one(&mut *tx).await?
                }
            };
            // The NIK and the account number stay out of the audit log.
            sqlx::query(
                "INSERT INTO audit_events (actor_id, action, target_type, target_id, detail, ip, created_at) \
                 VALUES ($1, 'shop.apply', 'shop', $2, $3, NULL, $4)")
                .bind(owner_id).bind(id).bind(&a.name).bind(now).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(Ok(id))
        })
    }

    /// Sets the shop's photo (the key of its card variant).
    pub async fn set_shop_photo(&self, shop_id: i64, key: &str) -> StoreResult<()> {
        on_pool!(self, p => {
            sqlx::query("UPDATE shops SET photo_key = $1 WHERE id = $2")
                .bind(key).bind(shop_id).execute(p).await?;
        });
        Ok(())
    }

    /// A page of the shop's products, newest change first (archived last,
    /// hidden unless asked); `q` filters by name.
    pub async fn merchant_products(
        &self,
        shop_id: i64,
        q: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<MerchantProductRow>> {
        let like = q.map(|q| format!("%{}%", normalize(q)));
        Ok(on_pool!(self, p => sqlx::query_as(
            "SELECT p.id, p.name, p.price, p.stock, p.unit, p.is_active, p.archived_at IS NOT NULL AS archived, \
             p.sold_count, ph.path AS photo_path, p.takedown_reason IS NOT NULL AS taken_down FROM products p \
             LEFT JOIN product_photos ph ON ph.product_id = p.id AND ph.sort_order = 0 \
             WHERE p.shop_id = $1 AND p.archived_at IS NULL AND ($2 IS NULL OR p.search_name LIKE $2) \
             ORDER BY p.updated_at DESC, p.id DESC LIMIT $3 OFFSET $4")
            .bind(shop_id).bind(like).bind(limit).bind(offset).fetch_all(p).await?))
    }

    /// One of the shop's products (None for another shop's).
    pub async fn merchant_product(
        &self,
        shop_id: i64,
        product_id: i64,
    ) -> StoreResult<Option<MerchantProduct>> {
        let product: Option<MerchantProduct> = on_pool!(self, p => sqlx::query_as(
            "SELECT p.id, p.name, c.slug AS category, p.description, p.price, p.stock, p.unit, p.weight_grams, \
             p.is_active, p.archived_at IS NOT NULL AS archived, p.takedown_reason, \
             p.resubmitted_at IS NOT NULL AS resubmitted FROM products p \
             JOIN categories c ON c.id = p.category_id WHERE p.id = $1 AND p.shop_id = $2")
            .bind(product_id).bind(shop_id).fetch_optional(p).await?);
        let Some(mut product) = product else {
            return Ok(None);
        };
        let photos: Vec<(i64, String, i64, i64)> = on_pool!(self, p => sqlx::query_as(
            "SELECT id, path, width, height FROM product_photos WHERE product_id = $1 ORDER BY sort_order")
            .bind(product.id).fetch_all(p).await?);
        product.photos = photos
            .into_iter()
            .filter_map(|(pid, path, w, h)| {
                super::catalog::photo_of(Some(path), Some(w), Some(h)).map(|ph| (pid, ph))
            })
            .collect();
        Ok(Some(product))
    }

    /// Creates a product (or, with `id`, changes one of the shop's) and
    /// keeps its search text current in the same transaction. Returns the
    /// product id, or None when `id` is not the shop's or the category is
    /// unknown... the caller checked the category first.
    pub async fn save_product(
        &self,
        shop_id: i64,
        id: Option<i64>,
        input: &ProductInput,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<i64>> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let cat: Option<(i64, String)> = sqlx::query_as("SELECT id, name FROM categories WHERE slug = $1")
                .bind(&input.category).fetch_optional(&mut *tx).await?;
            let Some((category_id, category_name)) = cat else { return Ok(None) };
            let shop_name: String = sqlx::query_scalar("SELECT name FROM shops WHERE id = $1")
                .bind(shop_id).fetch_one(&mut *tx).await?;
            let search_name = normalize(&input.name);
            let search_text = product_text(&input.name, &category_name, &shop_name, &input.description);
            let id = match id {
                Some(id) => {
                    let n = sqlx::query(
                        "UPDATE products SET name = $1, category_id = $2, description = $3, price = $4, stock = $5, \
                         unit = $6, weight_grams = $7, search_name = $8, search_text = $9, updated_at = $10 \
                         WHERE id = $11 AND shop_id = $12 AND archived_at IS NULL")
                        .bind(&input.name).bind(category_id).bind(&input.description).bind(input.price)
                        .bind(input.stock).bind(&input.unit).bind(input.weight_grams).bind(&search_name)
                        .bind(&search_text).bind(now).bind(id).bind(shop_id)
                        .execute(&mut *tx).await?.rows_affected();
                    if n != 1 {
                        return Ok(None);
                    }
                    id
                }
                None => {
                    let base = slugify(&input.name);
                    let taken: Vec<String> = sqlx::query_scalar(
                        "SELECT slug FROM products WHERE shop_id = $1 AND (slug = $2 OR slug LIKE $3)")
                        .bind(shop_id).bind(&base).bind(format!("{base}-%")).fetch_all(&mut *tx).await?;
                    let slug = free_slug(&base, &taken);
                    sqlx::query_scalar(
                        "INSERT INTO products (shop_id, category_id, slug, name, description, price, stock, unit, \
                         weight_grams, is_active, created_at, updated_at, search_name, search_text) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, TRUE, $10, $10, $11, $12) RETURNING id")
                        .bind(shop_id).bind(category_id).bind(&slug).bind(&input.name).bind(&input.description)
                        .bind(input.price).bind(input.stock).bind(&input.unit).bind(input.weight_grams).bind(now)
                        .bind(&search_name).bind(&search_text)
                        .fetch_one(&mut *tx).await?
                }
            };
            tx.commit().await?;
            Ok(Some(id))
        })
    }

    /// One change from the product list (price, stock, on sale or not).
    /// False when the product is not the shop's (or archived).
    pub async fn quick_edit(
        &self,
        shop_id: i64,
        product_id: i64,
        edit: QuickEdit,
        now: DateTime<Utc>,
    ) -> StoreResult<bool> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let ok = in_tx_quick!(tx, shop_id, product_id, edit, now);
            tx.commit().await?;
            Ok(ok)
        })
    }

    /// A copy of one of the shop's products, not on sale until the
    /// merchant turns it on (photos are not copied). Returns the new id.
    pub async fn duplicate_product(
        &self,
        shop_id: i64,
        product_id: i64,
        copy_word: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<i64>> {
        let Some(p) = self.merchant_product(shop_id, product_id).await? else {
            return Ok(None);
        };
        // A copy would slip past the city's takedown.
        if p.takedown_reason.is_some() {
            return Ok(None);
        }
        let name: String = format!("{} ({copy_word})", p.name)
            .chars()
            .take(120)
            .collect();
        let input = ProductInput {
            name,
            category: p.category,
            description: p.description,
            price: p.price,
            stock: p.stock,
            unit: p.unit,
            weight_grams: p.weight_grams,
        };
        let id = self.save_product(shop_id, None, &input, now).await?;
        if let Some(id) = id {
            self.quick_edit(shop_id, id, QuickEdit::Active(false), now)
                .await?;
        }
        Ok(id)
    }

    /// Deletes a product that was never ordered; archives one that was.
    pub async fn remove_product(
        &self,
        shop_id: i64,
        product_id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Removed>> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let mine: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM products WHERE id = $1 AND shop_id = $2 AND archived_at IS NULL")
                .bind(product_id).bind(shop_id).fetch_optional(&mut *tx).await?;
            if mine.is_none() {
                return Ok(None);
            }
            let ordered: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM order_items WHERE product_id = $1)")
                .bind(product_id).fetch_one(&mut *tx).await?;
            let how = if ordered {
                sqlx::query("UPDATE products SET archived_at = $1, is_active = FALSE, updated_at = $1 WHERE id = $2")
                    .bind(now).bind(product_id).execute(&mut *tx).await?;
                Removed::Archived
            } else {
                sqlx::query("DELETE FROM cart_items WHERE product_id = $1").bind(product_id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM product_photos WHERE product_id = $1").bind(product_id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM reviews WHERE product_id = $1").bind(product_id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM products WHERE id = $1").bind(product_id).execute(&mut *tx).await?;
                Removed::Deleted
            };
            tx.commit().await?;
            Ok(Some(how))
        })
    }

    /// Adds a photo to one of the shop's products, last in order. False
    /// when the product is not the shop's or already has `max` photos.
    pub async fn add_product_photo(
        &self,
        shop_id: i64,
        product_id: i64,
        photo: &Photo,
        path: &str,
        max: usize,
    ) -> StoreResult<Result<(), PhotoRefusal>> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let mine: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM products WHERE id = $1 AND shop_id = $2 AND archived_at IS NULL")
                .bind(product_id).bind(shop_id).fetch_optional(&mut *tx).await?;
            if mine.is_none() {
                return Ok(Err(PhotoRefusal::NotFound));
            }
            let (n, next): (i64, i64) = sqlx::query_as(
                "SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(MAX(sort_order) + 1, 0) AS BIGINT) \
                 FROM product_photos WHERE product_id = $1")
                .bind(product_id).fetch_one(&mut *tx).await?;
            if n as usize >= max {
                return Ok(Err(PhotoRefusal::TooMany));
            }
            sqlx::query("INSERT INTO product_photos (product_id, path, width, height, sort_order) VALUES ($1, $2, $3, $4, $5)")
                .bind(product_id).bind(path).bind(photo.width).bind(photo.height).bind(next)
                .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(Ok(()))
        })
    }

    /// Removes one photo of one of the shop's products; the rest close up
    /// (the first is the one buyers see). Returns the removed path.
    pub async fn remove_product_photo(
        &self,
        shop_id: i64,
        product_id: i64,
        photo_id: i64,
    ) -> StoreResult<Option<String>> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let path: Option<String> = sqlx::query_scalar(
                "SELECT ph.path FROM product_photos ph JOIN products p ON p.id = ph.product_id \
                 WHERE ph.id = $1 AND ph.product_id = $2 AND p.shop_id = $3")
                .bind(photo_id).bind(product_id).bind(shop_id).fetch_optional(&mut *tx).await?;
            if path.is_none() {
                return Ok(None);
            }
            sqlx::query("DELETE FROM product_photos WHERE id = $1").bind(photo_id).execute(&mut *tx).await?;
            let rest: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM product_photos WHERE product_id = $1 ORDER BY sort_order")
                .bind(product_id).fetch_all(&mut *tx).await?;
            // Two steps, so (product, order) stays unique at every moment.
            for (i, id) in rest.iter().enumerate() {
                sqlx::query("UPDATE product_photos SET sort_order = $1 WHERE id = $2")
                    .bind(-(i as i64) - 1).bind(id).execute(&mut *tx).await?;
            }
            sqlx::query("UPDATE product_photos SET sort_order = -sort_order - 1 WHERE product_id = $1")
                .bind(product_id).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(path)
        })
    }

    /// A page of the shop's orders: those that need the shop first (paid,
    /// then in process), newest first within each; `status` filters.
    pub async fn shop_orders(
        &self,
        shop_id: i64,
        status: Option<OrderStatus>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<InboxOrder>> {
        self.inbox_rows(shop_id, status, None, limit, offset).await
    }

    /// One of the shop's orders by its code, with its items (None for
    /// another shop's).
    pub async fn shop_order(&self, shop_id: i64, code: &str) -> StoreResult<Option<InboxOrder>> {
        let Some(id) = self.shop_order_id(shop_id, code).await? else {
            return Ok(None);
        };
        Ok(self.inbox_rows(shop_id, None, Some(id), 1, 0).await?.pop())
    }

    async fn inbox_rows(
        &self,
        shop_id: i64,
        status: Option<OrderStatus>,
        only: Option<i64>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<InboxOrder>> {
        let mut rows: Vec<InboxOrder> = on_pool!(self, p => sqlx::query_as(
            "SELECT o.id, o.code, o.status, g.payment_method, o.delivery_method, g.recipient, g.phone, g.address, \
             k.name AS kecamatan, o.subtotal, o.delivery_fee, o.total, o.created_at, o.updated_at, d.courier_name, \
             d.courier_phone, o.cancel_reason, \
             (SELECT MAX(c.id) FROM complaints c WHERE c.order_id = o.id) AS complaint_id \
             FROM orders o JOIN order_groups g ON g.id = o.group_id JOIN kecamatan k ON k.id = g.kecamatan_id \
             LEFT JOIN deliveries d ON d.order_id = o.id \
             WHERE o.shop_id = $1 AND ($2 IS NULL OR o.status = $2) AND ($5 IS NULL OR o.id = $5) \
             ORDER BY CASE o.status WHEN 'dibayar' THEN 0 WHEN 'diproses' THEN 1 ELSE 2 END, o.created_at DESC, o.id DESC \
             LIMIT $3 OFFSET $4")
            .bind(shop_id).bind(status.map(|s| s.as_str())).bind(limit).bind(offset).bind(only)
            .fetch_all(p).await?);
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut items: std::collections::HashMap<i64, Vec<(String, i64, i64)>> = Default::default();
        if !ids.is_empty() {
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            // Integers only: safe to inline.
            let sql = format!(
                "SELECT order_id, product_name, qty, unit_price FROM order_items WHERE order_id IN ({list}) ORDER BY id"
            );
            let lines: Vec<(i64, String, i64, i64)> =
                on_pool!(self, p => sqlx::query_as(&sql).fetch_all(p).await?);
            for (o, name, qty, price) in lines {
                items.entry(o).or_default().push((name, qty, price));
            }
        }
        for r in &mut rows {
            r.items = items.remove(&r.id).unwrap_or_default();
        }
        Ok(rows)
    }

    /// How many of the shop's orders wait for it (paid, or in process).
    pub async fn orders_needing_action(&self, shop_id: i64) -> StoreResult<i64> {
        Ok(on_pool!(self, p => sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM orders WHERE shop_id = $1 AND status IN ('dibayar', 'diproses')")
            .bind(shop_id).fetch_one(p).await?))
    }

    /// One of the shop's orders by its code (None for another shop's).
    pub async fn shop_order_id(&self, shop_id: i64, code: &str) -> StoreResult<Option<i64>> {
        Ok(on_pool!(self, p => sqlx::query_scalar(
            "SELECT id FROM orders WHERE code = $1 AND shop_id = $2")
            .bind(code).bind(shop_id).fetch_optional(p).await?))
    }

    /// The shop moves one of its orders (accept, refuse with a reason,
    /// send with the courier's name and phone, delivered). The order must
    /// be the shop's; the state machine decides the rest, as for anyone.
    pub async fn merchant_move(
        &self,
        shop_id: i64,
        order_id: i64,
        step: ShopStep<'_>,
        by: Mover,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), super::MoveRefusal>> {
        let ShopStep { to, note, courier } = step;
        let r = on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let row: Option<(String, String)> = sqlx::query_as(
                "SELECT o.status, g.payment_method FROM orders o JOIN order_groups g ON g.id = o.group_id \
                 WHERE o.id = $1 AND o.shop_id = $2")
                .bind(order_id).bind(shop_id).fetch_optional(&mut *tx).await?;
            let Some((from, method)) = row else { return Ok(Err(super::MoveRefusal::NotFound)) };
            let (Some(from), Some(method)) = (OrderStatus::parse(&from), PaymentMethod::parse(&method)) else {
                return Err(StoreError::Check(format!("order {order_id} has an unknown state")));
            };
            let effects: Effects = match transition(from, to, by.actor, method) {
                Ok(e) => e,
                Err(e) => return Ok(Err(super::MoveRefusal::Rules(e))),
            };
            if !apply_move!(tx, order_id, from, to, effects, by, note, now) {
                return Ok(Err(super::MoveRefusal::Moved));
            }
            if to == OrderStatus::Shipped {
                let (name, phone) = courier.unwrap_or(("", ""));
                // A pickup order has no delivery row: the buyer fetches it.
                sqlx::query(
                    "UPDATE deliveries SET status = 'dikirim', courier_name = $1, courier_phone = $2, shipped_at = $3 \
                     WHERE order_id = $4")
                    .bind(name).bind(phone).bind(now).bind(order_id).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok::<_, StoreError>(Ok(()))
        })?;
        if r.is_ok() {
            self.ping_shops([shop_id]).await;
        }
        Ok(r)
    }

    /// The merchant home's figures in one statement (on PostgreSQL each
    /// statement is a network round trip; these were six): the shop's
    /// sales (orders paid for and not cancelled: count and value) since
    /// each of `since`, over the orders of the longest period; the orders
    /// waiting for it; its balance; and the monthly cap of `now`'s month
    /// with the shop's sales towards it. Each part reads one shop's rows
    /// by an index that starts with the shop.
    pub async fn shop_desk(
        &self,
        shop_id: i64,
        since: &[DateTime<Utc>],
        now: DateTime<Utc>,
    ) -> StoreResult<ShopDesk> {
        use super::fairness::COUNTED;
        use sqlx::Row;
        let mut m = Moments::new(self, 3);
        let first = m.at(since.iter().min().copied().unwrap_or(now));
        let month = crate::domain::fairness::sales_month(now);
        let (month_start, month_end) = (m.at(month.start), m.at(month.end));
        let periods: String = since
            .iter()
            .map(|t| {
                let b = m.at(*t);
                format!(
                    "CAST(COALESCE(SUM(CASE WHEN created_at >= {b} THEN 1 ELSE 0 END), 0) AS BIGINT), \
                     CAST(COALESCE(SUM(CASE WHEN created_at >= {b} THEN total ELSE 0 END), 0) AS BIGINT), "
                )
            })
            .collect();
        // Without periods nothing is summed: a row without a FROM.
        let sold = if since.is_empty() {
            String::new()
        } else {
            format!(
                " FROM orders WHERE shop_id = $1 AND created_at >= {first} \
                 AND status IN ('dibayar', 'diproses', 'dikirim', 'selesai', 'dikomplain')"
            )
        };
        let sql = format!(
            "SELECT {periods}\
             (SELECT CAST(COUNT(*) AS BIGINT) FROM orders \
              WHERE shop_id = $1 AND status IN ('dibayar', 'diproses')), \
             CAST(COALESCE((SELECT balance FROM shop_balances WHERE shop_id = $1), 0) AS BIGINT), \
             (SELECT value FROM settings WHERE name = $2), \
             (SELECT CAST(COALESCE(SUM(total), 0) AS BIGINT) FROM orders \
              WHERE shop_id = $1 AND created_at >= {month_start} AND created_at < {month_end} AND {COUNTED}), \
             (SELECT capped_month FROM shops WHERE id = $1){sold}"
        );
        let cap = crate::domain::fairness::MONTHLY_SALES_CAP.name;
        on_pool!(self, p => {
            let mut q = sqlx::query(&sql).bind(shop_id).bind(cap);
            for t in &m.bound {
                q = q.bind(*t);
            }
            let row = q.fetch_one(p).await?;
            let sales = (0..since.len())
                .map(|i| Ok(Sales { orders: row.try_get(2 * i)?, revenue: row.try_get(2 * i + 1)? }))
                .collect::<Result<Vec<_>, sqlx::Error>>()?;
            let at = 2 * since.len();
            Ok::<_, StoreError>(ShopDesk {
                sales,
                needs_action: row.try_get(at)?,
                balance: row.try_get(at + 1)?,
                sales_cap: row.try_get(at + 2)?,
                month_sales: row.try_get(at + 3)?,
                capped_month: row.try_get(at + 4)?,
            })
        })
    }

    /// The shop's best sellers since `since`: (name, units, revenue).
    pub async fn best_sellers(
        &self,
        shop_id: i64,
        since: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<(String, i64, i64)>> {
        // The limit is written in too: a bound one is also planned anew.
        let mut m = Moments::new(self, 2);
        let sql = format!(
            "SELECT MIN(oi.product_name), CAST(SUM(oi.qty) AS BIGINT), CAST(SUM(oi.line_total) AS BIGINT) \
             FROM order_items oi JOIN orders o ON o.id = oi.order_id \
             WHERE o.shop_id = $1 AND o.created_at >= {} \
             AND o.status IN ('dibayar', 'diproses', 'dikirim', 'selesai', 'dikomplain') \
             GROUP BY COALESCE(oi.product_id, -oi.id) ORDER BY 2 DESC, 3 DESC LIMIT {limit}",
            m.at(since)
        );
        Ok(on_pool!(self, p => {
            let mut q = sqlx::query_as(&sql).bind(shop_id);
            for t in &m.bound {
                q = q.bind(*t);
            }
            q.fetch_all(p).await?
        }))
    }

    /// The shop's ledger, newest first, at most `limit` lines.
    pub async fn ledger(&self, shop_id: i64, limit: i64) -> StoreResult<Vec<LedgerLine>> {
        Ok(on_pool!(self, p => sqlx::query_as(
            "SELECT l.id, l.kind, o.code AS order_code, l.amount, l.cash, l.note, l.created_at \
             FROM ledger_entries l LEFT JOIN orders o ON o.id = l.order_id \
             WHERE l.shop_id = $1 ORDER BY l.created_at DESC, l.id DESC LIMIT $2")
            .bind(shop_id).bind(limit).fetch_all(p).await?))
    }

    /// What Peken owes the shop now: online sales less refunds and
    /// settlements (cash on delivery excluded). Kept by the ledger's
    /// triggers (`shop_balances`), so it is one row however long the
    /// shop's history.
    pub async fn ledger_balance(&self, shop_id: i64) -> StoreResult<i64> {
        Ok(on_pool!(self, p => sqlx::query_scalar(
            "SELECT CAST(COALESCE((SELECT balance FROM shop_balances WHERE shop_id = $1), 0) AS BIGINT)")
            .bind(shop_id).fetch_one(p).await?))
    }

    /// Records a settlement paid to the shop (a negative ledger line),
    /// whatever the balance: a correction. A payout goes through
    /// [`Store::pay_out`], which refuses to overdraw.
    pub async fn record_settlement(
        &self,
        shop_id: i64,
        amount: i64,
        note: &str,
        actor_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.settle(shop_id, amount, note, actor_id, now, false)
            .await
            .map(|_| ())
    }

    /// Pays `amount` out of the shop's balance, if the balance holds it:
    /// the check and the ledger line are one transaction. Two payouts at
    /// once cannot both pass on the same balance: PostgreSQL locks the
    /// balance row until commit, so the second reads what the first left;
    /// SQLite's write transaction (`BEGIN IMMEDIATE`) already runs one
    /// writer at a time.
    pub async fn pay_out(
        &self,
        shop_id: i64,
        amount: i64,
        note: &str,
        actor_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> StoreResult<Payout> {
        self.settle(shop_id, amount, note, actor_id, now, true)
            .await
    }

    /// Writes a settlement's ledger and audit lines; with `checked`, only
    /// if the balance (read and locked in the same transaction) holds it.
    async fn settle(
        &self,
        shop_id: i64,
        amount: i64,
        note: &str,
        actor_id: Option<i64>,
        now: DateTime<Utc>,
        checked: bool,
    ) -> StoreResult<Payout> {
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        let read =
            format!("SELECT CAST(balance AS BIGINT) FROM shop_balances WHERE shop_id = $1{lock}");
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let balance: i64 = sqlx::query_scalar(&read)
                .bind(shop_id).fetch_optional(&mut *tx).await?.unwrap_or(0);
            if checked && (amount <= 0 || amount > balance) {
                return Ok(Payout::Short { balance });
            }
            sqlx::query(
                "INSERT INTO ledger_entries (shop_id, order_id, kind, amount, cash, note, created_at) \
                 VALUES ($1, NULL, 'pencairan', $2, FALSE, $3, $4)")
                .bind(shop_id).bind(-amount).bind(note).bind(now).execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO audit_events (actor_id, action, target_type, target_id, detail, ip, created_at) \
                 VALUES ($1, 'shop.settlement', 'shop', $2, $3, NULL, $4)")
                .bind(actor_id).bind(shop_id).bind(format!("{amount}: {note}")).bind(now)
                .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(Payout::Recorded { balance: balance - amount })
        })
    }
}

/// What [`Store::pay_out`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payout {
    /// Recorded; the balance it left.
    Recorded { balance: i64 },
    /// Refused, nothing written: the amount is not positive or is more
    /// than the balance.
    Short { balance: i64 },
}

/// What the shop does to an order: the state it moves to, the reason
/// the buyer reads (refusing), the courier (sending).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShopStep<'a> {
    pub to: OrderStatus,
    pub note: Option<&'a str>,
    pub courier: Option<(&'a str, &'a str)>,
}

impl ShopStep<'_> {
    /// A move with nothing else to say.
    pub fn to(to: OrderStatus) -> Self {
        ShopStep {
            to,
            note: None,
            courier: None,
        }
    }
}

/// Why a photo was not added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoRefusal {
    NotFound,
    TooMany,
}

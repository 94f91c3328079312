//! Catalog reads: what buyers browse. Only verified shops and active
//! products are ever shown.

use super::{on_pool, Store, StoreError, StoreResult};
use crate::model::{Category, MarketStats, Photo, ProductCard, ShopCard, ShopKind};

#[derive(sqlx::FromRow)]
struct ShopRow {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    is_mbr: bool,
    kecamatan: String,
    product_count: i64,
}

impl TryFrom<ShopRow> for ShopCard {
    type Error = StoreError;
    fn try_from(r: ShopRow) -> StoreResult<ShopCard> {
        Ok(ShopCard {
            kind: ShopKind::parse(&r.kind)
                .ok_or_else(|| StoreError::Check(format!("unknown shop kind {}", r.kind)))?,
            id: r.id,
            slug: r.slug,
            name: r.name,
            is_mbr: r.is_mbr,
            kecamatan: r.kecamatan,
            product_count: r.product_count,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct ProductRow {
    id: i64,
    name: String,
    price: i64,
    stock: i64,
    unit: String,
    shop_name: String,
    shop_slug: String,
    kecamatan: String,
    photo_path: Option<String>,
    photo_width: Option<i64>,
    photo_height: Option<i64>,
}

/// A product's first photo from its joined columns, if it has one.
pub(crate) fn photo_of(
    path: Option<String>,
    width: Option<i64>,
    height: Option<i64>,
) -> Option<Photo> {
    match (path, width, height) {
        (Some(path), Some(width), Some(height)) => Some(Photo {
            srcset: crate::model::srcset_of(&path),
            url: format!("/media/{path}"),
            width,
            height,
        }),
        _ => None,
    }
}

impl From<ProductRow> for ProductCard {
    fn from(r: ProductRow) -> ProductCard {
        let photo = photo_of(r.photo_path, r.photo_width, r.photo_height);
        ProductCard {
            id: r.id,
            name: r.name,
            price: r.price,
            stock: r.stock,
            unit: r.unit,
            shop_name: r.shop_name,
            shop_slug: r.shop_slug,
            kecamatan: r.kecamatan,
            photo,
        }
    }
}

const SHOP_COLUMNS: &str = "s.id, s.slug, s.name, s.kind, s.is_mbr, k.name AS kecamatan, \
     (SELECT COUNT(*) FROM products p WHERE p.shop_id = s.id AND p.is_active = TRUE) AS product_count";

pub(super) const PRODUCT_COLUMNS: &str =
    "p.id, p.name, p.price, p.stock, p.unit, s.name AS shop_name, \
     s.slug AS shop_slug, k.name AS kecamatan, ph.path AS photo_path, ph.width AS photo_width, \
     ph.height AS photo_height";

pub(super) const PRODUCT_JOINS: &str = "FROM products p \
     JOIN shops s ON s.id = p.shop_id AND s.status = 'verified' \
     JOIN kecamatan k ON k.id = s.kecamatan_id \
     LEFT JOIN product_photos ph ON ph.product_id = p.id AND ph.sort_order = 0";

/// What the shop directory is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShopFilter {
    pub kecamatan: Option<String>,
    pub kind: Option<ShopKind>,
    pub mbr_only: bool,
    /// Words the shop's name must contain (all of them; words under three
    /// letters are ignored).
    pub q: String,
    /// Which shops come first: lists are ordered by a shuffle of shop ids
    /// (`id × m + c` modulo a prime, with `m` and `c` drawn from this
    /// number, the day) so no shop is always on top and none always last,
    /// and paging within a day stays stable.
    pub rotation: i64,
}

/// A product page's extra facts.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProductFacts {
    pub description: String,
    pub category_id: i64,
    pub shop_id: i64,
    pub sold: i64,
}

/// A shop page's extra facts.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ShopFacts {
    pub address: String,
    pub description: String,
    pub open_hours: String,
    /// The key of the shop photo's card variant.
    pub photo_key: Option<String>,
}

impl Store {
    /// Categories in display order, with how many active products each has.
    pub async fn categories(&self) -> StoreResult<Vec<Category>> {
        let sql = "SELECT c.id, c.slug, c.name, \
                   (SELECT COUNT(*) FROM products p JOIN shops s ON s.id = p.shop_id \
                    WHERE p.category_id = c.id AND p.is_active = TRUE AND s.status = 'verified') AS product_count \
                   FROM categories c ORDER BY c.sort_order, c.name";
        let rows: Vec<(i64, String, String, i64)> =
            on_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?);
        Ok(rows
            .into_iter()
            .map(|(id, slug, name, product_count)| Category {
                id,
                slug,
                name,
                product_count,
            })
            .collect())
    }

    /// Verified shops, optionally only those in one kecamatan, in the
    /// day's rotation (see [`ShopFilter::rotation`]).
    pub async fn shops(
        &self,
        kecamatan: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<ShopCard>> {
        let filter = ShopFilter {
            kecamatan: kecamatan.map(str::to_string),
            ..ShopFilter::default()
        };
        Ok(self.shop_directory(&filter, limit, offset).await?.0)
    }

    /// One page of the shop directory and how many shops match in all.
    ///
    /// The page's shops are chosen first (by id, in rotation order) and
    /// only then joined and their products counted. The total and the
    /// rotation key still read every matching shop on each request: a
    /// cost that grows with the shops (172 req/s at 6,666 shops).
    pub async fn shop_directory(
        &self,
        f: &ShopFilter,
        limit: i64,
        offset: i64,
    ) -> StoreResult<(Vec<ShopCard>, i64)> {
        let mut words: Vec<String> = crate::server::search::normalize(&f.q)
            .split_whitespace()
            .filter(|w| w.chars().count() > 2)
            .take(8)
            .map(|w| format!("%{}%", w.replace(['%', '_', '\\'], "")))
            .collect();
        words.dedup();
        let mut cond = String::from(
            "s.status = 'verified' \
             AND (CAST($1 AS TEXT) IS NULL OR s.kecamatan_id = (SELECT id FROM kecamatan WHERE name = $1)) \
             AND (CAST($2 AS TEXT) IS NULL OR s.kind = $2) \
             AND ($3 = FALSE OR s.is_mbr = TRUE)",
        );
        for i in 0..words.len() {
            cond.push_str(&format!(" AND LOWER(s.name) LIKE ${}", i + 4));
        }
        let n = words.len();
        let (exact_at, turn_at, limit_at) = (n + 4, n + 6, n + 7);
        let count_sql = format!("SELECT COUNT(*) FROM shops s WHERE {cond}");
        // A name typed whole comes first, then names starting with it.
        let page_sql = format!(
            "SELECT {SHOP_COLUMNS} FROM (SELECT s.id, \
             CASE WHEN LOWER(s.name) = ${exact_at} THEN 0 WHEN LOWER(s.name) LIKE ${} THEN 1 ELSE 2 END AS fit, \
             (s.id * ${turn_at} + ${}) % 1000003 AS turn \
             FROM shops s WHERE {cond} ORDER BY fit, turn, s.id LIMIT ${limit_at} OFFSET {offset}) pg \
             JOIN shops s ON s.id = pg.id JOIN kecamatan k ON k.id = s.kecamatan_id \
             ORDER BY pg.fit, pg.turn, s.id",
            n + 5,
            n + 8,
            offset = offset.max(0)
        );
        let typed =
            f.q.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
        let prefix = format!("{}%", typed.replace(['%', '_', '\\'], ""));
        let kind = f.kind.map(|k| k.as_str());
        macro_rules! filtered {
            ($q:expr) => {{
                let mut q = $q.bind(f.kecamatan.as_deref()).bind(kind).bind(f.mbr_only);
                for w in &words {
                    q = q.bind(w);
                }
                q
            }};
        }
        let total: i64 =
            on_pool!(self, p => filtered!(sqlx::query_scalar(&count_sql)).fetch_one(p).await?);
        // Multiplying by a number coprime to the prime modulus permutes the
        // ids (below it); each day takes another multiplier and offset.
        let day = f.rotation.rem_euclid(1_000_002);
        // Golden-ratio steps spread the ids, and move far from one day's
        // multiplier to the next.
        let (turn, shift) = (1 + (day + 1) * 618_033 % 1_000_002, day);
        let rows: Vec<ShopRow> = on_pool!(self, p => filtered!(sqlx::query_as(&page_sql))
            .bind(&typed).bind(&prefix).bind(turn).bind(limit).bind(shift).fetch_all(p).await?);
        let shops = rows
            .into_iter()
            .map(ShopCard::try_from)
            .collect::<StoreResult<Vec<_>>>()?;
        Ok((shops, total))
    }

    /// One verified shop by its slug.
    pub async fn shop_by_slug(&self, slug: &str) -> StoreResult<(ShopCard, ShopFacts)> {
        let sql = format!(
            "SELECT {SHOP_COLUMNS} FROM shops s JOIN kecamatan k ON k.id = s.kecamatan_id \
             WHERE s.status = 'verified' AND s.slug = $1"
        );
        let row: ShopRow = on_pool!(self, p => sqlx::query_as(&sql).bind(slug).fetch_one(p).await?);
        let facts_sql =
            "SELECT address, description, open_hours, photo_key FROM shops WHERE id = $1";
        let facts: ShopFacts =
            on_pool!(self, p => sqlx::query_as(facts_sql).bind(row.id).fetch_one(p).await?);
        Ok((row.try_into()?, facts))
    }

    /// Active products of one category in verified shops, one page at a
    /// time: every name's best-selling offer first (best sellers first,
    /// then by name), then every name's second offer, and so on, so the
    /// same item from many shops never fills a page.
    pub async fn category_products(
        &self,
        category_id: i64,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<ProductCard>> {
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} {PRODUCT_JOINS} \
             JOIN (SELECT i.id, ROW_NUMBER() OVER (PARTITION BY i.name ORDER BY i.sold_count DESC, i.id) AS offer \
                   FROM products i JOIN shops o ON o.id = i.shop_id AND o.status = 'verified' \
                   WHERE i.is_active = TRUE AND i.category_id = $1) n ON n.id = p.id \
             ORDER BY n.offer, p.sold_count DESC, p.name, p.id LIMIT $2 OFFSET $3"
        );
        let rows: Vec<ProductRow> = on_pool!(self, p => sqlx::query_as(&sql)
            .bind(category_id).bind(limit).bind(offset).fetch_all(p).await?);
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// The newest active products.
    pub async fn newest_products(&self, limit: i64) -> StoreResult<Vec<ProductCard>> {
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} {PRODUCT_JOINS} \
             WHERE p.is_active = TRUE ORDER BY p.created_at DESC, p.id DESC LIMIT $1"
        );
        let rows: Vec<ProductRow> =
            on_pool!(self, p => sqlx::query_as(&sql).bind(limit).fetch_all(p).await?);
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// Active products with the most units in completed orders, most first.
    pub async fn popular_products(&self, limit: i64) -> StoreResult<Vec<ProductCard>> {
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} {PRODUCT_JOINS} \
             JOIN (SELECT oi.product_id, CAST(SUM(oi.qty) AS BIGINT) AS sold \
                   FROM order_items oi JOIN orders o ON o.id = oi.order_id \
                   WHERE o.status = 'selesai' AND oi.product_id IS NOT NULL \
                   GROUP BY oi.product_id) pop ON pop.product_id = p.id \
             WHERE p.is_active = TRUE ORDER BY pop.sold DESC, p.id LIMIT $1"
        );
        let rows: Vec<ProductRow> =
            on_pool!(self, p => sqlx::query_as(&sql).bind(limit).fetch_all(p).await?);
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// One active product of a verified shop, with its page facts.
    pub async fn product(&self, id: i64) -> StoreResult<(ProductCard, ProductFacts)> {
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} {PRODUCT_JOINS} WHERE p.is_active = TRUE AND p.id = $1"
        );
        let row: ProductRow =
            on_pool!(self, p => sqlx::query_as(&sql).bind(id).fetch_one(p).await?);
        let facts_sql = "SELECT p.description, p.category_id, p.shop_id, \
                         CAST(COALESCE((SELECT SUM(oi.qty) FROM order_items oi JOIN orders o ON o.id = oi.order_id \
                                        WHERE oi.product_id = p.id AND o.status = 'selesai'), 0) AS BIGINT) AS sold \
                         FROM products p WHERE p.id = $1";
        let facts: ProductFacts =
            on_pool!(self, p => sqlx::query_as(facts_sql).bind(id).fetch_one(p).await?);
        Ok((row.into(), facts))
    }

    /// One verified shop by id (for product pages).
    pub async fn shop_card(&self, id: i64) -> StoreResult<ShopCard> {
        let sql = format!(
            "SELECT {SHOP_COLUMNS} FROM shops s JOIN kecamatan k ON k.id = s.kecamatan_id \
             WHERE s.status = 'verified' AND s.id = $1"
        );
        let row: ShopRow = on_pool!(self, p => sqlx::query_as(&sql).bind(id).fetch_one(p).await?);
        row.try_into()
    }

    /// Marketplace totals: verified shops, their active products, completed orders and their value.
    pub async fn market_stats(&self) -> StoreResult<MarketStats> {
        let sql = "SELECT \
                   (SELECT COUNT(*) FROM shops WHERE status = 'verified'), \
                   (SELECT COUNT(*) FROM products p JOIN shops s ON s.id = p.shop_id \
                    WHERE p.is_active = TRUE AND s.status = 'verified'), \
                   (SELECT COUNT(*) FROM orders WHERE status = 'selesai'), \
                   (SELECT CAST(COALESCE(SUM(total), 0) AS BIGINT) FROM orders WHERE status = 'selesai')";
        let (shops, products, completed_orders, completed_value): (i64, i64, i64, i64) =
            on_pool!(self, p => sqlx::query_as(sql).fetch_one(p).await?);
        Ok(MarketStats {
            shops,
            products,
            completed_orders,
            completed_value,
        })
    }
}

impl Store {
    /// Sets a product's stock; a negative value is refused by the database.
    pub async fn set_stock(&self, product_id: i64, stock: i64) -> StoreResult<()> {
        let sql = "UPDATE products SET stock = $1 WHERE id = $2";
        let n = on_pool!(self, p => sqlx::query(sql).bind(stock).bind(product_id).execute(p).await?.rows_affected());
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// A product's current stock.
    pub async fn stock(&self, product_id: i64) -> StoreResult<i64> {
        let sql = "SELECT stock FROM products WHERE id = $1";
        Ok(on_pool!(self, p => sqlx::query_scalar(sql).bind(product_id).fetch_one(p).await?))
    }

    /// Shows or hides a product in the catalog.
    pub async fn set_product_active(&self, product_id: i64, active: bool) -> StoreResult<()> {
        let sql = "UPDATE products SET is_active = $1 WHERE id = $2";
        let n = on_pool!(self, p => sqlx::query(sql).bind(active).bind(product_id).execute(p).await?.rows_affected());
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}

/// Buyers' reviews, summed up.
impl Store {
    /// The reviews of one product.
    pub async fn product_rating(&self, product_id: i64) -> StoreResult<crate::model::Rating> {
        let sql = "SELECT COUNT(*), CAST(COALESCE(ROUND(AVG(rating) * 10), 0) AS BIGINT) \
                   FROM reviews WHERE product_id = $1";
        let (count, average_x10): (i64, i64) =
            on_pool!(self, p => sqlx::query_as(sql).bind(product_id).fetch_one(p).await?);
        Ok(crate::model::Rating { count, average_x10 })
    }

    /// The reviews of all of one shop's products.
    pub async fn shop_rating(&self, shop_id: i64) -> StoreResult<crate::model::Rating> {
        let sql = "SELECT COUNT(*), CAST(COALESCE(ROUND(AVG(r.rating) * 10), 0) AS BIGINT) \
                   FROM reviews r JOIN products p ON p.id = r.product_id WHERE p.shop_id = $1";
        let (count, average_x10): (i64, i64) =
            on_pool!(self, p => sqlx::query_as(sql).bind(shop_id).fetch_one(p).await?);
        Ok(crate::model::Rating { count, average_x10 })
    }
}

/// Public catalog addresses for the sitemap.
impl Store {
    /// Slugs of verified shops, oldest first.
    pub async fn public_shop_slugs(&self) -> StoreResult<Vec<String>> {
        let sql = "SELECT slug FROM shops WHERE status = 'verified' ORDER BY id";
        Ok(on_pool!(self, p => sqlx::query_scalar(sql).fetch_all(p).await?))
    }

    /// How many products anyone can see (active, in a verified shop).
    pub async fn public_product_count(&self) -> StoreResult<i64> {
        let sql = "SELECT COUNT(*) FROM products p JOIN shops s ON s.id = p.shop_id \
                   WHERE p.is_active = TRUE AND s.status = 'verified'";
        Ok(on_pool!(self, p => sqlx::query_scalar(sql).fetch_one(p).await?))
    }

    /// Ids of visible products in id order, one page at a time.
    pub async fn public_product_ids(&self, limit: i64, offset: i64) -> StoreResult<Vec<i64>> {
        let sql = "SELECT p.id FROM products p JOIN shops s ON s.id = p.shop_id \
                   WHERE p.is_active = TRUE AND s.status = 'verified' ORDER BY p.id LIMIT $1 OFFSET $2";
        Ok(
            on_pool!(self, p => sqlx::query_scalar(sql).bind(limit).bind(offset).fetch_all(p).await?),
        )
    }
}

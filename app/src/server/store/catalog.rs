//! Catalog reads: what buyers browse. Only verified shops and active
//! products are ever shown.

use super::{on_pool, Backend, BeginWrite, Store, StoreError, StoreResult};
use crate::domain::fairness::{rotation_key, rotation_start};
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

/// `product_count` is kept by triggers (migration 0008): a shop card never
/// counts products.
const SHOP_COLUMNS: &str =
    "s.id, s.slug, s.name, s.kind, s.is_mbr, k.name AS kecamatan, s.product_count";

pub(super) const PRODUCT_COLUMNS: &str =
    "p.id, p.name, p.price, p.stock, p.unit, s.name AS shop_name, \
     s.slug AS shop_slug, k.name AS kecamatan, ph.path AS photo_path, ph.width AS photo_width, \
     ph.height AS photo_height";

// Numbers in the SQL. Some public statements have their numbers (ids,
// limits, offsets: integers, never text from a request) written into the
// SQL instead of bound. PostgreSQL plans a prepared statement with
// parameters anew for their values on every run unless it judges its
// cached generic plan as cheap, and a bound `LIMIT` (estimated at a tenth
// of the table) or a category with more products than average kept that
// from ever happening: planning was more than half of the server's time on
// the home page. A statement without parameters always runs on its cached
// plan. (SQLite's plans never depend on values.) The store suite checks
// the public pages' statements on PostgreSQL.

/// Products of shops at their monthly sales cap are not listed (they keep
/// their page, which says why they cannot be bought).
pub(super) const LISTED: &str = "AND s.capped_month IS NULL";

/// The cards of the verified shops among `ids`, each row with the
/// directory's version as the same statement read it (one row with no
/// shop when none is left). SQLite's unary `+` keeps the status test from
/// picking the review queue's index: with it, the planner read every
/// verified shop (1 ms at 6,666) instead of the ids.
/// On PostgreSQL the ids are one bound array (`$1`), so every page runs
/// the same prepared statement on its cached plan.
fn shop_cards_sql(backend: Backend, ids: &[i64]) -> String {
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let these = match backend {
        _ if ids.is_empty() => "FALSE".to_string(),
        Backend::Sqlite => format!("+s.status = 'verified' AND s.id IN ({list})"),
        Backend::Postgres => "s.status = 'verified' AND s.id = ANY($1)".to_string(),
    };
    format!(
        "SELECT CAST(v.version AS BIGINT) AS version, {SHOP_COLUMNS} FROM shop_directory_version v \
         LEFT JOIN (shops s JOIN kecamatan k ON k.id = s.kecamatan_id) ON {these} \
         WHERE v.id = 1"
    )
}

/// A row of [`shop_cards_sql`].
type VersionedShopRow = (
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<bool>,
    Option<String>,
    Option<i64>,
);

/// `FROM` the products with their verified shop, its kecamatan and the
/// first photo, on either engine ([`Store::product_joins`]).
const PRODUCT_JOINS: [&str; 2] = [
    // SQLite: `CROSS JOIN` keeps the products the outer loop. Left to
    // choose, its planner walks every verified shop by the review queue's
    // index `shops_review(status, …)` and looks for products in each: at
    // 6,666 shops a search page's 24 cards took 30 ms and the home page's
    // newest 12 took 120 ms, where reading the products first takes
    // microseconds.
    "FROM products p \
     CROSS JOIN shops s ON s.id = p.shop_id AND s.status = 'verified' \
     JOIN kecamatan k ON k.id = s.kecamatan_id \
     LEFT JOIN product_photos ph ON ph.product_id = p.id AND ph.sort_order = 0",
    "FROM products p \
     JOIN shops s ON s.id = p.shop_id AND s.status = 'verified' \
     JOIN kecamatan k ON k.id = s.kecamatan_id \
     LEFT JOIN product_photos ph ON ph.product_id = p.id AND ph.sort_order = 0",
];

impl Store {
    /// [`PRODUCT_JOINS`] for this store's engine.
    pub(super) fn product_joins(&self) -> &'static str {
        match self.backend() {
            Backend::Sqlite => PRODUCT_JOINS[0],
            Backend::Postgres => PRODUCT_JOINS[1],
        }
    }
}

/// What the shop directory is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShopFilter {
    pub kecamatan: Option<String>,
    pub kind: Option<ShopKind>,
    pub mbr_only: bool,
    /// Words the shop's name must contain (all of them; words under three
    /// letters are ignored).
    pub q: String,
    /// The day (WIB day number): lists walk a fixed shuffle of the shops
    /// from a turn that moves `ROTATION_STEP` shops a day, so every shop
    /// comes first in turn, none is always on top, and paging within a day
    /// stays stable (`domain::fairness`).
    pub rotation: i64,
}

/// A verified shop as the directory filters it.
#[derive(Debug, Clone)]
pub struct DirectoryEntry {
    pub id: i64,
    pub kind: ShopKind,
    pub is_mbr: bool,
    pub kecamatan: String,
    /// The name in search form (lowercase, accents folded).
    folded: String,
    /// The name in lowercase, for "typed whole" and "starts with".
    lower: String,
}

impl DirectoryEntry {
    /// An entry for shop `id` called `name`.
    pub fn new(id: i64, name: &str, kind: ShopKind, is_mbr: bool, kecamatan: String) -> Self {
        DirectoryEntry {
            id,
            kind,
            is_mbr,
            kecamatan,
            folded: crate::server::search::normalize(name),
            lower: name.to_lowercase(),
        }
    }
}

/// Every verified shop, in the rotation's fixed order ([`rotation_key`],
/// then id), with their folded names laid end to end so that a word is
/// looked for in one pass over all of them.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    entries: Vec<DirectoryEntry>,
    /// Each entry's folded name followed by a newline (which no folded
    /// name or word holds, so a match never spans two names).
    names: String,
    /// Where each entry's name starts in `names`.
    starts: Vec<usize>,
}

impl Directory {
    pub fn new(mut entries: Vec<DirectoryEntry>) -> Self {
        entries.sort_by_key(|e| (rotation_key(e.id), e.id));
        let mut names = String::new();
        let mut starts = Vec::with_capacity(entries.len());
        for e in &entries {
            starts.push(names.len());
            names.push_str(&e.folded);
            names.push('\n');
        }
        Directory {
            entries,
            names,
            starts,
        }
    }

    /// The indexes of the entries whose name holds every one of `words`
    /// (at least one), in order: the first word is found by one scan of
    /// all the names, the others checked in those entries alone.
    fn holding(&self, words: &[&str]) -> Vec<usize> {
        let mut found = Vec::new();
        let Some((first, rest)) = words.split_first() else {
            return found;
        };
        for at in memchr::memmem::find_iter(self.names.as_bytes(), first.as_bytes()) {
            let i = self.starts.partition_point(|s| *s <= at) - 1;
            if found.last() != Some(&i) && rest.iter().all(|w| self.entries[i].folded.contains(w)) {
                found.push(i);
            }
        }
        found
    }
}

/// The ids of one page of the directory and how many shops match: each
/// word of `q` (three letters or more) must be in the name; a name typed
/// whole comes first, then names starting with what was typed, then the
/// day's rotation (see [`ShopFilter::rotation`]). Without words it reads
/// no more than the filters need and allocates only the page; with words,
/// one scan of the names finds the few that hold them. Costs microseconds
/// for thousands of shops.
pub fn directory_page(dir: &Directory, f: &ShopFilter, limit: i64, offset: i64) -> (Vec<i64>, i64) {
    let folded = crate::server::search::normalize(&f.q);
    let mut words: Vec<&str> = folded
        .split_whitespace()
        .filter(|w| w.chars().count() > 2)
        .take(8)
        .collect();
    words.dedup();
    let typed =
        f.q.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
    let fits = |e: &DirectoryEntry| {
        f.kecamatan.as_ref().is_none_or(|k| *k == e.kecamatan)
            && f.kind.is_none_or(|k| k == e.kind)
            && (!f.mbr_only || e.is_mbr)
    };
    let (offset, limit) = (offset.max(0) as usize, limit.max(0) as usize);
    if typed.is_empty() {
        // Every shop in the rotation's order, which the entries already
        // have: count the matches, then take the page's ranks from the
        // day's turn on, wrapping round to the first.
        let unfiltered = f.kecamatan.is_none() && f.kind.is_none() && !f.mbr_only;
        let total = if unfiltered {
            dir.entries.len()
        } else {
            dir.entries.iter().filter(|e| fits(e)).count()
        };
        if offset >= total {
            return (Vec::new(), total as i64);
        }
        let turn = rotation_start(total, f.rotation);
        let len = limit.min(total - offset);
        let first = (turn + offset) % total;
        if unfiltered {
            // The whole list: the page's ranks are its indexes.
            let ids = (first..first + len).map(|r| dir.entries[r % total].id);
            return (ids.collect(), total as i64);
        }
        let (mut head, mut tail) = (Vec::with_capacity(len), Vec::new());
        for (rank, e) in dir.entries.iter().filter(|e| fits(e)).enumerate() {
            if (first..first + len).contains(&rank) {
                head.push(e.id);
            } else if first + len > total && rank < first + len - total {
                tail.push(e.id);
            }
        }
        head.extend(tail);
        return (head, total as i64);
    }
    let candidates: Box<dyn Iterator<Item = &DirectoryEntry>> = if words.is_empty() {
        Box::new(dir.entries.iter())
    } else {
        Box::new(dir.holding(&words).into_iter().map(|i| &dir.entries[i]))
    };
    let mut hits: Vec<(u8, i64, i64)> = candidates
        .filter(|e| fits(e))
        .map(|e| {
            let fit = if e.lower == typed {
                0
            } else if e.lower.starts_with(&typed) {
                1
            } else {
                2
            };
            (fit, rotation_key(e.id), e.id)
        })
        .collect();
    let total = hits.len() as i64;
    if offset >= hits.len() {
        return (Vec::new(), total);
    }
    // Names that fit what was typed first; the rest walk the fixed order
    // from the day's turn (see `domain::fairness::rotation_start`).
    hits.sort_unstable();
    let rest = hits.iter().position(|h| h.0 == 2).unwrap_or(hits.len());
    let turn = rotation_start(hits.len() - rest, f.rotation);
    hits[rest..].rotate_left(turn);
    let end = (offset + limit).min(hits.len());
    (hits[offset..end].iter().map(|h| h.2).collect(), total)
}

/// A product page's extra facts.
#[derive(Debug, Clone)]
pub struct ProductFacts {
    pub description: String,
    pub category_id: i64,
    pub shop_id: i64,
    pub sold: i64,
    /// Its shop reached the monthly sales cap: shown, not sold.
    pub capped: bool,
    /// Its shop's card.
    pub shop: ShopCard,
    /// Its reviews, summed up.
    pub rating: crate::model::Rating,
}

/// A shop page's extra facts.
#[derive(Debug, Clone)]
pub struct ShopFacts {
    pub address: String,
    pub description: String,
    pub open_hours: String,
    /// The key of the shop photo's card variant.
    pub photo_key: Option<String>,
    /// Reached the monthly sales cap: its products are not listed.
    pub capped: bool,
    /// The reviews of all its products, summed up.
    pub rating: crate::model::Rating,
}

/// A product page's row: the card, its facts, its shop's card and its
/// reviews, read in one statement ([`Store::product`]).
#[derive(sqlx::FromRow)]
struct ProductPageRow {
    #[sqlx(flatten)]
    card: ProductRow,
    description: String,
    category_id: i64,
    shop_id: i64,
    sold: i64,
    capped: bool,
    shop_kind: String,
    shop_is_mbr: bool,
    shop_product_count: i64,
    rating_count: i64,
    rating_x10: i64,
}

/// A shop page's row: the card, its facts and its reviews, read in one
/// statement ([`Store::shop_by_slug`]).
#[derive(sqlx::FromRow)]
struct ShopPageRow {
    #[sqlx(flatten)]
    card: ShopRow,
    address: String,
    description: String,
    open_hours: String,
    photo_key: Option<String>,
    capped: bool,
    rating_count: i64,
    rating_x10: i64,
}

impl Store {
    /// Categories in display order, with how many active products each has.
    pub async fn categories(&self) -> StoreResult<Vec<Category>> {
        // The folded total plus the changes not yet folded (`fold_totals`).
        let sql = "SELECT c.id, c.slug, c.name, CAST(COALESCE(t.n, 0) + COALESCE( \
                     (SELECT SUM(x.n) FROM market_total_changes x WHERE x.name = 'c' || c.id), 0) AS BIGINT) \
                   FROM categories c LEFT JOIN market_totals t ON t.name = 'c' || c.id \
                   ORDER BY c.sort_order, c.name";
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

    /// One page of the shop directory and how many shops match in all
    /// (the list read whole, then [`directory_page`]). Pages use
    /// [`Store::directory_entries`] kept in memory instead.
    pub async fn shop_directory(
        &self,
        f: &ShopFilter,
        limit: i64,
        offset: i64,
    ) -> StoreResult<(Vec<ShopCard>, i64)> {
        let entries = self.directory_entries().await?;
        let (ids, total) = directory_page(&entries, f, limit, offset);
        Ok((self.shop_cards(&ids).await?, total))
    }

    /// A number that changes whenever a shop's place in the directory could
    /// (kept by triggers): the list from [`Store::directory_entries`] is
    /// current while this stays the same.
    pub async fn directory_version(&self) -> StoreResult<i64> {
        let sql = "SELECT CAST(version AS BIGINT) FROM shop_directory_version WHERE id = 1";
        Ok(on_pool!(self, p => sqlx::query_scalar(sql).fetch_one(p).await?))
    }

    /// Every verified shop with what the directory filters on, ready for
    /// [`directory_page`] (see [`Directory`]).
    pub async fn directory_entries(&self) -> StoreResult<Directory> {
        let sql = "SELECT s.id, s.name, s.kind, s.is_mbr, k.name FROM shops s \
                   JOIN kecamatan k ON k.id = s.kecamatan_id WHERE s.status = 'verified'";
        let rows: Vec<(i64, String, String, bool, String)> =
            on_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?);
        rows.into_iter()
            .map(|(id, name, kind, is_mbr, kecamatan)| {
                let kind = ShopKind::parse(&kind)
                    .ok_or_else(|| StoreError::Check(format!("unknown shop kind {kind}")))?;
                Ok(DirectoryEntry::new(id, &name, kind, is_mbr, kecamatan))
            })
            .collect::<StoreResult<Vec<_>>>()
            .map(Directory::new)
    }

    /// The cards of verified shops, in the order of `ids` (a shop no longer
    /// verified is left out).
    pub async fn shop_cards(&self, ids: &[i64]) -> StoreResult<Vec<ShopCard>> {
        Ok(self.shop_cards_at_version(ids).await?.0)
    }

    /// [`Store::shop_cards`], and the directory's version
    /// ([`Store::directory_version`]) read by the same statement: a page
    /// drawn from a remembered directory is current if this is the version
    /// it was remembered at. One round trip where two would do.
    pub async fn shop_cards_at_version(&self, ids: &[i64]) -> StoreResult<(Vec<ShopCard>, i64)> {
        let sql = shop_cards_sql(self.backend(), ids);
        self.round_trips
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let rows: Vec<VersionedShopRow> = match &self.db {
            super::Db::Sqlite(p) => sqlx::query_as(&sql).fetch_all(p).await?,
            super::Db::Postgres(p) if ids.is_empty() => sqlx::query_as(&sql).fetch_all(p).await?,
            super::Db::Postgres(p) => sqlx::query_as(&sql).bind(ids).fetch_all(p).await?,
        };
        let version = rows.first().map(|r| r.0).ok_or(StoreError::NotFound)?;
        let mut cards = Vec::with_capacity(rows.len());
        for row in rows {
            if let (
                _,
                Some(id),
                Some(slug),
                Some(name),
                Some(kind),
                Some(is_mbr),
                Some(kecamatan),
                Some(product_count),
            ) = row
            {
                cards.push(ShopCard::try_from(ShopRow {
                    id,
                    slug,
                    name,
                    kind,
                    is_mbr,
                    kecamatan,
                    product_count,
                })?);
            }
        }
        cards.sort_by_key(|c| ids.iter().position(|id| *id == c.id));
        Ok((cards, version))
    }

    /// One verified shop by its slug, with its page's facts and the
    /// reviews of its products: one statement (on PostgreSQL every
    /// statement is a network round trip).
    pub async fn shop_by_slug(&self, slug: &str) -> StoreResult<(ShopCard, ShopFacts)> {
        let sql = format!(
            "SELECT {SHOP_COLUMNS}, s.address, s.description, s.open_hours, s.photo_key, \
             (s.capped_month IS NOT NULL) AS capped, \
             r.n AS rating_count, CAST(COALESCE(ROUND(r.average * 10), 0) AS BIGINT) AS rating_x10 \
             FROM shops s JOIN kecamatan k ON k.id = s.kecamatan_id \
             CROSS JOIN (SELECT COUNT(*) AS n, AVG(v.rating) AS average FROM shops o \
               JOIN products q ON q.shop_id = o.id JOIN reviews v ON v.product_id = q.id \
               WHERE o.slug = $1) r \
             WHERE s.status = 'verified' AND s.slug = $1"
        );
        let row: ShopPageRow =
            on_pool!(self, p => sqlx::query_as(&sql).bind(slug).fetch_one(p).await?);
        let facts = ShopFacts {
            address: row.address,
            description: row.description,
            open_hours: row.open_hours,
            photo_key: row.photo_key,
            capped: row.capped,
            rating: crate::model::Rating {
                count: row.rating_count,
                average_x10: row.rating_x10,
            },
        };
        Ok((row.card.try_into()?, facts))
    }

    /// Active products of one category in verified shops, one page at a
    /// time: every name's best-selling offer first (best sellers first,
    /// then by name), then every name's second offer, and so on, so the
    /// same item from many shops never fills a page. Reads the page's rows
    /// from `products_category_offer` in order (ranks: [`Store::rerank_offers`]).
    pub async fn category_products(
        &self,
        category_id: i64,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<ProductCard>> {
        let joins = self.product_joins();
        // The numbers are written into the statement (see "Numbers in the SQL" above).
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} {joins} \
             WHERE p.category_id = {category_id} AND p.is_active = TRUE {LISTED} \
             ORDER BY p.offer_rank, p.sold_count DESC, p.name, p.id LIMIT {limit} OFFSET {offset}"
        );
        let rows: Vec<ProductRow> = on_pool!(self, p => sqlx::query_as(&sql).fetch_all(p).await?);
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// Recomputes the offer ranks of every (category, name) a write has
    /// touched since the last call (triggers list them in `offer_dirty`),
    /// in one short transaction; returns how many groups it settled. The
    /// server calls it every two seconds; an import calls it once at the
    /// end. On PostgreSQL it gives up at once on a product row another
    /// transaction holds (a checkout, say) and leaves the groups for the
    /// next call, so it never makes a buyer wait or deadlock.
    pub async fn rerank_offers(&self) -> StoreResult<i64> {
        self.round_trips
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        match &self.db {
            super::Db::Sqlite(p) => {
                let rank = "UPDATE products SET offer_rank = r.n FROM ( \
                    SELECT q.id, ROW_NUMBER() OVER (PARTITION BY q.category_id, q.name ORDER BY q.sold_count DESC, q.id) AS n \
                    FROM products q JOIN shops o ON o.id = q.shop_id AND o.status = 'verified' AND o.capped_month IS NULL \
                    WHERE q.is_active = TRUE AND (q.category_id, q.name) IN \
                      (SELECT category_id, name FROM offer_dirty WHERE id <= $1)) r \
                    WHERE products.id = r.id AND products.offer_rank <> r.n";
                let groups = "SELECT COUNT(*) FROM (SELECT DISTINCT category_id, name FROM offer_dirty WHERE id <= $1) g";
                // Nothing waiting: no write lock taken.
                let upto: i64 = sqlx::query_scalar(
                    "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM offer_dirty",
                )
                .fetch_one(p)
                .await?;
                if upto == 0 {
                    return Ok(0);
                }
                // One writer at a time: the statements see the same rows.
                let mut tx = p.begin_write().await?;
                let n: i64 = sqlx::query_scalar(groups)
                    .bind(upto)
                    .fetch_one(&mut *tx)
                    .await?;
                sqlx::query(rank).bind(upto).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM offer_dirty WHERE id <= $1")
                    .bind(upto)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(n)
            }
            super::Db::Postgres(p) => {
                // One statement, so the groups it deletes are the groups it
                // re-ranks: separate statements each see the rows committed
                // before them, and a group listed between the two would be
                // deleted unranked. Another instance doing the same waits on
                // these rows, then finds them gone.
                let sql = "WITH gone AS (DELETE FROM offer_dirty RETURNING category_id, name), \
                           ranked AS (UPDATE products SET offer_rank = r.n FROM ( \
                             SELECT q.id, ROW_NUMBER() OVER (PARTITION BY q.category_id, q.name ORDER BY q.sold_count DESC, q.id) AS n \
                             FROM products q JOIN shops o ON o.id = q.shop_id AND o.status = 'verified' AND o.capped_month IS NULL \
                             WHERE q.is_active = TRUE AND (q.category_id, q.name) IN (SELECT category_id, name FROM gone)) r \
                           WHERE products.id = r.id AND products.offer_rank <> r.n RETURNING 1) \
                           SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT DISTINCT category_id, name FROM gone) g";
                let mut tx = p.begin().await?;
                sqlx::query("SET LOCAL lock_timeout = '200ms'")
                    .execute(&mut *tx)
                    .await?;
                let n: i64 = sqlx::query_scalar(sql).fetch_one(&mut *tx).await?;
                tx.commit().await?;
                Ok(n)
            }
        }
    }

    /// The newest active products.
    pub async fn newest_products(&self, limit: i64) -> StoreResult<Vec<ProductCard>> {
        let joins = self.product_joins();
        // The limit is written into the statement (see "Numbers in the SQL" above).
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} {joins} \
             WHERE p.is_active = TRUE {LISTED} ORDER BY p.created_at DESC, p.id DESC LIMIT {limit}"
        );
        let rows: Vec<ProductRow> = on_pool!(self, p => sqlx::query_as(&sql).fetch_all(p).await?);
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// Active products with the most units in completed orders, most first
    /// (`sold_count`, kept by the order moves; walks its index).
    pub async fn popular_products(&self, limit: i64) -> StoreResult<Vec<ProductCard>> {
        let joins = self.product_joins();
        // The limit is written into the statement (see "Numbers in the SQL" above).
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} {joins} \
             WHERE p.is_active = TRUE AND p.sold_count > 0 {LISTED} \
             ORDER BY p.sold_count DESC, p.id LIMIT {limit}"
        );
        let rows: Vec<ProductRow> = on_pool!(self, p => sqlx::query_as(&sql).fetch_all(p).await?);
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// One active product of a verified shop, with its page facts, its
    /// shop's card and its reviews: one statement (on PostgreSQL every
    /// statement is a network round trip).
    pub async fn product(&self, id: i64) -> StoreResult<(ProductCard, ProductFacts)> {
        let joins = self.product_joins();
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS}, p.description, p.category_id, p.shop_id, \
             CAST(p.sold_count AS BIGINT) AS sold, (s.capped_month IS NOT NULL) AS capped, \
             s.kind AS shop_kind, s.is_mbr AS shop_is_mbr, s.product_count AS shop_product_count, \
             r.n AS rating_count, CAST(COALESCE(ROUND(r.average * 10), 0) AS BIGINT) AS rating_x10 \
             {joins} \
             CROSS JOIN (SELECT COUNT(*) AS n, AVG(v.rating) AS average FROM reviews v \
               WHERE v.product_id = $1) r \
             WHERE p.is_active = TRUE AND p.id = $1"
        );
        let row: ProductPageRow =
            on_pool!(self, p => sqlx::query_as(&sql).bind(id).fetch_one(p).await?);
        let shop = ShopRow {
            id: row.shop_id,
            slug: row.card.shop_slug.clone(),
            name: row.card.shop_name.clone(),
            kind: row.shop_kind,
            is_mbr: row.shop_is_mbr,
            kecamatan: row.card.kecamatan.clone(),
            product_count: row.shop_product_count,
        }
        .try_into()?;
        let facts = ProductFacts {
            description: row.description,
            category_id: row.category_id,
            shop_id: row.shop_id,
            sold: row.sold,
            capped: row.capped,
            shop,
            rating: crate::model::Rating {
                count: row.rating_count,
                average_x10: row.rating_x10,
            },
        };
        Ok((row.card.into(), facts))
    }

    /// Marketplace totals: verified shops, their active products, completed
    /// orders and their value. Read from `market_totals` plus the changes
    /// not yet folded into it (migration `0009_totals.sql`), not recounted.
    pub async fn market_stats(&self) -> StoreResult<MarketStats> {
        let sql = "SELECT name, CAST(SUM(n) AS BIGINT), CAST(SUM(v) AS BIGINT) FROM ( \
                     SELECT name, n, v FROM market_totals WHERE name IN ('shops', 'products', 'orders') \
                     UNION ALL \
                     SELECT name, n, v FROM market_total_changes WHERE name IN ('shops', 'products', 'orders') \
                   ) t GROUP BY name";
        let rows: Vec<(String, i64, i64)> =
            on_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?);
        let total = |name: &str| {
            rows.iter()
                .find(|r| r.0 == name)
                .map_or((0, 0), |r| (r.1, r.2))
        };
        Ok(MarketStats {
            shops: total("shops").0,
            products: total("products").0,
            completed_orders: total("orders").0,
            completed_value: total("orders").1,
        })
    }

    /// Adds the changes triggers appended to `market_total_changes` into
    /// `market_totals` and removes them; returns how many there were. Run
    /// every two seconds by a server job and after an import. Several
    /// instances may run it at once: each change is added exactly once.
    pub async fn fold_totals(&self) -> StoreResult<i64> {
        match &self.db {
            super::Db::Sqlite(p) => {
                self.round_trips
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                // Nothing waiting: no write lock taken.
                let upto: i64 = sqlx::query_scalar(
                    "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM market_total_changes",
                )
                .fetch_one(p)
                .await?;
                if upto == 0 {
                    return Ok(0);
                }
                // One writer at a time: the sum and the delete see the same rows.
                let mut tx = p.begin_write().await?;
                let n: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM market_total_changes WHERE id <= $1")
                        .bind(upto)
                        .fetch_one(&mut *tx)
                        .await?;
                sqlx::query(
                    "INSERT INTO market_totals (name, n, v) \
                     SELECT name, SUM(n), SUM(v) FROM market_total_changes WHERE id <= $1 GROUP BY name \
                     ON CONFLICT (name) DO UPDATE SET n = market_totals.n + excluded.n, v = market_totals.v + excluded.v",
                )
                .bind(upto)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM market_total_changes WHERE id <= $1")
                    .bind(upto)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(n)
            }
            super::Db::Postgres(p) => {
                self.round_trips
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                // One statement: the rows it deletes are the rows it adds,
                // whatever commits meanwhile; an instance folding at the same
                // moment waits on those rows and then finds them gone.
                let n: Option<i64> = sqlx::query_scalar(
                    "WITH gone AS (DELETE FROM market_total_changes RETURNING name, n, v), \
                     added AS (INSERT INTO market_totals (name, n, v) \
                       SELECT name, SUM(n), SUM(v) FROM gone GROUP BY name \
                       ON CONFLICT (name) DO UPDATE SET n = market_totals.n + excluded.n, v = market_totals.v + excluded.v \
                       RETURNING 1) \
                     SELECT CAST(COUNT(*) AS BIGINT) FROM gone",
                )
                .fetch_one(p)
                .await?;
                Ok(n.unwrap_or(0))
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every step of SQLite's plan for `sql` on a migrated store.
    async fn plan(store: &Store, sql: &str) -> Vec<String> {
        let super::super::Db::Sqlite(pool) = &store.db else {
            unreachable!("SQLite only")
        };
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
                .fetch_all(pool)
                .await
                .unwrap();
        plan.into_iter().map(|r| r.3).collect()
    }

    /// The first table SQLite's plan reads, for `sql` on a migrated store.
    async fn outer_table(store: &Store, sql: &str) -> String {
        plan(store, sql).await.swap_remove(0)
    }

    /// A page of cards by id (search, the directory) and the newest
    /// products (home) start from the products or the ids; the plain
    /// (PostgreSQL) forms read every verified shop first, by the review
    /// queue's index, which grew with the number of shops.
    #[tokio::test]
    async fn cards_read_the_page_not_every_shop_on_sqlite() {
        let store = Store::connect("sqlite::memory:", 1).await.unwrap();
        store.migrate().await.unwrap();
        let page: Vec<String> = (1..=24).map(|id| id.to_string()).collect();
        let shapes = [
            format!("WHERE p.id IN ({})", page.join(",")),
            format!(
                "WHERE p.is_active = TRUE {LISTED} ORDER BY p.created_at DESC, p.id DESC LIMIT 12"
            ),
        ];
        for shape in &shapes {
            let sql = |joins: &str| format!("SELECT {PRODUCT_COLUMNS} {joins} {shape}");
            let used = outer_table(&store, &sql(store.product_joins())).await;
            assert!(used.contains(" p "), "{shape}: {used}");
            let plain = outer_table(&store, &sql(PRODUCT_JOINS[1])).await;
            assert!(plain.contains("shops_review"), "{shape}: {plain}");
        }
        // A page of shop cards reads the shops by id, not every verified one.
        let ids: Vec<i64> = (1..=24).collect();
        let shops_read = |plan: Vec<String>| plan.into_iter().find(|l| l.contains(" s "));
        let used = shops_read(plan(&store, &shop_cards_sql(Backend::Sqlite, &ids)).await);
        assert!(
            used.as_ref().is_some_and(|l| l.contains("PRIMARY KEY")),
            "{used:?}"
        );
        let without_plus = shop_cards_sql(Backend::Sqlite, &ids).replace("+s.status", "s.status");
        let plain = shops_read(plan(&store, &without_plus).await);
        assert!(
            plain.as_ref().is_some_and(|l| l.contains("shops_review")),
            "{plain:?}"
        );
    }

    /// The page as the directory was first written: every match collected,
    /// sorted by fit, rotation key and id, the rest rotated to the day's
    /// turn. The one-pass page and the name scan must give the same.
    fn reference_page(
        entries: &[DirectoryEntry],
        f: &ShopFilter,
        limit: i64,
        offset: i64,
    ) -> (Vec<i64>, i64) {
        let folded = crate::server::search::normalize(&f.q);
        let words: Vec<&str> = folded
            .split_whitespace()
            .filter(|w| w.chars().count() > 2)
            .collect();
        let typed =
            f.q.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
        let mut hits: Vec<(u8, i64, i64)> = entries
            .iter()
            .filter(|e| {
                f.kecamatan.as_ref().is_none_or(|k| *k == e.kecamatan)
                    && f.kind.is_none_or(|k| k == e.kind)
                    && (!f.mbr_only || e.is_mbr)
                    && words.iter().all(|w| e.folded.contains(w))
            })
            .map(|e| {
                let fit = if !typed.is_empty() && e.lower == typed {
                    0
                } else if !typed.is_empty() && e.lower.starts_with(&typed) {
                    1
                } else {
                    2
                };
                (fit, rotation_key(e.id), e.id)
            })
            .collect();
        hits.sort_unstable();
        let rest = hits.iter().position(|h| h.0 == 2).unwrap_or(hits.len());
        let turn = rotation_start(hits.len() - rest, f.rotation);
        hits[rest..].rotate_left(turn);
        let total = hits.len() as i64;
        let ids = hits
            .iter()
            .skip(offset as usize)
            .take(limit as usize)
            .map(|h| h.2)
            .collect();
        (ids, total)
    }

    #[test]
    fn directory_pages_match_the_reference() {
        let words = [
            "Toko", "Kopi", "Sari", "Warung", "Bu Tin", "Batik", "Kue", "Jaya",
        ];
        let places = ["Tegalsari", "Genteng", "Wonokromo"];
        let entries: Vec<DirectoryEntry> = (1..=140)
            .map(|id: i64| {
                let n = id as usize;
                let name = format!(
                    "{} {} {}",
                    words[n % 8],
                    words[(n / 3) % 8],
                    if n.is_multiple_of(5) {
                        "Ésa".to_string()
                    } else {
                        n.to_string()
                    }
                );
                let kind = if n.is_multiple_of(3) {
                    ShopKind::Umkm
                } else {
                    ShopKind::TokoKelontong
                };
                DirectoryEntry::new(
                    id * 7,
                    &name,
                    kind,
                    n.is_multiple_of(4),
                    places[n % 3].to_string(),
                )
            })
            .collect();
        let dir = Directory::new(entries.clone());
        assert_eq!(dir.entries.len(), 140);
        let mut checked = 0;
        for q in [
            "",
            "ab",
            "kopi",
            "KOPI sari",
            "Toko Kopi 7",
            "esa",
            "bu tin",
            "zzz",
            "kue kue",
        ] {
            for kecamatan in [None, Some("Genteng".to_string())] {
                for kind in [None, Some(ShopKind::Umkm)] {
                    for mbr_only in [false, true] {
                        for rotation in [0, 1, 5, 700_003] {
                            let f = ShopFilter {
                                q: q.to_string(),
                                kecamatan: kecamatan.clone(),
                                kind,
                                mbr_only,
                                rotation,
                            };
                            let (_, total) = reference_page(&entries, &f, 1000, 0);
                            for limit in [1, 5, 12, 1000] {
                                for offset in [0, 1, 3, 11, total - 1, total, total + 4] {
                                    let offset = offset.max(0);
                                    assert_eq!(
                                        directory_page(&dir, &f, limit, offset),
                                        reference_page(&entries, &f, limit, offset),
                                        "{f:?} limit {limit} offset {offset}"
                                    );
                                    checked += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 9 * 2 * 2 * 2 * 4 * 4 * 7);
        // The scan found something for the words it should.
        let kopi = ShopFilter {
            q: "kopi".into(),
            ..ShopFilter::default()
        };
        let (ids, total) = directory_page(&dir, &kopi, 1000, 0);
        assert!(total > 10 && ids.len() as i64 == total);
    }
}

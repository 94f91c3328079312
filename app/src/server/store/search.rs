//! Product search and filtered browsing, one API over both engines.
//!
//! Matching is defined once: every query word of three or more letters
//! must occur in the product's normalised `search_text` (see
//! `server::search`), shorter words in its `search_name`. On SQLite the
//! FTS5 trigram table `product_search` answers the long words (an exact
//! substring match); on PostgreSQL `LIKE '%word%'` served by the pg_trgm
//! index does. Filters and ordering (ties broken by id) are the same SQL on
//! both, so both engines return the same products in the same order; the
//! store suite holds both to one reference implementation.

use super::catalog::{ProductRow, PRODUCT_COLUMNS, PRODUCT_JOINS};
use super::{on_pool, Backend, Store, StoreResult};
use crate::model::{ProductCard, SearchSort, ShopKind};
use crate::server::search::{normalize, product_text};

/// What to look for. Words must already be normalised
/// (`server::search::query_words`).
#[derive(Debug, Clone)]
pub struct SearchFilter {
    pub words: Vec<String>,
    pub category_id: Option<i64>,
    pub kecamatan: Option<String>,
    pub kind: Option<ShopKind>,
    pub mbr_only: bool,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub in_stock: bool,
    pub shop_id: Option<i64>,
    pub sort: SearchSort,
    pub limit: i64,
    pub offset: i64,
}

impl Default for SearchFilter {
    fn default() -> Self {
        SearchFilter {
            words: Vec::new(),
            category_id: None,
            kecamatan: None,
            kind: None,
            mbr_only: false,
            price_min: None,
            price_max: None,
            in_stock: false,
            shop_id: None,
            sort: SearchSort::Relevance,
            limit: 24,
            offset: 0,
        }
    }
}

/// A bound value.
enum Arg {
    Text(String),
    Int(i64),
}

/// SQL text with `$n` placeholders numbered as values are added.
struct Sql {
    text: String,
    args: Vec<Arg>,
}

impl Sql {
    fn new(text: &str) -> Self {
        Sql {
            text: text.to_string(),
            args: Vec::new(),
        }
    }
    fn push(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }
    fn text(&mut self, v: String) -> &mut Self {
        self.args.push(Arg::Text(v));
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }
    fn int(&mut self, v: i64) -> &mut Self {
        self.args.push(Arg::Int(v));
        self.text.push_str(&format!("${}", self.args.len()));
        self
    }
}

macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                Arg::Text(s) => q.bind(s.clone()),
                Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }};
}

impl Store {
    /// The products matching `f` (how many in all, and the requested page).
    ///
    /// Words of three or more characters may occur anywhere in the
    /// product's text; shorter ones (too short for a trigram index, and
    /// noise in descriptions) only in its name.
    pub async fn search(&self, f: &SearchFilter) -> StoreResult<(i64, Vec<ProductCard>)> {
        let (long, short): (Vec<&String>, Vec<&String>) =
            f.words.iter().partition(|w| w.chars().count() >= 3);
        let sqlite = self.backend() == Backend::Sqlite;
        let mut w = Sql::new("");
        if sqlite && !long.is_empty() {
            // FTS5 trigram: each quoted word matches exactly as a substring
            // (the text is lowercase already). Words are letters and digits
            // only, so quoting is safe. CROSS JOIN makes the index hits the
            // outer loop, whatever the filters.
            let expr = long
                .iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(" AND ");
            w.push("FROM (SELECT rowid AS hit FROM product_search WHERE product_search MATCH ")
                .text(expr)
                .push(") m CROSS JOIN products p ON p.id = m.hit");
        } else {
            w.push("FROM products p");
        }
        w.push(
            " JOIN shops s ON s.id = p.shop_id AND s.status = 'verified' WHERE p.is_active = TRUE",
        );
        if !sqlite {
            // pg_trgm serves these from its index.
            for word in &long {
                w.push(" AND p.search_text LIKE ").text(format!("%{word}%"));
            }
        }
        for word in &short {
            w.push(" AND p.search_name LIKE ").text(format!("%{word}%"));
        }
        if let Some(c) = f.category_id {
            w.push(" AND p.category_id = ").int(c);
        }
        if let Some(k) = &f.kecamatan {
            w.push(" AND s.kecamatan_id = (SELECT id FROM kecamatan WHERE name = ")
                .text(k.clone())
                .push(")");
        }
        if let Some(kind) = f.kind {
            w.push(" AND s.kind = ").text(kind.as_str().to_string());
        }
        if f.mbr_only {
            w.push(" AND s.is_mbr = TRUE");
        }
        if let Some(min) = f.price_min {
            w.push(" AND p.price >= ").int(min);
        }
        if let Some(max) = f.price_max {
            w.push(" AND p.price <= ").int(max);
        }
        if f.in_stock {
            w.push(" AND p.stock > 0");
        }
        if let Some(shop) = f.shop_id {
            w.push(" AND p.shop_id = ").int(shop);
        }

        let count_sql = format!("SELECT COUNT(*) {}", w.text);
        let total: i64 = on_pool!(self, p => bind_args!(sqlx::query_scalar(&count_sql), &w.args).fetch_one(p).await?);
        if total == 0 || f.offset >= total {
            return Ok((total, Vec::new()));
        }

        // First the ids of the page (sorting narrow rows), then their cards.
        let mut q = Sql {
            text: format!("SELECT p.id {} ORDER BY ", w.text),
            args: w.args,
        };
        match f.sort {
            SearchSort::Relevance if !f.words.is_empty() => {
                // Name matches outrank matches elsewhere; a name that starts
                // with the query, or contains a word starting with it, ranks
                // higher still. Then best sellers, then newest.
                q.push("(");
                for (i, word) in f.words.iter().enumerate() {
                    if i > 0 {
                        q.push(" + ");
                    }
                    q.push("CASE WHEN p.search_name LIKE ")
                        .text(format!("% {word}%"))
                        .push(" THEN 3 WHEN p.search_name LIKE ")
                        .text(format!("%{word}%"))
                        .push(" THEN 2 ELSE 1 END");
                }
                q.push(" + CASE WHEN p.search_name LIKE ")
                    .text(format!("{}%", normalize(&f.words.join(" "))))
                    .push(" THEN 3 ELSE 0 END) DESC, p.sold_count DESC, p.id DESC");
            }
            SearchSort::Relevance | SearchSort::BestSelling => {
                q.push("p.sold_count DESC, p.id DESC");
            }
            SearchSort::Cheapest => {
                q.push("p.price, p.id");
            }
            SearchSort::Priciest => {
                q.push("p.price DESC, p.id DESC");
            }
            SearchSort::Newest => {
                q.push("p.created_at DESC, p.id DESC");
            }
        }
        q.push(" LIMIT ")
            .int(f.limit)
            .push(" OFFSET ")
            .int(f.offset);
        let ids: Vec<i64> = on_pool!(self, p => bind_args!(sqlx::query_scalar(&q.text), &q.args).fetch_all(p).await?);
        if ids.is_empty() {
            return Ok((total, Vec::new()));
        }
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let cards_sql = format!("SELECT {PRODUCT_COLUMNS} {PRODUCT_JOINS} WHERE p.id IN ({list})");
        let rows: Vec<ProductRow> =
            on_pool!(self, p => sqlx::query_as(&cards_sql).fetch_all(p).await?);
        let mut cards: std::collections::HashMap<i64, ProductCard> = rows
            .into_iter()
            .map(|r| {
                let c: ProductCard = r.into();
                (c.id, c)
            })
            .collect();
        Ok((
            total,
            ids.iter().filter_map(|id| cards.remove(id)).collect(),
        ))
    }

    /// Rewrites the normalised search columns of the products that need it:
    /// all of one shop's (after a rename) or, with `None`, those never
    /// indexed. Returns how many products were rewritten.
    pub async fn refresh_search_text(&self, shop_id: Option<i64>) -> StoreResult<u64> {
        let sql = "SELECT p.id, p.name, c.name, s.name, p.description FROM products p \
                   JOIN shops s ON s.id = p.shop_id JOIN categories c ON c.id = p.category_id \
                   WHERE (CAST($1 AS BIGINT) IS NULL AND p.search_text = '') OR p.shop_id = $1 ORDER BY p.id";
        let rows: Vec<(i64, String, String, String, String)> = on_pool!(self, p => sqlx::query_as(sql)
            .bind(shop_id).fetch_all(p).await?);
        let mut done = 0;
        for chunk in rows.chunks(500) {
            let mut q = Sql::new(
                "UPDATE products SET search_name = v.column2, search_text = v.column3 FROM (VALUES ",
            );
            for (i, (id, name, category, shop, description)) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(", ");
                }
                q.push("(CAST(")
                    .int(*id)
                    .push(" AS BIGINT), ")
                    .text(normalize(name))
                    .push(", ")
                    .text(product_text(name, category, shop, description))
                    .push(")");
            }
            q.push(") AS v WHERE products.id = v.column1");
            done += on_pool!(self, p => bind_args!(sqlx::query(&q.text), &q.args).execute(p).await?.rows_affected());
        }
        Ok(done)
    }

    /// Recounts every product's units sold in completed orders.
    pub async fn refresh_sold_counts(&self) -> StoreResult<()> {
        let sql =
            "UPDATE products SET sold_count = COALESCE((SELECT SUM(oi.qty) FROM order_items oi \
                   JOIN orders o ON o.id = oi.order_id \
                   WHERE oi.product_id = products.id AND o.status = 'selesai'), 0)";
        on_pool!(self, p => { sqlx::query(sql).execute(p).await?; });
        Ok(())
    }

    /// The distinct normalised names of visible products, and the category
    /// names: the words a misspelt query is corrected towards.
    pub async fn searchable_names(&self) -> StoreResult<Vec<String>> {
        let sql = "SELECT DISTINCT p.search_name FROM products p \
                   JOIN shops s ON s.id = p.shop_id AND s.status = 'verified' WHERE p.is_active = TRUE";
        let mut names: Vec<String> =
            on_pool!(self, p => sqlx::query_scalar(sql).fetch_all(p).await?);
        let cats: Vec<String> = on_pool!(self, p => sqlx::query_scalar("SELECT name FROM categories").fetch_all(p).await?);
        names.extend(cats.iter().map(|c| normalize(c)));
        Ok(names)
    }
}

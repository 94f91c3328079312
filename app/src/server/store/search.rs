//! Product search and filtered browsing, one API over both engines.
//!
//! Matching is defined once: every query word of three or more letters
//! must occur in the product's normalised `search_text` (see
//! `server::search`), shorter words must start a word of its
//! `search_name`. On SQLite the FTS5 trigram tables `product_search` and
//! `product_name_search` answer these (an exact substring match); on
//! PostgreSQL `LIKE` served by pg_trgm indexes does. Filters and ordering
//! (ties broken by id) are the same SQL on both, so both engines return the
//! same products in the same order; the store suite holds both, on every
//! plan, to one reference implementation.

use super::catalog::{ProductRow, PRODUCT_COLUMNS};
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
    /// Counting stops past this many matches ([`COUNT_CAP`]).
    pub count_cap: i64,
    /// SQLite: words with more index hits than this are checked row by row
    /// instead ([`SCAN_ABOVE`]); tests lower it to reach both plans.
    pub scan_above: i64,
    /// Reading in index order, at least this many products are read before
    /// falling back to sorting every match ([`SCAN_WINDOW`]).
    pub scan_window: i64,
    /// SQLite, by relevance: words with more index hits than this (and no
    /// more than `scan_above`) ask the best sellers for the page before
    /// sorting every match ([`WINDOW_FIRST_ABOVE`]); tests lower it to
    /// reach that plan.
    pub window_first_above: i64,
    /// By relevance, the page is first looked for among the products whose
    /// name starts with the query ([`Store::name_prefix_page`]); tests
    /// turn it off to reach the other plans.
    pub name_prefix_first: bool,
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
            count_cap: COUNT_CAP,
            scan_above: SCAN_ABOVE,
            scan_window: SCAN_WINDOW,
            window_first_above: WINDOW_FIRST_ABOVE,
            name_prefix_first: true,
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

/// Binds `args` to query `$q` of store `$store`. On PostgreSQL a search
/// statement is sent unnamed, so it is planned with its values each time:
/// a named (cached) statement gets a generic plan after five runs, and the
/// best plan depends on the words (a rare word: its trigram index; a word
/// in every product: none; for "surabaya" the generic plan read the whole
/// trigram index, 3 ms → 18 ms). Every other statement keeps its cached
/// plan. SQLite's plans do not depend on values: its statements are cached.
macro_rules! bind_args {
    ($store:expr, $q:expr, $args:expr) => {
        bind_args!($q.persistent($store.backend() == Backend::Sqlite), $args)
    };
    // A statement kept prepared on both engines.
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

/// Counts stop here: "1.000+ produk" is as useful to a buyer as the exact
/// figure, and counting every match of a broad word is what made broad
/// searches slow.
pub const COUNT_CAP: i64 = 1000;

/// On SQLite, words matching at most this many products are looked up in
/// the trigram index and those products sorted; words matching more are
/// checked row by row while the products are read in the page's order,
/// which finds a page of a common word after a few dozen rows.
pub const SCAN_ABOVE: i64 = 5000;

/// Reading products in a sort's index order, this many (or ten times the
/// page's end, if more) are read before every match is sorted instead.
pub const SCAN_WINDOW: i64 = 2000;

/// On SQLite, by relevance, words matching more products than this (and
/// no more than [`SCAN_ABOVE`]) first ask the best sellers for the page
/// ([`Store::best_selling_page`]), which settles it when they hold a
/// page of top-scoring names: at 30 times the demo data "gula" (2,755
/// matches) took 6.4 ms sorting them all, where "sambal" (6,576, settled
/// by the best sellers) took 2.9 ms. Fewer matches sort faster than the
/// best sellers are read.
pub const WINDOW_FIRST_ABOVE: i64 = 1000;

/// How long a remembered answer ([`Recent`]) stands before the database
/// is asked again.
const RECENT_FOR: std::time::Duration = std::time::Duration::from_secs(60);

/// Answers the database gave a moment ago, each kept for [`RECENT_FOR`].
/// Per process; cheap to clone. The map is emptied when it holds many
/// keys, so typed nonsense cannot grow it without end.
#[derive(Clone)]
pub(crate) struct Recent<K, V>(std::sync::Arc<std::sync::Mutex<RecentMap<K, V>>>);

type RecentMap<K, V> = std::collections::HashMap<K, (std::time::Instant, V)>;

impl<K, V> Default for Recent<K, V> {
    fn default() -> Self {
        Recent(Default::default())
    }
}

impl<K: std::hash::Hash + Eq, V: Copy> Recent<K, V> {
    /// The answer for `key` if it is fresh.
    fn recall(&self, key: &K) -> Option<V> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(key)
            .filter(|(at, _)| at.elapsed() < RECENT_FOR)
            .map(|(_, v)| *v)
    }

    /// Keeps `value` for `key`.
    fn remember(&self, key: K, value: V) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= 10_000 {
            map.clear();
        }
        map.insert(key, (std::time::Instant::now(), value));
    }
}

/// SQLite: how many index hits each recent FTS5 expression had, up to
/// `scan_above` and one, as the probe found it, keyed by (expression,
/// `scan_above`).
/// The answer only picks the plan; every plan returns the same products in
/// the same order (the store suite holds each to one reference), so an
/// answer a minute old can cost time, never a wrong page. Reading up to
/// 5,001 index hits was about a third of a common word's search at
/// 100,000 products.
pub(crate) type WordHits = Recent<(String, i64), i64>;

/// Counts that passed the cap ("1.000+ produk"), keyed by the counting
/// statement and its values. Counting a common word's first 1,001 visible
/// matches was a third of its search at 100,000 products, and the answer
/// is the same on every request: it only changes when hundreds of matches
/// disappear, and then "1.000+" stands for at most a minute. Counts under
/// the cap are exact and never remembered, so a product added or hidden
/// shows in them at once.
pub(crate) type BroadCounts = Recent<String, i64>;

/// SQLite: searches of rare words whose page neither the names starting
/// with the query ([`Store::name_prefix_page`]) nor the best sellers
/// ([`WINDOW_FIRST_ABOVE`]) settled, keyed by the counting statement, its
/// values and the page. Such a word ("surabaya", in every product's text
/// but starting no name) is sorted at once for a minute instead of paying
/// for those first on every request. Only the plan depends on it; every
/// plan returns the same page.
pub(crate) type WindowMisses = Recent<String, bool>;

/// One page of search results.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHits {
    /// How many products match, up to the filter's `count_cap`.
    pub total: i64,
    /// More than `total` products match.
    pub more: bool,
    pub products: Vec<ProductCard>,
}

/// What the best sellers answer for a relevance page
/// ([`Store::best_selling_page`]).
struct BestSellingPage {
    /// The page's ids, when the best sellers settle it.
    ids: Option<Vec<i64>>,
    /// How many products match (up to the cap and one), when asked for and
    /// the window held a name match.
    matches: Option<i64>,
}

/// Which matches a query reads.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    /// Every match.
    All,
    /// Matches with at least one query word in the name (relevance above
    /// the base score).
    InName,
    /// Matches with no query word in the name (base score).
    NotInName,
}

/// Where the rows come from.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    /// The products table, in whatever order the planner likes.
    Table,
    /// The first `n` products in the order of `sort` (read from its index),
    /// whatever they are.
    Window(SearchSort, i64),
    /// SQLite: the products whose text matches this FTS5 expression.
    TextHits(String),
    /// SQLite: the products whose name matches this FTS5 expression.
    NameHits(String),
    /// The products whose normalised name starts with this (the whole
    /// query, normalised): read as a range of the `products_listed_name`
    /// index. Such a name holds every query word, each starting a word of
    /// it, and the name is the start of the text: every word check holds.
    NamePrefix(String),
}

/// A word as a LIKE pattern on the name: short words must start a word.
fn name_pattern(word: &str) -> String {
    if is_short(word) {
        format!("% {word}%")
    } else {
        format!("%{word}%")
    }
}

/// Words under three characters are too short for a trigram index and,
/// matched anywhere, would find noise ("es" in "presto"); they must start a
/// word of the name.
fn is_short(word: &str) -> bool {
    word.chars().count() < 3
}

/// An FTS5 trigram phrase for `word` (long words anywhere, two-letter ones
/// after a space), or `None` for a one-letter word. Words are letters and
/// digits only, so quoting is safe.
fn fts_phrase(word: &str) -> Option<String> {
    match word.chars().count() {
        0 | 1 => None,
        2 => Some(format!("\" {word}\"")),
        _ => Some(format!("\"{word}\"")),
    }
}

/// The FTS5 expression every match satisfies (all phrases), if any.
fn text_expression(words: &[String]) -> Option<String> {
    let phrases: Vec<String> = words.iter().filter_map(|w| fts_phrase(w)).collect();
    (!phrases.is_empty()).then(|| phrases.join(" AND "))
}

/// The FTS5 expression on names that every `InName` match satisfies (any
/// word), if every word can be looked up.
fn name_expression(words: &[String]) -> Option<String> {
    let phrases: Option<Vec<String>> = words.iter().map(|w| fts_phrase(w)).collect();
    phrases.filter(|p| !p.is_empty()).map(|p| p.join(" OR "))
}

/// The order of a sort that an index gives (every sort but relevance with
/// words), on the columns of table alias `t`; ties go to the higher id.
fn sort_key(sort: SearchSort, t: &str) -> String {
    match sort {
        SearchSort::Relevance | SearchSort::BestSelling => {
            format!("{t}.sold_count DESC, {t}.id DESC")
        }
        SearchSort::Cheapest => format!("{t}.price, {t}.id"),
        SearchSort::Priciest => format!("{t}.price DESC, {t}.id DESC"),
        SearchSort::Newest => format!("{t}.created_at DESC, {t}.id DESC"),
    }
}

/// `FROM … WHERE …` for the products matching `f` (the `part` of them).
/// `sqlite`: the engine (joins that must keep their order are spelt
/// `CROSS JOIN` there).
fn matching(f: &SearchFilter, source: &Source, part: Part, sqlite: bool) -> Sql {
    let mut w = Sql::new("");
    push_matching(&mut w, f, source, part, sqlite);
    w
}

/// Appends [`matching`]'s clauses to `w`.
fn push_matching(w: &mut Sql, f: &SearchFilter, source: &Source, part: Part, sqlite: bool) {
    match source {
        Source::Table | Source::NamePrefix(_) => {
            w.push("FROM products p");
        }
        Source::Window(sort, n) => {
            let key = sort_key(*sort, "i");
            let best_names =
                part == Part::InName && *sort == SearchSort::BestSelling && !f.words.is_empty();
            // Each product of the window is looked up by id. SQLite: CROSS
            // JOIN keeps the window the outer loop. PostgreSQL, for the
            // best sellers' name matches: a LATERAL lookup (OFFSET 0 keeps
            // it from being merged into the join). Left to choose, its
            // planner took a word's trigram matches (both trigram indexes
            // ANDed, estimated at one row) as the outer side and read the
            // whole window again for each: "beras" took 23 ms at demo size,
            // not 0.6 ms. For the other windows its own choice was faster.
            let join = match (sqlite, best_names) {
                (true, _) => "CROSS JOIN products p ON p.id = w.id",
                (false, true) => {
                    "CROSS JOIN LATERAL (SELECT * FROM products x WHERE x.id = w.id OFFSET 0) p"
                }
                (false, false) => "JOIN products p ON p.id = w.id",
            };
            if best_names {
                // The best sellers' names come from the index that orders
                // them (`products_sold`); only the matching rows are read.
                w.push(&format!(
                    "FROM (SELECT w0.id FROM (SELECT i.id, i.search_name FROM products i \
                     ORDER BY {key} LIMIT {n}) w0 WHERE ("
                ));
                for (i, word) in f.words.iter().enumerate() {
                    if i > 0 {
                        w.push(" OR ");
                    }
                    w.push("w0.search_name LIKE ").text(name_pattern(word));
                }
                w.push(&format!(")) w {join}"));
            } else {
                w.push(&format!(
                    "FROM (SELECT i.id FROM products i ORDER BY {key} LIMIT {n}) w {join}"
                ));
            }
        }
        Source::TextHits(expr) | Source::NameHits(expr) => {
            let table = if matches!(source, Source::TextHits(_)) {
                "product_search"
            } else {
                "product_name_search"
            };
            // CROSS JOIN keeps the index hits the outer loop.
            w.push(&format!(
                "FROM (SELECT rowid AS hit FROM {table} WHERE {table} MATCH "
            ))
            .text(expr.clone())
            .push(") m CROSS JOIN products p ON p.id = m.hit");
        }
    }
    // `listed`: active, its shop verified and not capped (migration 0021).
    // The shop is joined only when a filter asks about it.
    if f.kecamatan.is_some() || f.kind.is_some() || f.mbr_only {
        w.push(" JOIN shops s ON s.id = p.shop_id");
    }
    w.push(" WHERE p.listed = TRUE");
    if let Source::NamePrefix(prefix) = source {
        // SQLite compares text byte by byte, so the names starting with
        // `prefix` lie from it up to it followed by the last code point.
        // PostgreSQL's collation may not: a prefix LIKE, which its planner
        // turns into a range of the index (text_pattern_ops).
        if sqlite {
            w.push(" AND p.search_name >= ")
                .text(prefix.clone())
                .push(" AND p.search_name < ")
                .text(format!("{prefix}\u{10FFFF}"));
        } else {
            w.push(" AND p.search_name LIKE ")
                .text(format!("{prefix}%"));
        }
        // Every word check holds (see `Source::NamePrefix`).
        push_filters(w, f);
        return;
    }
    // The FTS table answers for the long words; LIKE checks the rest (on
    // PostgreSQL pg_trgm serves these from its index).
    let text_checked = matches!(source, Source::TextHits(_));
    for word in &f.words {
        if is_short(word) {
            w.push(" AND p.search_name LIKE ").text(name_pattern(word));
        } else if !text_checked {
            w.push(" AND p.search_text LIKE ").text(format!("%{word}%"));
        }
    }
    if part != Part::All && !f.words.is_empty() {
        w.push(if part == Part::InName {
            " AND ("
        } else {
            " AND NOT ("
        });
        for (i, word) in f.words.iter().enumerate() {
            if i > 0 {
                w.push(" OR ");
            }
            w.push("p.search_name LIKE ").text(name_pattern(word));
        }
        w.push(")");
    }
    push_filters(w, f);
}

/// Appends the filters other than words to `w`.
fn push_filters(w: &mut Sql, f: &SearchFilter) {
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
}

/// One page, `(limit, offset)`, of the ids of `f`'s matches from `source`
/// (the `part` of them) in the order of `sort`; with `counted`, each row
/// also says how many match in all.
fn page_sql(
    f: &SearchFilter,
    source: &Source,
    part: Part,
    sort: SearchSort,
    (limit, offset): (i64, i64),
    counted: bool,
    sqlite: bool,
) -> Sql {
    let w = matching(f, source, part, sqlite);
    let count = if counted { ", COUNT(*) OVER ()" } else { "" };
    let mut q = Sql {
        text: format!("SELECT p.id{count} {}", w.text),
        args: w.args,
    };
    order_by(&mut q, f, sort);
    q.push(" LIMIT ").int(limit).push(" OFFSET ").int(offset);
    q
}

/// The products whose name starts with `f`'s whole query.
fn name_prefix(f: &SearchFilter) -> Source {
    Source::NamePrefix(normalize(&f.words.join(" ")))
}

/// The relevance score of a product for `f`'s words: a word starting a
/// word of the name scores 3, inside the name 2, elsewhere 1; a name
/// starting with the whole query 3 more.
fn push_score(q: &mut Sql, f: &SearchFilter) {
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
        .push(" THEN 3 ELSE 0 END)");
}

/// The highest score [`push_score`] can give: every word starts a word of
/// the name, and the name starts with the query.
fn top_score(f: &SearchFilter) -> i64 {
    3 * f.words.len() as i64 + 3
}

/// `ORDER BY …` for `sort`; relevance scores the words against the name,
/// then best sellers, then newest.
fn order_by(q: &mut Sql, f: &SearchFilter, sort: SearchSort) {
    q.push(" ORDER BY ");
    match sort {
        SearchSort::Relevance if !f.words.is_empty() => {
            push_score(q, f);
            q.push(" DESC, p.sold_count DESC, p.id DESC");
        }
        _ => {
            q.push(&sort_key(sort, "p"));
        }
    }
}

impl Store {
    /// The products matching `f`: how many (counting stops past
    /// `f.count_cap`) and the requested page.
    ///
    /// Words of three or more characters may occur anywhere in the
    /// product's text; shorter ones (too short for a trigram index, and
    /// noise inside other words) must start a word of its name.
    ///
    /// Ranked by relevance, every product with a query word in its name
    /// scores above every product without one, and the latter all score
    /// the same. So the page is read in two parts: first the name matches,
    /// scored and sorted (few, found by the name index), then, if the page
    /// is not full, the other matches in best-selling order, which an index
    /// gives without sorting. Common words thus never score every product
    /// that mentions them. Before either, the first page is often settled
    /// without scoring at all: by the best sellers whose names start a
    /// word with the query ([`Store::best_selling_page`]), or by the names
    /// starting with the whole query ([`Store::name_prefix_page`]).
    pub async fn search(&self, f: &SearchFilter) -> StoreResult<SearchHits> {
        if f.shop_id.is_some() && f.words.is_empty() && f.limit > 0 {
            return self.one_shop_page(f).await;
        }
        let sqlite = self.backend() == Backend::Sqlite;
        // SQLite: start from the text index when the words are rare enough.
        // PostgreSQL's planner picks its indexes itself.
        let text_expr = text_expression(&f.words).filter(|_| sqlite);
        let mut rare = false;
        let mut window_first = false;
        if let Some(expr) = &text_expr {
            let key = (expr.clone(), f.scan_above);
            let hits = match self.word_hits.recall(&key) {
                Some(hits) => hits,
                None => {
                    let sql = "SELECT COUNT(*) FROM (SELECT rowid FROM product_search \
                               WHERE product_search MATCH $1 LIMIT $2) h";
                    let hits: i64 = on_pool!(self, p => sqlx::query_scalar(sql)
                        .bind(expr).bind(f.scan_above + 1).fetch_one(p).await?);
                    self.word_hits.remember(key, hits);
                    hits
                }
            };
            rare = hits <= f.scan_above;
            window_first = rare && hits > f.window_first_above;
        }
        // A category, kecamatan or shop has an index of its own that finds
        // its few products faster than checking every hit of a common word.
        let narrow = f.category_id.is_some() || f.kecamatan.is_some() || f.shop_id.is_some();
        let hits_unless_narrow = match text_expr {
            Some(expr) if rare || !narrow => Source::TextHits(expr),
            _ => Source::Table,
        };

        // Counting stops at the cap, so the index hits serve even for a
        // common word; a count past the cap is remembered.
        let all = self.matching(f, &hits_unless_narrow, Part::All);
        let count_sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 {} LIMIT {}) c",
            all.text,
            f.count_cap + 1
        );
        let mut count_key = count_sql.clone();
        for a in &all.args {
            match a {
                Arg::Text(t) => count_key.push_str(&format!("\u{0}{t}")),
                Arg::Int(i) => count_key.push_str(&format!("\u{0}{i}")),
            }
        }
        let mut known = self.broad_counts.recall(&count_key);

        // By relevance, the names starting with the query may settle the
        // page. If not, rare words past a thousand matches ask the best
        // sellers; when neither settles it (remembered for a minute), every
        // match is sorted. Common words ask the best sellers (which count
        // the matches in the same statement), then the names starting
        // with the query, then score every name match: there are often
        // more of them than the cap, which settles the count too.
        let relevance = f.sort == SearchSort::Relevance && !f.words.is_empty();
        let two_parts = !rare && relevance;
        let miss_key = format!("{count_key}\u{1}{}\u{1}{}", f.limit, f.offset);
        let quick = rare && relevance && self.window_misses.recall(&miss_key).is_none();
        let prefix_fits = f.limit > 0 && self.name_prefix_fits(f);
        let prefix_first = prefix_fits && quick;
        let window_first = window_first && quick;
        let mut names = None;
        if prefix_first {
            names = self.name_prefix_page(f).await?.map(|ids| (ids, None));
        }
        if names.is_none() && (two_parts || window_first) && f.limit > 0 {
            let count_from = known.is_none().then_some(&hits_unless_narrow);
            let page = self.best_selling_page(f, count_from).await?;
            if known.is_none() {
                known = page.matches;
                if let Some(n) = known.filter(|n| *n > f.count_cap) {
                    self.broad_counts.remember(count_key.clone(), n);
                }
            }
            names = match page.ids {
                Some(ids) => Some((ids, None)),
                None if two_parts => {
                    let prefix = if prefix_fits {
                        self.name_prefix_page(f).await?
                    } else {
                        None
                    };
                    match prefix {
                        Some(ids) => Some((ids, None)),
                        None => Some(self.name_matches(f).await?),
                    }
                }
                None => None,
            };
        }
        if names.is_none() && (prefix_first || window_first) && f.limit > 0 {
            self.window_misses.remember(miss_key, true);
        }
        let mut counted = match (&names, known) {
            (Some((_, Some(in_name))), _) if *in_name > f.count_cap => Some(*in_name),
            (_, known) => known,
        };
        // Rare words sorted whole: the count comes with the page, so the
        // text index is read once, not twice (for two words at 30 times the
        // demo data, about 2 ms each time).
        let mut sorted = None;
        if counted.is_none() && names.is_none() && rare && f.limit > 0 {
            let (ids, n) = self
                .counted_page(f, &hits_unless_narrow, Part::All, f.sort)
                .await?;
            counted = n;
            sorted = Some(ids);
        }
        let counted = match counted {
            Some(n) => n,
            None => {
                on_pool!(self, p => bind_args!(self, sqlx::query_scalar(&count_sql), &all.args).fetch_one(p).await?)
            }
        };
        if known.is_none() && counted > f.count_cap {
            self.broad_counts.remember(count_key, counted);
        }
        let (total, more) = (counted.min(f.count_cap), counted > f.count_cap);
        if total == 0 || f.limit <= 0 {
            return Ok(SearchHits {
                total,
                more,
                products: Vec::new(),
            });
        }

        let ids = if let Some(ids) = sorted {
            ids
        } else if let Some((ids, in_name)) = names {
            self.after_name_matches(f, ids, in_name, &hits_unless_narrow)
                .await?
        } else if rare {
            // Few hits: sort them all, whatever the order.
            self.sorted_page(f, &hits_unless_narrow, Part::All, f.sort, f.limit, f.offset)
                .await?
        } else {
            self.page_ids(f, Part::All, f.sort, f.limit, f.offset, &hits_unless_narrow)
                .await?
        };
        let products = self.cards_in_order(&ids).await?;
        Ok(SearchHits {
            total,
            more,
            products,
        })
    }

    /// A page of one shop's products without words (a shop page as a
    /// buyer first sees it), in the order of `f.sort`. A shop's products
    /// are few and have an index of their own, so every match is read and
    /// sorted, and the count and the cards come with the page: one
    /// statement, where the general path makes three (each a network
    /// round trip on PostgreSQL, two for an unnamed statement). The
    /// statement is kept prepared: its plan does not depend on the values.
    async fn one_shop_page(&self, f: &SearchFilter) -> StoreResult<SearchHits> {
        #[derive(sqlx::FromRow)]
        struct CountedRow {
            #[sqlx(flatten)]
            card: ProductRow,
            matches: i64,
        }
        let sqlite = self.backend() == Backend::Sqlite;
        let w = self.matching(f, &Source::Table, Part::All);
        // SQLite: keep the page's few rows the outer loop.
        let join = if sqlite { "CROSS JOIN" } else { "JOIN" };
        let mut q = Sql {
            text: format!(
                "WITH found AS MATERIALIZED (SELECT p.id, p.price, p.sold_count, p.created_at, \
                 COUNT(*) OVER () AS matches {}) \
                 SELECT {PRODUCT_COLUMNS}, CAST(found.matches AS BIGINT) AS matches FROM found \
                 {join} products p ON p.id = found.id \
                 JOIN shops s ON s.id = p.shop_id \
                 JOIN kecamatan k ON k.id = s.kecamatan_id \
                 LEFT JOIN product_photos ph ON ph.product_id = p.id AND ph.sort_order = 0 \
                 ORDER BY {}",
                w.text,
                sort_key(f.sort, "found")
            ),
            args: w.args,
        };
        q.push(" LIMIT ")
            .int(f.limit)
            .push(" OFFSET ")
            .int(f.offset);
        let rows: Vec<CountedRow> =
            on_pool!(self, p => bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(p).await?);
        let counted = match rows.first() {
            Some(r) => r.matches,
            // Past the last page (or nothing at all): count apart.
            None if f.offset > 0 => {
                let m = self.matching(f, &Source::Table, Part::All);
                let sql = format!("SELECT COUNT(*) {}", m.text);
                on_pool!(self, p => bind_args!(self, sqlx::query_scalar::<_, i64>(&sql), &m.args).fetch_one(p).await?)
            }
            None => 0,
        };
        Ok(SearchHits {
            total: counted.min(f.count_cap),
            more: counted > f.count_cap,
            products: rows.into_iter().map(|r| r.card.into()).collect(),
        })
    }

    fn matching(&self, f: &SearchFilter, source: &Source, part: Part) -> Sql {
        matching(f, source, part, self.backend() == Backend::Sqlite)
    }

    /// Where name matches come from: SQLite's name index, or (PostgreSQL,
    /// or a one-letter word) the table.
    fn name_source(&self, f: &SearchFilter) -> Source {
        match name_expression(&f.words) {
            Some(expr) if self.backend() == Backend::Sqlite => Source::NameHits(expr),
            _ => Source::Table,
        }
    }

    /// The page's share of the matches with a query word in the name,
    /// scored, and how many such matches there are (unknown when the page
    /// lies past them all).
    async fn name_matches(&self, f: &SearchFilter) -> StoreResult<(Vec<i64>, Option<i64>)> {
        self.counted_page(f, &self.name_source(f), Part::InName, SearchSort::Relevance)
            .await
    }

    /// The page of name matches, found among the best-selling products
    /// alone when that settles it: its ids, or `None` when it does not.
    ///
    /// Relevance sorts by score, then by best selling (`sold_count`, then
    /// id), which is also the order of the window read here: a product
    /// past the window sells less than every product in it. So if every
    /// product on the window's page has the highest score a product can
    /// get ([`top_score`]), no product past the window can rank above any
    /// of them, and the window's page is the page. A common word that
    /// starts many names ("kopi") is settled by the best sellers, instead
    /// of scoring the thousands of names that hold it.
    ///
    /// With `count_from`, the same statement counts every match from there
    /// (up to the cap; the count comes back whenever the window holds a
    /// name match): on PostgreSQL a search statement is sent unnamed, so
    /// each costs a parse, a describe and a plan, and two round trips.
    async fn best_selling_page(
        &self,
        f: &SearchFilter,
        count_from: Option<&Source>,
    ) -> StoreResult<BestSellingPage> {
        let sqlite = self.backend() == Backend::Sqlite;
        let window = (10 * (f.offset + f.limit)).max(f.scan_window);
        let mut q = Sql::new("SELECT p.id, CAST(");
        push_score(&mut q, f);
        q.push(" AS BIGINT) AS score, ");
        match count_from {
            Some(source) => {
                q.push("CAST((SELECT COUNT(*) FROM (SELECT 1 ");
                push_matching(&mut q, f, source, Part::All, sqlite);
                q.push(&format!(" LIMIT {}) c) AS BIGINT)", f.count_cap + 1));
            }
            None => {
                q.push("CAST(NULL AS BIGINT)");
            }
        }
        q.push(" AS matches ");
        push_matching(
            &mut q,
            f,
            &Source::Window(SearchSort::BestSelling, window),
            Part::InName,
            sqlite,
        );
        q.push(" ORDER BY score DESC, p.sold_count DESC, p.id DESC LIMIT ")
            .int(f.limit)
            .push(" OFFSET ")
            .int(f.offset);
        let rows: Vec<(i64, i64, Option<i64>)> = on_pool!(self, p => bind_args!(self, sqlx::query_as(&q.text), &q.args).fetch_all(p).await?);
        let matches = rows.first().and_then(|r| r.2);
        let settled =
            rows.len() as i64 == f.limit && rows.last().is_some_and(|r| r.1 == top_score(f));
        Ok(BestSellingPage {
            ids: settled.then(|| rows.into_iter().map(|r| r.0).collect()),
            matches,
        })
    }

    /// Whether [`Store::name_prefix_page`] may be asked for `f`: by
    /// relevance, with words, and no filter on the shop (its rows would
    /// each be joined to their shop).
    fn name_prefix_fits(&self, f: &SearchFilter) -> bool {
        f.name_prefix_first
            && f.sort == SearchSort::Relevance
            && !f.words.is_empty()
            && f.kecamatan.is_none()
            && f.kind.is_none()
            && !f.mbr_only
            && f.shop_id.is_none()
    }

    /// The relevance page, found among the products whose name starts with
    /// the whole query when that settles it: its ids, or `None` when it
    /// does not.
    ///
    /// Such a name gets the highest score ([`top_score`]): each word
    /// starts a word of the name, and the name starts with the query. No
    /// other name does. So these products come first by relevance, among
    /// themselves best selling first (then by id, as relevance breaks
    /// ties); when they fill the page, they are the page. Their range of
    /// the `products_listed_name` index holds the sales count, so the page
    /// is ordered from the index alone: "beras" at 30 times the demo data
    /// reads 1,730 index entries in 0.2 ms, where sorting its 2,125
    /// matches took 4.4 ms.
    ///
    /// Its cost grows with the names starting with the query, so it comes
    /// first only for words in at most [`SCAN_ABOVE`] products; a common
    /// word asks it only when the best sellers did not settle the page,
    /// before scoring every name match (a larger set).
    pub async fn name_prefix_page(&self, f: &SearchFilter) -> StoreResult<Option<Vec<i64>>> {
        let ids = self
            .sorted_page(
                f,
                &name_prefix(f),
                Part::All,
                SearchSort::BestSelling,
                f.limit,
                f.offset,
            )
            .await?;
        Ok((f.limit > 0 && ids.len() as i64 == f.limit).then_some(ids))
    }

    /// [`Store::best_selling_page`]'s ids, without the count. (For the
    /// store suite, which holds them to the reference.)
    pub async fn best_selling_name_matches(
        &self,
        f: &SearchFilter,
    ) -> StoreResult<Option<Vec<i64>>> {
        Ok(self.best_selling_page(f, None).await?.ids)
    }

    /// Fills the relevance page after its name matches `ids` with the
    /// other matches, best selling first. `in_name` is how many name
    /// matches there are, if known; `fallback` as for [`Store::page_ids`].
    async fn after_name_matches(
        &self,
        f: &SearchFilter,
        mut ids: Vec<i64>,
        in_name: Option<i64>,
        fallback: &Source,
    ) -> StoreResult<Vec<i64>> {
        let missing = f.limit - ids.len() as i64;
        if missing == 0 {
            return Ok(ids);
        }
        let in_name = match in_name {
            Some(n) => n,
            None => {
                // The page starts past the name matches: count them.
                let m = self.matching(f, &self.name_source(f), Part::InName);
                let sql = format!("SELECT COUNT(*) {}", m.text);
                on_pool!(self, p => bind_args!(self, sqlx::query_scalar::<_, i64>(&sql), &m.args).fetch_one(p).await?)
            }
        };
        let rest = self
            .page_ids(
                f,
                Part::NotInName,
                SearchSort::BestSelling,
                missing,
                (f.offset - in_name).max(0),
                fallback,
            )
            .await?;
        ids.extend(rest);
        Ok(ids)
    }

    /// The ids of one page in an index's order (`sort` is not relevance
    /// with words). Every match is sorted from `fallback` when reading in
    /// order does not find the page.
    async fn page_ids(
        &self,
        f: &SearchFilter,
        part: Part,
        sort: SearchSort,
        limit: i64,
        offset: i64,
        fallback: &Source,
    ) -> StoreResult<Vec<i64>> {
        // Read the products in the sort's index order, a window at a time
        // that holds the page many times over, and keep the matching ones.
        // When matches are common (a broad word, or browsing with filters)
        // the page is found in the first window; planners cannot be trusted
        // with this, since a word's products may all sit at one end of the
        // order (every "kerupuk" costs more than 25,000 other products).
        // A shop's products are few among the whole catalog's (a window
        // would rarely hold a page of them) and have an index of their own:
        // they go straight to being sorted.
        if f.shop_id.is_none() {
            let window = (10 * (offset + limit)).max(f.scan_window);
            let ids = self
                .sorted_page(f, &Source::Window(sort, window), part, sort, limit, offset)
                .await?;
            if ids.len() as i64 == limit {
                return Ok(ids);
            }
        }
        // Not enough in the window (rare matches, or the last page): take
        // every match, then sort. MATERIALIZED stops the planner from
        // walking the sort index after all.
        let key = sort_key(sort, "found");
        let w = self.matching(f, fallback, part);
        let mut q = Sql {
            text: format!(
                "WITH found AS MATERIALIZED (SELECT p.id, p.price, p.sold_count, p.created_at {}) \
                 SELECT found.id FROM found ORDER BY {key}",
                w.text
            ),
            args: w.args,
        };
        q.push(" LIMIT ").int(limit).push(" OFFSET ").int(offset);
        Ok(
            on_pool!(self, p => bind_args!(self, sqlx::query_scalar(&q.text), &q.args).fetch_all(p).await?),
        )
    }

    /// `f`'s page of the matches from `source` (the `part` of them) in the
    /// order of `sort`, with how many there are (unknown when the page lies
    /// past them all).
    async fn counted_page(
        &self,
        f: &SearchFilter,
        source: &Source,
        part: Part,
        sort: SearchSort,
    ) -> StoreResult<(Vec<i64>, Option<i64>)> {
        let sqlite = self.backend() == Backend::Sqlite;
        let q = page_sql(f, source, part, sort, (f.limit, f.offset), true, sqlite);
        let rows: Vec<(i64, i64)> = on_pool!(self, p => bind_args!(self, sqlx::query_as(&q.text), &q.args).fetch_all(p).await?);
        let matches = rows.first().map(|r| r.1);
        Ok((rows.into_iter().map(|r| r.0).collect(), matches))
    }

    async fn sorted_page(
        &self,
        f: &SearchFilter,
        source: &Source,
        part: Part,
        sort: SearchSort,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<i64>> {
        let sqlite = self.backend() == Backend::Sqlite;
        let q = page_sql(f, source, part, sort, (limit, offset), false, sqlite);
        Ok(
            on_pool!(self, p => bind_args!(self, sqlx::query_scalar(&q.text), &q.args).fetch_all(p).await?),
        )
    }

    /// The cards of `ids`, in that order.
    async fn cards_in_order(&self, ids: &[i64]) -> StoreResult<Vec<ProductCard>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let joins = self.product_joins();
        self.round_trips
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let rows: Vec<ProductRow> = match &self.db {
            super::Db::Sqlite(p) => {
                let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
                let sql = format!("SELECT {PRODUCT_COLUMNS} {joins} WHERE p.id IN ({list})");
                sqlx::query_as(&sql).fetch_all(p).await?
            }
            // PostgreSQL: the ids as one bound array, so every page runs the
            // same prepared statement (a new text per page is parsed and
            // described first: a second round trip) on its cached plan.
            super::Db::Postgres(p) => {
                let sql = format!("SELECT {PRODUCT_COLUMNS} {joins} WHERE p.id = ANY($1)");
                sqlx::query_as(&sql).bind(ids).fetch_all(p).await?
            }
        };
        let mut cards: std::collections::HashMap<i64, ProductCard> = rows
            .into_iter()
            .map(|r| {
                let c: ProductCard = r.into();
                (c.id, c)
            })
            .collect();
        Ok(ids.iter().filter_map(|id| cards.remove(id)).collect())
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
            done += on_pool!(self, p => bind_args!(self, sqlx::query(&q.text), &q.args).execute(p).await?.rows_affected());
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

    /// The distinct normalised names of the products search may find
    /// (`listed`: a capped shop's are left out too), and the category
    /// names: the words a misspelt query is corrected towards.
    pub async fn searchable_names(&self) -> StoreResult<Vec<String>> {
        let sql = "SELECT DISTINCT search_name FROM products WHERE listed = TRUE";
        let mut names: Vec<String> =
            on_pool!(self, p => sqlx::query_scalar(sql).fetch_all(p).await?);
        let cats: Vec<String> = on_pool!(self, p => sqlx::query_scalar("SELECT name FROM categories").fetch_all(p).await?);
        names.extend(cats.iter().map(|c| normalize(c)));
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite reads a name-prefix page from its partial index alone (no
    /// product row, no sort of the catalog), with or without a price.
    #[tokio::test]
    async fn a_name_prefix_page_is_read_from_its_index_on_sqlite() {
        let store = Store::connect("sqlite::memory:", 1).await.unwrap();
        store.migrate().await.unwrap();
        let super::super::Db::Sqlite(pool) = &store.db else {
            unreachable!("SQLite")
        };
        let words = vec!["beras".to_string(), "putih".to_string()];
        for (f, covering) in [
            (
                SearchFilter {
                    words: words.clone(),
                    ..SearchFilter::default()
                },
                true,
            ),
            (
                SearchFilter {
                    words,
                    price_max: Some(20_000),
                    ..SearchFilter::default()
                },
                false,
            ),
        ] {
            let page = (f.limit, f.offset);
            let mut q = page_sql(
                &f,
                &name_prefix(&f),
                Part::All,
                SearchSort::BestSelling,
                page,
                false,
                true,
            );
            q.text = format!("EXPLAIN QUERY PLAN {}", q.text);
            let plan: Vec<(i64, i64, i64, String)> = bind_args!(sqlx::query_as(&q.text), &q.args)
                .fetch_all(pool)
                .await
                .unwrap();
            let steps: Vec<&str> = plan.iter().map(|r| r.3.as_str()).collect();
            let index = if covering {
                "SEARCH p USING COVERING INDEX products_listed_name (search_name>? AND search_name<?)"
            } else {
                "SEARCH p USING INDEX products_listed_name (search_name>? AND search_name<?)"
            };
            assert!(steps.contains(&index), "{steps:?}");
            assert!(steps.iter().all(|s| !s.starts_with("SCAN")), "{steps:?}");
        }
    }
}

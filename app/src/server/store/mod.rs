//! The store: the only place with SQL. One API over two backends.
//!
//! SQLite is the embedded default; PostgreSQL serves a city running several
//! instances. Queries are written once in the common subset of both dialects
//! (`$n` placeholders, `CAST(.. AS BIGINT)`, `TRUE`/`FALSE`); the `on_pool!`
//! macro type-checks each query once per backend.

mod accounts;
pub use accounts::{AuditRecord, LoginRecord, NewSession, Profile, SessionRecord};
mod cart;
mod catalog;
mod checkout;
mod complaints;
pub use checkout::{price_cart, AddressRow, CartRow, CheckoutRefusal, CheckoutRequest, Placed};
pub use complaints::ComplaintRefusal;
mod payments;
pub use catalog::{directory_page, Directory, DirectoryEntry, ProductFacts, ShopFacts, ShopFilter};
pub use payments::{ChargeView, EventResult, GatewayEvent, OrderRef};
mod demo_import;
mod events;
pub(crate) mod fairness;
pub use fairness::{CapsSettled, OpdMonthRow, SettingChange, SettingRefusal, SettingRow};
mod figures;
pub use events::ShopEvent;
mod merchant;
pub use merchant::*;
mod moderation;
pub use moderation::{BannedWord, ModeratedRow, ModerationRefusal, ParityRow};
mod orders;
pub use demo_import::ImportCounts;
pub use orders::{MoveRefusal, Moved, Mover};
pub mod reference;
mod review;
pub use review::VerifyRefusal;
mod search;
pub use search::{SearchFilter, SearchHits, COUNT_CAP, SCAN_ABOVE, SCAN_WINDOW};
mod users;

pub use users::{Identifier, NewUser};

use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    PgPool, SqlitePool,
};
use std::{str::FromStr, time::Duration};

/// Runs the same expression against whichever pool the store holds, and
/// counts it (see [`Store::round_trips`]).
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match {
            $store
                .round_trips
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            &$store.db
        } {
            $crate::server::store::Db::Sqlite($pool) => $body,
            $crate::server::store::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// Which database engine a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub(crate) enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    pub(crate) db: Db,
    /// Live shop events reaching this process (see `events.rs`).
    pub(crate) pings: events::Pings,
    /// How many times this store (and its clones) went to the database.
    round_trips: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// SQLite: which search words were common a moment ago (see
    /// `search::WordHits`).
    pub(crate) word_hits: search::WordHits,
    /// Search counts past their cap a moment ago (see `search::BroadCounts`).
    pub(crate) broad_counts: search::BroadCounts,
    /// Searches the best sellers did not settle a moment ago (see
    /// `search::WindowMisses`).
    pub(crate) window_misses: search::WindowMisses,
    /// The city dashboard's window lists, last read (see
    /// `Store::city_figures_recent`).
    pub(crate) window_cache: figures::WindowCache,
}

/// What can go wrong in the store, classified so callers can react.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("unique constraint violated: {0}")]
    Duplicate(String),
    /// A new user's phone, email or NIP belongs to another account.
    #[error("already registered: {0:?}")]
    Taken(Identifier),
    #[error("check constraint violated: {0}")]
    Check(String),
    #[error("foreign key violated: {0}")]
    ForeignKey(String),
    #[error("database error: {0}")]
    Db(sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("bad database url: {0}")]
    Config(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(d) => {
                let msg = d.message().to_string();
                match d.kind() {
                    ErrorKind::UniqueViolation => StoreError::Duplicate(msg),
                    ErrorKind::CheckViolation => StoreError::Check(msg),
                    ErrorKind::ForeignKeyViolation => StoreError::ForeignKey(msg),
                    _ => StoreError::Db(e),
                }
            }
            _ => StoreError::Db(e),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// At the edge a store failure is logged with its cause and reaches the
/// user as "something failed on the server": the cases a caller can explain
/// (not found, taken, …) are matched before this.
impl From<StoreError> for crate::model::AppError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "store error");
        crate::model::AppError::Internal
    }
}

/// Begins a transaction that will write.
///
/// SQLite: `BEGIN IMMEDIATE` takes the write lock at once, so a writer that
/// must wait does so within `busy_timeout`. A plain (deferred) transaction
/// that reads first and writes later cannot wait for the lock when another
/// writer got in between: it fails at once with `SQLITE_BUSY`, which users
/// saw as a 500 under concurrent adds to cart. PostgreSQL: a plain `BEGIN`.
pub(crate) trait BeginWrite {
    type Db: sqlx::Database;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<Output = Result<sqlx::Transaction<'static, Self::Db>, sqlx::Error>>
           + Send;
}

impl BeginWrite for SqlitePool {
    type Db = sqlx::Sqlite;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl BeginWrite for PgPool {
    type Db = sqlx::Postgres;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.begin().await
    }
}

/// A PostgreSQL connection idle this long is pinged before it is used.
const PING_IDLE_AFTER: Duration = Duration::from_secs(5);

/// SQLite reads the database file through a memory map of up to this
/// many bytes (SQLite's own ceiling, 2 GiB, lowers a larger figure), one
/// map shared by every connection and the operating system's file cache.
/// Without it each connection copies pages into a 2 MB cache of its own
/// with a system call per page: at 30 times the demo data, a search for
/// "beras" (2,125 matches, read by id across a 50 MB table) spent most of
/// its time in the kernel copying pages.
const SQLITE_MMAP_SIZE: u64 = 1 << 31;

/// The file used when `DATABASE_URL` is unset.
pub const DEFAULT_SQLITE_URL: &str = "sqlite://peken.db";

impl Store {
    /// A store on `db`, with nothing remembered yet.
    fn on(db: Db) -> Store {
        Store {
            db,
            pings: events::Pings::new(),
            round_trips: Default::default(),
            word_hits: Default::default(),
            broad_counts: Default::default(),
            window_misses: Default::default(),
            window_cache: Default::default(),
        }
    }

    /// Connects to `url`: `postgres://…` / `postgresql://…` for PostgreSQL,
    /// `sqlite://path` (or `sqlite::memory:`) for SQLite.
    pub async fn connect(url: &str, max_connections: u32) -> StoreResult<Store> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url)
                .map_err(|e| StoreError::Config(e.to_string()))?
                .application_name("peken")
                // Catalog data is small and cached; on SSDs an index page costs
                // about what a sequential one does. With the default 4.0 the
                // planner scans every product instead of using the trigram index.
                // (Search statements are planned with their values each time:
                // `store::search`. Every other statement keeps a cached plan.)
                .options([("random_page_cost", "1.1")]);
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                // By default every acquire pings the server first: a round
                // trip per statement as costly as the statement. A
                // connection in use a moment ago is alive; one that sat idle
                // may have been cut (a restart, a failover, a firewall), so
                // only those are pinged, and one that fails is dropped and
                // another taken.
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for >= PING_IDLE_AFTER {
                            sqlx::Connection::ping(conn).await?;
                        }
                        Ok(true)
                    })
                })
                .connect_with(opts)
                .await?;
            Ok(Store::on(Db::Postgres(pool)))
        } else if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Config(e.to_string()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
                .pragma("mmap_size", SQLITE_MMAP_SIZE.to_string());
            let pool = SqlitePoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                // An embedded database cannot hang up; the default ping
                // before every acquire cost a trip through the connection's
                // worker thread per statement.
                .test_before_acquire(false)
                .connect_with(opts)
                .await?;
            Ok(Store::on(Db::Sqlite(pool)))
        } else {
            Err(StoreError::Config(format!(
                "DATABASE_URL harus diawali postgres:// atau sqlite: (didapat: {})",
                url.split(':').next().unwrap_or_default()
            )))
        }
    }

    /// How many store calls went to the database since the start (one
    /// statement, or one transaction, each). Tests compare it for the same
    /// page over small and large data: a page whose count grows with the
    /// data makes a query per item.
    pub fn round_trips(&self) -> u64 {
        self.round_trips.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Another store on the same database that holds one connection, so
    /// that every statement runs in the same session (PostgreSQL only: an
    /// in-memory SQLite database would not be the same database).
    pub async fn one_connection(&self) -> StoreResult<Store> {
        match &self.db {
            Db::Postgres(p) => {
                let pool = PgPoolOptions::new()
                    .max_connections(1)
                    .connect_with((*p.connect_options()).clone())
                    .await?;
                Ok(Store::on(Db::Postgres(pool)))
            }
            Db::Sqlite(_) => Err(StoreError::Config(
                "one_connection is for PostgreSQL".into(),
            )),
        }
    }

    /// PostgreSQL: the statements this session keeps prepared, each with
    /// how many times it ran on its generic (cached) plan and how many
    /// times it was planned anew for its values. Empty on SQLite.
    pub async fn prepared_plans(&self) -> StoreResult<Vec<(String, i64, i64)>> {
        match &self.db {
            Db::Postgres(p) => Ok(sqlx::query_as(
                "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements",
            )
            .fetch_all(p)
            .await?),
            Db::Sqlite(_) => Ok(Vec::new()),
        }
    }

    /// The engine behind this store.
    pub fn backend(&self) -> Backend {
        match self.db {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies every pending migration for this backend, then loads the
    /// reference data (kecamatan, OPD, categories) if it is missing.
    pub async fn migrate(&self) -> StoreResult<()> {
        match &self.db {
            Db::Sqlite(p) => sqlx::migrate!("../migrations/sqlite").run(p).await?,
            Db::Postgres(p) => sqlx::migrate!("../migrations/postgres").run(p).await?,
        }
        self.load_reference_data().await?;
        // Products written before search existed (or by hand) get indexed.
        self.refresh_search_text(None).await?;
        Ok(())
    }

    /// A round trip to the database, for `/healthz`.
    pub async fn health(&self) -> StoreResult<()> {
        let one: i64 =
            on_pool!(self, p => sqlx::query_scalar("SELECT CAST(1 AS BIGINT)").fetch_one(p).await?);
        if one == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    /// Runs one maintenance statement outside any transaction (e.g. `CREATE
    /// DATABASE` when provisioning). Never pass user input here.
    pub async fn execute_admin(&self, statement: &str) -> StoreResult<()> {
        on_pool!(self, p => {
            sqlx::raw_sql(statement).execute(p).await?;
        });
        Ok(())
    }

    /// One number from a maintenance query (tests and operators checking
    /// totals). Never pass user input here.
    pub async fn count(&self, statement: &str) -> StoreResult<i64> {
        Ok(on_pool!(self, p => sqlx::query_scalar(statement).fetch_one(p).await?))
    }

    /// Closes the pool, waiting for connections in use to be returned.
    pub async fn close(&self) {
        on_pool!(self, p => p.close().await)
    }

    /// Takes `qty` from a product's stock only if that much is there.
    /// Returns `false` (and changes nothing) when stock is insufficient.
    pub async fn reserve_stock(&self, product_id: i64, qty: i64) -> StoreResult<bool> {
        if qty <= 0 {
            return Err(StoreError::Check(format!(
                "quantity must be positive, got {qty}"
            )));
        }
        let sql = "UPDATE products SET stock = stock - $1 WHERE id = $2 AND stock >= $1";
        let rows = on_pool!(self, p => sqlx::query(sql).bind(qty).bind(product_id).execute(p).await?.rows_affected());
        Ok(rows == 1)
    }
}

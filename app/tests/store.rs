//! The store suite: every test runs against SQLite and against PostgreSQL.
//!
//! PostgreSQL: `PEKEN_TEST_DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`) must let us create
//! databases. `PEKEN_TEST_PG=require` makes an unreachable server a failure
//! (what `make test` sets when a server answers); `PEKEN_TEST_PG=skip`
//! skips; unset, the PostgreSQL half is skipped with a message when no
//! server answers.

use app::domain::cart::CartRefusal;
use app::domain::order::{Actor, TransitionError};
use app::domain::review::ShopDecision;
use app::domain::{OrderStatus, ShopStatus};
use app::model::{AddressInput, LoginId, Role};
use app::model::{MarketStats, SearchSort, ShopKind};
use app::server::demo::{self, DemoData, DemoSize};
use app::server::search::{normalize, product_text, query_words};
use app::server::store::{reference, Backend, SearchFilter};
use app::server::store::{Identifier, MoveRefusal, Mover, NewSession};
use app::server::store::{NewUser, Payout, Store, StoreError};
use chrono::{DateTime, TimeZone, Utc};
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

fn anchor() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 3, 0, 0).unwrap()
}

/// Runs `test` on a fresh store, then cleans up whether or not it panicked.
async fn run_isolated<F, Fut>(store: Store, test: F, cleanup: impl Future<Output = ()>)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let outcome = tokio::spawn(test(store.clone())).await;
    store.close().await;
    cleanup.await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let path = std::env::temp_dir().join(format!("{}.db", unique("peken_test")));
    let store = Store::connect(&format!("sqlite://{}", path.display()), 8)
        .await
        .expect("open sqlite");
    store.migrate().await.expect("migrate sqlite");
    run_isolated(store, test, async move {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    })
    .await;
}

async fn on_postgres<F, Fut>(test: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let mode = std::env::var("PEKEN_TEST_PG").unwrap_or_default();
    if mode == "skip" {
        eprintln!("PostgreSQL store test SKIPPED (PEKEN_TEST_PG=skip)");
        return;
    }
    let admin_url = std::env::var("PEKEN_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let admin = match Store::connect(&admin_url, 1).await {
        Ok(s) => s,
        Err(e) if mode != "require" => {
            eprintln!("PostgreSQL store test SKIPPED: no server at {admin_url} ({e})");
            return;
        }
        Err(e) => panic!("PEKEN_TEST_PG=require but PostgreSQL is unreachable: {e}"),
    };
    let name = unique("peken_test");
    admin
        .execute_admin(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(&admin_url);
    let store = Store::connect(&format!("{base}/{name}"), 8)
        .await
        .expect("connect test database");
    store.migrate().await.expect("migrate postgres");
    run_isolated(store, test, async move {
        let _ = admin
            .execute_admin(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
        admin.close().await;
    })
    .await;
}

/// Declares each test twice: `sqlite::name` and `postgres::name`.
macro_rules! store_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
               async fn $name() { super::on_sqlite(super::$name).await } )*
        }
        mod postgres {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
               async fn $name() { super::on_postgres(super::$name).await } )*
        }
    };
}

store_tests!(
    migrations_are_idempotent_and_load_reference_data,
    health_check_answers,
    money_is_whole_rupiah_beyond_32_bits,
    reserve_stock_takes_only_what_is_there,
    stock_can_never_go_negative,
    concurrent_reservations_never_oversell,
    demo_import_totals_match_generated_orders,
    demo_import_refuses_a_marketplace_with_shops,
    market_totals_follow_every_change_and_fold_exactly_once,
    public_figures_equal_a_recount_of_the_orders,
    catalog_hides_unverified_shops_and_inactive_products,
    shops_filter_by_kecamatan,
    the_shop_directory_filters_pages_and_rotates,
    newest_and_popular_products_are_ordered,
    duplicate_email_is_reported_as_taken,
    foreign_keys_are_enforced,
    asn_users_need_nip_and_opd,
    audit_events_are_recorded,
    sessions_expire_idle_out_and_can_be_revoked,
    rate_limit_counts_are_atomic_per_window,
    addresses_belong_to_their_owner,
    sign_in_lookup_and_password_and_role_changes,
    purge_removes_only_ended_sessions,
    category_pages_show_every_name_before_any_repeats,
    sitemap_lists_only_public_shops_and_products,
    carts_never_hold_more_than_the_stock,
    concurrent_writes_of_many_users_all_succeed,
    idempotency_keys_are_scoped_to_user_and_kind,
    orders_move_only_as_the_rules_allow_and_keep_counts_true,
    ratings_average_the_reviews,
    search_finds_parts_of_words_and_matches_the_reference,
    checkout_writes_one_group_and_the_key_returns_it_again,
    concurrent_checkouts_never_oversell,
    the_same_checkout_twenty_times_at_once_makes_one_group,
    unpaid_orders_expire_and_restock_exactly_once,
    payment_events_settle_once_and_late_money_is_owed_back,
    changed_prices_wait_for_the_buyer,
    a_shop_is_applied_for_verified_and_then_sells,
    the_review_queue_decides_each_shop_once_and_tells_why,
    merchants_reach_only_their_own_shop,
    ordered_products_are_archived_not_deleted,
    the_ledger_equals_a_recount_of_orders,
    a_shops_balance_follows_its_ledger_under_concurrent_writes,
    payouts_at_once_never_overdraw_a_shop,
    the_listed_flag_follows_products_and_their_shops,
    a_new_order_pings_its_shop_and_the_events_replay,
    merchants_and_buyers_writing_at_once_lose_nothing,
    the_complaint_desk_orders_by_deadline_and_settles_once,
    the_city_dashboard_equals_a_recount,
    the_monthly_sales_cap_hides_a_shop_until_next_month,
    the_asn_programme_equals_a_recount,
    moderation_takes_down_reviews_and_finds_price_gaps,
    a_shops_sales_per_period_equal_a_recount,
    public_page_statements_keep_their_plans_on_postgres,
);

fn ids_of(cards: &[app::model::ShopCard]) -> Vec<i64> {
    cards.iter().map(|c| c.id).collect()
}

fn small_demo() -> DemoData {
    demo::generate(11, DemoSize::SMALL, anchor())
}

async fn load(store: &Store, d: &DemoData) {
    store
        .import_demo(d, "$argon2id$test")
        .await
        .expect("import demo");
}

async fn migrations_are_idempotent_and_load_reference_data(store: Store) {
    store.migrate().await.expect("second migrate is a no-op");
    let kec = store.kecamatan_names().await.unwrap();
    assert_eq!(kec.len(), 31);
    assert!(kec.contains(&"Tegalsari".to_string()));
    let mut sorted = kec.clone();
    sorted.sort();
    assert_eq!(kec, sorted, "kecamatan come back in alphabetical order");
    assert!(store.opd_list().await.unwrap().len() >= 20);
    let cats = store.categories().await.unwrap();
    assert_eq!(cats.len(), 10);
    assert_eq!(cats[0].slug, "sembako", "display order follows the CSV");
    assert!(cats.iter().all(|c| c.product_count == 0));
}

async fn health_check_answers(store: Store) {
    store.health().await.expect("healthy");
}

async fn money_is_whole_rupiah_beyond_32_bits(store: Store) {
    let mut d = small_demo();
    d.products[0].price = 16_200_000_000;
    load(&store, &d).await;
    let (card, _) = store.product(d.products[0].id).await.unwrap();
    assert_eq!(card.price, 16_200_000_000);
}

async fn reserve_stock_takes_only_what_is_there(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    let id = d.products[0].id;
    store.set_stock(id, 5).await.unwrap();
    assert!(
        !store.reserve_stock(id, 6).await.unwrap(),
        "cannot take 6 of 5"
    );
    assert_eq!(
        store.stock(id).await.unwrap(),
        5,
        "a failed reservation changes nothing"
    );
    assert!(store.reserve_stock(id, 5).await.unwrap());
    assert_eq!(store.stock(id).await.unwrap(), 0);
    assert!(!store.reserve_stock(id, 1).await.unwrap());
    assert!(matches!(
        store.reserve_stock(id, 0).await,
        Err(StoreError::Check(_))
    ));
    assert!(matches!(
        store.reserve_stock(id, -3).await,
        Err(StoreError::Check(_))
    ));
    assert_eq!(store.stock(id).await.unwrap(), 0);
}

async fn stock_can_never_go_negative(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    let id = d.products[0].id;
    store.set_stock(id, 2).await.unwrap();
    let err = store.set_stock(id, -1).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Check(_)),
        "CHECK (stock >= 0) refused it: {err:?}"
    );
    assert_eq!(store.stock(id).await.unwrap(), 2);
    assert!(matches!(
        store.set_stock(999_999, 1).await,
        Err(StoreError::NotFound)
    ));
}

async fn concurrent_reservations_never_oversell(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    let id = d.products[0].id;
    store.set_stock(id, 10).await.unwrap();
    let tasks: Vec<_> = (0..25)
        .map(|_| {
            let s = store.clone();
            tokio::spawn(async move { s.reserve_stock(id, 1).await.expect("no database error") })
        })
        .collect();
    let mut won = 0;
    for t in tasks {
        if t.await.unwrap() {
            won += 1;
        }
    }
    assert_eq!(won, 10, "exactly the stock was sold");
    assert_eq!(store.stock(id).await.unwrap(), 0);
}

async fn demo_import_totals_match_generated_orders(store: Store) {
    let d = small_demo();
    let counts = store.import_demo(&d, "$argon2id$test").await.unwrap();
    assert_eq!(counts.orders, d.orders.len());
    assert!(
        counts.orders > 100,
        "19 months of history: {} orders",
        counts.orders
    );
    let stats = store.market_stats().await.unwrap();
    let done: Vec<_> = d
        .orders
        .iter()
        .filter(|o| o.status == OrderStatus::Completed)
        .collect();
    assert_eq!(stats.completed_orders, done.len() as i64);
    assert_eq!(
        stats.completed_value,
        done.iter().map(|o| o.total()).sum::<i64>()
    );
    let verified = d
        .shops
        .iter()
        .filter(|s| s.status == ShopStatus::Verified)
        .count();
    assert_eq!(stats.shops, verified as i64);
    let listed = store.shops(None, 1_000, 0).await.unwrap();
    assert_eq!(listed.len(), verified);
    let per_category: i64 = store
        .categories()
        .await
        .unwrap()
        .iter()
        .map(|c| c.product_count)
        .sum();
    let in_verified = d
        .products
        .iter()
        .filter(|p| d.shops[p.shop_id as usize - 1].status == ShopStatus::Verified)
        .count();
    assert_eq!(per_category, in_verified as i64);
    assert_eq!(stats.products, in_verified as i64);
}

/// The totals home and the category list show, as a recount of `d` after
/// the test's changes would give them: (market stats, products per
/// category id).
fn recount_totals(
    store_categories: &[(String, i64)],
    d: &DemoData,
    unverified: &std::collections::HashSet<i64>,
    inactive: &std::collections::HashSet<i64>,
    moved: &HashMap<i64, &'static str>,
    completed: &std::collections::HashSet<i64>,
) -> (MarketStats, HashMap<i64, i64>) {
    let visible: Vec<_> = d
        .products
        .iter()
        .filter(|p| !unverified.contains(&p.shop_id) && !inactive.contains(&p.id))
        .collect();
    let mut per_category: HashMap<i64, i64> = HashMap::new();
    for p in &visible {
        let slug = moved.get(&p.id).copied().unwrap_or(p.category);
        let id = store_categories.iter().find(|c| c.0 == slug).unwrap().1;
        *per_category.entry(id).or_default() += 1;
    }
    let done: Vec<_> = d
        .orders
        .iter()
        .filter(|o| completed.contains(&o.id))
        .collect();
    let stats = MarketStats {
        shops: (d.shops.len() - unverified.len()) as i64,
        products: visible.len() as i64,
        completed_orders: done.len() as i64,
        completed_value: done.iter().map(|o| o.total()).sum(),
    };
    (stats, per_category)
}

/// The public figures as a recount of `d` gives them, after the test's
/// changes.
fn recount_figures(
    d: &DemoData,
    completed: &std::collections::HashSet<i64>,
    moved_shop: Option<(i64, &str)>,
    new_umum: Option<i64>,
) -> Figures {
    let shop = |id: i64| d.shops.iter().find(|s| s.id == id).unwrap();
    let place = |id: i64| match moved_shop {
        Some((m, k)) if m == id => (k.to_string(), !shop(id).is_mbr),
        _ => (shop(id).kecamatan.to_string(), shop(id).is_mbr),
    };
    let role = |id: i64| {
        if new_umum == Some(id) {
            "umum".to_string()
        } else {
            d.users
                .iter()
                .find(|u| u.id == id)
                .unwrap()
                .role
                .as_str()
                .to_string()
        }
    };
    let mut total = (0, 0);
    let mut months: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
    let mut kec: HashMap<String, (i64, i64)> = HashMap::new();
    let mut kinds: HashMap<(String, bool), (i64, i64, i64)> = HashMap::new();
    let mut roles: HashMap<String, (i64, i64, i64)> = HashMap::new();
    for s in d.shops.iter().filter(|s| s.status == ShopStatus::Verified) {
        let mbr = place(s.id).1;
        kinds
            .entry((s.kind.as_str().to_string(), mbr))
            .or_default()
            .0 += 1;
    }
    for u in &d.users {
        let r = role(u.id);
        if r == "asn" || r == "umum" {
            roles.entry(r).or_default().0 += 1;
        }
    }
    for o in d.orders.iter().filter(|o| completed.contains(&o.id)) {
        let v = o.total();
        total = (total.0 + 1, total.1 + v);
        let at = o.completed_at.unwrap_or(o.updated_at) + chrono::Duration::hours(7);
        let m = months.entry(at.format("%Y-%m").to_string()).or_default();
        *m = (m.0 + 1, m.1 + v);
        let (k, mbr) = place(o.shop_id);
        let e = kec.entry(k).or_default();
        *e = (e.0 + 1, e.1 + v);
        let e = kinds
            .entry((shop(o.shop_id).kind.as_str().to_string(), mbr))
            .or_default();
        *e = (e.0, e.1 + 1, e.2 + v);
        let e = roles.entry(role(o.buyer_id)).or_default();
        *e = (e.0, e.1 + 1, e.2 + v);
    }
    let months = months.into_iter().map(|(k, (n, v))| (k, n, v)).collect();
    (total, months, kec, kinds, roles)
}

/// Compares what the store publishes with a recount.
async fn assert_figures_recount(store: &Store, want: &Figures, when: &str) {
    let f = store.public_figures().await.unwrap();
    assert_eq!((f.total.orders, f.total.value), want.0, "total, {when}");
    let months: Vec<_> = f
        .months
        .iter()
        .filter(|m| m.orders != 0)
        .map(|m| (m.key.clone(), m.orders, m.value))
        .collect();
    assert_eq!(months, want.1, "months, {when}");
    assert_eq!(f.kecamatan.len(), 31, "every kecamatan is listed");
    for k in &f.kecamatan {
        let w = want.2.get(&k.key).copied().unwrap_or((0, 0));
        assert_eq!((k.orders, k.value), w, "kecamatan {}, {when}", k.key);
    }
    for g in &f.shops {
        let w = want
            .3
            .get(&(g.kind.clone(), g.mbr))
            .copied()
            .unwrap_or((0, 0, 0));
        assert_eq!(
            (g.shops, g.orders, g.value),
            w,
            "{} mbr={}, {when}",
            g.kind,
            g.mbr
        );
    }
    for b in &f.buyers {
        let w = want.4.get(&b.role).copied().unwrap_or((0, 0, 0));
        assert_eq!((b.accounts, b.orders, b.value), w, "{}, {when}", b.role);
    }
}

/// (total, non-zero months, kecamatan → (n, v), (kind, mbr) → (shops, n,
/// v), role → (accounts, n, v)).
type Figures = (
    (i64, i64),
    Vec<(String, i64, i64)>,
    HashMap<String, (i64, i64)>,
    HashMap<(String, bool), (i64, i64, i64)>,
    HashMap<String, (i64, i64, i64)>,
);

/// The transparency figures equal a recount of the demo's orders, and keep
/// equal while orders complete and un-complete, a shop moves kecamatan and
/// changes its MBR mark, and a buyer changes role: before the fold and after.
async fn public_figures_equal_a_recount_of_the_orders(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    let mut completed: std::collections::HashSet<i64> = d
        .orders
        .iter()
        .filter(|o| o.status == OrderStatus::Completed)
        .map(|o| o.id)
        .collect();
    assert!(completed.len() > 100);
    assert_figures_recount(
        &store,
        &recount_figures(&d, &completed, None, None),
        "as imported",
    )
    .await;

    // One completed order is complained about, another order completes.
    let undone = *completed.iter().min().unwrap();
    let done = d
        .orders
        .iter()
        .find(|o| o.status != OrderStatus::Completed)
        .unwrap()
        .id;
    store
        .execute_admin(&format!(
            "UPDATE orders SET status = 'dikomplain' WHERE id = {undone}"
        ))
        .await
        .unwrap();
    store
        .execute_admin(&format!(
            "UPDATE orders SET status = 'selesai' WHERE id = {done}"
        ))
        .await
        .unwrap();
    completed.remove(&undone);
    completed.insert(done);
    // A shop that sold moves to Gubeng and changes its MBR mark; an ASN
    // buyer who bought becomes umum.
    let seller = d
        .orders
        .iter()
        .find(|o| completed.contains(&o.id))
        .unwrap()
        .shop_id;
    let moved_to = if d.shops.iter().find(|s| s.id == seller).unwrap().kecamatan == "Gubeng" {
        "Tegalsari"
    } else {
        "Gubeng"
    };
    store
        .execute_admin(&format!(
            "UPDATE shops SET kecamatan_id = (SELECT id FROM kecamatan WHERE name = '{moved_to}'), \
             is_mbr = CASE WHEN is_mbr THEN FALSE ELSE TRUE END WHERE id = {seller}"
        ))
        .await
        .unwrap();
    let asn = d
        .orders
        .iter()
        .filter(|o| completed.contains(&o.id))
        .map(|o| o.buyer_id)
        .find(|b| d.users.iter().any(|u| u.id == *b && u.role == Role::Asn))
        .unwrap();
    store
        .execute_admin(&format!("UPDATE users SET role = 'umum' WHERE id = {asn}"))
        .await
        .unwrap();
    let want = recount_figures(&d, &completed, Some((seller, moved_to)), Some(asn));
    assert_figures_recount(&store, &want, "before the fold").await;
    assert!(store.fold_totals().await.unwrap() > 0);
    assert_figures_recount(&store, &want, "after the fold").await;
    assert_eq!(
        store.public_figures().await.unwrap().total.value,
        store.market_stats().await.unwrap().completed_value,
        "the home page and the transparency page agree"
    );
}

/// Suspends the first shop of `d` not in `unverified`, adds it there and
/// returns its id.
async fn suspend_a_verified_shop(
    store: &Store,
    d: &DemoData,
    unverified: &mut std::collections::HashSet<i64>,
) -> i64 {
    let shop = d
        .shops
        .iter()
        .find(|s| !unverified.contains(&s.id))
        .unwrap()
        .id;
    store
        .execute_admin(&format!(
            "UPDATE shops SET status = 'suspended' WHERE id = {shop}"
        ))
        .await
        .unwrap();
    unverified.insert(shop);
    shop
}

async fn market_totals_follow_every_change_and_fold_exactly_once(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    assert_eq!(
        store.fold_totals().await.unwrap(),
        0,
        "the import folded its changes"
    );
    let categories: Vec<(String, i64)> = store
        .categories()
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.slug, c.id))
        .collect();
    let mut unverified: std::collections::HashSet<i64> = d
        .shops
        .iter()
        .filter(|s| s.status != ShopStatus::Verified)
        .map(|s| s.id)
        .collect();
    let mut inactive = std::collections::HashSet::new();
    let mut moved: HashMap<i64, &'static str> = HashMap::new();
    let mut completed: std::collections::HashSet<i64> = d
        .orders
        .iter()
        .filter(|o| o.status == OrderStatus::Completed)
        .map(|o| o.id)
        .collect();
    let check = |unverified: &std::collections::HashSet<i64>,
                 inactive: &std::collections::HashSet<i64>,
                 moved: &HashMap<i64, &'static str>,
                 completed: &std::collections::HashSet<i64>,
                 when: &'static str| {
        let want = recount_totals(&categories, &d, unverified, inactive, moved, completed);
        let store = store.clone();
        async move {
            assert_eq!(store.market_stats().await.unwrap(), want.0, "{when}");
            for c in store.categories().await.unwrap() {
                assert_eq!(
                    c.product_count,
                    want.1.get(&c.id).copied().unwrap_or(0),
                    "{}, {when}",
                    c.slug
                );
            }
        }
    };
    check(
        &unverified,
        &inactive,
        &moved,
        &completed,
        "after the import",
    )
    .await;

    // A shop suspended, a product hidden, another moved to a new category,
    // a completed order cancelled and a sent one completed.
    let shop = suspend_a_verified_shop(&store, &d, &mut unverified).await;
    let mut others = d
        .products
        .iter()
        .filter(|p| !unverified.contains(&p.shop_id));
    let hidden = others.next().unwrap().id;
    store.set_product_active(hidden, false).await.unwrap();
    inactive.insert(hidden);
    let mover = others.next().unwrap();
    let (slug, target) = categories
        .iter()
        .find(|c| c.0 != mover.category)
        .unwrap()
        .clone();
    store
        .execute_admin(&format!(
            "UPDATE products SET category_id = {target} WHERE id = {}",
            mover.id
        ))
        .await
        .unwrap();
    moved.insert(
        mover.id,
        reference::categories()
            .into_iter()
            .find(|c| c.0 == slug)
            .unwrap()
            .0,
    );
    let was_done = *completed.iter().next().unwrap();
    store
        .execute_admin(&format!(
            "UPDATE orders SET status = 'dibatalkan' WHERE id = {was_done}"
        ))
        .await
        .unwrap();
    completed.remove(&was_done);
    let sent = d
        .orders
        .iter()
        .find(|o| o.status != OrderStatus::Completed)
        .unwrap()
        .id;
    store
        .execute_admin(&format!(
            "UPDATE orders SET status = 'selesai' WHERE id = {sent}"
        ))
        .await
        .unwrap();
    completed.insert(sent);
    check(&unverified, &inactive, &moved, &completed, "before folding").await;
    assert!(
        store.fold_totals().await.unwrap() > 0,
        "changes were waiting"
    );
    assert_eq!(store.fold_totals().await.unwrap(), 0, "and are folded");
    check(&unverified, &inactive, &moved, &completed, "after folding").await;

    // The shop verified again brings its products back.
    store
        .execute_admin(&format!(
            "UPDATE shops SET status = 'verified' WHERE id = {shop}"
        ))
        .await
        .unwrap();
    unverified.remove(&shop);
    check(
        &unverified,
        &inactive,
        &moved,
        &completed,
        "shop verified again",
    )
    .await;

    // Merchants hiding and showing products while folds run at the same
    // time (as on several instances): every change counts exactly once.
    let products: Vec<i64> = d
        .products
        .iter()
        .filter(|p| !unverified.contains(&p.shop_id) && !inactive.contains(&p.id))
        .take(8)
        .map(|p| p.id)
        .collect();
    let mut tasks = Vec::new();
    for &id in &products {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            for round in 0..6 {
                store.set_product_active(id, round % 2 == 1).await.unwrap();
            }
        }));
    }
    for _ in 0..2 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..6 {
                // A fold may meet a writer's lock on PostgreSQL and try later.
                let _ = store.fold_totals().await;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    check(
        &unverified,
        &inactive,
        &moved,
        &completed,
        "concurrent, unfolded",
    )
    .await;
    store.fold_totals().await.unwrap();
    assert_eq!(store.fold_totals().await.unwrap(), 0);
    check(
        &unverified,
        &inactive,
        &moved,
        &completed,
        "concurrent, folded",
    )
    .await;
}

async fn demo_import_refuses_a_marketplace_with_shops(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    let before = store.market_stats().await.unwrap();
    let again = store.import_demo(&d, "$argon2id$test").await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
    assert_eq!(
        store.market_stats().await.unwrap(),
        before,
        "nothing was added"
    );
}

async fn catalog_hides_unverified_shops_and_inactive_products(store: Store) {
    let mut d = small_demo();
    d.shops[1].status = ShopStatus::Pending;
    d.shops[2].status = ShopStatus::Suspended;
    load(&store, &d).await;
    for s in &d.shops[1..3] {
        assert!(matches!(
            store.shop_by_slug(&s.slug).await,
            Err(StoreError::NotFound)
        ));
        let hidden = d.products.iter().find(|p| p.shop_id == s.id).unwrap();
        assert!(matches!(
            store.product(hidden.id).await,
            Err(StoreError::NotFound)
        ));
    }
    let newest = store.newest_products(1_000).await.unwrap();
    assert!(newest
        .iter()
        .all(|p| p.shop_slug != d.shops[1].slug && p.shop_slug != d.shops[2].slug));

    let shop = &d.shops[0];
    let (card, _) = store.shop_by_slug(&shop.slug).await.unwrap();
    let of_shop = SearchFilter {
        shop_id: Some(card.id),
        limit: 100,
        ..SearchFilter::default()
    };
    let before = store.search(&of_shop).await.unwrap().products;
    assert_eq!(before.len() as i64, card.product_count);
    let hide = before[0].id;
    store.set_product_active(hide, false).await.unwrap();
    let after = store.search(&of_shop).await.unwrap().products;
    assert_eq!(after.len(), before.len() - 1);
    assert!(after.iter().all(|p| p.id != hide));
    assert!(matches!(
        store.product(hide).await,
        Err(StoreError::NotFound)
    ));
}

async fn shops_filter_by_kecamatan(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    let k = d.shops[0].kecamatan;
    let expected = d
        .shops
        .iter()
        .filter(|s| s.kecamatan == k && s.status == ShopStatus::Verified)
        .count();
    let found = store.shops(Some(k), 100, 0).await.unwrap();
    assert_eq!(found.len(), expected);
    assert!(found.iter().all(|s| s.kecamatan == k));
    assert!(store
        .shops(Some("Atlantis"), 100, 0)
        .await
        .unwrap()
        .is_empty());
    let page1 = store.shops(None, 3, 0).await.unwrap();
    let page2 = store.shops(None, 3, 3).await.unwrap();
    assert_eq!(page1.len(), 3);
    assert!(page1.iter().all(|a| page2.iter().all(|b| a.id != b.id)));
}

async fn newest_and_popular_products_are_ordered(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    let newest = store.newest_products(5).await.unwrap();
    let latest = d
        .products
        .iter()
        .max_by_key(|p| (p.created_at, p.id))
        .unwrap();
    assert_eq!(newest[0].id, latest.id);
    assert!(newest[0]
        .photo
        .as_ref()
        .is_some_and(|ph| ph.url.starts_with("/media/demo/")));

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
    let mut ranking: Vec<(i64, i64)> = sold.into_iter().collect();
    ranking.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let popular = store.popular_products(5).await.unwrap();
    let expected: Vec<i64> = ranking.iter().take(5).map(|r| r.0).collect();
    assert_eq!(popular.iter().map(|p| p.id).collect::<Vec<_>>(), expected);
    let (_, facts) = store.product(expected[0]).await.unwrap();
    assert_eq!(facts.sold, ranking[0].1);
}

fn user(role: Role, email: &str) -> NewUser {
    NewUser {
        role,
        name: "Dewi Lestari".into(),
        email: Some(email.into()),
        phone: None,
        nip: None,
        opd_id: None,
        password_hash: "$argon2id$test".into(),
    }
}

async fn duplicate_email_is_reported_as_taken(store: Store) {
    store
        .create_user(&user(Role::Umum, "dewi@contoh.test"), anchor())
        .await
        .unwrap();
    let again = store
        .create_user(&user(Role::Umum, "dewi@contoh.test"), anchor())
        .await;
    assert!(
        matches!(again, Err(StoreError::Taken(Identifier::Email))),
        "{again:?}"
    );
    assert_eq!(
        store.role_by_email("dewi@contoh.test").await.unwrap(),
        Some(Role::Umum)
    );
}

async fn foreign_keys_are_enforced(store: Store) {
    let mut u = user(Role::Asn, "asn@contoh.test");
    u.nip = Some("198503302010011001".into());
    u.opd_id = Some(999_999);
    let r = store.create_user(&u, anchor()).await;
    assert!(matches!(r, Err(StoreError::ForeignKey(_))), "{r:?}");
    assert_eq!(store.role_by_email("asn@contoh.test").await.unwrap(), None);
}

async fn asn_users_need_nip_and_opd(store: Store) {
    let r = store
        .create_user(&user(Role::Asn, "asn@contoh.test"), anchor())
        .await;
    assert!(matches!(r, Err(StoreError::Check(_))), "{r:?}");
    let mut u = user(Role::Asn, "asn@contoh.test");
    u.nip = Some("12345".into());
    u.opd_id = Some(store.opd_list().await.unwrap()[0].0);
    let r = store.create_user(&u, anchor()).await;
    assert!(
        matches!(r, Err(StoreError::Check(_))),
        "a short NIP is refused: {r:?}"
    );
    u.nip = Some("198503302010011001".into());
    store
        .create_user(&u, anchor())
        .await
        .expect("a complete ASN is accepted");
    assert_eq!(
        store.role_by_email("asn@contoh.test").await.unwrap(),
        Some(Role::Asn)
    );
}

async fn audit_events_are_recorded(store: Store) {
    let id = store
        .create_user(&user(Role::Admin, "admin@contoh.test"), anchor())
        .await
        .unwrap();
    store
        .audit(
            None,
            "admin.created",
            Some(("user", id)),
            Some("admin@contoh.test"),
            anchor(),
        )
        .await
        .unwrap();
    store
        .audit(Some(id), "login.ok", None, None, anchor())
        .await
        .unwrap();
    assert_eq!(store.count_audit("admin.created").await.unwrap(), 1);
    assert_eq!(store.count_audit("login.ok").await.unwrap(), 1);
    assert_eq!(store.count_audit("login.failed").await.unwrap(), 0);
}

/// A visible product with at least 3 in stock.
async fn product_in_stock(store: &Store) -> app::model::ProductCard {
    store
        .newest_products(100)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.stock >= 3)
        .expect("a product in stock")
}

async fn buyer_with_phone(store: &Store, email: &str, phone: &str) -> i64 {
    let mut u = user(Role::Umum, email);
    u.phone = Some(phone.into());
    store.create_user(&u, anchor()).await.unwrap()
}

async fn new_session(store: &Store, user_id: i64, hash: &[u8], expires: DateTime<Utc>) -> i64 {
    store
        .create_session(
            &NewSession {
                token_hash: hash,
                user_id,
                expires_at: expires,
                user_agent: Some("uji"),
                ip: Some("10.0.0.1"),
            },
            anchor(),
        )
        .await
        .unwrap()
}

async fn sessions_expire_idle_out_and_can_be_revoked(store: Store) {
    let t0 = anchor();
    let day = chrono::Duration::days(1);
    let a = buyer_with_phone(&store, "a@contoh.test", "+6281200000001").await;
    let sid = new_session(&store, a, b"hash-a-1", t0 + day * 30).await;
    let live = store
        .live_session(b"hash-a-1", t0 + day, t0 - day * 7)
        .await
        .unwrap()
        .expect("a fresh session is live");
    assert_eq!(
        (live.id, live.viewer.id, live.viewer.role),
        (sid, a, Role::Umum)
    );
    assert!(store
        .live_session(b"other", t0, t0 - day)
        .await
        .unwrap()
        .is_none());
    // Idle: last seen at t0, idle cutoff after that.
    assert!(store
        .live_session(b"hash-a-1", t0 + day * 8, t0 + day)
        .await
        .unwrap()
        .is_none());
    // Touching keeps it alive past the old cutoff.
    store.touch_session(sid, t0 + day * 2).await.unwrap();
    assert!(store
        .live_session(b"hash-a-1", t0 + day * 8, t0 + day)
        .await
        .unwrap()
        .is_some());
    // Expired.
    assert!(store
        .live_session(b"hash-a-1", t0 + day * 31, t0)
        .await
        .unwrap()
        .is_none());
    // Revoked: returns the owner once, then the token is dead.
    assert_eq!(
        store.revoke_session(b"hash-a-1", t0).await.unwrap(),
        Some(a)
    );
    assert_eq!(store.revoke_session(b"hash-a-1", t0).await.unwrap(), None);
    assert!(store
        .live_session(b"hash-a-1", t0, t0 - day)
        .await
        .unwrap()
        .is_none());
    // Revoking all of a user's sessions but one.
    let keep = new_session(&store, a, b"hash-a-2", t0 + day * 30).await;
    new_session(&store, a, b"hash-a-3", t0 + day * 30).await;
    let b = buyer_with_phone(&store, "b@contoh.test", "+6281200000002").await;
    new_session(&store, b, b"hash-b-1", t0 + day * 30).await;
    assert_eq!(
        store.revoke_user_sessions(a, Some(keep), t0).await.unwrap(),
        1
    );
    assert_eq!(store.live_session_count(a, t0).await.unwrap(), 1);
    assert_eq!(
        store.live_session_count(b, t0).await.unwrap(),
        1,
        "other users untouched"
    );
    // A disabled user's sessions stop working.
    store
        .execute_admin(&format!(
            "UPDATE users SET disabled_at = created_at WHERE id = {b}"
        ))
        .await
        .unwrap();
    assert!(store
        .live_session(b"hash-b-1", t0, t0 - day)
        .await
        .unwrap()
        .is_none());
    // Duplicate token hashes are impossible.
    let dup = store
        .create_session(
            &NewSession {
                token_hash: b"hash-a-2",
                user_id: a,
                expires_at: t0,
                user_agent: None,
                ip: None,
            },
            t0,
        )
        .await;
    assert!(matches!(dup, Err(StoreError::Duplicate(_))), "{dup:?}");
}

async fn rate_limit_counts_are_atomic_per_window(store: Store) {
    let t = 1_800_000_000;
    assert_eq!(store.hit_rate_limit("x", t, 60).await.unwrap(), (1, t));
    assert_eq!(store.hit_rate_limit("x", t + 10, 60).await.unwrap(), (2, t));
    assert_eq!(
        store.hit_rate_limit("y", t + 10, 60).await.unwrap(),
        (1, t + 10)
    );
    assert_eq!(store.hit_rate_limit("x", t + 59, 60).await.unwrap(), (3, t));
    // A new window starts from one.
    assert_eq!(
        store.hit_rate_limit("x", t + 60, 60).await.unwrap(),
        (1, t + 60)
    );
    // Concurrent hits are all counted (instances share the counter).
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            s.hit_rate_limit("z", t, 600).await.unwrap().0
        }));
    }
    let mut seen = Vec::new();
    for task in tasks {
        seen.push(task.await.unwrap());
    }
    seen.sort();
    assert_eq!(seen, (1..=20).collect::<Vec<i64>>());
}

fn address(label: &str, kecamatan: &str, is_default: bool) -> AddressInput {
    AddressInput {
        label: label.into(),
        recipient: "Budi Santoso".into(),
        phone: "+6281234567890".into(),
        kecamatan: kecamatan.into(),
        kelurahan: "Airlangga".into(),
        street: "Jl. Dharmawangsa 5".into(),
        rt_rw: Some("003/005".into()),
        notes: None,
        pin: Some((-7.2756, 112.7581)),
        is_default,
    }
}

async fn addresses_belong_to_their_owner(store: Store) {
    let a = buyer_with_phone(&store, "a@contoh.test", "+6281200000001").await;
    let b = buyer_with_phone(&store, "b@contoh.test", "+6281200000002").await;
    let home = store
        .save_address(a, None, &address("Rumah", "Gubeng", false), anchor())
        .await
        .unwrap();
    let office = store
        .save_address(a, None, &address("Kantor", "Genteng", false), anchor())
        .await
        .unwrap();
    let list = store.addresses(a).await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, home, "the first address becomes the default");
    assert!(list[0].is_default && !list[1].is_default);
    assert_eq!(list[0].kecamatan, "Gubeng");
    assert_eq!((list[0].lat, list[0].lng), (Some(-7.2756), Some(112.7581)));
    // Making the office the default clears the old one.
    store
        .save_address(
            a,
            Some(office),
            &address("Kantor Dinas", "Genteng", true),
            anchor(),
        )
        .await
        .unwrap();
    let list = store.addresses(a).await.unwrap();
    assert_eq!(
        list.iter()
            .map(|x| (x.label.as_str(), x.is_default))
            .collect::<Vec<_>>(),
        vec![("Kantor Dinas", true), ("Rumah", false)]
    );
    // B can neither read, change nor delete A's address.
    assert!(matches!(
        store.address(b, home).await,
        Err(StoreError::NotFound)
    ));
    let r = store
        .save_address(b, Some(home), &address("Curian", "Gubeng", false), anchor())
        .await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
    assert!(matches!(
        store.delete_address(b, home).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.address(a, home).await.unwrap().label, "Rumah");
    assert!(store.addresses(b).await.unwrap().is_empty());
    // Unknown kecamatan.
    let r = store
        .save_address(a, None, &address("X", "Atlantis", false), anchor())
        .await;
    assert!(matches!(r, Err(StoreError::Check(_))), "{r:?}");
    // Deleting the default promotes the remaining one.
    store.delete_address(a, office).await.unwrap();
    let list = store.addresses(a).await.unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].is_default);
}

async fn sign_in_lookup_and_password_and_role_changes(store: Store) {
    let opd = store.opd_list().await.unwrap()[0].0;
    let mut u = user(Role::Asn, "asn@contoh.test");
    u.phone = Some("+6281255550000".into());
    u.nip = Some("198503302010011001".into());
    u.opd_id = Some(opd);
    let id = store.create_user(&u, anchor()).await.unwrap();
    for login in [
        LoginId::Email("asn@contoh.test".into()),
        LoginId::Phone("+6281255550000".into()),
        LoginId::Nip("198503302010011001".into()),
    ] {
        let r = store.login_record(&login).await.unwrap().expect("found");
        assert_eq!((r.id, r.role, r.disabled), (id, Role::Asn, false));
        assert_eq!(r.password_hash, "$argon2id$test");
    }
    assert!(store
        .login_record(&LoginId::Email("tidak@ada.test".into()))
        .await
        .unwrap()
        .is_none());
    store
        .set_password(id, "$argon2id$baru", anchor())
        .await
        .unwrap();
    assert_eq!(store.password_hash(id).await.unwrap(), "$argon2id$baru");
    let p = store.profile(id).await.unwrap();
    assert_eq!(p.nip.as_deref(), Some("198503302010011001"));
    assert!(p.opd.is_some());
    assert_eq!(store.set_role(id, Role::Umum).await.unwrap(), Role::Asn);
    assert_eq!(store.profile(id).await.unwrap().viewer.role, Role::Umum);
    // An umum without NIP cannot become ASN (CHECK).
    let plain = buyer_with_phone(&store, "b@contoh.test", "+6281200000002").await;
    assert!(matches!(
        store.set_role(plain, Role::Asn).await,
        Err(StoreError::Check(_))
    ));
    assert_eq!(store.profile(plain).await.unwrap().viewer.role, Role::Umum);
    assert_eq!(
        store.user_id_by_email("b@contoh.test").await.unwrap(),
        Some(plain)
    );
}

async fn purge_removes_only_ended_sessions(store: Store) {
    let t0 = anchor();
    let day = chrono::Duration::days(1);
    let a = buyer_with_phone(&store, "a@contoh.test", "+6281200000001").await;
    new_session(&store, a, b"expired", t0 - day * 2).await;
    new_session(&store, a, b"revoked", t0 + day * 30).await;
    store
        .revoke_session(b"revoked", t0 - day * 2)
        .await
        .unwrap();
    new_session(&store, a, b"live", t0 + day * 30).await;
    store
        .hit_rate_limit("old", t0.timestamp() - 200_000, 60)
        .await
        .unwrap();
    store
        .hit_rate_limit("new", t0.timestamp(), 60)
        .await
        .unwrap();
    let n = store
        .purge_expired(t0 - day, t0 - day * 8, t0.timestamp() - 86_400)
        .await
        .unwrap();
    assert_eq!(n, 3, "two ended sessions and one old window");
    assert!(store
        .live_session(b"live", t0, t0 - day)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        store
            .hit_rate_limit("new", t0.timestamp(), 60)
            .await
            .unwrap()
            .0,
        2
    );
}

async fn category_pages_show_every_name_before_any_repeats(store: Store) {
    let mut d = small_demo();
    d.shops[1].status = ShopStatus::Pending;
    load(&store, &d).await;
    // Every shop that is not verified (the one made pending, and any the demo has).
    let mut unverified: std::collections::HashSet<i64> = d
        .shops
        .iter()
        .filter(|s| s.status != ShopStatus::Verified)
        .map(|s| s.id)
        .collect();
    assert!(unverified.contains(&d.shops[1].id));
    let mut inactive = std::collections::HashSet::new();
    check_category_pages(&store, &d, &unverified, &inactive, true).await;

    // A name's first offer leaves, another shop is suspended, a product
    // sells: pages hide what must be hidden at once, and the order is
    // whole again once the ranks are recomputed.
    let first_of_shared = {
        let mut offers: HashMap<(String, String), usize> = HashMap::new();
        for p in d
            .products
            .iter()
            .filter(|p| !unverified.contains(&p.shop_id))
        {
            *offers
                .entry((p.category.to_string(), p.name.clone()))
                .or_default() += 1;
        }
        let mut found = None;
        for c in store.categories().await.unwrap() {
            let page = store.category_products(c.id, 100, 0).await.unwrap();
            // The first time a shared name shows is its best offer.
            if let Some(p) = page.iter().find(|p| {
                offers
                    .get(&(c.slug.clone(), p.name.clone()))
                    .copied()
                    .unwrap_or(0)
                    > 1
            }) {
                found = Some(p.id);
                break;
            }
        }
        found.expect("the demo has a name sold by two shops")
    };
    store
        .set_product_active(first_of_shared, false)
        .await
        .unwrap();
    inactive.insert(first_of_shared);
    suspend_a_verified_shop(&store, &d, &mut unverified).await;
    let seller = d
        .products
        .iter()
        .find(|p| !unverified.contains(&p.shop_id) && !inactive.contains(&p.id))
        .unwrap()
        .id;
    store
        .execute_admin(&format!(
            "UPDATE products SET sold_count = sold_count + 500 WHERE id = {seller}"
        ))
        .await
        .unwrap();
    check_category_pages(&store, &d, &unverified, &inactive, false).await;
    assert!(
        store.rerank_offers().await.unwrap() > 0,
        "groups were waiting"
    );
    assert_eq!(store.rerank_offers().await.unwrap(), 0, "and are settled");
    check_category_pages(&store, &d, &unverified, &inactive, true).await;

    // Shop cards count active products, kept by the database.
    for s in d.shops.iter().filter(|s| !unverified.contains(&s.id)) {
        let active = d
            .products
            .iter()
            .filter(|p| p.shop_id == s.id && !inactive.contains(&p.id))
            .count() as i64;
        let card = store.shop_cards(&[s.id]).await.unwrap();
        assert_eq!(card[0].product_count, active, "{}", s.name);
    }
}

/// Pages of every category add up to the visible products once each, and
/// (when `ordered`) every name's first offer comes before any second.
async fn check_category_pages(
    store: &Store,
    d: &DemoData,
    unverified: &std::collections::HashSet<i64>,
    inactive: &std::collections::HashSet<i64>,
    ordered: bool,
) {
    let hidden: std::collections::HashSet<i64> = d
        .products
        .iter()
        .filter(|p| unverified.contains(&p.shop_id) || inactive.contains(&p.id))
        .map(|p| p.id)
        .collect();
    for c in store.categories().await.unwrap() {
        let mut all = Vec::new();
        let mut offset = 0;
        loop {
            let page = store.category_products(c.id, 7, offset).await.unwrap();
            if page.is_empty() {
                break;
            }
            offset += 7;
            all.extend(page);
        }
        assert_eq!(
            all.len() as i64,
            c.product_count,
            "{}: pages add up to the count",
            c.slug
        );
        assert!(
            all.iter().all(|p| !hidden.contains(&p.id)),
            "no product of an unverified shop, none inactive"
        );
        let expected: Vec<(String, i64)> = {
            let mut v: Vec<(String, i64)> = d
                .products
                .iter()
                .filter(|p| p.category == c.slug && !hidden.contains(&p.id))
                .map(|p| (p.name.clone(), p.id))
                .collect();
            v.sort();
            v
        };
        let got: Vec<(String, i64)> = all.into_iter().map(|p| (p.name, p.id)).collect();
        let mut sorted = got.clone();
        sorted.sort();
        assert_eq!(sorted, expected, "{}: every visible product once", c.slug);
        if !ordered {
            continue;
        }
        // Each name's first offer; then each name's second; ...
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let turns: Vec<(usize, &str)> = got
            .iter()
            .map(|(name, _)| {
                let n = seen.entry(name.as_str()).or_default();
                *n += 1;
                (*n, name.as_str())
            })
            .collect();
        assert!(
            turns.windows(2).all(|w| w[0].0 <= w[1].0),
            "{}: every name's first offer before any second: {turns:?}",
            c.slug
        );
    }
}

async fn the_shop_directory_filters_pages_and_rotates(store: Store) {
    use app::server::store::ShopFilter;
    let d = small_demo();
    load(&store, &d).await;
    let verified: Vec<&demo::DemoShop> = d
        .shops
        .iter()
        .filter(|s| s.status == ShopStatus::Verified)
        .collect();
    // All of them, in pages that neither repeat nor skip a shop.
    let all = ShopFilter::default();
    let (whole, total) = store.shop_directory(&all, 100, 0).await.unwrap();
    assert_eq!(total, verified.len() as i64);
    let mut paged = Vec::new();
    for offset in (0..total).step_by(5) {
        let (page, t) = store.shop_directory(&all, 5, offset).await.unwrap();
        assert_eq!(t, total);
        paged.extend(page.into_iter().map(|s| s.id));
    }
    assert_eq!(paged, whole.iter().map(|s| s.id).collect::<Vec<_>>());
    // Product counts are the shop's active products.
    for s in &whole {
        let n = d.products.iter().filter(|p| p.shop_id == s.id).count() as i64;
        assert_eq!(s.product_count, n, "{}", s.name);
    }
    // Cards come with the directory's version, read by the same statement
    // (pages keep the list in memory while it stands), in the order asked
    // for; a shop leaving the directory moves the version and its card.
    let v0 = store.directory_version().await.unwrap();
    let two = [whole[1].id, whole[0].id];
    let (cards, v) = store.shop_cards_at_version(&two).await.unwrap();
    assert_eq!((ids_of(&cards), v), (two.to_vec(), v0));
    let (none, v) = store.shop_cards_at_version(&[]).await.unwrap();
    assert_eq!((none.len(), v), (0, v0));
    store
        .execute_admin(&format!(
            "UPDATE shops SET status = 'suspended' WHERE id = {}",
            whole[0].id
        ))
        .await
        .unwrap();
    let (cards, v) = store.shop_cards_at_version(&two).await.unwrap();
    assert_eq!(ids_of(&cards), vec![whole[1].id]);
    assert!(v > v0, "the version moved: {v0} -> {v}");
    assert_eq!(v, store.directory_version().await.unwrap());
    store
        .execute_admin(&format!(
            "UPDATE shops SET status = 'verified' WHERE id = {}",
            whole[0].id
        ))
        .await
        .unwrap();
    // Another day, another order; the same shops.
    let other = ShopFilter {
        rotation: 1,
        ..ShopFilter::default()
    };
    let (rotated, _) = store.shop_directory(&other, 100, 0).await.unwrap();
    let ids = |v: &[app::model::ShopCard]| v.iter().map(|s| s.id).collect::<Vec<_>>();
    assert_ne!(ids(&rotated), ids(&whole), "the order changes with the day");
    let mut a = ids(&rotated);
    let mut b = ids(&whole);
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // Fair turns: within ceil(n / 12) days every shop is among the first
    // twelve (the home page's) at least once, and paging stays whole.
    let turns = whole.len().div_ceil(app::domain::fairness::ROTATION_STEP) as i64;
    let mut fronted = std::collections::HashSet::new();
    for day in 700_000..700_000 + turns {
        let f = ShopFilter {
            rotation: day,
            ..ShopFilter::default()
        };
        let (front, _) = store.shop_directory(&f, 12, 0).await.unwrap();
        fronted.extend(front.iter().map(|s| s.id));
    }
    assert_eq!(
        fronted.len(),
        whole.len(),
        "every shop had its turn in front"
    );
    // Filters: kecamatan, kind, MBR, words of the name (any case, any accents).
    let s0 = verified[0];
    let by = |f: ShopFilter| {
        let store = store.clone();
        async move { store.shop_directory(&f, 100, 0).await.unwrap() }
    };
    let (found, n) = by(ShopFilter {
        kecamatan: Some(s0.kecamatan.to_string()),
        kind: Some(s0.kind),
        mbr_only: s0.is_mbr,
        ..ShopFilter::default()
    })
    .await;
    let expected = verified
        .iter()
        .filter(|s| s.kecamatan == s0.kecamatan && s.kind == s0.kind && (!s0.is_mbr || s.is_mbr))
        .count();
    assert_eq!((found.len(), n), (expected, expected as i64));
    assert!(found.iter().any(|s| s.id == s0.id));
    let shouted = s0.name.to_uppercase();
    let (found, _) = by(ShopFilter {
        q: shouted.clone(),
        ..ShopFilter::default()
    })
    .await;
    assert!(
        found.iter().any(|s| s.id == s0.id),
        "{shouted} finds {}",
        s0.name
    );
    let words: Vec<String> = normalize(&s0.name)
        .split_whitespace()
        .filter(|w| w.len() > 2)
        .map(str::to_string)
        .collect();
    assert!(found.iter().all(|s| words
        .iter()
        .all(|w| normalize(&s.name).contains(w.as_str()))));
    let (none, n) = by(ShopFilter {
        q: "zzqqxx 100%_".into(),
        ..ShopFilter::default()
    })
    .await;
    assert!(none.is_empty() && n == 0);
    // Unverified shops are never listed, even by name.
    if let Some(hidden) = d.shops.iter().find(|s| s.status != ShopStatus::Verified) {
        let (found, _) = by(ShopFilter {
            q: hidden.name.clone(),
            ..ShopFilter::default()
        })
        .await;
        assert!(found.iter().all(|s| s.id != hidden.id));
    }
}

async fn sitemap_lists_only_public_shops_and_products(store: Store) {
    let mut d = small_demo();
    d.shops[1].status = ShopStatus::Rejected;
    load(&store, &d).await;
    let slugs = store.public_shop_slugs().await.unwrap();
    assert!(!slugs.contains(&d.shops[1].slug));
    let visible = d
        .shops
        .iter()
        .filter(|s| s.status == ShopStatus::Verified)
        .count();
    assert_eq!(slugs.len(), visible);
    let count = store.public_product_count().await.unwrap();
    let first = store.public_product_ids(10, 0).await.unwrap();
    let rest = store.public_product_ids(1_000_000, 10).await.unwrap();
    assert_eq!((first.len() + rest.len()) as i64, count);
    assert!(first.windows(2).all(|w| w[0] < w[1]) && first.last() < rest.first());
}

async fn carts_never_hold_more_than_the_stock(store: Store) {
    let mut d = small_demo();
    d.shops[1].status = ShopStatus::Pending;
    load(&store, &d).await;
    let a = buyer_with_phone(&store, "a@contoh.test", "+6281200000001").await;
    let b = buyer_with_phone(&store, "b@contoh.test", "+6281200000002").await;
    let p = product_in_stock(&store).await;
    store.set_stock(p.id, 3).await.unwrap();
    assert_eq!(
        store.add_to_cart(a, p.id, 2, anchor()).await.unwrap(),
        Ok(2)
    );
    assert_eq!(
        store.add_to_cart(a, p.id, 2, anchor()).await.unwrap(),
        Err(CartRefusal::NotEnoughStock { can_add: 1 })
    );
    assert_eq!(
        store.add_to_cart(a, p.id, 1, anchor()).await.unwrap(),
        Ok(3)
    );
    assert_eq!(
        store.add_to_cart(a, p.id, 1, anchor()).await.unwrap(),
        Err(CartRefusal::NotEnoughStock { can_add: 0 })
    );
    assert_eq!(store.cart_lines(a).await.unwrap(), vec![(p.id, 3)]);
    // Each buyer has their own cart.
    assert_eq!(
        store.add_to_cart(b, p.id, 1, anchor()).await.unwrap(),
        Ok(1)
    );
    assert_eq!(store.cart_lines(b).await.unwrap(), vec![(p.id, 1)]);
    // Hidden products cannot be added.
    let hidden = d
        .products
        .iter()
        .find(|x| x.shop_id == d.shops[1].id)
        .unwrap();
    assert_eq!(
        store.add_to_cart(a, hidden.id, 1, anchor()).await.unwrap(),
        Err(CartRefusal::NotForSale)
    );
    store.set_product_active(p.id, false).await.unwrap();
    assert_eq!(
        store.add_to_cart(b, p.id, 1, anchor()).await.unwrap(),
        Err(CartRefusal::NotForSale)
    );
    assert!(matches!(
        store.add_to_cart(a, p.id, 0, anchor()).await,
        Err(StoreError::Check(_))
    ));
    assert_eq!(
        store.cart_lines(a).await.unwrap(),
        vec![(p.id, 3)],
        "refusals change nothing"
    );
}

async fn ratings_average_the_reviews(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    // Reviews in the demo are of each reviewed order's first item.
    let mut by_product: HashMap<i64, Vec<i64>> = HashMap::new();
    for o in &d.orders {
        if let (Some((stars, _)), Some(first)) = (o.review, o.items.first()) {
            by_product.entry(first.product_id).or_default().push(stars);
        }
    }
    assert!(!by_product.is_empty(), "the demo has reviews");
    let x10 = |v: &[i64]| ((v.iter().sum::<i64>() as f64 / v.len() as f64) * 10.0).round() as i64;
    // The product page reads them with the product (a hidden product has
    // no page).
    let mut checked = 0;
    for (pid, stars) in &by_product {
        let Ok((_, facts)) = store.product(*pid).await else {
            continue;
        };
        let r = facts.rating;
        assert_eq!(
            (r.count, r.average_x10),
            (stars.len() as i64, x10(stars)),
            "product {pid}"
        );
        checked += 1;
        if checked == 20 {
            break;
        }
    }
    assert_eq!(checked, 20, "twenty reviewed products have pages");
    let shop = &d.shops[0];
    let stars: Vec<i64> = by_product
        .iter()
        .filter(|(pid, _)| {
            d.products
                .iter()
                .any(|p| p.id == **pid && p.shop_id == shop.id)
        })
        .flat_map(|(_, s)| s.iter().copied())
        .collect();
    assert!(!stars.is_empty(), "the first shop has reviews");
    let r = store.shop_by_slug(&shop.slug).await.unwrap().1.rating;
    assert_eq!((r.count, r.average_x10), (stars.len() as i64, x10(&stars)));
    let unreviewed = d
        .products
        .iter()
        .find(|p| !by_product.contains_key(&p.id) && p.shop_id == shop.id)
        .unwrap();
    let r = store.product(unreviewed.id).await.unwrap().1.rating;
    assert_eq!((r.count, r.average_x10), (0, 0));
    // A shop whose reviews are all gone.
    let quiet = d
        .shops
        .iter()
        .find(|s| s.status == ShopStatus::Verified && s.id != shop.id)
        .unwrap();
    store
        .execute_admin(&format!(
            "DELETE FROM reviews WHERE product_id IN (SELECT id FROM products WHERE shop_id = {})",
            quiet.id
        ))
        .await
        .unwrap();
    let r = store.shop_by_slug(&quiet.slug).await.unwrap().1.rating;
    assert_eq!((r.count, r.average_x10), (0, 0));
}

/// A product as the search reference model sees it.
struct RefProduct {
    id: i64,
    name: String,
    text: String,
    price: i64,
    stock: i64,
    created_at: DateTime<Utc>,
    sold: i64,
    category: &'static str,
    kecamatan: &'static str,
    kind: ShopKind,
    mbr: bool,
    shop_id: i64,
}

/// What a search must return (how many, capped; whether more; the page),
/// computed in Rust from the generated data: the definition both engines
/// are held to, whichever plan they take.
fn reference_search(
    all: &[RefProduct],
    f: &SearchFilter,
    category_slug: Option<&str>,
) -> (i64, bool, Vec<i64>) {
    let mut hits: Vec<&RefProduct> = all
        .iter()
        .filter(|p| {
            // Words of three or more letters anywhere, shorter ones must
            // start a word of the name.
            f.words.iter().all(|w| {
                if w.chars().count() >= 3 {
                    p.text.contains(w.as_str())
                } else {
                    p.name.contains(&format!(" {w}"))
                }
            })
        })
        .filter(|p| category_slug.is_none_or(|c| p.category == c))
        .filter(|p| f.kecamatan.as_deref().is_none_or(|k| p.kecamatan == k))
        .filter(|p| f.kind.is_none_or(|k| p.kind == k))
        .filter(|p| !f.mbr_only || p.mbr)
        .filter(|p| f.price_min.is_none_or(|m| p.price >= m))
        .filter(|p| f.price_max.is_none_or(|m| p.price <= m))
        .filter(|p| !f.in_stock || p.stock > 0)
        .filter(|p| f.shop_id.is_none_or(|s| p.shop_id == s))
        .collect();
    let phrase = normalize(&f.words.join(" "));
    let score = |p: &RefProduct| -> i64 {
        let words: i64 = f
            .words
            .iter()
            .map(|w| {
                if p.name.contains(&format!(" {w}")) {
                    3
                } else if p.name.contains(w.as_str()) {
                    2
                } else {
                    1
                }
            })
            .sum();
        words + if p.name.starts_with(&phrase) { 3 } else { 0 }
    };
    match f.sort {
        SearchSort::Relevance if !f.words.is_empty() => {
            hits.sort_by_key(|b| std::cmp::Reverse((score(b), b.sold, b.id)))
        }
        SearchSort::Relevance | SearchSort::BestSelling => {
            hits.sort_by_key(|b| std::cmp::Reverse((b.sold, b.id)))
        }
        SearchSort::Cheapest => hits.sort_by_key(|p| (p.price, p.id)),
        SearchSort::Priciest => hits.sort_by_key(|b| std::cmp::Reverse((b.price, b.id))),
        SearchSort::Newest => hits.sort_by_key(|b| std::cmp::Reverse((b.created_at, b.id))),
    }
    let total = hits.len() as i64;
    let page = hits
        .into_iter()
        .skip(f.offset as usize)
        .take(f.limit as usize)
        .map(|p| p.id)
        .collect();
    (total.min(f.count_cap), total > f.count_cap, page)
}

async fn search_finds_parts_of_words_and_matches_the_reference(store: Store) {
    let mut d = small_demo();
    d.shops[1].status = ShopStatus::Pending;
    // Capitals and accents in the data; plain lowercase words must find them.
    d.products[0].name = "Kopi Bubuk Spésial GAYO 200 g".into();
    d.products[2].stock = 0;
    // A two-letter word starting a name, and the same letters inside words.
    d.products[3].name = "Es Teh Manis Jumbo".into();
    d.products[4].name = "Bandeng Presto Duri Lunak".into();
    // "kopi" in a description only: relevance ranks it below every name match.
    let other = (5..d.products.len())
        .find(|&i| !d.products[i].name.to_lowercase().contains("kopi"))
        .unwrap();
    d.products[other].description.push_str(" Teman minum kopi.");
    // The three best sellers of verified shops are named "Kopi …": the top
    // of a relevance page for "kopi" is then settled by the best sellers.
    let mut sold_before: HashMap<i64, i64> = HashMap::new();
    for o in d
        .orders
        .iter()
        .filter(|o| o.status == OrderStatus::Completed)
    {
        for i in &o.items {
            *sold_before.entry(i.product_id).or_default() += i.qty;
        }
    }
    let mut best: Vec<usize> = (5..d.products.len())
        .filter(|&i| {
            i != other && d.shops[d.products[i].shop_id as usize - 1].status == ShopStatus::Verified
        })
        .collect();
    best.sort_by_key(|&i| {
        let p = &d.products[i];
        std::cmp::Reverse((sold_before.get(&p.id).copied().unwrap_or(0), p.id))
    });
    for (n, &i) in best.iter().take(3).enumerate() {
        d.products[i].name = format!("Kopi Tubruk Lanang {n} 250 g");
    }
    load(&store, &d).await;

    let category_names: HashMap<&str, &str> = reference::categories().into_iter().collect();
    let category_ids: HashMap<String, i64> = store
        .categories()
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.slug, c.id))
        .collect();
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
    let all: Vec<RefProduct> = d
        .products
        .iter()
        .filter_map(|p| {
            let shop = &d.shops[p.shop_id as usize - 1];
            (shop.status == ShopStatus::Verified).then(|| RefProduct {
                id: p.id,
                name: normalize(&p.name),
                text: product_text(
                    &p.name,
                    category_names[p.category],
                    &shop.name,
                    &p.description,
                ),
                price: p.price,
                stock: p.stock,
                created_at: p.created_at,
                sold: sold.get(&p.id).copied().unwrap_or(0),
                category: p.category,
                kecamatan: shop.kecamatan,
                kind: shop.kind,
                mbr: shop.is_mbr,
                shop_id: shop.id,
            })
        })
        .collect();
    assert!(all.iter().any(|p| p.sold > 0), "some products have sold");

    let q = |words: &str| SearchFilter {
        words: query_words(words),
        limit: 1000,
        ..SearchFilter::default()
    };
    let p0 = &d.products[0];
    let shop0 = &d.shops[0];
    let shop_word = shop0.name.split_whitespace().last().unwrap().to_lowercase();
    let cat2 = category_names[d.products[2].category].to_lowercase();
    let mut cases: Vec<(String, SearchFilter, Option<&str>)> = vec![
        ("kopi".into(), q("kopi"), None),
        ("KOPI".into(), q("KOPI"), None),
        ("partial kop".into(), q("kop"), None),
        ("accent".into(), q("Spesial"), None),
        ("accent typed".into(), q("SPÉSIAL gayo"), None),
        ("two words reversed".into(), q("bubuk kopi"), None),
        ("two words in name order".into(), q("kopi bubuk"), None),
        ("shop name".into(), q(&shop_word), None),
        ("category name".into(), q(&cat2), None),
        ("nothing".into(), q("zzzqqq"), None),
        ("short word".into(), q("es"), None),
        ("short word with another".into(), q("es manis"), None),
        ("one letter".into(), q("g kopi"), None),
        ("digits".into(), q("200 g"), None),
    ];
    let slug = d.products[2].category;
    cases.push((
        "category filter".into(),
        SearchFilter {
            category_id: Some(category_ids[slug]),
            ..q("")
        },
        Some(slug),
    ));
    cases.push((
        "kecamatan".into(),
        SearchFilter {
            kecamatan: Some(shop0.kecamatan.to_string()),
            ..q("")
        },
        None,
    ));
    cases.push((
        "kind and mbr".into(),
        SearchFilter {
            kind: Some(ShopKind::Umkm),
            mbr_only: true,
            ..q("")
        },
        None,
    ));
    cases.push((
        "price range in stock".into(),
        SearchFilter {
            price_min: Some(10_000),
            price_max: Some(20_000),
            in_stock: true,
            ..q("")
        },
        None,
    ));
    for sort in SearchSort::ALL {
        cases.push((
            format!("inside one shop {sort:?}"),
            SearchFilter {
                shop_id: Some(shop0.id),
                sort,
                ..q("")
            },
            None,
        ));
    }
    for sort in SearchSort::ALL {
        cases.push((
            format!("all {sort:?}"),
            SearchFilter { sort, ..q("") },
            None,
        ));
        cases.push((
            format!("kopi {sort:?}"),
            SearchFilter { sort, ..q("kopi") },
            None,
        ));
    }
    cases.push((
        "second page".into(),
        SearchFilter {
            sort: SearchSort::BestSelling,
            limit: 5,
            offset: 5,
            ..q("")
        },
        None,
    ));
    // Recounting sales changes nothing: the import wrote the same counts.
    store.refresh_sold_counts().await.unwrap();
    // Every case six ways: as served; with every word "common" (so SQLite
    // reads rows in index order, and relevance comes in two parts: name
    // matches, then the rest); with counting capped low, both ways; with a window of
    // rows read in order too small for some pages (so the fallback sorts
    // every match); and one short page of the two-part ranking.
    let mut two_part_pages = 0;
    for (name, f, category) in &cases {
        for (plan, f) in [
            ("index hits", f.clone()),
            (
                "row by row",
                SearchFilter {
                    scan_above: 0,
                    ..f.clone()
                },
            ),
            (
                "count capped",
                SearchFilter {
                    count_cap: 3,
                    ..f.clone()
                },
            ),
            (
                "common words, count capped",
                SearchFilter {
                    scan_above: 0,
                    count_cap: 3,
                    ..f.clone()
                },
            ),
            (
                "small window",
                SearchFilter {
                    scan_above: 0,
                    scan_window: 0,
                    limit: 2,
                    offset: 1,
                    ..f.clone()
                },
            ),
            (
                "two parts, one page",
                SearchFilter {
                    scan_above: 0,
                    limit: 4,
                    offset: 2,
                    ..f.clone()
                },
            ),
            (
                "best sellers first",
                SearchFilter {
                    window_first_above: 0,
                    name_prefix_first: false,
                    ..f.clone()
                },
            ),
            (
                "best sellers first, short page",
                SearchFilter {
                    window_first_above: 0,
                    name_prefix_first: false,
                    limit: 3,
                    offset: 1,
                    ..f.clone()
                },
            ),
            (
                "names starting with the query first, short page",
                SearchFilter {
                    limit: 2,
                    offset: 1,
                    ..f.clone()
                },
            ),
            (
                "common words, count capped, short page",
                SearchFilter {
                    scan_above: 0,
                    count_cap: 3,
                    limit: 2,
                    offset: 1,
                    ..f.clone()
                },
            ),
            (
                "common words, tiny window, one result",
                SearchFilter {
                    scan_above: 0,
                    scan_window: 0,
                    limit: 1,
                    ..f.clone()
                },
            ),
            (
                "common words, no name prefix, short page",
                SearchFilter {
                    scan_above: 0,
                    scan_window: 0,
                    name_prefix_first: false,
                    limit: 2,
                    offset: 1,
                    ..f.clone()
                },
            ),
            (
                "past the last page",
                SearchFilter {
                    offset: 100_000,
                    ..f.clone()
                },
            ),
        ] {
            let hits = store.search(&f).await.unwrap();
            let got: Vec<i64> = hits.products.iter().map(|p| p.id).collect();
            let want = reference_search(&all, &f, *category);
            assert_eq!((hits.total, hits.more, got), want, "{name}, {plan}");
            if plan == "two parts, one page" && f.sort == SearchSort::Relevance {
                two_part_pages += 1;
            }
        }
    }
    assert!(two_part_pages > 10);
    // The best sellers alone settle a page whose every product has the top
    // score, with the reference's answer; a page they cannot settle is left
    // to the full ranking.
    let top3 = SearchFilter {
        scan_above: 0,
        scan_window: 0,
        limit: 3,
        ..q("kopi")
    };
    assert_eq!(
        store.best_selling_name_matches(&top3).await.unwrap(),
        Some(reference_search(&all, &top3, None).2)
    );
    let whole = SearchFilter {
        limit: 1000,
        ..top3.clone()
    };
    assert_eq!(store.best_selling_name_matches(&whole).await.unwrap(), None);
    // The names starting with the whole query settle a page they fill,
    // with the reference's answer, on either engine; a page they cannot
    // fill is left to the other plans.
    let kopi_names = all.iter().filter(|p| p.name.starts_with(" kopi")).count() as i64;
    assert!(kopi_names >= 4, "{kopi_names} names start with kopi");
    for (limit, offset) in [(3, 0), (2, 1), (1, kopi_names - 1)] {
        let f = SearchFilter {
            limit,
            offset,
            ..q("kopi")
        };
        assert_eq!(
            store.name_prefix_page(&f).await.unwrap(),
            Some(reference_search(&all, &f, None).2),
            "{limit} from {offset}"
        );
    }
    for f in [
        SearchFilter {
            limit: kopi_names + 1,
            ..q("kopi")
        },
        SearchFilter {
            limit: 1,
            offset: kopi_names,
            ..q("kopi")
        },
        q("bubuk kopi"),
    ] {
        assert_eq!(store.name_prefix_page(&f).await.unwrap(), None);
    }
    let two_words = SearchFilter {
        limit: 1,
        ..q("kopi bubuk")
    };
    let want = reference_search(&all, &two_words, None).2;
    assert_eq!(want.len(), 1);
    assert_eq!(
        store.name_prefix_page(&two_words).await.unwrap(),
        Some(want)
    );
    // SQLite: a word with many index hits asks the best sellers first; a
    // page they settle skips sorting every match. Either way the page
    // comes with its count in one statement, then its cards.
    if store.backend() == Backend::Sqlite {
        let settled = SearchFilter {
            window_first_above: 0,
            name_prefix_first: false,
            limit: 3,
            ..q("kopi")
        };
        let sorted = SearchFilter {
            window_first_above: i64::MAX,
            ..settled.clone()
        };
        let mut trips = Vec::new();
        for f in [&settled, &sorted] {
            store.search(f).await.unwrap();
            let before = store.round_trips();
            let hits = store.search(f).await.unwrap();
            trips.push(store.round_trips() - before);
            let got: Vec<i64> = hits.products.iter().map(|p| p.id).collect();
            assert_eq!(
                (hits.total, hits.more, got),
                reference_search(&all, f, None)
            );
        }
        assert_eq!(trips, [2, 2], "best sellers, sorted");
    }
    // The cases do reach both sides of the two-part ranking: a page holding
    // name matches and then others.
    let mixed = reference_search(
        &all,
        &SearchFilter {
            limit: 1000,
            ..q("kopi")
        },
        None,
    );
    let in_name = all
        .iter()
        .filter(|p| p.name.contains("kopi") && p.text.contains("kopi"))
        .count();
    assert!(
        in_name > 0 && (mixed.2.len() > in_name),
        "kopi matches both in names ({in_name}) and elsewhere ({})",
        mixed.2.len()
    );

    // The issue's examples: a part of a word, any case, any accent.
    for words in ["kop", "KOPI", "spesial", "Spésial", "gayo bubuk"] {
        let found = store.search(&q(words)).await.unwrap().products;
        assert!(
            found.iter().any(|p| p.id == p0.id),
            "{words} finds {}",
            p0.name
        );
    }
    assert_eq!(store.search(&q("zzzqqq")).await.unwrap().total, 0);
    // SQLite asks its index how common a word is once a minute, not on
    // every search, and remembers that the names starting with the query
    // did not fill the page: the same search again makes two round trips
    // fewer and gives the same answer.
    let before = store.round_trips();
    let first = store.search(&q("lunak duri")).await.unwrap();
    let middle = store.round_trips();
    let again = store.search(&q("lunak duri")).await.unwrap();
    let saved = (middle - before) - (store.round_trips() - middle);
    assert_eq!(first, again);
    assert_eq!(saved, 2 * u64::from(store.backend() == Backend::Sqlite));
    // A count past its cap is remembered for a minute on both engines (it
    // reads "1.000+" whatever happens to a few products); an exact count
    // is asked for every time.
    let trips = |f: SearchFilter| {
        let store = store.clone();
        async move {
            let before = store.round_trips();
            let hits = store.search(&f).await.unwrap();
            (hits, store.round_trips() - before)
        }
    };
    let broad = SearchFilter {
        sort: SearchSort::Cheapest,
        count_cap: 2,
        ..q("")
    };
    let (first, first_trips) = trips(broad.clone()).await;
    let (again, again_trips) = trips(broad.clone()).await;
    assert!(first.more && first.total == 2, "{first:?}");
    assert_eq!(first, again);
    assert_eq!(again_trips + 1, first_trips);
    let exact = SearchFilter {
        count_cap: 100_000,
        ..broad
    };
    let (first, first_trips) = trips(exact.clone()).await;
    let (again, again_trips) = trips(exact).await;
    assert!(!first.more && first.total > 2);
    assert_eq!((first, first_trips), (again, again_trips));
    // A first page the best sellers settle takes two statements: the page
    // with its count, then the cards (SQLite's word probe is remembered
    // from the first search).
    let _ = trips(top3.clone()).await;
    let (settled, settled_trips) = trips(top3.clone()).await;
    let ids: Vec<i64> = settled.products.iter().map(|p| p.id).collect();
    assert_eq!(
        (settled.total, settled.more, ids),
        reference_search(&all, &top3, None)
    );
    assert_eq!(settled_trips, 2);
    // Short words start a word: "es" finds "Es Teh", not "Presto".
    let es = store.search(&q("es")).await.unwrap().products;
    assert!(es.iter().any(|p| p.id == d.products[3].id));
    assert!(es.iter().all(|p| p.id != d.products[4].id));

    // A product whose index text went missing is found again after migrate.
    store
        .execute_admin(&format!(
            "UPDATE products SET search_text = '' WHERE id = {}",
            p0.id
        ))
        .await
        .unwrap();
    let found = store.search(&q("gayo")).await.unwrap().products;
    assert!(
        found.iter().all(|p| p.id != p0.id),
        "blanked product not found"
    );
    store.migrate().await.unwrap();
    let found = store.search(&q("gayo")).await.unwrap().products;
    assert!(found.iter().any(|p| p.id == p0.id), "re-indexed on migrate");

    // A shop's products are re-indexed together (after a rename).
    store
        .execute_admin(&format!(
            "UPDATE shops SET name = 'Warung Zamrud Baru' WHERE id = {}",
            shop0.id
        ))
        .await
        .unwrap();
    let n = store.refresh_search_text(Some(shop0.id)).await.unwrap();
    let in_shop = d.products.iter().filter(|p| p.shop_id == shop0.id).count() as u64;
    assert_eq!(n, in_shop);
    let hits = store.search(&q("zamrud")).await.unwrap();
    let found = hits.products;
    assert_eq!(hits.total as u64, in_shop);
    assert!(found.iter().all(|p| p.shop_slug == shop0.slug));

    // Words for spelling correction come from visible products' names.
    let names = store.searchable_names().await.unwrap();
    assert!(names.iter().any(|n| n.contains("spesial gayo")));
}

/// Many people writing at once: registrations, address saves and adds to
/// cart, each its own user's row. None may fail (on SQLite a deferred
/// transaction that reads then writes fails with "database is locked"
/// instead of waiting), and concurrent adds to one line never pass the stock.
async fn concurrent_writes_of_many_users_all_succeed(store: Store) {
    load(&store, &small_demo()).await;
    let p = product_in_stock(&store).await;
    store.set_stock(p.id, 7).await.unwrap();
    let address = |label: String| AddressInput {
        label,
        recipient: "Penerima".into(),
        phone: "+6281234567890".into(),
        kecamatan: "Gubeng".into(),
        kelurahan: "Airlangga".into(),
        street: "Jl. Dharmawangsa 5".into(),
        rt_rw: None,
        notes: None,
        pin: None,
        is_default: false,
    };
    let mut tasks = Vec::new();
    for i in 0..50 {
        let store = store.clone();
        let pid = p.id;
        tasks.push(tokio::spawn(async move {
            let mut u = user(Role::Umum, &format!("serentak{i}@contoh.test"));
            u.phone = Some(format!("+628130000{i:04}"));
            let id = store.create_user(&u, anchor()).await?;
            store
                .save_address(id, None, &address(format!("Rumah {i}")), anchor())
                .await?;
            store
                .save_address(id, None, &address(format!("Kantor {i}")), anchor())
                .await?;
            // Fifty buyers race for the same product; each also adds twice
            // to their own line at once.
            let (a, b) = tokio::join!(
                store.add_to_cart(id, pid, 4, anchor()),
                store.add_to_cart(id, pid, 5, anchor())
            );
            Ok::<_, StoreError>((id, a?, b?))
        }));
    }
    let mut users = Vec::new();
    for t in tasks {
        let (id, a, b) = t.await.unwrap().expect("no write fails under concurrency");
        // Stock 7: 4 and 5 together would be 9, so exactly one gets in.
        match (a, b) {
            (Ok(4), Err(CartRefusal::NotEnoughStock { can_add: 3 }))
            | (Err(CartRefusal::NotEnoughStock { can_add: 2 }), Ok(5)) => {}
            other => panic!("both adds to one line of stock 7: {other:?}"),
        }
        users.push(id);
    }
    let mut distinct = users.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 50);
    for id in users {
        let addresses = store.addresses(id).await.unwrap();
        assert_eq!(addresses.len(), 2, "both addresses of {id} saved");
        assert_eq!(addresses.iter().filter(|a| a.is_default).count(), 1);
        let lines = store.cart_lines(id).await.unwrap();
        assert_eq!(lines.len(), 1);
        assert!(lines[0].1 <= 7, "a line never holds more than the stock");
    }
}

/// The same key chosen by two users, or by one user for two kinds of
/// request, names different requests; only the same (user, kind, key)
/// is the same request again.
async fn idempotency_keys_are_scoped_to_user_and_kind(store: Store) {
    let a = buyer_with_phone(&store, "a@contoh.test", "+6281200000001").await;
    let b = buyer_with_phone(&store, "b@contoh.test", "+6281200000002").await;
    let insert = |user: i64, scope: &str| {
        format!(
            "INSERT INTO idempotency_keys (user_id, scope, key, created_at) \
             VALUES ({user}, '{scope}', 'kunci-yang-sama-01', '2026-11-01T03:00:00Z')"
        )
    };
    store.execute_admin(&insert(a, "checkout")).await.unwrap();
    store.execute_admin(&insert(b, "checkout")).await.unwrap();
    store.execute_admin(&insert(a, "payment")).await.unwrap();
    assert!(
        store.execute_admin(&insert(a, "checkout")).await.is_err(),
        "the same request again is refused by the key"
    );
}

/// Orders move only as the domain's state machine allows; each move keeps
/// the numbers that depend on it true in the same transaction: units sold
/// (what "best-selling" sorts by) and stock given back on cancellation,
/// exactly once even when two people cancel at the same moment.
async fn orders_move_only_as_the_rules_allow_and_keep_counts_true(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    let units = |o: &demo::DemoOrder, pid: i64| -> i64 {
        o.items
            .iter()
            .filter(|i| i.product_id == pid)
            .map(|i| i.qty)
            .sum()
    };
    let buyer = |o: &demo::DemoOrder| Mover {
        actor: Actor::Buyer,
        user_id: Some(o.buyer_id),
    };
    let admin = Mover {
        actor: Actor::Admin,
        user_id: None,
    };
    let t = anchor() + chrono::Duration::days(400);

    let shipped = d
        .orders
        .iter()
        .find(|o| o.status == OrderStatus::Shipped)
        .expect("an order on its way");
    let pid = shipped.items[0].product_id;
    let sold_before = store.sold_count(pid).await.unwrap();
    assert_eq!(
        store
            .move_order(shipped.id, OrderStatus::Completed, admin, None, t)
            .await
            .unwrap(),
        Err(MoveRefusal::Rules(TransitionError::NotYours {
            actor: Actor::Admin
        })),
        "the city does not confirm receipt"
    );
    assert_eq!(
        store
            .move_order(shipped.id, OrderStatus::Processing, buyer(shipped), None, t)
            .await
            .unwrap(),
        Err(MoveRefusal::Rules(TransitionError::NotFromHere {
            from: OrderStatus::Shipped,
            to: OrderStatus::Processing
        }))
    );
    assert_eq!(
        store.sold_count(pid).await.unwrap(),
        sold_before,
        "refusals change nothing"
    );
    let moved = store
        .move_order(shipped.id, OrderStatus::Completed, buyer(shipped), None, t)
        .await
        .unwrap()
        .unwrap();
    assert!(moved.effects.mark_completed);
    assert_eq!(
        store.sold_count(pid).await.unwrap(),
        sold_before + units(shipped, pid)
    );
    // A complaint takes it out of the completed orders again.
    store
        .move_order(
            shipped.id,
            OrderStatus::Complained,
            buyer(shipped),
            Some("Kurang satu"),
            t,
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store.sold_count(pid).await.unwrap(), sold_before);
    store
        .move_order(shipped.id, OrderStatus::Completed, admin, None, t)
        .await
        .unwrap()
        .unwrap();
    let kept = store.sold_count(pid).await.unwrap();
    assert_eq!(kept, sold_before + units(shipped, pid));
    // The kept count equals a recount from the orders themselves.
    store.refresh_sold_counts().await.unwrap();
    assert_eq!(store.sold_count(pid).await.unwrap(), kept);

    // Two cancellations of one open order at once: one wins, stock comes
    // back once.
    // The demo's history is over: reopen a cancelled order (not counted as
    // sold) as one the shop is processing.
    let open = d
        .orders
        .iter()
        .find(|o| o.id != shipped.id && o.status == OrderStatus::Cancelled)
        .expect("a cancelled order to reopen");
    store
        .execute_admin(&format!(
            "UPDATE orders SET status = 'diproses' WHERE id = {}",
            open.id
        ))
        .await
        .unwrap();
    let pid = open.items[0].product_id;
    let stock_before = store.stock(pid).await.unwrap();
    let (a, b) = tokio::join!(
        store.move_order(open.id, OrderStatus::Cancelled, admin, Some("Uji"), t),
        store.move_order(open.id, OrderStatus::Cancelled, admin, Some("Uji"), t)
    );
    let results = [a.unwrap(), b.unwrap()];
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(results.iter().any(|r| matches!(
        r,
        Err(MoveRefusal::Moved | MoveRefusal::Rules(TransitionError::NotFromHere { .. }))
    )));
    assert_eq!(
        store.stock(pid).await.unwrap(),
        stock_before + units(open, pid)
    );
    assert_eq!(
        store.order_status(open.id).await.unwrap(),
        Some(OrderStatus::Cancelled)
    );
    assert_eq!(
        store
            .move_order(424_242, OrderStatus::Cancelled, admin, None, t)
            .await
            .unwrap(),
        Err(MoveRefusal::NotFound)
    );
}

// ---------------------------------------------------------------------
// Checkout, payments and expiry.

use app::domain::delivery::{CityRates, DeliveryMethod};
use app::domain::payment::{ChargeStatus, Outcome};
use app::domain::{PaymentMethod, Rupiah};
use app::server::store::{
    price_cart, CheckoutRefusal, CheckoutRequest, EventResult, GatewayEvent, Placed,
};
use std::collections::BTreeMap;

/// Two products of two different shops, in stock.
async fn two_shops_products(store: &Store) -> (app::model::ProductCard, app::model::ProductCard) {
    let all = store.newest_products(200).await.unwrap();
    let a = all
        .iter()
        .find(|p| p.stock >= 5)
        .expect("a product")
        .clone();
    let b = all
        .iter()
        .find(|p| p.stock >= 5 && p.shop_slug != a.shop_slug)
        .expect("a product of another shop")
        .clone();
    (a, b)
}

/// A buyer (`n` makes them unique) with one address; returns (user, address).
async fn shopper(store: &Store, n: usize) -> (i64, i64) {
    let u = buyer_with_phone(
        store,
        &format!("pembeli{n}@contoh.test"),
        &format!("+62812{n:08}"),
    )
    .await;
    let addr = store
        .save_address(u, None, &address("Rumah", "Gubeng", true), anchor())
        .await
        .unwrap();
    (u, addr)
}

/// The request the review page would make for the buyer's cart now.
async fn request(
    store: &Store,
    buyer: i64,
    addr: i64,
    method: PaymentMethod,
    key: &str,
) -> CheckoutRequest {
    let rows = store.cart_rows(buyer).await.unwrap();
    let place = store
        .address_row(buyer, addr)
        .await
        .unwrap()
        .unwrap()
        .place();
    // Pickup everywhere: the fee never depends on where the demo put shops.
    let delivery: BTreeMap<i64, DeliveryMethod> = rows
        .iter()
        .map(|r| (r.shop_id, DeliveryMethod::Pickup))
        .collect();
    let total = price_cart(&rows, &place, &delivery, &CityRates::default())
        .map(|p| p.total)
        .unwrap_or(Rupiah(0));
    let mut cart: BTreeMap<i64, i64> = BTreeMap::new();
    for r in &rows {
        *cart.entry(r.product_id).or_default() += r.qty;
    }
    CheckoutRequest {
        buyer_id: buyer,
        key: key.into(),
        fingerprint: format!("fp-{key}-{}", total.get()),
        address_id: addr,
        method,
        delivery,
        expect_cart: cart.into_iter().collect(),
        expect_total: total,
        city: CityRates::default(),
        pay_within: match method {
            PaymentMethod::Cod => None,
            _ => Some(1800),
        },
        now: anchor(),
    }
}

async fn count(store: &Store, sql: &str) -> i64 {
    store.count(sql).await.unwrap()
}

/// One checkout across two shops: one group, one order per shop with item
/// snapshots, history rows, a payment, stock reserved, the cart emptied;
/// the same key again returns the first group; the key with another
/// request is refused.
async fn checkout_writes_one_group_and_the_key_returns_it_again(store: Store) {
    load(&store, &small_demo()).await;
    let (pa, pb) = two_shops_products(&store).await;
    let (buyer, addr) = shopper(&store, 1).await;
    store
        .add_to_cart(buyer, pa.id, 2, anchor())
        .await
        .unwrap()
        .unwrap();
    store
        .add_to_cart(buyer, pb.id, 1, anchor())
        .await
        .unwrap()
        .unwrap();
    let (sa, sb) = (
        store.stock(pa.id).await.unwrap(),
        store.stock(pb.id).await.unwrap(),
    );
    let req = request(
        &store,
        buyer,
        addr,
        PaymentMethod::Cod,
        "kunci-pertama-0001",
    )
    .await;
    let placed: Placed = store.place_order(&req).await.unwrap().unwrap();
    assert!(!placed.replay);
    assert!(placed.code.starts_with("PKN-261101-"), "{}", placed.code);
    assert_eq!(placed.total, Rupiah(pa.price * 2 + pb.price));
    assert_eq!(store.stock(pa.id).await.unwrap(), sa - 2);
    assert_eq!(store.stock(pb.id).await.unwrap(), sb - 1);
    assert!(
        store.cart_rows(buyer).await.unwrap().is_empty(),
        "the cart is emptied"
    );
    let g = store.order_group(&placed.code).await.unwrap().unwrap();
    assert_eq!(g.orders.len(), 2, "one order per shop");
    assert_eq!(g.total, placed.total.get());
    for o in &g.orders {
        assert_eq!(
            o.status, "dibayar",
            "cash on delivery goes straight to the shop"
        );
        assert_eq!(o.history.len(), 1);
        assert_eq!(o.total, o.subtotal + o.delivery_fee);
        assert!(o.code.starts_with(&placed.code));
    }
    let names: Vec<_> = g
        .orders
        .iter()
        .flat_map(|o| o.items.iter().map(|i| i.product_name.clone()))
        .collect();
    assert!(names.contains(&pa.name) && names.contains(&pb.name));

    // The same form again (a double tap, a retry): the first group.
    let again = store.place_order(&req).await.unwrap().unwrap();
    assert!(again.replay);
    assert_eq!(again.code, placed.code);
    assert_eq!(
        store.stock(pa.id).await.unwrap(),
        sa - 2,
        "nothing reserved twice"
    );
    // The key with a different request is refused.
    let mut other = req.clone();
    other.fingerprint = "fp-lain".into();
    assert_eq!(
        store.place_order(&other).await.unwrap(),
        Err(CheckoutRefusal::KeyReused)
    );
    assert_eq!(
        count(
            &store,
            &format!("SELECT COUNT(*) FROM order_groups WHERE buyer_id = {buyer}")
        )
        .await,
        1
    );

    // An address that is not the buyer's writes nothing.
    let (stranger, their_addr) = shopper(&store, 2).await;
    store
        .add_to_cart(stranger, pa.id, 1, anchor())
        .await
        .unwrap()
        .unwrap();
    let mut forged = request(
        &store,
        stranger,
        their_addr,
        PaymentMethod::Cod,
        "kunci-kedua-00002",
    )
    .await;
    forged.address_id = addr;
    assert_eq!(
        store.place_order(&forged).await.unwrap(),
        Err(CheckoutRefusal::AddressNotFound)
    );
    // A total that is not the server's writes nothing.
    let mut cheap = request(
        &store,
        stranger,
        their_addr,
        PaymentMethod::Cod,
        "kunci-ketiga-00003",
    )
    .await;
    cheap.expect_total = Rupiah(1);
    assert!(matches!(
        store.place_order(&cheap).await.unwrap(),
        Err(CheckoutRefusal::TotalChanged { .. })
    ));
    // A cart that changed since the review writes nothing.
    let mut stale = request(
        &store,
        stranger,
        their_addr,
        PaymentMethod::Cod,
        "kunci-keempat-0004",
    )
    .await;
    stale.expect_cart = vec![(pa.id, 5)];
    assert_eq!(
        store.place_order(&stale).await.unwrap(),
        Err(CheckoutRefusal::CartChanged)
    );
    assert_eq!(store.stock(pa.id).await.unwrap(), sa - 2);
    assert_eq!(
        count(
            &store,
            &format!("SELECT COUNT(*) FROM order_groups WHERE buyer_id = {stranger}")
        )
        .await,
        0
    );
}

/// Many buyers at once for a product with 10 in stock: exactly 10 sold,
/// never below zero, everyone else told it is sold out; a buyer whose cart
/// spans two shops and loses one line gets nothing written at all.
async fn concurrent_checkouts_never_oversell(store: Store) {
    load(&store, &small_demo()).await;
    let (hot, other) = two_shops_products(&store).await;
    let other_stock = store.stock(other.id).await.unwrap();
    let mut reqs = Vec::new();
    for n in 0..40 {
        let (buyer, addr) = shopper(&store, 100 + n).await;
        store
            .add_to_cart(buyer, hot.id, 1, anchor())
            .await
            .unwrap()
            .unwrap();
        if n % 4 == 0 {
            // Two shops in one cart.
            store
                .add_to_cart(buyer, other.id, 1, anchor())
                .await
                .unwrap()
                .unwrap();
        }
        reqs.push(
            request(
                &store,
                buyer,
                addr,
                PaymentMethod::Cod,
                &format!("kunci-balapan-{n:04}"),
            )
            .await,
        );
    }
    store.set_stock(hot.id, 10).await.unwrap();
    let units_sql = format!(
        "SELECT CAST(COALESCE(SUM(qty), 0) AS BIGINT) FROM order_items WHERE product_id = {}",
        hot.id
    );
    let units_before = count(&store, &units_sql).await;
    let tasks: Vec<_> = reqs
        .into_iter()
        .map(|r| {
            let s = store.clone();
            tokio::spawn(async move { (r.expect_cart.len(), s.place_order(&r).await.unwrap()) })
        })
        .collect();
    let (mut sold, mut refused, mut two_shop_sold) = (0, 0, 0);
    for t in tasks {
        match t.await.unwrap() {
            (lines, Ok(_)) => {
                sold += 1;
                if lines == 2 {
                    two_shop_sold += 1;
                }
            }
            (_, Err(CheckoutRefusal::Problems(p))) => {
                assert_eq!(
                    p,
                    vec![app::domain::checkout::CartProblem::NotEnough {
                        product_id: hot.id,
                        left: 0
                    }]
                );
                refused += 1;
            }
            (_, Err(e)) => panic!("unexpected refusal {e:?}"),
        }
    }
    assert_eq!((sold, refused), (10, 30));
    assert_eq!(store.stock(hot.id).await.unwrap(), 0);
    assert_eq!(
        count(&store, &units_sql).await - units_before,
        10,
        "10 units in orders"
    );
    // The other shop's product left stock only for the two-shop carts that sold.
    assert_eq!(
        store.stock(other.id).await.unwrap(),
        other_stock - two_shop_sold
    );
}

/// The same checkout submitted 20 times at once makes one group.
async fn the_same_checkout_twenty_times_at_once_makes_one_group(store: Store) {
    load(&store, &small_demo()).await;
    let (pa, _) = two_shops_products(&store).await;
    let (buyer, addr) = shopper(&store, 7).await;
    store
        .add_to_cart(buyer, pa.id, 1, anchor())
        .await
        .unwrap()
        .unwrap();
    let req = request(
        &store,
        buyer,
        addr,
        PaymentMethod::Qris,
        "kunci-dobel-klik-01",
    )
    .await;
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (s, r) = (store.clone(), req.clone());
            tokio::spawn(async move { s.place_order(&r).await.unwrap().unwrap() })
        })
        .collect();
    let mut codes = std::collections::HashSet::new();
    let mut firsts = 0;
    for t in tasks {
        let p = t.await.unwrap();
        codes.insert(p.code);
        firsts += usize::from(!p.replay);
    }
    assert_eq!(codes.len(), 1, "every submission got the same order");
    assert_eq!(firsts, 1);
    assert_eq!(
        count(
            &store,
            &format!("SELECT COUNT(*) FROM order_groups WHERE buyer_id = {buyer}")
        )
        .await,
        1
    );
    assert_eq!(count(&store, &format!("SELECT COUNT(*) FROM payments p JOIN order_groups g ON g.id = p.group_id WHERE g.buyer_id = {buyer}")).await, 1);
}

/// Unpaid orders expire and give their stock back exactly once, even with
/// two runners at the same moment.
async fn unpaid_orders_expire_and_restock_exactly_once(store: Store) {
    load(&store, &small_demo()).await;
    let (pa, _) = two_shops_products(&store).await;
    let (buyer, addr) = shopper(&store, 9).await;
    store
        .add_to_cart(buyer, pa.id, 3, anchor())
        .await
        .unwrap()
        .unwrap();
    let before = store.stock(pa.id).await.unwrap();
    let placed = store
        .place_order(
            &request(
                &store,
                buyer,
                addr,
                PaymentMethod::Qris,
                "kunci-kedaluwarsa-1",
            )
            .await,
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store.stock(pa.id).await.unwrap(), before - 3);
    // Not yet due: nothing happens.
    assert_eq!(
        store
            .expire_unpaid(anchor() + chrono::Duration::minutes(29), 100)
            .await
            .unwrap(),
        0
    );
    let later = anchor() + chrono::Duration::minutes(31);
    let (a, b) = tokio::join!(
        store.expire_unpaid(later, 100),
        store.expire_unpaid(later, 100)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1, "one runner cancelled it");
    assert_eq!(store.stock(pa.id).await.unwrap(), before, "stock back once");
    let g = store.order_group(&placed.code).await.unwrap().unwrap();
    assert_eq!(g.orders[0].status, "dibatalkan");
    assert_eq!(g.payment_status, "expired");
    assert_eq!(g.orders[0].history.last().unwrap().actor_role, "system");
    assert_eq!(store.expire_unpaid(later, 100).await.unwrap(), 0);
    assert_eq!(store.stock(pa.id).await.unwrap(), before);
}

/// Gateway events: settle once per event id; a wrong amount or unknown
/// reference changes nothing; money after expiry is recorded and owed back.
async fn payment_events_settle_once_and_late_money_is_owed_back(store: Store) {
    load(&store, &small_demo()).await;
    let (pa, pb) = two_shops_products(&store).await;
    let (buyer, addr) = shopper(&store, 11).await;
    store
        .add_to_cart(buyer, pa.id, 1, anchor())
        .await
        .unwrap()
        .unwrap();
    store
        .add_to_cart(buyer, pb.id, 1, anchor())
        .await
        .unwrap()
        .unwrap();
    let placed = store
        .place_order(
            &request(
                &store,
                buyer,
                addr,
                PaymentMethod::Qris,
                "kunci-bayar-qris-01",
            )
            .await,
        )
        .await
        .unwrap()
        .unwrap();
    store
        .attach_charge(
            placed.payment_id,
            "sandbox",
            "SBX-satu",
            "000201",
            "/sandbox/bayar/SBX-satu",
        )
        .await
        .unwrap();
    let ev = |id: &str, r: &str, status, amount| GatewayEvent {
        event_id: id.into(),
        gateway_ref: r.into(),
        status,
        amount,
    };
    let total = placed.total.get();
    let now = anchor() + chrono::Duration::minutes(5);
    // A wrong amount: recorded and audited, nothing paid.
    assert!(matches!(
        store
            .apply_payment_event(&ev("evt-1", "SBX-satu", ChargeStatus::Paid, total - 1), now)
            .await
            .unwrap(),
        EventResult::Applied {
            outcome: Outcome::WrongAmount,
            ..
        }
    ));
    assert_eq!(
        store
            .order_group(&placed.code)
            .await
            .unwrap()
            .unwrap()
            .payment_status,
        "pending"
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'payment.amount_mismatch'"
        )
        .await,
        1
    );
    // An unknown reference.
    assert_eq!(
        store
            .apply_payment_event(
                &ev("evt-2", "SBX-tidak-ada", ChargeStatus::Paid, total),
                now
            )
            .await
            .unwrap(),
        EventResult::UnknownReference
    );
    // The right amount settles both shop orders.
    assert!(matches!(
        store
            .apply_payment_event(&ev("evt-3", "SBX-satu", ChargeStatus::Paid, total), now)
            .await
            .unwrap(),
        EventResult::Applied {
            outcome: Outcome::Settle,
            ..
        }
    ));
    let g = store.order_group(&placed.code).await.unwrap().unwrap();
    assert_eq!(g.payment_status, "paid");
    assert!(g.orders.iter().all(|o| o.status == "dibayar"));
    // A replay of the same event changes nothing.
    assert_eq!(
        store
            .apply_payment_event(&ev("evt-3", "SBX-satu", ChargeStatus::Paid, total), now)
            .await
            .unwrap(),
        EventResult::Replay
    );
    assert!(store
        .order_group(&placed.code)
        .await
        .unwrap()
        .unwrap()
        .orders
        .iter()
        .all(|o| o.history.len() == 2));

    // Money that arrives after the orders expired is kept and owed back.
    let (late_buyer, late_addr) = shopper(&store, 12).await;
    store
        .add_to_cart(late_buyer, pa.id, 1, anchor())
        .await
        .unwrap()
        .unwrap();
    let late = store
        .place_order(
            &request(
                &store,
                late_buyer,
                late_addr,
                PaymentMethod::VirtualAccount,
                "kunci-bayar-telat-1",
            )
            .await,
        )
        .await
        .unwrap()
        .unwrap();
    store
        .attach_charge(
            late.payment_id,
            "sandbox",
            "SBX-telat",
            "8808",
            "/sandbox/bayar/SBX-telat",
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .expire_unpaid(anchor() + chrono::Duration::hours(2), 100)
            .await
            .unwrap(),
        1
    );
    assert!(matches!(
        store
            .apply_payment_event(
                &ev("evt-4", "SBX-telat", ChargeStatus::Paid, late.total.get()),
                anchor() + chrono::Duration::hours(3)
            )
            .await
            .unwrap(),
        EventResult::Applied {
            outcome: Outcome::SettleLate,
            ..
        }
    ));
    let g = store.order_group(&late.code).await.unwrap().unwrap();
    assert_eq!(g.payment_status, "paid");
    assert_eq!(
        g.orders[0].status, "dibatalkan",
        "an expired order stays cancelled"
    );
    assert_eq!(g.orders[0].refund_amount, Some(late.total.get()));
    assert_eq!(g.orders[0].refund_status.as_deref(), Some("menunggu"));
}

/// A price that changed since the product went into the cart blocks the
/// checkout until the buyer accepts it; accepting takes the new price.
async fn changed_prices_wait_for_the_buyer(store: Store) {
    load(&store, &small_demo()).await;
    let (pa, _) = two_shops_products(&store).await;
    let (buyer, addr) = shopper(&store, 13).await;
    store
        .add_to_cart(buyer, pa.id, 2, anchor())
        .await
        .unwrap()
        .unwrap();
    store
        .execute_admin(&format!(
            "UPDATE products SET price = price + 500 WHERE id = {}",
            pa.id
        ))
        .await
        .unwrap();
    let req = request(
        &store,
        buyer,
        addr,
        PaymentMethod::Cod,
        "kunci-harga-naik-1",
    )
    .await;
    assert_eq!(
        store.place_order(&req).await.unwrap(),
        Err(CheckoutRefusal::Problems(vec![
            app::domain::checkout::CartProblem::PriceChanged {
                product_id: pa.id,
                from: Rupiah(pa.price),
                to: Rupiah(pa.price + 500)
            }
        ]))
    );
    assert!(store.accept_cart(buyer, anchor()).await.unwrap() >= 1);
    let req = request(
        &store,
        buyer,
        addr,
        PaymentMethod::Cod,
        "kunci-harga-naik-2",
    )
    .await;
    let placed = store.place_order(&req).await.unwrap().unwrap();
    assert_eq!(placed.total, Rupiah((pa.price + 500) * 2));
    // Quantities: set, refused above the stock, removed with 0.
    store
        .add_to_cart(buyer, pa.id, 1, anchor())
        .await
        .unwrap()
        .unwrap();
    let stock = store.stock(pa.id).await.unwrap();
    assert_eq!(
        store
            .set_cart_qty(buyer, pa.id, stock + 1, anchor())
            .await
            .unwrap(),
        Err(CartRefusal::NotEnoughStock { can_add: stock })
    );
    assert_eq!(
        store.set_cart_qty(buyer, pa.id, 2, anchor()).await.unwrap(),
        Ok(2)
    );
    assert_eq!(store.cart_count(buyer).await.unwrap(), 2);
    assert_eq!(
        store.set_cart_qty(buyer, pa.id, 0, anchor()).await.unwrap(),
        Ok(0)
    );
    assert_eq!(store.cart_count(buyer).await.unwrap(), 0);
}

// ---------------------------------------------------------------------
// The merchant's side.

use app::model::merchant::{ProductInput, ShopForm};
use app::server::store::{QuickEdit, Removed, ShopStep, VerifyRefusal};

/// A merchant account (`n` makes it unique).
async fn merchant_user(store: &Store, n: usize) -> i64 {
    store
        .create_user(
            &user(Role::Merchant, &format!("pedagang{n}@contoh.test")),
            anchor(),
        )
        .await
        .unwrap()
}

fn shop_form(name: &str) -> app::model::merchant::ShopInput {
    ShopForm {
        name: name.into(),
        kind: "umkm".into(),
        nik: "3578015208850002".into(),
        kecamatan: "Gubeng".into(),
        kelurahan: "Airlangga".into(),
        address: "Jl. Airlangga 12".into(),
        phone: "081234567890".into(),
        delivers: Some("on".into()),
        base_fee: "5000".into(),
        per_km: "2000".into(),
        max_km: "5".into(),
        bank_name: "Bank Jatim".into(),
        bank_account: "0011223344".into(),
        bank_holder: "Sri Wahyuni".into(),
        ..Default::default()
    }
    .validate(&app::i18n::ID)
    .expect("a valid application")
}

fn product_input(name: &str, price: i64, stock: i64) -> ProductInput {
    ProductInput {
        name: name.into(),
        category: reference::categories()[0].0.into(),
        description: "Buatan sendiri".into(),
        price,
        stock,
        unit: "botol".into(),
        weight_grams: 250,
    }
}

/// A merchant with a verified shop: (user, shop).
async fn verified_shop(store: &Store, n: usize, name: &str) -> (i64, i64) {
    let u = merchant_user(store, n).await;
    let shop = store
        .apply_shop(u, &shop_form(name), anchor())
        .await
        .unwrap()
        .unwrap();
    store
        .decide_shop(shop, ShopDecision::Approve, None, None, None, anchor())
        .await
        .unwrap()
        .unwrap();
    (u, shop)
}

/// Applying makes a pending shop nobody sees; the city's decision is
/// audited and a second, stale decision refused; once verified its new
/// product is found by search.
async fn a_shop_is_applied_for_verified_and_then_sells(store: Store) {
    let u = merchant_user(&store, 1).await;
    let shop = store
        .apply_shop(u, &shop_form("Sambal Bu Rudy Gubeng"), anchor())
        .await
        .unwrap()
        .unwrap();
    let mine = store.shop_of_owner(u).await.unwrap().unwrap();
    assert_eq!((mine.id, mine.status.as_str()), (shop, "pending"));
    assert_eq!(mine.slug, "sambal-bu-rudy-gubeng");
    assert_eq!(mine.owner_nik.as_deref(), Some("3578015208850002"));
    assert_eq!(mine.delivery_max_m, Some(5000));
    let pid = store
        .save_product(
            shop,
            None,
            &product_input("Sambal Bawang Pedas", 25_000, 10),
            anchor(),
        )
        .await
        .unwrap()
        .unwrap();
    let found = |q: &'static str| {
        let store = store.clone();
        async move {
            let f = SearchFilter {
                words: query_words(q),
                limit: 20,
                ..SearchFilter::default()
            };
            store
                .search(&f)
                .await
                .unwrap()
                .products
                .iter()
                .any(|p| p.id == pid)
        }
    };
    assert!(
        !found("sambal bawang pedas").await,
        "a pending shop sells nothing"
    );
    // Filing again while pending updates it; still one shop per owner.
    let again = store
        .apply_shop(u, &shop_form("Sambal Bu Rudy"), anchor())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again, shop);
    assert_eq!(
        count(
            &store,
            &format!("SELECT COUNT(*) FROM shops WHERE owner_id = {u}")
        )
        .await,
        1
    );

    store
        .decide_shop(
            shop,
            ShopDecision::AskFix,
            Some("Foto KTP buram."),
            None,
            None,
            anchor(),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store
            .decide_shop(
                shop,
                ShopDecision::AskFix,
                Some("lagi"),
                None,
                None,
                anchor()
            )
            .await
            .unwrap(),
        Err(VerifyRefusal::Stale {
            status: "rejected".into()
        }),
        "a decision on a record someone already decided is refused"
    );
    // Fixed and filed again: pending, the old reason cleared.
    store
        .apply_shop(u, &shop_form("Sambal Bu Rudy"), anchor())
        .await
        .unwrap()
        .unwrap();
    let mine = store.shop_of_owner(u).await.unwrap().unwrap();
    assert_eq!(
        (mine.status.as_str(), mine.status_reason),
        ("pending", None)
    );
    store
        .decide_shop(shop, ShopDecision::Approve, None, None, None, anchor())
        .await
        .unwrap()
        .unwrap();
    assert!(
        found("sambal bawang pedas").await,
        "verified: its products are found"
    );
    assert_eq!(
        count(&store, &format!("SELECT COUNT(*) FROM audit_events WHERE target_type = 'shop' AND target_id = {shop}")).await,
        5,
        "three applications and two decisions are audited"
    );
    // The NIK never reaches the audit log.
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM audit_events WHERE detail LIKE '%3578015208850002%'"
        )
        .await,
        0
    );
    assert_eq!(
        store
            .decide_shop(999_999, ShopDecision::Approve, None, None, None, anchor())
            .await
            .unwrap(),
        Err(VerifyRefusal::NotFound)
    );
}

/// The version of `shop` an admin reads.
async fn seen_of(store: &Store, shop: i64) -> i64 {
    store
        .shop_review(shop, anchor())
        .await
        .unwrap()
        .unwrap()
        .seen
}

/// The city's queue: each list oldest filing first; a decision on a shop
/// that moved since it was read (the owner filed again, another admin
/// decided) is refused and changes nothing; of two admins deciding at once
/// exactly one wins; a fix request lets the owner file again, a rejection
/// does not; every decision is in the shop's history with who and why.
async fn the_review_queue_decides_each_shop_once_and_tells_why(store: Store) {
    use app::model::review::ReviewList;
    use app::server::store::ApplyRefusal;
    let admin = store
        .create_user(
            &NewUser {
                name: "Rina Petugas".into(),
                ..user(Role::Admin, "dinas@contoh.test")
            },
            anchor(),
        )
        .await
        .unwrap();
    let hours = |h: i64| anchor() + chrono::Duration::hours(h);
    let mut owners = Vec::new();
    let mut shops = Vec::new();
    for (i, name) in [
        "Kue Bu Ani",
        "Sambal Pak Budi",
        "Tempe Bu Citra",
        "Jamu Pak Dedi",
    ]
    .into_iter()
    .enumerate()
    {
        let u = merchant_user(&store, 40 + i).await;
        let s = store
            .apply_shop(u, &shop_form(name), hours(i as i64))
            .await
            .unwrap()
            .unwrap();
        owners.push(u);
        shops.push(s);
    }
    let ids =
        |rows: Vec<app::model::review::ReviewRow>| rows.iter().map(|r| r.id).collect::<Vec<_>>();
    let pending = store.review_list(ReviewList::Pending, 0, 50).await.unwrap();
    assert_eq!(ids(pending.clone()), shops, "oldest filing first");
    assert_eq!(pending[0].submitted_at, hours(0));
    assert_eq!(
        ids(store.review_list(ReviewList::Pending, 1, 2).await.unwrap()),
        shops[1..3]
    );
    let count_of = |counts: Vec<(ReviewList, i64)>, l: ReviewList| {
        counts.into_iter().find(|c| c.0 == l).unwrap().1
    };
    assert_eq!(
        count_of(store.review_counts().await.unwrap(), ReviewList::Pending),
        4
    );

    // Read, then the owner files changes: the decision on what was read is refused.
    let read = store
        .shop_review(shops[1], anchor())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.history.len(), 1);
    assert_eq!(read.history[0].action, "shop.apply");
    store
        .apply_shop(owners[1], &shop_form("Sambal Pak Budi Jaya"), hours(10))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store
            .decide_shop(
                shops[1],
                ShopDecision::Approve,
                None,
                Some(read.seen),
                Some(admin),
                hours(11)
            )
            .await
            .unwrap(),
        Err(VerifyRefusal::Changed)
    );
    let again = store
        .shop_review(shops[1], anchor())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (again.status.as_str(), again.name.as_str()),
        ("pending", "Sambal Pak Budi Jaya")
    );
    assert_eq!(
        ids(store.review_list(ReviewList::Pending, 0, 50).await.unwrap()),
        vec![shops[0], shops[2], shops[3], shops[1]],
        "filed again: back of the queue"
    );

    // Two admins decide the same shop at once: exactly one decision stands.
    let other = store
        .create_user(&user(Role::Admin, "dinas2@contoh.test"), anchor())
        .await
        .unwrap();
    let seen = seen_of(&store, shops[0]).await;
    let (a, b) = tokio::join!(
        store.decide_shop(
            shops[0],
            ShopDecision::Approve,
            None,
            Some(seen),
            Some(admin),
            hours(12)
        ),
        store.decide_shop(
            shops[0],
            ShopDecision::Reject,
            Some("Bukan warga Surabaya."),
            Some(seen),
            Some(other),
            hours(12)
        ),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a.is_ok() != b.is_ok(), "exactly one wins: {a:?} {b:?}");
    let approved = a.is_ok();
    let loser = if a.is_ok() { b } else { a };
    assert!(matches!(
        loser,
        Err(VerifyRefusal::Stale { .. }) | Err(VerifyRefusal::Changed)
    ));
    let won = store
        .shop_review(shops[0], anchor())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(won.history.len(), 2, "one filing and one decision");
    assert_eq!(
        count(&store, &format!("SELECT COUNT(*) FROM audit_events WHERE target_id = {} AND action LIKE 'shop.%' AND action <> 'shop.apply'", shops[0])).await,
        1
    );

    // A fix request: the owner sees why and may file again.
    let seen = seen_of(&store, shops[2]).await;
    store
        .decide_shop(
            shops[2],
            ShopDecision::AskFix,
            Some("Foto toko belum ada."),
            Some(seen),
            Some(admin),
            hours(13),
        )
        .await
        .unwrap()
        .unwrap();
    let mine = store.shop_of_owner(owners[2]).await.unwrap().unwrap();
    assert_eq!(
        (
            mine.status.as_str(),
            mine.status_reason.as_deref(),
            mine.may_refile
        ),
        ("rejected", Some("Foto toko belum ada."), true)
    );
    assert_eq!(
        ids(store.review_list(ReviewList::Fix, 0, 50).await.unwrap()),
        vec![shops[2]]
    );
    store
        .apply_shop(owners[2], &shop_form("Tempe Bu Citra"), hours(14))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store
            .shop_of_owner(owners[2])
            .await
            .unwrap()
            .unwrap()
            .status,
        "pending"
    );

    // A rejection for good: filing again is refused and changes nothing.
    store
        .decide_shop(
            shops[3],
            ShopDecision::Reject,
            Some("Usaha tidak berada di Surabaya."),
            None,
            Some(admin),
            hours(15),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store
            .apply_shop(owners[3], &shop_form("Jamu Pak Dedi Baru"), hours(16))
            .await
            .unwrap(),
        Err(ApplyRefusal::Rejected)
    );
    let mine = store.shop_of_owner(owners[3]).await.unwrap().unwrap();
    assert_eq!(
        (mine.status.as_str(), mine.name.as_str(), mine.may_refile),
        ("rejected", "Jamu Pak Dedi", false)
    );
    // (The race above rejected the first shop when its rejection won.)
    let rejected = if approved {
        vec![shops[3]]
    } else {
        vec![shops[0], shops[3]]
    };
    assert_eq!(
        ids(store
            .review_list(ReviewList::Rejected, 0, 50)
            .await
            .unwrap()),
        rejected
    );

    // Approve, suspend (with a reason), lift.
    let approve_at = hours(17);
    let seen = seen_of(&store, shops[2]).await;
    store
        .decide_shop(
            shops[2],
            ShopDecision::Approve,
            None,
            Some(seen),
            Some(admin),
            approve_at,
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store
            .decide_shop(
                shops[2],
                ShopDecision::Lift,
                None,
                None,
                Some(admin),
                hours(18)
            )
            .await
            .unwrap(),
        Err(VerifyRefusal::Stale {
            status: "verified".into()
        }),
        "only a suspended shop is lifted"
    );
    store
        .decide_shop(
            shops[2],
            ShopDecision::Suspend,
            Some("Keluhan pembeli berulang."),
            None,
            Some(admin),
            hours(19),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        ids(store
            .review_list(ReviewList::Suspended, 0, 50)
            .await
            .unwrap()),
        vec![shops[2]]
    );
    store
        .decide_shop(
            shops[2],
            ShopDecision::Lift,
            Some("Sudah dibina dinas."),
            None,
            Some(admin),
            hours(20),
        )
        .await
        .unwrap()
        .unwrap();
    let review = store
        .shop_review(shops[2], anchor())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(review.status, "verified");
    let actions: Vec<(&str, Option<&str>, Option<&str>)> = review
        .history
        .iter()
        .map(|h| (h.action.as_str(), h.detail.as_deref(), h.actor.as_deref()))
        .collect();
    assert_eq!(
        actions[..4],
        [
            (
                "shop.pulihkan",
                Some("Sudah dibina dinas."),
                Some("Rina Petugas")
            ),
            (
                "shop.bekukan",
                Some("Keluhan pembeli berulang."),
                Some("Rina Petugas")
            ),
            ("shop.setujui", None, Some("Rina Petugas")),
            ("shop.apply", Some("Tempe Bu Citra"), Some("Dewi Lestari")),
        ],
        "newest first, with who and why"
    );
    let counts = store.review_counts().await.unwrap();
    assert_eq!(
        [
            ReviewList::Pending,
            ReviewList::Fix,
            ReviewList::Rejected,
            ReviewList::Suspended
        ]
        .map(|l| count_of(counts.clone(), l)),
        [1, 0, if approved { 1 } else { 2 }, 0]
    );
}

/// Every merchant query is keyed by the owner's shop: another shop's
/// product or order is not found, and nothing of it changes.
async fn merchants_reach_only_their_own_shop(store: Store) {
    let (_, a) = verified_shop(&store, 1, "Toko A").await;
    let (_, b) = verified_shop(&store, 2, "Toko B").await;
    let pb = store
        .save_product(
            b,
            None,
            &product_input("Kerupuk Udang", 12_000, 30),
            anchor(),
        )
        .await
        .unwrap()
        .unwrap();
    let now = anchor();
    assert_eq!(store.merchant_product(a, pb).await.unwrap(), None);
    assert_eq!(
        store
            .save_product(a, Some(pb), &product_input("Dicuri", 1, 1), now)
            .await
            .unwrap(),
        None
    );
    assert!(!store
        .quick_edit(a, pb, QuickEdit::Price(1), now)
        .await
        .unwrap());
    assert!(!store
        .quick_edit(a, pb, QuickEdit::Stock(0), now)
        .await
        .unwrap());
    assert!(!store
        .quick_edit(a, pb, QuickEdit::Active(false), now)
        .await
        .unwrap());
    assert_eq!(
        store
            .duplicate_product(a, pb, "salinan", now)
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.remove_product(a, pb, now).await.unwrap(), None);
    let photo = app::model::Photo {
        url: String::new(),
        width: 10,
        height: 10,
        srcset: None,
    };
    assert_eq!(
        store
            .add_product_photo(a, pb, &photo, "u/x/card.jpg", 5)
            .await
            .unwrap(),
        Err(app::server::store::PhotoRefusal::NotFound)
    );
    let p = store.merchant_product(b, pb).await.unwrap().unwrap();
    assert_eq!(
        (p.name.as_str(), p.price, p.stock, p.is_active),
        ("Kerupuk Udang", 12_000, 30, true)
    );
    assert!(store
        .merchant_products(a, None, 50, 0)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store.merchant_products(b, None, 50, 0).await.unwrap().len(),
        1
    );

    // An order of shop B is not shop A's.
    let (buyer, addr) = shopper(&store, 7).await;
    store.add_to_cart(buyer, pb, 2, now).await.unwrap().unwrap();
    let req = request(&store, buyer, addr, PaymentMethod::Cod, "kunci-toko-b-0001").await;
    let placed = store.place_order(&req).await.unwrap().unwrap();
    let code = format!("{}-1", placed.code);
    assert_eq!(store.shop_order_id(a, &code).await.unwrap(), None);
    let order = store.shop_order_id(b, &code).await.unwrap().unwrap();
    let by = Mover {
        actor: Actor::Merchant,
        user_id: None,
    };
    assert_eq!(
        store
            .merchant_move(a, order, ShopStep::to(OrderStatus::Processing), by, now)
            .await
            .unwrap(),
        Err(MoveRefusal::NotFound)
    );
    assert!(store.shop_orders(a, None, 50, 0).await.unwrap().is_empty());
    assert_eq!(store.shop_orders(b, None, 50, 0).await.unwrap().len(), 1);
    assert_eq!(
        store.order_status(order).await.unwrap(),
        Some(OrderStatus::Paid)
    );
    // Quick edits of its own products work, and are refused when absurd upstream.
    assert!(store
        .quick_edit(b, pb, QuickEdit::Stock(5), now)
        .await
        .unwrap());
    assert_eq!(store.stock(pb).await.unwrap(), 5);
}

/// A product never ordered is deleted; one that was is archived: gone
/// from the merchant's list and the catalog, while its order keeps it.
async fn ordered_products_are_archived_not_deleted(store: Store) {
    let (_, shop) = verified_shop(&store, 1, "Toko Kue Lapis").await;
    let now = anchor();
    let fresh = store
        .save_product(shop, None, &product_input("Kue Lapis", 40_000, 3), now)
        .await
        .unwrap()
        .unwrap();
    let sold = store
        .save_product(shop, None, &product_input("Bolu Pandan", 35_000, 3), now)
        .await
        .unwrap()
        .unwrap();
    let copy = store
        .duplicate_product(shop, sold, "salinan", now)
        .await
        .unwrap()
        .unwrap();
    let c = store.merchant_product(shop, copy).await.unwrap().unwrap();
    assert_eq!(
        (c.name.as_str(), c.is_active),
        ("Bolu Pandan (salinan)", false),
        "a copy waits off sale"
    );
    let (buyer, addr) = shopper(&store, 3).await;
    store
        .add_to_cart(buyer, sold, 1, now)
        .await
        .unwrap()
        .unwrap();
    let req = request(&store, buyer, addr, PaymentMethod::Cod, "kunci-bolu-00001").await;
    store.place_order(&req).await.unwrap().unwrap();

    assert_eq!(
        store.remove_product(shop, fresh, now).await.unwrap(),
        Some(Removed::Deleted)
    );
    assert_eq!(
        count(
            &store,
            &format!("SELECT COUNT(*) FROM products WHERE id = {fresh}")
        )
        .await,
        0
    );
    assert_eq!(
        store.remove_product(shop, sold, now).await.unwrap(),
        Some(Removed::Archived)
    );
    assert_eq!(
        count(
            &store,
            &format!("SELECT COUNT(*) FROM products WHERE id = {sold}")
        )
        .await,
        1
    );
    let listed: Vec<i64> = store
        .merchant_products(shop, None, 50, 0)
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(listed, vec![copy]);
    assert!(
        store.product(sold).await.is_err(),
        "archived products are not sold"
    );
    assert_eq!(
        count(
            &store,
            &format!("SELECT COUNT(*) FROM order_items WHERE product_id = {sold}")
        )
        .await,
        1,
        "the order still names it"
    );
    // Archived is final: no edits.
    assert!(!store
        .quick_edit(shop, sold, QuickEdit::Active(true), now)
        .await
        .unwrap());
}

/// The ledger (written as orders complete, refund and settle) adds up to
/// a recount of the orders, for every shop, to the rupiah.
async fn the_ledger_equals_a_recount_of_orders(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    let now = anchor() + chrono::Duration::days(1);
    // A shop of the demo: take orders through every path.
    let (pa, _) = two_shops_products(&store).await;
    let shop: i64 = count(
        &store,
        &format!("SELECT shop_id FROM products WHERE id = {}", pa.id),
    )
    .await;
    let merchant = Mover {
        actor: Actor::Merchant,
        user_id: None,
    };
    let mut codes = Vec::new();
    for (i, method) in [PaymentMethod::Cod, PaymentMethod::Qris, PaymentMethod::Qris]
        .into_iter()
        .enumerate()
    {
        let (buyer, addr) = shopper(&store, 100 + i).await;
        store
            .add_to_cart(buyer, pa.id, 1, now)
            .await
            .unwrap()
            .unwrap();
        let req = request(
            &store,
            buyer,
            addr,
            method,
            &format!("kunci-buku-kas-{i:04}"),
        )
        .await;
        let placed = store.place_order(&req).await.unwrap().unwrap();
        let order = store
            .shop_order_id(shop, &format!("{}-1", placed.code))
            .await
            .unwrap()
            .unwrap();
        if method != PaymentMethod::Cod {
            store
                .move_order(
                    order,
                    OrderStatus::Paid,
                    Mover {
                        actor: Actor::System,
                        user_id: None,
                    },
                    None,
                    now,
                )
                .await
                .unwrap()
                .unwrap();
        }
        for to in [
            OrderStatus::Processing,
            OrderStatus::Shipped,
            OrderStatus::Completed,
        ] {
            let courier = (to == OrderStatus::Shipped).then_some(("Pak Kurir", "+6281200000001"));
            store
                .merchant_move(
                    shop,
                    order,
                    ShopStep {
                        to,
                        note: None,
                        courier,
                    },
                    merchant,
                    now,
                )
                .await
                .unwrap()
                .unwrap();
        }
        codes.push((order, buyer));
    }
    // The last online order: complained about, and refunded by the city.
    let (order, buyer) = codes[2];
    store
        .move_order(
            order,
            OrderStatus::Complained,
            Mover {
                actor: Actor::Buyer,
                user_id: Some(buyer),
            },
            Some("Botol pecah"),
            now,
        )
        .await
        .unwrap()
        .unwrap();
    store
        .move_order(
            order,
            OrderStatus::Cancelled,
            Mover {
                actor: Actor::Admin,
                user_id: None,
            },
            Some("Dana dikembalikan"),
            now,
        )
        .await
        .unwrap()
        .unwrap();
    // Shipping recorded the courier.
    assert_eq!(
        count(&store, &format!("SELECT COUNT(*) FROM deliveries WHERE order_id = {} AND courier_name = 'Pak Kurir'", codes[0].0)).await,
        0,
        "pickup orders have no delivery row (the test buyer picks up)"
    );
    let ledger = store.ledger(shop, 1000).await.unwrap();
    assert!(ledger.iter().any(|l| l.kind == "refund" && l.amount < 0));
    assert!(ledger.iter().any(|l| l.kind == "penjualan" && l.cash));

    // For every shop: what Peken owes = online orders completed (or under
    // complaint) now; a refunded one counts +total then -total.
    let recount = "SELECT CAST(COALESCE(SUM(o.total), 0) AS BIGINT) FROM orders o JOIN order_groups g ON g.id = o.group_id \
                   WHERE o.shop_id = {shop} AND g.payment_method <> 'cod' AND o.status IN ('selesai', 'dikomplain')";
    let mut shops = Vec::new();
    for slug in store.public_shop_slugs().await.unwrap() {
        shops.push(store.shop_by_slug(&slug).await.unwrap().0.id);
    }
    assert!(shops.len() > 5);
    let mut checked = 0;
    for s in shops {
        let want = count(&store, &recount.replace("{shop}", &s.to_string())).await;
        assert_eq!(store.ledger_balance(s).await.unwrap(), want, "shop {s}");
        checked += i64::from(want > 0);
    }
    assert!(checked > 3, "the demo's completed orders are in the ledger");
    // A settlement takes the balance down, and is audited.
    let before = store.ledger_balance(shop).await.unwrap();
    store
        .record_settlement(shop, 10_000, "Transfer 1 Des", None, now)
        .await
        .unwrap();
    assert_eq!(store.ledger_balance(shop).await.unwrap(), before - 10_000);
    // The kept balance equals the sum of every shop's ledger lines.
    for s in store.public_shop_slugs().await.unwrap() {
        let s = store.shop_by_slug(&s).await.unwrap().0.id;
        let want = ledger_sum(&store, s).await;
        assert_eq!(store.ledger_balance(s).await.unwrap(), want, "shop {s}");
    }
}

/// The sum of a shop's ledger lines not paid in cash, added up afresh.
async fn ledger_sum(store: &Store, shop: i64) -> i64 {
    count(
        store,
        &format!(
            "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger_entries \
             WHERE shop_id = {shop} AND cash = FALSE"
        ),
    )
    .await
}

/// `products.listed`, which search reads instead of joining each match to
/// its shop, follows every change that shows or hides a product: its
/// shop suspended and verified again, capped and lifted; the product
/// switched off and on; the flag set by hand. Products saved while their
/// shop is suspended and verified again, at the same time, end up listed
/// exactly when their shop is. Search, and the words spelling
/// correction draws on, agree at each step.
async fn the_listed_flag_follows_products_and_their_shops(store: Store) {
    load(&store, &small_demo()).await;
    let wrong = "SELECT COUNT(*) FROM products p JOIN shops s ON s.id = p.shop_id \
                 WHERE p.listed <> (p.is_active AND s.status = 'verified' AND s.capped_month IS NULL)";
    assert_eq!(count(&store, wrong).await, 0, "after the import");
    let all_listed = "SELECT COUNT(*) FROM products WHERE listed = TRUE";
    let before = count(&store, all_listed).await;
    assert!(before > 10);
    let (_, shop) = verified_shop(&store, 81, "Toko Daftar Uji").await;
    let pid = store
        .save_product(
            shop,
            None,
            &product_input("Gula Aren Daftar Uji", 20_000, 10),
            anchor(),
        )
        .await
        .unwrap()
        .unwrap();
    let found = |store: Store| async move {
        let f = SearchFilter {
            words: query_words("gula aren daftar"),
            ..SearchFilter::default()
        };
        let hits = store.search(&f).await.unwrap();
        assert_eq!(count(&store, wrong).await, 0, "every flag right");
        let shown = hits.products.iter().any(|p| p.id == pid);
        // Spelling correction draws on the same products.
        let names = store.searchable_names().await.unwrap();
        let named = names.iter().any(|n| n.contains("gula aren daftar uji"));
        assert_eq!(named, shown, "its name among the words to correct towards");
        shown
    };
    assert!(
        found(store.clone()).await,
        "a new product of a verified shop"
    );
    assert_eq!(count(&store, all_listed).await, before + 1);
    let steps: [(&str, bool); 7] = [
        (
            "UPDATE shops SET status = 'suspended' WHERE id = {shop}",
            false,
        ),
        (
            "UPDATE shops SET status = 'verified' WHERE id = {shop}",
            true,
        ),
        (
            "UPDATE shops SET capped_month = '2026-11' WHERE id = {shop}",
            false,
        ),
        (
            "UPDATE shops SET capped_month = NULL WHERE id = {shop}",
            true,
        ),
        (
            "UPDATE products SET is_active = FALSE WHERE id = {pid}",
            false,
        ),
        ("UPDATE products SET listed = TRUE WHERE id = {pid}", false),
        (
            "UPDATE products SET is_active = TRUE WHERE id = {pid}",
            true,
        ),
    ];
    for (sql, listed) in steps {
        let sql = sql
            .replace("{shop}", &shop.to_string())
            .replace("{pid}", &pid.to_string());
        store.execute_admin(&sql).await.unwrap();
        assert_eq!(found(store.clone()).await, listed, "after {sql}");
    }
    // Products saved while the shop flips between suspended and verified.
    let mut tasks = Vec::new();
    for n in 0..12 {
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            s.save_product(
                shop,
                None,
                &product_input(&format!("Kerupuk Daftar {n}"), 9_000, 5),
                anchor(),
            )
            .await
            .unwrap()
            .unwrap();
        }));
    }
    for n in 0..12 {
        let status = if n % 2 == 0 { "suspended" } else { "verified" };
        store
            .execute_admin(&format!(
                "UPDATE shops SET status = '{status}' WHERE id = {shop}"
            ))
            .await
            .unwrap();
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(count(&store, wrong).await, 0, "after the race");
    assert_eq!(
        count(
            &store,
            &format!("SELECT COUNT(*) FROM products WHERE shop_id = {shop} AND listed = TRUE")
        )
        .await,
        13,
        "the shop ended verified: all its products listed"
    );
}

/// The balance Peken owes a shop is kept by the ledger's triggers, not
/// summed on each read: payouts written at once to several shops, and
/// several to one shop, all count; a cash line owes nothing; a line
/// edited or removed by hand moves the balance with it. The merchant
/// home's figure is the same balance.
async fn a_shops_balance_follows_its_ledger_under_concurrent_writes(store: Store) {
    let mut shops = Vec::new();
    for n in 1..=4 {
        shops.push(verified_shop(&store, n, &format!("Toko Saldo {n}")).await.1);
    }
    let mut tasks = Vec::new();
    for (i, shop) in shops.iter().enumerate() {
        for k in 0..10 {
            let (s, shop) = (store.clone(), *shop);
            tasks.push(tokio::spawn(async move {
                s.record_settlement(shop, 1_000 * (i as i64 + 1) + k, "uji", None, anchor())
                    .await
                    .unwrap()
            }));
        }
    }
    for t in tasks {
        t.await.unwrap();
    }
    // Shop i: ten payouts of 1,000 × (i + 1) + k, k = 0..9.
    let paid_out = |i: usize| -(10_000 * (i as i64 + 1) + 45);
    for (i, shop) in shops.iter().enumerate() {
        let want = paid_out(i);
        assert_eq!(store.ledger_balance(*shop).await.unwrap(), want, "shop {i}");
    }
    let (a, b) = (shops[0], shops[1]);
    let line = |shop: i64, amount: i64, cash: &str| {
        format!(
            "INSERT INTO ledger_entries (shop_id, order_id, kind, amount, cash, note, created_at) \
             VALUES ({shop}, NULL, 'pencairan', {amount}, {cash}, 'tangan', '2026-11-01 03:00:00+00:00')"
        )
    };
    store.execute_admin(&line(a, 70_000, "TRUE")).await.unwrap();
    assert_eq!(
        store.ledger_balance(a).await.unwrap(),
        -10_045,
        "cash owes nothing"
    );
    store
        .execute_admin(&line(a, 30_000, "FALSE"))
        .await
        .unwrap();
    assert_eq!(store.ledger_balance(a).await.unwrap(), 19_955);
    store
        .execute_admin(
            "UPDATE ledger_entries SET amount = 40000 WHERE note = 'tangan' AND amount = 30000",
        )
        .await
        .unwrap();
    assert_eq!(
        store.ledger_balance(a).await.unwrap(),
        29_955,
        "an edit moves it"
    );
    store
        .execute_admin(&format!(
            "UPDATE ledger_entries SET shop_id = {b} WHERE note = 'tangan' AND amount = 40000"
        ))
        .await
        .unwrap();
    assert_eq!(
        store.ledger_balance(a).await.unwrap(),
        -10_045,
        "a line moved away"
    );
    assert_eq!(
        store.ledger_balance(b).await.unwrap(),
        -20_045 + 40_000,
        "to another shop"
    );
    store
        .execute_admin(
            "UPDATE ledger_entries SET cash = FALSE WHERE note = 'tangan' AND amount = 70000",
        )
        .await
        .unwrap();
    assert_eq!(
        store.ledger_balance(a).await.unwrap(),
        59_955,
        "cash turned online"
    );
    store
        .execute_admin("DELETE FROM ledger_entries WHERE note = 'tangan'")
        .await
        .unwrap();
    for (i, shop) in shops.iter().enumerate() {
        let want = paid_out(i);
        assert_eq!(store.ledger_balance(*shop).await.unwrap(), want, "shop {i}");
        assert_eq!(ledger_sum(&store, *shop).await, want);
        let desk = store.shop_desk(*shop, &[], anchor()).await.unwrap();
        assert_eq!(desk.balance, want, "the merchant home reads it");
    }
    assert_eq!(
        store.ledger_balance(-1).await.unwrap(),
        0,
        "a shop with no lines"
    );
}

/// A payout checks the balance and writes its line in one transaction:
/// twelve payouts of Rp3.000 sent at once against Rp10.000 pay exactly
/// three, while another shop's six payouts of Rp1.000 against Rp5.000, at
/// the same moment, pay exactly five. Each refusal writes nothing, and
/// what each payout reports as left is a balance the ledger really had.
async fn payouts_at_once_never_overdraw_a_shop(store: Store) {
    let a = verified_shop(&store, 1, "Toko Cair A").await.1;
    let b = verified_shop(&store, 2, "Toko Cair B").await.1;
    // A correction line owed to each shop (a negative settlement).
    for (shop, owed) in [(a, 10_000), (b, 5_000)] {
        store
            .record_settlement(shop, -owed, "koreksi", None, anchor())
            .await
            .unwrap();
    }
    let mut tasks = Vec::new();
    for (shop, amount, n) in [(a, 3_000, 12), (b, 1_000, 6)] {
        for k in 0..n {
            let s = store.clone();
            tasks.push(tokio::spawn(async move {
                let note = format!("Transfer {k}");
                (
                    shop,
                    s.pay_out(shop, amount, &note, None, anchor())
                        .await
                        .unwrap(),
                )
            }));
        }
    }
    let mut left: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut refused: HashMap<i64, usize> = HashMap::new();
    for t in tasks {
        match t.await.unwrap() {
            (shop, Payout::Recorded { balance }) => left.entry(shop).or_default().push(balance),
            (shop, Payout::Short { balance }) => {
                assert!(balance >= 0, "refused on a balance it had: {balance}");
                *refused.entry(shop).or_default() += 1;
            }
        }
    }
    for v in left.values_mut() {
        v.sort_unstable();
    }
    assert_eq!(left[&a], vec![1_000, 4_000, 7_000], "three paid, in turn");
    assert_eq!(refused[&a], 9);
    assert_eq!(left[&b], vec![0, 1_000, 2_000, 3_000, 4_000], "five paid");
    assert_eq!(refused[&b], 1);
    for (shop, want, lines) in [(a, 1_000, 4), (b, 0, 6)] {
        assert_eq!(store.ledger_balance(shop).await.unwrap(), want);
        assert_eq!(ledger_sum(&store, shop).await, want);
        let written = count(
            &store,
            &format!(
                "SELECT COUNT(*) FROM audit_events WHERE action = 'shop.settlement' AND target_id = {shop}"
            ),
        )
        .await;
        assert_eq!(written, lines, "one audit line per ledger line");
    }
    for amount in [0, -5, 1_001] {
        assert_eq!(
            store.pay_out(a, amount, "x", None, anchor()).await.unwrap(),
            Payout::Short { balance: 1_000 },
            "{amount}"
        );
    }
    assert_eq!(
        store.pay_out(-1, 1, "x", None, anchor()).await.unwrap(),
        Payout::Short { balance: 0 },
        "a shop with no lines"
    );
    assert_eq!(
        store.ledger_balance(a).await.unwrap(),
        1_000,
        "nothing written"
    );
}

/// A checkout pings its shop (in-process on SQLite, NOTIFY on
/// PostgreSQL) within two seconds, and the shop's events replay from any
/// id: what a reconnecting inbox asks for.
async fn a_new_order_pings_its_shop_and_the_events_replay(store: Store) {
    let (_, shop) = verified_shop(&store, 1, "Toko Ping").await;
    let pid = store
        .save_product(
            shop,
            None,
            &product_input("Tempe Mendoan", 5_000, 50),
            anchor(),
        )
        .await
        .unwrap()
        .unwrap();
    let mut pings = store.subscribe_pings().await.unwrap();
    let start = store.last_shop_event(shop).await.unwrap();
    let (buyer, addr) = shopper(&store, 9).await;
    store
        .add_to_cart(buyer, pid, 3, anchor())
        .await
        .unwrap()
        .unwrap();
    let req = request(&store, buyer, addr, PaymentMethod::Cod, "kunci-ping-00001").await;
    let placed = store.place_order(&req).await.unwrap().unwrap();
    let got = tokio::time::timeout(std::time::Duration::from_secs(2), async {
        loop {
            match pings.recv().await {
                Ok(s) if s == shop => return s,
                _ => continue,
            }
        }
    })
    .await;
    assert_eq!(got, Ok(shop), "the shop is pinged within 2 s");
    let evs = store.shop_events(shop, start, 100).await.unwrap();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].kind, "pesanan_baru");
    assert_eq!(
        evs[0].order_code.as_deref(),
        Some(format!("{}-1", placed.code).as_str())
    );
    // The shop accepts: another event; replay after the first gives only it.
    let order = store
        .shop_order_id(shop, &format!("{}-1", placed.code))
        .await
        .unwrap()
        .unwrap();
    store
        .merchant_move(
            shop,
            order,
            ShopStep::to(OrderStatus::Processing),
            Mover {
                actor: Actor::Merchant,
                user_id: None,
            },
            anchor(),
        )
        .await
        .unwrap()
        .unwrap();
    let all = store.shop_events(shop, start, 100).await.unwrap();
    assert_eq!(
        all.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
        ["pesanan_baru", "diproses"]
    );
    let after_first = store.shop_events(shop, all[0].id, 100).await.unwrap();
    assert_eq!(after_first.len(), 1);
    assert_eq!(store.last_shop_event(shop).await.unwrap(), all[1].id);
    assert_eq!(store.orders_needing_action(shop).await.unwrap(), 1);
}

/// Twelve merchants keep their shops at the same moment as buyers check
/// out of them and cancel: every write succeeds or is refused by the
/// rules, nothing is lost or doubled, and an order accepted by its shop
/// while its buyer cancels ends in exactly one of the two.
async fn merchants_and_buyers_writing_at_once_lose_nothing(store: Store) {
    const SHOPS: usize = 12;
    let mut shops = Vec::new();
    for i in 0..SHOPS {
        let (_, shop) = verified_shop(&store, 300 + i, &format!("Toko Ramai {i}")).await;
        let pid = store
            .save_product(
                shop,
                None,
                &product_input(&format!("Rempeyek {i}"), 8_000, 100),
                anchor(),
            )
            .await
            .unwrap()
            .unwrap();
        shops.push((shop, pid));
    }
    // Each shop: a buyer's cash-on-delivery order waiting for it.
    let mut orders = Vec::new();
    for (i, (shop, pid)) in shops.iter().enumerate() {
        let (buyer, addr) = shopper(&store, 400 + i).await;
        store
            .add_to_cart(buyer, *pid, 2, anchor())
            .await
            .unwrap()
            .unwrap();
        let req = request(
            &store,
            buyer,
            addr,
            PaymentMethod::Cod,
            &format!("kunci-ramai-{i:04}"),
        )
        .await;
        let placed = store.place_order(&req).await.unwrap().unwrap();
        let order = store
            .shop_order_id(*shop, &format!("{}-1", placed.code))
            .await
            .unwrap()
            .unwrap();
        orders.push((*shop, *pid, buyer, order));
    }
    let mut tasks = Vec::new();
    for (shop, pid, buyer, order) in orders.clone() {
        // The merchant: five products, price and stock edits, and accepting.
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            for k in 0..5 {
                s.save_product(
                    shop,
                    None,
                    &product_input(&format!("Produk {shop}-{k}"), 5_000 + k, 10),
                    anchor(),
                )
                .await
                .unwrap()
                .unwrap();
            }
            assert!(s
                .quick_edit(shop, pid, QuickEdit::Price(9_000), anchor())
                .await
                .unwrap());
            s.merchant_move(
                shop,
                order,
                ShopStep::to(OrderStatus::Processing),
                Mover {
                    actor: Actor::Merchant,
                    user_id: None,
                },
                anchor(),
            )
            .await
            .unwrap()
            .is_ok()
        }));
        // Its buyer, at the same time, cancels the same order.
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            s.move_order(
                order,
                OrderStatus::Cancelled,
                Mover {
                    actor: Actor::Buyer,
                    user_id: Some(buyer),
                },
                Some("batal"),
                anchor(),
            )
            .await
            .unwrap()
            .is_ok()
        }));
    }
    let mut won = Vec::new();
    for t in tasks {
        won.push(t.await.expect("no task failed"));
    }
    for (i, (shop, pid, _, order)) in orders.iter().enumerate() {
        let (accepted, cancelled) = (won[2 * i], won[2 * i + 1]);
        assert!(
            accepted ^ cancelled,
            "shop {shop}: exactly one of accept/cancel won"
        );
        let status = store.order_status(*order).await.unwrap().unwrap();
        let stock = store.stock(*pid).await.unwrap();
        if accepted {
            assert_eq!(status, OrderStatus::Processing);
            assert_eq!(stock, 98, "two units stay reserved");
        } else {
            assert_eq!(status, OrderStatus::Cancelled);
            assert_eq!(stock, 100, "the units came back once");
        }
        assert_eq!(
            store
                .merchant_products(*shop, None, 50, 0)
                .await
                .unwrap()
                .len(),
            6,
            "nothing lost or doubled"
        );
        let p = store.merchant_product(*shop, *pid).await.unwrap().unwrap();
        assert_eq!(p.price, 9_000);
        let events = store.shop_events(*shop, 0, 100).await.unwrap();
        assert_eq!(
            events.len(),
            2,
            "the new order and the one move that happened"
        );
    }
}

/// Complaints filed through the order's move, threads seen only by their
/// parties, the queue by deadline, and each complaint settled exactly
/// once with its money: a refund cancels the order, owes the buyer and
/// takes the sale back off the shop's ledger.
async fn the_complaint_desk_orders_by_deadline_and_settles_once(store: Store) {
    use app::domain::complaint::{due_at, Outcome, SLA_DEFAULT_DAYS};
    use app::model::complaint::ComplaintList;
    use app::model::Viewer;
    use app::server::store::ComplaintRefusal;
    let d = small_demo();
    load(&store, &d).await;
    // The demo's complaints agree with their orders: open ones leave the
    // order in complaint, settled ones (replacements) completed it again.
    assert!(
        count(&store, "SELECT COUNT(*) FROM complaints").await > 0,
        "the demo has complaints"
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM complaints c JOIN orders o ON o.id = c.order_id WHERE \
             (c.status IN ('terbuka', 'diproses')) <> (o.status = 'dikomplain')"
        )
        .await,
        0
    );
    let viewer = |id: i64, role: Role| Viewer {
        id,
        role,
        name: "X".into(),
    };
    let admin_id = store
        .create_user(&user(Role::Admin, "petugas-keluhan@contoh.test"), anchor())
        .await
        .unwrap();
    let admin2_id = store
        .create_user(&user(Role::Admin, "petugas-keluhan2@contoh.test"), anchor())
        .await
        .unwrap();
    let admin = viewer(admin_id, Role::Admin);
    let stranger_id = buyer_with_phone(&store, "orang-lain@contoh.test", "+6281299990001").await;
    let stranger = viewer(stranger_id, Role::Umum);

    // Three completed orders of the demo, complained about now (to the
    // microsecond, as PostgreSQL keeps it).
    let t = chrono::SubsecRound::trunc_subsecs(Utc::now(), 6);
    let shipped: Vec<&demo::DemoOrder> = d
        .orders
        .iter()
        .filter(|o| o.status == OrderStatus::Completed)
        .take(3)
        .collect();
    assert_eq!(shipped.len(), 3, "the demo has completed orders");
    let mut filed = Vec::new();
    for o in &shipped {
        let by = Mover {
            actor: Actor::Buyer,
            user_id: Some(o.buyer_id),
        };
        store
            .move_order(
                o.id,
                OrderStatus::Complained,
                by,
                Some("Barang kurang satu bungkus"),
                t,
            )
            .await
            .unwrap()
            .unwrap();
        let id = store
            .complaint_of_order(o.id)
            .await
            .unwrap()
            .expect("filed");
        let owner = d.shops.iter().find(|s| s.id == o.shop_id).unwrap().owner_id;
        filed.push((*o, id, owner));
    }
    let (o1, c1, owner1) = filed[0];

    // The deadline is the SLA in working days from filing.
    let buyer1 = viewer(o1.buyer_id, Role::Asn);
    let th = store
        .complaint_thread(c1, &buyer1, t)
        .await
        .unwrap()
        .expect("the buyer sees it");
    assert_eq!(th.due_at, due_at(t, SLA_DEFAULT_DAYS));
    assert_eq!(th.viewer_role, "buyer");
    assert_eq!(th.reason, "Barang kurang satu bungkus");
    assert_eq!(th.buyer_name, None, "only the city sees who complained");
    let shop1 = viewer(owner1, Role::Merchant);
    assert_eq!(
        store
            .complaint_thread(c1, &shop1, t)
            .await
            .unwrap()
            .map(|c| c.viewer_role),
        Some("merchant".into())
    );
    assert!(
        store
            .complaint_thread(c1, &stranger, t)
            .await
            .unwrap()
            .is_none(),
        "not a party"
    );
    assert!(store
        .complaint_thread(c1, &admin, t)
        .await
        .unwrap()
        .unwrap()
        .buyer_name
        .is_some());

    // The queue: every open complaint, earliest deadline first.
    let open = store
        .complaint_list(ComplaintList::Open, 0, 1000)
        .await
        .unwrap();
    let want_open = count(
        &store,
        "SELECT COUNT(*) FROM complaints WHERE status IN ('terbuka', 'diproses')",
    )
    .await;
    assert_eq!(open.len() as i64, want_open);
    assert!(
        open.windows(2)
            .all(|w| (w[0].due_at, w[0].id) <= (w[1].due_at, w[1].id)),
        "by deadline"
    );
    assert!(open.iter().any(|r| r.id == c1));
    let (counts, overdue) = store.complaint_counts(t).await.unwrap();
    assert_eq!(counts[0], (ComplaintList::Open, want_open));
    let late = open.iter().filter(|r| r.due_at < t).count() as i64;
    assert_eq!(overdue, late);
    assert!(late > 0, "the demo's older open complaints are overdue now");
    // Overdue ones lead: no complaint still in time comes before a late one.
    let first_in_time = open.iter().position(|r| r.due_at >= t).unwrap();
    assert!(open[..first_in_time].iter().all(|r| r.due_at < t));
    assert!(open[first_in_time..].iter().all(|r| r.due_at >= t));

    // The thread: buyer, shop and city speak; a stranger cannot.
    assert_eq!(
        store
            .reply_complaint(c1, &buyer1, "Foto sudah saya kirim", t)
            .await
            .unwrap(),
        Ok("buyer")
    );
    assert_eq!(
        store
            .reply_complaint(c1, &shop1, "Maaf, kami kirim ulang", t)
            .await
            .unwrap(),
        Ok("merchant")
    );
    assert_eq!(
        store
            .reply_complaint(c1, &stranger, "ikut campur", t)
            .await
            .unwrap(),
        Err(ComplaintRefusal::NotFound)
    );
    let th = store
        .complaint_thread(c1, &buyer1, t)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        th.status, "terbuka",
        "the parties' words do not start the city's handling"
    );
    assert_eq!(
        store
            .reply_complaint(c1, &admin, "Kami periksa", t)
            .await
            .unwrap(),
        Ok("admin")
    );
    let th = store
        .complaint_thread(c1, &buyer1, t)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(th.status, "diproses");
    let roles: Vec<&str> = th.messages.iter().map(|m| m.author_role.as_str()).collect();
    assert_eq!(roles, ["buyer", "merchant", "admin"]);
    assert!(
        th.messages.iter().all(|m| m.author_name.is_none()),
        "names are for the city"
    );

    // A refund: the order is cancelled, the buyer is owed its total, the
    // shop's ledger gives the sale back.
    let total1 = count(
        &store,
        &format!("SELECT total FROM orders WHERE id = {}", o1.id),
    )
    .await;
    let sold_before = count(
        &store,
        &format!(
            "SELECT amount FROM ledger_entries WHERE order_id = {} AND kind = 'penjualan'",
            o1.id
        ),
    )
    .await;
    assert_eq!(sold_before, total1);
    assert_eq!(
        store
            .resolve_complaint(c1, Outcome::Answer, "Sudah dijawab", admin_id, t)
            .await
            .unwrap(),
        Err(ComplaintRefusal::Outcome),
        "an order's complaint is not merely answered"
    );
    store
        .resolve_complaint(c1, Outcome::Refund, "Barang memang kurang", admin_id, t)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store.order_status(o1.id).await.unwrap(),
        Some(OrderStatus::Cancelled)
    );
    assert_eq!(
        count(
            &store,
            &format!(
                "SELECT amount FROM refunds WHERE order_id = {} AND reason = 'komplain'",
                o1.id
            )
        )
        .await,
        total1
    );
    assert_eq!(
        count(
            &store,
            &format!(
                "SELECT CAST(SUM(amount) AS BIGINT) FROM ledger_entries WHERE order_id = {}",
                o1.id
            )
        )
        .await,
        0,
        "the sale and its refund cancel out"
    );
    let th = store
        .complaint_thread(c1, &buyer1, t)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (th.status.as_str(), th.outcome.as_deref()),
        ("selesai", Some("refund"))
    );
    assert_eq!(th.resolution.as_deref(), Some("Barang memang kurang"));
    assert_eq!(
        count(&store, &format!("SELECT COUNT(*) FROM audit_events WHERE target_type = 'complaint' AND target_id = {c1} AND actor_id = {admin_id}")).await,
        1
    );
    // Settled once: again, or a reply, is refused and changes nothing.
    assert_eq!(
        store
            .resolve_complaint(c1, Outcome::Reject, "Salah klik", admin_id, t)
            .await
            .unwrap(),
        Err(ComplaintRefusal::Closed)
    );
    assert_eq!(
        store
            .reply_complaint(c1, &buyer1, "Terima kasih", t)
            .await
            .unwrap(),
        Err(ComplaintRefusal::Closed)
    );
    assert_eq!(
        store.order_status(o1.id).await.unwrap(),
        Some(OrderStatus::Cancelled)
    );

    // Two officers settle the same complaint at once, one with a refund
    // and one with a replacement: exactly one wins, and the order and the
    // money follow the winner.
    let (o2, c2, _) = filed[1];
    let (a, b) = tokio::join!(
        store.resolve_complaint(c2, Outcome::Refund, "Dana dikembalikan", admin_id, t),
        store.resolve_complaint(c2, Outcome::Replace, "Barang diganti toko", admin2_id, t),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|x| **x).count(),
        1,
        "{a:?} {b:?}"
    );
    let th = store
        .complaint_thread(c2, &admin, t)
        .await
        .unwrap()
        .unwrap();
    let refunds2 = count(
        &store,
        &format!("SELECT COUNT(*) FROM refunds WHERE order_id = {}", o2.id),
    )
    .await;
    if a.is_ok() {
        assert_eq!(th.outcome.as_deref(), Some("refund"));
        assert_eq!(
            store.order_status(o2.id).await.unwrap(),
            Some(OrderStatus::Cancelled)
        );
        assert_eq!(refunds2, 1);
    } else {
        assert_eq!(th.outcome.as_deref(), Some("ganti"));
        assert_eq!(
            store.order_status(o2.id).await.unwrap(),
            Some(OrderStatus::Completed)
        );
        assert_eq!(refunds2, 0);
    }

    // A rejection completes the order again; no money moves.
    let (o3, c3, _) = filed[2];
    store
        .resolve_complaint(
            c3,
            Outcome::Reject,
            "Foto menunjukkan barang lengkap",
            admin_id,
            t,
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        store.order_status(o3.id).await.unwrap(),
        Some(OrderStatus::Completed)
    );
    assert_eq!(
        count(
            &store,
            &format!("SELECT COUNT(*) FROM refunds WHERE order_id = {}", o3.id)
        )
        .await,
        0
    );
    assert_eq!(
        store
            .complaint_thread(c3, &admin, t)
            .await
            .unwrap()
            .unwrap()
            .status,
        "ditolak"
    );

    // A complaint about the service: answered, never refunded.
    let s = store
        .file_service_complaint(stranger_id, "Aplikasi lambat saat jam makan siang", t)
        .await
        .unwrap();
    assert_eq!(store.open_service_complaints(stranger_id).await.unwrap(), 1);
    let th = store
        .complaint_thread(s, &stranger, t)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((th.order_code, th.viewer_role.as_str()), (None, "buyer"));
    assert_eq!(
        store
            .resolve_complaint(s, Outcome::Refund, "Tidak ada pesanan", admin_id, t)
            .await
            .unwrap(),
        Err(ComplaintRefusal::Outcome)
    );
    store
        .resolve_complaint(
            s,
            Outcome::Answer,
            "Server ditambah mulai pekan depan",
            admin_id,
            t,
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store.open_service_complaints(stranger_id).await.unwrap(), 0);
    let mine = store.complaints_of_buyer(stranger_id, 10).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].outcome.as_deref(), Some("jawab"));

    // Many people at once: twelve buyers each file a complaint about the
    // service and reply in it while the city answers in each: nothing is
    // lost, refused or doubled.
    let mut people = Vec::new();
    for i in 0..12 {
        let id = buyer_with_phone(
            &store,
            &format!("serentak{i}@contoh.test"),
            &format!("+628127777{i:04}"),
        )
        .await;
        people.push(id);
    }
    let tasks: Vec<_> = people
        .iter()
        .map(|&id| {
            let store = store.clone();
            let admin = admin.clone();
            tokio::spawn(async move {
                let me = Viewer {
                    id,
                    role: Role::Umum,
                    name: "X".into(),
                };
                let c = store
                    .file_service_complaint(id, "Pembayaran QRIS gagal terus", t)
                    .await
                    .unwrap();
                let mine = store.reply_complaint(c, &me, "Sudah saya coba tiga kali", t);
                let city = store.reply_complaint(c, &admin, "Kami periksa gerbang pembayaran", t);
                let (a, b) = tokio::join!(mine, city);
                assert_eq!((a.unwrap(), b.unwrap()), (Ok("buyer"), Ok("admin")));
                c
            })
        })
        .collect();
    let mut filed_now = Vec::new();
    for task in tasks {
        filed_now.push(task.await.unwrap());
    }
    filed_now.sort_unstable();
    filed_now.dedup();
    assert_eq!(filed_now.len(), 12, "one complaint each");
    for &c in &filed_now {
        let th = store.complaint_thread(c, &admin, t).await.unwrap().unwrap();
        assert_eq!(th.messages.len(), 2, "both replies kept");
        assert_eq!(th.status, "diproses");
    }
    // Two officers settle the twelve at once, all after the same hours:
    // every settlement counts once in the figures' resolution times.
    let later = t + chrono::Duration::hours(5);
    let settling: Vec<_> = filed_now
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let store = store.clone();
            let by = if i % 2 == 0 { admin_id } else { admin2_id };
            tokio::spawn(async move {
                store
                    .resolve_complaint(c, Outcome::Answer, "Gerbang sudah normal", by, later)
                    .await
            })
        })
        .collect();
    for task in settling {
        assert_eq!(task.await.unwrap().unwrap(), Ok(()));
    }
    assert_eq!(
        count(&store, "SELECT CAST(SUM(n) AS BIGINT) FROM complaint_hours").await,
        count(
            &store,
            "SELECT COUNT(*) FROM complaints WHERE resolved_at IS NOT NULL"
        )
        .await
    );
    assert!(count(&store, "SELECT n FROM complaint_hours WHERE hours = 5").await >= 12);

    // The closed list: latest settlement first, each with its time.
    let closed = store
        .complaint_list(ComplaintList::Closed, 0, 1000)
        .await
        .unwrap();
    assert_eq!(
        closed.len() as i64,
        count(
            &store,
            "SELECT COUNT(*) FROM complaints WHERE resolved_at IS NOT NULL"
        )
        .await
    );
    assert!(closed
        .windows(2)
        .all(|w| w[0].resolved_at >= w[1].resolved_at));
    assert!(closed.iter().any(|r| r.id == c1) && closed.iter().any(|r| r.id == s));
    // The figures' median resolution time, kept as a histogram of hours as
    // complaints are settled, is the median over the settled complaints
    // (the imported ones and those settled above).
    let hours: Vec<i64> = closed
        .iter()
        .map(|r| (r.resolved_at.unwrap() - r.created_at).num_hours())
        .collect();
    assert!(hours.len() > 2);
    assert_eq!(
        store
            .public_figures()
            .await
            .unwrap()
            .complaints
            .median_hours,
        app::model::figures::median(hours)
    );
    // Complaints by status, kept as running totals, equal a recount (before
    // and after the fold).
    for fold in [false, true] {
        if fold {
            store.fold_totals().await.unwrap();
        }
        let c = store.public_figures().await.unwrap().complaints;
        for (status, got) in [
            ("terbuka", c.open),
            ("diproses", c.in_progress),
            ("selesai", c.resolved),
            ("ditolak", c.rejected),
        ] {
            let want = store
                .count(&format!(
                    "SELECT CAST(COUNT(*) AS BIGINT) FROM complaints WHERE status = '{status}'"
                ))
                .await
                .unwrap();
            assert_eq!(got, want, "{status}, folded: {fold}");
        }
    }
}

/// The dashboard's own figures equal a recount over the orders: sales by
/// category (running totals) as orders complete, are refunded and as a
/// product changes category; the shops that sold most and those with no
/// order in the window.
async fn the_city_dashboard_equals_a_recount(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    // The demo's own "now", so its last month is the window.
    let now = anchor();
    let window = 30;
    let recount_categories = |store: Store| async move {
        let mut want: Vec<(String, i64, i64)> = Vec::new();
        let cats = store.categories().await.unwrap();
        for cat in cats {
            let id = cat.id;
            let n = store
                .count(&format!(
                    "SELECT CAST(COALESCE(SUM(i.qty), 0) AS BIGINT) FROM order_items i \
                     JOIN orders o ON o.id = i.order_id JOIN products p ON p.id = i.product_id \
                     WHERE o.status = 'selesai' AND p.category_id = {id}"
                ))
                .await
                .unwrap();
            let v = store
                .count(&format!(
                    "SELECT CAST(COALESCE(SUM(i.line_total), 0) AS BIGINT) FROM order_items i \
                     JOIN orders o ON o.id = i.order_id JOIN products p ON p.id = i.product_id \
                     WHERE o.status = 'selesai' AND p.category_id = {id}"
                ))
                .await
                .unwrap();
            want.push((cat.name, n, v));
        }
        want
    };
    let check = |store: Store, when: &'static str| async move {
        let f = store.city_figures(now, window).await.unwrap();
        assert_eq!(
            f.public,
            store.public_figures().await.unwrap(),
            "{when}: the public figures"
        );
        let want = recount_categories(store.clone()).await;
        let mut got: Vec<(String, i64, i64)> = f
            .categories
            .iter()
            .map(|c| (c.key.clone(), c.orders, c.value))
            .collect();
        let mut want = want;
        got.sort();
        want.sort();
        assert_eq!(got, want, "{when}: by category");
        assert!(
            f.categories.windows(2).all(|w| w[0].value >= w[1].value),
            "largest first"
        );
        f
    };
    let f = check(store.clone(), "after the import").await;
    assert!(f.categories.iter().any(|c| c.value > 0));

    // Top shops: the ten with the most completed value in the window.
    let since = now - chrono::Duration::days(window);
    let mut per_shop: HashMap<i64, (i64, i64)> = HashMap::new();
    for o in d
        .orders
        .iter()
        .filter(|o| o.status == OrderStatus::Completed && o.created_at >= since)
    {
        let e = per_shop.entry(o.shop_id).or_default();
        e.0 += 1;
        e.1 += o.subtotal + o.delivery_fee;
    }
    let mut want: Vec<i64> = per_shop.values().map(|v| v.1).collect();
    want.sort_unstable_by(|a, b| b.cmp(a));
    want.truncate(10);
    let got: Vec<i64> = f.top_shops.iter().map(|s| s.value).collect();
    assert_eq!(got.len(), 10, "the demo's last month had sales");
    assert_eq!(got, want, "the ten that sold most");
    // Idle shops: verified, no order at all in the window.
    let ordered: std::collections::HashSet<i64> = d
        .orders
        .iter()
        .filter(|o| o.created_at >= since)
        .map(|o| o.shop_id)
        .collect();
    let idle: Vec<&demo::DemoShop> = d
        .shops
        .iter()
        .filter(|s| s.status == ShopStatus::Verified && !ordered.contains(&s.id))
        .collect();
    assert_eq!(f.idle_count, idle.len() as i64);
    assert!(
        f.idle_count < f.active_shops + f.idle_count,
        "some shops sold"
    );
    let verified = d
        .shops
        .iter()
        .filter(|s| s.status == ShopStatus::Verified)
        .count() as i64;
    assert_eq!(f.active_shops, verified - f.idle_count);
    assert_eq!(f.idle_shops.len() as i64, f.idle_count.min(50));
    assert!(f
        .idle_shops
        .iter()
        .all(|s| idle.iter().any(|i| i.slug == s.slug)));

    // Orders complete and are refunded; a product moves category.
    let shop = Mover {
        actor: Actor::Merchant,
        user_id: None,
    };
    let admin = Mover {
        actor: Actor::Admin,
        user_id: None,
    };
    let shipped: Vec<&demo::DemoOrder> = d
        .orders
        .iter()
        .filter(|o| o.status == OrderStatus::Shipped)
        .take(2)
        .collect();
    for o in &shipped {
        store
            .move_order(o.id, OrderStatus::Completed, shop, None, now)
            .await
            .unwrap()
            .unwrap();
    }
    check(store.clone(), "after completions").await;
    let completed = d
        .orders
        .iter()
        .find(|o| o.status == OrderStatus::Completed)
        .unwrap();
    let buyer = Mover {
        actor: Actor::Buyer,
        user_id: Some(completed.buyer_id),
    };
    store
        .move_order(
            completed.id,
            OrderStatus::Complained,
            buyer,
            Some("Rusak sekali"),
            now,
        )
        .await
        .unwrap()
        .unwrap();
    check(store.clone(), "under complaint").await;
    store
        .move_order(
            completed.id,
            OrderStatus::Cancelled,
            admin,
            Some("Dana kembali"),
            now,
        )
        .await
        .unwrap()
        .unwrap();
    check(store.clone(), "refunded").await;
    let sold = d
        .orders
        .iter()
        .find(|o| o.status == OrderStatus::Completed && o.id != completed.id)
        .unwrap();
    let pid = sold.items[0].product_id;
    let other = store.count(&format!("SELECT MAX(id) FROM categories WHERE id <> (SELECT category_id FROM products WHERE id = {pid})")).await.unwrap();
    store
        .count(&format!(
            "UPDATE products SET category_id = {other} WHERE id = {pid} RETURNING CAST(id AS BIGINT)"
        ))
        .await
        .unwrap();
    check(store.clone(), "after a product moved category").await;

    // As the dashboard shows it: the window's lists are read at most once
    // a minute; everything else is live.
    let minute = chrono::Duration::seconds(60);
    let recent = |store: Store, at: chrono::DateTime<chrono::Utc>, days: i64| async move {
        store.city_figures_recent(at, days, minute).await.unwrap()
    };
    let first = recent(store.clone(), now, window).await;
    assert_eq!(first.window_at, now);
    let read_now = store.city_figures(now, window).await.unwrap();
    assert_eq!(
        (first.active_shops, first.idle_count),
        (read_now.active_shops, read_now.idle_count)
    );
    let top = |f: &app::model::figures::CityFigures| {
        f.top_shops
            .iter()
            .map(|s| (s.slug.clone(), s.value))
            .collect::<Vec<_>>()
    };
    assert_eq!(top(&first), top(&read_now));
    let suspended = d
        .shops
        .iter()
        .find(|s| s.status == ShopStatus::Verified)
        .unwrap()
        .id;
    store
        .decide_shop(
            suspended,
            ShopDecision::Suspend,
            Some("Izin usaha habis."),
            None,
            None,
            now,
        )
        .await
        .unwrap()
        .unwrap();
    let shops = |f: &app::model::figures::CityFigures| f.active_shops + f.idle_count;
    let cached = recent(store.clone(), now + chrono::Duration::seconds(30), window).await;
    assert_eq!(cached.window_at, now, "read half a minute ago");
    assert_eq!(shops(&cached), shops(&first));
    assert_ne!(cached.public, first.public, "the live figures moved");
    let fresh = recent(store.clone(), now + minute, window).await;
    assert_eq!(fresh.window_at, now + minute, "a minute old: read again");
    assert_eq!(shops(&fresh), shops(&first) - 1, "one shop fewer verified");
    // Another window (the setting changed) is read at once.
    let week = recent(store.clone(), now + minute, 7).await;
    assert_eq!(week.window_days, 7);
    assert_eq!(
        week.idle_count,
        store
            .city_figures(now + minute, 7)
            .await
            .unwrap()
            .idle_count
    );
}

/// The merchant's home: a shop's sales (paid and not cancelled) over
/// three periods at once, as a recount of the demo's orders gives them,
/// and the rest of its figures, read in the same statement, as each is
/// read alone.
async fn a_shops_sales_per_period_equal_a_recount(store: Store) {
    let d = small_demo();
    load(&store, &d).await;
    let now = anchor();
    let cap = store
        .setting(app::domain::fairness::MONTHLY_SALES_CAP.name)
        .await
        .unwrap();
    assert!(cap.is_some(), "the demo sets the cap");
    let since = [
        now - chrono::Duration::days(1),
        now - chrono::Duration::days(7),
        now - chrono::Duration::days(30),
    ];
    let counted = ["dibayar", "diproses", "dikirim", "selesai", "dikomplain"];
    let mut shops: Vec<i64> = d.orders.iter().map(|o| o.shop_id).collect();
    shops.sort_unstable();
    shops.dedup();
    let (mut seen, mut waiting, mut owed) = (0, 0, 0);
    for shop in shops {
        let desk = store.shop_desk(shop, &since, now).await.unwrap();
        let want: Vec<(i64, i64)> = since
            .iter()
            .map(|at| {
                d.orders
                    .iter()
                    .filter(|o| o.shop_id == shop && o.created_at >= *at)
                    .filter(|o| counted.contains(&o.status.as_str()))
                    .fold((0, 0), |(n, v), o| (n + 1, v + o.total()))
            })
            .collect();
        let got: Vec<(i64, i64)> = desk.sales.iter().map(|s| (s.orders, s.revenue)).collect();
        assert_eq!(got, want, "shop {shop}");
        seen += want[2].0;
        let needs_action = d
            .orders
            .iter()
            .filter(|o| o.shop_id == shop && ["dibayar", "diproses"].contains(&o.status.as_str()))
            .count() as i64;
        assert_eq!(desk.needs_action, needs_action, "shop {shop}");
        assert_eq!(
            (
                desk.balance,
                desk.sales_cap,
                desk.month_sales,
                desk.capped_month.clone()
            ),
            (
                store.ledger_balance(shop).await.unwrap(),
                cap,
                store.month_sales(shop, now).await.unwrap(),
                store.capped_month(shop).await.unwrap(),
            ),
            "shop {shop}"
        );
        waiting += desk.needs_action;
        owed += desk.balance.abs();
    }
    assert!(seen > 0, "some of these shops sold in the last 30 days");
    assert!(owed > 0, "money is owed");
    assert_eq!(waiting, 0, "the demo's orders are all settled");
    // A new order waits for its shop.
    let (_, shop) = verified_shop(&store, 77, "Toko Meja").await;
    let pid = store
        .save_product(shop, None, &product_input("Tahu Bakso", 4_000, 50), now)
        .await
        .unwrap()
        .unwrap();
    let (buyer, addr) = shopper(&store, 77).await;
    store
        .add_to_cart(buyer, pid, 3, now)
        .await
        .unwrap()
        .unwrap();
    let req = request(&store, buyer, addr, PaymentMethod::Cod, "kunci-meja-00001").await;
    store.place_order(&req).await.unwrap().unwrap();
    let desk = store.shop_desk(shop, &since, now).await.unwrap();
    assert_eq!(desk.needs_action, 1);
    assert_eq!(
        desk.needs_action,
        store.orders_needing_action(shop).await.unwrap()
    );
    let none = store.shop_desk(1, &[], now).await.unwrap();
    assert!(none.sales.is_empty());
    // PostgreSQL: the home's statements keep their cached plans (a bound
    // time range was planned anew on every visit).
    // Asked for a shop of the demo with the median number of orders.
    if store.backend() == Backend::Postgres {
        let mut by_orders: HashMap<i64, usize> = HashMap::new();
        for o in &d.orders {
            *by_orders.entry(o.shop_id).or_default() += 1;
        }
        let mut counts: Vec<(usize, i64)> = by_orders.into_iter().map(|(s, n)| (n, s)).collect();
        counts.sort_unstable();
        let typical = counts[counts.len() / 2].1;
        let one = store.one_connection().await.unwrap();
        for _ in 0..10 {
            one.shop_desk(typical, &since, now).await.unwrap();
            one.best_sellers(typical, since[2], 5).await.unwrap();
        }
        let plans = one.prepared_plans().await.unwrap();
        for marker in ["FROM shop_balances", "GROUP BY COALESCE(oi.product_id"] {
            let found: Vec<_> = plans.iter().filter(|p| p.0.contains(marker)).collect();
            assert_eq!(found.len(), 1, "{marker}: {plans:?}");
            let (generic, custom) = (found[0].1, found[0].2);
            assert!(
                generic >= 4 && custom <= 6,
                "{marker}: {generic} runs on the cached plan, {custom} planned anew"
            );
        }
    }
}

/// An admin account (`n` makes it unique).
async fn admin_user(store: &Store, n: usize) -> i64 {
    store
        .create_user(
            &user(Role::Admin, &format!("petugas{n}@contoh.test")),
            anchor(),
        )
        .await
        .unwrap()
}

/// The monthly sales cap: a shop's products are listed until an order
/// takes its month's sales to the cap, then hidden from every list and
/// refused to carts and checkout (their page stays, saying why); a
/// cancellation that brings it back under the cap, a new WIB month or a
/// higher cap list them again. Settings change only from the value read,
/// and every change is audited.
async fn the_monthly_sales_cap_hides_a_shop_until_next_month(store: Store) {
    use app::domain::fairness::{sales_month, MONTHLY_SALES_CAP};
    use app::server::store::SettingRefusal;
    load(&store, &small_demo()).await;
    let admin = admin_user(&store, 1).await;
    let cap = store
        .setting(MONTHLY_SALES_CAP.name)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cap, 30_000_000, "the real programme's Rp30 juta");
    // A stale form changes nothing; the current value changes, audited.
    assert_eq!(
        store
            .change_settings(
                &[(MONTHLY_SALES_CAP.name, 25_000_000, 1_000_000)],
                "Uji batas",
                admin,
                anchor()
            )
            .await
            .unwrap(),
        Err(SettingRefusal::Changed {
            name: MONTHLY_SALES_CAP.name.into(),
            now: 30_000_000
        })
    );
    store
        .change_settings(
            &[(MONTHLY_SALES_CAP.name, 30_000_000, 1_000_000)],
            "Uji batas kecil",
            admin,
            anchor(),
        )
        .await
        .unwrap()
        .unwrap();
    let changes = store.setting_changes(10).await.unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].detail.as_deref(),
        Some("batas_penjualan_bulanan: 30000000 → 1000000. Uji batas kecil")
    );
    assert!(changes[0].actor.is_some());
    // A new shop with one product at Rp400.000.
    let (_, shop) = verified_shop(&store, 71, "Toko Batas Uji").await;
    let pid = store
        .save_product(
            shop,
            None,
            &product_input("Beras Batas Lima Kilo", 400_000, 50),
            anchor(),
        )
        .await
        .unwrap()
        .unwrap();
    let listed = |store: Store| async move {
        let newest = store.newest_products(500).await.unwrap();
        let in_newest = newest.iter().any(|p| p.id == pid);
        let f = SearchFilter {
            words: query_words("beras batas lima"),
            limit: 20,
            ..SearchFilter::default()
        };
        let in_search = store
            .search(&f)
            .await
            .unwrap()
            .products
            .iter()
            .any(|p| p.id == pid);
        let facts = store.product(pid).await.unwrap().1;
        let (_, shop_facts) = store.shop_by_slug("toko-batas-uji").await.unwrap();
        assert_eq!(in_newest, in_search, "newest and search agree");
        assert_eq!(facts.capped, !in_newest, "the product page says why");
        assert_eq!(shop_facts.capped, !in_newest, "the shop page says why");
        in_newest
    };
    assert!(listed(store.clone()).await);
    // Two buyers: one buys 2 (Rp800.000), the other holds 1 in the cart.
    let (b1, a1) = shopper(&store, 71).await;
    let (b2, a2) = shopper(&store, 72).await;
    let (b3, a3) = shopper(&store, 73).await;
    store
        .add_to_cart(b1, pid, 2, anchor())
        .await
        .unwrap()
        .unwrap();
    store
        .add_to_cart(b3, pid, 1, anchor())
        .await
        .unwrap()
        .unwrap();
    let first = store
        .place_order(&request(&store, b1, a1, PaymentMethod::Qris, "kunci-batas-1").await)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store.month_sales(shop, anchor()).await.unwrap(), 800_000);
    assert!(listed(store.clone()).await, "under the cap: still listed");
    // The order that crosses the cap is taken; then the shop is hidden.
    store
        .add_to_cart(b2, pid, 1, anchor())
        .await
        .unwrap()
        .unwrap();
    store
        .place_order(&request(&store, b2, a2, PaymentMethod::Cod, "kunci-batas-2").await)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store.month_sales(shop, anchor()).await.unwrap(), 1_200_000);
    let month = sales_month(anchor());
    assert_eq!(
        store.capped_month(shop).await.unwrap(),
        Some(month.label.clone())
    );
    assert!(!listed(store.clone()).await, "at the cap: hidden");
    assert_eq!(
        store.add_to_cart(b2, pid, 1, anchor()).await.unwrap(),
        Err(CartRefusal::ShopAtCap)
    );
    // What was already in a cart cannot be checked out either.
    let refused = store
        .place_order(&request(&store, b3, a3, PaymentMethod::Cod, "kunci-batas-3").await)
        .await
        .unwrap();
    assert!(
        matches!(&refused, Err(CheckoutRefusal::Problems(p)) if p.iter().any(|x| matches!(x, app::domain::checkout::CartProblem::NotForSale { product_id } if *product_id == pid))),
        "{refused:?}"
    );
    // Settling again changes nothing.
    assert_eq!(
        store.settle_sales_caps(anchor()).await.unwrap(),
        app::server::store::CapsSettled::default()
    );
    // The unpaid first order expires: Rp400.000 left, under the cap again.
    let later = anchor() + chrono::Duration::minutes(31);
    assert_eq!(store.expire_unpaid(later, 100).await.unwrap(), 1);
    assert_eq!(store.month_sales(shop, later).await.unwrap(), 400_000);
    let s = store.settle_sales_caps(later).await.unwrap();
    assert!(s.lifted >= 1, "{s:?}");
    assert_eq!(store.capped_month(shop).await.unwrap(), None);
    assert!(listed(store.clone()).await);
    let _ = first;
    // Over it again (Rp1.200.000), then the month ends at 00:00 WIB.
    store.add_to_cart(b1, pid, 2, later).await.unwrap().unwrap();
    let mut again = request(&store, b1, a1, PaymentMethod::Cod, "kunci-batas-4").await;
    again.now = later;
    store.place_order(&again).await.unwrap().unwrap();
    assert!(!listed(store.clone()).await);
    let last_minute = month.end - chrono::Duration::minutes(1);
    store.settle_sales_caps(last_minute).await.unwrap();
    assert!(
        !listed(store.clone()).await,
        "hidden to the month's last minute"
    );
    store.settle_sales_caps(month.end).await.unwrap();
    assert_eq!(store.capped_month(shop).await.unwrap(), None);
    assert!(listed(store.clone()).await, "listed again in the new month");
    assert_eq!(store.month_sales(shop, month.end).await.unwrap(), 0);
    // Back in the capped month, raising the cap lists it at once.
    store.settle_sales_caps(later).await.unwrap();
    assert!(!listed(store.clone()).await);
    store
        .change_settings(
            &[(MONTHLY_SALES_CAP.name, 1_000_000, 5_000_000)],
            "Batas dinaikkan",
            admin,
            later,
        )
        .await
        .unwrap()
        .unwrap();
    assert!(listed(store.clone()).await, "a higher cap lists it again");
    assert_eq!(store.setting_changes(10).await.unwrap().len(), 2);
    // Eight officers at once: four change the idle window from the same
    // value read (exactly one stands), four each change another setting
    // (all stand); every change that stood is audited once.
    use app::domain::fairness::{ASN_TARGET_PERCENT, IDLE_SHOP_DAYS, PRICE_PARITY_PERCENT};
    let mut officers = Vec::new();
    for n in 0..8 {
        officers.push(admin_user(&store, 100 + n).await);
    }
    let mut tasks = Vec::new();
    for (i, &who) in officers.iter().enumerate() {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let change: (&str, i64, i64) = match i {
                0..=3 => (IDLE_SHOP_DAYS.name, 30, 40 + i as i64),
                4 => (ASN_TARGET_PERCENT.name, 50, 60),
                5 => (PRICE_PARITY_PERCENT.name, 30, 40),
                6 => (MONTHLY_SALES_CAP.name, 5_000_000, 6_000_000),
                _ => (app::domain::fairness::COMPLAINT_SLA_DAYS.name, 2, 3),
            };
            store
                .change_settings(&[change], "Serentak", who, later)
                .await
                .unwrap()
        }));
    }
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap());
    }
    let idle_won = results[..4].iter().filter(|r| r.is_ok()).count();
    assert_eq!(idle_won, 1, "{results:?}");
    assert!(results[..4]
        .iter()
        .all(|r| r.is_ok() || matches!(r, Err(SettingRefusal::Changed { .. }))));
    assert!(results[4..].iter().all(|r| r.is_ok()), "{results:?}");
    let idle = store.setting(IDLE_SHOP_DAYS.name).await.unwrap().unwrap();
    let winner = results[..4].iter().position(|r| r.is_ok()).unwrap() as i64;
    assert_eq!(idle, 40 + winner);
    assert_eq!(
        store.setting(ASN_TARGET_PERCENT.name).await.unwrap(),
        Some(60)
    );
    assert_eq!(store.setting_changes(50).await.unwrap().len(), 2 + 1 + 4);
}

/// The ASN programme by OPD equals a recount of the demo's orders, month
/// by month: registered ASN per OPD, distinct ASN buyers with completed
/// orders placed in the month, and their spend.
async fn the_asn_programme_equals_a_recount(store: Store) {
    use app::domain::fairness::sales_month;
    let d = small_demo();
    load(&store, &d).await;
    let mut month = sales_month(anchor());
    let mut months_with_buyers = 0;
    for _ in 0..4 {
        let got = store.opd_month(month.start, month.end).await.unwrap();
        let opds = reference::opd();
        assert_eq!(got.len(), opds.len(), "every OPD, even with no ASN");
        for row in &got {
            let asn: Vec<i64> = d
                .users
                .iter()
                .filter(|u| u.role == Role::Asn && u.opd == Some(row.name.as_str()))
                .map(|u| u.id)
                .collect();
            let orders: Vec<&demo::DemoOrder> = d
                .orders
                .iter()
                .filter(|o| {
                    asn.contains(&o.buyer_id)
                        && o.status == OrderStatus::Completed
                        && o.created_at >= month.start
                        && o.created_at < month.end
                })
                .collect();
            let buyers: std::collections::HashSet<i64> =
                orders.iter().map(|o| o.buyer_id).collect();
            let spend: i64 = orders.iter().map(|o| o.subtotal + o.delivery_fee).sum();
            assert_eq!(
                (row.asn, row.buyers, row.spend),
                (asn.len() as i64, buyers.len() as i64, spend),
                "{} in {}",
                row.name,
                month.label
            );
            if row.buyers > 0 {
                months_with_buyers += 1;
            }
        }
        month = sales_month(month.start - chrono::Duration::days(1));
    }
    assert!(months_with_buyers > 0, "the demo has ASN buyers to count");
}

/// Moderation: a takedown hides the product at once and the merchant
/// cannot turn it back on (nor copy it); a second takedown is stale; the
/// merchant resubmits once; the city keeps it down with a new reason or
/// lists it again, each decision audited. Price parity lists the same
/// product priced too far apart; banned words are kept once.
async fn moderation_takes_down_reviews_and_finds_price_gaps(store: Store) {
    use app::server::store::{ModerationRefusal, QuickEdit};
    load(&store, &small_demo()).await;
    let admin = admin_user(&store, 2).await;
    let (_, shop) = verified_shop(&store, 81, "Toko Moderasi Uji").await;
    let (_, other) = verified_shop(&store, 82, "Toko Pembanding Uji").await;
    let pid = store
        .save_product(
            shop,
            None,
            &product_input("Minyak Goreng Sawit Uji", 40_000, 20),
            anchor(),
        )
        .await
        .unwrap()
        .unwrap();
    let cheap = store
        .save_product(
            other,
            None,
            &product_input("Minyak Goreng Sawit Uji", 20_000, 20),
            anchor(),
        )
        .await
        .unwrap()
        .unwrap();
    // The same name and unit at Rp20.000 and Rp40.000: 100% apart, listed
    // once the groups the saves touched are recomputed.
    let gap_of = |store: Store, percent: i64| async move {
        store
            .price_parity(percent, 100)
            .await
            .unwrap()
            .into_iter()
            .find(|g| g.name.trim() == "minyak goreng sawit uji")
    };
    assert!(store.regroup_prices().await.unwrap() > 0);
    assert_eq!(store.regroup_prices().await.unwrap(), 0, "and are settled");
    let gaps = store.price_parity(30, 100).await.unwrap();
    let gap = gaps
        .iter()
        .find(|g| g.name.trim() == "minyak goreng sawit uji")
        .expect("the gap is listed");
    assert_eq!(
        (gap.shops, gap.min_price, gap.max_price),
        (2, 20_000, 40_000)
    );
    assert_eq!((gap.cheapest_id, gap.dearest_id), (cheap, pid));
    assert!(
        store
            .price_parity(100, 100)
            .await
            .unwrap()
            .iter()
            .all(|g| g.name.trim() != "minyak goreng sawit uji"),
        "within 100%: not listed"
    );
    // Repriced to Rp35.000: 75% apart, the cheapest end unchanged.
    assert!(store
        .quick_edit(shop, pid, QuickEdit::Price(35_000), anchor())
        .await
        .unwrap());
    assert_eq!(
        gap_of(store.clone(), 30).await.map(|g| g.max_price),
        Some(40_000),
        "until the pass, the last reading stands"
    );
    assert_eq!(store.regroup_prices().await.unwrap(), 1);
    let gap = gap_of(store.clone(), 30).await.expect("still 75% apart");
    assert_eq!((gap.min_price, gap.max_price), (20_000, 35_000));
    assert_eq!((gap.cheapest_id, gap.dearest_id), (cheap, pid));
    assert!(gap_of(store.clone(), 74).await.is_some());
    assert!(
        gap_of(store.clone(), 75).await.is_none(),
        "75% apart is not over 75%"
    );
    // The cheaper shop suspended: one shop left, no gap.
    store
        .decide_shop(
            other,
            ShopDecision::Suspend,
            Some("Izin usaha habis."),
            None,
            None,
            anchor(),
        )
        .await
        .unwrap()
        .unwrap();
    store.regroup_prices().await.unwrap();
    assert!(
        gap_of(store.clone(), 0).await.is_none(),
        "one verified shop: no gap"
    );
    store
        .decide_shop(other, ShopDecision::Lift, None, None, None, anchor())
        .await
        .unwrap()
        .unwrap();
    // Two instances' passes at once settle the group once between them.
    let (a, b) = tokio::join!(store.regroup_prices(), store.regroup_prices());
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(
        gap_of(store.clone(), 0)
            .await
            .map(|g| (g.shops, g.min_price)),
        Some((2, 20_000)),
        "lifted: the gap is back"
    );

    let on_sale = |store: Store| async move { store.product(pid).await.is_ok() };
    assert!(on_sale(store.clone()).await);
    store
        .take_down(pid, "Foto tidak sesuai barang.", admin, anchor())
        .await
        .unwrap()
        .unwrap();
    assert!(!on_sale(store.clone()).await, "down: off the catalog");
    assert_eq!(
        store
            .take_down(pid, "Kedua kali", admin, anchor())
            .await
            .unwrap(),
        Err(ModerationRefusal::Stale)
    );
    assert_eq!(
        store
            .take_down(999_999, "Tidak ada", admin, anchor())
            .await
            .unwrap(),
        Err(ModerationRefusal::NotFound)
    );
    // The merchant can neither turn it on nor copy it.
    assert!(!store
        .quick_edit(shop, pid, QuickEdit::Active(true), anchor())
        .await
        .unwrap());
    assert!(!on_sale(store.clone()).await);
    assert_eq!(
        store
            .duplicate_product(shop, pid, "salinan", anchor())
            .await
            .unwrap(),
        None
    );
    let mine = store.merchant_product(shop, pid).await.unwrap().unwrap();
    assert_eq!(
        mine.takedown_reason.as_deref(),
        Some("Foto tidak sesuai barang.")
    );
    assert!(!mine.resubmitted);
    // Not waiting yet: nothing to review.
    assert_eq!(
        store
            .review_resubmitted(pid, None, admin, anchor())
            .await
            .unwrap(),
        Err(ModerationRefusal::Stale)
    );
    // Another shop cannot resubmit it; its own shop can, once.
    assert!(!store.resubmit_product(other, pid, anchor()).await.unwrap());
    assert!(store.resubmit_product(shop, pid, anchor()).await.unwrap());
    assert!(!store.resubmit_product(shop, pid, anchor()).await.unwrap());
    let (waiting, down) = store.moderated(100).await.unwrap();
    assert!(waiting.iter().any(|w| w.id == pid));
    assert!(down.iter().all(|w| w.id != pid));
    // Kept down with a new reason; resubmitted again; then listed.
    store
        .review_resubmitted(pid, Some("Harga masih terlalu tinggi."), admin, anchor())
        .await
        .unwrap()
        .unwrap();
    assert!(!on_sale(store.clone()).await);
    let mine = store.merchant_product(shop, pid).await.unwrap().unwrap();
    assert_eq!(
        mine.takedown_reason.as_deref(),
        Some("Harga masih terlalu tinggi.")
    );
    assert!(store.resubmit_product(shop, pid, anchor()).await.unwrap());
    // Two officers decide at once: exactly one decision stands.
    let (a, b) = tokio::join!(
        store.review_resubmitted(pid, None, admin, anchor()),
        store.review_resubmitted(pid, Some("Tetap tidak sesuai."), admin, anchor())
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|x| **x).count(),
        1,
        "{a:?} {b:?}"
    );
    assert_eq!(on_sale(store.clone()).await, a.is_ok());
    let audited = count(
        &store,
        &format!(
            "SELECT COUNT(*) FROM audit_events WHERE target_type = 'product' AND target_id = {pid}"
        ),
    )
    .await;
    assert_eq!(
        audited, 3,
        "takedown, keep down, and the decision that stood"
    );
    // Banned words, kept once, removable.
    assert!(store
        .add_banned_word("miras", admin, anchor())
        .await
        .unwrap());
    assert!(!store
        .add_banned_word("miras", admin, anchor())
        .await
        .unwrap());
    assert_eq!(store.banned_words().await.unwrap().len(), 1);
    assert!(store
        .remove_banned_word("miras", admin, anchor())
        .await
        .unwrap());
    assert!(!store
        .remove_banned_word("miras", admin, anchor())
        .await
        .unwrap());
    assert!(store.banned_words().await.unwrap().is_empty());
}

/// On PostgreSQL, the statements behind the public pages run on a cached
/// plan once warm, instead of being planned again on every request
/// (planning was more than half of PostgreSQL's time on the home page).
/// A `LIMIT $n` or `OFFSET $n` kept the server from ever trusting the
/// cached plan, so those are written into the statement. (SQLite's plans
/// do not depend on values: nothing to check there.)
async fn public_page_statements_keep_their_plans_on_postgres(store: Store) {
    if store.backend() != Backend::Postgres {
        return;
    }
    let d = small_demo();
    load(&store, &d).await;
    let one = store.one_connection().await.unwrap();
    let category = one.categories().await.unwrap()[0].id;
    let shop = d
        .shops
        .iter()
        .find(|s| s.status == ShopStatus::Verified)
        .unwrap();
    let (card, _) = one.shop_by_slug(&shop.slug).await.unwrap();
    let product = one.newest_products(1).await.unwrap()[0].id;
    for _ in 0..10 {
        assert!(!one.newest_products(12).await.unwrap().is_empty());
        assert!(!one
            .category_products(category, 3, 2)
            .await
            .unwrap()
            .is_empty());
        let of_shop = SearchFilter {
            shop_id: Some(card.id),
            limit: 2,
            offset: 1,
            ..SearchFilter::default()
        };
        assert!(!one.search(&of_shop).await.unwrap().products.is_empty());
        one.product(product).await.unwrap();
        one.shop_by_slug(&shop.slug).await.unwrap();
    }
    // Search pages of different words: their cards and shops are read by
    // one prepared statement each, whatever the ids.
    let mut searched = 0;
    for p in d.products.iter().take(40) {
        let word = normalize(&p.name)
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_string();
        if word.len() < 3 {
            continue;
        }
        let words = SearchFilter {
            words: query_words(&word),
            limit: 24,
            ..SearchFilter::default()
        };
        if !one.search(&words).await.unwrap().products.is_empty() {
            searched += 1;
        }
    }
    assert!(searched >= 10, "{searched} searches found something");
    let plans = one.prepared_plans().await.unwrap();
    let runs = |marker: &str| {
        let found: Vec<_> = plans.iter().filter(|p| p.0.contains(marker)).collect();
        assert_eq!(found.len(), 1, "{marker}: {plans:?}");
        (found[0].1, found[0].2)
    };
    // Home's newest products and a category page: never planned anew.
    for marker in ["p.id DESC LIMIT 12", "ORDER BY p.offer_rank"] {
        assert_eq!(
            runs(marker),
            (10, 0),
            "{marker}: (cached plan, planned anew)"
        );
    }
    // Bound ids whose plans do not depend on the value: the server plans
    // the first five runs for their values, then keeps the cached plan.
    for marker in [
        "WITH found AS MATERIALIZED",
        "AND p.id = $1",
        "s.slug = $1",
        "WHERE p.id = ANY($1)",
    ] {
        let (generic, custom) = runs(marker);
        assert!(
            generic >= 4 && custom <= 6,
            "{marker}: {generic} runs on the cached plan, {custom} planned anew"
        );
    }
}

//! The store suite: every test runs against SQLite and against PostgreSQL.
//!
//! PostgreSQL: `PEKEN_TEST_DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`) must let us create
//! databases. `PEKEN_TEST_PG=require` makes an unreachable server a failure
//! (what `make test` sets when a server answers); `PEKEN_TEST_PG=skip`
//! skips; unset, the PostgreSQL half is skipped with a message when no
//! server answers.

use app::model::Role;
use app::server::demo::{self, DemoData, DemoSize};
use app::server::store::{NewUser, Store, StoreError};
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
    catalog_hides_unverified_shops_and_inactive_products,
    shops_filter_by_kecamatan,
    newest_and_popular_products_are_ordered,
    duplicate_email_is_reported_as_duplicate,
    foreign_keys_are_enforced,
    asn_users_need_nip_and_opd,
    audit_events_are_recorded,
);

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
    let done: Vec<_> = d.orders.iter().filter(|o| o.status == "selesai").collect();
    assert_eq!(stats.completed_orders, done.len() as i64);
    assert_eq!(
        stats.completed_value,
        done.iter().map(|o| o.total()).sum::<i64>()
    );
    let verified = d.shops.iter().filter(|s| s.status == "verified").count();
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
        .filter(|p| d.shops[p.shop_id as usize - 1].status == "verified")
        .count();
    assert_eq!(per_category, in_verified as i64);
    assert_eq!(stats.products, in_verified as i64);
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
    d.shops[1].status = "pending";
    d.shops[2].status = "suspended";
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
    let before = store.shop_products(card.id, 100).await.unwrap();
    assert_eq!(before.len() as i64, card.product_count);
    let hide = before[0].id;
    store.set_product_active(hide, false).await.unwrap();
    let after = store.shop_products(card.id, 100).await.unwrap();
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
        .filter(|s| s.kecamatan == k && s.status == "verified")
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
    for o in d.orders.iter().filter(|o| o.status == "selesai") {
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

async fn duplicate_email_is_reported_as_duplicate(store: Store) {
    store
        .create_user(&user(Role::Umum, "dewi@contoh.test"), anchor())
        .await
        .unwrap();
    let again = store
        .create_user(&user(Role::Umum, "dewi@contoh.test"), anchor())
        .await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
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

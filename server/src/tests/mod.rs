//! HTTP tests: the router on a temporary database, driven request by
//! request (`tower::ServiceExt::oneshot`), no network.

mod auth;
mod checkout;
mod figures;
mod merchant;
mod pages;
mod scale;

use crate::{config::Config, router::router};
use app::server::{demo::DemoData, Store};
use axum::{
    body::{to_bytes, Body},
    http::{Request, StatusCode},
    Router,
};
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

static N: AtomicU32 = AtomicU32::new(0);

/// The whole application on a fresh SQLite database in its own temporary
/// directory, removed when the value is dropped.
pub struct TestApp {
    pub app: Router,
    pub store: Store,
    dir: std::path::PathBuf,
    /// A PostgreSQL test database to drop afterwards: (admin URL, name).
    pg: Option<(String, String)>,
}

impl TestApp {
    /// With the default test configuration and, if given, `data` loaded.
    pub async fn new(data: Option<DemoData>) -> TestApp {
        TestApp::configured(|_| {}, data).await
    }

    /// With the configuration changed by `adjust` first.
    pub async fn configured(adjust: impl FnOnce(&mut Config), data: Option<DemoData>) -> TestApp {
        let dir = std::env::temp_dir().join(format!(
            "peken_http_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let mut config = Config::for_test(&dir);
        adjust(&mut config);
        let store = Store::connect(&config.database_url, config.max_connections)
            .await
            .unwrap();
        store.migrate().await.unwrap();
        if let Some(d) = data {
            store.import_demo(&d, "$argon2id$test").await.unwrap();
        }
        TestApp {
            app: router(store.clone(), &config),
            store,
            dir,
            pg: None,
        }
    }

    /// The application on a fresh PostgreSQL database, when a server
    /// answers (`PEKEN_TEST_DATABASE_URL`, as for the store suite); None
    /// (skipped, said on stderr) otherwise, unless `PEKEN_TEST_PG=require`.
    pub async fn on_postgres() -> Option<TestApp> {
        let mode = std::env::var("PEKEN_TEST_PG").unwrap_or_default();
        if mode == "skip" {
            return None;
        }
        let admin_url = std::env::var("PEKEN_TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let admin = match Store::connect(&admin_url, 1).await {
            Ok(s) => s,
            Err(e) if mode != "require" => {
                eprintln!("PostgreSQL HTTP test SKIPPED: {e}");
                return None;
            }
            Err(e) => panic!("PEKEN_TEST_PG=require but PostgreSQL is unreachable: {e}"),
        };
        let name = format!(
            "peken_http_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        admin
            .execute_admin(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        admin.close().await;
        let base = admin_url
            .rsplit_once('/')
            .map(|(b, _)| b.to_string())
            .unwrap_or(admin_url.clone());
        let url = format!("{base}/{name}");
        let mut t = TestApp::configured(|c| c.database_url = url, None).await;
        t.pg = Some((admin_url, name));
        Some(t)
    }

    /// Where uploads are stored.
    pub fn media_dir(&self) -> std::path::PathBuf {
        self.dir.join("media")
    }

    /// Puts a public file into the site root (as the build would).
    pub fn put_site_file(&self, name: &str, contents: &str) {
        let root = self.dir.join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join(name), contents).unwrap();
    }

    /// `GET path`: the status and the body as text.
    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let res = self
            .app
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let body = to_bytes(res.into_body(), usize::MAX).await.unwrap();
        (status, String::from_utf8_lossy(&body).into_owned())
    }
}

/// A session for `user_id`, valid a day: its `Cookie` header value.
pub async fn session_cookie(store: &Store, user_id: i64) -> String {
    let now = chrono::Utc::now();
    let (token, token_hash) = app::server::session::new_token();
    store
        .create_session(
            &app::server::store::NewSession {
                token_hash: &token_hash,
                user_id,
                expires_at: now + chrono::Duration::days(1),
                user_agent: None,
                ip: None,
            },
            now,
        )
        .await
        .unwrap();
    format!("peken_sesi={token}")
}

/// Places the buyer's cart as a cash-on-delivery order, every shop picked
/// up, through the store (as the review page would ask for it).
pub async fn place_for(
    store: &Store,
    buyer: i64,
    address: i64,
    now: chrono::DateTime<chrono::Utc>,
    key: &str,
) -> app::server::store::Placed {
    place_with(
        store,
        buyer,
        address,
        now,
        key,
        app::domain::PaymentMethod::Cod,
    )
    .await
}

/// Like [`place_for`], paying by `method`.
pub async fn place_with(
    store: &Store,
    buyer: i64,
    address: i64,
    now: chrono::DateTime<chrono::Utc>,
    key: &str,
    method: app::domain::PaymentMethod,
) -> app::server::store::Placed {
    use app::domain::delivery::{CityRates, DeliveryMethod};
    use app::server::store::{price_cart, CheckoutRequest};
    use std::collections::BTreeMap;
    let rows = store.cart_rows(buyer).await.unwrap();
    let place = store
        .address_row(buyer, address)
        .await
        .unwrap()
        .unwrap()
        .place();
    let delivery: BTreeMap<i64, DeliveryMethod> = rows
        .iter()
        .map(|r| (r.shop_id, DeliveryMethod::Pickup))
        .collect();
    let total = price_cart(&rows, &place, &delivery, &CityRates::default())
        .unwrap()
        .total;
    let mut cart: BTreeMap<i64, i64> = BTreeMap::new();
    for r in &rows {
        *cart.entry(r.product_id).or_default() += r.qty;
    }
    store
        .place_order(&CheckoutRequest {
            buyer_id: buyer,
            key: key.into(),
            fingerprint: key.into(),
            address_id: address,
            method,
            delivery,
            expect_cart: cart.into_iter().collect(),
            expect_total: total,
            city: CityRates::default(),
            pay_within: (method != app::domain::PaymentMethod::Cod).then_some(1800),
            now,
        })
        .await
        .unwrap()
        .unwrap()
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((admin, name)) = self.pg.take() {
            // Dropped outside any runtime the test may still be in.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    if let Ok(a) = Store::connect(&admin, 1).await {
                        let _ = a
                            .execute_admin(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .await;
                        a.close().await;
                    }
                });
            })
            .join();
        }
    }
}

//! Pages whose cost does not grow with the data: each public page makes
//! a few database round trips, no more on a catalog five times larger (a
//! query per shown item would add one per item).

use super::TestApp;
use app::server::demo::{self, DemoSize};
use axum::http::StatusCode;

/// The first `href="{prefix}…"` of a page.
fn first_link(html: &str, prefix: &str) -> String {
    let start = html
        .find(&format!("href=\"{prefix}"))
        .unwrap_or_else(|| panic!("a link to {prefix}"))
        + "href=\"".len();
    let len = html[start..].find('"').unwrap();
    html[start..start + len].to_string()
}

/// Round trips per page, each page asked twice (the first fills the
/// instance's caches; the second is what a busy server does).
async fn round_trips(t: &TestApp) -> Vec<(String, u64)> {
    let (_, home) = t.get("/").await;
    let product = first_link(&home, "/produk/");
    let shop = first_link(&home, "/toko/");
    let mut out = Vec::new();
    for path in [
        "/".to_string(),
        "/kategori/sembako".into(),
        "/cari?q=beras".into(),
        "/cari?kategori=sembako&urut=termurah".into(),
        "/toko".into(),
        "/toko?jenis=umkm".into(),
        shop.clone(),
        product.clone(),
        "/keranjang".into(),
        "/masuk".into(),
    ] {
        let (status, body) = t.get(&path).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::SEE_OTHER,
            "{path}: {status}"
        );
        // Only a page with an island loads the WebAssembly, and it does.
        let island = body.contains("<leptos-island");
        let wasm = body.contains("peken_bg.wasm") || body.contains("/pkg/peken.js");
        assert_eq!(island, wasm, "{path}: island {island}, wasm {wasm}");
        let before = t.store.round_trips();
        t.get(&path).await;
        let n = t.store.round_trips() - before;
        let kind = if path == shop {
            "a shop".into()
        } else if path == product {
            "a product".into()
        } else {
            path
        };
        out.push((kind, n));
    }
    out
}

#[tokio::test]
async fn public_pages_make_as_many_queries_on_five_times_the_data() {
    let now = chrono::Utc::now();
    let small = TestApp::new(Some(demo::generate(7, DemoSize::SMALL, now))).await;
    let large_size = DemoSize {
        shops: DemoSize::SMALL.shops * 5,
        asn_buyers: DemoSize::SMALL.asn_buyers * 5,
        public_buyers: DemoSize::SMALL.public_buyers * 5,
        first_month_checkouts: DemoSize::SMALL.first_month_checkouts * 5,
        months: DemoSize::SMALL.months,
    };
    let large = TestApp::new(Some(demo::generate(7, large_size, now))).await;
    let (a, b) = (round_trips(&small).await, round_trips(&large).await);
    // Pages of the small demo already show full lists (8 shops on home, a
    // page of products), so a query per shown item would show here too.
    assert!(
        a.iter()
            .all(|(p, n)| *n <= 8 && (*n >= 1 || p == "/masuk" || p == "/keranjang")),
        "every page goes to the database a few times at most: {a:?}"
    );
    // The pages that read one thing each read it in one or two statements
    // (a round trip each on PostgreSQL): a product with its shop and
    // rating; a shop with its rating, then its products with their count;
    // the directory's cards with its version; home's shops and newest
    // products (its totals, categories and best sellers come from the
    // instance's cache).
    for (page, most) in [("a product", 1), ("a shop", 2), ("/toko", 1), ("/", 2)] {
        let n = a.iter().find(|(p, _)| p == page).unwrap().1;
        assert!(
            n <= most,
            "{page}: {n} round trips, expected at most {most}"
        );
    }
    // A search may take one more step on one catalog than on another (a
    // last page read whole); more than that would grow with the data.
    for ((page, small), (_, large)) in a.iter().zip(&b) {
        assert!(
            large <= &(small + 1),
            "{page}: {small} round trips on the small demo, {large} on five times the data"
        );
    }
}

/// `GET path` with these headers: status, headers, body (decompressed from
/// brotli when the response says so).
async fn fetch(
    t: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, axum::http::HeaderMap, String) {
    use tower::ServiceExt;
    let mut req = axum::http::Request::get(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = t
        .app
        .clone()
        .oneshot(req.body(axum::body::Body::empty()).unwrap())
        .await
        .unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = if headers.get("content-encoding").is_some_and(|v| v == "br") {
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
        out
    } else {
        assert!(headers.get("content-encoding").is_none(), "{headers:?}");
        bytes.to_vec()
    };
    (status, headers, String::from_utf8(body).unwrap())
}

#[tokio::test]
async fn anonymous_pages_come_from_the_cache_and_nobody_signed_in_gets_one() {
    let d = demo::generate(7, DemoSize::SMALL, chrono::Utc::now());
    let buyer = d
        .users
        .iter()
        .find(|u| u.role == app::model::Role::Umum)
        .unwrap()
        .id;
    let t = TestApp::configured(|c| c.page_cache_seconds = 300, Some(d)).await;
    let (_, home) = t.get("/").await;
    let product = first_link(&home, "/produk/");
    let id: i64 = product.trim_start_matches("/produk/").parse().unwrap();
    let br = [("accept-encoding", "gzip, br")];

    let (s, first, page) = fetch(&t, &product, &br).await;
    assert_eq!(s, StatusCode::OK);
    if first.get("x-peken-cache").is_none() {
        let at = page.find("nonce").unwrap_or(0);
        panic!(
            "{first:?}\n{}",
            &page[at.saturating_sub(300)..(at + 300).min(page.len())]
        );
    }
    assert_eq!(first["x-peken-cache"], "miss");
    let (_, again, cached) = fetch(&t, &product, &br).await;
    assert_eq!(again["x-peken-cache"], "hit");
    assert_eq!(again["content-encoding"], "br");
    assert_eq!(cached, page, "the same page, compressed once");
    // No nonce is shared between visitors: inline scripts go by hash.
    let csp = again["content-security-policy"].to_str().unwrap();
    assert!(
        !csp.contains("nonce") && !cached.contains("nonce=\""),
        "{csp}"
    );
    assert!(cached.contains("<script type=\"module\">") || cached.contains("<script>"));
    assert_eq!(csp, app::server::security::page_csp_hashed(&cached));
    assert!(csp.contains("'sha256-"));
    // Uncompressed for a client that takes neither brotli nor gzip.
    let (_, plain, plain_page) = fetch(&t, &product, &[]).await;
    assert_eq!(plain["x-peken-cache"], "hit");
    assert_eq!(plain_page, page);

    // A new price: anonymous visitors see the cached page until it
    // expires; a signed-in buyer sees the truth and is never cached.
    t.store
        .execute_admin(&format!(
            "UPDATE products SET price = 987654 WHERE id = {id}"
        ))
        .await
        .unwrap();
    let (_, _, stale) = fetch(&t, &product, &br).await;
    assert!(!stale.contains("987.654"), "cached for anonymous visitors");
    let cookie = super::session_cookie(&t.store, buyer).await;
    for _ in 0..2 {
        let (s, h, mine) = fetch(&t, &product, &[("cookie", &cookie), br[0]]).await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            h.get("x-peken-cache").is_none(),
            "signed in: not from the cache"
        );
        assert!(
            mine.contains("987.654"),
            "the signed-in buyer sees the new price"
        );
        assert!(h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("'nonce-"));
    }
    // Neither does a stale or forged session cookie get a cached page.
    let (_, h, _) = fetch(&t, &product, &[("cookie", "peken_sesi=nope")]).await;
    assert!(h.get("x-peken-cache").is_none());
    // Another language is another page.
    let (_, h, en) = fetch(&t, &product, &[("cookie", "peken_bahasa=en")]).await;
    assert_eq!(h["x-peken-cache"], "miss");
    assert!(en.contains("<html lang=\"en\""), "English");
    // Errors, private pages and pages that set a cookie are not kept.
    for path in [
        "/produk/99999999",
        "/keranjang",
        "/masuk",
        "/?kecamatan=Gubeng",
    ] {
        fetch(&t, path, &[]).await;
        let (_, h, _) = fetch(&t, path, &[]).await;
        assert_ne!(
            h.get("x-peken-cache").map(|v| v.to_str().unwrap()),
            Some("hit"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn an_expired_page_is_rendered_again_and_a_gone_one_is_not_served() {
    let d = demo::generate(7, DemoSize::SMALL, chrono::Utc::now());
    let t = TestApp::configured(|c| c.page_cache_seconds = 1, Some(d)).await;
    let (_, home) = t.get("/").await;
    let product = first_link(&home, "/produk/");
    let id: i64 = product.trim_start_matches("/produk/").parse().unwrap();
    let (_, h, _) = fetch(&t, &product, &[]).await;
    assert_eq!(h["x-peken-cache"], "miss");
    let (_, h, _) = fetch(&t, &product, &[]).await;
    assert_eq!(h["x-peken-cache"], "hit");
    // The product leaves the catalog; once its page expires, the next
    // visitor gets "not found", and so does everyone after.
    t.store.set_product_active(id, false).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    for _ in 0..2 {
        let (s, h, _) = fetch(&t, &product, &[]).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(h.get("x-peken-cache").is_none());
    }
}

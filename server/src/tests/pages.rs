//! Pages over HTTP: status codes, what they show, search engines, language.

use super::TestApp;
use app::domain::ShopStatus;
use app::server::demo::{self, DemoData, DemoSize};
use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

fn small() -> DemoData {
    demo::generate(3, DemoSize::SMALL, chrono::Utc::now())
}

#[tokio::test]
async fn healthz_answers_ok_then_503_when_the_database_is_gone() {
    let t = TestApp::new(None).await;
    assert_eq!(t.get("/healthz").await, (StatusCode::OK, "ok\n".into()));
    t.store.close().await;
    let (status, _) = t.get("/healthz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn home_lists_verified_shops_in_indonesian() {
    let d = small();
    let verified = d
        .shops
        .iter()
        .find(|s| s.status == ShopStatus::Verified)
        .unwrap()
        .name
        .clone();
    let t = TestApp::new(Some(d)).await;
    let (status, body) = t.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="id""#));
    assert!(body.contains(&verified), "home lists {verified}");
    assert!(body.contains("Produk terbaru"));
}

#[tokio::test]
async fn the_service_worker_is_served_fresh_with_this_builds_files() {
    let t = TestApp::new(None).await;
    let app = &t.app;
    let res = app
        .clone()
        .oneshot(Request::get("/sw.js").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache");
    assert!(res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    let body = to_bytes(res.into_body(), usize::MAX).await.unwrap();
    let body = String::from_utf8_lossy(&body);
    // No hash file in tests: the plain names.
    assert!(body.contains("'/pkg/peken.css'") && body.contains("'/pkg/peken_bg.wasm'"));
    assert!(body.contains("'/offline'"));
    // The page registers it and links the manifest.
    let (status, page) = t.get("/offline").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"<link rel="manifest" href="/manifest.webmanifest""#));
    assert!(page.contains(r#"src="/sw-register.js""#));
    assert!(page.contains("Anda sedang offline"));
}

#[tokio::test]
async fn search_engines_get_robots_a_sitemap_and_product_data() {
    let d = small();
    let verified: std::collections::HashSet<i64> = d
        .shops
        .iter()
        .filter(|s| s.status == ShopStatus::Verified)
        .map(|s| s.id)
        .collect();
    let visible = d
        .products
        .iter()
        .filter(|p| verified.contains(&p.shop_id))
        .count();
    let hidden_shop = d
        .shops
        .iter()
        .find(|s| s.status != ShopStatus::Verified)
        .unwrap()
        .slug
        .clone();
    let product = d
        .products
        .iter()
        .find(|p| verified.contains(&p.shop_id))
        .unwrap();
    let (pid, pname, pprice) = (product.id, product.name.clone(), product.price);
    let t = TestApp::new(Some(d)).await;
    let store = &t.store;
    let base = "http://127.0.0.1:3000";

    let (status, robots) = t.get("/robots.txt").await;
    assert_eq!(status, StatusCode::OK);
    assert!(robots.contains("Disallow: /akun") && robots.contains("Disallow: /api/"));
    for private in ["/keranjang", "/checkout", "/pesanan", "/toko-saya"] {
        assert!(
            robots.contains(&format!("Disallow: {private}\n")),
            "{private}"
        );
    }
    // Disallowing the merchant's pages leaves the public shop pages alone.
    assert!(!robots.contains("Disallow: /toko\n"));
    assert!(robots.contains(&format!("Sitemap: {base}/sitemap.xml")));

    let (status, index) = t.get("/sitemap.xml").await;
    assert_eq!(status, StatusCode::OK);
    assert!(index.contains(&format!("<loc>{base}/sitemap/toko</loc>")));
    assert!(index.contains(&format!("<loc>{base}/sitemap/produk/1</loc>")));
    let (_, shops) = t.get("/sitemap/toko").await;
    let categories = store.categories().await.unwrap().len();
    assert_eq!(
        shops.matches("<url>").count(),
        1 + categories + verified.len(),
        "home, categories and verified shops"
    );
    assert!(shops.contains(&format!("<loc>{base}/kategori/sembako</loc>")));
    assert!(
        !shops.contains(&format!("/toko/{hidden_shop}<")),
        "unverified shops stay out"
    );
    let (_, products) = t.get("/sitemap/produk/1").await;
    assert_eq!(products.matches("<url>").count(), visible);
    assert!(products.contains(&format!("<loc>{base}/produk/{pid}</loc>")));
    assert_eq!(t.get("/sitemap/produk/2").await.0, StatusCode::NOT_FOUND);
    assert_eq!(t.get("/sitemap/produk/x").await.0, StatusCode::NOT_FOUND);

    // A product page: canonical address, Open Graph and schema.org Offer in IDR.
    let (status, page) = t.get(&format!("/produk/{pid}")).await;
    assert_eq!(status, StatusCode::OK);
    let head = &page[..page.find("</head>").unwrap_or(page.len())];
    assert!(
        head.contains(&format!(
            r#"<link href="{base}/produk/{pid}" rel="canonical">"#
        )),
        "{head}"
    );
    assert!(page.contains(r#"<meta property="og:type" content="product""#));
    let start = page
        .find(r#"<script type="application/ld+json""#)
        .expect("json-ld");
    let json = &page[page[start..].find('>').unwrap() + start + 1..];
    let json = &json[..json.find("</script>").unwrap()];
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(v["@type"], "Product");
    assert_eq!(v["name"], pname.as_str());
    assert_eq!(v["offers"]["priceCurrency"], "IDR");
    assert!(
        v.as_object().unwrap().values().all(|x| !x.is_null()),
        "no null facts"
    );
    assert!(
        page.contains(r#"<span class="rating">"#),
        "the reviews summary is shown"
    );
    assert_eq!(v["offers"]["price"], pprice);
}

#[tokio::test]
async fn category_pages_list_their_products_page_by_page() {
    let t = TestApp::new(Some(small())).await;
    let store = &t.store;
    let cats = store.categories().await.unwrap();
    let c = cats.iter().max_by_key(|c| c.product_count).unwrap();
    assert!(
        c.product_count > 24,
        "the small demo fills more than one page"
    );
    let pages = (c.product_count + 23) / 24;
    let (status, first) = t.get(&format!("/kategori/{}", c.slug)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first.matches(r#"class="product-card""#).count(), 24);
    assert!(first.contains(&format!(
        r#"href="/kategori/{}?halaman=2" rel="next""#,
        c.slug
    )));
    assert!(first.contains(&format!("Halaman 1 dari {pages}")));
    let (status, last) = t
        .get(&format!("/kategori/{}?halaman={pages}", c.slug))
        .await;
    assert_eq!(status, StatusCode::OK);
    let on_last = c.product_count - (pages - 1) * 24;
    assert_eq!(
        last.matches(r#"class="product-card""#).count() as i64,
        on_last
    );
    assert!(last.contains(r#"rel="prev""#) && !last.contains(r#"rel="next""#));
    for bad in [
        format!("?halaman={}", pages + 1),
        "?halaman=0".into(),
        "?halaman=abc".into(),
    ] {
        let (status, _) = t.get(&format!("/kategori/{}{bad}", c.slug)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{bad}");
    }
}

#[tokio::test]
async fn the_shop_directory_filters_escapes_and_search_finds_shops_by_name() {
    let d = small();
    let t = TestApp::new(Some(small())).await;
    let verified: Vec<_> = d
        .shops
        .iter()
        .filter(|s| s.status == app::domain::ShopStatus::Verified)
        .collect();
    let (status, page) = t.get("/toko").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        page.matches(r#"class="shop-card""#).count(),
        verified.len().min(24)
    );
    assert!(page.contains(r#"class="mbr-note""#), "MBR is explained");
    // Narrowed to one kecamatan: only its shops.
    let k = verified[0].kecamatan;
    let (_, narrowed) = t
        .get(&format!("/toko?kecamatan={}", k.replace(' ', "+")))
        .await;
    let expected = verified.iter().filter(|s| s.kecamatan == k).count();
    assert_eq!(
        narrowed.matches(r#"class="shop-card""#).count(),
        expected,
        "{k}"
    );
    // What was typed comes back escaped.
    let (status, typed) = t.get("/toko?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!typed.contains("<script>alert(1)"));
    assert!(typed.contains("&lt;script&gt;alert(1)"));
    // The search names a shop above the products when its name is typed.
    let shop = verified[1];
    let (_, found) = t
        .get(&format!(
            "/cari?q={}",
            shop.name.to_lowercase().replace(' ', "+")
        ))
        .await;
    let section = found
        .split(r#"class="found-shops""#)
        .nth(1)
        .expect("a shops section");
    assert!(
        section.contains(&format!(r#"href="/toko/{}""#, shop.slug)),
        "{} listed",
        shop.name
    );
    let (_, plain) = t.get("/cari?q=zzqqxx").await;
    assert!(!plain.contains(r#"class="found-shops""#));
}

#[tokio::test]
async fn the_chosen_kecamatan_is_remembered_in_a_cookie() {
    let t = TestApp::new(Some(small())).await;
    let app = &t.app;
    let send = |uri: &str, cookie: Option<&str>| {
        let mut req = Request::get(uri);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        app.clone().oneshot(req.body(Body::empty()).unwrap())
    };
    let res = send("/?kecamatan=Dukuh+Pakis", None).await.unwrap();
    let cookie = res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with("peken_kecamatan=Dukuh_Pakis; Path=/; Max-Age=31536000"),
        "{cookie}"
    );
    let jar = cookie.split(';').next().unwrap().to_string();
    let body = to_bytes(send("/", Some(&jar)).await.unwrap().into_body(), usize::MAX)
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&body).contains("Toko di Kecamatan Dukuh Pakis"));
    // Choosing "all" forgets it; a made-up value is ignored.
    let res = send("/?kecamatan=", Some(&jar)).await.unwrap();
    assert!(res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let body = to_bytes(res.into_body(), usize::MAX).await.unwrap();
    assert!(String::from_utf8_lossy(&body).contains("Toko di Surabaya"));
    let body = to_bytes(
        send("/", Some("peken_kecamatan=Atlantis"))
            .await
            .unwrap()
            .into_body(),
        usize::MAX,
    )
    .await
    .unwrap();
    assert!(String::from_utf8_lossy(&body).contains("Toko di Surabaya"));
}

/// The small demo with one product renamed to the issue's example.
fn with_kopi() -> DemoData {
    let mut d = small();
    d.products[0].name = "Kopi Bubuk Kapal Api 165 g".into();
    d.products[0].stock = 20;
    let shop = d.products[0].shop_id as usize - 1;
    d.shops[shop].status = ShopStatus::Verified;
    d
}

#[tokio::test]
async fn search_finds_part_of_a_word_and_keeps_the_query_in_the_url() {
    let t = TestApp::new(Some(with_kopi())).await;
    let store = &t.store;
    let (status, body) = t.get("/cari?q=kop").await;
    assert_eq!(status, StatusCode::OK);
    // Shown with the size kept on one line (a no-break space before "g").
    assert!(
        body.contains("Kopi Bubuk Kapal Api 165\u{a0}g"),
        "partial word"
    );
    assert!(body.contains(r#"<meta name="robots" content="noindex, follow""#));
    assert!(
        body.contains(r#"name="q" value="kop""#),
        "query kept in the boxes"
    );
    assert!(body.contains("produk untuk “kop”"));

    // Filters narrow and stay in the form; a bad price is reported and kept.
    let (status, body) = t
        .get("/cari?q=kopi&stok=1&harga_min=abc&harga_maks=20.000")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Harga terendah harus angka rupiah bulat"));
    assert!(body.contains(r#"name="harga_min" inputmode="numeric" value="abc""#));
    assert!(body.contains("Sampai Rp20.000"), "active filter chip");
    assert!(
        body.contains(r#"href="/cari?q=kopi&amp;harga_min=abc&amp;harga_maks=20.000""#),
        "chip removing stok"
    );
    let (_, cheap) = t.get("/cari?q=kopi&harga_maks=1.000").await;
    assert!(cheap.contains("Tidak ada produk yang cocok dengan “kopi”."));
    assert!(
        cheap.contains(r#"href="/cari?q=kopi""#),
        "search again without filters"
    );

    // A misspelt word is corrected when the right one finds something.
    let (_, fixed) = t.get("/cari?q=kopu").await;
    assert!(
        fixed.contains("Tidak ada hasil untuk “kopu”. Menampilkan hasil untuk “kopi”."),
        "{fixed}"
    );
    assert!(fixed.contains("Kopi Bubuk Kapal Api 165\u{a0}g"));
    let (_, none) = t.get("/cari?q=zzqqxx").await;
    assert!(none.contains("Tidak ada produk yang cocok dengan “zzqqxx”."));
    assert!(
        none.contains(r#"href="/kategori/"#),
        "categories offered instead"
    );

    // Browsing everything pages without JS; past the end says so.
    let visible = store.public_product_count().await.unwrap();
    let pages = (visible + 23) / 24;
    assert!(pages > 1);
    let (_, all) = t.get("/cari?urut=termurah").await;
    assert_eq!(all.matches(r#"class="product-card""#).count(), 24);
    assert!(all.contains(&format!("Halaman 1 dari {pages}")));
    assert!(all.contains(r#"href="/cari?urut=termurah&amp;halaman=2" rel="next""#));
    let (status, past) = t.get("/cari?halaman=999").await;
    assert_eq!(status, StatusCode::OK);
    assert!(past.contains(&format!(
        "Halaman 999 tidak ada: hasilnya hanya {pages} halaman."
    )));

    // Typed markup is shown as text.
    let (_, evil) = t.get("/cari?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert!(!evil.contains("<script>alert(1)"));
    assert!(evil.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    // The API answers the same search as JSON.
    let (status, json) = t.get("/api/cari?q=KOPI%20bubuk").await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["total"].as_i64().unwrap() >= 1);
    assert_eq!(v["products"][0]["name"], "Kopi Bubuk Kapal Api 165 g");
}

#[tokio::test]
async fn shop_pages_search_inside_the_shop() {
    let d = with_kopi();
    let shop_id = d.products[0].shop_id;
    let slug = d.shops[shop_id as usize - 1].slug.clone();
    let own = d.products.iter().filter(|p| p.shop_id == shop_id).count();
    let t = TestApp::new(Some(d)).await;
    let (status, page) = t.get(&format!("/toko/{slug}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.matches(r#"class="product-card""#).count(), own.min(24));
    let (_, found) = t.get(&format!("/toko/{slug}?q=kapal")).await;
    assert!(found.contains("Kopi Bubuk Kapal Api 165\u{a0}g"));
    assert_eq!(found.matches(r#"class="product-card""#).count(), 1);
    let (_, none) = t.get(&format!("/toko/{slug}?q=zzqqxx")).await;
    assert!(none.contains("Tidak ada produk toko ini yang cocok dengan “zzqqxx”."));
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_returns() {
    let t = TestApp::new(Some(small())).await;
    let app = &t.app;
    let res = app
        .clone()
        .oneshot(
            Request::get("/bahasa/en?lanjut=%2Fcari%3Fq%3Dberas")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION], "/cari?q=beras");
    let cookie = res.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with("peken_bahasa=en; Path=/; Max-Age=31536000"),
        "{cookie}"
    );
    let send = |uri: &str, cookie: &str| {
        app.clone().oneshot(
            Request::get(uri)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
    };
    let body = |res: axum::response::Response| async move {
        String::from_utf8_lossy(&to_bytes(res.into_body(), usize::MAX).await.unwrap()).into_owned()
    };
    let en = body(send("/", "peken_bahasa=en").await.unwrap()).await;
    assert!(en.contains(r#"<html lang="en""#));
    assert!(en.contains("Shop from your neighbours"));
    assert!(en.contains(r#"content="en_US""#));
    assert!(!en.contains("Belanja dari tetangga sendiri"));
    let en_search = body(
        send("/cari?q=beras&harga_min=x", "peken_bahasa=en")
            .await
            .unwrap(),
    )
    .await;
    assert!(en_search.contains("The lowest price must be whole rupiah"));
    let id = body(send("/", "peken_bahasa=xx").await.unwrap()).await;
    assert!(id.contains(r#"<html lang="id""#) && id.contains("Belanja dari tetangga sendiri"));
    // Only local paths; unknown languages are 404.
    for (uri, want) in [
        ("/bahasa/id?lanjut=//evil.example", "/"),
        ("/bahasa/id?lanjut=https://evil.example", "/"),
        ("/bahasa/id", "/"),
    ] {
        let res = app
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.headers()[header::LOCATION], want, "{uri}");
    }
    let (status, _) = t.get("/bahasa/fr").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn unknown_pages_and_records_are_404() {
    let t = TestApp::new(Some(small())).await;
    for path in [
        "/tidak-ada",
        "/produk/424242",
        "/produk/abc",
        "/toko/tidak-ada",
    ] {
        let (status, body) = t.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.contains("Halaman tidak ditemukan"), "{path}");
    }
}

#[tokio::test]
async fn product_names_are_escaped_in_pages() {
    let mut d = small();
    let id = d.products[0].id;
    d.products[0].name = "</title><script>alert('x')</script> Kue".into();
    let t = TestApp::new(Some(d)).await;
    let (status, body) = t.get(&format!("/produk/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !body.contains("<script>alert"),
        "raw markup never reaches the page"
    );
    assert!(body.contains("<title>&lt;/title&gt;&lt;script&gt;alert('x')&lt;/script&gt; Kue — "));
    assert!(body.contains("<h1>&lt;/title&gt;&lt;script&gt;alert('x')&lt;/script&gt; Kue</h1>"));
    assert!(
        body.contains(
            r#""name":"\u003c/title\u003e\u003cscript\u003ealert('x')\u003c/script\u003e Kue""#
        ),
        "schema.org data carries the name with < and > escaped"
    );
}

mod config {
    use crate::config::Config;

    #[test]
    fn database_passwords_are_masked_in_logs() {
        let mut c = Config::for_test(std::path::Path::new("/tmp"));
        c.database_url = "postgres://peken:rahasia@db.kota:5432/peken".into();
        assert_eq!(c.database_for_log(), "postgres://…@db.kota:5432/peken");
        c.database_url = "sqlite://peken.db".into();
        assert_eq!(c.database_for_log(), "sqlite://peken.db");
    }
}

/// Every page sets its own Content-Security-Policy, carrying the nonce of
/// its own scripts, also when many pages and public files are served at
/// once (as when the service worker installs during a navigation); none
/// needs the safety net's repair, and no file carries a page's headers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_sets_its_own_policy_even_under_load() {
    let t = TestApp::new(Some(small())).await;
    t.put_site_file("favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    t.put_site_file("manifest.webmanifest", "{}");
    let before = crate::web::csp_repairs();
    let paths = [
        "/",
        "/favicon.svg",
        "/cari?q=kopi",
        "/manifest.webmanifest",
        "/kategori/sembako",
        "/favicon.svg",
        "/offline",
        "/tidak-ada",
        "/masuk",
    ];
    let mut tasks = Vec::new();
    for i in 0..240 {
        let app = t.app.clone();
        let path = paths[i % paths.len()];
        tasks.push(tokio::spawn(async move {
            let res = app
                .oneshot(Request::get(path).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let csp = res
                .headers()
                .get(header::CONTENT_SECURITY_POLICY)
                .map(|v| v.to_str().unwrap().to_string());
            let body = to_bytes(res.into_body(), usize::MAX).await.unwrap();
            (path, csp, String::from_utf8_lossy(&body).into_owned())
        }));
    }
    for task in tasks {
        let (path, csp, body) = task.await.unwrap();
        let csp = csp.unwrap_or_else(|| panic!("{path} has no policy"));
        if !path.starts_with("/favicon") && !path.starts_with("/manifest") {
            assert!(body.contains("</html>"), "{path} is a page");
        } else {
            assert!(
                !csp.contains("nonce-"),
                "{path} carries a page's policy: {csp}"
            );
            continue;
        }
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|n| n.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: no nonce in {csp}"));
        assert!(
            body.contains(&format!("nonce=\"{nonce}\"")),
            "{path}: the policy's nonce is the page's"
        );
    }
    assert_eq!(
        crate::web::csp_repairs(),
        before,
        "a page left without its own Content-Security-Policy"
    );
}

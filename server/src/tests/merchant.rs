//! The merchant's side over HTTP: photo uploads (size, type, bombs, EXIF,
//! a phone-sized photo, who may upload), the inbox's live stream (a new
//! order within 2 s; a reconnect with `Last-Event-ID` gets what it
//! missed) on SQLite and PostgreSQL, and the ledger as CSV.

use super::TestApp;
use app::{
    domain::review::ShopDecision,
    model::{
        merchant::{ProductInput, ShopForm},
        AddressInput, Role,
    },
    server::{media::samples, store::NewUser, Store},
};
use axum::{
    body::{to_bytes, Body},
    http::{header, Request, StatusCode},
};
use chrono::Utc;
use futures::StreamExt;
use std::time::Duration;
use tower::ServiceExt;

const BOUNDARY: &str = "----pekenbatas7MA4YWxkTrZu0gW";

/// A multipart body with one file field `foto`.
fn multipart(filename: &str, kind: &str, bytes: &[u8]) -> Vec<u8> {
    let mut b = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"foto\"; filename=\"{filename}\"\r\n\
         Content-Type: {kind}\r\n\r\n"
    )
    .into_bytes();
    b.extend_from_slice(bytes);
    b.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    b
}

struct Shop {
    merchant: i64,
    cookie: String,
    shop: i64,
    product: i64,
}

async fn person(store: &Store, role: Role, n: usize) -> (i64, String) {
    let id = store
        .create_user(
            &NewUser {
                role,
                name: "Sri Wahyuni".into(),
                email: Some(format!("orang{n}@contoh.test")),
                phone: None,
                nip: None,
                opd_id: None,
                password_hash: "$argon2id$x".into(),
            },
            Utc::now(),
        )
        .await
        .unwrap();
    (id, super::session_cookie(store, id).await)
}

/// A merchant with a verified shop and one product.
async fn shop(store: &Store, n: usize) -> Shop {
    let (merchant, cookie) = person(store, Role::Merchant, n).await;
    let input = ShopForm {
        name: format!("Toko Uji {n}"),
        kind: "toko_kelontong".into(),
        nik: "3578011208850001".into(),
        kecamatan: "Gubeng".into(),
        kelurahan: "Airlangga".into(),
        address: "Jl. Airlangga 12".into(),
        phone: "081234567890".into(),
        bank_name: "Bank Jatim".into(),
        bank_account: "0011223344".into(),
        bank_holder: "Sri Wahyuni".into(),
        ..Default::default()
    }
    .validate(&app::i18n::ID)
    .unwrap();
    let now = Utc::now();
    let shop = store
        .apply_shop(merchant, &input, now)
        .await
        .unwrap()
        .unwrap();
    store
        .decide_shop(shop, ShopDecision::Approve, None, None, None, now)
        .await
        .unwrap()
        .unwrap();
    let product = store
        .save_product(
            shop,
            None,
            &ProductInput {
                name: format!("Kecap Manis {n}"),
                category: "sembako".into(),
                description: String::new(),
                price: 12_000,
                stock: 50,
                unit: "botol".into(),
                weight_grams: 600,
            },
            now,
        )
        .await
        .unwrap()
        .unwrap();
    Shop {
        merchant,
        cookie,
        shop,
        product,
    }
}

async fn upload(
    t: &TestApp,
    path: &str,
    cookie: Option<&str>,
    body: Body,
) -> (StatusCode, String, String) {
    let mut req = Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("origin", "http://127.0.0.1:3000")
        .header(header::HOST, "127.0.0.1:3000");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let res = t
        .app
        .clone()
        .oneshot(req.body(body).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = to_bytes(res.into_body(), usize::MAX).await.unwrap();
    (
        status,
        location,
        String::from_utf8_lossy(&body).into_owned(),
    )
}

async fn photo_paths(store: &Store, product: i64) -> Vec<String> {
    let shop_id = store
        .count(&format!(
            "SELECT shop_id FROM products WHERE id = {product}"
        ))
        .await
        .unwrap();
    let p = store
        .merchant_product(shop_id, product)
        .await
        .unwrap()
        .unwrap();
    p.photos.into_iter().map(|(_, ph)| ph.url).collect()
}

#[tokio::test]
async fn uploads_are_checked_reencoded_and_only_the_owner_may_add_them() {
    let t = TestApp::new(None).await;
    let a = shop(&t.store, 1).await;
    let b = shop(&t.store, 2).await;
    let (_, buyer) = person(&t.store, Role::Umum, 3).await;
    let path = format!("/toko-saya/produk/{}/foto", a.product);
    let jpeg = samples::jpeg(4000, 3000);
    assert!(
        jpeg.len() > 500_000,
        "a phone-sized file ({} bytes)",
        jpeg.len()
    );

    // Who may: nobody but the owner.
    let body = || Body::from(multipart("foto.jpg", "image/jpeg", &jpeg));
    let (s, loc, _) = upload(&t, &path, None, body()).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(loc.starts_with("/masuk?lanjut="), "{loc}");
    assert_eq!(
        upload(&t, &path, Some(&buyer), body()).await.0,
        StatusCode::FORBIDDEN
    );
    let (s, _, page) = upload(&t, &path, Some(&b.cookie), body()).await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "another shop's product does not exist for B"
    );
    assert!(
        !page.contains("Kecap Manis 1"),
        "nothing of A's product shows"
    );
    assert!(photo_paths(&t.store, a.product).await.is_empty());

    // A real phone photo: three variants stored, each decodes, none is
    // what was sent.
    let (s, loc, _) = upload(&t, &path, Some(&a.cookie), body()).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc, format!("/toko-saya/produk/{}?ok=foto#foto", a.product));
    let stored = photo_paths(&t.store, a.product).await;
    assert_eq!(stored.len(), 1);
    let card = stored[0].strip_prefix("/media/").unwrap().to_string();
    for (name, w, h) in [
        ("thumb", 160, 120),
        ("card", 480, 360),
        ("large", 1280, 960),
    ] {
        let key = card.replace("card.jpg", &format!("{name}.jpg"));
        let (status, _) = t.get(&format!("/media/{key}")).await;
        assert_eq!(status, StatusCode::OK, "{key} is served");
        let bytes = std::fs::read(t.media_dir().join(&key)).unwrap();
        assert_ne!(bytes, jpeg);
        let img = image::load_from_memory(&bytes).unwrap();
        assert_eq!((img.width(), img.height()), (w, h), "{name}");
    }
    // The product page serves the sizes with srcset.
    let (_, html) = t.get(&format!("/produk/{}", a.product)).await;
    assert!(
        html.contains("480w") && html.contains("1280w"),
        "srcset on the product page"
    );

    // GPS in EXIF: gone from every stored variant; orientation applied.
    let gps = samples::jpeg_with_gps(600, 300);
    let (s, _, _) = upload(
        &t,
        &path,
        Some(&a.cookie),
        Body::from(multipart("IMG_0001.JPG", "image/jpeg", &gps)),
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let stored = photo_paths(&t.store, a.product).await;
    let card = stored[1].strip_prefix("/media/").unwrap().to_string();
    for name in ["thumb", "card", "large"] {
        let key = card.replace("card.jpg", &format!("{name}.jpg"));
        let bytes = std::fs::read(t.media_dir().join(&key)).unwrap();
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif"),
            "{name} has no EXIF"
        );
    }
    let large = image::open(t.media_dir().join(card.replace("card.jpg", "large.jpg"))).unwrap();
    assert_eq!(
        (large.width(), large.height()),
        (300, 600),
        "turned upright"
    );

    // A PNG named .jpg is a PNG: read by its bytes, stored as variants.
    let png = samples::png(300, 200);
    let (s, _, _) = upload(
        &t,
        &path,
        Some(&a.cookie),
        Body::from(multipart("foto.jpg", "image/jpeg", &png)),
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);

    // Refusals: the page again with the message, nothing stored.
    let before = photo_paths(&t.store, a.product).await.len();
    let files_before = count_files(&t.media_dir());
    let cases: [(&str, Vec<u8>, StatusCode, &str); 3] = [
        (
            "foto.jpg",
            b"<html><script>alert(1)</script></html>".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "bukan foto JPEG, PNG atau WebP",
        ),
        (
            "bom.png",
            samples::png_bomb(50_000),
            StatusCode::UNPROCESSABLE_ENTITY,
            "terlalu besar (lebih dari 12.000 piksel",
        ),
        (
            "potong.jpg",
            jpeg[..jpeg.len() / 2].to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "rusak atau terpotong",
        ),
    ];
    for (name, bytes, want, words) in cases {
        let (s, _, page) = upload(
            &t,
            &path,
            Some(&a.cookie),
            Body::from(multipart(name, "image/jpeg", &bytes)),
        )
        .await;
        assert_eq!(s, want, "{name}");
        assert!(page.contains(words), "{name}: the page says why");
        assert!(
            page.contains("Kecap Manis 1"),
            "{name}: the product page again"
        );
    }
    assert_eq!(photo_paths(&t.store, a.product).await.len(), before);
    assert_eq!(count_files(&t.media_dir()), files_before, "nothing stored");

    // Two more make five; a sixth is refused.
    for _ in 0..2 {
        let (s, _, _) = upload(
            &t,
            &path,
            Some(&a.cookie),
            Body::from(multipart("a.png", "image/png", &png)),
        )
        .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
    }
    let (s, _, page) = upload(
        &t,
        &path,
        Some(&a.cookie),
        Body::from(multipart("a.png", "image/png", &png)),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(page.contains("Sudah 5 foto"));
    assert_eq!(photo_paths(&t.store, a.product).await.len(), 5);
    assert_eq!(
        count_files(&t.media_dir()),
        files_before + 6,
        "the refused sixth left no files"
    );
}

fn count_files(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            if e.path().is_dir() {
                count_files(&e.path())
            } else {
                1
            }
        })
        .sum()
}

/// A body that never ends: the server must answer without reading it all.
#[tokio::test]
async fn an_oversized_upload_is_refused_before_it_is_all_read() {
    let t = TestApp::new(None).await;
    let a = shop(&t.store, 1).await;
    let head = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"foto\"; filename=\"besar.jpg\"\r\n\
         Content-Type: image/jpeg\r\n\r\n"
    );
    let chunk = bytes::Bytes::from(vec![0xFFu8; 64 * 1024]);
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = sent.clone();
    let endless =
        futures::stream::once(async move { Ok::<_, std::io::Error>(bytes::Bytes::from(head)) })
            .chain(futures::stream::repeat_with(move || {
                counter.fetch_add(chunk.len(), std::sync::atomic::Ordering::SeqCst);
                Ok(chunk.clone())
            }));
    let path = format!("/toko-saya/produk/{}/foto", a.product);
    let answer = tokio::time::timeout(
        Duration::from_secs(20),
        upload(&t, &path, Some(&a.cookie), Body::from_stream(endless)),
    )
    .await
    .expect("answered although the body never ends");
    assert_eq!(answer.0, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer.2.contains("paling besar 8 MB"));
    let read = sent.load(std::sync::atomic::Ordering::SeqCst);
    assert!(read < 10 * 1024 * 1024, "stopped after {read} bytes");
    assert!(photo_paths(&t.store, a.product).await.is_empty());
}

/// Reads server-sent events from a streaming body until `pred` holds for
/// one (or the time runs out): returns the (id, data) seen.
async fn events_until(
    body: &mut (impl futures::Stream<Item = Result<bytes::Bytes, axum::Error>> + Unpin),
    within: Duration,
    pred: impl Fn(&str) -> bool,
) -> Vec<(i64, String)> {
    let mut seen = Vec::new();
    let mut buf = String::new();
    let deadline = tokio::time::Instant::now() + within;
    while let Ok(Some(Ok(chunk))) = tokio::time::timeout_at(deadline, body.next()).await {
        buf.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buf.find("\n\n") {
            let frame: String = buf.drain(..end + 2).collect();
            let mut id = None;
            let mut data = String::new();
            for line in frame.lines() {
                if let Some(v) = line.strip_prefix("id:") {
                    id = v.trim().parse().ok();
                } else if let Some(v) = line.strip_prefix("data:") {
                    data.push_str(v.trim());
                }
            }
            if let Some(id) = id {
                let done = pred(&data);
                seen.push((id, data));
                if done {
                    return seen;
                }
            }
        }
    }
    seen
}

async fn subscribe(
    t: &TestApp,
    cookie: &str,
    last: Option<i64>,
) -> impl futures::Stream<Item = Result<bytes::Bytes, axum::Error>> + Unpin {
    let mut req = Request::get("/toko-saya/pesanan/langsung").header(header::COOKIE, cookie);
    if let Some(id) = last {
        req = req.header("last-event-id", id.to_string());
    }
    let res = t
        .app
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers().get(header::CONTENT_TYPE).unwrap(),
        "text/event-stream"
    );
    res.into_body().into_data_stream()
}

async fn live_stream_on(t: TestApp) {
    let a = shop(&t.store, 1).await;
    let (buyer, buyer_cookie) = person(&t.store, Role::Umum, 5).await;
    let _ = buyer_cookie;
    let address = t
        .store
        .save_address(
            buyer,
            None,
            &AddressInput {
                label: "Rumah".into(),
                recipient: "Budi".into(),
                phone: "+6281234567890".into(),
                kecamatan: "Gubeng".into(),
                kelurahan: "Airlangga".into(),
                street: "Jl. Dharmawangsa 5".into(),
                rt_rw: None,
                notes: None,
                pin: None,
                is_default: true,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    let mut stream = subscribe(&t, &a.cookie, None).await;
    // A checkout in another task, as another request would be.
    let store = t.store.clone();
    let product = a.product;
    let placed_at = tokio::time::Instant::now();
    let placing = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        store
            .add_to_cart(buyer, product, 2, Utc::now())
            .await
            .unwrap()
            .unwrap();
        super::place_for(&store, buyer, address, Utc::now(), "kunci-langsung-01").await
    });
    let seen = events_until(&mut stream, Duration::from_secs(5), |d| {
        d.contains("pesanan_baru")
    })
    .await;
    let placed = placing.await.unwrap();
    assert!(
        placed_at.elapsed() < Duration::from_millis(2200),
        "the new order arrived {:?} after the checkout started",
        placed_at.elapsed()
    );
    let (first_id, data) = seen.last().expect("an event").clone();
    assert!(
        data.contains("pesanan_baru") && data.contains(&placed.code),
        "{data}"
    );
    drop(stream);

    // While nobody listens the shop accepts the order; a reconnect with
    // the last id it saw gets exactly that.
    let order = t
        .store
        .shop_order_id(a.shop, &format!("{}-1", placed.code))
        .await
        .unwrap()
        .unwrap();
    t.store
        .merchant_move(
            a.shop,
            order,
            app::server::store::ShopStep::to(app::domain::OrderStatus::Processing),
            app::server::store::Mover {
                actor: app::domain::order::Actor::Merchant,
                user_id: Some(a.merchant),
            },
            Utc::now(),
        )
        .await
        .unwrap()
        .unwrap();
    let mut again = subscribe(&t, &a.cookie, Some(first_id)).await;
    let missed = events_until(&mut again, Duration::from_secs(3), |d| {
        d.contains("diproses")
    })
    .await;
    assert_eq!(missed.len(), 1, "{missed:?}");
    assert!(missed[0].0 > first_id);
    assert!(missed[0].1.contains("\"diproses\""));
    t.store.close().await;
}

#[tokio::test]
async fn the_inbox_stream_brings_new_orders_and_what_a_reconnect_missed_on_sqlite() {
    live_stream_on(TestApp::new(None).await).await;
}

#[tokio::test]
async fn the_inbox_stream_brings_new_orders_and_what_a_reconnect_missed_on_postgres() {
    let Some(t) = TestApp::on_postgres().await else {
        return;
    };
    live_stream_on(t).await;
}

#[tokio::test]
async fn the_ledger_downloads_as_csv_for_its_shop_only() {
    let t = TestApp::new(None).await;
    let a = shop(&t.store, 1).await;
    let (_, buyer) = person(&t.store, Role::Umum, 2).await;
    t.store
        .record_settlement(
            a.shop,
            5_000,
            "=HYPERLINK(\"http://jahat\")",
            None,
            Utc::now(),
        )
        .await
        .unwrap();
    let get = |cookie: String| {
        let app = t.app.clone();
        async move {
            let res = app
                .oneshot(
                    Request::get("/toko-saya/buku-kas.csv")
                        .header(header::COOKIE, cookie)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            let status = res.status();
            let kind = res
                .headers()
                .get(header::CONTENT_TYPE)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            let body = to_bytes(res.into_body(), usize::MAX).await.unwrap();
            (status, kind, String::from_utf8_lossy(&body).into_owned())
        }
    };
    let (s, kind, csv) = get(a.cookie.clone()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(kind.starts_with("text/csv"));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("tanggal_wib,jenis,pesanan,jumlah_rp,tunai,catatan")
    );
    let row = lines.next().unwrap();
    assert!(row.contains(",pencairan,,-5000,tidak,"), "{row}");
    assert!(
        row.contains("\"'=HYPERLINK"),
        "a formula is neutralised: {row}"
    );
    assert_eq!(get(buyer).await.0, StatusCode::FORBIDDEN);
}

/// The merchant's pages load `/toko.js` and no WebAssembly; buyers' pages
/// keep their islands.
#[tokio::test]
async fn merchant_pages_load_a_small_script_instead_of_the_wasm_bundle() {
    let t = TestApp::new(None).await;
    let a = shop(&t.store, 1).await;
    for path in [
        "/toko-saya",
        "/toko-saya/pesanan",
        "/toko-saya/produk",
        "/toko-saya/daftar",
    ] {
        let res = t
            .app
            .clone()
            .oneshot(
                Request::get(path)
                    .header(header::COOKIE, &a.cookie)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let html = String::from_utf8_lossy(&to_bytes(res.into_body(), usize::MAX).await.unwrap())
            .into_owned();
        assert!(
            html.contains(r#"<script src="/toko.js" defer"#),
            "{path}: toko.js"
        );
        assert!(!html.contains(".wasm"), "{path}: no WebAssembly");
    }
    let (_, home) = t.get("/").await;
    assert!(
        home.contains(".wasm") || home.contains("__wasm"),
        "the storefront keeps its islands"
    );
    assert!(!home.contains("/toko.js"));
}

/// Renaming the shop through its form keeps search current: its products
/// are found by the new name.
#[tokio::test]
async fn a_renamed_shop_is_found_by_its_new_name() {
    let t = TestApp::new(None).await;
    let a = shop(&t.store, 1).await;
    let form = "name=Warung+Kembang+Jepun&kind=toko_kelontong&kecamatan=Gubeng&kelurahan=Airlangga\
        &address=Jl.+Airlangga+12&phone=081234567890&bank_name=Bank+Jatim&bank_holder=Sri+Wahyuni";
    let res = t
        .app
        .clone()
        .oneshot(
            Request::post("/toko-saya/daftar")
                .header(header::COOKIE, &a.cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("origin", "http://127.0.0.1:3000")
                .header(header::HOST, "127.0.0.1:3000")
                .body(Body::from(form))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "NIK and account kept from the file"
    );
    let shop = t.store.shop_of_owner(a.merchant).await.unwrap().unwrap();
    assert_eq!(shop.name, "Warung Kembang Jepun");
    assert_eq!(shop.owner_nik.as_deref(), Some("3578011208850001"));
    assert_eq!(shop.status, "verified", "a verified shop keeps selling");
    let (_, html) = t.get("/cari?q=kembang+jepun").await;
    assert!(
        html.contains("Kecap Manis 1"),
        "found by the shop's new name"
    );
}

/// The shop photo goes through the same pipeline and shows on the
/// public shop page; a payout larger than what is owed is refused.
#[tokio::test]
async fn the_shop_photo_is_public_and_payouts_stay_within_the_balance() {
    let t = TestApp::new(None).await;
    let a = shop(&t.store, 1).await;
    let png = samples::png(900, 600);
    let (s, loc, _) = upload(
        &t,
        "/toko-saya/foto",
        Some(&a.cookie),
        Body::from(multipart("toko.png", "image/png", &png)),
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(loc, "/toko-saya?ok=foto-toko");
    let mine = t.store.shop_of_owner(a.merchant).await.unwrap().unwrap();
    let key = mine.photo_key.expect("a photo key");
    assert!(key.starts_with("u/") && key.ends_with("/card.jpg"), "{key}");
    let (_, html) = t.get(&format!("/toko/{}", mine.slug)).await;
    assert!(
        html.contains(&format!("src=\"/media/{key}\"")),
        "the shop page shows it"
    );
    assert!(html.contains("160w"), "with its sizes");

    let refused = crate::record_payout(&t.store, &mine.slug, 10_000, "Transfer 1").await;
    assert!(refused.unwrap_err().to_string().contains("melebihinya"));
    t.store
        .record_settlement(a.shop, -20_000, "koreksi uji", None, Utc::now())
        .await
        .unwrap();
    crate::record_payout(&t.store, &mine.slug, 15_000, "Transfer 2")
        .await
        .unwrap();
    assert_eq!(t.store.ledger_balance(a.shop).await.unwrap(), 5_000);
}

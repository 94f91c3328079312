//! The purchase over HTTP: the review page's form placed once however
//! often it is sent, a visitor's add that survives signing in, and the
//! payment webhook's checks (signature, age, replay, amount, reference,
//! money after expiry), through the sandbox gateway's page too.

use super::TestApp;
use app::{
    domain::payment::ChargeStatus,
    model::{AddressInput, Role},
    server::{
        auth::hash_password,
        demo::{self, DemoSize},
        payments::{signed_event, SIGNATURE_HEADER},
        store::NewUser,
        Store,
    },
};
use axum::{
    body::{to_bytes, Body},
    http::{header, Request, StatusCode},
};
use chrono::Utc;
use tower::ServiceExt;

/// The secret `Config::for_test` gives the sandbox.
const SECRET: &[u8] = b"rahasia-uji-webhook";

struct Got {
    status: StatusCode,
    location: String,
    body: String,
}

async fn send(
    t: &TestApp,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<(&str, Vec<u8>)>,
    extra: &[(&str, &str)],
) -> Got {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    if let Some((kind, _)) = &body {
        req = req.header(header::CONTENT_TYPE, *kind);
    }
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    let bytes = body.map(|(_, b)| b).unwrap_or_default();
    let res = t
        .app
        .clone()
        .oneshot(req.body(Body::from(bytes)).unwrap())
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
    Got {
        status,
        location,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn form(s: &str) -> Option<(&'static str, Vec<u8>)> {
    Some(("application/x-www-form-urlencoded", s.as_bytes().to_vec()))
}

/// A signed-in umum buyer with one address (no pin): (user, cookie, address).
async fn buyer(store: &Store, n: u32, password_hash: &str) -> (i64, String, i64) {
    let now = Utc::now();
    let id = store
        .create_user(
            &NewUser {
                role: Role::Umum,
                name: format!("Pembeli {n}"),
                email: Some(format!("beli{n}@contoh.test")),
                phone: Some(format!("+62813{n:08}")),
                nip: None,
                opd_id: None,
                password_hash: password_hash.into(),
            },
            now,
        )
        .await
        .unwrap();
    let cookie = super::session_cookie(store, id).await;
    let addr = store
        .save_address(
            id,
            None,
            &AddressInput {
                label: "Rumah".into(),
                recipient: "Sri Wahyuni".into(),
                phone: "+6281234567890".into(),
                kecamatan: "Gubeng".into(),
                kelurahan: "Airlangga".into(),
                street: "Jl. Dharmawangsa 5".into(),
                rt_rw: None,
                notes: None,
                pin: None,
                is_default: true,
            },
            now,
        )
        .await
        .unwrap();
    (id, cookie, addr)
}

async fn marketplace() -> TestApp {
    TestApp::new(Some(demo::generate(5, DemoSize::SMALL, Utc::now()))).await
}

async fn product(store: &Store) -> app::model::ProductCard {
    store
        .newest_products(100)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.stock >= 5)
        .expect("a product in stock")
}

/// Every `<input type="hidden" name=… value=…>` of the page's place-order form.
fn hidden_fields(html: &str) -> Vec<(String, String)> {
    let start = html
        .find("class=\"place-order\"")
        .expect("a place-order form");
    let form = &html[start..start + html[start..].find("</form>").unwrap()];
    form.split("<input")
        .skip(1)
        .filter_map(|tag| {
            let attr = |a: &str| {
                let k = format!("{a}=\"");
                let i = tag.find(&k)? + k.len();
                Some(tag[i..i + tag[i..].find('"')?].to_string())
            };
            Some((attr("name")?, attr("value")?))
        })
        .collect()
}

fn encode(fields: &[(String, String)]) -> String {
    serde_urlencoded::to_string(fields).unwrap()
}

#[tokio::test]
async fn the_review_form_places_one_order_however_often_it_is_sent() {
    let t = marketplace().await;
    let (id, cookie, _) = buyer(&t.store, 1, "$argon2id$x").await;
    let p = product(&t.store).await;
    let stock = t.store.stock(p.id).await.unwrap();
    let add = send(
        &t,
        "POST",
        "/keranjang/tambah",
        Some(&cookie),
        form(&format!("produk={}&jumlah=2", p.id)),
        &[],
    )
    .await;
    assert_eq!(add.status, StatusCode::SEE_OTHER);
    assert!(
        add.location.ends_with("#beli"),
        "lands at the button: {}",
        add.location
    );
    let cart = send(&t, "GET", "/keranjang", Some(&cookie), None, &[]).await;
    assert_eq!(cart.status, StatusCode::OK);
    assert!(cart.body.contains(&p.name) && cart.body.contains("cart-count"));

    let review = send(
        &t,
        "GET",
        "/checkout/ringkasan?bayar=cod",
        Some(&cookie),
        None,
        &[],
    )
    .await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.body);
    let fields = hidden_fields(&review.body);
    let total: i64 = fields
        .iter()
        .find(|(k, _)| k == "total")
        .unwrap()
        .1
        .parse()
        .unwrap();
    assert!(total >= p.price * 2, "the server priced it: {total}");

    // A tampered total is refused; nothing is written.
    let mut cheap = fields.clone();
    for f in &mut cheap {
        if f.0 == "total" {
            f.1 = "1000".into();
        }
        if f.0 == "kunci" {
            f.1 = "kunci-yang-lain-01".into();
        }
    }
    let refused = send(
        &t,
        "POST",
        "/checkout/ringkasan",
        Some(&cookie),
        form(&encode(&cheap)),
        &[],
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("Total berubah"), "says why");
    assert_eq!(t.store.stock(p.id).await.unwrap(), stock);

    // The real form, sent three times (a double tap and a retry).
    let body = encode(&fields);
    let mut places = Vec::new();
    for _ in 0..3 {
        let got = send(
            &t,
            "POST",
            "/checkout/ringkasan",
            Some(&cookie),
            form(&body),
            &[],
        )
        .await;
        assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
        places.push(got.location);
    }
    assert!(
        places[0].starts_with("/pesanan/PKN-") && places[0].ends_with("?ok=baru"),
        "{}",
        places[0]
    );
    assert!(places.iter().all(|l| *l == places[0]), "{places:?}");
    assert_eq!(
        t.store
            .count(&format!(
                "SELECT COUNT(*) FROM order_groups WHERE buyer_id = {id}"
            ))
            .await
            .unwrap(),
        1
    );
    assert_eq!(t.store.stock(p.id).await.unwrap(), stock - 2);
    let page = send(
        &t,
        "GET",
        places[0].split('?').next().unwrap(),
        Some(&cookie),
        None,
        &[],
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&p.name) && page.body.contains("Dibayar"));
    assert_eq!(t.store.cart_count(id).await.unwrap(), 0);
}

#[tokio::test]
async fn a_visitor_who_taps_add_finds_it_in_the_cart_after_signing_in() {
    let t = marketplace().await;
    let hash = hash_password("kerupuk-udang-sidoarjo").as_str().to_string();
    let (id, _, _) = buyer(&t.store, 2, &hash).await;
    let p = product(&t.store).await;
    let got = send(
        &t,
        "POST",
        "/keranjang/tambah",
        None,
        form(&format!("produk={}&jumlah=2", p.id)),
        &[],
    )
    .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    assert!(
        got.location.starts_with("/masuk?lanjut=/keranjang/tambah"),
        "{}",
        got.location
    );
    let next = format!("/keranjang/tambah?produk={}&jumlah=2", p.id);
    let signin = format!(
        "id=beli2%40contoh.test&sandi=kerupuk-udang-sidoarjo&lanjut={}",
        app::web::url_encode(&next)
    );
    let got = send(&t, "POST", "/masuk", None, form(&signin), &[]).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    assert_eq!(
        got.location,
        format!("/produk/{}?ok=keranjang&jumlah=2", p.id)
    );
    assert_eq!(t.store.cart_count(id).await.unwrap(), 2);
}

#[tokio::test]
async fn webhooks_check_signature_age_replay_amount_and_reference() {
    let t = marketplace().await;
    let (id, cookie, addr) = buyer(&t.store, 3, "$argon2id$x").await;
    let p = product(&t.store).await;
    t.store
        .add_to_cart(id, p.id, 1, Utc::now())
        .await
        .unwrap()
        .unwrap();
    let placed = super::place_with(
        &t.store,
        id,
        addr,
        Utc::now(),
        "kunci-webhook-0001",
        app::domain::PaymentMethod::Qris,
    )
    .await;
    let gref = "SBX-0123456789abcdef0123456789abcdef";
    t.store
        .attach_charge(
            placed.payment_id,
            "sandbox",
            gref,
            "000201",
            &format!("/sandbox/bayar/{gref}"),
        )
        .await
        .unwrap();
    let amount = placed.total.get();
    let tr = &t;
    let hook = move |body: Vec<u8>, sig: String| async move {
        send(
            tr,
            "POST",
            "/api/pembayaran/notifikasi",
            None,
            Some(("application/json", body)),
            &[(SIGNATURE_HEADER, sig.as_str())],
        )
        .await
    };
    let code = placed.code.clone();
    let code = &code;
    let status = move || async move { tr.store.order_group(code).await.unwrap().unwrap() };

    let (body, _) = signed_event(
        SECRET,
        "evt-a",
        gref,
        &placed.code,
        ChargeStatus::Paid,
        amount,
        Utc::now(),
    );
    let (_, forged) = signed_event(
        b"kunci-lain",
        "evt-a",
        gref,
        &placed.code,
        ChargeStatus::Paid,
        amount,
        Utc::now(),
    );
    assert_eq!(
        hook(body.clone(), forged).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        hook(body.clone(), "".into()).await.status,
        StatusCode::UNAUTHORIZED
    );
    let (old, old_sig) = signed_event(
        SECRET,
        "evt-b",
        gref,
        &placed.code,
        ChargeStatus::Paid,
        amount,
        Utc::now() - chrono::Duration::hours(1),
    );
    assert_eq!(
        hook(old, old_sig).await.status,
        StatusCode::BAD_REQUEST,
        "stale"
    );
    let (wrong, wrong_sig) = signed_event(
        SECRET,
        "evt-c",
        gref,
        &placed.code,
        ChargeStatus::Paid,
        amount - 1,
        Utc::now(),
    );
    assert_eq!(
        hook(wrong, wrong_sig).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (unknown, unknown_sig) = signed_event(
        SECRET,
        "evt-d",
        "SBX-ffffffffffffffffffffffffffffffff",
        "PKN-x",
        ChargeStatus::Paid,
        amount,
        Utc::now(),
    );
    assert_eq!(
        hook(unknown, unknown_sig).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        status().await.payment_status,
        "pending",
        "none of those paid anything"
    );
    assert_eq!(
        t.store
            .count("SELECT COUNT(*) FROM audit_events WHERE action = 'payment.amount_mismatch'")
            .await
            .unwrap(),
        1
    );

    let (good, good_sig) = signed_event(
        SECRET,
        "evt-e",
        gref,
        &placed.code,
        ChargeStatus::Paid,
        amount,
        Utc::now(),
    );
    let got = hook(good.clone(), good_sig.clone()).await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(got.body.contains("accepted"));
    let g = status().await;
    assert_eq!(g.payment_status, "paid");
    assert!(g.orders.iter().all(|o| o.status == "dibayar"));
    let replay = hook(good, good_sig).await;
    assert_eq!(replay.status, StatusCode::OK);
    assert!(replay.body.contains("already processed"));
    assert_eq!(status().await.orders[0].history.len(), 2, "moved once");
    let page = send(
        &t,
        "GET",
        &format!("/pesanan/{}", placed.code),
        Some(&cookie),
        None,
        &[],
    )
    .await;
    assert!(page.body.contains("lunas"));

    // Paid after the order expired: recorded, owed back, never lost.
    t.store
        .add_to_cart(id, p.id, 1, Utc::now())
        .await
        .unwrap()
        .unwrap();
    let late = super::place_with(
        &t.store,
        id,
        addr,
        Utc::now() - chrono::Duration::hours(1),
        "kunci-webhook-0002",
        app::domain::PaymentMethod::VirtualAccount,
    )
    .await;
    let late_ref = "SBX-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    t.store
        .attach_charge(late.payment_id, "sandbox", late_ref, "8808", "/x")
        .await
        .unwrap();
    assert_eq!(crate::jobs::expire_due(&t.store).await, 1);
    let (body, sig) = signed_event(
        SECRET,
        "evt-f",
        late_ref,
        &late.code,
        ChargeStatus::Paid,
        late.total.get(),
        Utc::now(),
    );
    assert_eq!(hook(body, sig).await.status, StatusCode::OK);
    let g = t.store.order_group(&late.code).await.unwrap().unwrap();
    assert_eq!(
        (g.payment_status.as_str(), g.orders[0].status.as_str()),
        ("paid", "dibatalkan")
    );
    assert_eq!(g.orders[0].refund_amount, Some(late.total.get()));
    assert_eq!(
        t.store
            .count("SELECT COUNT(*) FROM audit_events WHERE action = 'payment.late'")
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn the_sandbox_page_shows_a_qr_code_and_pays_through_the_webhook() {
    let t = marketplace().await;
    let (id, cookie, _) = buyer(&t.store, 4, "$argon2id$x").await;
    let p = product(&t.store).await;
    let stock = t.store.stock(p.id).await.unwrap();
    t.store
        .add_to_cart(id, p.id, 1, Utc::now())
        .await
        .unwrap()
        .unwrap();
    let review = send(
        &t,
        "GET",
        "/checkout/ringkasan?bayar=qris",
        Some(&cookie),
        None,
        &[],
    )
    .await;
    let fields = hidden_fields(&review.body);
    let got = send(
        &t,
        "POST",
        "/checkout/ringkasan",
        Some(&cookie),
        form(&encode(&fields)),
        &[],
    )
    .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    assert!(
        got.location.starts_with("/sandbox/bayar/SBX-"),
        "on to the gateway: {}",
        got.location
    );
    let pay = send(&t, "GET", &got.location, None, None, &[]).await;
    assert_eq!(pay.status, StatusCode::OK);
    assert!(pay.body.contains("<svg") && pay.body.contains("Bayar"));
    let back = send(&t, "POST", &got.location, None, form("hasil=bayar"), &[]).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    assert!(back.location.ends_with("?ok=bayar"), "{}", back.location);
    let code = back
        .location
        .trim_start_matches("/pesanan/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let g = t.store.order_group(&code).await.unwrap().unwrap();
    assert_eq!(g.payment_status, "paid");
    assert_eq!(g.orders[0].status, "dibayar");
    // The buyer cancels before the shop processes it: stock back, refund owed.
    let cancel = format!("pesanan={}", g.orders[0].code);
    let got = send(
        &t,
        "POST",
        &format!("/pesanan/{code}/batal"),
        Some(&cookie),
        form(&cancel),
        &[],
    )
    .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    assert_eq!(t.store.stock(p.id).await.unwrap(), stock);
    let g = t.store.order_group(&code).await.unwrap().unwrap();
    assert_eq!(g.orders[0].refund_amount, Some(g.orders[0].total));
    // Buy again: the product is back in the cart.
    let again = send(
        &t,
        "POST",
        &format!("/pesanan/{code}/beli-lagi"),
        Some(&cookie),
        form(&cancel),
        &[],
    )
    .await;
    assert_eq!(again.location, "/keranjang?ok=beli-lagi");
    assert_eq!(t.store.cart_count(id).await.unwrap(), 1);
    // Unknown or malformed references are not found.
    assert_eq!(
        send(
            &t,
            "GET",
            "/sandbox/bayar/SBX-ffffffffffffffffffffffffffffffff",
            None,
            None,
            &[]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send(&t, "GET", "/sandbox/bayar/..%2F..", None, None, &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn merchants_and_admins_are_told_they_cannot_buy_instead_of_a_button() {
    let t = marketplace().await;
    let p = product(&t.store).await;
    let (_, buyer_cookie, _) = buyer(&t.store, 5, "$argon2id$x").await;
    let page = send(
        &t,
        "GET",
        &format!("/produk/{}", p.id),
        Some(&buyer_cookie),
        None,
        &[],
    )
    .await;
    assert!(page.body.contains("class=\"add-to-cart\""));
    let visitor = send(&t, "GET", &format!("/produk/{}", p.id), None, None, &[]).await;
    assert!(
        visitor.body.contains("class=\"add-to-cart\""),
        "visitors get it (and sign in)"
    );
    for (n, role) in [(6, Role::Merchant), (7, Role::Admin)] {
        let (id, cookie, _) = buyer(&t.store, n, "$argon2id$x").await;
        t.store.set_role(id, role).await.unwrap();
        let page = send(
            &t,
            "GET",
            &format!("/produk/{}", p.id),
            Some(&cookie),
            None,
            &[],
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            !page.body.contains("class=\"add-to-cart\""),
            "{role:?} gets no button"
        );
        assert!(page.body.contains("tidak dapat berbelanja"));
        assert!(
            !page.body.contains("class=\"cart-link\""),
            "{role:?} has no cart"
        );
    }
}

#[tokio::test]
async fn an_address_added_from_checkout_returns_there_and_only_to_local_pages() {
    let t = marketplace().await;
    let (id, cookie, _) = buyer(&t.store, 8, "$argon2id$x").await;
    let form_of = |next: &str| {
        format!(
            "label=Kantor&recipient=Sri+Wahyuni&phone=081234567890&kecamatan=Gubeng&kelurahan=Airlangga\
             &street=Jl.+Dharmawangsa+10&rt_rw=&notes=&lat=&lng=&lanjut={}",
            app::web::url_encode(next)
        )
    };
    let got = send(
        &t,
        "POST",
        "/akun/alamat/baru",
        Some(&cookie),
        form(&form_of("/checkout")),
        &[],
    )
    .await;
    assert_eq!(
        (got.status, got.location.as_str()),
        (StatusCode::SEE_OTHER, "/checkout")
    );
    let got = send(
        &t,
        "POST",
        "/akun/alamat/baru",
        Some(&cookie),
        form(&form_of("https://jahat.example/")),
        &[],
    )
    .await;
    assert_eq!(got.location, "/akun", "never off the site");
    assert_eq!(t.store.addresses(id).await.unwrap().len(), 3);
    // The form page carries the way back.
    let page = send(
        &t,
        "GET",
        "/akun/alamat/baru?lanjut=/checkout",
        Some(&cookie),
        None,
        &[],
    )
    .await;
    assert!(page.body.contains("name=\"lanjut\" value=\"/checkout\""));
}

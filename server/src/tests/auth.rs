//! Who may do what, over HTTP: the authorization matrix, cross-site
//! refusal, rate limits, session rotation and sign-out, security headers,
//! and forms that keep what was typed.

use super::TestApp;
use app::{
    domain::{order::Actor, review::ShopDecision, OrderStatus},
    model::{AddressInput, Role},
    server::{
        auth::hash_password,
        demo::{self, DemoSize},
        session::{Limit, RateLimits},
        store::{Mover, NewUser},
        Store,
    },
};
use axum::{
    body::{to_bytes, Body},
    http::{header, Request, StatusCode},
    Router,
};
use tower::ServiceExt;

const PASSWORD: &str = "kerupuk-udang-sidoarjo";

/// A category every marketplace has (from the reference data).
const CATEGORY: &str = "sembako";

/// Who is asking, in matrix column order.
const ACTORS: [&str; 6] = [
    "anonim",
    "pembeli A",
    "pembeli B",
    "penjual A",
    "penjual B",
    "admin",
];

struct World {
    app: Router,
    store: Store,
    /// Owns the temporary database; removed with the world.
    _t: TestApp,
    /// Session cookie per actor (None for anonymous).
    cookies: Vec<Option<String>>,
    /// User id per actor (0 for anonymous).
    ids: Vec<i64>,
    /// Buyer A's addresses: one to edit, one to delete.
    a_edit: i64,
    a_delete: i64,
    /// Buyer B's address.
    b_addr: i64,
    /// A product for sale and its stock.
    product: i64,
    product_stock: i64,
    /// Buyer A's checkout (cash on delivery) and its one shop order.
    a_group: String,
    a_order: String,
    /// Merchant A's shop (verified) and the version of it an admin reads.
    ma_shop: i64,
    ma_seen: i64,
    /// Merchant A's and B's products (their own verified shops).
    ma_product: i64,
    mb_product: i64,
    /// An order of merchant A's shop (placed by buyer B).
    ma_order: String,
    /// Buyer B's complaint about another order of merchant A's shop, and
    /// that order's checkout.
    b_complaint: i64,
    b_complaint_group: String,
    /// Buyer A's complaint about the service.
    a_complaint: i64,
}

async fn world_with(limits: RateLimits) -> World {
    let t = TestApp::configured(|c| c.rate_limits = limits, None).await;
    let store = t.store.clone();
    let now = chrono::Utc::now();
    let hash = hash_password(PASSWORD).as_str().to_string();
    let opd = store.opd_list().await.unwrap()[0].0;
    let people = [
        (Role::Umum, "Ani Pembeli", "+6281100000001", None),
        (
            Role::Asn,
            "Budi Pegawai",
            "+6281100000002",
            Some("198503302010011001"),
        ),
        (Role::Merchant, "Citra Penjual", "+6281100000003", None),
        (Role::Merchant, "Dodi Penjual", "+6281100000004", None),
        (Role::Admin, "Eka Admin", "+6281100000005", None),
    ];
    let mut cookies = vec![None];
    let mut ids = vec![0];
    for (i, (role, name, phone, nip)) in people.into_iter().enumerate() {
        let id = store
            .create_user(
                &NewUser {
                    role,
                    name: name.into(),
                    email: Some(format!("u{i}@contoh.test")),
                    phone: Some(phone.into()),
                    nip: nip.map(str::to_string),
                    opd_id: nip.map(|_| opd),
                    password_hash: hash.clone(),
                },
                now,
            )
            .await
            .unwrap();
        cookies.push(Some(super::session_cookie(&store, id).await));
        ids.push(id);
    }
    let addr = |label: &str| AddressInput {
        label: label.into(),
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
    let a_edit = store
        .save_address(ids[1], None, &addr("Rumah A"), now)
        .await
        .unwrap();
    let a_delete = store
        .save_address(ids[1], None, &addr("Kos A"), now)
        .await
        .unwrap();
    let b_addr = store
        .save_address(ids[2], None, &addr("Rumah B"), now)
        .await
        .unwrap();
    // A small marketplace, for the catalog and the cart.
    store
        .import_demo(&demo::generate(5, DemoSize::SMALL, now), "$argon2id$x")
        .await
        .unwrap();
    let product = store
        .newest_products(100)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.stock >= 3)
        .expect("a product in stock");
    // Buyer A has checked out once.
    store
        .add_to_cart(ids[1], product.id, 1, now)
        .await
        .unwrap()
        .unwrap();
    let placed = super::place_for(&store, ids[1], a_edit, now, "kunci-matriks-0001").await;
    let a_order = format!("{}-1", placed.code);
    // Merchants A and B each own a verified shop with one product; buyer B
    // has ordered merchant A's.
    let mut shop_products = Vec::new();
    let mut shops = Vec::new();
    for (i, m) in [ids[3], ids[4]].into_iter().enumerate() {
        let form = app::model::merchant::ShopForm {
            name: format!("Toko Penjual {i}"),
            kind: "umkm".into(),
            nik: "3578015208850002".into(),
            kecamatan: "Gubeng".into(),
            kelurahan: "Airlangga".into(),
            address: "Jl. Airlangga 12".into(),
            phone: "081234567890".into(),
            bank_name: "Bank Jatim".into(),
            bank_account: "0011223344".into(),
            bank_holder: "Citra Penjual".into(),
            ..Default::default()
        };
        let input = form.validate(&app::i18n::ID).unwrap();
        let shop = store.apply_shop(m, &input, now).await.unwrap().unwrap();
        store
            .decide_shop(shop, ShopDecision::Approve, None, None, None, now)
            .await
            .unwrap()
            .unwrap();
        shops.push(shop);
        let product = app::model::merchant::ProductInput {
            name: format!("Sambal Penjual {i}"),
            category: CATEGORY.into(),
            description: String::new(),
            price: 20_000,
            stock: 40,
            unit: "botol".into(),
            weight_grams: 200,
        };
        shop_products.push(
            store
                .save_product(shop, None, &product, now)
                .await
                .unwrap()
                .unwrap(),
        );
    }
    store
        .add_to_cart(ids[2], shop_products[0], 2, now)
        .await
        .unwrap()
        .unwrap();
    let ma = super::place_for(&store, ids[2], b_addr, now, "kunci-matriks-toko").await;
    // Buyer B received another order of merchant A's and complained.
    store
        .add_to_cart(ids[2], shop_products[0], 1, now)
        .await
        .unwrap()
        .unwrap();
    let complained = super::place_for(&store, ids[2], b_addr, now, "kunci-matriks-keluhan").await;
    let order_id = store
        .order_by_code(&format!("{}-1", complained.code))
        .await
        .unwrap()
        .unwrap()
        .id;
    for (to, actor, user) in [
        (OrderStatus::Processing, Actor::Merchant, ids[3]),
        (OrderStatus::Shipped, Actor::Merchant, ids[3]),
        (OrderStatus::Completed, Actor::Buyer, ids[2]),
        (OrderStatus::Complained, Actor::Buyer, ids[2]),
    ] {
        let by = Mover {
            actor,
            user_id: Some(user),
        };
        store
            .move_order(order_id, to, by, Some("Sambal tumpah di jalan"), now)
            .await
            .unwrap()
            .unwrap();
    }
    let b_complaint = store.complaint_of_order(order_id).await.unwrap().unwrap();
    let a_complaint = store
        .file_service_complaint(ids[1], "Halaman sering gagal dimuat", now)
        .await
        .unwrap();
    let ma_seen = store
        .shop_review(shops[0], now)
        .await
        .unwrap()
        .unwrap()
        .seen;
    World {
        ma_shop: shops[0],
        ma_seen,
        ma_product: shop_products[0],
        mb_product: shop_products[1],
        ma_order: format!("{}-1", ma.code),
        b_complaint,
        b_complaint_group: complained.code,
        a_complaint,
        a_group: placed.code,
        a_order,
        product: product.id,
        product_stock: store.stock(product.id).await.unwrap(),
        app: t.app.clone(),
        store,
        _t: t,
        cookies,
        ids,
        a_edit,
        a_delete,
        b_addr,
    }
}

async fn world() -> World {
    world_with(RateLimits::default()).await
}

impl World {
    async fn finish(self) {
        self.store.close().await;
    }
}

/// A response, read whole.
struct Got {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Got {
    fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    fn set_cookie(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    }
    /// `peken_sesi=<token>` from a `Set-Cookie` that sets a session.
    fn session_cookie(&self) -> Option<String> {
        self.set_cookie()
            .into_iter()
            .find(|c| c.starts_with("peken_sesi=") && !c.contains("Max-Age=0"))
            .map(|c| c.split(';').next().unwrap().to_string())
    }
}

async fn send(
    app: &Router,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    form: Option<&str>,
    extra: &[(&str, &str)],
) -> Got {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    if form.is_some() {
        req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    let res = app
        .clone()
        .oneshot(
            req.body(Body::from(form.unwrap_or("").to_string()))
                .unwrap(),
        )
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = to_bytes(res.into_body(), usize::MAX).await.unwrap();
    Got {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// What a request should get.
#[derive(Debug, Clone, Copy)]
enum Want {
    /// 200.
    Ok,
    /// 303 to the sign-in page with a way back.
    SignIn,
    /// 303/302 to a path starting with this.
    Go(&'static str),
    /// 401 (server functions: not signed in; forms: wrong password).
    E401,
    E403,
    E404,
    /// Malformed.
    E400,
    /// Not possible in the record's state.
    E409,
    /// Refused input.
    E422,
}

fn check(want: Want, got: &Got) -> Result<(), String> {
    let ok = match want {
        Want::Ok => got.status == StatusCode::OK,
        Want::SignIn => {
            got.status == StatusCode::SEE_OTHER && got.location().starts_with("/masuk?lanjut=/")
        }
        Want::Go(p) => got.status.is_redirection() && got.location().starts_with(p),
        Want::E401 => got.status == StatusCode::UNAUTHORIZED,
        Want::E403 => got.status == StatusCode::FORBIDDEN,
        Want::E404 => got.status == StatusCode::NOT_FOUND,
        Want::E400 => got.status == StatusCode::BAD_REQUEST,
        Want::E409 => got.status == StatusCode::CONFLICT,
        Want::E422 => got.status == StatusCode::UNPROCESSABLE_ENTITY,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "wanted {want:?}, got {} (Location {:?})",
            got.status,
            got.location()
        ))
    }
}

/// Whether a concrete request path (query ignored) fits an axum path
/// pattern such as `/akun/alamat/{id}`.
fn path_matches(pattern: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let (p, q): (Vec<_>, Vec<_>) = (pattern.split('/').collect(), path.split('/').collect());
    p.len() == q.len()
        && p.iter()
            .zip(&q)
            .all(|(a, b)| (a.starts_with('{') && !b.is_empty()) || a == b)
}

const SHOP_FORM: &str = "name=Toko+Citra&kind=umkm&nik=3578015208850002&kecamatan=Gubeng\
    &kelurahan=Airlangga&address=Jl.+Airlangga+12&phone=081234567890&bank_name=Bank+Jatim\
    &bank_account=0011223344&bank_holder=Citra+Penjual";

const PRODUCT_FORM: &str =
    "name=Sambal+Roa+Manado&category=sembako&price=25.000&stock=10&unit=botol&weight=200&description=Pedas";

const ADDRESS_FORM: &str = "label=Rumah&recipient=Sri+Wahyuni&phone=081234567890&kecamatan=Gubeng\
    &kelurahan=Airlangga&street=Jl.+Dharmawangsa+10&rt_rw=1%2F2&notes=&lat=&lng=";

/// One matrix row: method, path, form body, and what each actor gets, in
/// the order anonim, pembeli A, pembeli B, penjual A, penjual B, admin.
macro_rules! row {
    ($rows:ident, $method:literal $path:expr, $form:expr => [$($w:ident$(($p:literal))?),+]) => {
        $rows.push(($method, $path, $form, vec![$(Want::$w$(($p))?),+]));
    };
}

#[tokio::test]
async fn authorization_matrix() {
    let w = world().await;
    let (a1, a2, b1) = (w.a_edit, w.a_delete, w.b_addr);
    let mut rows: Vec<(&str, String, Option<&str>, Vec<Want>)> = Vec::new();
    // Public pages and reads.
    row!(rows, "GET" "/".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/api/home".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/api/pilihan-daftar".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/api/product?id=999999".into(), None => [E404, E404, E404, E404, E404, E404]);
    row!(rows, "GET" "/api/shop?slug=tidak-ada".into(), None => [E404, E404, E404, E404, E404, E404]);
    row!(rows, "GET" "/produk/999999".into(), None => [E404, E404, E404, E404, E404, E404]);
    row!(rows, "GET" "/toko/tidak-ada".into(), None => [E404, E404, E404, E404, E404, E404]);
    row!(rows, "GET" "/toko".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/toko?kecamatan=Gubeng&jenis=umkm&mbr=1&q=kue".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/toko?halaman=abc".into(), None => [E404, E404, E404, E404, E404, E404]);
    row!(rows, "GET" "/api/toko?halaman=9999".into(), None => [E404, E404, E404, E404, E404, E404]);
    row!(rows, "GET" "/offline".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/transparansi".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/panduan".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/api/transparansi".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/transparansi/data.json".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/transparansi/kecamatan.csv".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/transparansi/rahasia.csv".into(), None => [E404, E404, E404, E404, E404, E404]);
    row!(rows, "GET" "/kategori/sembako".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/kategori/tidak-ada".into(), None => [E404, E404, E404, E404, E404, E404]);
    row!(rows, "GET" "/api/kategori?slug=sembako".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/cari?q=beras&stok=1".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/api/cari?q=beras&urut=termurah".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/bahasa/en?lanjut=/".into(), None => [Go("/"), Go("/"), Go("/"), Go("/"), Go("/"), Go("/")]);
    // Sign-in and registration: signed-in users are sent on.
    row!(rows, "GET" "/masuk".into(), None => [Ok, Go("/akun"), Go("/akun"), Go("/akun"), Go("/akun"), Go("/akun")]);
    row!(rows, "GET" "/daftar".into(), None => [Ok, Go("/akun"), Go("/akun"), Go("/akun"), Go("/akun"), Go("/akun")]);
    row!(rows, "POST" "/masuk".into(), Some("id=081199999999&sandi=salah-sekali") => [E401, E401, E401, E401, E401, E401]);
    row!(rows, "POST" "/daftar".into(), Some("jenis=umum&nama=X") => [E422, E422, E422, E422, E422, E422]);
    // The account.
    row!(rows, "GET" "/akun".into(), None => [SignIn, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/api/akun".into(), None => [E401, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/api/saya".into(), None => [E401, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "GET" "/akun/sandi".into(), None => [SignIn, Ok, Ok, Ok, Ok, Ok]);
    row!(rows, "POST" "/akun/sandi".into(), Some("lama=salah-sekali&baru=x&baru2=x") => [SignIn, E401, E401, E401, E401, E401]);
    // Addresses: buyers only, and only their own.
    row!(rows, "GET" "/akun/alamat/baru".into(), None => [SignIn, Ok, Ok, E403, E403, E403]);
    row!(rows, "POST" "/akun/alamat/baru".into(), Some(ADDRESS_FORM) => [SignIn, Go("/akun?ok=alamat"), Go("/akun?ok=alamat"), E403, E403, E403]);
    row!(rows, "GET" format!("/akun/alamat/{a1}"), None => [SignIn, Ok, E404, E403, E403, E403]);
    row!(rows, "GET" format!("/api/form-alamat?id={a1}"), None => [E401, Ok, E404, E403, E403, E403]);
    row!(rows, "GET" format!("/api/form-alamat?id={b1}"), None => [E401, E404, Ok, E403, E403, E403]);
    row!(rows, "POST" format!("/akun/alamat/{a1}"), Some(ADDRESS_FORM) => [SignIn, Go("/akun?ok=alamat"), E404, E403, E403, E403]);
    row!(rows, "POST" format!("/akun/alamat/{a2}/hapus"), None => [SignIn, Go("/akun?ok=hapus"), E404, E403, E403, E403]);
    row!(rows, "POST" format!("/akun/alamat/{b1}/hapus"), None => [SignIn, E404, Go("/akun?ok=hapus"), E403, E403, E403]);
    // The cart: buyers only.
    let add = format!("produk={}&jumlah=1", w.product);
    row!(rows, "POST" "/keranjang/tambah".into(), Some(add.as_str()) => [SignIn, Go("/produk/"), Go("/produk/"), E403, E403, E403]);
    row!(rows, "POST" "/keranjang/tambah".into(), Some("produk=999999&jumlah=1") => [SignIn, E404, E404, E403, E403, E403]);
    // The same writes called as server functions (JavaScript): the same
    // answers, as statuses instead of pages.
    row!(rows, "POST" "/api/masuk".into(), Some("id=081199999998&sandi=salah-sekali") => [E401, E401, E401, E401, E401, E401]);
    row!(rows, "POST" "/api/daftar".into(), Some("jenis=umum&nama=X") => [E422, E422, E422, E422, E422, E422]);
    row!(rows, "POST" "/api/akun/sandi".into(), Some("lama=salah-sekali&baru=x&baru2=x") => [E401, E401, E401, E401, E401, E401]);
    let api_addr = format!("{ADDRESS_FORM}&id={a1}");
    row!(rows, "POST" "/api/akun/alamat".into(), Some(api_addr.as_str()) => [E401, Ok, E404, E403, E403, E403]);
    row!(rows, "POST" "/api/akun/alamat/hapus".into(), Some("id=999999") => [E401, E404, E404, E403, E403, E403]);
    row!(rows, "POST" "/api/keranjang/tambah".into(), Some(add.as_str()) => [E401, Ok, Ok, E403, E403, E403]);
    row!(rows, "POST" "/api/keranjang/tambah".into(), Some("produk=1&jumlah=banyak") => [E401, E422, E422, E403, E403, E403]);
    // The cart page and its forms: buyers only, each their own cart.
    let p = w.product;
    row!(rows, "GET" "/keranjang".into(), None => [SignIn, Ok, Ok, E403, E403, E403]);
    row!(rows, "GET" "/api/keranjang".into(), None => [E401, Ok, Ok, E403, E403, E403]);
    row!(rows, "GET" "/api/keranjang/jumlah".into(), None => [Ok, Ok, Ok, Ok, Ok, Ok]);
    let set = format!("produk={p}&jumlah=1");
    row!(rows, "POST" "/keranjang/ubah".into(), Some(set.as_str()) => [SignIn, Go("/keranjang?ok=ubah"), Go("/keranjang?ok=ubah"), E403, E403, E403]);
    row!(rows, "POST" "/api/keranjang/ubah".into(), Some(set.as_str()) => [E401, Ok, Ok, E403, E403, E403]);
    row!(rows, "POST" "/keranjang/ubah".into(), Some("produk=1&jumlah=-3") => [SignIn, E422, E422, E403, E403, E403]);
    row!(rows, "POST" "/keranjang/hapus".into(), Some("produk=999999") => [SignIn, E404, E404, E403, E403, E403]);
    row!(rows, "POST" "/api/keranjang/hapus".into(), Some("produk=999999") => [E401, E404, E404, E403, E403, E403]);
    row!(rows, "POST" "/keranjang/setujui".into(), Some("") => [SignIn, Go("/keranjang?ok=setuju"), Go("/keranjang?ok=setuju"), E403, E403, E403]);
    row!(rows, "POST" "/api/keranjang/setujui".into(), Some("") => [E401, Ok, Ok, E403, E403, E403]);
    // Checkout: buyers only; a form without its fields is refused.
    row!(rows, "GET" "/checkout".into(), None => [SignIn, Ok, Ok, E403, E403, E403]);
    row!(rows, "GET" "/checkout/ringkasan".into(), None => [SignIn, Ok, Ok, E403, E403, E403]);
    row!(rows, "GET" "/api/checkout".into(), None => [E401, Ok, Ok, E403, E403, E403]);
    let a_addr_checkout = format!("/api/checkout?alamat={a1}");
    row!(rows, "GET" a_addr_checkout, None => [E401, Ok, E404, E403, E403, E403]);
    row!(rows, "POST" "/checkout/ringkasan".into(), Some("alamat=rumah&bayar=cod") => [SignIn, E422, E422, E403, E403, E403]);
    row!(rows, "POST" "/api/checkout/pesan".into(), Some("alamat=rumah&bayar=cod") => [E401, E422, E422, E403, E403, E403]);
    // A's address in B's checkout; a total the server did not compute.
    let forged = format!("alamat={a1}&bayar=cod&kunci=kunci-palsu-000001&isi={p}:1&total=1");
    row!(rows, "POST" "/api/checkout/pesan".into(), Some(forged.as_str()) => [E401, E409, E404, E403, E403, E403]);
    // Orders: buyer A's checkout exists for A only.
    let (g, o) = (w.a_group.clone(), w.a_order.clone());
    let page = format!("/pesanan/{g}");
    let mine = format!("kode={g}&pesanan={o}");
    row!(rows, "GET" "/pesanan".into(), None => [SignIn, Ok, Ok, E403, E403, E403]);
    row!(rows, "GET" "/api/pesanan".into(), None => [E401, Ok, Ok, E403, E403, E403]);
    row!(rows, "GET" "/pesanan?status=bukan".into(), None => [SignIn, E400, E400, E403, E403, E403]);
    row!(rows, "GET" page.clone(), None => [SignIn, Ok, E404, E403, E403, E403]);
    row!(rows, "GET" format!("/api/pesanan/detail?kode={g}"), None => [E401, Ok, E404, E403, E403, E403]);
    let sub = |a: &str| format!("/pesanan/{g}/{a}");
    let pesanan = format!("pesanan={o}");
    let complaint = format!("pesanan={o}&alasan=Barang+tidak+sesuai+pesanan");
    let review = format!("pesanan={o}&produk={p}&bintang=5&ulasan=Bagus");
    row!(rows, "POST" sub("bayar"), Some("") => [SignIn, E409, E404, E403, E403, E403]);
    row!(rows, "POST" "/api/pesanan/bayar".into(), Some(mine.as_str()) => [E401, E409, E404, E403, E403, E403]);
    row!(rows, "POST" sub("terima"), Some(pesanan.as_str()) => [SignIn, E409, E404, E403, E403, E403]);
    row!(rows, "POST" "/api/pesanan/terima".into(), Some(mine.as_str()) => [E401, E409, E404, E403, E403, E403]);
    row!(rows, "POST" sub("komplain"), Some(complaint.as_str()) => [SignIn, E409, E404, E403, E403, E403]);
    let api_complaint = format!("kode={g}&{complaint}");
    row!(rows, "POST" "/api/pesanan/komplain".into(), Some(api_complaint.as_str()) => [E401, E409, E404, E403, E403, E403]);
    row!(rows, "POST" sub("ulas"), Some(review.as_str()) => [SignIn, E409, E404, E403, E403, E403]);
    let api_review = format!("kode={g}&{review}");
    row!(rows, "POST" "/api/pesanan/ulas".into(), Some(api_review.as_str()) => [E401, E409, E404, E403, E403, E403]);
    row!(rows, "POST" sub("beli-lagi"), Some(pesanan.as_str()) => [SignIn, Go("/keranjang?ok=beli-lagi"), E404, E403, E403, E403]);
    row!(rows, "POST" "/api/pesanan/beli-lagi".into(), Some(mine.as_str()) => [E401, Ok, E404, E403, E403, E403]);
    // B first is refused A's order; then A cancels it (cash on delivery, not
    // yet processed): allowed once, then not again.
    row!(rows, "POST" "/api/pesanan/batal".into(), Some(mine.as_str()) => [E401, Ok, E404, E403, E403, E403]);
    row!(rows, "POST" sub("batal"), Some(pesanan.as_str()) => [SignIn, E409, E404, E403, E403, E403]);
    // The merchant's side: merchants only, each their own shop.
    let (ma, mb, mo) = (w.ma_product, w.mb_product, w.ma_order.clone());
    row!(rows, "GET" "/toko-saya".into(), None => [SignIn, E403, E403, Ok, Ok, E403]);
    row!(rows, "GET" "/api/toko-saya".into(), None => [E401, E403, E403, Ok, Ok, E403]);
    row!(rows, "GET" "/toko-saya/daftar".into(), None => [SignIn, E403, E403, Ok, Ok, E403]);
    row!(rows, "GET" "/api/toko-saya/formulir".into(), None => [E401, E403, E403, Ok, Ok, E403]);
    row!(rows, "POST" "/toko-saya/daftar".into(), Some("name=X&nik=123") => [SignIn, E403, E403, E422, E422, E403]);
    row!(rows, "POST" "/api/toko-saya/daftar".into(), Some("name=X&nik=123") => [E401, E403, E403, E422, E422, E403]);
    row!(rows, "POST" "/toko-saya/daftar".into(), Some(SHOP_FORM) => [SignIn, E403, E403, Go("/toko-saya?ok=diajukan"), Go("/toko-saya?ok=diajukan"), E403]);
    row!(rows, "GET" "/toko-saya/produk".into(), None => [SignIn, E403, E403, Ok, Ok, E403]);
    row!(rows, "GET" "/api/toko-saya/produk".into(), None => [E401, E403, E403, Ok, Ok, E403]);
    row!(rows, "GET" "/toko-saya/produk/baru".into(), None => [SignIn, E403, E403, Ok, Ok, E403]);
    row!(rows, "GET" format!("/toko-saya/produk/{ma}"), None => [SignIn, E403, E403, Ok, E404, E403]);
    row!(rows, "GET" format!("/api/toko-saya/produk/formulir?id={ma}"), None => [E401, E403, E403, Ok, E404, E403]);
    row!(rows, "POST" "/toko-saya/produk/baru".into(), Some(PRODUCT_FORM) => [SignIn, E403, E403, Go("/toko-saya/produk/"), Go("/toko-saya/produk/"), E403]);
    row!(rows, "POST" "/toko-saya/produk/baru".into(), Some("name=Sambal&price=-1&stock=x&unit=ton") => [SignIn, E403, E403, E422, E422, E403]);
    row!(rows, "POST" format!("/toko-saya/produk/{ma}"), Some(PRODUCT_FORM) => [SignIn, E403, E403, Go("/toko-saya/produk/"), E404, E403]);
    let api_save = format!("id={ma}&{PRODUCT_FORM}");
    row!(rows, "POST" "/api/toko-saya/produk/simpan".into(), Some(api_save.as_str()) => [E401, E403, E403, Ok, E404, E403]);
    let quick = format!("id={ma}&harga=15.000&stok=20");
    row!(rows, "POST" "/toko-saya/produk/ubah".into(), Some(quick.as_str()) => [SignIn, E403, E403, Go("/toko-saya/produk?ok=diubah"), E404, E403]);
    let absurd = format!("id={ma}&harga=-5&stok=99999999");
    row!(rows, "POST" "/toko-saya/produk/ubah".into(), Some(absurd.as_str()) => [SignIn, E403, E403, E422, E422, E403]);
    row!(rows, "POST" "/api/toko-saya/produk/ubah".into(), Some(quick.as_str()) => [E401, E403, E403, Ok, E404, E403]);
    row!(rows, "POST" format!("/toko-saya/produk/{ma}/aktif"), Some("aktif=1") => [SignIn, E403, E403, Go("/toko-saya/produk?ok=diubah"), E404, E403]);
    let api_active = format!("id={ma}&aktif=1");
    row!(rows, "POST" "/api/toko-saya/produk/aktif".into(), Some(api_active.as_str()) => [E401, E403, E403, Ok, E404, E403]);
    row!(rows, "POST" format!("/toko-saya/produk/{ma}/salin"), Some("") => [SignIn, E403, E403, Go("/toko-saya/produk/"), E404, E403]);
    let api_ma = format!("id={ma}");
    row!(rows, "POST" "/api/toko-saya/produk/salin".into(), Some(api_ma.as_str()) => [E401, E403, E403, Ok, E404, E403]);
    row!(rows, "POST" format!("/toko-saya/produk/{ma}/foto/999999/hapus"), Some("") => [SignIn, E403, E403, E404, E404, E403]);
    let api_photo = format!("id={ma}&foto=999999");
    row!(rows, "POST" "/api/toko-saya/produk/foto/hapus".into(), Some(api_photo.as_str()) => [E401, E403, E403, E404, E404, E403]);
    row!(rows, "POST" format!("/toko-saya/produk/{mb}/hapus"), Some("") => [SignIn, E403, E403, E404, Go("/toko-saya/produk?ok=dihapus"), E403]);
    row!(rows, "POST" "/api/toko-saya/produk/hapus".into(), Some("id=999999") => [E401, E403, E403, E404, E404, E403]);
    row!(rows, "GET" "/toko-saya/pesanan".into(), None => [SignIn, E403, E403, Ok, Ok, E403]);
    row!(rows, "GET" "/api/toko-saya/pesanan".into(), None => [E401, E403, E403, Ok, Ok, E403]);
    row!(rows, "GET" format!("/toko-saya/pesanan/{mo}/slip"), None => [SignIn, E403, E403, Ok, E404, E403]);
    row!(rows, "GET" format!("/api/toko-saya/pesanan/slip?kode={mo}"), None => [E401, E403, E403, Ok, E404, E403]);
    row!(rows, "POST" format!("/toko-saya/pesanan/{mo}/aksi"), Some("aksi=terima") => [SignIn, E403, E403, Go("/toko-saya/pesanan?ok=terima"), E404, E403]);
    let again = format!("kode={mo}&aksi=terima");
    row!(rows, "POST" "/api/toko-saya/pesanan/aksi".into(), Some(again.as_str()) => [E401, E403, E403, E409, E404, E403]);
    row!(rows, "GET" "/mulai".into(), None => [Go("/"), Go("/"), Go("/"), Go("/toko-saya/pesanan"), Go("/toko-saya/pesanan"), Go("/")]);
    // Moderation: admins only. A takedown without a reason is refused; the
    // one with a reason stands and merchant A can resubmit it once; words
    // are kept once.
    let (twice, turn_on, relist) = (
        format!("id={ma}&alasan=Kedua+kalinya"),
        format!("id={ma}&aktif=1"),
        format!("id={ma}&keputusan=tampilkan"),
    );
    row!(rows, "GET" "/admin/produk".into(), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/api/admin/produk".into(), None => [E401, E403, E403, E403, E403, Ok]);
    row!(rows, "POST" format!("/produk/{ma}/turunkan"), Some("alasan=x") => [SignIn, E403, E403, E403, E403, E422]);
    row!(rows, "POST" "/api/admin/produk/turunkan".into(), Some("id=999999&alasan=Foto+tidak+sesuai") => [E401, E403, E403, E403, E403, E404]);
    row!(rows, "POST" format!("/toko-saya/produk/{ma}/ajukan"), Some("") => [SignIn, E403, E403, E409, E404, E403]);
    row!(rows, "POST" format!("/produk/{ma}/turunkan"), Some("alasan=Foto+tidak+sesuai+barang") => [SignIn, E403, E403, E403, E403, Go("/admin/produk?ok=turun")]);
    row!(rows, "POST" "/api/admin/produk/turunkan".into(), Some(twice.as_str()) => [E401, E403, E403, E403, E403, E409]);
    row!(rows, "POST" "/api/toko-saya/produk/aktif".into(), Some(turn_on.as_str()) => [E401, E403, E403, E409, E404, E403]);
    row!(rows, "POST" "/admin/produk/999999/tinjau".into(), Some("keputusan=tampilkan") => [SignIn, E403, E403, E403, E403, E404]);
    row!(rows, "POST" format!("/toko-saya/produk/{ma}/ajukan"), Some("") => [SignIn, E403, E403, Go("/toko-saya/produk/"), E404, E403]);
    row!(rows, "POST" "/api/toko-saya/produk/ajukan".into(), Some(api_ma.as_str()) => [E401, E403, E403, E409, E404, E403]);
    row!(rows, "POST" format!("/admin/produk/{ma}/tinjau"), Some("keputusan=tetap&alasan=") => [SignIn, E403, E403, E403, E403, E422]);
    row!(rows, "POST" "/api/admin/produk/tinjau".into(), Some(relist.as_str()) => [E401, E403, E403, E403, E403, Ok]);
    row!(rows, "POST" "/admin/produk/kata".into(), Some("aksi=tambah&kata=x") => [SignIn, E403, E403, E403, E403, E422]);
    row!(rows, "POST" "/admin/produk/kata".into(), Some("aksi=tambah&kata=Miras") => [SignIn, E403, E403, E403, E403, Go("/admin/produk?ok=kata")]);
    row!(rows, "POST" "/api/admin/produk/kata".into(), Some("aksi=tambah&kata=miras") => [E401, E403, E403, E403, E403, E409]);
    // Admin only.
    row!(rows, "GET" "/admin/audit".into(), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/admin".into(), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/api/admin/angka".into(), None => [E401, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/admin/data/kategori.csv".into(), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/admin/data/toko-sepi.csv".into(), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/admin/data/pengguna.csv".into(), None => [SignIn, E403, E403, E403, E403, E404]);
    row!(rows, "GET" "/api/audit".into(), None => [E401, E403, E403, E403, E403, Ok]);
    let (shop, seen) = (w.ma_shop, w.ma_seen);
    row!(rows, "GET" "/admin/toko".into(), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/admin/toko?daftar=dibekukan&hal=2".into(), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/api/admin/toko?daftar=terverifikasi".into(), None => [E401, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" format!("/admin/toko/{shop}"), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/admin/toko/999999".into(), None => [SignIn, E403, E403, E403, E403, E404]);
    row!(rows, "GET" format!("/api/admin/toko/satu?id={shop}"), None => [E401, E403, E403, E403, E403, Ok]);
    let decide = format!("/admin/toko/{shop}/keputusan");
    // A refusal without a reason, a decision on what was not read, one that
    // does not apply to a verified shop; then the decision that stands.
    row!(rows, "POST" decide.clone(), Some("keputusan=bekukan&alasan=&dilihat=0") => [SignIn, E403, E403, E403, E403, E422]);
    // Merchant A filed changes above (the shop form row): what the admin
    // read before that is stale, and the shop has moved on once.
    let stale = format!("keputusan=bekukan&alasan=Keluhan+pembeli+berulang&dilihat={seen}");
    let seen = seen + 1;
    row!(rows, "POST" decide.clone(), Some(stale.as_str()) => [SignIn, E403, E403, E403, E403, E409]);
    let api_wrong = format!("id={shop}&keputusan=setujui&dilihat={seen}");
    row!(rows, "POST" "/api/admin/toko/keputusan".into(), Some(api_wrong.as_str()) => [E401, E403, E403, E403, E403, E409]);
    let suspend = format!("keputusan=bekukan&alasan=Keluhan+pembeli+berulang&dilihat={seen}");
    row!(rows, "POST" decide, Some(suspend.as_str()) => [SignIn, E403, E403, E403, E403, Go("/admin/toko?ok=bekukan")]);
    // The complaint desk. Buyer B's complaint is about merchant A's shop:
    // B, merchant A and the city take part; nobody else finds it.
    let (bc, ac) = (w.b_complaint, w.a_complaint);
    let bg = w.b_complaint_group.clone();
    row!(rows, "GET" "/keluhan".into(), None => [SignIn, Ok, Ok, E403, E403, E403]);
    row!(rows, "GET" "/api/keluhan".into(), None => [E401, Ok, Ok, E403, E403, E403]);
    row!(rows, "GET" format!("/keluhan/{bc}"), None => [SignIn, E404, Ok, Ok, E404, Ok]);
    row!(rows, "GET" format!("/api/keluhan/satu?id={bc}"), None => [E401, E404, Ok, Ok, E404, Ok]);
    row!(rows, "GET" format!("/keluhan/{ac}"), None => [SignIn, Ok, E404, E404, E404, Ok]);
    row!(rows, "GET" "/keluhan/999999".into(), None => [SignIn, E404, E404, E404, E404, E404]);
    row!(rows, "GET" "/admin/keluhan".into(), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/admin/keluhan?daftar=selesai&hal=2".into(), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/api/admin/keluhan".into(), None => [E401, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" format!("/admin/keluhan/{bc}"), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/admin/keluhan/999999".into(), None => [SignIn, E403, E403, E403, E403, E404]);
    row!(rows, "GET" format!("/api/admin/keluhan/satu?id={bc}"), None => [E401, E403, E403, E403, E403, Ok]);
    row!(rows, "POST" "/keluhan".into(), Some("alasan=pendek") => [SignIn, E422, E422, E403, E403, E403]);
    row!(rows, "POST" "/api/keluhan/baru".into(), Some("alasan=Aplikasi+sering+gagal+dibuka") => [E401, Ok, Ok, E403, E403, E403]);
    let reply = format!("id={bc}&pesan=Mohon+dicek+lagi");
    row!(rows, "POST" format!("/keluhan/{bc}/balas"), Some(reply.as_str()) => [SignIn, E404, Go("/keluhan/"), Go("/keluhan/"), E404, Go("/admin/keluhan/")]);
    let short = format!("id={bc}&pesan=x");
    row!(rows, "POST" format!("/keluhan/{bc}/balas"), Some(short.as_str()) => [SignIn, E422, E422, E422, E422, E422]);
    let on_order = format!("id={bc}&kode={bg}&pesan=Sudah+saya+foto");
    row!(rows, "POST" format!("/pesanan/{bg}/keluhan"), Some(on_order.as_str()) => [SignIn, E404, Go("/pesanan/"), Go("/keluhan/"), E404, Go("/admin/keluhan/")]);
    row!(rows, "POST" format!("/admin/keluhan/{bc}/balas"), Some(reply.as_str()) => [SignIn, E404, Go("/keluhan/"), Go("/keluhan/"), E404, Go("/admin/keluhan/")]);
    row!(rows, "POST" "/api/keluhan/balas".into(), Some(reply.as_str()) => [E401, E404, Ok, Ok, E404, Ok]);
    // Resolutions: admins only; one that does not fit is refused; the
    // first that fits stands, and the complaint is closed after it.
    let wrong = format!("id={ac}&hasil=refund&alasan=Tidak+ada+pesanan");
    row!(rows, "POST" format!("/admin/keluhan/{ac}/putusan"), Some(wrong.as_str()) => [SignIn, E403, E403, E403, E403, E400]);
    let terse = format!("id={ac}&hasil=jawab&alasan=ok");
    row!(rows, "POST" "/api/admin/keluhan/putusan".into(), Some(terse.as_str()) => [E401, E403, E403, E403, E403, E422]);
    let refund = format!("id={bc}&hasil=refund&alasan=Barang+rusak+di+jalan");
    row!(rows, "POST" format!("/admin/keluhan/{bc}/putusan"), Some(refund.as_str()) => [SignIn, E403, E403, E403, E403, Go("/admin/keluhan?ok=refund")]);
    let again = format!("id={bc}&hasil=tolak&alasan=Keputusan+kedua");
    row!(rows, "POST" "/api/admin/keluhan/putusan".into(), Some(again.as_str()) => [E401, E403, E403, E403, E403, E409]);
    row!(rows, "POST" "/api/keluhan/balas".into(), Some(reply.as_str()) => [E401, E404, E409, E409, E404, E409]);
    // The city's settings and the ASN programme: admins only. A value out
    // of bounds is refused; a change from the value read stands; a form
    // read before it is stale.
    row!(rows, "GET" "/admin/pengaturan".into(), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/api/admin/pengaturan".into(), None => [E401, E403, E403, E403, E403, Ok]);
    row!(rows, "POST" "/admin/pengaturan".into(), Some("toko_sepi_hari=3&lama_toko_sepi_hari=30&alasan=Uji+batas") => [SignIn, E403, E403, E403, E403, E422]);
    row!(rows, "POST" "/admin/pengaturan".into(), Some("toko_sepi_hari=30&lama_toko_sepi_hari=30&alasan=Tanpa+ubah") => [SignIn, E403, E403, E403, E403, E422]);
    row!(rows, "POST" "/admin/pengaturan".into(), Some("toko_sepi_hari=45&lama_toko_sepi_hari=30&alasan=x") => [SignIn, E403, E403, E403, E403, E422]);
    row!(rows, "POST" "/admin/pengaturan".into(), Some("toko_sepi_hari=45&lama_toko_sepi_hari=30&alasan=Dinas+minta+45+hari") => [SignIn, E403, E403, E403, E403, Go("/admin/pengaturan?ok=1")]);
    row!(rows, "POST" "/api/admin/pengaturan/ubah".into(), Some("toko_sepi_hari=60&lama_toko_sepi_hari=30&alasan=Formulir+lama") => [E401, E403, E403, E403, E403, E409]);
    row!(rows, "GET" "/admin/asn".into(), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/admin/asn?bulan=1999-01".into(), None => [SignIn, E403, E403, E403, E403, E404]);
    row!(rows, "GET" "/api/admin/asn".into(), None => [E401, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/admin/data/asn-opd.csv".into(), None => [SignIn, E403, E403, E403, E403, Ok]);
    row!(rows, "GET" "/admin/data/asn-opd.csv?bulan=1999-01".into(), None => [SignIn, E403, E403, E403, E403, E404]);
    // Last: signing out ends each actor's session.
    row!(rows, "POST" "/keluar".into(), Some("") => [Go("/masuk?keluar=1"), Go("/masuk?keluar=1"), Go("/masuk?keluar=1"), Go("/masuk?keluar=1"), Go("/masuk?keluar=1"), Go("/masuk?keluar=1")]);
    row!(rows, "POST" "/api/keluar".into(), Some("") => [Ok, Ok, Ok, Ok, Ok, Ok]);

    // Every page, server function and form endpoint has a row: a new one
    // without a row fails here.
    let mut endpoints: Vec<(String, String)> = leptos_axum::generate_route_list(app::App)
        .iter()
        .map(|r| ("GET".to_string(), r.path().to_string()))
        .collect();
    endpoints.extend(
        leptos::server_fn::axum::server_fn_paths().map(|(p, m)| (m.to_string(), p.to_string())),
    );
    // Every form reaches a registered POST server function: one door for
    // forms and scripts.
    let server_fns: Vec<_> = leptos::server_fn::axum::server_fn_paths().collect();
    for f in crate::web::forms::form_routes() {
        assert!(
            server_fns
                .iter()
                .any(|(p, m)| *p == f.server_fn && *m == axum::http::Method::POST),
            "the form at {} posts to {}, which is no POST server function",
            f.path,
            f.server_fn
        );
        endpoints.push(("POST".to_string(), f.path.to_string()));
    }
    let uncovered: Vec<_> = endpoints
        .iter()
        .filter(|(m, pattern)| {
            !rows
                .iter()
                .any(|(rm, path, _, _)| rm == m && path_matches(pattern, path))
        })
        .collect();
    assert!(uncovered.is_empty(), "no matrix row for {uncovered:?}");

    let mut failures = Vec::new();
    // Actors in an order where each one's writes cannot change the others'
    // expectations: B deletes b1 only after A was refused it, and so on.
    for (method, path, form, wants) in &rows {
        for (i, want) in wants.iter().enumerate() {
            let got = send(&w.app, method, path, w.cookies[i].as_deref(), *form, &[]).await;
            if let Err(e) = check(*want, &got) {
                failures.push(format!("{method} {path} as {}: {e}", ACTORS[i]));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The writes that were allowed happened to the right records only.
    let a = w.store.addresses(w.ids[1]).await.unwrap();
    assert!(a.iter().any(|x| x.id == a1 && x.recipient == "Sri Wahyuni"));
    assert!(a.iter().all(|x| x.id != a2), "A deleted their own address");
    assert!(w
        .store
        .addresses(w.ids[2])
        .await
        .unwrap()
        .iter()
        .all(|x| x.id != b1));
    // Only the admin's decision with the version read took effect, once.
    let r = w
        .store
        .shop_review(w.ma_shop, chrono::Utc::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.status, "suspended");
    assert_eq!(r.status_reason.as_deref(), Some("Keluhan pembeli berulang"));
    let decisions: Vec<_> = r
        .history
        .iter()
        .filter(|h| h.action != "shop.apply")
        .map(|h| h.action.as_str())
        .collect();
    assert_eq!(decisions, ["shop.bekukan", "shop.setujui"]);
    w.finish().await;
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_same_origin_accepted() {
    let w = world().await;
    let host = ("host", "127.0.0.1:3000");
    let a = w.cookies[1].as_deref();
    let got = send(
        &w.app,
        "POST",
        "/keluar",
        a,
        Some(""),
        &[
            host,
            ("origin", "https://jahat.example"),
            ("sec-fetch-site", "cross-site"),
        ],
    )
    .await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    assert!(got.body.contains("Permintaan ditolak"));
    let got = send(
        &w.app,
        "POST",
        "/api/home",
        None,
        Some(""),
        &[host, ("sec-fetch-site", "cross-site")],
    )
    .await;
    assert_eq!(got.status, StatusCode::FORBIDDEN, "server functions too");
    // The session survived the refused sign-out.
    assert_eq!(
        send(&w.app, "GET", "/akun", a, None, &[]).await.status,
        StatusCode::OK
    );
    // Same origin: accepted (sign-out happens).
    let got = send(
        &w.app,
        "POST",
        "/keluar",
        a,
        Some(""),
        &[
            host,
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin"),
        ],
    )
    .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    assert_eq!(got.location(), "/masuk?keluar=1");
    // GET from another site is a normal link and is served.
    let got = send(
        &w.app,
        "GET",
        "/",
        None,
        None,
        &[("sec-fetch-site", "cross-site")],
    )
    .await;
    assert_eq!(got.status, StatusCode::OK);
    w.finish().await;
}

#[tokio::test]
async fn sign_in_rotates_the_token_and_sign_out_kills_it_server_side() {
    let w = world().await;
    let old = w.cookies[1].clone().unwrap();
    // Signing in while holding a session replaces it with a new token.
    let got = send(
        &w.app,
        "POST",
        "/masuk",
        Some(&old),
        Some(&format!(
            "id=0811-0000-0001&sandi={PASSWORD}&lanjut=%2Fakun%2Fsandi"
        )),
        &[],
    )
    .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    assert_eq!(
        got.location(),
        "/akun/sandi",
        "comes back where it was going"
    );
    let cookie = got.set_cookie().join("\n");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
    let new = got.session_cookie().expect("a new session cookie");
    assert_ne!(new, old, "token rotated");
    assert_eq!(
        send(&w.app, "GET", "/akun", Some(&old), None, &[])
            .await
            .status,
        StatusCode::SEE_OTHER,
        "old token is dead"
    );
    assert_eq!(
        send(&w.app, "GET", "/akun", Some(&new), None, &[])
            .await
            .status,
        StatusCode::OK
    );
    // Sign out: the cookie is cleared and the token stops working even if kept.
    let got = send(&w.app, "POST", "/keluar", Some(&new), Some(""), &[]).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    assert!(got.set_cookie().iter().any(|c| c.contains("Max-Age=0")));
    let after = send(&w.app, "GET", "/akun", Some(&new), None, &[]).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert!(after.location() == "/masuk?lanjut=/akun");
    assert!(
        after.set_cookie().iter().any(|c| c.contains("Max-Age=0")),
        "a dead cookie is removed"
    );
    assert_eq!(
        send(&w.app, "GET", "/api/saya", Some(&new), None, &[])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(w.store.count_audit("login.ok").await.unwrap(), 1);
    assert_eq!(w.store.count_audit("logout").await.unwrap(), 1);
    w.finish().await;
}

#[tokio::test]
async fn wrong_passwords_say_the_same_whether_or_not_the_account_exists() {
    let w = world().await;
    let exists = send(
        &w.app,
        "POST",
        "/masuk",
        None,
        Some("id=081100000001&sandi=salah-sekali"),
        &[],
    )
    .await;
    let missing = send(
        &w.app,
        "POST",
        "/masuk",
        None,
        Some("id=081199999999&sandi=salah-sekali"),
        &[],
    )
    .await;
    for got in [&exists, &missing] {
        assert_eq!(got.status, StatusCode::UNAUTHORIZED);
        assert!(got
            .body
            .contains("Nomor HP/email/NIP atau kata sandi salah."));
        assert!(got.set_cookie().is_empty(), "no session");
        // What was typed comes back; the password does not.
        assert!(got.body.contains("value=\"0811"), "identifier kept");
        assert!(!got.body.contains("salah-sekali"), "password never echoed");
    }
    assert_eq!(w.store.count_audit("login.failed").await.unwrap(), 2);
    w.finish().await;
}

#[tokio::test]
async fn rate_limits_kick_in_at_the_configured_count() {
    let limits = RateLimits {
        signin_account: Limit {
            max: 3,
            window_secs: 600,
        },
        register_ip: Limit {
            max: 2,
            window_secs: 600,
        },
        password_account: Limit {
            max: 2,
            window_secs: 600,
        },
        ..RateLimits::default()
    };
    let w = world_with(limits).await;
    // Sign-in, per account: 3 tries, then 429 even with the right password.
    for _ in 0..3 {
        let got = send(
            &w.app,
            "POST",
            "/masuk",
            None,
            Some("id=081100000002&sandi=salah-sekali"),
            &[],
        )
        .await;
        assert_eq!(got.status, StatusCode::UNAUTHORIZED);
    }
    let got = send(
        &w.app,
        "POST",
        "/masuk",
        None,
        Some(&format!("id=081100000002&sandi={PASSWORD}")),
        &[],
    )
    .await;
    assert_eq!(got.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = got.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=600).contains(&retry), "{retry}");
    assert!(
        got.body.contains("Terlalu banyak percobaan"),
        "Indonesian message"
    );
    assert!(got.session_cookie().is_none());
    // Another account is not affected.
    let got = send(
        &w.app,
        "POST",
        "/masuk",
        None,
        Some(&format!("id=081100000001&sandi={PASSWORD}")),
        &[],
    )
    .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    // Registration, per address: 2 tries (even refused ones), then 429.
    for _ in 0..2 {
        let got = send(
            &w.app,
            "POST",
            "/daftar",
            None,
            Some("jenis=umum&nama=X"),
            &[],
        )
        .await;
        assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let got = send(
        &w.app,
        "POST",
        "/daftar",
        None,
        Some("jenis=umum&nama=X"),
        &[],
    )
    .await;
    assert_eq!(got.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(got.headers.contains_key(header::RETRY_AFTER));
    // Password change, per account.
    let c = w.cookies[3].as_deref();
    for _ in 0..2 {
        let got = send(
            &w.app,
            "POST",
            "/akun/sandi",
            c,
            Some("lama=salah-sekali&baru=a&baru2=a"),
            &[],
        )
        .await;
        assert_eq!(got.status, StatusCode::UNAUTHORIZED);
    }
    let got = send(
        &w.app,
        "POST",
        "/akun/sandi",
        c,
        Some("lama=salah-sekali&baru=a&baru2=a"),
        &[],
    )
    .await;
    assert_eq!(got.status, StatusCode::TOO_MANY_REQUESTS);
    w.finish().await;
}

#[tokio::test]
async fn registration_creates_a_signed_in_account_and_refuses_bad_input_keeping_it() {
    let w = world().await;
    // Bad input: every problem reported, typed values kept, passwords not.
    let bad = "jenis=asn&nama=Sri+Rahayu&hp=12345&email=sri%40contoh&nip=1985&opd=&sandi=password&sandi2=password";
    let got = send(&w.app, "POST", "/daftar", None, Some(bad), &[]).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    for msg in [
        "Nomor telepon harus diawali 0, 62, atau +62.",
        "Alamat email tidak valid.",
        "NIP harus 18 angka.",
        "Pilih OPD",
        "terlalu umum",
    ] {
        assert!(got.body.contains(msg), "missing {msg}");
    }
    assert!(got.body.contains("value=\"Sri Rahayu\""));
    assert!(!got.body.contains("value=\"password\""));
    // The same refusal for a reader who chose English: page and messages in English.
    let english = send(
        &w.app,
        "POST",
        "/daftar",
        Some("peken_bahasa=en"),
        Some(bad),
        &[],
    )
    .await;
    assert_eq!(english.status, StatusCode::UNPROCESSABLE_ENTITY);
    for msg in [
        "Please check the marked fields.",
        "A phone number must start with 0, 62 or +62.",
        "That email address is not valid.",
        "A NIP has 18 digits.",
        "Choose the city department (OPD) you work in.",
        "This password is too common",
        "Create a Peken account",
        "Full name",
    ] {
        assert!(english.body.contains(msg), "missing {msg}");
    }
    assert!(
        !english.body.contains("Nomor telepon"),
        "no Indonesian message left"
    );
    assert!(english.body.contains("value=\"Sri Rahayu\""));
    // Good input: account, session, audit.
    let opd = w.store.opd_list().await.unwrap()[0].0;
    let form = format!(
        "jenis=asn&nama=Sri+Rahayu&hp=0812+7777+8888&email=Sri%40Contoh.id&nip=199001152015032001\
         &opd={opd}&sandi=lontong-balap-wonokromo&sandi2=lontong-balap-wonokromo"
    );
    let got = send(&w.app, "POST", "/daftar", None, Some(&form), &[]).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    assert_eq!(got.location(), "/akun?ok=daftar");
    let cookie = got.session_cookie().unwrap();
    let page = send(&w.app, "GET", "/akun?ok=daftar", Some(&cookie), None, &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Sri Rahayu",
        "+6281277778888",
        "sri@contoh.id",
        "199001152015032001",
        "ASN",
    ] {
        assert!(page.body.contains(text), "profile shows {text}");
    }
    let cookies = format!("{cookie}; peken_bahasa=en");
    let page = send(&w.app, "GET", "/akun?ok=daftar", Some(&cookies), None, &[]).await;
    for text in [
        "My account",
        "Welcome to Peken! Your account is active.",
        "Civil servant (ASN)",
        "Delivery addresses",
        "Sign out",
    ] {
        assert!(page.body.contains(text), "English profile shows {text}");
    }
    // The same phone again: 409 with the field message.
    let again = send(
        &w.app,
        "POST",
        "/daftar",
        None,
        Some(
            &form
                .replace("Sri%40Contoh.id", "")
                .replace("199001152015032001", "199001152015032002"),
        ),
        &[],
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("Nomor HP ini sudah terdaftar"));
    assert_eq!(w.store.count_audit("account.registered").await.unwrap(), 1);
    w.finish().await;
}

#[tokio::test]
async fn password_change_ends_every_session_and_starts_a_fresh_one() {
    let w = world().await;
    let old = w.cookies[2].clone().unwrap();
    // A second device.
    let other = send(
        &w.app,
        "POST",
        "/masuk",
        None,
        Some(&format!("id=081100000002&sandi={PASSWORD}")),
        &[],
    )
    .await;
    let other = other.session_cookie().unwrap();
    let got = send(
        &w.app,
        "POST",
        "/akun/sandi",
        Some(&old),
        Some(&format!(
            "lama={PASSWORD}&baru=rawon-setan-embong&baru2=rawon-setan-embong"
        )),
        &[],
    )
    .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
    let fresh = got.session_cookie().unwrap();
    for dead in [&old, &other] {
        assert_eq!(
            send(&w.app, "GET", "/api/saya", Some(dead), None, &[])
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        send(&w.app, "GET", "/api/saya", Some(&fresh), None, &[])
            .await
            .status,
        StatusCode::OK
    );
    let new_login = send(
        &w.app,
        "POST",
        "/masuk",
        None,
        Some("id=081100000002&sandi=rawon-setan-embong"),
        &[],
    )
    .await;
    assert_eq!(new_login.status, StatusCode::SEE_OTHER);
    assert_eq!(w.store.count_audit("password.changed").await.unwrap(), 1);
    w.finish().await;
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_nonce_csp() {
    let w = world().await;
    let got = send(&w.app, "GET", "/masuk", None, None, &[]).await;
    assert_eq!(got.status, StatusCode::OK);
    let csp = got.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"));
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("script-src has a nonce");
    assert!(nonce.len() >= 16);
    // Every inline script on the page carries that nonce.
    let scripts = got.body.matches("<script").count();
    assert!(scripts > 0);
    assert_eq!(
        got.body.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "{}",
        got.body
    );
    assert_eq!(got.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        got.headers[header::REFERRER_POLICY],
        "strict-origin-when-cross-origin"
    );
    assert_eq!(got.headers[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(got.headers[header::CACHE_CONTROL], "private, no-cache");
    // A different nonce each time.
    let again = send(&w.app, "GET", "/masuk", None, None, &[]).await;
    assert_ne!(
        again.headers[header::CONTENT_SECURITY_POLICY],
        got.headers[header::CONTENT_SECURITY_POLICY]
    );
    // Non-page responses get the strict default policy.
    let api = send(&w.app, "GET", "/api/home", None, None, &[]).await;
    assert!(api.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .starts_with("default-src 'none'"));
    w.finish().await;
}

#[tokio::test]
async fn the_cart_takes_what_is_in_stock_and_says_clearly_when_not() {
    let w = world().await;
    let a = w.cookies[1].as_deref();
    let (p, stock) = (w.product, w.product_stock);
    let got = send(
        &w.app,
        "POST",
        "/keranjang/tambah",
        a,
        Some(&format!("produk={p}&jumlah=2")),
        &[],
    )
    .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    assert_eq!(
        got.location(),
        format!("/produk/{p}?ok=keranjang&jumlah=2#beli")
    );
    let page = send(&w.app, "GET", got.location(), a, None, &[]).await;
    assert!(page
        .body
        .contains("Ditambahkan ke keranjang. Di keranjang: 2 "));
    // More than the stock: refused on the product page, nothing changes.
    let got = send(
        &w.app,
        "POST",
        "/keranjang/tambah",
        a,
        Some(&format!("produk={p}&jumlah={stock}")),
        &[],
    )
    .await;
    assert_eq!(got.status, StatusCode::CONFLICT);
    assert!(
        got.body
            .contains(&format!("Anda hanya bisa menambah {} lagi.", stock - 2)),
        "{}",
        got.body
    );
    assert!(
        got.body.contains(&format!("value=\"{stock}\"")),
        "the typed quantity is kept"
    );
    assert!(
        got.body.contains("<h1>"),
        "the product page, not an error page"
    );
    assert_eq!(w.store.cart_lines(w.ids[1]).await.unwrap(), vec![(p, 2)]);
    // Not a number.
    let got = send(
        &w.app,
        "POST",
        "/keranjang/tambah",
        a,
        Some(&format!("produk={p}&jumlah=dua")),
        &[],
    )
    .await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(got.body.contains("Jumlah harus angka 1 sampai 999."));
    // Another buyer's cart is separate.
    assert!(w.store.cart_lines(w.ids[2]).await.unwrap().is_empty());
    w.finish().await;
}

#[tokio::test]
async fn personal_answers_are_never_stored_and_sign_out_clears_the_cache() {
    let w = world().await;
    let a = w.cookies[1].as_deref();
    for path in ["/api/akun", "/api/saya", "/akun", "/"] {
        let got = send(&w.app, "GET", path, a, None, &[]).await;
        assert_eq!(got.status, StatusCode::OK, "{path}");
        assert_eq!(
            got.headers[header::CACHE_CONTROL],
            "private, no-store",
            "{path} as a signed-in buyer"
        );
    }
    // The same public page for nobody in particular may be revalidated.
    let anon = send(&w.app, "GET", "/", None, None, &[]).await;
    assert_eq!(anon.headers[header::CACHE_CONTROL], "private, no-cache");
    let out = send(&w.app, "POST", "/keluar", a, Some(""), &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.headers["clear-site-data"], "\"cache\"");
    // A dead cookie is removed even when the response sets another cookie.
    let got = send(&w.app, "GET", "/?kecamatan=Gubeng", a, None, &[]).await;
    let cookies = got.set_cookie();
    assert!(
        cookies.iter().any(|c| c.starts_with("peken_kecamatan=")),
        "{cookies:?}"
    );
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("peken_sesi=;") && c.contains("Max-Age=0")),
        "{cookies:?}"
    );
    w.finish().await;
}

#[tokio::test]
async fn malformed_arguments_are_the_clients_fault() {
    let w = world().await;
    let got = send(&w.app, "GET", "/api/product?id=abc", None, None, &[]).await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST, "{}", got.body);
    assert!(
        got.body.contains("Permintaan tidak dapat dibaca"),
        "{}",
        got.body
    );
    assert!(
        !got.body.contains("invalid digit"),
        "no deserializer text: {}",
        got.body
    );
    w.finish().await;
}

/// Many people at once, over HTTP: no answer may be a server error, and
/// nothing is lost or doubled. (SQLite: write transactions take the lock
/// up front, so writers queue instead of failing with "database is locked".)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writes_over_http_get_no_server_error() {
    let w = world().await;
    let post = |path: &'static str, cookie: Option<String>, form: String| {
        let app = w.app.clone();
        tokio::spawn(
            async move { send(&app, "POST", path, cookie.as_deref(), Some(&form), &[]).await },
        )
    };
    // 50 registrations at once, then each new account saves an address.
    let mut tasks = Vec::new();
    for i in 0..50 {
        tasks.push(post(
            "/daftar",
            None,
            format!("jenis=umum&nama=Warga+Serentak&hp=08135555{i:04}&email=&sandi=kopi-susu-gula-aren&sandi2=kopi-susu-gula-aren"),
        ));
    }
    let mut sessions = Vec::new();
    for t in tasks {
        let got = t.await.unwrap();
        assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
        sessions.push(got.session_cookie().expect("signed in"));
    }
    let mut tasks = Vec::new();
    for s in &sessions {
        tasks.push(post(
            "/akun/alamat/baru",
            Some(s.clone()),
            ADDRESS_FORM.to_string(),
        ));
        tasks.push(post(
            "/akun/alamat/baru",
            Some(s.clone()),
            ADDRESS_FORM.replace("Rumah", "Kantor"),
        ));
    }
    for t in tasks {
        let got = t.await.unwrap();
        assert_eq!(
            got.location(),
            "/akun?ok=alamat",
            "{} {}",
            got.status,
            got.body
        );
    }
    let users = w.store.count_audit("account.registered").await.unwrap();
    assert_eq!(users, 50);
    // One buyer taps "add" 20 times at once; three buyers race for three
    // products. Every answer is an add or a clear refusal, never a 5xx.
    let products: Vec<_> = w
        .store
        .newest_products(100)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.stock >= 3)
        .take(3)
        .collect();
    for p in &products {
        w.store.set_stock(p.id, 5).await.unwrap();
    }
    let mut tasks = Vec::new();
    for _ in 0..20 {
        tasks.push(post(
            "/keranjang/tambah",
            w.cookies[1].clone(),
            format!("produk={}&jumlah=1", products[0].id),
        ));
    }
    for (b, cookie) in sessions.iter().take(3).enumerate() {
        for p in &products {
            for _ in 0..2 {
                tasks.push(post(
                    "/keranjang/tambah",
                    Some(cookie.clone()),
                    format!("produk={}&jumlah={}", p.id, b + 1),
                ));
            }
        }
    }
    let (mut added, mut refused) = (0, 0);
    for t in tasks {
        let got = t.await.unwrap();
        match got.status {
            StatusCode::SEE_OTHER => added += 1,
            StatusCode::CONFLICT => refused += 1,
            other => panic!("answered {other}: {}", got.body),
        }
    }
    assert_eq!(added + refused, 20 + 18);
    assert_eq!(
        w.store.cart_lines(w.ids[1]).await.unwrap(),
        vec![(products[0].id, 5)],
        "20 taps on a stock of 5 fill the line to 5, not more"
    );
    w.finish().await;
}

//! Every page's address, in one place: links, form actions, redirects and
//! the form adapter's routes all take them from here. (The router's own
//! `path!` patterns in `lib.rs` must be literals; a test checks they agree.)

use crate::web::url_encode;

pub const HOME: &str = "/";
pub const SEARCH: &str = "/cari";
/// The shop directory.
pub const SHOPS: &str = "/toko";
pub const SIGN_IN: &str = "/masuk";
pub const REGISTER: &str = "/daftar";
pub const SIGN_OUT: &str = "/keluar";
pub const ACCOUNT: &str = "/akun";
pub const PASSWORD: &str = "/akun/sandi";
pub const ADDRESS_NEW: &str = "/akun/alamat/baru";
pub const CART: &str = "/keranjang";
pub const CART_ADD: &str = "/keranjang/tambah";
pub const CART_SET: &str = "/keranjang/ubah";
pub const CART_REMOVE: &str = "/keranjang/hapus";
pub const CART_ACCEPT: &str = "/keranjang/setujui";
pub const CHECKOUT: &str = "/checkout";
pub const CHECKOUT_REVIEW: &str = "/checkout/ringkasan";
pub const ORDERS: &str = "/pesanan";
pub const AUDIT: &str = "/admin/audit";
/// The public figures, and their open data.
pub const TRANSPARENCY: &str = "/transparansi";
/// Help for new users, step by step.
pub const GUIDE: &str = "/panduan";
pub const TRANSPARENCY_JSON: &str = "/transparansi/data.json";
/// The city's verification queue of shops.
pub const ADMIN_SHOPS: &str = "/admin/toko";
/// The city's dashboard.
pub const ADMIN: &str = "/admin";
/// The city's complaint desk.
pub const ADMIN_COMPLAINTS: &str = "/admin/keluhan";
/// The city's rules: sales cap, idle window, complaint SLA, ASN target.
pub const ADMIN_SETTINGS: &str = "/admin/pengaturan";
/// The ASN programme by OPD.
pub const ADMIN_ASN: &str = "/admin/asn";
/// Moderation: taken-down and resubmitted products, price parity, banned words.
pub const ADMIN_MODERATION: &str = "/admin/produk";
/// The buyer's complaints, and a complaint about the service.
pub const COMPLAINTS: &str = "/keluhan";
pub const MY_SHOP: &str = "/toko-saya";
pub const MY_SHOP_APPLY: &str = "/toko-saya/daftar";
pub const MY_SHOP_PHOTO: &str = "/toko-saya/foto";
pub const MY_PRODUCTS: &str = "/toko-saya/produk";
pub const MY_PRODUCT_NEW: &str = "/toko-saya/produk/baru";
pub const MY_PRODUCT_QUICK: &str = "/toko-saya/produk/ubah";
pub const MY_ORDERS: &str = "/toko-saya/pesanan";
pub const MY_ORDERS_LIVE: &str = "/toko-saya/pesanan/langsung";
pub const MY_LEDGER_CSV: &str = "/toko-saya/buku-kas.csv";
/// Where the installed app opens: the merchant's inbox or the home page.
pub const START: &str = "/mulai";
pub const OFFLINE: &str = "/offline";

/// A product's page.
pub fn product(id: i64) -> String {
    format!("/produk/{id}")
}

/// A shop's page.
pub fn shop(slug: &str) -> String {
    format!("/toko/{slug}")
}

/// A category's page.
pub fn category(slug: &str) -> String {
    format!("/kategori/{slug}")
}

/// Editing one of the buyer's addresses.
pub fn address(id: i64) -> String {
    format!("/akun/alamat/{id}")
}

/// Deleting one of the buyer's addresses (a form action).
pub fn address_delete(id: i64) -> String {
    format!("/akun/alamat/{id}/hapus")
}

/// Whether `path` is one of the merchant's pages (`/toko-saya…`).
pub fn is_merchant_page(path: &str) -> bool {
    path == MY_SHOP || path.starts_with("/toko-saya/")
}

/// Whether the page at `path` has islands (the kecamatan picker on home,
/// "add to cart" on a product): only these load the WebAssembly. Every
/// other page is plain HTML with forms. A test renders the pages and fails
/// if one has an island but not its script, or the script without one.
pub fn has_islands(path: &str) -> bool {
    path == HOME
        || path
            .strip_prefix("/produk/")
            .is_some_and(|id| !id.is_empty())
}

/// One of the merchant's products (its edit page).
pub fn my_product(id: i64) -> String {
    format!("/toko-saya/produk/{id}")
}

/// A form action on one of the merchant's products: `aktif`, `salin`,
/// `hapus`, `foto` (upload).
pub fn my_product_action(id: i64, action: &str) -> String {
    format!("/toko-saya/produk/{id}/{action}")
}

/// Removing one photo of a product.
pub fn my_product_photo_delete(id: i64, photo: i64) -> String {
    format!("/toko-saya/produk/{id}/foto/{photo}/hapus")
}

/// A form action on one of the shop's orders (`aksi` names the step).
pub fn my_order_action(code: &str) -> String {
    format!("/toko-saya/pesanan/{}/aksi", url_encode(code))
}

/// The printable packing slip of one of the shop's orders.
pub fn my_order_slip(code: &str) -> String {
    format!("/toko-saya/pesanan/{}/slip", url_encode(code))
}

/// A checkout's page (its order group code).
pub fn order(code: &str) -> String {
    format!("/pesanan/{}", url_encode(code))
}

/// A form action on a checkout's page: `bayar`, `batal`, `terima`,
/// `komplain`, `ulas`, `beli-lagi`.
pub fn order_action(code: &str, action: &str) -> String {
    format!("/pesanan/{}/{action}", url_encode(code))
}

/// Where a visitor's "add to cart" resumes after signing in: the sign-in
/// and registration functions put the product in the new session's cart.
pub fn cart_add_intent(product: i64, qty: i64) -> String {
    format!("{CART_ADD}?produk={product}&jumlah={qty}")
}

/// The product and quantity of a [`cart_add_intent`], if `next` is one.
pub fn parse_cart_add_intent(next: &str) -> Option<(i64, i64)> {
    let q = next.strip_prefix(CART_ADD)?.strip_prefix('?')?;
    let (mut product, mut qty) = (None, None);
    for pair in q.split('&') {
        match pair.split_once('=') {
            Some(("produk", v)) => product = v.parse().ok(),
            Some(("jumlah", v)) => qty = v.parse().ok(),
            _ => {}
        }
    }
    Some((product?, qty?))
}

/// The sign-in page, coming back to `next` afterwards.
pub fn sign_in_then(next: &str) -> String {
    format!("{SIGN_IN}?lanjut={}", url_encode(next))
}

/// The CSV of one table of the public figures.
pub fn transparency_csv(table: &str) -> String {
    format!("{TRANSPARENCY}/{table}.csv")
}

/// One shop in the city's verification queue.
pub fn admin_shop(id: i64) -> String {
    format!("{ADMIN_SHOPS}/{id}")
}

/// Where the decision form of [`admin_shop`] posts.
pub fn admin_shop_decide(id: i64) -> String {
    format!("{ADMIN_SHOPS}/{id}/keputusan")
}

/// The CSV of one table of the city's dashboard.
pub fn admin_csv(table: &str) -> String {
    format!("{ADMIN}/data/{table}.csv")
}

/// One complaint's thread, for its buyer or its shop.
pub fn complaint(id: i64) -> String {
    format!("{COMPLAINTS}/{id}")
}

/// Where a reply on [`complaint`] posts.
pub fn complaint_reply(id: i64) -> String {
    format!("{COMPLAINTS}/{id}/balas")
}

/// One complaint at the city's desk.
pub fn admin_complaint(id: i64) -> String {
    format!("{ADMIN_COMPLAINTS}/{id}")
}

/// Where an officer's takedown of a product posts (from its page).
pub fn product_take_down(id: i64) -> String {
    format!("/produk/{id}/turunkan")
}

/// Where the review of a resubmitted product posts.
pub fn admin_product_review(id: i64) -> String {
    format!("{ADMIN_MODERATION}/{id}/tinjau")
}

/// Where banned words are added and removed.
pub const ADMIN_BANNED_WORDS: &str = "/admin/produk/kata";

/// Where a reply on [`admin_complaint`] posts.
pub fn admin_complaint_reply(id: i64) -> String {
    format!("{ADMIN_COMPLAINTS}/{id}/balas")
}

/// Where the city's resolution of a complaint posts.
pub fn admin_complaint_resolve(id: i64) -> String {
    format!("{ADMIN_COMPLAINTS}/{id}/putusan")
}

/// Whether `s` can be a checkout's code (`PKN-261201-00042`): only
/// letters, digits and dashes, so it is safe in a path.
pub fn is_order_code(s: &str) -> bool {
    !s.is_empty() && s.len() <= 40 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The account page with a notice (`ok=…`).
pub fn account_notice(ok: &str) -> String {
    format!("{ACCOUNT}?ok={ok}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_router_serves_the_addresses_named_here() {
        let routes = include_str!("lib.rs");
        for p in [
            super::HOME,
            super::SEARCH,
            super::SIGN_IN,
            super::REGISTER,
            super::ACCOUNT,
            super::PASSWORD,
            super::ADDRESS_NEW,
            super::CART,
            super::CHECKOUT,
            super::CHECKOUT_REVIEW,
            super::ORDERS,
            super::AUDIT,
            super::ADMIN_SHOPS,
            super::ADMIN_COMPLAINTS,
            super::ADMIN_SETTINGS,
            super::ADMIN_ASN,
            super::ADMIN_MODERATION,
            super::ADMIN,
            super::COMPLAINTS,
            super::TRANSPARENCY,
            super::GUIDE,
            super::OFFLINE,
            super::MY_SHOP,
            super::MY_SHOP_APPLY,
            super::MY_PRODUCTS,
            super::MY_PRODUCT_NEW,
            super::MY_ORDERS,
        ] {
            assert!(routes.contains(&format!("path!(\"{p}\")")), "{p} is routed");
        }
        for (made, pattern) in [
            (super::product(7), "/produk/:id"),
            (super::shop("x"), "/toko/:slug"),
            (super::category("x"), "/kategori/:slug"),
            (super::address(7), "/akun/alamat/:id"),
            (super::order("PKN-1"), "/pesanan/:kode"),
            (super::my_product(7), "/toko-saya/produk/:id"),
            (super::admin_shop(7), "/admin/toko/:id"),
            (super::admin_complaint(7), "/admin/keluhan/:id"),
            (super::complaint(7), "/keluhan/:id"),
            (
                super::my_order_slip("PKN-1-1"),
                "/toko-saya/pesanan/:kode/slip",
            ),
        ] {
            assert!(
                routes.contains(&format!("path!(\"{pattern}\")")),
                "{pattern}"
            );
            let prefix = pattern.split(':').next().unwrap();
            assert!(made.starts_with(prefix), "{made} fits {pattern}");
        }
        assert_eq!(
            super::parse_cart_add_intent(&super::cart_add_intent(7, 3)),
            Some((7, 3))
        );
        assert_eq!(
            super::parse_cart_add_intent("/keranjang/tambah?produk=x"),
            None
        );
        assert_eq!(super::parse_cart_add_intent("/akun"), None);
        assert!(super::is_order_code("PKN-261201-00042"));
        assert!(!super::is_order_code("PKN-1?ok=x"));
        assert!(!super::is_order_code("../admin"));
        assert!(!super::is_order_code(""));
        assert!(super::is_merchant_page("/toko-saya"));
        assert!(super::is_merchant_page(&super::my_product(3)));
        assert!(!super::is_merchant_page("/toko-sayang"));
        assert!(!super::is_merchant_page(&super::shop("saya")));
        assert_eq!(
            super::sign_in_then("/akun?a=1"),
            "/masuk?lanjut=/akun%3Fa%3D1"
        );
    }
}

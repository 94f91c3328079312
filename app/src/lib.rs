//! Peken: the Leptos app, compiled twice — `ssr` for the server and
//! `hydrate` for the browser (islands only).

#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod domain;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod server;
pub mod web;

use components::{Layout, NotFound};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};
use pages::account::{
    AccountPage, AddressEditPage, AddressNewPage, PasswordPage, RegisterPage, SignInPage,
};
use pages::admin::{
    AdminComplaintPage, AsnPage, AuditPage, ComplaintQueuePage, DashboardPage, ModerationPage,
    SettingsPage, ShopQueuePage, ShopReviewPage,
};
use pages::buyer::{
    CartPage, CategoryPageView, CheckoutPage, HomePage, OrderPage, OrdersListPage, ProductPage,
    ReviewPage, SearchPageView, ShopPage, ShopsPage,
};
use pages::merchant::{
    InboxPage, MerchantHomePage, PackingSlipPage, ProductEditPage, ProductNewPage, ProductsPage,
    ShopApplyPage,
};

/// The HTML document around every page.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let css = use_context::<server::AppState>()
        .map(|s| s.assets.css)
        .unwrap_or_else(|| format!("/pkg/{}.css", options.output_name));
    // The page's Content-Security-Policy allows only our own scripts and the
    // hydration script that carries this response's nonce.
    if let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(v) = http::HeaderValue::from_str(&server::security::page_csp(&nonce)) {
            res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
        }
    }
    view! {
        <!DOCTYPE html>
        <html lang=crate::i18n::locale().code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0f6e56" />
                <link rel="stylesheet" href=css />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
                <script src="/sw-register.js" defer nonce=leptos::nonce::use_nonce()></script>
                {scripts(options)}
                <leptos_meta::MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The page's scripts. Only pages with islands load the WebAssembly
/// ([`paths::has_islands`]); the merchant's pages load `/toko.js` (live
/// inbox, "use my location"); the rest no script but the service worker's.
#[cfg(feature = "ssr")]
fn scripts(options: LeptosOptions) -> impl IntoView {
    let path = with_context::<http::request::Parts, _>(|p| p.uri.path().to_string());
    let path = path.as_deref().unwrap_or_default();
    if paths::is_merchant_page(path) {
        view! { <script src="/toko.js" defer nonce=leptos::nonce::use_nonce()></script> }.into_any()
    } else if paths::has_islands(path) {
        view! { <HydrationScripts options islands=true /> }.into_any()
    } else {
        ().into_any()
    }
}

/// The routes. Every route renders fully before sending (`SsrMode::Async`),
/// so pages work without JavaScript and can set their HTTP status.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/produk/:id") view=ProductPage ssr=SsrMode::Async />
                    <Route path=path!("/toko") view=ShopsPage ssr=SsrMode::Async />
                    <Route path=path!("/toko/:slug") view=ShopPage ssr=SsrMode::Async />
                    <Route path=path!("/kategori/:slug") view=CategoryPageView ssr=SsrMode::Async />
                    <Route path=path!("/cari") view=SearchPageView ssr=SsrMode::Async />
                    <Route path=path!("/masuk") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/daftar") view=RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/akun") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/akun/sandi") view=PasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/akun/alamat/baru") view=AddressNewPage ssr=SsrMode::Async />
                    <Route path=path!("/akun/alamat/:id") view=AddressEditPage ssr=SsrMode::Async />
                    <Route path=path!("/keranjang") view=CartPage ssr=SsrMode::Async />
                    <Route path=path!("/checkout") view=CheckoutPage ssr=SsrMode::Async />
                    <Route path=path!("/checkout/ringkasan") view=ReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/pesanan") view=OrdersListPage ssr=SsrMode::Async />
                    <Route path=path!("/pesanan/:kode") view=OrderPage ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/pengaturan") view=SettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/asn") view=AsnPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/produk") view=ModerationPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/toko") view=ShopQueuePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/toko/:id") view=ShopReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/keluhan") view=ComplaintQueuePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/keluhan/:id") view=AdminComplaintPage ssr=SsrMode::Async />
                    <Route path=path!("/keluhan") view=pages::buyer::MyComplaintsPage ssr=SsrMode::Async />
                    <Route path=path!("/keluhan/:id") view=pages::buyer::ComplaintPage ssr=SsrMode::Async />
                    <Route path=path!("/toko-saya") view=MerchantHomePage ssr=SsrMode::Async />
                    <Route path=path!("/toko-saya/daftar") view=ShopApplyPage ssr=SsrMode::Async />
                    <Route path=path!("/toko-saya/produk") view=ProductsPage ssr=SsrMode::Async />
                    <Route path=path!("/toko-saya/produk/baru") view=ProductNewPage ssr=SsrMode::Async />
                    <Route path=path!("/toko-saya/produk/:id") view=ProductEditPage ssr=SsrMode::Async />
                    <Route path=path!("/toko-saya/pesanan") view=InboxPage ssr=SsrMode::Async />
                    <Route path=path!("/toko-saya/pesanan/:kode/slip") view=PackingSlipPage ssr=SsrMode::Async />
                    <Route path=path!("/offline") view=pages::offline::OfflinePage ssr=SsrMode::Async />
                    <Route path=path!("/panduan") view=pages::guide::GuidePage ssr=SsrMode::Async />
                    <Route path=path!("/transparansi") view=pages::transparency::TransparencyPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}

/// Client entry: hydrate the islands the server rendered.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

//! The application assembled: state, router, middleware order, static
//! files, the service worker and the health check.

use crate::config::Config;
use crate::web::{self, forms, seo, Web};
use app::{
    server::{
        assets::{hash_file_path, AssetNames},
        cache::CatalogCache,
        media::MediaStore,
        payments::{PaymentGateway, Payments, Sandbox},
        session::SessionConfig,
        AppState, Store,
    },
    shell, App,
};
use axum::{
    extract::State,
    handler::HandlerWithoutStateExt,
    http::{header, HeaderValue, StatusCode},
    middleware,
    response::IntoResponse,
    routing::get,
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer, services::ServeDir, set_header::SetResponseHeaderLayer,
    trace::TraceLayer, CompressionLevel,
};

/// Hashed build outputs never change under the same name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Uploaded media may be replaced by a new upload under a new name; cache a day.
const MEDIA_CACHE: &str = "public, max-age=86400";

/// How stale home-page totals, category counts and best sellers may be.
const CATALOG_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(60);

/// Brotli/gzip quality for responses compressed on the fly.
const DYNAMIC_COMPRESSION: i32 = 4;

/// The file cargo-leptos writes next to the binary with the asset hashes.
const HASH_FILE: &str = "hash.txt";

/// Builds the leptos options from our config instead of cargo-leptos's env.
/// Hashed asset names are used when the build left its hash file next to
/// the binary (leptos refuses to render without it when hashing is on).
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let hashed = hash_file_path(HASH_FILE).is_some_and(|p| p.is_file());
    LeptosOptions::builder()
        .output_name("peken")
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .hash_file(HASH_FILE.into())
        .hash_files(hashed)
        .env(leptos::config::Env::PROD)
        .build()
}

/// Checkout settings and the payment gateway from the configuration.
fn payments(config: &Config) -> Payments {
    let gateway: Option<Arc<dyn PaymentGateway>> = if config.sandbox_payments(config.demo) {
        let secret = match &config.gateway_secret {
            Some(s) => s.as_bytes().to_vec(),
            None => {
                // One instance can sign for itself; several must share a key.
                tracing::warn!(
                    "PEKEN_GATEWAY_SECRET unset: the sandbox signs with a key made at start"
                );
                let mut k = vec![0u8; 32];
                rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut k);
                k
            }
        };
        Some(Arc::new(Sandbox::new(secret)))
    } else {
        None
    };
    Payments {
        gateway,
        expiry: config.expiry,
        delivery: config.delivery,
    }
}

/// Where uploaded photos go: the bucket when one is configured, else the
/// media directory.
fn media(config: &Config) -> MediaStore {
    match &config.media_bucket {
        Some(bucket) => {
            MediaStore::s3(bucket).unwrap_or_else(|e| panic!("PEKEN_MEDIA_BUCKET {bucket}: {e}"))
        }
        None => MediaStore::local(&config.media_dir)
            .unwrap_or_else(|e| panic!("PEKEN_MEDIA_DIR {}: {e}", config.media_dir.display())),
    }
}

/// The whole application router.
pub fn router(store: Store, config: &Config) -> Router {
    let leptos_options = leptos_options(config);
    let assets = AssetNames::load(&leptos_options);
    let state = AppState {
        leptos_options: leptos_options.clone(),
        store,
        assets,
        catalog_cache: CatalogCache::new(CATALOG_CACHE_TTL),
        sessions: SessionConfig::new(config.secure()),
        limits: config.rate_limits.clone(),
        public_url: config.public_url.clone(),
        payments: payments(config),
        media: media(config),
        order_stale_minutes: config.order_stale_minutes,
    };
    let web = Web {
        app: state.clone(),
        trust_proxy: config.trust_proxy,
        secure: config.secure(),
        origin: web::origin_of(&config.public_url),
        page_cache: web::page_cache::PageCache::new(config.page_cache_seconds),
    };
    let routes = generate_route_list(App);
    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(IMMUTABLE),
        ))
        .service(
            ServeDir::new(config.site_root.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        );
    let media = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(MEDIA_CACHE),
        ))
        // Media is never a document: no scripts even if an SVG is opened directly.
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .service(ServeDir::new(&config.media_dir));

    let pages = Router::new()
        .route("/healthz", get(healthz))
        .route("/sw.js", get(service_worker))
        .route("/robots.txt", get(seo::robots))
        .route("/sitemap.xml", get(seo::sitemap_index))
        .route("/sitemap/toko", get(seo::sitemap_shops))
        .route("/sitemap/produk/{n}", get(seo::sitemap_products))
        .route(
            "/bahasa/{code}",
            get(web::locale::switch).with_state(web.clone()),
        )
        .merge(web::payments::routes())
        .merge(web::merchant::routes())
        .merge(web::open_data::routes())
        .nest_service("/pkg", pkg)
        .nest_service("/media", media)
        .leptos_routes(&state, routes, {
            let options = leptos_options.clone();
            move || shell(options.clone())
        });
    // Anything else: a public file of the site root (favicon, manifest,
    // icons), else the app's "not found" page. Not leptos_axum's
    // `file_and_error_handler`: for a file it makes `Owner::new()`, a child
    // of whatever reactive owner the worker thread last ran, and moves that
    // owner's response headers into the file's response. Under load a page
    // rendering at the same moment lost its Content-Security-Policy (and
    // could have lost a Set-Cookie) to a favicon.
    let not_found = {
        let (state, options) = (state.clone(), leptos_options.clone());
        let render = leptos_axum::render_app_async_with_context(
            move || provide_context(state.clone()),
            move || shell(options.clone()),
        );
        move |req: axum::extract::Request| render(req)
    };
    let files = ServeDir::new(&config.site_root)
        .call_fallback_on_method_not_allowed(true)
        .fallback(not_found.into_service());
    // Layers run outside in: trace, compress, the anonymous page cache
    // (its pages are already compressed), security headers, cross-site
    // refusal, then the session lookup right before the handler.
    forms::add_routes(pages)
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(web.clone(), web::sessions))
        .layer(middleware::from_fn_with_state(
            web.clone(),
            web::refuse_cross_site,
        ))
        .layer(middleware::from_fn_with_state(
            web.clone(),
            web::security_headers,
        ))
        .layer(middleware::from_fn_with_state(
            web,
            web::page_cache::page_cache,
        ))
        // Pages are compressed per response: brotli's default (quality 11)
        // spends milliseconds per page; quality 4 is a few percent larger
        // and many times faster. Built files are compressed at the best
        // level once, at build time (see `ServeDir::precompressed_br`).
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(DYNAMIC_COMPRESSION)))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// `GET /sw.js`: the service worker, naming this build's hashed files.
/// Never cached by the browser's HTTP cache, so a new build is picked up.
async fn service_worker(State(state): State<AppState>) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        app::server::pwa::service_worker(&state.assets),
    )
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.health().await {
        Ok(()) => (StatusCode::OK, "ok\n"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
        }
    }
}

//! The HTTP side: router, static files, health check, graceful shutdown.

use crate::config::Config;
use anyhow::{Context, Result};
use app::{
    server::{assets::AssetNames, AppState, Store},
    shell, App,
};
use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    response::IntoResponse,
    routing::get,
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer, services::ServeDir, set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

/// Hashed build outputs never change under the same name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Uploaded media may be replaced by a new upload under a new name; cache a day.
const MEDIA_CACHE: &str = "public, max-age=86400";

/// Builds the leptos options from our config instead of cargo-leptos's env.
pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("peken")
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .hash_files(true)
        .env(leptos::config::Env::PROD)
        .build()
}

/// The whole application router.
pub fn router(store: Store, config: &Config) -> Router {
    let leptos_options = leptos_options(config);
    let assets = AssetNames::load(&leptos_options);
    let state = AppState {
        leptos_options: leptos_options.clone(),
        store,
        assets,
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

    Router::new()
        .route("/healthz", get(healthz))
        .nest_service("/pkg", pkg)
        .nest_service("/media", media)
        .leptos_routes(&state, routes, {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
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

/// Serves until SIGINT or SIGTERM, then lets in-flight requests finish.
pub async fn serve(store: Store, config: Config) -> Result<()> {
    let app = router(store, &config);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("binding {}", config.addr))?;
    tracing::info!("Peken siap di http://{}", config.addr);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving HTTP")?;
    tracing::info!("server stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutdown requested; finishing in-flight requests");
}

//! Serving: bind, run the background jobs, stop gracefully on SIGTERM.

use crate::config::Config;
use crate::jobs::{cap_periodically, expire_periodically, purge_periodically, rerank_periodically};
use crate::router::router;
use anyhow::{Context, Result};
use app::server::{session::SessionConfig, Store};

/// Serves until SIGINT or SIGTERM, then lets in-flight requests finish.
pub async fn serve(store: Store, config: Config) -> Result<()> {
    let app = router(store.clone(), &config);
    tokio::spawn(expire_periodically(store.clone()));
    tokio::spawn(rerank_periodically(store.clone()));
    tokio::spawn(cap_periodically(store.clone()));
    tokio::spawn(purge_periodically(
        store,
        SessionConfig::new(config.secure()).idle,
    ));
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("binding {}", config.addr))?;
    tracing::info!("Peken siap di http://{}", config.addr);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
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

//! Background jobs. Each is idempotent and safe with several instances
//! running it at once (every statement is a conditional delete or update).

use app::server::Store;

/// Once an hour, deletes sessions that ended (or went idle) a day ago or
/// more and rate-limit windows older than a day.
pub async fn purge_periodically(store: Store, idle: chrono::Duration) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let day_ago = chrono::Utc::now() - chrono::Duration::days(1);
        match store
            .purge_expired(day_ago, day_ago - idle, day_ago.timestamp())
            .await
        {
            Ok(n) if n > 0 => tracing::info!(rows = n, "purged ended sessions and old rate limits"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "purge failed"),
        }
    }
}

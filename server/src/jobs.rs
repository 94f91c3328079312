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

/// Every half minute, cancels the orders whose time to pay ran out and
/// gives their stock back. With several instances each runs it; every
/// cancellation is conditional on the order still waiting, so stock comes
/// back exactly once.
pub async fn expire_periodically(store: Store) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
    loop {
        tick.tick().await;
        expire_due(&store).await;
    }
}

/// One pass of the expiry job, in batches until nothing is due.
pub async fn expire_due(store: &Store) -> usize {
    const BATCH: i64 = 200;
    let mut total = 0;
    loop {
        match store.expire_unpaid(chrono::Utc::now(), BATCH).await {
            Ok(n) => {
                total += n;
                if (n as i64) < BATCH {
                    break;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "expiring unpaid orders failed");
                break;
            }
        }
    }
    if total > 0 {
        tracing::info!(orders = total, "unpaid orders expired; stock returned");
    }
    total
}

/// Every two seconds, recomputes the category order of the products whose
/// name, category, sales, activity or shop changed (see
/// `Store::rerank_offers`), regroups the prices the city compares across
/// shops (`Store::regroup_prices`), and folds the changes of the market's totals
/// (`Store::fold_totals`). Several instances may run it at once: each
/// pass recomputes ranks from the products themselves.
pub async fn rerank_periodically(store: Store) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match store.rerank_offers().await {
            Ok(n) if n > 0 => tracing::debug!(groups = n, "category order updated"),
            Ok(_) => {}
            // Typically a product row held by a checkout: the next pass retries.
            Err(e) => tracing::info!(error = %e, "category order not updated this time"),
        }
        match store.regroup_prices().await {
            Ok(n) if n > 0 => tracing::debug!(groups = n, "price groups updated"),
            Ok(_) => {}
            Err(e) => tracing::info!(error = %e, "price groups not updated this time"),
        }
        match store.fold_totals().await {
            Ok(n) if n > 0 => tracing::debug!(changes = n, "market totals updated"),
            Ok(_) => {}
            Err(e) => tracing::info!(error = %e, "market totals not updated this time"),
        }
    }
}

/// Every minute (and at start), brings the shops' monthly sales caps in
/// line with their sales (`Store::settle_sales_caps`): a new month lists
/// capped shops again within a minute of midnight WIB, and cancellations
/// that bring a shop under the cap list it again. Checkout caps a shop the
/// moment an order crosses the cap; this pass is the safety net.
pub async fn cap_periodically(store: Store) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match store.settle_sales_caps(chrono::Utc::now()).await {
            Ok(s) if s.capped + s.lifted > 0 => {
                tracing::info!(
                    capped = s.capped,
                    lifted = s.lifted,
                    "monthly sales caps settled"
                )
            }
            Ok(_) => {}
            Err(e) => tracing::info!(error = %e, "sales caps not settled this time"),
        }
    }
}

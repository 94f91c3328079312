//! Configuration from the environment (12-factor). Every variable is
//! documented in the README.

use anyhow::{bail, Context, Result};
use app::domain::{delivery::CityRates, payment::Expiry};
use app::server::{session::RateLimits, store::DEFAULT_SQLITE_URL};
use std::{net::SocketAddr, path::PathBuf};

/// Settings read at start.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: `postgres://…` or `sqlite://file`; unset means `sqlite://peken.db`.
    pub database_url: String,
    /// `PEKEN_ADDR`: where to listen.
    pub addr: SocketAddr,
    /// `PEKEN_SITE_ROOT`: the built site (pkg/, public files).
    pub site_root: PathBuf,
    /// `PEKEN_MEDIA_DIR`: product photos and other uploads.
    pub media_dir: PathBuf,
    /// `PEKEN_DB_MAX_CONNECTIONS`: pool size.
    pub max_connections: u32,
    /// `PEKEN_PUBLIC_URL`: the address people use, e.g. `https://peken.surabaya.go.id`.
    /// `https://` turns on `Secure` `__Host-` session cookies.
    pub public_url: String,
    /// `PEKEN_TRUST_PROXY`: take the client address from the last
    /// `X-Forwarded-For` entry (only behind a proxy that sets it).
    pub trust_proxy: bool,
    /// `PEKEN_RATE_LIMITS`: overrides, e.g. `signin_account=10/900,register_ip=60/3600`.
    pub rate_limits: RateLimits,
    /// `PEKEN_PAYMENTS`: `sandbox` (the built-in test gateway) or `off`
    /// (cash on delivery only). Unset: the sandbox with `--demo`, else off.
    pub payments: Option<String>,
    /// `PEKEN_GATEWAY_SECRET`: the key webhooks are signed with.
    pub gateway_secret: Option<String>,
    /// `PEKEN_DELIVERY_RATES`: the city's courier defaults, e.g.
    /// `base=5000,per_km=2000,max_km=15,same=8000,near=12000,far=18000`.
    pub delivery: CityRates,
    /// `PEKEN_PAYMENT_EXPIRY`: time to pay, e.g. `qris=30m,va=24h`.
    pub expiry: Expiry,
    /// `PEKEN_MEDIA_BUCKET`: keep uploaded photos in this S3-compatible
    /// bucket (credentials and endpoint from the `AWS_*` variables)
    /// instead of `PEKEN_MEDIA_DIR`, so several instances share them.
    pub media_bucket: Option<String>,
    /// `PEKEN_ORDER_STALE`: minutes after which an order the shop has not
    /// acted on is flagged in its inbox (default 60).
    pub order_stale_minutes: i64,
    /// `PEKEN_PAGE_CACHE_SECONDS`: how long an anonymous visitor's public
    /// page (home, category, search, shops, a product) may be served from
    /// this instance's memory (default 10; 0 turns the cache off).
    pub page_cache_seconds: u64,
    /// Serving the demo marketplace (`serve --demo`): turns the sandbox
    /// gateway on unless `PEKEN_PAYMENTS` says otherwise.
    pub demo: bool,
}

/// Whether a URL's host is this machine (plain-http cookies are allowed only there).
fn is_loopback_url(url: &str) -> bool {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host_port = rest.split('/').next().unwrap_or("");
    let host = if let Some(h) = host_port.strip_prefix('[') {
        h.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    pub fn from_env() -> Result<Config> {
        let database_url = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_SQLITE_URL.to_string());
        let addr = var("PEKEN_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .context("PEKEN_ADDR must be host:port, e.g. 127.0.0.1:3000")?;
        let max_connections = match var("PEKEN_DB_MAX_CONNECTIONS") {
            Some(v) => v
                .parse()
                .context("PEKEN_DB_MAX_CONNECTIONS must be a whole number")?,
            None if database_url.starts_with("sqlite:") => 8,
            None => 16,
        };
        let public_url = var("PEKEN_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{addr}"))
            .trim_end_matches('/')
            .to_string();
        if !public_url.starts_with("https://") {
            if !public_url.starts_with("http://") {
                bail!("PEKEN_PUBLIC_URL must start with https:// (or http:// on this machine)");
            }
            if !is_loopback_url(&public_url)
                && var("PEKEN_INSECURE_COOKIES").as_deref() != Some("1")
            {
                bail!(
                    "PEKEN_PUBLIC_URL is plain http:// on another machine ({public_url}): session cookies \
                     would travel unencrypted. Serve Peken over https:// and set PEKEN_PUBLIC_URL to it \
                     (or, on a closed test network only, set PEKEN_INSECURE_COOKIES=1)"
                );
            }
        }
        let rate_limits = RateLimits::parse(&var("PEKEN_RATE_LIMITS").unwrap_or_default())
            .map_err(|e| anyhow::anyhow!("PEKEN_RATE_LIMITS: {e}"))?;
        let trust_proxy = matches!(
            var("PEKEN_TRUST_PROXY").as_deref(),
            Some("1" | "true" | "yes" | "on")
        );
        let delivery = CityRates::parse(&var("PEKEN_DELIVERY_RATES").unwrap_or_default())
            .map_err(|e| anyhow::anyhow!("PEKEN_DELIVERY_RATES: {e}"))?;
        let expiry = Expiry::parse(&var("PEKEN_PAYMENT_EXPIRY").unwrap_or_default())
            .map_err(|e| anyhow::anyhow!("PEKEN_PAYMENT_EXPIRY: {e}"))?;
        let payments = var("PEKEN_PAYMENTS");
        if let Some(p) = &payments {
            if p != "sandbox" && p != "off" {
                bail!("PEKEN_PAYMENTS must be `sandbox` or `off` (got `{p}`)");
            }
        }
        let order_stale_minutes = match var("PEKEN_ORDER_STALE") {
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|m| (1..=7 * 24 * 60).contains(m))
                .context("PEKEN_ORDER_STALE must be minutes, 1 to 10080")?,
            None => 60,
        };
        let page_cache_seconds = match var("PEKEN_PAGE_CACHE_SECONDS") {
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|s| *s <= 300)
                .context("PEKEN_PAGE_CACHE_SECONDS must be seconds, 0 to 300")?,
            None => 10,
        };
        Ok(Config {
            page_cache_seconds,
            media_bucket: var("PEKEN_MEDIA_BUCKET"),
            order_stale_minutes,
            payments,
            gateway_secret: var("PEKEN_GATEWAY_SECRET"),
            demo: false,
            delivery,
            expiry,
            public_url,
            trust_proxy,
            rate_limits,
            database_url,
            addr,
            site_root: var("PEKEN_SITE_ROOT")
                .unwrap_or_else(|| "target/site".into())
                .into(),
            media_dir: var("PEKEN_MEDIA_DIR")
                .unwrap_or_else(|| "media".into())
                .into(),
            max_connections,
        })
    }

    /// Whether people reach Peken over HTTPS.
    pub fn secure(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// A configuration for tests: SQLite in `dir`, defaults elsewhere.
    #[cfg(test)]
    pub fn for_test(dir: &std::path::Path) -> Config {
        Config {
            database_url: format!("sqlite://{}", dir.join("t.db").display()),
            addr: "127.0.0.1:0".parse().unwrap(),
            site_root: dir.join("site"),
            media_dir: dir.join("media"),
            max_connections: 4,
            public_url: "http://127.0.0.1:3000".into(),
            trust_proxy: false,
            rate_limits: RateLimits::default(),
            payments: Some("sandbox".into()),
            gateway_secret: Some("rahasia-uji-webhook".into()),
            delivery: CityRates::default(),
            expiry: Expiry::default(),
            media_bucket: None,
            order_stale_minutes: 60,
            // Tests read their own writes at once; the cache's own tests turn it on.
            page_cache_seconds: 0,
            demo: false,
        }
    }

    /// Whether the sandbox gateway takes online payments (`demo`: the
    /// server was started with demo data).
    pub fn sandbox_payments(&self, demo: bool) -> bool {
        match self.payments.as_deref() {
            Some("sandbox") => true,
            Some(_) => false,
            None => demo,
        }
    }

    /// The database URL with any password masked, for logs.
    pub fn database_for_log(&self) -> String {
        match self.database_url.split_once('@') {
            Some((head, tail)) if head.contains("://") => {
                let scheme = head.split("://").next().unwrap_or_default();
                format!("{scheme}://…@{tail}")
            }
            _ => self.database_url.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn loopback_urls_are_recognised() {
        for u in [
            "http://127.0.0.1:3000",
            "http://localhost",
            "http://[::1]:80/x",
        ] {
            assert!(super::is_loopback_url(u), "{u}");
        }
        for u in [
            "http://10.0.0.5:3000",
            "http://peken.local",
            "http://127.example.com",
        ] {
            assert!(!super::is_loopback_url(u), "{u}");
        }
        assert!(!super::is_loopback_url("http://peken.surabaya.go.id"));
    }
}

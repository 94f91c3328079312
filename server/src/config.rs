//! Configuration from the environment (12-factor). Every variable is
//! documented in the README.

use anyhow::{Context, Result};
use app::server::store::DEFAULT_SQLITE_URL;
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
        Ok(Config {
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

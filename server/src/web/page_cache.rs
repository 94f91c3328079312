//! Anonymous visitors' public pages from a short-lived per-instance cache.
//!
//! What may be cached: a `GET` of home, a category, the search, the shop
//! directory, a shop, a product or the transparency page, by a visitor
//! with no session cookie, answered `200` with HTML and no cookie of its
//! own. The key is everything such a page depends on: the path with its
//! query, the language cookie and the kecamatan cookie. Anyone signed in
//! (or with a stale session cookie) is never served from here and never
//! fills it.
//!
//! How long: `PEKEN_PAGE_CACHE_SECONDS` (10 by default). Within that a
//! price or stock shown to an anonymous visitor can be that old; the cart
//! and checkout read the database and re-check both, so nobody pays a price
//! or buys stock that a cached page showed wrongly.
//!
//! The page's Content-Security-Policy: a rendered page allows its inline
//! hydration script by a per-response nonce. A nonce served to many people
//! is no secret, so a cached page loses its nonce attributes and its policy
//! lists the SHA-256 of each inline script instead (`page_csp_hashed`).
//!
//! Each entry keeps the page compressed with brotli and gzip as well, so a
//! hit costs a lookup and a copy, like a static file.

use super::Web;
use app::server::security::page_csp_hashed;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
};
use std::{
    collections::HashMap,
    io::Write,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// Entries kept at most; when full, expired ones go, else everything.
const MAX_ENTRIES: usize = 4096;
/// Pages larger than this are not kept.
const MAX_PAGE: usize = 2 << 20;
/// Brotli quality and window for cached pages: quality 9 with the default
/// window took ~50 ms a page here (tables for a 4 MB window, for a 20 KB
/// page), which 64 visitors arriving as an entry expired felt as seconds.
const BROTLI_QUALITY: u32 = 6;
const BROTLI_WINDOW: u32 = 18;

struct Entry {
    at: Instant,
    /// A request is rendering this page again (see [`page_cache`]).
    refreshing: std::sync::atomic::AtomicBool,
    headers: HeaderMap,
    identity: Bytes,
    br: Bytes,
    gzip: Bytes,
}

/// The cache of one instance.
#[derive(Clone)]
pub struct PageCache {
    ttl: Duration,
    entries: Arc<Mutex<HashMap<String, Arc<Entry>>>>,
}

impl PageCache {
    /// `None` when `seconds` is 0 (no caching).
    pub fn new(seconds: u64) -> Option<PageCache> {
        (seconds > 0).then(|| PageCache {
            ttl: Duration::from_secs(seconds),
            entries: Arc::default(),
        })
    }

    /// The entry for `key` unless it is too old to serve even while it is
    /// being rendered again (twice the time to live).
    fn get(&self, key: &str) -> Option<Arc<Entry>> {
        let map = self.entries.lock().expect("page cache lock");
        map.get(key)
            .filter(|e| e.at.elapsed() < 2 * self.ttl)
            .cloned()
    }

    fn remove(&self, key: &str) {
        self.entries.lock().expect("page cache lock").remove(key);
    }

    fn put(&self, key: String, entry: Entry) -> Arc<Entry> {
        let entry = Arc::new(entry);
        let mut map = self.entries.lock().expect("page cache lock");
        if map.len() >= MAX_ENTRIES {
            let ttl = self.ttl;
            map.retain(|_, e| e.at.elapsed() < 2 * ttl);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        map.insert(key, entry.clone());
        entry
    }
}

/// Whether a path is a public catalog page.
fn public_page(path: &str) -> bool {
    matches!(path, "/" | "/cari" | "/toko" | "/transparansi" | "/panduan")
        || ["/kategori/", "/produk/", "/toko/"]
            .iter()
            .any(|p| path.strip_prefix(p).is_some_and(|rest| !rest.is_empty()))
}

/// The cache key of a request that may be served from the cache.
fn key_of(req: &Request, web: &Web) -> Option<String> {
    if req.method() != Method::GET || !public_page(req.uri().path()) {
        return None;
    }
    let headers = req.headers();
    if web.app.sessions.token_from(headers).is_some() {
        return None;
    }
    let cookie = |name| app::web::cookie_value(headers, name).unwrap_or_default();
    let target = req.uri().path_and_query()?.as_str();
    (target.len() <= 512).then(|| {
        format!(
            "{}|{}|{target}",
            cookie(app::i18n::LOCALE_COOKIE),
            cookie("peken_kecamatan")
        )
    })
}

/// Which stored body the client takes: brotli, gzip, or as it is.
fn encoding(headers: &HeaderMap) -> Option<&'static str> {
    let accepted = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let takes = |name: &str| {
        accepted.split(',').any(|part| {
            let mut bits = part.split(';').map(str::trim);
            bits.next() == Some(name) && bits.all(|b| b.replace(' ', "") != "q=0")
        })
    };
    if takes("br") {
        Some("br")
    } else if takes("gzip") {
        Some("gzip")
    } else {
        None
    }
}

fn respond(entry: &Entry, encoding: Option<&'static str>, served: &'static str) -> Response {
    let body = match encoding {
        Some("br") => entry.br.clone(),
        Some("gzip") => entry.gzip.clone(),
        _ => entry.identity.clone(),
    };
    let mut res = Response::new(Body::from(body));
    *res.headers_mut() = entry.headers.clone();
    let h = res.headers_mut();
    if let Some(e) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
    }
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert("x-peken-cache", HeaderValue::from_static(served));
    res
}

/// Builds the entry of a freshly rendered page: nonces out, hashes in,
/// compressed twice.
fn entry_of(mut headers: HeaderMap, html: &[u8]) -> Option<Entry> {
    let html = std::str::from_utf8(html).ok()?;
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?
        .to_string();
    let nonce = policy.split("'nonce-").nth(1)?.split('\'').next()?;
    if nonce.is_empty() {
        return None;
    }
    // Leptos also writes the nonce as the preload links' `crossorigin`
    // value (any value but "use-credentials" means "anonymous").
    let html = html.replace(&format!(" nonce=\"{nonce}\""), "").replace(
        &format!(" crossorigin=\"{nonce}\""),
        " crossorigin=\"anonymous\"",
    );
    if html.contains(nonce) {
        return None;
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&page_csp_hashed(&html)).ok()?,
    );
    headers.remove(header::CONTENT_LENGTH);
    let mut br = Vec::with_capacity(html.len() / 4);
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, BROTLI_QUALITY, BROTLI_WINDOW);
        w.write_all(html.as_bytes()).ok()?;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(html.as_bytes()).ok()?;
    Some(Entry {
        at: Instant::now(),
        refreshing: Default::default(),
        headers,
        br: br.into(),
        gzip: gz.finish().ok()?.into(),
        identity: html.into_bytes().into(),
    })
}

/// The middleware: serves a fresh entry, else renders and keeps what may
/// be kept. When an entry expires, one request renders the page again
/// while the others are served the old one a moment longer ("stale"), so
/// an expiry under load costs one render, not one per waiting visitor.
pub async fn page_cache(State(web): State<Web>, req: Request, next: Next) -> Response {
    use std::sync::atomic::Ordering;
    let Some(cache) = web.page_cache.clone() else {
        return next.run(req).await;
    };
    let Some(key) = key_of(&req, &web) else {
        return next.run(req).await;
    };
    let encoding = encoding(req.headers());
    let old = cache.get(&key);
    if let Some(entry) = &old {
        if entry.at.elapsed() < cache.ttl {
            return respond(entry, encoding, "hit");
        }
        if entry.refreshing.swap(true, Ordering::AcqRel) {
            return respond(entry, encoding, "stale");
        }
    }
    let res = next.run(req).await;
    let entry = keep(res).await;
    match entry {
        Ok(entry) => respond(&cache.put(key, entry), encoding, "miss"),
        Err(res) => {
            // Not cacheable now (gone, an error, a cookie): the old page
            // is not served again.
            if old.is_some() {
                cache.remove(&key);
            }
            res
        }
    }
}

/// The entry for a rendered response, or the response itself when it may
/// not be cached.
async fn keep(res: Response) -> Result<Entry, Response> {
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if res.status() != StatusCode::OK
        || !html
        || res.headers().contains_key(header::SET_COOKIE)
        || res.headers().contains_key(header::CONTENT_ENCODING)
    {
        return Err(res);
    }
    let (parts, body) = res.into_parts();
    // The page is already whole in memory (pages render with
    // `SsrMode::Async`): reading it costs no more than sending it. A page
    // too large to keep is sent as it is.
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "rendered page unreadable");
            return Err(server_error());
        }
    };
    if bytes.len() > MAX_PAGE {
        return Err(Response::from_parts(parts, Body::from(bytes)));
    }
    match tokio::task::spawn_blocking({
        let headers = parts.headers.clone();
        move || entry_of(headers, &bytes).ok_or(bytes)
    })
    .await
    {
        Ok(Ok(entry)) => Ok(entry),
        Ok(Err(bytes)) => Err(Response::from_parts(parts, Body::from(bytes))),
        Err(e) => {
            tracing::error!(error = %e, "page cache task failed");
            Err(server_error())
        }
    }
}

/// What the visitor gets when the page could not be read back.
fn server_error() -> Response {
    let mut res = Response::new(Body::from("Terjadi kesalahan di server."));
    *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_catalog_pages_are_cacheable() {
        for p in [
            "/",
            "/cari",
            "/toko",
            "/toko/warung-bu-sri",
            "/kategori/sembako",
            "/produk/12",
        ] {
            assert!(public_page(p), "{p}");
        }
        for p in [
            "/keranjang",
            "/checkout",
            "/akun",
            "/toko-saya",
            "/toko-saya/produk",
            "/masuk",
            "/pesanan/PKN-1",
            "/admin/audit",
            "/keluhan",
            "/keluhan/1",
            "/admin/keluhan",
            "/kategori/",
            "/produk/",
            "/toko/",
            "/api/toko",
        ] {
            assert!(!public_page(p), "{p}");
        }
    }

    #[test]
    fn the_client_gets_an_encoding_it_accepts() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
            m
        };
        assert_eq!(encoding(&h("gzip, deflate, br, zstd")), Some("br"));
        assert_eq!(encoding(&h("gzip")), Some("gzip"));
        assert_eq!(encoding(&h("br;q=0, gzip")), Some("gzip"));
        assert_eq!(encoding(&h("identity")), None);
        assert_eq!(encoding(&HeaderMap::new()), None);
    }
}

//! The HTTP layer around the Leptos app: who is asking (sessions), refusing
//! cross-site writes, security headers, and the form endpoints.

pub mod forms;
pub mod locale;
pub mod merchant;
pub mod open_data;
pub mod page_cache;
pub mod payments;
pub mod seo;

use app::server::{
    security::{page_csp, DEFAULT_CSP},
    session::{hash_token, ClientIp, SessionId},
    AppState,
};
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use chrono::{Duration, Utc};
use std::net::{IpAddr, SocketAddr};

/// What the middleware needs besides the app state.
#[derive(Clone)]
pub struct Web {
    pub app: AppState,
    /// Take the client address from `X-Forwarded-For` (behind a proxy).
    pub trust_proxy: bool,
    /// Served over HTTPS (adds HSTS).
    pub secure: bool,
    /// `scheme://host[:port]` of `PEKEN_PUBLIC_URL`: the only origin whose
    /// pages may send writes.
    pub origin: String,
    /// Anonymous public pages kept for a few seconds (`None`: off).
    pub page_cache: Option<page_cache::PageCache>,
}

/// The origin (`scheme://host[:port]`, lowercase) of a URL.
pub fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{scheme}://{host}").to_ascii_lowercase()
}

/// How many pages left without their own Content-Security-Policy and had
/// it repaired by [`security_headers`]. Each is a bug; tests assert none.
static CSP_REPAIRS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// See [`CSP_REPAIRS`].
#[cfg(test)]
pub fn csp_repairs() -> u64 {
    CSP_REPAIRS.load(std::sync::atomic::Ordering::Relaxed)
}

/// A session's `last_seen_at` is written at most this often.
const TOUCH_EVERY: Duration = Duration::minutes(5);

/// The client's address: the connection's peer, or with a trusted proxy the
/// last `X-Forwarded-For` entry (the one the proxy itself added).
pub fn client_ip(req: &Request, trust_proxy: bool) -> String {
    if trust_proxy {
        if let Some(ip) = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .next_back()
            .and_then(|s| s.trim().parse::<IpAddr>().ok())
        {
            return ip.to_string();
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Finds the session behind the request's cookie and puts the signed-in
/// [`app::model::Viewer`] (and the client address) into the request's
/// extensions, where pages and server functions read it. A cookie that no
/// longer names a live session is removed.
pub async fn sessions(State(web): State<Web>, mut req: Request, next: Next) -> Response {
    let ip = client_ip(&req, web.trust_proxy);
    req.extensions_mut().insert(ClientIp(ip));
    let config = &web.app.sessions;
    let mut stale_cookie = false;
    // Static files never depend on who asks: no database round trip for them.
    let path = req.uri().path();
    let is_static = path.starts_with("/pkg/") || path.starts_with("/media/") || path == "/healthz";
    if let Some(token) = config.token_from(req.headers()).filter(|_| !is_static) {
        let now = Utc::now();
        let store = &web.app.store;
        match store
            .live_session(&hash_token(&token), now, now - config.idle)
            .await
        {
            Ok(Some(s)) => {
                if now - s.last_seen_at > TOUCH_EVERY {
                    if let Err(e) = store.touch_session(s.id, now).await {
                        tracing::warn!(error = %e, "could not record session activity");
                    }
                }
                req.extensions_mut().insert(SessionId(s.id));
                req.extensions_mut().insert(s.viewer);
            }
            Ok(None) => stale_cookie = true,
            Err(e) => tracing::error!(error = %e, "session lookup failed; treating as signed out"),
        }
    }
    let signed_in = req.extensions().get::<app::model::Viewer>().is_some();
    let mut res = next.run(req).await;
    // A dead cookie is removed, unless this response sets the session
    // cookie itself (sign-in); another cookie (the kecamatan) does not count.
    let sets_session = |res: &Response| {
        let prefix = format!("{}=", config.cookie_name());
        res.headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .any(|c| c.as_bytes().starts_with(prefix.as_bytes()))
    };
    if stale_cookie && !sets_session(&res) {
        if let Ok(v) = HeaderValue::from_str(&config.clear_cookie()) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    // What a signed-in person is shown is theirs: no cache may keep it, not
    // even the service worker's offline copies (it skips `no-store`).
    if signed_in {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    res
}

/// Whether a request's `Origin` is Peken's own public origin. The request's
/// `Host` is not trusted for this: a client can forge it, and a proxy may
/// rewrite it. On this machine (a loopback public URL) `localhost`,
/// `127.0.0.1` and `[::1]` with the same scheme and port are one site.
fn is_own_origin(origin: &str, own: &str) -> bool {
    let origin = origin.to_ascii_lowercase();
    if origin == own {
        return true;
    }
    let loopback = |o: &str| -> Option<(String, String)> {
        let (scheme, host) = o.split_once("://")?;
        let (name, port) = match host.rsplit_once(':') {
            Some((n, p)) if !p.contains(']') => (n, p),
            _ => (host, ""),
        };
        matches!(name, "localhost" | "127.0.0.1" | "[::1]")
            .then(|| (scheme.to_string(), port.to_string()))
    };
    matches!((loopback(&origin), loopback(own)), (Some(a), Some(b)) if a == b)
}

/// Why a state-changing request looks cross-site, if it does. `own` is
/// Peken's public origin ([`origin_of`] of `PEKEN_PUBLIC_URL`).
pub fn cross_site_reason(method: &Method, headers: &HeaderMap, own: &str) -> Option<&'static str> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        // `none`: typed by the user; `same-origin`: our own page. A sibling
        // subdomain (`same-site`) is another origin and is refused too.
        if !matches!(site.to_str(), Ok("same-origin" | "none")) {
            return Some("sec-fetch-site");
        }
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        match origin.to_str() {
            Ok(o) if is_own_origin(o, own) => {}
            _ => return Some("origin"),
        }
    }
    None
}

/// Refuses state-changing requests (anything but GET, HEAD, OPTIONS) that
/// another site's page sent: the browser says so in `Sec-Fetch-Site` or
/// `Origin`. Requests without either (non-browser clients) pass.
pub async fn refuse_cross_site(State(web): State<Web>, req: Request, next: Next) -> Response {
    if let Some(reason) = cross_site_reason(req.method(), req.headers(), &web.origin) {
        tracing::warn!(
            reason,
            method = %req.method(),
            path = req.uri().path(),
            origin = ?req.headers().get(header::ORIGIN),
            "refused cross-site request"
        );
        // A page of our own without scripts: the strictest policy.
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_SECURITY_POLICY, DEFAULT_CSP)],
            Html(
                "<!DOCTYPE html><html lang=\"id\"><meta charset=\"utf-8\"><title>Permintaan ditolak — Peken</title>\
                 <h1>Permintaan ditolak</h1><p>Formulir ini dikirim dari situs lain, jadi tidak kami proses. \
                 Buka <a href=\"/\">Peken</a> dan coba lagi dari sana.</p></html>",
            ),
        )
            .into_response();
    }
    next.run(req).await
}

/// The nonce of a page's first `<script … nonce="…">`, if it has one.
fn page_nonce(html: &[u8]) -> Option<String> {
    let html = std::str::from_utf8(html).ok()?;
    let script = html.find("<script")?;
    let tag_end = script + html[script..].find('>')?;
    let tag = &html[script..tag_end];
    let start = tag.find(" nonce=\"")? + " nonce=\"".len();
    let nonce = &tag[start..start + tag[start..].find('"')?];
    (!nonce.is_empty()
        && nonce
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '=')))
    .then(|| nonce.to_string())
}

/// Headers every response carries; pages set their own (nonce) CSP first.
pub async fn security_headers(State(web): State<Web>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html && !res.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        // Every page sets its own policy with its nonce (`app::shell`). Rarely
        // (a navigation while the service worker installs) a page comes back
        // without it, and the strict default would block its own scripts.
        // Pages are rendered whole (SsrMode::Async), so read the nonce from
        // the first script in <head>, which comes before any user content.
        CSP_REPAIRS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::warn!(path, status = %res.status(), "page rendered without its Content-Security-Policy");
        let (parts, body) = res.into_parts();
        let bytes = match axum::body::to_bytes(body, 8 << 20).await {
            Ok(b) => b,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
        let policy = page_nonce(&bytes).map(|n| page_csp(&n));
        res = Response::from_parts(parts, axum::body::Body::from(bytes));
        if let Some(v) = policy.and_then(|p| HeaderValue::from_str(&p).ok()) {
            res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    let h = res.headers_mut();
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(DEFAULT_CSP));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), payment=(), geolocation=(self)"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if web.secure {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    // Pages can show who is signed in: never store them in shared caches.
    if html && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_nonce_comes_from_the_first_script_tag_only() {
        let page = br#"<html><head><title>x</title><script src="/sw-register.js" defer nonce="Ab_9-x"></script></head><body>nonce="evil"</body></html>"#;
        assert_eq!(page_nonce(page).as_deref(), Some("Ab_9-x"));
        // User text before any script cannot supply one: the first tag decides.
        let no_nonce =
            br#"<p>nonce="evil"</p><script src="/a.js"></script><script nonce="late"></script>"#;
        assert_eq!(page_nonce(no_nonce), None);
        assert_eq!(page_nonce(br#"<script nonce="a b">"#), None);
    }

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(
                header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        h
    }

    #[test]
    fn cross_site_writes_are_recognised() {
        let post = Method::POST;
        let own = "https://peken.surabaya.go.id";
        let reason = |m: &Method, h: &[(&str, &str)]| cross_site_reason(m, &headers(h), own);
        assert_eq!(
            reason(&Method::GET, &[("sec-fetch-site", "cross-site")]),
            None
        );
        assert_eq!(
            reason(&post, &[("sec-fetch-site", "cross-site")]),
            Some("sec-fetch-site")
        );
        assert_eq!(
            reason(&post, &[("sec-fetch-site", "same-site")]),
            Some("sec-fetch-site")
        );
        assert_eq!(
            reason(&post, &[("origin", "https://jahat.example")]),
            Some("origin")
        );
        assert_eq!(reason(&post, &[("origin", "null")]), Some("origin"));
        // A forged Host that matches a forged Origin proves nothing.
        assert_eq!(
            reason(
                &post,
                &[
                    ("host", "jahat.example"),
                    ("origin", "https://jahat.example")
                ]
            ),
            Some("origin")
        );
        // The scheme counts: a plain-http page is another origin.
        assert_eq!(
            reason(&post, &[("origin", "http://peken.surabaya.go.id")]),
            Some("origin")
        );
        assert_eq!(
            reason(
                &post,
                &[
                    ("origin", "https://peken.surabaya.go.id"),
                    ("sec-fetch-site", "same-origin")
                ]
            ),
            None
        );
        // Behind a proxy that rewrites Host, our own pages still post.
        assert_eq!(
            reason(
                &post,
                &[
                    ("host", "10.0.0.5:3000"),
                    ("origin", "https://PEKEN.surabaya.go.id")
                ]
            ),
            None
        );
        assert_eq!(reason(&Method::DELETE, &[]), None);
        // On this machine, localhost and 127.0.0.1 on the same port are one site.
        let local = "http://127.0.0.1:3000";
        assert_eq!(
            cross_site_reason(
                &post,
                &headers(&[("origin", "http://localhost:3000")]),
                local
            ),
            None
        );
        assert_eq!(
            cross_site_reason(
                &post,
                &headers(&[("origin", "http://localhost:3001")]),
                local
            ),
            Some("origin")
        );
        assert_eq!(
            origin_of("https://Peken.Kota.go.id/app?x=1"),
            "https://peken.kota.go.id"
        );
    }
}

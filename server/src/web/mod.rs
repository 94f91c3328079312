//! The HTTP layer around the Leptos app: who is asking (sessions), refusing
//! cross-site writes, security headers, and the form endpoints.

#[cfg(test)]
mod auth_tests;
pub mod forms;
pub mod locale;
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
    let mut res = next.run(req).await;
    if stale_cookie && !res.headers().contains_key(header::SET_COOKIE) {
        if let Ok(v) = HeaderValue::from_str(&config.clear_cookie()) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Whether `origin` (`scheme://host[:port]`) names the host the request was sent to.
fn same_host(origin: &str, headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host))
}

/// Why a state-changing request looks cross-site, if it does.
pub fn cross_site_reason(method: &Method, headers: &HeaderMap) -> Option<&'static str> {
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
            Ok(o) if same_host(o, headers) => {}
            _ => return Some("origin"),
        }
    }
    None
}

/// Refuses state-changing requests (anything but GET, HEAD, OPTIONS) that
/// another site's page sent: the browser says so in `Sec-Fetch-Site` or
/// `Origin`. Requests without either (non-browser clients) pass.
pub async fn refuse_cross_site(req: Request, next: Next) -> Response {
    if let Some(reason) = cross_site_reason(req.method(), req.headers()) {
        tracing::warn!(
            reason,
            method = %req.method(),
            path = req.uri().path(),
            origin = ?req.headers().get(header::ORIGIN),
            "refused cross-site request"
        );
        return (
            StatusCode::FORBIDDEN,
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
        let host = ("host", "peken.surabaya.go.id");
        assert_eq!(
            cross_site_reason(&Method::GET, &headers(&[("sec-fetch-site", "cross-site")])),
            None
        );
        assert_eq!(
            cross_site_reason(&post, &headers(&[host, ("sec-fetch-site", "cross-site")])),
            Some("sec-fetch-site")
        );
        assert_eq!(
            cross_site_reason(&post, &headers(&[host, ("sec-fetch-site", "same-site")])),
            Some("sec-fetch-site")
        );
        assert_eq!(
            cross_site_reason(
                &post,
                &headers(&[host, ("origin", "https://jahat.example")])
            ),
            Some("origin")
        );
        assert_eq!(
            cross_site_reason(&post, &headers(&[host, ("origin", "null")])),
            Some("origin")
        );
        assert_eq!(
            cross_site_reason(
                &post,
                &headers(&[
                    host,
                    ("origin", "https://peken.surabaya.go.id"),
                    ("sec-fetch-site", "same-origin")
                ])
            ),
            None
        );
        assert_eq!(cross_site_reason(&Method::DELETE, &headers(&[host])), None);
    }
}

//! The few HTTP details pages and server functions touch while answering:
//! the response status, a redirect, cookies, and URL encoding. One module
//! below the rest, so that i18n, sessions and components use it instead of
//! each other.

#[cfg(feature = "ssr")]
use leptos::prelude::use_context;

/// Marks the response with `status` when rendering on the server.
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(status) {
            res.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// Sends the browser elsewhere (303) while rendering on the server, whatever
/// the request's `Accept` header.
pub fn redirect_to(path: &str) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(v) = http::HeaderValue::from_str(path) {
            res.set_status(http::StatusCode::SEE_OTHER);
            res.insert_header(http::header::LOCATION, v);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

/// Adds a `Set-Cookie` to the current response.
#[cfg(feature = "ssr")]
pub fn set_cookie(value: &str) {
    if let (Some(res), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

/// Sets (replaces) a header of the current response.
#[cfg(feature = "ssr")]
pub fn set_header(name: http::HeaderName, value: http::HeaderValue) {
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(name, value);
    }
}

/// The non-empty value of the cookie `name` in the request's `Cookie` headers.
#[cfg(feature = "ssr")]
pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_string())
}

/// Percent-encodes a query-string value.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn url_encode_escapes_query_syntax() {
        assert_eq!(super::url_encode("/akun?a=1&b=2"), "/akun%3Fa%3D1%26b%3D2");
        assert_eq!(super::url_encode("/akun/sandi"), "/akun/sandi");
    }
}

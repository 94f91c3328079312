//! `GET /bahasa/{id|en}?lanjut=/path`: switches the page language. A plain
//! link, so it works without JavaScript; the choice is kept a year in the
//! `peken_bahasa` cookie and the browser goes back where it was.

use app::i18n::{Locale, LOCALE_COOKIE};
use app::model::safe_next;
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use std::collections::HashMap;

pub async fn switch(
    State(web): State<super::Web>,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(locale) = Locale::parse(&code) else {
        return (
            StatusCode::NOT_FOUND,
            "Bahasa tidak dikenal / unknown language",
        )
            .into_response();
    };
    // Only a path on this site; anything else goes to the home page.
    let next = query
        .get("lanjut")
        .map(|p| p.trim())
        .filter(|p| safe_next(Some(p)) == *p)
        .unwrap_or("/");
    let secure = if web.secure { "; Secure" } else { "" };
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        locale.code()
    );
    let mut res = StatusCode::SEE_OTHER.into_response();
    let headers = res.headers_mut();
    // A path that is not plain ASCII (it should arrive percent-encoded) goes home.
    let location = HeaderValue::from_str(next).unwrap_or(HeaderValue::from_static("/"));
    headers.insert(header::LOCATION, location);
    if let Ok(c) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, c);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

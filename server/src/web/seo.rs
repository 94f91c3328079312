//! For search engines: `robots.txt` and the sitemap (an index of shop and
//! product sitemaps, each within the 50,000-address limit).

use app::server::AppState;
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

/// Product addresses per sitemap file (the protocol allows 50,000).
pub const PRODUCTS_PER_SITEMAP: i64 = 40_000;

fn xml(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn failed(e: app::server::store::StoreError) -> Response {
    tracing::error!(error = %e, "sitemap query failed");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

/// `GET /robots.txt`: private pages stay out of search results.
pub async fn robots(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "User-agent: *\nDisallow: /akun\nDisallow: /admin\nDisallow: /api/\n\
             Disallow: /masuk\nDisallow: /daftar\nDisallow: /keluar\nDisallow: /offline\n\
             Disallow: /keranjang\nDisallow: /checkout\nDisallow: /pesanan\nDisallow: /toko-saya\n\
             Disallow: /mulai\nDisallow: /keluhan\n\
             Sitemap: {}/sitemap.xml\n",
            state.public_url
        ),
    )
        .into_response()
}

/// `GET /sitemap.xml`: the index.
pub async fn sitemap_index(State(state): State<AppState>) -> Response {
    let count = match state.store.public_product_count().await {
        Ok(n) => n,
        Err(e) => return failed(e),
    };
    let base = escape(&state.public_url);
    let pages = (count + PRODUCTS_PER_SITEMAP - 1) / PRODUCTS_PER_SITEMAP;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    out.push_str(&format!(
        "<sitemap><loc>{base}/sitemap/toko</loc></sitemap>\n"
    ));
    for n in 1..=pages.max(1) {
        out.push_str(&format!(
            "<sitemap><loc>{base}/sitemap/produk/{n}</loc></sitemap>\n"
        ));
    }
    out.push_str("</sitemapindex>\n");
    xml(out)
}

fn urlset(base: &str, paths: impl Iterator<Item = String>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        out.push_str(&format!(
            "<url><loc>{}{}</loc></url>\n",
            escape(base),
            escape(&p)
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// `GET /sitemap/toko`: the home page, every category and every verified shop.
pub async fn sitemap_shops(State(state): State<AppState>) -> Response {
    let categories = state
        .catalog_cache
        .categories
        .get_or_load(|| state.store.categories())
        .await;
    let (categories, slugs) = match (categories, state.store.public_shop_slugs().await) {
        (Ok(c), Ok(s)) => (c, s),
        (Err(e), _) | (_, Err(e)) => return failed(e),
    };
    xml(urlset(
        &state.public_url,
        std::iter::once("/".to_string())
            .chain(
                categories
                    .into_iter()
                    .map(|c| app::paths::category(&c.slug)),
            )
            .chain(slugs.into_iter().map(|s| app::paths::shop(&s))),
    ))
}

/// `GET /sitemap/produk/{n}`: the n-th block of visible products.
pub async fn sitemap_products(State(state): State<AppState>, Path(n): Path<String>) -> Response {
    let Some(n) = n.parse::<i64>().ok().filter(|n| *n >= 1 && *n <= 10_000) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state
        .store
        .public_product_ids(PRODUCTS_PER_SITEMAP, (n - 1) * PRODUCTS_PER_SITEMAP)
        .await
    {
        Ok(ids) if ids.is_empty() && n > 1 => StatusCode::NOT_FOUND.into_response(),
        Ok(ids) => xml(urlset(
            &state.public_url,
            ids.into_iter().map(app::paths::product),
        )),
        Err(e) => failed(e),
    }
}

//! The public catalog: anyone (signed in or not) may read it.

use crate::model::{AppError, CategoryPage, HomeData, ProductDetail, ShopDetail};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// How many shops and products the home page lists.
pub const HOME_SHOPS: i64 = 12;
pub const HOME_PRODUCTS: i64 = 12;
/// How many shops a page of the shop directory lists.
pub const DIRECTORY_SHOPS: i64 = 24;
/// How many products a category page lists.
pub const CATEGORY_PAGE_PRODUCTS: i64 = 24;

/// Everything the home page shows; `kecamatan` narrows the shop list.
#[server(prefix = "/api", endpoint = "home", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn home(kecamatan: Option<String>) -> Result<HomeData, AppError> {
    use super::common::*;
    let state = crate::server::state::state();
    let (store, cache) = (&state.store, &state.catalog_cache);
    let kecamatan_list = cached_kecamatan(&state).await?;
    // A choice in the URL is remembered in a cookie; without one, the
    // remembered choice applies. An unknown kecamatan is ignored rather
    // than showing an empty page.
    let chosen_now = kecamatan.is_some();
    let selected = kecamatan
        .or_else(remembered_kecamatan)
        // HTML forms send spaces as `+`, which the router leaves as they are.
        .map(|k| k.replace('+', " ").trim().to_string())
        .filter(|k| kecamatan_list.iter().any(|n| n == k));
    if chosen_now {
        remember_kecamatan(selected.as_deref(), state.sessions.secure);
    }
    Ok(HomeData {
        as_of: chrono::Utc::now(),
        stats: cache
            .stats
            .get_or_load(|| store.market_stats())
            .await
            .map_err(internal)?,
        categories: cached_categories(&state).await?,
        shops: shop_page(
            &state,
            &crate::server::store::ShopFilter {
                kecamatan: selected.clone(),
                rotation: rotation_today(),
                ..Default::default()
            },
            HOME_SHOPS,
            0,
        )
        .await?
        .0,
        newest: store
            .newest_products(HOME_PRODUCTS)
            .await
            .map_err(internal)?,
        popular: cache
            .popular
            .get_or_load(|| store.popular_products(HOME_PRODUCTS))
            .await
            .map_err(internal)?,
        kecamatan: kecamatan_list,
        selected_kecamatan: selected,
    })
}

/// The shop directory: verified shops, narrowed by kecamatan, kind, MBR
/// and words of their name, a page at a time, in the day's rotation.
/// Filters that are not understood are ignored; a page past the last is 404.
#[server(prefix = "/api", endpoint = "toko", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn shop_directory(
    q: Option<String>,
    kecamatan: Option<String>,
    jenis: Option<String>,
    mbr: Option<String>,
    halaman: Option<String>,
) -> Result<crate::model::ShopDirectory, AppError> {
    use super::common::*;
    use crate::model::{SearchParams, ShopKind};
    let state = crate::server::state::state();
    let kecamatan_list = cached_kecamatan(&state).await?;
    let params = SearchParams::from_options([
        ("q", q),
        ("kecamatan", kecamatan),
        ("jenis", jenis),
        ("mbr", mbr),
    ]);
    let filter = crate::server::store::ShopFilter {
        kecamatan: params
            .get("kecamatan")
            .map(|k| k.replace('+', " "))
            .filter(|k| kecamatan_list.contains(k)),
        kind: params.get("jenis").and_then(ShopKind::parse),
        mbr_only: params.get("mbr").is_some(),
        q: params.get("q").unwrap_or_default().to_string(),
        rotation: rotation_today(),
    };
    let page = match halaman.as_deref().map(str::trim) {
        None | Some("") => 1,
        Some(p) => p
            .parse::<i64>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| crate::server::session::fail(AppError::NotFound))?,
    };
    let (shops, total) = shop_page(
        &state,
        &filter,
        DIRECTORY_SHOPS,
        (page - 1) * DIRECTORY_SHOPS,
    )
    .await?;
    let pages = ((total + DIRECTORY_SHOPS - 1) / DIRECTORY_SHOPS).max(1);
    if page > pages {
        return Err(crate::server::session::fail(AppError::NotFound));
    }
    Ok(crate::model::ShopDirectory {
        params,
        shops,
        total,
        page,
        pages,
        kecamatan: kecamatan_list,
    })
}

/// A product page.
#[server(prefix = "/api", endpoint = "product", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn product(id: i64) -> Result<ProductDetail, AppError> {
    use super::common::*;
    let state = crate::server::state::state();
    let store = &state.store;
    let (card, facts) = store.product(id).await.map_err(not_found)?;
    let category = cached_categories(&state)
        .await?
        .into_iter()
        .find(|c| c.id == facts.category_id)
        .ok_or(AppError::Internal)?;
    Ok(ProductDetail {
        card,
        description: facts.description,
        category,
        shop: facts.shop,
        sold: facts.sold,
        rating: facts.rating,
        at_cap: facts.capped,
    })
}

/// One page of a category's products (404 for an unknown category or a
/// page past the last).
#[server(prefix = "/api", endpoint = "kategori", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn category(slug: String, page: Option<i64>) -> Result<CategoryPage, AppError> {
    use super::common::*;
    let state = crate::server::state::state();
    let store = &state.store;
    let category = cached_categories(&state)
        .await?
        .into_iter()
        .find(|c| c.slug == slug)
        .ok_or_else(|| crate::server::session::fail(AppError::NotFound))?;
    let pages =
        ((category.product_count + CATEGORY_PAGE_PRODUCTS - 1) / CATEGORY_PAGE_PRODUCTS).max(1);
    let page = page.unwrap_or(1);
    if page < 1 || page > pages {
        return Err(crate::server::session::fail(AppError::NotFound));
    }
    let products = store
        .category_products(
            category.id,
            CATEGORY_PAGE_PRODUCTS,
            (page - 1) * CATEGORY_PAGE_PRODUCTS,
        )
        .await
        .map_err(internal)?;
    Ok(CategoryPage {
        category,
        products,
        page,
        pages,
    })
}

/// A shop page: the shop and one page of its products, optionally only
/// those matching `q`, in the order `urut`.
#[server(prefix = "/api", endpoint = "shop", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn shop(
    slug: String,
    q: Option<String>,
    urut: Option<String>,
    halaman: Option<String>,
) -> Result<ShopDetail, AppError> {
    use super::common::*;
    let state = crate::server::state::state();
    let store = &state.store;
    let (card, facts) = store.shop_by_slug(&slug).await.map_err(not_found)?;
    let params =
        crate::model::SearchParams::from_options([("q", q), ("urut", urut), ("halaman", halaman)]);
    let products = crate::api::search::ssr::run(&state, params, Some(card.id)).await?;
    Ok(ShopDetail {
        card,
        address: facts.address,
        description: facts.description,
        open_hours: facts.open_hours,
        // The card variant of an upload is 480 px on its long side; the
        // page shows it square, cropped.
        photo: facts.photo_key.map(|key| crate::model::Photo {
            srcset: crate::model::srcset_of(&key),
            url: format!("/media/{key}"),
            width: 480,
            height: 480,
        }),
        rating: facts.rating,
        products,
        at_cap: facts.capped,
    })
}

/// The cookie that remembers the buyer's kecamatan (not personal: a district name).
#[cfg(feature = "ssr")]
const KECAMATAN_COOKIE: &str = "peken_kecamatan";

/// The kecamatan remembered in the request's cookie, if any (unchecked).
#[cfg(feature = "ssr")]
fn remembered_kecamatan() -> Option<String> {
    leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
        crate::web::cookie_value(&parts.headers, KECAMATAN_COOKIE)
    })
    .flatten()
    .map(|v| v.replace('_', " "))
}

/// Remembers `kecamatan` for a year, or forgets it when `None` ("all").
#[cfg(feature = "ssr")]
fn remember_kecamatan(kecamatan: Option<&str>, secure: bool) {
    let Some(res) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let secure = if secure { "; Secure" } else { "" };
    let cookie = match kecamatan {
        Some(k) => format!(
            "{KECAMATAN_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
            k.replace(' ', "_")
        ),
        None => format!("{KECAMATAN_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax{secure}"),
    };
    if let Ok(v) = http::HeaderValue::from_str(&cookie) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

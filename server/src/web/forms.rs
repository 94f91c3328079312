//! The one way a plain HTML form reaches a server function.
//!
//! Every form on a page posts to that page's own address. Here each such
//! address names the `#[server]` function that handles it; the adapter
//! reads the form, calls that function exactly as its API endpoint would
//! (same input type, same context: who is asking, the response options),
//! and turns its typed result into what a browser without JavaScript
//! needs:
//! - accepted: `303 See Other` to the result's [`Landing`] (post/redirect/get),
//!   with the cookies the function set;
//! - not signed in: `303` to the sign-in page, coming back here afterwards;
//! - refused: the same page rendered again with the messages and what was
//!   typed (passwords excepted), with the status that says why (400, 401,
//!   403, 404, 409, 422, 429 with `Retry-After`, 503).
//!
//! No rule and no authorization check lives here: those are in the server
//! function and the domain, so a form and a script go through one door.

use app::{
    api::{
        account::{ChangePassword, DeleteAddress, Register, SaveAddress, SignIn, SignOut},
        admin::DecideShop,
        cart::{AcceptCart, AddToCart, RemoveFromCart, SetQuantity},
        city::ChangeSettings,
        complaint::{FileComplaint, ReplyComplaint, ResolveComplaint},
        merchant::{
            ApplyShop, DuplicateProduct, OrderStep, QuickEdit, RemovePhoto, RemoveProduct,
            ResubmitProduct, SaveProduct, SetProductActive,
        },
        moderation::{BannedWord, ReviewProduct, TakeDownProduct},
        order::{
            BuyAgain, CancelOrder, Complain, ConfirmReceived, PayOrder, PlaceOrder, ReviewItem,
        },
        Landing,
    },
    components::FormReply,
    i18n::Locale,
    model::AppError,
    paths,
    server::AppState,
    shell,
};
use axum::{
    body::Body,
    extract::{RawPathParams, Request, State},
    http::{header, request::Parts, HeaderMap, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
    routing::{post, MethodRouter},
    Router,
};
use leptos::{
    prelude::provide_context,
    reactive::{computed::ScopedFuture, owner::Owner},
    server_fn::ServerFn,
};
use leptos_axum::ResponseOptions;
use std::collections::BTreeMap;

/// Form bodies are small; anything bigger is refused before parsing.
const FORM_LIMIT: usize = 64 * 1024;

/// Fields never sent back to the browser.
const SECRET_FIELDS: &[&str] = &["sandi", "sandi2", "lama", "baru", "baru2"];

type Fields = BTreeMap<String, String>;

/// Which page shows a refusal, given the form's fields (by default the
/// page the form was posted to).
type PageOf = fn(&Fields) -> Option<String>;

/// One form address and the server function behind it.
pub struct FormRoute {
    /// The axum path the form posts to (`/akun/alamat/{id}`).
    pub path: &'static str,
    /// The server function's own endpoint (`/api/akun/alamat`).
    pub server_fn: &'static str,
    handler: MethodRouter<AppState>,
}

/// The forms, by the page address they post to.
pub fn form_routes() -> Vec<FormRoute> {
    vec![
        form::<SignIn>(paths::SIGN_IN, None),
        form::<Register>(paths::REGISTER, None),
        form::<SignOut>(paths::SIGN_OUT, None),
        form::<ChangePassword>(paths::PASSWORD, None),
        form::<SaveAddress>(paths::ADDRESS_NEW, None),
        form::<SaveAddress>("/akun/alamat/{id}", None),
        form::<DeleteAddress>("/akun/alamat/{id}/hapus", None),
        // The product page's button; a refusal shows the product page again,
        // and a visitor signs in and finds the product in the cart.
        form_resuming::<AddToCart>(
            paths::CART_ADD,
            Some(|f| {
                let id = f.get("produk")?.trim().parse::<i64>().ok()?;
                Some(paths::product(id))
            }),
            Some(|f| {
                let id = f.get("produk")?.trim().parse::<i64>().ok()?;
                let qty = f.get("jumlah")?.trim().parse::<i64>().ok()?;
                Some(paths::cart_add_intent(id, qty))
            }),
        ),
        // The cart page's forms show the cart again.
        form::<SetQuantity>(paths::CART_SET, Some(|_| Some(paths::CART.into()))),
        form::<RemoveFromCart>(paths::CART_REMOVE, Some(|_| Some(paths::CART.into()))),
        form::<AcceptCart>(paths::CART_ACCEPT, Some(|_| Some(paths::CART.into()))),
        // Placing the order: a refusal shows the review again, priced afresh.
        form::<PlaceOrder>(paths::CHECKOUT_REVIEW, Some(review_page)),
        // A checkout's page and its buttons.
        form::<PayOrder>("/pesanan/{kode}/bayar", Some(order_page)),
        form::<CancelOrder>("/pesanan/{kode}/batal", Some(order_page)),
        form::<ConfirmReceived>("/pesanan/{kode}/terima", Some(order_page)),
        form::<Complain>("/pesanan/{kode}/komplain", Some(order_page)),
        form::<ReviewItem>("/pesanan/{kode}/ulas", Some(order_page)),
        form::<BuyAgain>("/pesanan/{kode}/beli-lagi", Some(order_page)),
        // The merchant's forms.
        form::<ApplyShop>(paths::MY_SHOP_APPLY, None),
        form::<SaveProduct>(paths::MY_PRODUCT_NEW, None),
        form::<SaveProduct>("/toko-saya/produk/{id}", None),
        form::<QuickEdit>(
            paths::MY_PRODUCT_QUICK,
            Some(|_| Some(paths::MY_PRODUCTS.into())),
        ),
        form::<SetProductActive>(
            "/toko-saya/produk/{id}/aktif",
            Some(|_| Some(paths::MY_PRODUCTS.into())),
        ),
        form::<DuplicateProduct>("/toko-saya/produk/{id}/salin", Some(my_product_page)),
        form::<RemoveProduct>("/toko-saya/produk/{id}/hapus", Some(my_product_page)),
        form::<ResubmitProduct>("/toko-saya/produk/{id}/ajukan", Some(my_product_page)),
        form::<RemovePhoto>(
            "/toko-saya/produk/{id}/foto/{foto}/hapus",
            Some(my_product_page),
        ),
        form::<OrderStep>(
            "/toko-saya/pesanan/{kode}/aksi",
            Some(|_| Some(paths::MY_ORDERS.into())),
        ),
        // The city's decision on a shop; a refusal shows the shop again.
        form::<DecideShop>("/admin/toko/{id}/keputusan", Some(admin_shop_page)),
        // The complaint desk: a refusal shows the page the form was on.
        form::<FileComplaint>(paths::COMPLAINTS, None),
        form::<ReplyComplaint>("/keluhan/{id}/balas", Some(complaint_page)),
        form::<ReplyComplaint>("/pesanan/{kode}/keluhan", Some(order_page)),
        form::<ReplyComplaint>("/admin/keluhan/{id}/balas", Some(admin_complaint_page)),
        form::<ResolveComplaint>("/admin/keluhan/{id}/putusan", Some(admin_complaint_page)),
        // The city's rules: a refusal shows the settings again.
        form::<ChangeSettings>(paths::ADMIN_SETTINGS, None),
        // Moderation: a takedown refused shows the product again; the
        // review and the banned words show the moderation page.
        form::<TakeDownProduct>("/produk/{id}/turunkan", Some(product_page)),
        form::<ReviewProduct>(
            "/admin/produk/{id}/tinjau",
            Some(|_| Some(paths::ADMIN_MODERATION.into())),
        ),
        form::<BannedWord>(
            paths::ADMIN_BANNED_WORDS,
            Some(|_| Some(paths::ADMIN_MODERATION.into())),
        ),
    ]
}

/// The public product page named by the form's `id`.
fn product_page(f: &Fields) -> Option<String> {
    Some(paths::product(f.get("id")?.trim().parse().ok()?))
}

/// The merchant's product page named by the form's `id`.
fn my_product_page(f: &Fields) -> Option<String> {
    Some(paths::my_product(f.get("id")?.trim().parse().ok()?))
}

/// The shop in the verification queue named by the form's `id`.
fn admin_shop_page(f: &Fields) -> Option<String> {
    Some(paths::admin_shop(f.get("id")?.trim().parse().ok()?))
}

/// The complaint named by the form's `id`.
fn complaint_page(f: &Fields) -> Option<String> {
    Some(paths::complaint(f.get("id")?.trim().parse().ok()?))
}

/// The complaint at the city's desk named by the form's `id`.
fn admin_complaint_page(f: &Fields) -> Option<String> {
    Some(paths::admin_complaint(f.get("id")?.trim().parse().ok()?))
}

/// The checkout page named by the form's `kode`.
fn order_page(f: &Fields) -> Option<String> {
    Some(paths::order(f.get("kode")?.trim()))
}

/// The review page with the choices the form carried.
fn review_page(f: &Fields) -> Option<String> {
    let mut q: Vec<(String, String)> = Vec::new();
    for (k, v) in f {
        if k == "alamat" || k == "bayar" || (k.starts_with("kirim[") && k.ends_with(']')) {
            q.push((k.clone(), v.clone()));
        }
    }
    let qs = serde_urlencoded::to_string(&q).ok()?;
    Some(format!("{}?{qs}", paths::CHECKOUT_REVIEW))
}

/// Adds the form routes to a router whose pages answer GET at the same paths.
pub fn add_routes(router: Router<AppState>) -> Router<AppState> {
    form_routes().into_iter().fold(router, |r, f| {
        tracing::debug!(form = f.path, server_fn = f.server_fn, "form route");
        r.route(f.path, f.handler)
    })
}

/// A form at `path` handled by the server function `S`.
fn form<S>(path: &'static str, page_of: Option<PageOf>) -> FormRoute
where
    S: ServerFn<Error = AppError> + serde::de::DeserializeOwned + 'static,
    S::Output: Landing + 'static,
{
    form_resuming::<S>(path, page_of, None)
}

/// A form whose visitor, asked to sign in, continues at `resumes` (an
/// intent the sign-in completes) instead of the page.
fn form_resuming<S>(
    path: &'static str,
    page_of: Option<PageOf>,
    resumes: Option<PageOf>,
) -> FormRoute
where
    S: ServerFn<Error = AppError> + serde::de::DeserializeOwned + 'static,
    S::Output: Landing + 'static,
{
    FormRoute {
        path,
        server_fn: S::PATH,
        handler: post(
            move |State(state): State<AppState>, params: RawPathParams, req: Request| {
                adapt::<S>(state, params, req, page_of, resumes)
            },
        ),
    }
}

async fn adapt<S>(
    state: AppState,
    params: RawPathParams,
    req: Request,
    page_of: Option<PageOf>,
    resumes: Option<PageOf>,
) -> Response
where
    S: ServerFn<Error = AppError> + serde::de::DeserializeOwned + 'static,
    S::Output: Landing + 'static,
{
    let (mut parts, body) = req.into_parts();
    let t = Locale::of_request(&parts.headers).texts();
    let Ok(bytes) = axum::body::to_bytes(body, FORM_LIMIT).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, t.form_too_big).into_response();
    };
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes) else {
        return (StatusCode::BAD_REQUEST, t.form_unreadable).into_response();
    };
    let typed: Fields = pairs.into_iter().collect();
    // The address names the record (`/akun/alamat/{id}`): it wins over a
    // field of the same name.
    let mut fields = typed.clone();
    for (k, v) in params.iter() {
        fields.insert(k.to_string(), v.to_string());
    }
    // The page that shows a refusal, and where to come back after sign-in.
    if let Some(page) = page_of.and_then(|f| f(&fields)) {
        if let Ok(uri) = page.parse() {
            parts.uri = uri;
        }
    }
    let here = parts.uri.path().to_string();
    let resume = resumes
        .and_then(|f| f(&fields))
        .unwrap_or_else(|| here.clone());

    // The same decoding the server function's endpoint uses.
    let input = serde_urlencoded::to_string(&fields).ok().and_then(|qs| {
        serde_qs::Config::new(5, false)
            .deserialize_str::<S>(&qs)
            .ok()
    });
    let (result, response_parts) = match input {
        Some(input) => run(&state, &parts, input).await,
        None => (
            Err(AppError::BadRequest(t.error_bad_request.into())),
            HeaderMap::new(),
        ),
    };
    let mut res = match result {
        Ok(done) => see_other(&done.landing()),
        Err(AppError::NotSignedIn) => see_other(&paths::sign_in_then(&resume)),
        Err(e) => refused(&state, parts, e, typed).await,
    };
    // Cookies and other headers the function set (a new session, …).
    for (name, value) in response_parts.iter() {
        if name == header::SET_COOKIE {
            res.headers_mut().append(name.clone(), value.clone());
        } else {
            res.headers_mut().insert(name.clone(), value.clone());
        }
    }
    res
}

/// Runs the server function with what its endpoint would give it: the
/// request (who is asking), fresh response options and the app state.
async fn run<S>(
    state: &AppState,
    parts: &Parts,
    input: S,
) -> (Result<S::Output, AppError>, HeaderMap)
where
    S: ServerFn<Error = AppError> + 'static,
{
    let response = ResponseOptions::default();
    // A root: `Owner::new()` would hang this call under whatever owner the
    // worker thread ran last (another request's), and contexts not provided
    // here would be found there.
    let owner = Owner::new_root(None);
    let result = {
        let (parts, response, state) = (parts.clone(), response.clone(), state.clone());
        owner
            .with(|| {
                ScopedFuture::new(async move {
                    provide_context(parts);
                    provide_context(response);
                    provide_context(state);
                    input.run_body().await
                })
            })
            .await
    };
    let headers = response
        .0
        .read()
        .map(|p| p.headers.clone())
        .unwrap_or_default();
    (result, headers)
}

/// `303 See Other` to `location`.
pub(crate) fn see_other(location: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// Renders the page at the request's path again, with the error's messages
/// and the typed values.
pub(crate) async fn refused(
    state: &AppState,
    mut parts: Parts,
    e: AppError,
    mut typed: Fields,
) -> Response {
    typed.retain(|k, _| !SECRET_FIELDS.contains(&k.as_str()));
    let t = Locale::of_request(&parts.headers).texts();
    let status = e.status();
    let (errors, retry_after) = match &e {
        AppError::Refused(r) => (r.fields.clone(), r.retry_after),
        _ => Default::default(),
    };
    let reply = FormReply {
        status,
        message: Some(e.message_in(t)),
        errors,
        values: typed,
    };
    parts.method = Method::GET;
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    let req = Request::from_parts(parts, Body::empty());
    let (app_state, options) = (state.clone(), state.leptos_options.clone());
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(app_state.clone());
            provide_context(reply.clone());
        },
        move || shell(options.clone()),
    );
    let mut res = render(req).await;
    if let Ok(code) = StatusCode::from_u16(status) {
        *res.status_mut() = code;
    }
    if let Some(secs) = retry_after {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    res
}

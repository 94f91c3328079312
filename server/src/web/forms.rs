//! The form endpoints. Every form on a page posts to that page's own URL.
//! Accepted: `303 See Other` onwards (post/redirect/get). Refused: the same
//! page rendered again with the messages and what was typed (passwords
//! excepted), with the status that says why (401, 403, 404, 409, 422, 429
//! with `Retry-After`).
//!
//! Each handler checks who is asking before anything else.

use app::{
    components::FormReply,
    i18n::{fill, Locale},
    model::{safe_next, url_path_of, AddressForm, Role, Viewer},
    server::{
        accounts::{Client, RegisterForm, Rejection},
        session::ClientIp,
        store::CartRefusal,
        AppState,
    },
    shell,
};
use axum::{
    body::Body,
    extract::{Path, Request, State},
    http::{header, request::Parts, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
    routing::{post, MethodRouter},
    Router,
};
use leptos::prelude::provide_context;
use std::collections::BTreeMap;

/// Form bodies are small; anything bigger is refused before parsing.
const FORM_LIMIT: usize = 64 * 1024;

/// Fields never sent back to the browser.
const SECRET_FIELDS: &[&str] = &["sandi", "sandi2", "lama", "baru", "baru2"];

type Fields = BTreeMap<String, String>;

/// The form endpoints (all POST), by axum path.
pub fn form_routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/masuk", post(sign_in)),
        ("/daftar", post(register)),
        ("/keluar", post(sign_out)),
        ("/akun/sandi", post(change_password)),
        ("/akun/alamat/baru", post(new_address)),
        ("/akun/alamat/{id}", post(edit_address)),
        ("/akun/alamat/{id}/hapus", post(delete_address)),
        ("/keranjang/tambah", post(add_to_cart)),
    ]
}

/// Adds the form routes to a router whose pages answer GET at the same paths.
pub fn add_routes(router: Router<AppState>) -> Router<AppState> {
    form_routes()
        .into_iter()
        .fold(router, |r, (path, handler)| r.route(path, handler))
}

async fn read_form(parts: &Parts, body: Body) -> Result<Fields, Response> {
    let t = Locale::of_request(&parts.headers).texts();
    let bytes = axum::body::to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| (StatusCode::PAYLOAD_TOO_LARGE, t.form_too_big).into_response())?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
        .map_err(|_| (StatusCode::BAD_REQUEST, t.form_unreadable).into_response())?;
    Ok(pairs.into_iter().collect())
}

fn field<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.get(name).map(String::as_str).unwrap_or("")
}

/// The fields as a typed form. Missing fields take their defaults, so the
/// form's own validation reports them.
fn typed_form<T: serde::de::DeserializeOwned + Default>(f: &Fields) -> T {
    serde_urlencoded::to_string(f)
        .ok()
        .and_then(|s| serde_urlencoded::from_str(&s).ok())
        .unwrap_or_default()
}

fn client(state: &AppState, parts: &Parts) -> Client {
    Client {
        ip: parts
            .extensions
            .get::<ClientIp>()
            .map(|c| c.0.clone())
            .unwrap_or_else(|| "unknown".into()),
        user_agent: parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        token: state.sessions.token_from(&parts.headers),
        now: chrono::Utc::now(),
        t: Locale::of_request(&parts.headers).texts(),
    }
}

/// `303 See Other` to `location`, optionally setting a cookie.
fn see_other(location: &str, cookie: Option<String>) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    if let Some(c) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

/// Not signed in: to the sign-in page, coming back to `back` afterwards.
fn to_sign_in(back: &str) -> Response {
    see_other(
        &format!("/masuk?lanjut={}", app::components::url_encode(back)),
        None,
    )
}

/// Renders the page at the request's path again, with `r`'s messages and
/// the typed values.
async fn refused(state: &AppState, mut parts: Parts, r: Rejection, mut typed: Fields) -> Response {
    typed.retain(|k, _| !SECRET_FIELDS.contains(&k.as_str()));
    let t = Locale::of_request(&parts.headers).texts();
    let message = match r.message {
        None if r.status >= 500 => Some(t.error_internal.to_string()),
        m => m,
    };
    let reply = FormReply {
        status: r.status,
        message,
        errors: r.fields,
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
    if let Ok(code) = StatusCode::from_u16(r.status) {
        *res.status_mut() = code;
    }
    if let Some(secs) = r.retry_after {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    res
}

fn viewer(parts: &Parts) -> Option<Viewer> {
    parts.extensions.get::<Viewer>().cloned()
}

fn forbidden(parts: &Parts) -> Rejection {
    Rejection {
        status: 403,
        message: Some(
            Locale::of_request(&parts.headers)
                .texts()
                .error_forbidden
                .into(),
        ),
        ..Default::default()
    }
}

/// `POST /masuk`: sign in, then on to `lanjut`.
async fn sign_in(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let f = match read_form(&parts, body).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let c = client(&state, &parts);
    match state
        .accounts()
        .sign_in(field(&f, "id"), field(&f, "sandi"), &c)
        .await
    {
        Ok(s) => see_other(
            &safe_next(f.get("lanjut").map(String::as_str)),
            Some(state.sessions.set_cookie(&s.token)),
        ),
        Err(r) => refused(&state, parts, r, f).await,
    }
}

/// `POST /daftar`: create the account and sign it in.
async fn register(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let f = match read_form(&parts, body).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let form: RegisterForm = typed_form(&f);
    let c = client(&state, &parts);
    match state.accounts().register(&form, &c).await {
        Ok(s) => {
            let next = safe_next(f.get("lanjut").map(String::as_str));
            let next = if url_path_of(&next) == "/akun" {
                "/akun?ok=daftar".to_string()
            } else {
                next
            };
            see_other(&next, Some(state.sessions.set_cookie(&s.token)))
        }
        Err(r) => refused(&state, parts, r, f).await,
    }
}

/// `POST /keluar`: end this session (the cookie stops working everywhere).
async fn sign_out(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let c = client(&state, &parts);
    match state.accounts().sign_out(&c).await {
        Ok(()) => see_other("/masuk?keluar=1", Some(state.sessions.clear_cookie())),
        Err(r) => refused(&state, parts, r, Fields::new()).await,
    }
}

/// `POST /akun/sandi`: change password; every session ends, this one restarts.
async fn change_password(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let Some(v) = viewer(&parts) else {
        return to_sign_in("/akun/sandi");
    };
    let f = match read_form(&parts, body).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let c = client(&state, &parts);
    match state
        .accounts()
        .change_password(
            &v,
            field(&f, "lama"),
            field(&f, "baru"),
            field(&f, "baru2"),
            &c,
        )
        .await
    {
        Ok(s) => see_other("/akun?ok=sandi", Some(state.sessions.set_cookie(&s.token))),
        Err(r) => refused(&state, parts, r, f).await,
    }
}

/// Why a request may not go on.
enum Denied {
    /// Nobody is signed in.
    SignIn,
    /// Signed in, but not as a buyer.
    NotBuyer,
}

/// The signed-in buyer (ASN or umum).
fn buyer(parts: &Parts) -> Result<Viewer, Denied> {
    match viewer(parts) {
        None => Err(Denied::SignIn),
        Some(v) if matches!(v.role, Role::Asn | Role::Umum) => Ok(v),
        Some(_) => Err(Denied::NotBuyer),
    }
}

/// The response for a denied request: sign in (and come back to `back`), or 403.
async fn denied(state: &AppState, parts: Parts, why: Denied, back: &str) -> Response {
    match why {
        Denied::SignIn => to_sign_in(back),
        Denied::NotBuyer => {
            let r = forbidden(&parts);
            refused(state, parts, r, Fields::new()).await
        }
    }
}

async fn save_address(state: AppState, req: Request, id: Option<i64>, back: &str) -> Response {
    let (parts, body) = req.into_parts();
    let v = match buyer(&parts) {
        Ok(v) => v,
        Err(why) => return denied(&state, parts, why, back).await,
    };
    let f = match read_form(&parts, body).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let form: AddressForm = typed_form(&f);
    let c = client(&state, &parts);
    match state.accounts().save_address(&v, id, &form, &c).await {
        Ok(_) => see_other("/akun?ok=alamat", None),
        Err(r) => refused(&state, parts, r, f).await,
    }
}

/// `POST /akun/alamat/baru`: add a delivery address.
async fn new_address(State(state): State<AppState>, req: Request) -> Response {
    save_address(state, req, None, "/akun/alamat/baru").await
}

/// `POST /akun/alamat/{id}`: change one of the buyer's own addresses.
async fn edit_address(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let back = format!("/akun/alamat/{id}");
    match id.parse::<i64>() {
        Ok(id) => save_address(state, req, Some(id), &back).await,
        Err(_) => {
            let (parts, _) = req.into_parts();
            let r = Rejection {
                status: 404,
                ..Default::default()
            };
            refused(&state, parts, r, Fields::new()).await
        }
    }
}

/// `POST /akun/alamat/{id}/hapus`: delete one of the buyer's own addresses.
async fn delete_address(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let v = match buyer(&parts) {
        Ok(v) => v,
        Err(why) => return denied(&state, parts, why, "/akun").await,
    };
    let c = client(&state, &parts);
    let result = match id.parse::<i64>() {
        Ok(id) => state.accounts().delete_address(&v, id, &c).await,
        Err(_) => Err(Rejection {
            status: 404,
            ..Default::default()
        }),
    };
    match result {
        Ok(()) => see_other("/akun?ok=hapus", None),
        Err(r) => refused(&state, parts, r, Fields::new()).await,
    }
}

/// `POST /keranjang/tambah` (`produk`, `jumlah`): put a product in the
/// buyer's cart. Refusals show the product page again.
async fn add_to_cart(State(state): State<AppState>, req: Request) -> Response {
    let (mut parts, body) = req.into_parts();
    let f = match read_form(&parts, body).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let product = field(&f, "produk").trim().parse::<i64>().ok();
    let back = product.map_or_else(|| "/".to_string(), |id| format!("/produk/{id}"));
    if let Ok(uri) = back.parse() {
        parts.uri = uri;
    }
    let v = match buyer(&parts) {
        Ok(v) => v,
        Err(why) => return denied(&state, parts, why, &back).await,
    };
    let t = Locale::of_request(&parts.headers).texts();
    let not_for_sale = || Rejection {
        status: 404,
        message: Some(t.not_for_sale.into()),
        ..Default::default()
    };
    let Some(product) = product else {
        return refused(&state, parts, not_for_sale(), f).await;
    };
    let qty_error = |status: u16, msg: String| {
        let mut fields = app::model::FieldErrors::new();
        fields.insert("jumlah".into(), msg.clone());
        Rejection {
            status,
            message: Some(msg),
            fields,
            retry_after: None,
        }
    };
    let qty = match field(&f, "jumlah").trim().parse::<i64>() {
        Ok(q) if (1..=999).contains(&q) => q,
        _ => {
            let r = qty_error(422, t.quantity_range.into());
            return refused(&state, parts, r, f).await;
        }
    };
    let r = match state
        .store
        .add_to_cart(v.id, product, qty, chrono::Utc::now())
        .await
    {
        Ok(Ok(in_cart)) => {
            return see_other(&format!("{back}?ok=keranjang&jumlah={in_cart}"), None)
        }
        Ok(Err(CartRefusal::NotForSale)) => not_for_sale(),
        Ok(Err(CartRefusal::NotEnoughStock { can_add: 0 })) => {
            qty_error(409, t.stock_all_in_cart.into())
        }
        Ok(Err(CartRefusal::NotEnoughStock { can_add })) => {
            qty_error(409, fill(t.stock_can_add, &[("n", &can_add)]))
        }
        Err(e) => {
            tracing::error!(error = %e, "add to cart failed");
            Rejection {
                status: 500,
                ..Default::default()
            }
        }
    };
    refused(&state, parts, r, f).await
}

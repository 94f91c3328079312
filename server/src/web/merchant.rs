//! The merchant's routes that are not plain forms: photo uploads
//! (multipart), the inbox's live event stream (server-sent events), the
//! ledger as CSV, and where the installed app opens.
//!
//! Each checks who is asking exactly as a server function does
//! ([`app::domain::access`]) and looks the shop up by its owner, so a
//! forged product id of another shop is "not found".

use super::forms::{refused, see_other};
use app::{
    domain::access::{authorize, Action, Denied},
    i18n::{Locale, Texts},
    model::{merchant::PHOTOS_MAX, AppError, Photo, Refusal, Role, Viewer},
    paths,
    server::{
        media::{process, PhotoError, MAX_UPLOAD_BYTES},
        store::{MyShop, PhotoRefusal},
        AppState,
    },
};
use axum::{
    extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State},
    http::{header, request::Parts, HeaderMap, StatusCode},
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
    routing::{get, post},
    Router,
};
use chrono::Utc;
use std::{collections::VecDeque, convert::Infallible, time::Duration};

/// Room for the multipart framing around one photo.
const FRAMING: usize = 64 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/toko-saya/produk/{id}/foto",
            post(product_photo).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + FRAMING)),
        )
        .route(
            paths::MY_SHOP_PHOTO,
            post(shop_photo).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES + FRAMING)),
        )
        .route(paths::MY_ORDERS_LIVE, get(live))
        .route(paths::MY_LEDGER_CSV, get(ledger_csv))
        .route(paths::START, get(start))
}

/// Who is asking, if they may sell; otherwise the response to give.
async fn merchant(state: &AppState, parts: &Parts) -> Result<(Viewer, MyShop), Response> {
    let t = Locale::of_request(&parts.headers).texts();
    let viewer = parts.extensions.get::<Viewer>().cloned();
    match authorize(viewer.as_ref(), Action::Sell) {
        Ok(()) => {}
        Err(Denied::SignIn) => return Err(see_other(&paths::sign_in_then(parts.uri.path()))),
        Err(Denied::Forbidden) => {
            return Err((StatusCode::FORBIDDEN, t.error_forbidden).into_response())
        }
    }
    let v = viewer.expect("authorized");
    match state.store.shop_of_owner(v.id).await {
        Ok(Some(shop)) => Ok((v, shop)),
        Ok(None) => Err((StatusCode::CONFLICT, t.shop_apply_first).into_response()),
        Err(e) => {
            tracing::error!(error = %e, "shop lookup");
            Err((StatusCode::INTERNAL_SERVER_ERROR, t.error_internal).into_response())
        }
    }
}

/// Why an upload was refused, as the page shows it.
fn photo_refusal(e: PhotoError, t: &Texts) -> AppError {
    let (status, msg) = match e {
        PhotoError::TooLarge => (413, t.photo_too_large),
        PhotoError::NotAnImage => (415, t.photo_not_image),
        PhotoError::TooManyPixels => (422, t.photo_too_many_pixels),
        PhotoError::Unreadable => (422, t.photo_unreadable),
    };
    Refusal::field("foto", msg, t).with_status(status).into()
}

/// Reads the `foto` field of a multipart body, counting bytes as they
/// arrive: past [`MAX_UPLOAD_BYTES`] it stops reading and refuses.
async fn read_photo(
    state: &AppState,
    parts: &Parts,
    body: axum::body::Body,
) -> Result<Vec<u8>, PhotoError> {
    let req = Request::from_parts(parts.clone(), body);
    let mut form = Multipart::from_request(req, state)
        .await
        .map_err(|_| PhotoError::Unreadable)?;
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return Err(PhotoError::NotAnImage),
            Err(e) => return Err(too_large_or(e)),
        };
        if field.name() != Some("foto") {
            continue;
        }
        let mut field = field;
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                        return Err(PhotoError::TooLarge);
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Err(too_large_or(e)),
            }
        }
        if bytes.is_empty() {
            return Err(PhotoError::NotAnImage);
        }
        return Ok(bytes);
    }
}

fn too_large_or(e: axum::extract::multipart::MultipartError) -> PhotoError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        PhotoError::TooLarge
    } else {
        PhotoError::Unreadable
    }
}

/// Runs the upload; a refusal shows `page` again with the message.
async fn upload(
    state: &AppState,
    parts: Parts,
    body: axum::body::Body,
    page: String,
    save: impl AsyncFnOnce(&str, &Photo) -> Result<String, AppError>,
) -> Response {
    let t = Locale::of_request(&parts.headers).texts();
    let mut page_parts = parts.clone();
    if let Ok(uri) = page.parse() {
        page_parts.uri = uri;
    }
    let fail = async |e: AppError| refused(state, page_parts.clone(), e, Default::default()).await;
    let bytes = match read_photo(state, &parts, body).await {
        Ok(b) => b,
        Err(e) => return fail(photo_refusal(e, t)).await,
    };
    let (key, photo) = match tokio::task::spawn_blocking(move || process(&bytes)).await {
        Ok(Ok(variants)) => match state.media.put_variants(&variants).await {
            Ok((key, w, h)) => (
                key.clone(),
                Photo {
                    url: format!("/media/{key}"),
                    width: w.into(),
                    height: h.into(),
                    srcset: None,
                },
            ),
            Err(e) => {
                tracing::error!(error = %e, "storing photo variants");
                return fail(AppError::Internal).await;
            }
        },
        Ok(Err(e)) => return fail(photo_refusal(e, t)).await,
        Err(_) => return fail(AppError::Internal).await,
    };
    match save(&key, &photo).await {
        Ok(next) => see_other(&next),
        Err(e) => {
            // Nothing refers to the stored variants: remove them.
            state.media.delete_variants(&key).await;
            fail(e).await
        }
    }
}

/// `POST /toko-saya/produk/{id}/foto`: adds a photo to one of the shop's products.
async fn product_photo(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let t = Locale::of_request(&parts.headers).texts();
    let (_, shop) = match merchant(&state, &parts).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let page = paths::my_product(id);
    if shop.status == "suspended" {
        return refused(
            &state,
            parts,
            Refusal::message(403, t.shop_suspended_no_change).into(),
            Default::default(),
        )
        .await;
    }
    let store = state.store.clone();
    upload(
        &state,
        parts,
        body,
        page,
        async |key: &str, photo: &Photo| match store
            .add_product_photo(shop.id, id, photo, key, PHOTOS_MAX)
            .await
        {
            Ok(Ok(())) => Ok(format!("{}?ok=foto#foto", paths::my_product(id))),
            Ok(Err(PhotoRefusal::NotFound)) => {
                Err(Refusal::message(404, t.product_not_found).into())
            }
            // The upload field is gone at five photos: a message for the page.
            Ok(Err(PhotoRefusal::TooMany)) => Err(Refusal::message(409, t.photos_full).into()),
            Err(e) => Err(e.into()),
        },
    )
    .await
}

/// `POST /toko-saya/foto`: the shop's photo.
async fn shop_photo(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let t = Locale::of_request(&parts.headers).texts();
    let (_, shop) = match merchant(&state, &parts).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    if shop.status == "suspended" {
        return refused(
            &state,
            parts,
            Refusal::message(403, t.shop_suspended_no_change).into(),
            Default::default(),
        )
        .await;
    }
    let (store, media, old) = (
        state.store.clone(),
        state.media.clone(),
        shop.photo_key.clone(),
    );
    upload(
        &state,
        parts,
        body,
        paths::MY_SHOP_APPLY.into(),
        async |key: &str, _: &Photo| {
            store
                .set_shop_photo(shop.id, key)
                .await
                .map_err(AppError::from)?;
            if let Some(old) = old {
                media.delete_variants(&old).await;
            }
            Ok(format!("{}?ok=foto-toko", paths::MY_SHOP))
        },
    )
    .await
}

#[derive(serde::Deserialize)]
struct LiveQuery {
    setelah: Option<i64>,
}

/// `GET /toko-saya/pesanan/langsung`: the shop's events as server-sent
/// events, from after `Last-Event-ID` (a reconnecting browser) or
/// `?setelah=` (the page's newest), else from now.
async fn live(State(state): State<AppState>, Query(q): Query<LiveQuery>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let (_, shop) = match merchant(&state, &parts).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let resume = last_event_id(&parts.headers).or(q.setelah);
    let store = state.store.clone();
    let after = match resume {
        Some(id) => id,
        None => match store.last_shop_event(shop.id).await {
            Ok(id) => id,
            Err(e) => {
                tracing::error!(error = %e, "event stream start");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
    };
    let pings = match store.subscribe_pings().await {
        Ok(rx) => rx,
        Err(e) => {
            tracing::error!(error = %e, "event stream subscribe");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let shop_id = shop.id;
    let stream = futures::stream::unfold(
        (store, after, pings, VecDeque::new()),
        move |(store, mut after, mut pings, mut queue)| async move {
            loop {
                if let Some(ev) = queue.pop_front() {
                    let ev: app::server::store::ShopEvent = ev;
                    after = ev.id;
                    let data = serde_json::to_string(&ev).unwrap_or_default();
                    let event = Event::default().id(ev.id.to_string()).data(data);
                    return Some((Ok::<_, Infallible>(event), (store, after, pings, queue)));
                }
                match store.shop_events(shop_id, after, 100).await {
                    Ok(evs) if !evs.is_empty() => {
                        queue.extend(evs);
                        continue;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "event stream read");
                        tokio::time::sleep(Duration::from_secs(2)).await;
                        continue;
                    }
                }
                // Wait for a ping for this shop (0: everybody look again).
                // Every 30 s the stream looks anyway, in case a ping was lost.
                let wait = async {
                    loop {
                        match pings.recv().await {
                            Ok(s) if s == shop_id || s == 0 => return true,
                            Ok(_) => continue,
                            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                                return true
                            }
                            Err(tokio::sync::broadcast::error::RecvError::Closed) => return false,
                        }
                    }
                };
                match tokio::time::timeout(Duration::from_secs(30), wait).await {
                    Ok(false) => return None,
                    Ok(true) | Err(_) => continue,
                }
            }
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

fn last_event_id(headers: &HeaderMap) -> Option<i64> {
    headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// A cell a spreadsheet could take for a formula gets a leading `'`.
pub(crate) fn safe_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// `GET /toko-saya/buku-kas.csv`: the shop's whole ledger.
async fn ledger_csv(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let (_, shop) = match merchant(&state, &parts).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let lines = match state.store.ledger(shop.id, 1_000_000).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %e, "ledger export");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "tanggal_wib",
        "jenis",
        "pesanan",
        "jumlah_rp",
        "tunai",
        "catatan",
    ]);
    for l in lines {
        let _ = w.write_record([
            app::model::format_wib(l.created_at),
            l.kind.clone(),
            safe_cell(&l.order_code.unwrap_or_default()),
            l.amount.to_string(),
            if l.cash { "ya".into() } else { "tidak".into() },
            safe_cell(&l.note.unwrap_or_default()),
        ]);
    }
    let body = w.into_inner().unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"buku-kas-{}-{}.csv\"",
                    shop.slug,
                    Utc::now().format("%Y%m%d")
                ),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// `GET /mulai`: where the installed app opens: a merchant's inbox, else
/// the home page.
async fn start(req: Request) -> Response {
    let merchant = req
        .extensions()
        .get::<Viewer>()
        .is_some_and(|v| v.role == Role::Merchant);
    see_other(if merchant {
        paths::MY_ORDERS
    } else {
        paths::HOME
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn spreadsheet_formulas_are_neutralised() {
        assert_eq!(super::safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(super::safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::safe_cell("PKN-261201-00001-1"), "PKN-261201-00001-1");
    }
}

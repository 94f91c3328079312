//! The payment gateway's side of Peken: the webhook a gateway calls, and
//! the sandbox gateway's own payment page (on in the demo, off unless
//! configured in production).
//!
//! The sandbox's "Bayar" / "Gagal" buttons send the webhook exactly as a
//! gateway does: a JSON body with the event id, reference, status, amount
//! and a timestamp, signed with HMAC-SHA256 over the raw bytes in the
//! `X-Peken-Signature` header. They hand those bytes to the same handler
//! the HTTP endpoint uses (in process: the sandbox is part of Peken), so
//! the signature, age, replay and amount checks are the ones a real
//! gateway's call goes through.

use app::{
    domain::payment::ChargeStatus,
    i18n::Locale,
    model::format_rupiah,
    paths,
    server::{
        payments::{qr_svg, receive, signed_event, WebhookReply, SIGNATURE_HEADER},
        AppState,
    },
};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
    Form, Router,
};
use chrono::Utc;

/// The webhook's path (give it to the gateway).
pub const WEBHOOK: &str = "/api/pembayaran/notifikasi";

pub fn routes() -> Router<AppState> {
    Router::new().route(WEBHOOK, post(webhook)).route(
        "/sandbox/bayar/{gateway_ref}",
        get(sandbox_page).post(sandbox_send),
    )
}

/// `POST /api/pembayaran/notifikasi`: a gateway reports a charge.
async fn webhook(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(gateway) = state.payments.gateway.clone() else {
        return (StatusCode::NOT_FOUND, "payments are off\n").into_response();
    };
    let sig = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    let reply = receive(
        &state.store,
        gateway.webhook_secret(),
        sig,
        &body,
        Utc::now(),
    )
    .await;
    answer(reply)
}

fn answer(reply: WebhookReply) -> Response {
    let status = StatusCode::from_u16(reply.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        format!("{{\"result\":\"{}\"}}\n", reply.reason()),
    )
        .into_response()
}

/// A sandbox reference: `SBX-` and 32 hex digits.
fn valid_ref(r: &str) -> bool {
    r.strip_prefix("SBX-")
        .is_some_and(|h| h.len() == 32 && h.chars().all(|c| c.is_ascii_hexdigit()))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `GET /sandbox/bayar/<ref>`: the gateway's payment page.
async fn sandbox_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(gateway_ref): Path<String>,
) -> Response {
    let t = Locale::of_request(&headers).texts();
    if state.payments.gateway.is_none() || !valid_ref(&gateway_ref) {
        return html(
            StatusCode::NOT_FOUND,
            page(
                &state,
                t.not_found_title,
                &format!("<p>{}</p>", t.not_found_text),
            ),
        );
    }
    let found = match state.store.charge_by_ref(&gateway_ref).await {
        Ok(f) => f,
        Err(e) => {
            tracing::error!(error = %e, "sandbox payment lookup failed");
            return html(
                StatusCode::SERVICE_UNAVAILABLE,
                page(&state, t.error_title, ""),
            );
        }
    };
    let Some(charge) = found else {
        return html(
            StatusCode::NOT_FOUND,
            page(
                &state,
                t.not_found_title,
                &format!("<p>{}</p>", t.not_found_text),
            ),
        );
    };
    let (status, amount, code) = (charge.status, charge.amount, charge.group_code);
    // This charge's own code (a retried payment has a new one).
    let how = match (charge.method.as_str(), &charge.pay_code) {
        ("qris", Some(p)) => format!(
            "<p>{}</p><div class=\"qr\" role=\"img\" aria-label=\"QRIS\">{}</div>",
            t.sandbox_scan,
            qr_svg(p).unwrap_or_default()
        ),
        (_, Some(va)) => format!(
            "<p>{}</p><p class=\"va\"><strong>{}</strong></p>",
            t.sandbox_va,
            escape(va)
        ),
        _ => String::new(),
    };
    let open = status == "pending" || status == "failed";
    let buttons = if open {
        format!(
            "<form method=\"post\" class=\"sandbox-actions\">\
             <button class=\"btn primary\" name=\"hasil\" value=\"bayar\">{}</button>\
             <button class=\"btn\" name=\"hasil\" value=\"gagal\">{}</button></form>",
            t.sandbox_pay, t.sandbox_fail
        )
    } else {
        format!("<p class=\"alert ok\">{}</p>", t.sandbox_done)
    };
    let body = format!(
        "<p class=\"sandbox-note\">{}</p><dl class=\"totals\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>{how}{buttons}\
         <p><a href=\"{}\">{}</a></p>",
        t.sandbox_note,
        t.order_code_label,
        escape(&code),
        t.amount_to_pay,
        format_rupiah(amount),
        paths::order(&code),
        t.back_to_order,
    );
    html(StatusCode::OK, page(&state, t.sandbox_title, &body))
}

/// The gateway's pages run no script at all.
fn html(status: StatusCode, page: String) -> Response {
    (
        status,
        [(
            header::CONTENT_SECURITY_POLICY,
            app::server::security::DEFAULT_CSP,
        )],
        Html(page),
    )
        .into_response()
}

fn page(state: &AppState, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} — Peken</title><link rel=\"stylesheet\" href=\"{}\"></head>\
         <body><main id=\"isi\" class=\"sandbox-page\"><h1>{}</h1>{body}</main></body></html>",
        escape(title),
        escape(&state.assets.css),
        escape(title)
    )
}

#[derive(serde::Deserialize)]
struct SandboxForm {
    #[serde(default)]
    hasil: String,
}

/// `POST /sandbox/bayar/<ref>`: the buyer pressed "Bayar" or "Gagal"; the
/// sandbox sends the signed webhook, then returns the buyer to the order.
async fn sandbox_send(
    State(state): State<AppState>,
    Path(gateway_ref): Path<String>,
    Form(form): Form<SandboxForm>,
) -> Response {
    let Some(gateway) = state.payments.gateway.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !valid_ref(&gateway_ref) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let status = match form.hasil.as_str() {
        "bayar" => ChargeStatus::Paid,
        "gagal" => ChargeStatus::Failed,
        _ => return StatusCode::BAD_REQUEST.into_response(),
    };
    let Ok(Some(charge)) = state.store.charge_by_ref(&gateway_ref).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (amount, code) = (charge.amount, charge.group_code);
    let event_id = format!("evt_{}", hex_id());
    let (body, sig) = signed_event(
        gateway.webhook_secret(),
        &event_id,
        &gateway_ref,
        &code,
        status,
        amount,
        Utc::now(),
    );
    let reply = receive(
        &state.store,
        gateway.webhook_secret(),
        Some(&sig),
        &body,
        Utc::now(),
    )
    .await;
    tracing::info!(event = %event_id, reply = reply.reason(), "sandbox webhook sent");
    let ok = match (reply, status) {
        (WebhookReply::Accepted, ChargeStatus::Paid) => "bayar",
        (WebhookReply::Accepted, ChargeStatus::Failed) => "bayar-gagal",
        _ => "bayar-ditolak",
    };
    Redirect::to(&format!("{}?ok={ok}", paths::order(&code))).into_response()
}

fn hex_id() -> String {
    use rand::RngCore;
    let mut b = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

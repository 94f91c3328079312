//! Payment gateways: one trait shaped like the Indonesian gateways buyers
//! already use (create a charge for an amount and a reference; the
//! gateway later calls a webhook, signed with HMAC-SHA256 over the raw
//! body), the sandbox gateway Peken ships, and the webhook's checks.

use crate::domain::delivery::CityRates;
use crate::domain::payment::{is_fresh, ChargeStatus, Expiry};
use crate::domain::{PaymentMethod, Rupiah};
use crate::server::store::{EventResult, GatewayEvent, Store};
use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::sync::Arc;

/// The header carrying the body's signature (lowercase hex HMAC-SHA256).
pub const SIGNATURE_HEADER: &str = "x-peken-signature";

/// What Peken asks a gateway for.
#[derive(Debug, Clone)]
pub struct ChargeRequest<'a> {
    /// Peken's reference: the order group's code.
    pub reference: &'a str,
    pub amount: Rupiah,
    pub method: PaymentMethod,
    pub expires_at: Option<DateTime<Utc>>,
}

/// What the gateway answered: its reference for the charge, what the
/// buyer pays with (a QRIS payload or a VA number) and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    pub gateway_ref: String,
    pub pay_code: String,
    pub pay_url: String,
}

#[derive(Debug, thiserror::Error)]
#[error("payment gateway: {0}")]
pub struct GatewayError(pub String);

/// A payment gateway (Midtrans, Xendit, DOKU, or the sandbox).
pub trait PaymentGateway: Send + Sync {
    /// Stored with each payment.
    fn name(&self) -> &'static str;
    /// Creates a charge; the gateway calls the webhook when it settles.
    fn create_charge<'a>(
        &'a self,
        req: ChargeRequest<'a>,
    ) -> BoxFuture<'a, Result<Charge, GatewayError>>;
    /// The key the gateway signs its webhooks with.
    fn webhook_secret(&self) -> &[u8];
}

/// Checkout settings and the gateway, shared by every request.
#[derive(Clone)]
pub struct Payments {
    /// None: online payment is off (cash on delivery only).
    pub gateway: Option<Arc<dyn PaymentGateway>>,
    pub expiry: Expiry,
    pub delivery: CityRates,
}

impl Payments {
    /// The methods a buyer can choose now.
    pub fn methods(&self) -> Vec<PaymentMethod> {
        if self.gateway.is_some() {
            vec![
                PaymentMethod::Qris,
                PaymentMethod::VirtualAccount,
                PaymentMethod::Cod,
            ]
        } else {
            vec![PaymentMethod::Cod]
        }
    }
}

/// Hex HMAC-SHA256 of `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Whether `signature` (hex) is `body`'s HMAC under `secret`, compared in
/// constant time.
pub fn verify(secret: &[u8], body: &[u8], signature: &str) -> bool {
    let Ok(given) = hex::decode(signature.trim()) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(body);
    mac.verify_slice(&given).is_ok()
}

/// The webhook's JSON body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookBody {
    /// The gateway's id for this event (a retry sends the same one).
    pub event_id: String,
    /// The gateway's reference for the charge.
    pub gateway_ref: String,
    /// Peken's reference (the order group code), for the gateway's records.
    pub reference: String,
    pub status: ChargeStatus,
    pub amount: i64,
    /// Unix seconds when the gateway sent it (signed with the body).
    pub timestamp: i64,
}

/// The webhook's answer: status code and a short reason for the gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookReply {
    Accepted,
    AlreadyProcessed,
    BadSignature,
    Stale,
    Malformed,
    UnknownReference,
    WrongAmount,
    Unavailable,
}

impl WebhookReply {
    pub fn status(self) -> u16 {
        match self {
            WebhookReply::Accepted | WebhookReply::AlreadyProcessed => 200,
            WebhookReply::BadSignature => 401,
            WebhookReply::Stale | WebhookReply::Malformed => 400,
            WebhookReply::UnknownReference => 404,
            WebhookReply::WrongAmount => 422,
            WebhookReply::Unavailable => 503,
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            WebhookReply::Accepted => "accepted",
            WebhookReply::AlreadyProcessed => "already processed",
            WebhookReply::BadSignature => "bad signature",
            WebhookReply::Stale => "stale timestamp",
            WebhookReply::Malformed => "malformed body",
            WebhookReply::UnknownReference => "unknown reference",
            WebhookReply::WrongAmount => "amount does not match",
            WebhookReply::Unavailable => "try again later",
        }
    }
}

/// Handles one webhook: signature (constant time) over the raw body,
/// then freshness, then the event applied once per event id.
pub async fn receive(
    store: &Store,
    secret: &[u8],
    signature: Option<&str>,
    body: &[u8],
    now: DateTime<Utc>,
) -> WebhookReply {
    if !signature.is_some_and(|s| verify(secret, body, s)) {
        tracing::warn!("payment webhook with a bad signature refused");
        return WebhookReply::BadSignature;
    }
    let Ok(ev) = serde_json::from_slice::<WebhookBody>(body) else {
        return WebhookReply::Malformed;
    };
    if !is_fresh(ev.timestamp, now.timestamp()) {
        tracing::warn!(event = %ev.event_id, "payment webhook with a stale timestamp refused");
        return WebhookReply::Stale;
    }
    if ev.event_id.is_empty() || ev.event_id.len() > 128 || ev.gateway_ref.len() > 128 {
        return WebhookReply::Malformed;
    }
    let event = GatewayEvent {
        event_id: ev.event_id.clone(),
        gateway_ref: ev.gateway_ref.clone(),
        status: ev.status,
        amount: ev.amount,
    };
    match store.apply_payment_event(&event, now).await {
        Ok(EventResult::Replay) => WebhookReply::AlreadyProcessed,
        Ok(EventResult::UnknownReference) => WebhookReply::UnknownReference,
        Ok(EventResult::Applied {
            outcome,
            group_code,
        }) => {
            tracing::info!(event = %ev.event_id, group = %group_code, ?outcome, "payment event applied");
            if outcome == crate::domain::payment::Outcome::WrongAmount {
                WebhookReply::WrongAmount
            } else {
                WebhookReply::Accepted
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "payment event failed");
            WebhookReply::Unavailable
        }
    }
}

/// The sandbox gateway: charges live in Peken's own database, the payment
/// page is `/sandbox/bayar/<ref>`, and its buttons send signed webhooks.
pub struct Sandbox {
    secret: Vec<u8>,
}

/// Where the sandbox shows a charge.
pub fn sandbox_page(gateway_ref: &str) -> String {
    format!("/sandbox/bayar/{gateway_ref}")
}

impl Sandbox {
    pub fn new(secret: Vec<u8>) -> Sandbox {
        Sandbox { secret }
    }
}

impl PaymentGateway for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn create_charge<'a>(
        &'a self,
        req: ChargeRequest<'a>,
    ) -> BoxFuture<'a, Result<Charge, GatewayError>> {
        Box::pin(async move {
            use rand::RngCore;
            let mut id = [0u8; 16];
            rand::rngs::OsRng.fill_bytes(&mut id);
            let gateway_ref = format!("SBX-{}", hex::encode(id));
            let pay_code = match req.method {
                PaymentMethod::Qris => qris_payload(req.reference, req.amount),
                PaymentMethod::VirtualAccount => {
                    // A 16-digit VA number: bank prefix and the reference's digits.
                    let digits: String =
                        req.reference.chars().filter(char::is_ascii_digit).collect();
                    let tail = format!("{:0>12}", digits);
                    format!("8808{}", &tail[tail.len() - 12..])
                }
                PaymentMethod::Cod => {
                    return Err(GatewayError("cash on delivery needs no charge".into()))
                }
            };
            Ok(Charge {
                pay_url: sandbox_page(&gateway_ref),
                gateway_ref,
                pay_code,
            })
        })
    }

    fn webhook_secret(&self) -> &[u8] {
        &self.secret
    }
}

/// A dynamic QRIS payload (EMVCo merchant-presented QR, as Bank Indonesia's
/// QRIS uses it) for `amount`, ending in its CRC-16/CCITT-FALSE checksum.
pub fn qris_payload(reference: &str, amount: Rupiah) -> String {
    fn tlv(tag: &str, value: &str) -> String {
        format!("{tag}{:02}{value}", value.len())
    }
    let account = [
        tlv("00", "ID.CO.PEKEN.SANDBOX"),
        tlv("01", "936000000000000001"),
        tlv("02", "PEKENSBY"),
        tlv("03", "UMI"),
    ]
    .concat();
    let reference: String = reference
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(25)
        .collect();
    let mut s = [
        tlv("00", "01"),
        tlv("01", "12"),
        tlv("26", &account),
        tlv("52", "5411"),
        tlv("53", "360"),
        tlv("54", &amount.get().to_string()),
        tlv("58", "ID"),
        tlv("59", "PEKEN SURABAYA"),
        tlv("60", "SURABAYA"),
        tlv("62", &tlv("01", &reference)),
    ]
    .concat();
    s.push_str("6304");
    let crc = crc16_ccitt(s.as_bytes());
    s.push_str(&format!("{crc:04X}"));
    s
}

fn crc16_ccitt(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in data {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// The QR code for `payload`, as an SVG document.
pub fn qr_svg(payload: &str) -> Option<String> {
    let code = qrcode::QrCode::new(payload.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build(),
    )
}

/// The body and signature a gateway would send for `gateway_ref`.
pub fn signed_event(
    secret: &[u8],
    event_id: &str,
    gateway_ref: &str,
    reference: &str,
    status: ChargeStatus,
    amount: i64,
    at: DateTime<Utc>,
) -> (Vec<u8>, String) {
    let body = serde_json::to_vec(&WebhookBody {
        event_id: event_id.into(),
        gateway_ref: gateway_ref.into(),
        reference: reference.into(),
        status,
        amount,
        timestamp: at.timestamp(),
    })
    .expect("a plain struct serializes");
    let sig = sign(secret, &body);
    (body, sig)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_only_for_the_same_body_and_key() {
        let (body, sig) = signed_event(
            b"rahasia",
            "evt_1",
            "SBX-1",
            "PKN-1",
            ChargeStatus::Paid,
            25_000,
            Utc::now(),
        );
        assert!(verify(b"rahasia", &body, &sig));
        assert!(!verify(b"lain", &body, &sig));
        let mut tampered = body.clone();
        *tampered.last_mut().unwrap() = b' ';
        assert!(!verify(b"rahasia", &tampered, &sig));
        assert!(!verify(b"rahasia", &body, "zz"));
        assert!(!verify(b"rahasia", &body, ""));
    }

    #[test]
    fn qris_payloads_carry_the_amount_and_a_valid_checksum() {
        let p = qris_payload("PKN-261201-00042", Rupiah(25_000));
        assert!(p.starts_with("000201010212"));
        assert!(p.contains("540525000"), "{p}");
        assert!(p.contains("5303360") && p.contains("5802ID"));
        let (body, crc) = p.split_at(p.len() - 4);
        assert_eq!(format!("{:04X}", crc16_ccitt(body.as_bytes())), crc);
        // The standard's check value for "123456789".
        assert_eq!(crc16_ccitt(b"123456789"), 0x29B1);
        assert!(qr_svg(&p).unwrap().contains("<svg"));
    }
}

//! Payments: how long a charge stays open, and what a gateway's event
//! means for the payment and its orders. The signature is checked before
//! any of this (in `crate::server::payments`); these rules decide what a
//! genuine event changes.

use super::money::Rupiah;
use super::status::{PaymentMethod, PaymentStatus};
use serde::{Deserialize, Serialize};

/// An event older (or newer) than this, by its signed timestamp, is refused:
/// a captured webhook cannot be replayed later under a new event id.
pub const MAX_EVENT_AGE_SECS: i64 = 300;

/// How long a buyer has to pay, per method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expiry {
    pub qris_secs: i64,
    pub va_secs: i64,
}

impl Default for Expiry {
    /// QRIS codes live 30 minutes, virtual accounts a day.
    fn default() -> Self {
        Expiry {
            qris_secs: 30 * 60,
            va_secs: 24 * 3600,
        }
    }
}

impl Expiry {
    /// Seconds to pay by `method`; `None` for cash on delivery.
    pub fn for_method(self, method: PaymentMethod) -> Option<i64> {
        match method {
            PaymentMethod::Cod => None,
            PaymentMethod::Qris => Some(self.qris_secs),
            PaymentMethod::VirtualAccount => Some(self.va_secs),
        }
    }

    /// Parses `qris=30m,va=24h` (units s, m, h; keys left out keep defaults).
    pub fn parse(spec: &str) -> Result<Expiry, String> {
        let mut e = Expiry::default();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}` is not key=value"))?;
            let v = v.trim();
            let (num, unit) = v.split_at(v.len().saturating_sub(1));
            let mult = match unit {
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                _ => return Err(format!("`{v}` needs a unit: s, m or h")),
            };
            let secs = num
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .map(|n| n.saturating_mul(mult))
                .ok_or_else(|| format!("`{v}` is not a positive duration"))?;
            match k.trim() {
                "qris" => e.qris_secs = secs,
                "va" => e.va_secs = secs,
                other => return Err(format!("unknown key `{other}`")),
            }
        }
        Ok(e)
    }
}

/// What a gateway reports about a charge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChargeStatus {
    Paid,
    Failed,
}

/// Whether a signed timestamp is recent enough to act on.
pub fn is_fresh(event_unix: i64, now_unix: i64) -> bool {
    (now_unix - event_unix).abs() <= MAX_EVENT_AGE_SECS
}

/// What a genuine, fresh, first-seen event does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The money arrived: the payment is paid and its orders move to paid.
    Settle,
    /// The money arrived after the orders were cancelled or expired: the
    /// payment is recorded as paid and every order of it is owed back.
    SettleLate,
    /// The charge failed: the payment is failed; the orders keep waiting
    /// until they expire (the buyer can pay again).
    Fail,
    /// The amount is not what the payment asked for: nothing changes, and
    /// the event is kept for the city to look at.
    WrongAmount,
    /// The payment was already settled or failed: nothing changes.
    Ignore,
}

/// Decides what an event means for a payment in state `payment` asking
/// for `due`, whose orders are still waiting for payment (`awaiting`) or not.
pub fn decide(
    payment: PaymentStatus,
    due: Rupiah,
    awaiting: bool,
    status: ChargeStatus,
    amount: Rupiah,
) -> Outcome {
    if amount != due {
        return Outcome::WrongAmount;
    }
    match (status, payment) {
        (ChargeStatus::Paid, PaymentStatus::Pending | PaymentStatus::Failed) if awaiting => {
            Outcome::Settle
        }
        (
            ChargeStatus::Paid,
            PaymentStatus::Pending | PaymentStatus::Failed | PaymentStatus::Expired,
        ) => Outcome::SettleLate,
        (ChargeStatus::Failed, PaymentStatus::Pending) => Outcome::Fail,
        _ => Outcome::Ignore,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PaymentStatus as P;

    #[test]
    fn events_settle_fail_or_are_owed_back() {
        let due = Rupiah(25_000);
        let paid = ChargeStatus::Paid;
        assert_eq!(decide(P::Pending, due, true, paid, due), Outcome::Settle);
        // A second attempt after a failed one.
        assert_eq!(decide(P::Failed, due, true, paid, due), Outcome::Settle);
        // The orders expired before the money came.
        assert_eq!(
            decide(P::Expired, due, false, paid, due),
            Outcome::SettleLate
        );
        assert_eq!(
            decide(P::Pending, due, false, paid, due),
            Outcome::SettleLate
        );
        assert_eq!(decide(P::Paid, due, true, paid, due), Outcome::Ignore);
        assert_eq!(decide(P::Refunded, due, false, paid, due), Outcome::Ignore);
        assert_eq!(
            decide(P::Pending, due, true, ChargeStatus::Failed, due),
            Outcome::Fail
        );
        assert_eq!(
            decide(P::Paid, due, true, ChargeStatus::Failed, due),
            Outcome::Ignore
        );
        for wrong in [Rupiah(24_999), Rupiah(25_001), Rupiah(0)] {
            assert_eq!(
                decide(P::Pending, due, true, paid, wrong),
                Outcome::WrongAmount
            );
        }
    }

    #[test]
    fn stale_events_are_refused_and_expiry_parses() {
        assert!(is_fresh(1_000, 1_000 + MAX_EVENT_AGE_SECS));
        assert!(!is_fresh(1_000, 1_001 + MAX_EVENT_AGE_SECS));
        assert!(!is_fresh(2_000 + MAX_EVENT_AGE_SECS, 1_999));
        let e = Expiry::parse("qris=15m, va=2h").unwrap();
        assert_eq!((e.qris_secs, e.va_secs), (900, 7200));
        assert_eq!(Expiry::parse("").unwrap(), Expiry::default());
        assert_eq!(e.for_method(PaymentMethod::Cod), None);
        assert_eq!(e.for_method(PaymentMethod::Qris), Some(900));
        for bad in ["qris=15", "qris=0m", "va=-1h", "kartu=1h", "qris"] {
            assert!(Expiry::parse(bad).is_err(), "{bad}");
        }
    }
}

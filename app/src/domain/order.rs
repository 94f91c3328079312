//! The order state machine: which actor may move one shop's order from
//! which state to which, and what else must happen when it does. The only
//! place that decides this; the store records what it allows, and the demo
//! generator walks its history through it too.

use super::status::{OrderStatus, PaymentMethod};
use serde::{Deserialize, Serialize};

/// Who moves an order. Stored in the status history as `actor_role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    Buyer,
    Merchant,
    Admin,
    /// Peken itself: a payment webhook, the expiry job.
    System,
}

impl Actor {
    pub const ALL: &'static [Actor] = &[Actor::Buyer, Actor::Merchant, Actor::Admin, Actor::System];

    /// The stored string.
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Buyer => "buyer",
            Actor::Merchant => "merchant",
            Actor::Admin => "admin",
            Actor::System => "system",
        }
    }
}

/// What has to happen together with an allowed transition, in the same
/// transaction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Effects {
    /// Put the order's quantities back into stock.
    pub restock: bool,
    /// The buyer paid and gets the money back: write a refund record.
    pub refund: bool,
    /// Set `paid_at`.
    pub mark_paid: bool,
    /// Set `completed_at`.
    pub mark_completed: bool,
}

/// Why a transition was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// No such step from this state, by anyone.
    NotFromHere { from: OrderStatus, to: OrderStatus },
    /// The step exists, but not for this actor.
    NotYours { actor: Actor },
}

/// Where a new order starts: cash on delivery skips waiting for payment
/// and goes straight to the shop.
pub fn initial(method: PaymentMethod) -> OrderStatus {
    match method {
        PaymentMethod::Cod => OrderStatus::Paid,
        PaymentMethod::Qris | PaymentMethod::VirtualAccount => OrderStatus::AwaitingPayment,
    }
}

/// Whether the state is final (nothing moves it on).
pub fn is_final(s: OrderStatus) -> bool {
    matches!(s, OrderStatus::Cancelled)
}

/// Checks the move `from → to` by `actor` for an order paid by `method`,
/// and says what else it entails.
pub fn transition(
    from: OrderStatus,
    to: OrderStatus,
    actor: Actor,
    method: PaymentMethod,
) -> Result<Effects, TransitionError> {
    use Actor::*;
    use OrderStatus::*;
    let who: &[Actor] = match (from, to) {
        // The gateway's webhook confirms the money.
        (AwaitingPayment, Paid) => &[System],
        // Unpaid: the buyer changes their mind, the expiry job, the city.
        (AwaitingPayment, Cancelled) => &[Buyer, System, Admin],
        // The shop accepts.
        (Paid, Processing) => &[Merchant],
        // Before the shop processes it the buyer may still cancel; the shop
        // may refuse it (with a reason); the city may stop it.
        (Paid, Cancelled) => &[Buyer, Merchant, Admin],
        (Processing, Shipped) => &[Merchant],
        (Processing, Cancelled) => &[Merchant, Admin],
        // Received: confirmed by the buyer, the shop (cash handed over), or
        // by Peken after the confirmation window.
        (Shipped, Completed) => &[Buyer, Merchant, System],
        // Lost on the way: only the city decides.
        (Shipped, Cancelled) => &[Admin],
        (Completed, Complained) => &[Buyer],
        // The city resolves a complaint: rejected (back to completed) or refunded.
        (Complained, Completed) => &[Admin],
        (Complained, Cancelled) => &[Admin],
        _ => return Err(TransitionError::NotFromHere { from, to }),
    };
    if !who.contains(&actor) {
        return Err(TransitionError::NotYours { actor });
    }
    let paid_online = method != PaymentMethod::Cod;
    Ok(Effects {
        // Goods that never left the shop go back on the shelf.
        restock: to == Cancelled && matches!(from, AwaitingPayment | Paid | Processing),
        refund: to == Cancelled
            && match from {
                AwaitingPayment => false,
                Paid | Processing | Shipped => paid_online,
                // A complaint comes after delivery, when COD was paid too.
                _ => true,
            },
        mark_paid: to == Paid && from == AwaitingPayment,
        mark_completed: to == Completed && from == Shipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Actor::*;
    use OrderStatus::*;

    /// Every allowed (from, to, actor), written out as a list.
    const ALLOWED: &[(OrderStatus, OrderStatus, Actor)] = &[
        (AwaitingPayment, Paid, System),
        (AwaitingPayment, Cancelled, Buyer),
        (AwaitingPayment, Cancelled, System),
        (AwaitingPayment, Cancelled, Admin),
        (Paid, Processing, Merchant),
        (Paid, Cancelled, Buyer),
        (Paid, Cancelled, Merchant),
        (Paid, Cancelled, Admin),
        (Processing, Shipped, Merchant),
        (Processing, Cancelled, Merchant),
        (Processing, Cancelled, Admin),
        (Shipped, Completed, Buyer),
        (Shipped, Completed, Merchant),
        (Shipped, Completed, System),
        (Shipped, Cancelled, Admin),
        (Completed, Complained, Buyer),
        (Complained, Completed, Admin),
        (Complained, Cancelled, Admin),
    ];

    #[test]
    fn every_state_actor_target_triple_is_allowed_only_if_listed() {
        let mut checked = 0;
        for &from in OrderStatus::ALL {
            for &to in OrderStatus::ALL {
                for &actor in Actor::ALL {
                    for &method in PaymentMethod::ALL {
                        let listed = ALLOWED.contains(&(from, to, actor));
                        let got = transition(from, to, actor, method);
                        assert_eq!(
                            got.is_ok(),
                            listed,
                            "{from:?} → {to:?} by {actor:?} ({method:?})"
                        );
                        if let Err(e) = got {
                            let step_exists = ALLOWED.iter().any(|&(f, t, _)| f == from && t == to);
                            assert_eq!(matches!(e, TransitionError::NotYours { .. }), step_exists);
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 7 * 7 * 4 * 3);
        assert!(OrderStatus::ALL
            .iter()
            .all(|&s| is_final(s) != ALLOWED.iter().any(|&(f, _, _)| f == s)));
    }

    #[test]
    fn cash_on_delivery_goes_straight_to_the_shop() {
        assert_eq!(initial(PaymentMethod::Cod), Paid);
        assert_eq!(initial(PaymentMethod::Qris), AwaitingPayment);
        assert_eq!(initial(PaymentMethod::VirtualAccount), AwaitingPayment);
    }

    #[test]
    fn cancelling_restocks_unsent_goods_and_refunds_only_money_received() {
        let qris = PaymentMethod::Qris;
        let cod = PaymentMethod::Cod;
        let unpaid = transition(AwaitingPayment, Cancelled, System, qris).unwrap();
        assert!(unpaid.restock && !unpaid.refund);
        let paid = transition(Paid, Cancelled, Buyer, qris).unwrap();
        assert!(paid.restock && paid.refund);
        // A COD order waiting for the shop has taken no money yet.
        let cod_paid = transition(Paid, Cancelled, Buyer, cod).unwrap();
        assert!(cod_paid.restock && !cod_paid.refund);
        let lost = transition(Shipped, Cancelled, Admin, qris).unwrap();
        assert!(!lost.restock && lost.refund);
        let upheld = transition(Complained, Cancelled, Admin, cod).unwrap();
        assert!(!upheld.restock && upheld.refund);
        assert!(
            transition(AwaitingPayment, Paid, System, qris)
                .unwrap()
                .mark_paid
        );
        assert!(
            transition(Shipped, Completed, Buyer, cod)
                .unwrap()
                .mark_completed
        );
        assert!(
            !transition(Complained, Completed, Admin, cod)
                .unwrap()
                .mark_completed
        );
    }
}

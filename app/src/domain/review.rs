//! The city's decisions on a shop: which decision applies to which state,
//! where it leaves the shop, and whether the owner must be told why.

use super::ShopStatus;

/// What an admin decides about a shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShopDecision {
    /// A pending application is verified: the shop sells.
    Approve,
    /// A pending application goes back to its owner to be fixed and filed again.
    AskFix,
    /// A pending application is refused for good: it cannot be filed again.
    Reject,
    /// A verified shop stops selling: its products leave the catalog; its
    /// open orders continue.
    Suspend,
    /// A suspended shop sells again.
    Lift,
}

/// The shortest reason the owner can act on.
pub const REASON_MIN: usize = 5;
/// The longest reason kept.
pub const REASON_MAX: usize = 500;

impl ShopDecision {
    pub const ALL: [ShopDecision; 5] = [
        ShopDecision::Approve,
        ShopDecision::AskFix,
        ShopDecision::Reject,
        ShopDecision::Suspend,
        ShopDecision::Lift,
    ];

    /// The form's value (and the audit event's name after `shop.`).
    pub fn as_str(self) -> &'static str {
        match self {
            ShopDecision::Approve => "setujui",
            ShopDecision::AskFix => "perbaiki",
            ShopDecision::Reject => "tolak",
            ShopDecision::Suspend => "bekukan",
            ShopDecision::Lift => "pulihkan",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// The state a shop must be in for this decision.
    pub fn from(self) -> ShopStatus {
        match self {
            ShopDecision::Approve | ShopDecision::AskFix | ShopDecision::Reject => {
                ShopStatus::Pending
            }
            ShopDecision::Suspend => ShopStatus::Verified,
            ShopDecision::Lift => ShopStatus::Suspended,
        }
    }

    /// The state it leaves the shop in.
    pub fn to(self) -> ShopStatus {
        match self {
            ShopDecision::Approve | ShopDecision::Lift => ShopStatus::Verified,
            ShopDecision::AskFix | ShopDecision::Reject => ShopStatus::Rejected,
            ShopDecision::Suspend => ShopStatus::Suspended,
        }
    }

    /// Whether the owner may file the application again afterwards.
    pub fn may_refile(self) -> bool {
        self != ShopDecision::Reject
    }

    /// Whether the owner must be told why (every decision that stops or
    /// refuses them; an approval or a lifted suspension speaks for itself,
    /// though a note may be added).
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            ShopDecision::AskFix | ShopDecision::Reject | ShopDecision::Suspend
        )
    }

    /// The decisions open to a shop in `status`, in the order a page offers them.
    pub fn open_to(status: ShopStatus) -> Vec<ShopDecision> {
        Self::ALL
            .into_iter()
            .filter(|d| d.from() == status)
            .collect()
    }
}

/// Why a reason was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasonProblem {
    /// Required, and missing or too short to act on.
    TooShort,
    TooLong,
}

/// The reason to keep for `decision`, trimmed (`None` when none was given
/// and none is needed).
pub fn check_reason(
    decision: ShopDecision,
    reason: Option<&str>,
) -> Result<Option<String>, ReasonProblem> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    match reason {
        None if decision.needs_reason() => Err(ReasonProblem::TooShort),
        None => Ok(None),
        Some(r) if r.chars().count() > REASON_MAX => Err(ReasonProblem::TooLong),
        Some(r) if r.chars().count() < REASON_MIN => Err(ReasonProblem::TooShort),
        Some(r) => Ok(Some(r.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_offers_exactly_its_decisions() {
        use ShopDecision::*;
        assert_eq!(
            ShopDecision::open_to(ShopStatus::Pending),
            vec![Approve, AskFix, Reject]
        );
        assert_eq!(ShopDecision::open_to(ShopStatus::Verified), vec![Suspend]);
        assert_eq!(ShopDecision::open_to(ShopStatus::Suspended), vec![Lift]);
        assert_eq!(ShopDecision::open_to(ShopStatus::Rejected), vec![]);
        // Only a verified shop sells after a decision that leaves it so.
        for d in ShopDecision::ALL {
            assert_eq!(d.to().sells(), matches!(d, Approve | Lift), "{d:?}");
            assert_eq!(ShopDecision::parse(d.as_str()), Some(d));
        }
        assert_eq!(ShopDecision::parse("verified"), None);
        assert!(!Reject.may_refile() && AskFix.may_refile());
    }

    #[test]
    fn refusals_need_a_reason_the_owner_can_act_on() {
        use ShopDecision::*;
        assert_eq!(check_reason(Approve, None), Ok(None));
        assert_eq!(check_reason(Approve, Some("  ")), Ok(None));
        assert_eq!(
            check_reason(Lift, Some(" Sudah diperbaiki ")),
            Ok(Some("Sudah diperbaiki".into()))
        );
        for d in [AskFix, Reject, Suspend] {
            assert_eq!(check_reason(d, None), Err(ReasonProblem::TooShort));
            assert_eq!(check_reason(d, Some(" ok ")), Err(ReasonProblem::TooShort));
            assert_eq!(
                check_reason(d, Some(&"x".repeat(REASON_MAX + 1))),
                Err(ReasonProblem::TooLong)
            );
            assert_eq!(
                check_reason(d, Some("Foto KTP buram")),
                Ok(Some("Foto KTP buram".into()))
            );
        }
    }
}

//! Who may do what. Every server function names its [`Action`] and asks
//! [`authorize`]; "a buyer" and "an admin" are defined here and nowhere else.
//! Ownership of a record (an address, an order) is decided by the store
//! query that looks it up with the viewer's id: another user's record is
//! "not found", never "forbidden", so its existence is not revealed.

use crate::model::{Role, Viewer};

/// Something a person asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See or change one's own account (profile, password, sign-out).
    OwnAccount,
    /// Keep delivery addresses (buyers only: merchants and admins do not buy).
    KeepAddresses,
    /// Put products in a cart and check out.
    Buy,
    /// Read the audit log.
    ReadAudit,
    /// Review shops: the verification queue and its decisions.
    ReviewShops,
    /// Read the city's dashboard (`/admin`) and its downloads.
    ReadDashboard,
    /// Change the city's rules (caps, windows, SLA, targets).
    ChangeSettings,
    /// Moderate products: take down, review resubmissions, banned words.
    Moderate,
    /// Work the complaint desk: the queue, its threads and resolutions.
    HandleComplaints,
    /// Take part in a complaint's thread: its buyer, the shop it is about,
    /// or the city (which complaint is decided by the store's lookup).
    TalkComplaint,
    /// Apply for a shop and keep it: products, photos, orders, money
    /// (merchant accounts only; which shop is decided by ownership).
    Sell,
}

/// Why an action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Nobody is signed in: sign in first (401, or a way to the sign-in page).
    SignIn,
    /// Signed in, but this role may not (403).
    Forbidden,
}

/// Whether `viewer` may do `action`.
pub fn authorize(viewer: Option<&Viewer>, action: Action) -> Result<(), Denied> {
    let Some(v) = viewer else {
        return Err(Denied::SignIn);
    };
    let allowed = match action {
        Action::OwnAccount => true,
        Action::KeepAddresses | Action::Buy => v.role.is_buyer(),
        Action::ReadAudit
        | Action::ReviewShops
        | Action::HandleComplaints
        | Action::ReadDashboard
        | Action::ChangeSettings
        | Action::Moderate => v.role == Role::Admin,
        Action::TalkComplaint => true,
        Action::Sell => v.role == Role::Merchant,
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_role(role: Role) -> Viewer {
        Viewer {
            id: 1,
            role,
            name: "X".into(),
        }
    }

    #[test]
    fn each_action_is_open_to_exactly_its_roles() {
        let roles = [Role::Asn, Role::Umum, Role::Merchant, Role::Admin];
        let table: [(Action, [bool; 4]); 11] = [
            (Action::OwnAccount, [true, true, true, true]),
            (Action::KeepAddresses, [true, true, false, false]),
            (Action::Buy, [true, true, false, false]),
            (Action::ReadAudit, [false, false, false, true]),
            (Action::ReviewShops, [false, false, false, true]),
            (Action::Sell, [false, false, true, false]),
            (Action::HandleComplaints, [false, false, false, true]),
            (Action::ReadDashboard, [false, false, false, true]),
            (Action::ChangeSettings, [false, false, false, true]),
            (Action::Moderate, [false, false, false, true]),
            (Action::TalkComplaint, [true, true, true, true]),
        ];
        for (action, allowed) in table {
            assert_eq!(authorize(None, action), Err(Denied::SignIn), "{action:?}");
            for (role, ok) in roles.into_iter().zip(allowed) {
                let want = if ok { Ok(()) } else { Err(Denied::Forbidden) };
                assert_eq!(
                    authorize(Some(&as_role(role)), action),
                    want,
                    "{action:?} {role:?}"
                );
            }
        }
    }
}

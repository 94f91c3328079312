//! What the city's verification queue shows (`/admin/toko`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The queue's lists: each is one state of a shop, oldest application first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReviewList {
    /// Applications waiting for a decision.
    Pending,
    /// Sent back to their owners to be fixed.
    Fix,
    /// Refused for good.
    Rejected,
    /// Verified shops whose sales the city stopped.
    Suspended,
    /// Shops selling now.
    Verified,
}

impl ReviewList {
    pub const ALL: [ReviewList; 5] = [
        ReviewList::Pending,
        ReviewList::Fix,
        ReviewList::Rejected,
        ReviewList::Suspended,
        ReviewList::Verified,
    ];

    /// The value of `?daftar=` (the pending list has none).
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewList::Pending => "menunggu",
            ReviewList::Fix => "perbaikan",
            ReviewList::Rejected => "ditolak",
            ReviewList::Suspended => "dibekukan",
            ReviewList::Verified => "terverifikasi",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The shop state and refile flag this list holds.
    pub fn state(self) -> (&'static str, Option<bool>) {
        match self {
            ReviewList::Pending => ("pending", None),
            ReviewList::Fix => ("rejected", Some(true)),
            ReviewList::Rejected => ("rejected", Some(false)),
            ReviewList::Suspended => ("suspended", None),
            ReviewList::Verified => ("verified", None),
        }
    }
}

/// One shop in a list of the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ReviewRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub is_mbr: bool,
    pub kecamatan: String,
    pub owner_name: String,
    pub status_reason: Option<String>,
    /// When the application was filed (or filed again).
    pub submitted_at: DateTime<Utc>,
}

/// A decision (or a filing) in a shop's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct DecisionLine {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// `shop.apply`, `shop.setujui`, `shop.perbaiki`, …
    pub action: String,
    /// The reason given, if any.
    pub detail: Option<String>,
    /// Who decided (shown to the city's staff only).
    pub actor: Option<String>,
}

/// A list of the queue, with how many shops each list holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewQueue {
    pub list: ReviewList,
    pub counts: Vec<(ReviewList, i64)>,
    pub rows: Vec<ReviewRow>,
    pub page: i64,
    pub has_more: bool,
    /// When the page was read: ages are counted from here.
    pub now: DateTime<Utc>,
}

/// One shop as the reviewing admin sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShopReview {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub is_mbr: bool,
    pub mbr_number: Option<String>,
    /// In full: the admin checks it against the owner's KTP.
    pub owner_nik: Option<String>,
    pub owner_name: String,
    pub owner_email: Option<String>,
    pub owner_phone: Option<String>,
    pub kecamatan: String,
    pub kelurahan: String,
    pub address: String,
    pub pin: Option<(f64, f64)>,
    pub phone: Option<String>,
    pub open_hours: String,
    pub description: String,
    pub delivers: bool,
    pub bank_name: Option<String>,
    pub bank_account: Option<String>,
    pub bank_holder: Option<String>,
    pub photo: Option<String>,
    pub status: String,
    pub status_reason: Option<String>,
    pub may_refile: bool,
    pub submitted_at: DateTime<Utc>,
    pub product_count: i64,
    pub history: Vec<DecisionLine>,
    /// The newest event of the shop when read: a decision names it, and
    /// is refused if the shop changed since.
    pub seen: i64,
    pub now: DateTime<Utc>,
}

/// "3 hari 4 jam": how long something has waited, in whole hours.
pub fn age_words(from: DateTime<Utc>, now: DateTime<Utc>, day: &str, hour: &str) -> String {
    let hours = (now - from).num_hours().max(0);
    let (d, h) = (hours / 24, hours % 24);
    match (d, h) {
        (0, h) => format!("{h} {hour}"),
        (d, 0) => format!("{d} {day}"),
        (d, h) => format!("{d} {day} {h} {hour}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn lists_round_trip_and_ages_read_naturally() {
        for l in ReviewList::ALL {
            assert_eq!(ReviewList::parse(l.as_str()), Some(l));
        }
        let now = Utc::now();
        let words = |h: i64| age_words(now - Duration::hours(h), now, "hari", "jam");
        assert_eq!(words(0), "0 jam");
        assert_eq!(words(5), "5 jam");
        assert_eq!(words(48), "2 hari");
        assert_eq!(words(75), "3 hari 3 jam");
        // A clock a little behind never shows a negative age.
        assert_eq!(
            age_words(now + Duration::hours(2), now, "hari", "jam"),
            "0 jam"
        );
    }
}

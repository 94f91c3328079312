//! What the complaint desk shows: the city's queue (`/admin/keluhan`), a
//! complaint's thread (for its buyer, its shop and the city), and the
//! buyer's own list (`/keluhan`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The queue's two lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ComplaintList {
    /// Waiting for the city or being handled: the earliest deadline first,
    /// so overdue complaints lead.
    Open,
    /// Settled or rejected: the latest first.
    Closed,
}

impl ComplaintList {
    pub const ALL: [ComplaintList; 2] = [ComplaintList::Open, ComplaintList::Closed];

    /// The value of `?daftar=` (the open list has none).
    pub fn as_str(self) -> &'static str {
        match self {
            ComplaintList::Open => "terbuka",
            ComplaintList::Closed => "selesai",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// One complaint in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ComplaintRow {
    pub id: i64,
    pub status: String,
    pub outcome: Option<String>,
    /// The shop order's code; none for a complaint about the service.
    pub order_code: Option<String>,
    pub shop_name: Option<String>,
    pub reason: String,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// Messages in the thread (the complaint's own words count as one).
    pub messages: i64,
}

/// A page of the city's queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintQueue {
    pub list: ComplaintList,
    /// Each list with its size, and how many open ones are overdue.
    pub counts: Vec<(ComplaintList, i64)>,
    pub overdue: i64,
    pub rows: Vec<ComplaintRow>,
    /// The SLA in working days, as the city set it.
    pub sla_days: i64,
    pub page: i64,
    pub has_more: bool,
    pub now: DateTime<Utc>,
}

/// One message of a thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ComplaintMessage {
    pub id: i64,
    /// `buyer`, `merchant` or `admin`.
    pub author_role: String,
    /// The author's name: shown to the city only (the buyer and the shop
    /// see roles).
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// One complaint with its thread, as one of its parties sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintThread {
    pub id: i64,
    pub status: String,
    /// The complaint's own words.
    pub reason: String,
    pub outcome: Option<String>,
    pub resolution: Option<String>,
    pub order_code: Option<String>,
    /// The checkout the order belongs to (the buyer's order page).
    pub group_code: Option<String>,
    pub shop_name: Option<String>,
    pub order_total: Option<i64>,
    pub order_status: Option<String>,
    pub buyer_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub messages: Vec<ComplaintMessage>,
    /// How the viewer takes part: `buyer`, `merchant` or `admin`.
    pub viewer_role: String,
    pub now: DateTime<Utc>,
}

/// The buyer's own complaints (`/keluhan`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyComplaints {
    pub rows: Vec<ComplaintRow>,
}

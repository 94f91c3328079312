//! The marketplace's public figures (`/transparansi` and its open data):
//! aggregates only, never a person's record.

use serde::{Deserialize, Serialize};

/// Completed orders and their value in one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// What the group is: `2026-05`, a kecamatan's name, `umkm`, `asn`, …
    pub key: String,
    pub orders: i64,
    /// Rupiah.
    pub value: i64,
}

/// Verified shops of one kind, MBR or not, and what they sold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopGroup {
    /// `toko_kelontong` or `umkm`.
    pub kind: String,
    pub mbr: bool,
    /// Verified shops now.
    pub shops: i64,
    /// Their completed orders and value, all time.
    pub orders: i64,
    pub value: i64,
}

/// Buyers of one kind: accounts registered and completed orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuyerGroup {
    /// `asn` or `umum`.
    pub role: String,
    pub accounts: i64,
    pub orders: i64,
    pub value: i64,
}

/// Complaints by state, and how long resolving them took.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintFigures {
    pub open: i64,
    pub in_progress: i64,
    pub resolved: i64,
    pub rejected: i64,
    /// Median hours from complaint to resolution (resolved or rejected),
    /// when any was closed.
    pub median_hours: Option<i64>,
}

/// Everything the transparency page publishes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicFigures {
    /// All completed orders and their value.
    pub total: Tally,
    /// By month of completion (WIB), oldest first.
    pub months: Vec<Tally>,
    /// By the shop's kecamatan, every kecamatan (zero where none sold).
    pub kecamatan: Vec<Tally>,
    pub shops: Vec<ShopGroup>,
    pub buyers: Vec<BuyerGroup>,
    pub complaints: ComplaintFigures,
}

/// The open data's licence.
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/deed.id";

/// The month (WIB) that `at` falls in, as `YYYY-MM`.
pub fn current_month(at: chrono::DateTime<chrono::Utc>) -> String {
    let wib = at + chrono::Duration::seconds(super::WIB_OFFSET_SECS as i64);
    wib.format("%Y-%m").to_string()
}

/// Growth of `now` over `before` in per cent, one decimal (`None` when
/// there is nothing to compare with).
pub fn growth_pct(before: i64, now: i64) -> Option<f64> {
    (before > 0).then(|| ((now - before) as f64 * 1000.0 / before as f64).round() / 10.0)
}

/// The median of `values` (the lower middle for an even count), if any.
pub fn median(mut values: Vec<i64>) -> Option<i64> {
    values.sort_unstable();
    let n = values.len();
    (n > 0).then(|| values[(n - 1) / 2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_and_median() {
        assert_eq!(growth_pct(0, 10), None);
        assert_eq!(growth_pct(100, 233), Some(133.0));
        assert_eq!(growth_pct(300, 200), Some(-33.3));
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5]), Some(5));
        assert_eq!(median(vec![9, 1, 5]), Some(5));
        assert_eq!(median(vec![9, 1, 5, 7]), Some(5));
    }
}

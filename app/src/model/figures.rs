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

/// One shop's completed orders in the dashboard's window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ShopSales {
    pub name: String,
    pub slug: String,
    pub kecamatan: String,
    pub orders: i64,
    pub value: i64,
}

/// A verified shop that had no order in the dashboard's window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct IdleShop {
    pub name: String,
    pub slug: String,
    pub kecamatan: String,
    /// Its last order ever, if it had one.
    pub last_order: Option<chrono::DateTime<chrono::Utc>>,
}

/// What the city's dashboard (`/admin`) shows: the public figures (the
/// same numbers, from the same source) and what only the city reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CityFigures {
    pub public: PublicFigures,
    /// By product category, every category: `orders` counts units sold,
    /// `value` their value (without delivery).
    pub categories: Vec<Tally>,
    /// Days the window below looks back.
    pub window_days: i64,
    /// When the window's figures below (active, top and idle shops) were
    /// read: the window ends there.
    pub window_at: chrono::DateTime<chrono::Utc>,
    /// Verified shops with at least one order in the window.
    pub active_shops: i64,
    /// The ten shops that sold most in the window.
    pub top_shops: Vec<ShopSales>,
    /// Verified shops without an order in the window (the first of them;
    /// never-sold first, then the longest quiet), and how many in all.
    pub idle_shops: Vec<IdleShop>,
    pub idle_count: i64,
    /// Open complaints past their deadline.
    pub overdue_complaints: i64,
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

/// [`median`] of values given as (value, how many times) in ascending
/// order of value, as a histogram holds them.
pub fn median_of_counts(counts: &[(i64, i64)]) -> Option<i64> {
    let n: i64 = counts.iter().map(|c| c.1).sum();
    // The value at sorted position (n - 1) / 2.
    let mut before = (n > 0).then_some((n - 1) / 2)?;
    for &(value, k) in counts {
        if before < k {
            return Some(value);
        }
        before -= k;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histograms_median_is_the_median_of_its_values() {
        let cases: &[&[(i64, i64)]] = &[
            &[],
            &[(5, 1)],
            &[(1, 1), (2, 1)],
            &[(1, 2), (7, 1)],
            &[(0, 3), (4, 3)],
            &[(0, 3), (4, 4)],
            &[(2, 1), (3, 0), (9, 5), (40, 2)],
            &[(1, 0)],
        ];
        for counts in cases {
            let values: Vec<i64> = counts
                .iter()
                .flat_map(|&(v, k)| std::iter::repeat_n(v, k as usize))
                .collect();
            assert_eq!(median_of_counts(counts), median(values), "{counts:?}");
        }
    }

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

/// One OPD's month in the ASN programme (or the total of all OPDs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpdRow {
    pub opd: String,
    /// ASN of the OPD registered on Peken.
    pub asn: i64,
    /// Of them, how many bought: completed orders placed in the month.
    pub buyers: i64,
    /// Buyers per thousand ASN.
    pub share_permille: i64,
    /// What they spent together; `None` when withheld (too few buyers to
    /// show without revealing one person's purchases).
    pub spend: Option<i64>,
    /// The share meets the city's target.
    pub meets: bool,
}

/// The ASN programme for one WIB month (`/admin/asn`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsnProgramme {
    /// `YYYY-MM`.
    pub month: String,
    /// The months that can be chosen, newest first.
    pub months: Vec<String>,
    /// The city's target: this share (percent) of an OPD's ASN buy each month.
    pub target_percent: i64,
    pub rows: Vec<OpdRow>,
    pub total: OpdRow,
}

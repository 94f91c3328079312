//! The city's fairness rules, so that orders spread over many shops:
//! a monthly sales cap per shop (the real programme used Rp30 juta), and a
//! rotation of which shops a list shows first. Also the rules' settings
//! and their bounds, which an admin changes (audited).

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

/// The WIB calendar month sales are capped in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesMonth {
    /// `YYYY-MM`, as stored in `shops.capped_month`.
    pub label: String,
    /// 00:00 WIB on the 1st, in UTC.
    pub start: DateTime<Utc>,
    /// 00:00 WIB on the 1st of the next month, in UTC: when capped shops
    /// are listed again.
    pub end: DateTime<Utc>,
}

fn wib_midnight(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight")) - Duration::hours(7)
}

/// The WIB month `now` falls in.
pub fn sales_month(now: DateTime<Utc>) -> SalesMonth {
    let wib = (now + Duration::hours(7)).date_naive();
    let first = NaiveDate::from_ymd_opt(wib.year(), wib.month(), 1).expect("first of month");
    let next = if wib.month() == 12 {
        NaiveDate::from_ymd_opt(wib.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(wib.year(), wib.month() + 1, 1)
    }
    .expect("first of next month");
    SalesMonth {
        label: format!("{:04}-{:02}", wib.year(), wib.month()),
        start: wib_midnight(first),
        end: wib_midnight(next),
    }
}

/// Whether a shop with `sales` this month has reached `cap` (0: no cap).
pub fn over_cap(sales: i64, cap: i64) -> bool {
    cap > 0 && sales >= cap
}

/// A rule the city sets, with its bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingRule {
    /// The row's name in `settings`, and the form field's.
    pub name: &'static str,
    pub min: i64,
    pub max: i64,
}

/// Working days to settle a complaint.
pub const COMPLAINT_SLA_DAYS: SettingRule = SettingRule {
    name: "keluhan_sla_hari",
    min: 1,
    max: 20,
};
/// A shop's monthly sales cap in rupiah (0: none).
pub const MONTHLY_SALES_CAP: SettingRule = SettingRule {
    name: "batas_penjualan_bulanan",
    min: 0,
    max: 1_000_000_000_000,
};
/// Days without an order before a shop is listed as idle.
pub const IDLE_SHOP_DAYS: SettingRule = SettingRule {
    name: "toko_sepi_hari",
    min: 7,
    max: 365,
};
/// The share (percent) of an OPD's ASN that should buy each month.
pub const ASN_TARGET_PERCENT: SettingRule = SettingRule {
    name: "target_asn_persen",
    min: 1,
    max: 100,
};

/// How far (percent above the cheapest) the same product's prices may
/// spread across shops before the city reviews them.
pub const PRICE_PARITY_PERCENT: SettingRule = SettingRule {
    name: "selisih_harga_persen",
    min: 5,
    max: 500,
};

/// Every setting, in the order the settings page shows them.
pub const SETTINGS: [SettingRule; 5] = [
    MONTHLY_SALES_CAP,
    IDLE_SHOP_DAYS,
    COMPLAINT_SLA_DAYS,
    ASN_TARGET_PERCENT,
    PRICE_PARITY_PERCENT,
];

/// The rule named `name`.
pub fn setting_rule(name: &str) -> Option<SettingRule> {
    SETTINGS.into_iter().find(|r| r.name == name)
}

/// A typed value for `rule`: a whole number within its bounds; dots,
/// commas and spaces grouping thousands (`30.000.000`) and a leading `Rp`
/// are allowed.
pub fn parse_setting(rule: SettingRule, typed: &str) -> Option<i64> {
    let t = typed.trim();
    let t = t
        .strip_prefix("Rp")
        .or_else(|| t.strip_prefix("rp"))
        .unwrap_or(t);
    let digits: String = t
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}'))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits
        .parse::<i64>()
        .ok()
        .filter(|v| (rule.min..=rule.max).contains(v))
}

/// How many shops move past the front of a list each day: the home page's
/// shop count, so every shop reaches the home page in turn.
pub const ROTATION_STEP: usize = 12;

/// Where the day's turn starts in a list of `n` shops on day `day`: the
/// list is shown from this position on, wrapping around. Over
/// `ceil(n / ROTATION_STEP)` consecutive days, every shop is among the
/// first [`ROTATION_STEP`] at least once.
pub fn rotation_start(n: usize, day: i64) -> usize {
    if n == 0 {
        return 0;
    }
    // One page or less: still a different shop on top each day.
    if n <= ROTATION_STEP {
        return day.rem_euclid(n as i64) as usize;
    }
    let turns = n.div_ceil(ROTATION_STEP) as i64;
    let turn = day.rem_euclid(turns) as usize;
    (turn * ROTATION_STEP) % n
}

/// A shop's place in the fixed order the rotation walks: ids spread by a
/// multiplier coprime to a prime modulus, so neighbours by id (shops that
/// registered together) are not shown together every day.
pub fn rotation_key(shop_id: i64) -> i64 {
    (shop_id.rem_euclid(1_000_003) * 618_033) % 1_000_003
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_month_is_wib() {
        // 31 Dec 2026, 16:59 UTC is 23:59 WIB: still December.
        let m = sales_month(utc("2026-12-31T16:59:00Z"));
        assert_eq!(m.label, "2026-12");
        assert_eq!(m.start, utc("2026-11-30T17:00:00Z"));
        assert_eq!(m.end, utc("2026-12-31T17:00:00Z"));
        // A minute later it is January in Surabaya.
        let j = sales_month(utc("2026-12-31T17:00:00Z"));
        assert_eq!(j.label, "2027-01");
        assert_eq!(j.start, m.end);
        assert_eq!(j.end, utc("2027-01-31T17:00:00Z"));
        assert_eq!(
            sales_month(utc("2028-02-15T00:00:00Z")).end,
            utc("2028-02-29T17:00:00Z")
        );
    }

    #[test]
    fn the_cap_is_reached_at_its_value_and_zero_means_none() {
        assert!(!over_cap(29_999_999, 30_000_000));
        assert!(over_cap(30_000_000, 30_000_000));
        assert!(over_cap(45_000_000, 30_000_000));
        assert!(!over_cap(i64::MAX, 0));
    }

    #[test]
    fn settings_are_whole_numbers_within_bounds() {
        assert_eq!(
            parse_setting(MONTHLY_SALES_CAP, "30.000.000"),
            Some(30_000_000)
        );
        assert_eq!(
            parse_setting(MONTHLY_SALES_CAP, "Rp 25,000,000"),
            Some(25_000_000)
        );
        assert_eq!(parse_setting(MONTHLY_SALES_CAP, "0"), Some(0));
        assert_eq!(parse_setting(MONTHLY_SALES_CAP, "-5"), None);
        assert_eq!(parse_setting(MONTHLY_SALES_CAP, "3e7"), None);
        assert_eq!(parse_setting(MONTHLY_SALES_CAP, ""), None);
        assert_eq!(
            parse_setting(MONTHLY_SALES_CAP, "99999999999999999999"),
            None
        );
        assert_eq!(parse_setting(IDLE_SHOP_DAYS, "6"), None);
        assert_eq!(parse_setting(IDLE_SHOP_DAYS, "7"), Some(7));
        assert_eq!(parse_setting(ASN_TARGET_PERCENT, "101"), None);
        assert_eq!(parse_setting(COMPLAINT_SLA_DAYS, " 3 "), Some(3));
        assert_eq!(setting_rule("toko_sepi_hari"), Some(IDLE_SHOP_DAYS));
        assert_eq!(setting_rule("password"), None);
    }

    #[test]
    fn every_shop_reaches_the_front_within_its_turns() {
        for n in [1usize, 5, 12, 13, 24, 25, 100, 131, 2_306] {
            let turns = n.div_ceil(ROTATION_STEP) as i64;
            for first_day in [0i64, 7, 739_000] {
                let mut seen = vec![false; n];
                for day in first_day..first_day + turns {
                    let s = rotation_start(n, day);
                    for k in 0..ROTATION_STEP.min(n) {
                        seen[(s + k) % n] = true;
                    }
                }
                assert!(seen.iter().all(|s| *s), "n={n} from day {first_day}");
            }
        }
        // The front moves every day while there is more than one page.
        assert_ne!(rotation_start(100, 1), rotation_start(100, 2));
        assert_eq!(rotation_start(0, 5), 0);
        assert_ne!(rotation_start(5, 1), rotation_start(5, 2));
    }

    #[test]
    fn the_rotation_order_mixes_neighbours_and_is_one_to_one() {
        let keys: std::collections::HashSet<i64> = (1..5_000).map(rotation_key).collect();
        assert_eq!(keys.len(), 4_999);
        assert!((rotation_key(2) - rotation_key(1)).abs() > 1_000);
    }
}

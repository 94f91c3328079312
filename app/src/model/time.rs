//! Times are stored in UTC and shown in WIB (Asia/Jakarta, UTC+7, no DST).

use chrono::{DateTime, FixedOffset, Utc};

/// WIB is a fixed UTC+7 offset.
pub const WIB_OFFSET_SECS: i32 = 7 * 3600;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

fn wib(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&FixedOffset::east_opt(WIB_OFFSET_SECS).expect("valid offset"))
}

/// `27 Nov 2026, 21.45 WIB` (Indonesian style uses a dot between hours and minutes).
pub fn format_wib(t: DateTime<Utc>) -> String {
    let w = wib(t);
    format!("{}, {} WIB", format_wib_date(t), w.format("%H.%M"))
}

/// `27 Nov 2026` in WIB.
pub fn format_wib_date(t: DateTime<Utc>) -> String {
    use chrono::Datelike;
    let w = wib(t);
    format!("{} {} {}", w.day(), MONTHS[w.month0() as usize], w.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn wib_is_utc_plus_seven_across_midnight() {
        let t = Utc.with_ymd_and_hms(2026, 11, 27, 18, 5, 0).unwrap();
        assert_eq!(format_wib(t), "28 Nov 2026, 01.05 WIB");
        let t = Utc.with_ymd_and_hms(2026, 12, 31, 17, 0, 0).unwrap();
        assert_eq!(format_wib_date(t), "1 Jan 2027");
    }
}

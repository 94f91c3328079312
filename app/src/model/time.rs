//! Times are stored in UTC and shown in WIB (Asia/Jakarta, UTC+7, no DST).

use chrono::{DateTime, FixedOffset, Utc};

/// WIB is a fixed UTC+7 offset.
pub const WIB_OFFSET_SECS: i32 = 7 * 3600;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn wib(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&FixedOffset::east_opt(WIB_OFFSET_SECS).expect("valid offset"))
}

/// `27 Nov 2026, 21.45 WIB` in the page's language (Indonesian style uses
/// a dot between hours and minutes, English a colon).
pub fn format_wib(t: DateTime<Utc>) -> String {
    format_wib_in(crate::i18n::locale(), t)
}

/// `27 Nov 2026` (`27 Agu 2026` in Indonesian) in WIB.
pub fn format_wib_date(t: DateTime<Utc>) -> String {
    format_wib_date_in(crate::i18n::locale(), t)
}

fn format_wib_in(l: crate::i18n::Locale, t: DateTime<Utc>) -> String {
    let clock = match l {
        crate::i18n::Locale::Id => "%H.%M",
        crate::i18n::Locale::En => "%H:%M",
    };
    format!("{}, {} WIB", format_wib_date_in(l, t), wib(t).format(clock))
}

fn format_wib_date_in(l: crate::i18n::Locale, t: DateTime<Utc>) -> String {
    use chrono::Datelike;
    let w = wib(t);
    let months = match l {
        crate::i18n::Locale::Id => MONTHS,
        crate::i18n::Locale::En => MONTHS_EN,
    };
    format!("{} {} {}", w.day(), months[w.month0() as usize], w.year())
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

    #[test]
    fn english_pages_get_english_months_and_clock() {
        use crate::i18n::Locale;
        let t = Utc.with_ymd_and_hms(2026, 8, 17, 3, 5, 0).unwrap();
        assert_eq!(format_wib_in(Locale::Id, t), "17 Agu 2026, 10.05 WIB");
        assert_eq!(format_wib_in(Locale::En, t), "17 Aug 2026, 10:05 WIB");
    }
}

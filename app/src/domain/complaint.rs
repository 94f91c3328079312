//! The city's complaint desk: when a complaint is due (the SLA counts
//! working days in WIB and skips weekends), how it may be settled, and
//! what a message in its thread may hold.

use super::OrderStatus;
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveTime, Utc, Weekday};

/// Working days to settle a complaint unless the city sets another number
/// (the `keluhan_sla_hari` setting).
pub const SLA_DEFAULT_DAYS: i64 = 2;
/// The SLA the city may set, in working days.
pub const SLA_RANGE: std::ops::RangeInclusive<i64> = 1..=30;
/// A message in a complaint's thread, in characters.
pub const MESSAGE_MIN: usize = 2;
pub const MESSAGE_MAX: usize = 1000;
/// The reason given with a resolution, in characters.
pub const RESOLUTION_MIN: usize = 5;

fn wib() -> FixedOffset {
    FixedOffset::east_opt(crate::model::WIB_OFFSET_SECS).expect("valid offset")
}

fn is_weekend(d: Weekday) -> bool {
    matches!(d, Weekday::Sat | Weekday::Sun)
}

/// When a complaint filed at `filed` is due: `days` working days later, at
/// the same WIB clock time. The clock does not run on Saturdays and
/// Sundays: a complaint filed on a weekend starts Monday 00:00 WIB.
/// (Public holidays are not known here; the city may set a longer SLA.)
pub fn due_at(filed: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    let mut t = filed.with_timezone(&wib());
    if is_weekend(t.weekday()) {
        while is_weekend(t.weekday()) {
            t += Duration::days(1);
        }
        t = t
            .with_time(NaiveTime::MIN)
            .single()
            .expect("a fixed offset has every local time");
    }
    let mut left = days.max(0);
    while left > 0 {
        t += Duration::days(1);
        if !is_weekend(t.weekday()) {
            left -= 1;
        }
    }
    t.with_timezone(&Utc)
}

/// Whether a complaint still open at `now` is past its deadline.
pub fn is_overdue(due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now > due
}

/// How the city settles a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The buyer gets the order's money back; the shop's ledger gives up
    /// what the order earned. The order is cancelled.
    Refund,
    /// The shop sends the goods again; no money moves. The order is
    /// completed again.
    Replace,
    /// The complaint does not stand; the order is completed again.
    Reject,
    /// A complaint about the service in general, answered.
    Answer,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Refund,
        Outcome::Replace,
        Outcome::Reject,
        Outcome::Answer,
    ];

    /// The form's value and the stored `outcome`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Refund => "refund",
            Outcome::Replace => "ganti",
            Outcome::Reject => "tolak",
            Outcome::Answer => "jawab",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// The complaint's state afterwards.
    pub fn status(self) -> &'static str {
        match self {
            Outcome::Reject => "ditolak",
            _ => "selesai",
        }
    }

    /// Where the complained order goes (none for a general complaint).
    pub fn order_to(self) -> Option<OrderStatus> {
        match self {
            Outcome::Refund => Some(OrderStatus::Cancelled),
            Outcome::Replace | Outcome::Reject => Some(OrderStatus::Completed),
            Outcome::Answer => None,
        }
    }

    /// The outcomes open to a complaint about an order, or about the
    /// service in general.
    pub fn open_to(about_order: bool) -> &'static [Outcome] {
        if about_order {
            &[Outcome::Refund, Outcome::Replace, Outcome::Reject]
        } else {
            &[Outcome::Answer, Outcome::Reject]
        }
    }
}

/// A complaint's state, as stored.
pub fn is_open(status: &str) -> bool {
    matches!(status, "terbuka" | "diproses")
}

/// Why a text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    TooShort,
    TooLong,
}

/// A message or reason, trimmed, within `min..=MESSAGE_MAX` characters
/// and without control characters other than line breaks.
pub fn check_text(s: &str, min: usize) -> Result<String, TextProblem> {
    let s = s.trim();
    let n = s.chars().count();
    if n < min {
        return Err(TextProblem::TooShort);
    }
    if n > MESSAGE_MAX {
        return Err(TextProblem::TooLong);
    }
    Ok(s.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// A WIB wall-clock time as UTC.
    fn wib_at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        wib()
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_sla_counts_working_days_and_skips_weekends() {
        // 2026-12-07 is a Monday.
        let mon = wib_at(2026, 12, 7, 10, 30);
        assert_eq!(due_at(mon, 2), wib_at(2026, 12, 9, 10, 30), "Mon → Wed");
        let thu = wib_at(2026, 12, 10, 16, 0);
        assert_eq!(due_at(thu, 2), wib_at(2026, 12, 14, 16, 0), "Thu → Mon");
        let fri = wib_at(2026, 12, 11, 9, 0);
        assert_eq!(due_at(fri, 2), wib_at(2026, 12, 15, 9, 0), "Fri → Tue");
        assert_eq!(due_at(fri, 1), wib_at(2026, 12, 14, 9, 0), "Fri → Mon");
        // Filed on a weekend: the clock starts Monday 00:00 WIB.
        let sat = wib_at(2026, 12, 12, 20, 0);
        assert_eq!(
            due_at(sat, 2),
            wib_at(2026, 12, 16, 0, 0),
            "Sat → Wed 00:00"
        );
        let sun = wib_at(2026, 12, 13, 1, 0);
        assert_eq!(
            due_at(sun, 2),
            wib_at(2026, 12, 16, 0, 0),
            "Sun → Wed 00:00"
        );
        // 06:30 WIB on Saturday is still Friday in UTC: the weekend is
        // counted in WIB.
        let sat_early = wib_at(2026, 12, 12, 6, 30);
        assert_eq!(sat_early.weekday(), Weekday::Fri, "Friday in UTC");
        assert_eq!(due_at(sat_early, 2), wib_at(2026, 12, 16, 0, 0));
        // Ten working days span two weekends.
        assert_eq!(due_at(mon, 10), wib_at(2026, 12, 21, 10, 30));
    }

    #[test]
    fn the_deadline_never_lands_on_a_weekend_and_is_never_early() {
        let start = wib_at(2026, 11, 30, 0, 0);
        for h in (0..24 * 14).step_by(5) {
            let filed = start + Duration::hours(h);
            for days in 1..=5 {
                let due = due_at(filed, days);
                let local = due.with_timezone(&wib());
                assert!(!is_weekend(local.weekday()), "{filed} + {days}");
                assert!(due - filed >= Duration::days(days), "{filed} + {days}");
                // At most two weekends' worth longer than the plain days.
                assert!(due - filed <= Duration::days(days + 4), "{filed} + {days}");
            }
        }
    }

    #[test]
    fn overdue_is_strictly_after_the_deadline() {
        let due = wib_at(2026, 12, 9, 10, 30);
        assert!(!is_overdue(due, due));
        assert!(is_overdue(due, due + Duration::seconds(1)));
        assert!(!is_overdue(due, due - Duration::hours(5)));
    }

    #[test]
    fn outcomes_fit_their_kind_of_complaint() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(Outcome::parse("bayar"), None);
        assert!(Outcome::open_to(true).contains(&Outcome::Refund));
        assert!(!Outcome::open_to(true).contains(&Outcome::Answer));
        assert!(Outcome::open_to(false).contains(&Outcome::Answer));
        assert!(!Outcome::open_to(false).contains(&Outcome::Refund));
        assert_eq!(Outcome::Refund.order_to(), Some(OrderStatus::Cancelled));
        assert_eq!(Outcome::Replace.order_to(), Some(OrderStatus::Completed));
        assert_eq!(Outcome::Reject.status(), "ditolak");
        assert_eq!(Outcome::Answer.order_to(), None);
    }

    #[test]
    fn messages_are_trimmed_and_bounded() {
        assert_eq!(check_text("  ok ya ", 2), Ok("ok ya".to_string()));
        assert_eq!(check_text(" a ", 2), Err(TextProblem::TooShort));
        assert_eq!(
            check_text(&"x".repeat(MESSAGE_MAX + 1), 2),
            Err(TextProblem::TooLong)
        );
        assert_eq!(
            check_text("baris\nkedua\u{7}", 2),
            Ok("baris\nkedua".into())
        );
    }
}

//! Rupiah amounts: whole rupiah in an `i64`, shown with id-ID grouping.

/// Digits of `n` grouped by thousands with `mark`, without sign.
fn grouped_with(n: u64, mark: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(ch);
    }
    out
}

/// Formats whole rupiah the Indonesian way: `Rp12.500`, `-Rp1.000`. The
/// currency keeps its own notation in English text too.
pub fn format_rupiah(amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}Rp{}", grouped_with(amount.unsigned_abs(), '.'))
}

/// Formats a count in the reader's language: `20.255` in Indonesian,
/// `20,255` in English.
pub fn format_number(n: i64, t: &crate::i18n::Texts) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let mark = t.group_mark.chars().next().unwrap_or('.');
    format!("{sign}{}", grouped_with(n.unsigned_abs(), mark))
}

#[cfg(test)]
mod tests {
    use super::{format_number, format_rupiah};

    #[test]
    fn rupiah_groups_thousands_with_dots() {
        assert_eq!(format_rupiah(0), "Rp0");
        assert_eq!(format_rupiah(500), "Rp500");
        assert_eq!(format_rupiah(1_000), "Rp1.000");
        assert_eq!(format_rupiah(12_500), "Rp12.500");
        assert_eq!(format_rupiah(100_000), "Rp100.000");
        assert_eq!(format_rupiah(16_200_000_000), "Rp16.200.000.000");
    }

    #[test]
    fn rupiah_negative_and_extremes() {
        assert_eq!(format_rupiah(-1_000), "-Rp1.000");
        assert_eq!(format_rupiah(i64::MIN), "-Rp9.223.372.036.854.775.808");
        assert_eq!(format_rupiah(i64::MAX), "Rp9.223.372.036.854.775.807");
    }

    #[test]
    fn counts_group_in_the_readers_language() {
        use crate::i18n::{EN, ID};
        assert_eq!(format_number(999, &ID), "999");
        assert_eq!(format_number(20_255, &ID), "20.255");
        assert_eq!(format_number(-4_412, &ID), "-4.412");
        assert_eq!(format_number(1_234, &EN), "1,234");
        assert_eq!(format_number(16_200_000, &EN), "16,200,000");
    }
}

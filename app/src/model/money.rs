//! Rupiah amounts: whole rupiah in an `i64`, shown with id-ID grouping.

/// Formats whole rupiah the Indonesian way: `Rp12.500`, `-Rp1.000`.
pub fn format_rupiah(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    if amount < 0 {
        format!("-Rp{grouped}")
    } else {
        format!("Rp{grouped}")
    }
}

#[cfg(test)]
mod tests {
    use super::format_rupiah;

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
}

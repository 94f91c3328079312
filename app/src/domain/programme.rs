//! The ASN programme: civil servants are asked to shop at Peken, and the
//! city follows each OPD (department) month by month: how many of its ASN
//! bought, what they spent, and that share against the city's target.
//! Totals only: a group with fewer than [`MIN_BUYERS`] buyers has its
//! spend withheld, so no page shows what one ASN bought.

/// The fewest buyers whose spend may be shown together.
pub const MIN_BUYERS: i64 = 3;

/// One OPD's month before withholding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpdMonth {
    /// ASN of the OPD registered on Peken.
    pub asn: i64,
    /// Of them, how many bought (completed orders placed in the month).
    pub buyers: i64,
    pub spend: i64,
}

/// Which rows' spend to withhold: every row with 1 to `MIN_BUYERS - 1`
/// buyers, and, while the withheld rows together hold fewer than
/// `MIN_BUYERS` buyers (so subtracting the shown rows from the total would
/// reveal them), the shown row with the fewest buyers as well.
pub fn withheld(rows: &[OpdMonth]) -> Vec<bool> {
    let mut hide: Vec<bool> = rows
        .iter()
        .map(|r| r.buyers > 0 && r.buyers < MIN_BUYERS)
        .collect();
    loop {
        let hidden: i64 = rows
            .iter()
            .zip(&hide)
            .filter(|(_, h)| **h)
            .map(|(r, _)| r.buyers)
            .sum();
        if hidden == 0 || hidden >= MIN_BUYERS {
            return hide;
        }
        let next = rows
            .iter()
            .enumerate()
            .filter(|(i, r)| !hide[*i] && r.buyers > 0)
            .min_by_key(|(i, r)| (r.buyers, *i));
        match next {
            Some((i, _)) => hide[i] = true,
            // Nothing left to hide with them: then the total is all there is.
            None => return hide,
        }
    }
}

/// Buyers as a share of the OPD's ASN, in tenths of a percent (0 with no
/// ASN registered).
pub fn share_permille(buyers: i64, asn: i64) -> i64 {
    if asn <= 0 {
        0
    } else {
        buyers.saturating_mul(1000) / asn
    }
}

/// Whether `buyers` of `asn` meet a target of `percent`.
pub fn meets_target(buyers: i64, asn: i64, percent: i64) -> bool {
    asn > 0 && buyers.saturating_mul(100) >= percent.saturating_mul(asn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(buyers: i64) -> OpdMonth {
        OpdMonth {
            asn: 10,
            buyers,
            spend: buyers * 100_000,
        }
    }

    #[test]
    fn small_groups_are_withheld() {
        assert_eq!(
            withheld(&[m(0), m(5), m(4), m(7)]),
            vec![false, false, false, false]
        );
        // Two small groups hold 3 buyers together: the total reveals no one.
        assert_eq!(withheld(&[m(1), m(2), m(5)]), vec![true, true, false]);
        // One buyer alone would be total minus the rest: the smallest shown
        // group is withheld with it.
        assert_eq!(
            withheld(&[m(6), m(1), m(4), m(0), m(9)]),
            vec![false, true, true, false, false]
        );
        // Nothing else to hide it with: only the total (of everyone) remains.
        assert_eq!(withheld(&[m(2)]), vec![true]);
        assert_eq!(withheld(&[]), Vec::<bool>::new());
    }

    #[test]
    fn withheld_rows_always_hold_enough_buyers_or_none() {
        // Every mix of 0..=4 buyers over four OPDs.
        for code in 0..625 {
            let rows: Vec<OpdMonth> = (0..4).map(|k| m((code / 5i64.pow(k)) % 5)).collect();
            let hide = withheld(&rows);
            let hidden: i64 = rows
                .iter()
                .zip(&hide)
                .filter(|(_, h)| **h)
                .map(|(r, _)| r.buyers)
                .sum();
            let shown_small = rows
                .iter()
                .zip(&hide)
                .any(|(r, h)| !*h && r.buyers > 0 && r.buyers < MIN_BUYERS);
            assert!(!shown_small, "{rows:?}");
            let anything_shown = rows.iter().zip(&hide).any(|(r, h)| !*h && r.buyers > 0);
            assert!(
                hidden == 0 || hidden >= MIN_BUYERS || !anything_shown,
                "{rows:?} {hide:?}"
            );
        }
    }

    #[test]
    fn shares_and_targets() {
        assert_eq!(share_permille(1, 3), 333);
        assert_eq!(share_permille(5, 0), 0);
        assert!(meets_target(5, 10, 50));
        assert!(!meets_target(4, 10, 50));
        assert!(!meets_target(0, 0, 50));
        assert!(meets_target(10, 10, 100));
    }
}

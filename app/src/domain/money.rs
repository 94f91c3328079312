//! Money: whole rupiah, never floats.

use serde::{Deserialize, Serialize};

/// An amount of whole rupiah (Indonesia uses no minor unit in practice).
/// Arithmetic is checked: an overflow is an error, never a wrapped total.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Rupiah(pub i64);

impl Rupiah {
    pub const ZERO: Rupiah = Rupiah(0);

    /// The amount as stored.
    pub fn get(self) -> i64 {
        self.0
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Rupiah) -> Option<Rupiah> {
        self.0.checked_add(other.0).map(Rupiah)
    }

    /// `self × qty`, or `None` on overflow.
    pub fn times(self, qty: i64) -> Option<Rupiah> {
        self.0.checked_mul(qty).map(Rupiah)
    }

    /// The sum of `amounts`, or `None` on overflow.
    pub fn sum(amounts: impl IntoIterator<Item = Rupiah>) -> Option<Rupiah> {
        amounts
            .into_iter()
            .try_fold(Rupiah::ZERO, |acc, a| acc.checked_add(a))
    }
}

/// `Rp12.500`: the Indonesian way, in both languages (it is the currency's
/// own notation).
impl std::fmt::Display for Rupiah {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::model::format_rupiah(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::Rupiah;

    #[test]
    fn rupiah_adds_and_multiplies_without_wrapping() {
        assert_eq!(Rupiah(12_500).times(3), Some(Rupiah(37_500)));
        assert_eq!(Rupiah(i64::MAX).times(2), None);
        assert_eq!(Rupiah(i64::MAX).checked_add(Rupiah(1)), None);
        assert_eq!(
            Rupiah::sum([Rupiah(1_000), Rupiah(2_500), Rupiah(0)]),
            Some(Rupiah(3_500))
        );
        assert_eq!(Rupiah::sum([Rupiah(i64::MAX), Rupiah(1)]), None);
        assert_eq!(Rupiah(12_500).to_string(), "Rp12.500");
        assert_eq!(serde_json::to_string(&Rupiah(7)).unwrap(), "7");
    }
}

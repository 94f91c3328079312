//! Moderation: words no product may carry, and same-brand price parity
//! (a rule the real programme set: the same product should not cost far
//! more in one shop than in another).

/// The banned word (as stored) that `text` holds as a whole word or
/// phrase, if any. Both are in search form (`server::search::normalize`:
/// lowercase, accents folded, one space between words, a leading space).
pub fn banned_in<'a>(text: &str, words: &'a [String]) -> Option<&'a str> {
    let text = format!("{text} ");
    words
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .find(|w| text.contains(&format!(" {w} ")))
}

/// Whether the dearest price is more than `percent` above the cheapest.
pub fn parity_broken(min: i64, max: i64, percent: i64) -> bool {
    min > 0 && (max as i128) * 100 > (min as i128) * (100 + percent as i128)
}

/// A banned word as typed by an officer: 2 to 40 characters once in
/// search form, at most four words.
pub fn word_ok(normalized: &str) -> bool {
    let n = normalized.trim().chars().count();
    (2..=40).contains(&n) && normalized.split_whitespace().count() <= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banned_words_match_whole_words_and_phrases() {
        let words = vec!["miras".to_string(), "obat kuat".to_string()];
        assert_eq!(banned_in(" jual miras murah", &words), Some("miras"));
        assert_eq!(banned_in(" miras", &words), Some("miras"));
        assert_eq!(banned_in(" obat kuat herbal", &words), Some("obat kuat"));
        // Inside another word, or the words apart: not a match.
        assert_eq!(banned_in(" kemirasan", &words), None);
        assert_eq!(banned_in(" obat batuk kuat", &words), None);
        assert_eq!(banned_in(" beras", &[]), None);
        assert_eq!(banned_in(" beras", &[" ".to_string()]), None);
    }

    #[test]
    fn parity_is_broken_past_the_share() {
        assert!(!parity_broken(10_000, 13_000, 30));
        assert!(parity_broken(10_000, 13_001, 30));
        assert!(!parity_broken(0, 5_000, 30));
        assert!(parity_broken(1, i64::MAX, 30));
    }

    #[test]
    fn words_are_short_phrases() {
        assert!(word_ok("miras"));
        assert!(word_ok("obat kuat"));
        assert!(!word_ok("a"));
        assert!(!word_ok("satu dua tiga empat lima"));
    }
}

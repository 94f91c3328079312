//! How text is made searchable, the same way for both engines.
//!
//! Products carry a normalised copy of their words (`search_text`: product
//! name, category, shop name and description; `search_name`: the name
//! alone). Queries are normalised the same way and split into words; a
//! product matches when every word occurs in its `search_text`, anywhere,
//! also inside a longer word (`kop` finds "Kopi Bubuk"). SQLite answers that
//! with an FTS5 trigram index, PostgreSQL with a pg_trgm index; both then
//! check the same `LIKE` conditions, so they return the same products.

use std::collections::HashMap;
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// At most this many words of a query are used.
pub const MAX_WORDS: usize = 8;
/// Longer words are cut to this many characters.
pub const MAX_WORD_CHARS: usize = 40;

/// Lowercase, accents removed (é → e), anything but letters and digits as
/// one space, with a leading space so that `LIKE '% kopi%'` finds a word
/// start. Empty text gives "".
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut space = true;
    out.push(' ');
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The words of a query, normalised, without repeats, at most [`MAX_WORDS`].
pub fn query_words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in normalize(query).split_whitespace() {
        let w: String = w.chars().take(MAX_WORD_CHARS).collect();
        if !words.contains(&w) {
            words.push(w);
        }
        if words.len() == MAX_WORDS {
            break;
        }
    }
    // A word inside another word adds nothing (every match of "kopi" also
    // contains "kop"), so only the longer one is kept.
    let all = words.clone();
    words.retain(|w| !all.iter().any(|o| o != w && o.contains(w.as_str())));
    words
}

/// A product's `search_text`: its name, category, shop and description.
pub fn product_text(name: &str, category: &str, shop: &str, description: &str) -> String {
    let mut t = normalize(name);
    for part in [category, shop, description] {
        let n = normalize(part);
        if !n.is_empty() {
            t.push_str(&n);
        }
    }
    t
}

/// The words products are named with and how many products use each, for
/// correcting a misspelt query.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    words: Vec<(String, u32)>,
}

impl Vocabulary {
    /// Counts the words of normalised product names (and category names).
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for n in names {
            for w in n.split_whitespace() {
                if w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()) {
                    *counts.entry(w).or_default() += 1;
                }
            }
        }
        let mut words: Vec<(String, u32)> = counts
            .into_iter()
            .map(|(w, n)| (w.to_string(), n))
            .collect();
        // Most used first, so that among equally close words the common one wins.
        words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Vocabulary { words }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether some word contains `word` (then it needs no correcting).
    fn knows(&self, word: &str) -> bool {
        self.words.iter().any(|(w, _)| w.contains(word))
    }

    /// The closest known word to a misspelt one: one edit away for words of
    /// up to five letters, two for longer ones (swapped letters count as one).
    fn closest(&self, word: &str) -> Option<&str> {
        let len = word.chars().count();
        if len < 3 {
            return None;
        }
        let allowed = if len <= 5 { 1 } else { 2 };
        let mut best: Option<(&str, usize)> = None;
        for (w, _) in &self.words {
            let wl = w.chars().count();
            if wl.abs_diff(len) > allowed {
                continue;
            }
            let d = strsim::osa_distance(word, w);
            if d <= allowed && best.is_none_or(|(_, bd)| d < bd) {
                best = Some((w, d));
            }
        }
        best.map(|(w, _)| w)
    }

    /// The query with each unknown word replaced by its closest known word,
    /// or `None` when nothing could be corrected.
    pub fn correct(&self, words: &[String]) -> Option<Vec<String>> {
        let mut changed = false;
        let mut out = Vec::with_capacity(words.len());
        for w in words {
            if self.knows(w) {
                out.push(w.clone());
            } else if let Some(c) = self.closest(w) {
                out.push(c.to_string());
                changed = true;
            } else {
                out.push(w.clone());
            }
        }
        changed.then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_folds_case_accents_and_punctuation() {
        assert_eq!(normalize("Kopi Bubuk  KAPAL-API!"), " kopi bubuk kapal api");
        assert_eq!(normalize("Café Crème brûlée"), " cafe creme brulee");
        assert_eq!(
            normalize("Beras 5 kg (Pandan Wangi)"),
            " beras 5 kg pandan wangi"
        );
        assert_eq!(normalize("  "), "");
        assert_eq!(normalize("½ kg"), " 1 2 kg");
    }

    #[test]
    fn query_words_are_normalised_and_deduplicated() {
        assert_eq!(query_words("  KOPI kopi Bubuk "), vec!["kopi", "bubuk"]);
        assert_eq!(query_words("kop kopi"), vec!["kopi"]);
        assert_eq!(query_words("%_'\""), Vec::<String>::new());
        assert_eq!(query_words("a b c d e f g h i j").len(), MAX_WORDS);
        let long = "x".repeat(100);
        assert_eq!(query_words(&long)[0].len(), MAX_WORD_CHARS);
    }

    #[test]
    fn product_text_joins_every_part() {
        assert_eq!(
            product_text("Kopi Bubuk", "Minuman", "Toko Bu Sri", ""),
            " kopi bubuk minuman toko bu sri"
        );
    }

    #[test]
    fn misspelt_words_are_corrected_to_common_ones() {
        let names = [
            " kopi bubuk kapal api",
            " kopi susu",
            " kapi",
            " sambal bawang",
            " keripik tempe",
        ];
        let v = Vocabulary::from_names(names);
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        // One letter wrong: the more common "kopi" wins over "kapi".
        assert_eq!(v.correct(&w("kopu")), Some(w("kopi")));
        // Swapped letters and a longer word with two mistakes.
        assert_eq!(v.correct(&w("smabal")), Some(w("sambal")));
        // Too far from any word for its length.
        assert_eq!(v.correct(&w("kripk")), None);
        assert_eq!(v.correct(&w("kerupik tempe")), Some(w("keripik tempe")));
        // Known words and parts of words stay; hopeless words are left alone.
        assert_eq!(v.correct(&w("kop bubuk")), None);
        assert_eq!(v.correct(&w("zzzzzz")), None);
    }
}

//! Search and browse: what a buyer asked for (as it stands in the URL) and
//! what came back.

use super::{Category, ProductCard};
use serde::{Deserialize, Serialize};

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SearchSort {
    /// Best match first (product-name matches before description matches).
    Relevance,
    Cheapest,
    Priciest,
    Newest,
    BestSelling,
}

impl SearchSort {
    pub const ALL: [SearchSort; 5] = [
        SearchSort::Relevance,
        SearchSort::Cheapest,
        SearchSort::Priciest,
        SearchSort::Newest,
        SearchSort::BestSelling,
    ];

    /// The value in the URL (`urut=`).
    pub fn as_str(self) -> &'static str {
        match self {
            SearchSort::Relevance => "relevan",
            SearchSort::Cheapest => "termurah",
            SearchSort::Priciest => "termahal",
            SearchSort::Newest => "terbaru",
            SearchSort::BestSelling => "terlaris",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        SearchSort::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What a user reads, in the page's language.
    pub fn label(self, t: &crate::i18n::Texts) -> &'static str {
        match self {
            SearchSort::Relevance => t.sort_relevance,
            SearchSort::Cheapest => t.sort_cheapest,
            SearchSort::Priciest => t.sort_priciest,
            SearchSort::Newest => t.sort_newest,
            SearchSort::BestSelling => t.sort_best_selling,
        }
    }
}

/// The URL parameters of a search, exactly as typed (so a form can show
/// them again). `None` and empty both mean "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    /// Words to look for.
    pub q: Option<String>,
    /// Category slug.
    pub kategori: Option<String>,
    /// Kecamatan name.
    pub kecamatan: Option<String>,
    /// Shop kind: `toko_kelontong` or `umkm`.
    pub jenis: Option<String>,
    /// `1`: only shops of low-income (MBR) owners.
    pub mbr: Option<String>,
    /// Price range in rupiah; dots and "Rp" are allowed.
    pub harga_min: Option<String>,
    pub harga_maks: Option<String>,
    /// `1`: only products in stock.
    pub stok: Option<String>,
    /// Sort order, see [`SearchSort::as_str`].
    pub urut: Option<String>,
    /// 1-based page number.
    pub halaman: Option<String>,
}

/// The parameter names, in the order URLs list them.
pub const SEARCH_KEYS: [&str; 10] = [
    "q",
    "kategori",
    "kecamatan",
    "jenis",
    "mbr",
    "harga_min",
    "harga_maks",
    "stok",
    "urut",
    "halaman",
];

/// The filters (everything but the words, the order and the page).
pub const FILTER_KEYS: [&str; 7] = [
    "kategori",
    "kecamatan",
    "jenis",
    "mbr",
    "harga_min",
    "harga_maks",
    "stok",
];

impl SearchParams {
    /// Reads the parameters from URL pairs. HTML forms send spaces as `+`,
    /// which the router leaves as they are; they are read as spaces here.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut p = SearchParams::default();
        for (k, v) in pairs {
            let v = v.replace('+', " ");
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            if let Some(slot) = p.slot(k) {
                *slot = Some(v.chars().take(200).collect());
            }
        }
        p
    }

    /// Reads the parameters a server function received one by one.
    pub fn from_options<const N: usize>(args: [(&str, Option<String>); N]) -> Self {
        SearchParams::from_pairs(
            args.iter()
                .filter_map(|(k, v)| v.as_deref().map(|v| (*k, v))),
        )
    }

    fn slot(&mut self, key: &str) -> Option<&mut Option<String>> {
        Some(match key {
            "q" => &mut self.q,
            "kategori" => &mut self.kategori,
            "kecamatan" => &mut self.kecamatan,
            "jenis" => &mut self.jenis,
            "mbr" => &mut self.mbr,
            "harga_min" => &mut self.harga_min,
            "harga_maks" => &mut self.harga_maks,
            "stok" => &mut self.stok,
            "urut" => &mut self.urut,
            "halaman" => &mut self.halaman,
            _ => return None,
        })
    }

    /// The value of one parameter, if given and not blank.
    pub fn get(&self, key: &str) -> Option<&str> {
        let v = match key {
            "q" => &self.q,
            "kategori" => &self.kategori,
            "kecamatan" => &self.kecamatan,
            "jenis" => &self.jenis,
            "mbr" => &self.mbr,
            "harga_min" => &self.harga_min,
            "harga_maks" => &self.harga_maks,
            "stok" => &self.stok,
            "urut" => &self.urut,
            "halaman" => &self.halaman,
            _ => &None,
        };
        v.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }

    /// A copy with one parameter removed (the page always resets to 1).
    pub fn without(&self, key: &str) -> SearchParams {
        let mut p = self.clone();
        if let Some(slot) = p.slot(key) {
            *slot = None;
        }
        p.halaman = None;
        p
    }

    /// A copy with every filter removed, keeping the words and the order.
    pub fn without_filters(&self) -> SearchParams {
        SearchParams {
            q: self.q.clone(),
            urut: self.urut.clone(),
            ..SearchParams::default()
        }
    }

    /// Whether any filter is set.
    pub fn has_filters(&self) -> bool {
        FILTER_KEYS.iter().any(|k| self.get(k).is_some())
    }

    /// The address of these parameters on `base` (`/cari`, `/toko/x`), on
    /// page `page` (page 1 is left out).
    pub fn href(&self, base: &str, page: i64) -> String {
        let mut parts = Vec::new();
        for key in SEARCH_KEYS {
            if key == "halaman" {
                continue;
            }
            if let Some(v) = self.get(key) {
                parts.push(format!("{key}={}", encode(v)));
            }
        }
        if page > 1 {
            parts.push(format!("halaman={page}"));
        }
        if parts.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", parts.join("&"))
        }
    }
}

/// Percent-encodes a query value (spaces as `%20`).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Reads a rupiah amount as people type it: `25000`, `25.000`, `Rp 25.000`.
/// `None` when it is not a whole, non-negative amount.
pub fn parse_rupiah(s: &str) -> Option<i64> {
    let t = s.trim();
    let t = t
        .strip_prefix("Rp")
        .or_else(|| t.strip_prefix("rp"))
        .or_else(|| t.strip_prefix("RP"))
        .unwrap_or(t)
        .trim();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    // Dots group thousands; a dot followed by other than three digits is a typo.
    let mut groups = t.split('.');
    let first = groups.next()?;
    if first.is_empty() {
        return None;
    }
    let mut digits = first.to_string();
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        digits.push_str(g);
    }
    digits
        .parse::<i64>()
        .ok()
        .filter(|v| *v <= 1_000_000_000_000)
}

/// A parameter that was not understood and was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SearchProblem {
    UnknownCategory,
    UnknownKecamatan,
    UnknownKind,
    BadPriceMin,
    BadPriceMax,
    /// The minimum is above the maximum: both were left out.
    PriceRangeReversed,
    UnknownSort,
    BadPage,
}

impl SearchProblem {
    /// What the user is told, in the page's language.
    pub fn message(self, t: &crate::i18n::Texts) -> &'static str {
        match self {
            SearchProblem::UnknownCategory => t.problem_category,
            SearchProblem::UnknownKecamatan => t.problem_kecamatan,
            SearchProblem::UnknownKind => t.problem_kind,
            SearchProblem::BadPriceMin => t.problem_price_min,
            SearchProblem::BadPriceMax => t.problem_price_max,
            SearchProblem::PriceRangeReversed => t.problem_price_range,
            SearchProblem::UnknownSort => t.problem_sort,
            SearchProblem::BadPage => t.problem_page,
        }
    }
}

impl SearchPage {
    /// The number of matches as shown: "1.000+" when counting stopped.
    pub fn count_text(&self, t: &crate::i18n::Texts) -> String {
        let n = super::format_number(self.total, t);
        if self.more {
            format!("{n}+")
        } else {
            n
        }
    }
}

/// One page of search (or browse) results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchPage {
    /// What was asked, as typed.
    pub params: SearchParams,
    /// The order used.
    pub sort: SearchSort,
    pub products: Vec<ProductCard>,
    /// How many products match in all, counted up to a cap.
    pub total: i64,
    /// More products match than `total` (the count stopped at the cap).
    pub more: bool,
    /// 1-based page number and how many pages there are.
    pub page: i64,
    pub pages: i64,
    /// The words searched instead, when the typed ones found nothing and a
    /// spelling close to them did.
    pub corrected: Option<String>,
    /// Parameters that were not understood and were left out.
    pub problems: Vec<SearchProblem>,
    /// For the filter form.
    pub categories: Vec<Category>,
    pub kecamatan: Vec<String>,
    /// Shops whose name matches the words (first page only, a few), and
    /// how many match in all.
    #[serde(default)]
    pub shops: Vec<crate::model::ShopCard>,
    #[serde(default)]
    pub shops_total: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capped_count_reads_as_so_many_plus() {
        let page = |total, more| SearchPage {
            params: SearchParams::default(),
            sort: SearchSort::Relevance,
            products: Vec::new(),
            total,
            more,
            page: 1,
            pages: 1,
            shops: Vec::new(),
            shops_total: 0,
            corrected: None,
            problems: Vec::new(),
            categories: Vec::new(),
            kecamatan: Vec::new(),
        };
        use crate::i18n::{EN, ID};
        assert_eq!(page(1000, true).count_text(&ID), "1.000+");
        assert_eq!(page(1000, false).count_text(&ID), "1.000");
        assert_eq!(page(1000, true).count_text(&EN), "1,000+");
        assert_eq!(page(7, false).count_text(&ID), "7");
    }

    #[test]
    fn params_round_trip_through_the_url() {
        let p = SearchParams::from_pairs([
            ("q", "kopi+bubuk"),
            ("kecamatan", "Dukuh Pakis"),
            ("stok", "1"),
            ("harga_maks", ""),
            ("halaman", "3"),
            ("lain", "x"),
        ]);
        assert_eq!(p.get("q"), Some("kopi bubuk"));
        assert_eq!(p.get("harga_maks"), None);
        assert!(p.has_filters());
        assert_eq!(
            p.href("/cari", 3),
            "/cari?q=kopi%20bubuk&kecamatan=Dukuh%20Pakis&stok=1&halaman=3"
        );
        assert_eq!(
            p.without("stok").href("/cari", 1),
            "/cari?q=kopi%20bubuk&kecamatan=Dukuh%20Pakis"
        );
        assert_eq!(p.without_filters().href("/cari", 1), "/cari?q=kopi%20bubuk");
        let evil = SearchParams::from_pairs([("q", "a&b=c#d")]);
        assert_eq!(evil.href("/cari", 1), "/cari?q=a%26b%3Dc%23d");
    }

    #[test]
    fn rupiah_amounts_read_as_typed() {
        assert_eq!(parse_rupiah("25000"), Some(25_000));
        assert_eq!(parse_rupiah("25.000"), Some(25_000));
        assert_eq!(parse_rupiah("Rp 1.250.000"), Some(1_250_000));
        assert_eq!(parse_rupiah("0"), Some(0));
        for bad in [
            "",
            "-5",
            "25,5",
            "2.50",
            "abc",
            "Rp",
            ".000",
            "99999999999999",
        ] {
            assert_eq!(parse_rupiah(bad), None, "{bad}");
        }
    }

    #[test]
    fn sort_names_parse_back() {
        for s in SearchSort::ALL {
            assert_eq!(SearchSort::parse(s.as_str()), Some(s));
        }
        assert_eq!(SearchSort::parse("acak"), None);
    }
}

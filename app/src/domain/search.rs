//! What a search asks for: the URL's parameters understood, each one that
//! cannot be used reported (never silently dropped), and the page count.

use crate::model::{parse_rupiah, Category, SearchParams, SearchProblem, SearchSort, ShopKind};

/// How many products a results page lists.
pub const PAGE_SIZE: i64 = 24;

/// A search's filters, order and page, as understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub sort: SearchSort,
    pub category_id: Option<i64>,
    pub kecamatan: Option<String>,
    pub kind: Option<ShopKind>,
    pub mbr_only: bool,
    pub in_stock: bool,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    /// From 1.
    pub page: i64,
}

impl SearchQuery {
    /// Rows to skip for this page.
    pub fn offset(&self) -> i64 {
        (self.page - 1).saturating_mul(PAGE_SIZE)
    }
}

/// Understands `params`. `has_words` says whether the query has words
/// (relevance is then the default order, else best sellers). Inside one
/// shop only the words, the order and the page apply; otherwise category
/// and kecamatan must be among the known ones.
pub fn interpret(
    params: &SearchParams,
    has_words: bool,
    within_shop: bool,
    categories: &[Category],
    kecamatan: &[String],
) -> (SearchQuery, Vec<SearchProblem>) {
    let mut problems = Vec::new();
    let sort = match params.get("urut") {
        None => None,
        Some(s) => {
            let sort = SearchSort::parse(s);
            if sort.is_none() {
                problems.push(SearchProblem::UnknownSort);
            }
            sort
        }
    };
    let mut q = SearchQuery {
        sort: sort.unwrap_or(if has_words {
            SearchSort::Relevance
        } else {
            SearchSort::BestSelling
        }),
        category_id: None,
        kecamatan: None,
        kind: None,
        mbr_only: false,
        in_stock: false,
        price_min: None,
        price_max: None,
        page: 1,
    };
    if !within_shop {
        if let Some(slug) = params.get("kategori") {
            match categories.iter().find(|c| c.slug == slug) {
                Some(c) => q.category_id = Some(c.id),
                None => problems.push(SearchProblem::UnknownCategory),
            }
        }
        if let Some(k) = params.get("kecamatan") {
            match kecamatan.iter().find(|n| n.eq_ignore_ascii_case(k)) {
                Some(n) => q.kecamatan = Some(n.clone()),
                None => problems.push(SearchProblem::UnknownKecamatan),
            }
        }
        if let Some(j) = params.get("jenis") {
            match ShopKind::parse(j) {
                Some(kind) => q.kind = Some(kind),
                None => problems.push(SearchProblem::UnknownKind),
            }
        }
        q.mbr_only = params.get("mbr").is_some();
        q.in_stock = params.get("stok").is_some();
        let min = params
            .get("harga_min")
            .map(|v| parse_rupiah(v).ok_or(SearchProblem::BadPriceMin));
        let max = params
            .get("harga_maks")
            .map(|v| parse_rupiah(v).ok_or(SearchProblem::BadPriceMax));
        for bad in [&min, &max].into_iter().flatten().filter_map(|r| r.err()) {
            problems.push(bad);
        }
        let (min, max) = (min.and_then(Result::ok), max.and_then(Result::ok));
        match (min, max) {
            (Some(lo), Some(hi)) if lo > hi => problems.push(SearchProblem::PriceRangeReversed),
            _ => (q.price_min, q.price_max) = (min, max),
        }
    }
    q.page = match params.get("halaman") {
        None => 1,
        Some(p) => match p.parse::<i64>() {
            Ok(n) if n >= 1 => n,
            _ => {
                problems.push(SearchProblem::BadPage);
                1
            }
        },
    };
    (q, problems)
}

/// How many pages the results take. When counting stopped early (`more`)
/// and this page still shows products, there is at least this page.
pub fn page_count(total: i64, more: bool, shows_products: bool, page: i64) -> i64 {
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    if more && shows_products {
        pages.max(page)
    } else {
        pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> SearchParams {
        SearchParams::from_pairs(pairs.iter().copied())
    }

    fn cat(id: i64, slug: &str) -> Category {
        Category {
            id,
            slug: slug.into(),
            name: slug.into(),
            product_count: 0,
        }
    }

    #[test]
    fn every_parameter_is_understood_or_reported() {
        let cats = [cat(1, "sembako"), cat(2, "minuman")];
        let kec = ["Gubeng".to_string(), "Dukuh Pakis".to_string()];
        let (q, problems) = interpret(
            &params(&[
                ("kategori", "minuman"),
                ("kecamatan", "dukuh pakis"),
                ("jenis", "umkm"),
                ("mbr", "1"),
                ("stok", "1"),
                ("harga_min", "Rp 5.000"),
                ("harga_maks", "25000"),
                ("urut", "termurah"),
                ("halaman", "3"),
            ]),
            true,
            false,
            &cats,
            &kec,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(q.category_id, Some(2));
        assert_eq!(q.kecamatan.as_deref(), Some("Dukuh Pakis"));
        assert_eq!(q.kind, Some(ShopKind::Umkm));
        assert!(q.mbr_only && q.in_stock);
        assert_eq!((q.price_min, q.price_max), (Some(5_000), Some(25_000)));
        assert_eq!(q.sort, SearchSort::Cheapest);
        assert_eq!((q.page, q.offset()), (3, 48));

        let (q, problems) = interpret(
            &params(&[
                ("kategori", "senjata"),
                ("kecamatan", "Atlantis"),
                ("jenis", "pabrik"),
                ("harga_min", "abc"),
                ("urut", "acak"),
                ("halaman", "0"),
            ]),
            false,
            false,
            &cats,
            &kec,
        );
        assert_eq!(
            problems,
            vec![
                SearchProblem::UnknownSort,
                SearchProblem::UnknownCategory,
                SearchProblem::UnknownKecamatan,
                SearchProblem::UnknownKind,
                SearchProblem::BadPriceMin,
                SearchProblem::BadPage,
            ]
        );
        assert_eq!(q.sort, SearchSort::BestSelling, "no words: best sellers");
        assert_eq!((q.category_id, q.page), (None, 1));

        let (q, problems) = interpret(
            &params(&[("harga_min", "30000"), ("harga_maks", "1000")]),
            true,
            false,
            &cats,
            &kec,
        );
        assert_eq!(problems, vec![SearchProblem::PriceRangeReversed]);
        assert_eq!((q.price_min, q.price_max), (None, None));
        assert_eq!(q.sort, SearchSort::Relevance, "words: relevance");
        // Inside a shop, the catalog filters do not apply.
        let (q, problems) = interpret(
            &params(&[("kategori", "senjata"), ("stok", "1")]),
            true,
            true,
            &[],
            &[],
        );
        assert!(problems.is_empty() && !q.in_stock);
    }

    #[test]
    fn pages_cover_the_counted_results() {
        assert_eq!(page_count(0, false, false, 1), 1);
        assert_eq!(page_count(24, false, true, 1), 1);
        assert_eq!(page_count(25, false, true, 1), 2);
        // Counting stopped at 1,000 but page 50 still shows products.
        assert_eq!(page_count(1_000, true, true, 50), 50);
        assert_eq!(page_count(1_000, true, false, 50), 42);
    }
}

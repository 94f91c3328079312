//! Catalog types: shops, categories, products, as the pages show them.

use serde::{Deserialize, Serialize};

/// The two kinds of seller Peken serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ShopKind {
    /// A neighbourhood grocery shop.
    TokoKelontong,
    /// A micro, small or medium business (makers of food, crafts, batik, ...).
    Umkm,
}

impl ShopKind {
    /// The stable identifier stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ShopKind::TokoKelontong => "toko_kelontong",
            ShopKind::Umkm => "umkm",
        }
    }

    /// Parses the stored identifier.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "toko_kelontong" => Some(ShopKind::TokoKelontong),
            "umkm" => Some(ShopKind::Umkm),
            _ => None,
        }
    }

    /// What a user reads, in the page's language.
    pub fn label(self, t: &crate::i18n::Texts) -> &'static str {
        match self {
            ShopKind::TokoKelontong => t.kind_kelontong,
            ShopKind::Umkm => t.kind_umkm,
        }
    }
}

/// A product photo as stored: a path under `/media` and its pixel size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub url: String,
    pub width: i64,
    pub height: i64,
    /// The sizes an uploaded photo was stored in, for `<img srcset>`.
    #[serde(default)]
    pub srcset: Option<String>,
}

/// `srcset` for a stored photo path (`u/<id>/card.jpg`): its thumbnail,
/// card and large variants with their widths. None for other pictures.
pub fn srcset_of(path: &str) -> Option<String> {
    let dir = path.strip_prefix("u/")?.strip_suffix("/card.jpg")?;
    Some(format!(
        "/media/u/{dir}/thumb.jpg 160w, /media/u/{dir}/card.jpg 480w, /media/u/{dir}/large.jpg 1280w"
    ))
}

/// A product name with each size kept on one line: the space between a
/// number and a short unit after it ("165 g", "1,5 L", "20 x 20 cm")
/// becomes a no-break space.
pub fn keep_sizes(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let mut prev: Option<&str> = None;
    for word in name.split(' ').filter(|w| !w.is_empty()) {
        if let Some(p) = prev {
            let number_before = p.ends_with(|c: char| c.is_ascii_digit());
            let unit = word.len() <= 3 && word.chars().all(char::is_alphabetic);
            out.push(if number_before && unit { '\u{a0}' } else { ' ' });
        }
        out.push_str(word);
        prev = Some(word);
    }
    out
}

/// A category with how many active products it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub product_count: i64,
}

/// A shop as listed on the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopCard {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: ShopKind,
    pub is_mbr: bool,
    pub kecamatan: String,
    pub product_count: i64,
}

/// A product as listed in grids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: i64,
    pub name: String,
    pub price: i64,
    pub stock: i64,
    pub unit: String,
    pub shop_name: String,
    pub shop_slug: String,
    pub kecamatan: String,
    pub photo: Option<Photo>,
}

/// Marketplace totals shown on the home page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketStats {
    pub shops: i64,
    pub products: i64,
    pub completed_orders: i64,
    pub completed_value: i64,
}

/// Everything the home page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    /// When these figures were read (shown in WIB).
    pub as_of: chrono::DateTime<chrono::Utc>,
    pub stats: MarketStats,
    pub categories: Vec<Category>,
    pub kecamatan: Vec<String>,
    pub selected_kecamatan: Option<String>,
    pub shops: Vec<ShopCard>,
    pub newest: Vec<ProductCard>,
    pub popular: Vec<ProductCard>,
}

/// What buyers' reviews add up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rating {
    pub count: i64,
    /// The average of 1–5 stars, times ten and rounded (46 is 4.6).
    pub average_x10: i64,
}

impl Rating {
    /// "★ 4,6 · 12 ulasan" (English: "★ 4.6 · 12 reviews"), or "Belum ada ulasan".
    pub fn label(&self, t: &crate::i18n::Texts) -> String {
        if self.count == 0 {
            return t.no_reviews.into();
        }
        let avg = format!(
            "{}{}{}",
            self.average_x10 / 10,
            t.decimal_mark,
            self.average_x10 % 10
        );
        crate::i18n::fill(
            t.rating,
            &[
                ("avg", &avg),
                ("n", &crate::model::format_number(self.count, t)),
            ],
        )
    }
}

/// A product page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub card: ProductCard,
    pub description: String,
    pub category: Category,
    pub shop: ShopCard,
    pub sold: i64,
    pub rating: Rating,
    /// The shop reached the city's monthly sales cap: not for sale until
    /// next month.
    #[serde(default)]
    pub at_cap: bool,
}

/// One page of a category's products.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryPage {
    pub category: Category,
    pub products: Vec<ProductCard>,
    /// 1-based page number and how many pages there are.
    pub page: i64,
    pub pages: i64,
}

/// One page of the shop directory (`/toko`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopDirectory {
    /// The filters as given (kecamatan, jenis, mbr, q), for links and the form.
    pub params: crate::model::SearchParams,
    pub shops: Vec<ShopCard>,
    /// How many shops match in all.
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub kecamatan: Vec<String>,
}

/// A shop page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopDetail {
    pub card: ShopCard,
    pub address: String,
    pub description: String,
    pub open_hours: String,
    /// The shop's photo, if it uploaded one.
    #[serde(default)]
    pub photo: Option<Photo>,
    /// One page of the shop's products (searched within the shop).
    pub products: crate::model::SearchPage,
    pub rating: Rating,
    /// Reached the city's monthly sales cap: its products are not listed
    /// until next month.
    #[serde(default)]
    pub at_cap: bool,
}

/// Who a user is to Peken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// A civil-servant buyer (has NIP and OPD).
    Asn,
    /// A member of the public buying.
    Umum,
    /// A seller who owns (or applies for) a shop.
    Merchant,
    /// City staff.
    Admin,
}

impl Role {
    /// The stable identifier stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Asn => "asn",
            Role::Umum => "umum",
            Role::Merchant => "merchant",
            Role::Admin => "admin",
        }
    }

    /// Buyers are ASN and the public; merchants and admins do not buy.
    pub fn is_buyer(self) -> bool {
        matches!(self, Role::Asn | Role::Umum)
    }

    /// The role as users read it.
    pub fn label(self, t: &crate::i18n::Texts) -> &'static str {
        match self {
            Role::Asn => t.role_asn,
            Role::Umum => t.role_umum,
            Role::Merchant => t.role_merchant,
            Role::Admin => t.role_admin,
        }
    }

    /// Parses the stored identifier.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "asn" => Some(Role::Asn),
            "umum" => Some(Role::Umum),
            "merchant" => Some(Role::Merchant),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

#[cfg(test)]
mod rating_tests {
    use super::Rating;

    #[test]
    fn sizes_stay_whole_in_names() {
        use super::keep_sizes;
        assert_eq!(
            keep_sizes("Kopi Bubuk Kapal Api 165 g"),
            "Kopi Bubuk Kapal Api 165\u{a0}g"
        );
        assert_eq!(
            keep_sizes("Air Mineral Aqua 1,5 L"),
            "Air Mineral Aqua 1,5\u{a0}L"
        );
        // Words after a number that are not units stay breakable.
        assert_eq!(keep_sizes("Lampu LED 9 Watt"), "Lampu LED 9 Watt");
        assert_eq!(keep_sizes("  Kue  Ku "), "Kue Ku");
    }

    #[test]
    fn ratings_read_with_a_decimal_comma() {
        use crate::i18n::{EN, ID};
        assert_eq!(Rating::default().label(&ID), "Belum ada ulasan");
        assert_eq!(Rating::default().label(&EN), "No reviews yet");
        let r = Rating {
            count: 1234,
            average_x10: 46,
        };
        assert_eq!(r.label(&ID), "★ 4,6 · 1.234 ulasan");
        assert_eq!(r.label(&EN), "★ 4.6 · 1,234 reviews");
        let five = Rating {
            count: 1,
            average_x10: 50,
        };
        assert_eq!(five.label(&ID), "★ 5,0 · 1 ulasan");
    }
}

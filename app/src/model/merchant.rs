//! The merchant's forms and their rules, shared by the browser and the
//! server: a shop application (owner NIK, MBR number, bank account,
//! delivery settings) and a product. Every check returns all problems at
//! once, in the reader's language, keyed by the form field's name.

use super::account::{normalize_phone, parse_pin, validate_name, FieldErrors};
use super::{parse_rupiah, ShopKind};
use crate::i18n::{fill, Texts};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Units a product is sold in (stored as written here).
pub const UNITS: &[&str] = &[
    "pcs", "buah", "bungkus", "botol", "kaleng", "karung", "kg", "gram", "liter", "kotak",
    "lembar", "loyang", "pak", "pouch", "renceng", "sachet", "set", "toples", "tube", "porsi",
    "ikat", "lusin", "dus", "tray", "galon", "besek",
];

/// The most a product may cost (Rp100 juta): anything above is a typo.
pub const PRICE_MAX: i64 = 100_000_000;
/// The most units a shop may hold of one product.
pub const STOCK_MAX: i64 = 1_000_000;
/// The most a product may weigh, in grams (1 ton).
pub const WEIGHT_MAX: i64 = 1_000_000;
/// Photos per product.
pub const PHOTOS_MAX: usize = 5;
/// The courier's farthest radius a shop may set, in km.
pub const RADIUS_MAX_KM: i64 = 50;
/// The highest delivery fee part (base or per km) a shop may set.
pub const FEE_MAX: i64 = 500_000;

/// Indonesian province codes (the first two digits of a NIK).
const PROVINCES: &[u32] = &[
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
    71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
];

/// Why a NIK was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NikProblem {
    /// Not 16 digits.
    Length,
    /// The region part names no province, regency or district.
    Region,
    /// The birth-date part (day + 40 for women) is not a date.
    BirthDate,
    /// The serial part is 0000.
    Serial,
}

/// Checks a NIK (Nomor Induk Kependudukan): 16 digits, a province code, a
/// regency and district that are not 00, a birth date `DDMMYY` where women
/// add 40 to the day, and a serial that is not 0000. Spaces and dots typed
/// between groups are ignored.
pub fn validate_nik(input: &str) -> Result<String, NikProblem> {
    let digits: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    if digits.len() != 16 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(NikProblem::Length);
    }
    let num = |a: usize, b: usize| digits[a..b].parse::<u32>().expect("digits");
    if !PROVINCES.contains(&num(0, 2)) || num(2, 4) == 0 || num(4, 6) == 0 {
        return Err(NikProblem::Region);
    }
    let mut day = num(6, 8);
    if day > 40 {
        day -= 40;
    }
    let (month, yy) = (num(8, 10), num(10, 12));
    // The century is unknown; a date valid in either is a date (29 Feb
    // needs a leap year: 2000 is one, so "290200" passes).
    let valid = [1900, 2000].iter().any(|c| {
        NaiveDate::from_ymd_opt((c + yy) as i32, month, day).is_some_and(|d| d.day() == day)
    });
    if !valid {
        return Err(NikProblem::BirthDate);
    }
    if num(12, 16) == 0 {
        return Err(NikProblem::Serial);
    }
    Ok(digits)
}

/// A NIK as pages show it: `3578••••••••0001`.
pub fn mask_nik(nik: &str) -> String {
    if nik.len() != 16 || !nik.is_ascii() {
        return "•".repeat(16);
    }
    format!("{}{}{}", &nik[..4], "•".repeat(8), &nik[12..])
}

/// A bank account number: 6 to 20 digits (spaces, dots and dashes typed
/// between groups are dropped).
pub fn validate_bank_account(input: &str) -> Option<String> {
    let digits: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    ((6..=20).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()))
        .then_some(digits)
}

/// A bank account as pages show it: only the last four digits.
pub fn mask_account(account: &str) -> String {
    let n = account.chars().count();
    let tail: String = account.chars().skip(n.saturating_sub(4)).collect();
    format!("{}{tail}", "•".repeat(n.saturating_sub(4)))
}

/// A whole number typed into a form (`1.000` allowed), within `0..=max`.
fn parse_count(input: &str, max: i64) -> Option<i64> {
    parse_rupiah(input).filter(|n| *n <= max)
}

/// Collapses runs of whitespace; checks length and control characters.
fn text(
    e: &mut FieldErrors,
    t: &Texts,
    field: &str,
    (min, max): (usize, usize),
    what: &str,
    value: &str,
) -> String {
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = v.chars().count();
    if n < min {
        e.insert(field.into(), fill(t.field_required, &[("what", &what)]));
    } else if n > max {
        e.insert(
            field.into(),
            fill(t.field_too_long, &[("what", &what), ("max", &max)]),
        );
    }
    v
}

/// A multi-line text: line breaks kept, other control characters refused.
fn long_text(e: &mut FieldErrors, t: &Texts, field: &str, max: usize, value: &str) -> String {
    let v = value.replace("\r\n", "\n").trim().to_string();
    if v.chars().count() > max {
        e.insert(
            field.into(),
            fill(
                t.field_too_long,
                &[("what", &t.what_description), ("max", &max)],
            ),
        );
    } else if v.chars().any(|c| c.is_control() && c != '\n') {
        e.insert(
            field.into(),
            fill(t.field_chars, &[("what", &t.what_description)]),
        );
    }
    v
}

/// A shop application as typed (all text; checkboxes present when ticked).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShopForm {
    pub name: String,
    pub kind: String,
    pub mbr: Option<String>,
    pub mbr_number: String,
    pub nik: String,
    pub kecamatan: String,
    pub kelurahan: String,
    pub address: String,
    pub lat: String,
    pub lng: String,
    pub phone: String,
    pub open_hours: String,
    pub description: String,
    pub delivers: Option<String>,
    pub base_fee: String,
    pub per_km: String,
    pub max_km: String,
    pub bank_name: String,
    pub bank_account: String,
    pub bank_holder: String,
}

/// A checked shop application, ready to store (kecamatan still to match).
#[derive(Debug, Clone, PartialEq)]
pub struct ShopInput {
    pub name: String,
    pub kind: ShopKind,
    pub mbr_number: Option<String>,
    pub nik: String,
    pub kecamatan: String,
    pub kelurahan: String,
    pub address: String,
    pub pin: Option<(f64, f64)>,
    pub phone: String,
    pub open_hours: String,
    pub description: String,
    pub delivers: bool,
    pub base_fee: i64,
    pub per_km: i64,
    pub max_m: i64,
    pub bank_name: String,
    pub bank_account: String,
    pub bank_holder: String,
}

impl ShopForm {
    /// Checks every field; all problems at once.
    pub fn validate(&self, t: &Texts) -> Result<ShopInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = text(&mut e, t, "name", (3, 60), t.what_shop_name, &self.name);
        let kind = ShopKind::parse(self.kind.trim());
        if kind.is_none() {
            e.insert("kind".into(), t.shop_kind_choose.into());
        }
        let mbr_number = if self.mbr.is_some() {
            let n: String = self.mbr_number.split_whitespace().collect();
            if (4..=30).contains(&n.len())
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-')
            {
                Some(n)
            } else {
                e.insert("mbr_number".into(), t.mbr_number_bad.into());
                None
            }
        } else {
            None
        };
        let nik = match validate_nik(&self.nik) {
            Ok(n) => n,
            Err(p) => {
                let msg = match p {
                    NikProblem::Length => t.nik_length,
                    NikProblem::Region => t.nik_region,
                    NikProblem::BirthDate => t.nik_birth,
                    NikProblem::Serial => t.nik_serial,
                };
                e.insert("nik".into(), msg.into());
                String::new()
            }
        };
        let kecamatan = self.kecamatan.trim().to_string();
        if kecamatan.is_empty() {
            e.insert("kecamatan".into(), t.choose_kecamatan_error.into());
        }
        let kelurahan = text(
            &mut e,
            t,
            "kelurahan",
            (2, 60),
            t.what_kelurahan,
            &self.kelurahan,
        );
        let address = text(&mut e, t, "address", (5, 200), t.what_street, &self.address);
        let pin = parse_pin(&self.lat, &self.lng).unwrap_or_else(|()| {
            e.insert("lat".into(), t.pin_outside.into());
            None
        });
        let phone = normalize_phone(&self.phone).unwrap_or_else(|m| {
            e.insert("phone".into(), m.message(t));
            String::new()
        });
        let open_hours = text(
            &mut e,
            t,
            "open_hours",
            (0, 80),
            t.what_open_hours,
            &self.open_hours,
        );
        let description = long_text(&mut e, t, "description", 1000, &self.description);
        let delivers = self.delivers.is_some();
        let mut fee = |field: &str, v: &str, max: i64| match parse_count(v, max) {
            Some(n) => n,
            None => {
                e.insert(
                    field.into(),
                    fill(t.number_range, &[("min", &0), ("max", &max)]),
                );
                0
            }
        };
        let (base_fee, per_km, max_km) = if delivers {
            (
                fee("base_fee", &self.base_fee, FEE_MAX),
                fee("per_km", &self.per_km, FEE_MAX),
                fee("max_km", &self.max_km, RADIUS_MAX_KM),
            )
        } else {
            (0, 0, 1)
        };
        if delivers && max_km == 0 && !e.contains_key("max_km") {
            e.insert(
                "max_km".into(),
                fill(t.number_range, &[("min", &1), ("max", &RADIUS_MAX_KM)]),
            );
        }
        let bank_name = text(
            &mut e,
            t,
            "bank_name",
            (2, 40),
            t.what_bank_name,
            &self.bank_name,
        );
        let bank_account = validate_bank_account(&self.bank_account).unwrap_or_else(|| {
            e.insert("bank_account".into(), t.bank_account_bad.into());
            String::new()
        });
        let bank_holder = validate_name(&self.bank_holder).unwrap_or_else(|m| {
            e.insert("bank_holder".into(), m.message(t));
            String::new()
        });
        match kind {
            Some(kind) if e.is_empty() => Ok(ShopInput {
                name,
                kind,
                mbr_number,
                nik,
                kecamatan,
                kelurahan,
                address,
                pin,
                phone,
                open_hours,
                description,
                delivers,
                base_fee,
                per_km,
                max_m: max_km * 1000,
                bank_name,
                bank_account,
                bank_holder,
            }),
            _ => Err(e),
        }
    }
}

/// A product as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductForm {
    pub name: String,
    pub category: String,
    pub description: String,
    pub price: String,
    pub stock: String,
    pub unit: String,
    pub weight: String,
}

/// A checked product (category still to match by slug).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductInput {
    pub name: String,
    pub category: String,
    pub description: String,
    pub price: i64,
    pub stock: i64,
    pub unit: String,
    pub weight_grams: i64,
}

/// Checks a price typed into a form: 1 to [`PRICE_MAX`] rupiah.
pub fn check_price(v: &str) -> Option<i64> {
    parse_count(v, PRICE_MAX).filter(|p| *p >= 1)
}

/// Checks a stock typed into a form: 0 to [`STOCK_MAX`].
pub fn check_stock(v: &str) -> Option<i64> {
    parse_count(v, STOCK_MAX)
}

impl ProductForm {
    pub fn validate(&self, t: &Texts) -> Result<ProductInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = text(&mut e, t, "name", (3, 120), t.what_product_name, &self.name);
        let category = self.category.trim().to_string();
        if category.is_empty() {
            e.insert("category".into(), t.category_choose.into());
        }
        let description = long_text(&mut e, t, "description", 2000, &self.description);
        let price = check_price(&self.price).unwrap_or_else(|| {
            e.insert(
                "price".into(),
                fill(t.price_range, &[("max", &super::format_rupiah(PRICE_MAX))]),
            );
            0
        });
        let stock = check_stock(&self.stock).unwrap_or_else(|| {
            e.insert(
                "stock".into(),
                fill(t.number_range, &[("min", &0), ("max", &STOCK_MAX)]),
            );
            0
        });
        let unit = self.unit.trim().to_string();
        if !UNITS.contains(&unit.as_str()) {
            e.insert("unit".into(), t.unit_choose.into());
        }
        let weight_grams = if self.weight.trim().is_empty() {
            0
        } else {
            parse_count(&self.weight, WEIGHT_MAX).unwrap_or_else(|| {
                e.insert(
                    "weight".into(),
                    fill(t.number_range, &[("min", &0), ("max", &WEIGHT_MAX)]),
                );
                0
            })
        };
        if !e.is_empty() {
            return Err(e);
        }
        Ok(ProductInput {
            name,
            category,
            description,
            price,
            stock,
            unit,
            weight_grams,
        })
    }
}

/// An order in a shop's inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct InboxOrder {
    pub id: i64,
    pub code: String,
    pub status: String,
    pub payment_method: String,
    pub delivery_method: String,
    pub recipient: String,
    pub phone: String,
    pub address: String,
    pub kecamatan: String,
    pub subtotal: i64,
    pub delivery_fee: i64,
    pub total: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub courier_name: Option<String>,
    pub courier_phone: Option<String>,
    pub cancel_reason: Option<String>,
    /// The buyer's latest complaint about it, whose thread the shop joins.
    pub complaint_id: Option<i64>,
    /// (product name, quantity, unit price), read separately.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub items: Vec<(String, i64, i64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nik_is_checked_part_by_part() {
        // Surabaya (35 78), a man born 12 Aug 1985.
        assert_eq!(
            validate_nik("3578 0112 0885 0001"),
            Ok("3578011208850001".into())
        );
        // A woman born the same day: day + 40.
        assert!(validate_nik("3578015208850002").is_ok());
        assert_eq!(validate_nik("357801120885000"), Err(NikProblem::Length));
        assert_eq!(validate_nik("35780112088500a1"), Err(NikProblem::Length));
        assert_eq!(validate_nik("9978011208850001"), Err(NikProblem::Region));
        assert_eq!(validate_nik("3500011208850001"), Err(NikProblem::Region));
        assert_eq!(validate_nik("3578001208850001"), Err(NikProblem::Region));
        assert_eq!(validate_nik("3578013208850001"), Err(NikProblem::BirthDate));
        assert_eq!(validate_nik("3578017208850001"), Err(NikProblem::BirthDate));
        assert_eq!(validate_nik("3578013102850001"), Err(NikProblem::BirthDate));
        assert_eq!(validate_nik("3578011213850001"), Err(NikProblem::BirthDate));
        // 29 February exists in 2000.
        assert!(validate_nik("3578012902000001").is_ok());
        assert_eq!(validate_nik("3578011208850000"), Err(NikProblem::Serial));
        assert_eq!(mask_nik("3578011208850001"), "3578••••••••0001");
    }

    #[test]
    fn money_and_accounts_read_as_people_type_them() {
        assert_eq!(parse_rupiah("Rp 12.000"), Some(12_000));
        assert_eq!(parse_rupiah("12000"), Some(12_000));
        assert_eq!(parse_rupiah("-5"), None);
        assert_eq!(parse_rupiah("1,5"), None);
        assert_eq!(parse_rupiah(""), None);
        assert_eq!(check_price("0"), None);
        assert_eq!(check_price("100.000.001"), None);
        assert_eq!(check_stock("1.000.001"), None);
        assert_eq!(check_stock("0"), Some(0));
        assert_eq!(
            validate_bank_account("1234-5678-90"),
            Some("1234567890".into())
        );
        assert_eq!(validate_bank_account("12345"), None);
        assert_eq!(validate_bank_account("12345x789"), None);
        assert_eq!(mask_account("1234567890"), "••••••7890");
    }

    fn good_shop() -> ShopForm {
        ShopForm {
            name: "Toko Bu Sri".into(),
            kind: "toko_kelontong".into(),
            nik: "3578015208850002".into(),
            kecamatan: "Gubeng".into(),
            kelurahan: "Airlangga".into(),
            address: "Jl. Airlangga 12".into(),
            phone: "081234567890".into(),
            delivers: Some("on".into()),
            base_fee: "5.000".into(),
            per_km: "2000".into(),
            max_km: "5".into(),
            bank_name: "Bank Jatim".into(),
            bank_account: "0011223344".into(),
            bank_holder: "Sri Wahyuni".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_shop_application_reports_every_bad_field_at_once() {
        let t = &crate::i18n::ID;
        let ok = good_shop().validate(t).expect("valid");
        assert_eq!(ok.max_m, 5000);
        assert_eq!(ok.base_fee, 5000);
        assert_eq!(ok.mbr_number, None);
        let bad = ShopForm {
            kind: "pabrik".into(),
            mbr: Some("on".into()),
            nik: "123".into(),
            bank_account: "abc".into(),
            max_km: "999".into(),
            base_fee: "-1".into(),
            ..good_shop()
        };
        let e = bad.validate(t).unwrap_err();
        for f in [
            "kind",
            "mbr_number",
            "nik",
            "bank_account",
            "max_km",
            "base_fee",
        ] {
            assert!(e.contains_key(f), "{f}: {e:?}");
        }
        assert_eq!(e.len(), 6, "{e:?}");
    }

    #[test]
    fn a_product_form_refuses_absurd_numbers() {
        let t = &crate::i18n::ID;
        let good = ProductForm {
            name: "Sambal Bawang Bu Rudy".into(),
            category: "makanan".into(),
            price: "25.000".into(),
            stock: "40".into(),
            unit: "botol".into(),
            ..Default::default()
        };
        let p = good.validate(t).unwrap();
        assert_eq!((p.price, p.stock, p.weight_grams), (25_000, 40, 0));
        let bad = ProductForm {
            price: "-100".into(),
            stock: "99999999".into(),
            unit: "ton".into(),
            weight: "x".into(),
            ..good
        };
        let e = bad.validate(t).unwrap_err();
        assert_eq!(
            e.keys().map(String::as_str).collect::<Vec<_>>(),
            ["price", "stock", "unit", "weight"]
        );
    }
}

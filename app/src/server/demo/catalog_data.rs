//! Word lists for the demo marketplace: real-sounding Indonesian goods with
//! plausible Surabaya prices (whole rupiah), read from `catalog.txt`.

use std::sync::OnceLock;

/// One size a family of goods comes in.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// What follows the name ("5 kg", "isi 10"); may be empty.
    pub label: &'static str,
    pub unit: &'static str,
    pub min: i64,
    pub max: i64,
    pub grams: i64,
}

/// A line of goods: every name in every variant and size is a product a
/// shop of `trade` may sell.
#[derive(Debug, Clone)]
pub struct Family {
    pub trade: &'static str,
    pub category: &'static str,
    pub names: Vec<&'static str>,
    pub variants: Vec<&'static str>,
    pub sizes: Vec<Size>,
}

impl Family {
    /// The product name for one name, variant and size.
    pub fn product_name(&self, name: usize, variant: usize, size: usize) -> String {
        let mut out = self.names[name].to_string();
        for part in [self.variants[variant], self.sizes[size].label] {
            if !part.is_empty() {
                out.push(' ');
                out.push_str(part);
            }
        }
        out
    }

    /// How many products the family spells.
    #[cfg(test)]
    pub fn spelled(&self) -> usize {
        self.names.len() * self.variants.len() * self.sizes.len()
    }
}

const CATALOG: &str = include_str!("catalog.txt");

fn parse_size(s: &'static str) -> Size {
    let (label, rest) = s
        .split_once('@')
        .unwrap_or_else(|| panic!("size without @: {s}"));
    let mut parts = rest.split_whitespace();
    let mut next = || parts.next().unwrap_or_else(|| panic!("short size: {s}"));
    let unit = next();
    let (min, max) = next()
        .split_once("..")
        .unwrap_or_else(|| panic!("price range: {s}"));
    let grams = next();
    let num = |v: &str| {
        v.parse::<i64>()
            .unwrap_or_else(|_| panic!("number {v} in {s}"))
    };
    Size {
        label: label.trim(),
        unit,
        min: num(min),
        max: num(max),
        grams: num(grams),
    }
}

fn list(s: &'static str) -> Vec<&'static str> {
    s.split(';')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

/// Every family of `catalog.txt`, parsed once.
pub fn families() -> &'static [Family] {
    static FAMILIES: OnceLock<Vec<Family>> = OnceLock::new();
    FAMILIES.get_or_init(|| {
        CATALOG
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|line| {
                let f: Vec<&'static str> = line.split('|').map(str::trim).collect();
                assert_eq!(f.len(), 5, "five fields: {line}");
                let variants = if f[3] == "-" { vec![""] } else { list(f[3]) };
                Family {
                    trade: f[0],
                    category: f[1],
                    names: list(f[2]),
                    variants,
                    sizes: f[4].split(';').map(|s| parse_size(s.trim())).collect(),
                }
            })
            .collect()
    })
}

/// What a toko kelontong sells.
pub const KELONTONG_TRADES: &[&str] = &["kelontong"];

/// What kinds of UMKM there are: (name word, the trades of `catalog.txt`
/// they sell).
pub const UMKM_TRADES: &[(&str, &[&str])] = &[
    ("Kue", &["kue"]),
    ("Dapur", &["dapur", "sambal"]),
    ("Sambal", &["sambal"]),
    ("Keripik", &["keripik"]),
    ("Jamu", &["jamu"]),
    ("Kopi", &["kopi"]),
    ("Batik", &["batik"]),
    ("Kerajinan", &["kerajinan"]),
    ("Anyaman", &["anyaman", "kerajinan"]),
];

pub const KELONTONG_PREFIXES: &[&str] = &["Toko", "Toko", "Warung", "UD", "Toko Kelontong"];

pub const FIRST_NAMES: &[&str] = &[
    "Agus",
    "Budi",
    "Sri",
    "Dewi",
    "Siti",
    "Slamet",
    "Joko",
    "Endang",
    "Wati",
    "Yanti",
    "Sugeng",
    "Hartono",
    "Lilik",
    "Ninik",
    "Rina",
    "Bambang",
    "Heru",
    "Wahyu",
    "Dian",
    "Eko",
    "Fitri",
    "Hendra",
    "Indah",
    "Kartini",
    "Lestari",
    "Mulyono",
    "Nur",
    "Purwanto",
    "Rahmat",
    "Suparmi",
    "Teguh",
    "Umi",
    "Wulan",
    "Yusuf",
    "Zainal",
    "Ahmad",
    "Anik",
    "Darmi",
    "Fauzi",
    "Gatot",
    "Ida",
    "Kusnadi",
    "Luluk",
    "Maimunah",
    "Nanang",
    "Qomariyah",
    "Rudi",
    "Sulastri",
    "Tutik",
];

pub const LAST_NAMES: &[&str] = &[
    "Santoso",
    "Wijaya",
    "Lestari",
    "Rahayu",
    "Susanto",
    "Pratama",
    "Hidayat",
    "Setiawan",
    "Kurniawan",
    "Purnomo",
    "Wibowo",
    "Handayani",
    "Saputra",
    "Nugroho",
    "Suryani",
    "Prasetyo",
    "Utomo",
    "Maulana",
    "Anggraini",
    "Firmansyah",
    "Hakim",
    "Ramadhan",
    "Safitri",
    "Syahputra",
];

pub const HONORIFICS: &[&str] = &["Bu", "Pak", "Mbak", "Cak", "Ning", "Mas"];

pub const SHOP_WORDS: &[&str] = &[
    "Berkah",
    "Sumber Rejeki",
    "Barokah",
    "Makmur Jaya",
    "Sido Mulyo",
    "Lancar",
    "Sejahtera",
    "Amanah",
    "Mitra",
    "Rukun",
    "Sentosa",
    "Abadi",
    "Mandiri",
    "Harapan",
];

pub const STREETS: &[&str] = &[
    "Raya Darmo",
    "Kertajaya",
    "Ngagel Jaya",
    "Rungkut Madya",
    "Kenjeran",
    "Demak",
    "Tunjungan",
    "Embong Malang",
    "Pucang Anom",
    "Manyar Kertoarjo",
    "Jemursari",
    "Ketintang",
    "Wiyung",
    "Babatan",
    "Menur",
    "Klampis Jaya",
    "Dharmahusada",
    "Mulyosari",
    "Semolowaru",
    "Medokan Ayu",
    "Petemon",
    "Simo Katrungan",
    "Banyu Urip",
    "Kupang Jaya",
    "Tanjungsari",
    "Tandes",
    "Sememi",
    "Kalianak",
    "Margomulyo",
    "Pakis",
    "Gayungsari",
    "Karah",
    "Jagir",
    "Wonosari",
    "Kapasari",
    "Kalimas Baru",
    "Sidotopo",
    "Bulak Banteng",
    "Lidah Kulon",
    "Pakal",
];

pub const REVIEW_COMMENTS: &[(i64, &str)] = &[
    (5, "Barang sesuai, pengiriman cepat. Matur nuwun!"),
    (5, "Mantap, langganan terus di toko ini."),
    (5, "Rasanya enak, keluarga suka semua."),
    (4, "Bagus, cuma kemasannya agak penyok sedikit."),
    (4, "Sesuai pesanan, pengantaran agak siang."),
    (5, "Penjualnya ramah, barang dibungkus rapi."),
    (3, "Lumayan, harganya sedikit lebih mahal dari pasar."),
    (4, "Kualitas oke, akan pesan lagi."),
    (2, "Datangnya terlambat sehari."),
    (5, "Batiknya halus, warnanya bagus sekali."),
];

pub const COMPLAINT_REASONS: &[&str] = &[
    "Barang yang datang kurang satu.",
    "Kemasan rusak saat diterima.",
    "Barang tidak sesuai dengan foto.",
];

pub const CANCEL_REASONS: &[&str] = &[
    "Pembayaran tidak diselesaikan sebelum batas waktu.",
    "Stok habis di toko.",
    "Pembeli membatalkan pesanan.",
];

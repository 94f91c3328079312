//! Demo data that looks like Surabaya: shops in all 31 kecamatan, thousands
//! of products, ASN and public buyers, and 20 months of order history that
//! grows the way E-Peken's did. Deterministic: the same seed and anchor
//! give the same data.

mod catalog_data;
mod photos;

pub use photos::{photo_path, photo_svg, write_photos};

use crate::domain::order::{self, Actor};
use crate::domain::{OrderStatus, PaymentMethod, ShopStatus};
use crate::model::{order_code, Role, ShopKind};
use crate::server::store::reference;
use catalog_data::*;
use chrono::{DateTime, Duration, Utc};
use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;

/// How big a demo to make.
#[derive(Debug, Clone, Copy)]
pub struct DemoSize {
    pub shops: usize,
    pub asn_buyers: usize,
    pub public_buyers: usize,
    /// Order groups (checkouts) in the first month; later months grow.
    pub first_month_checkouts: usize,
    pub months: i64,
}

impl DemoSize {
    /// The demo `make run` loads: about a tenth of Surabaya's first-year volume.
    pub const FULL: DemoSize = DemoSize {
        shops: 240,
        asn_buyers: 900,
        public_buyers: 320,
        first_month_checkouts: 420,
        months: 20,
    };
    /// A catalog of about `products` products (shops hold 10–20 each), with
    /// a year of orders, for benchmarks.
    pub fn with_products(products: usize) -> DemoSize {
        DemoSize {
            shops: (products / 15).max(1),
            asn_buyers: 3_000,
            public_buyers: 1_000,
            first_month_checkouts: 1_500,
            months: 12,
        }
    }
    /// The same, with about `orders` orders over its months (checkouts
    /// grow 7.3% a month and hold ORDERS_PER_CHECKOUT orders on average).
    pub fn with_orders(self, orders: usize) -> DemoSize {
        const ORDERS_PER_CHECKOUT: f64 = 1.22;
        let growth: f64 = (0..self.months).map(|m| 1.073f64.powi(m as i32)).sum();
        DemoSize {
            first_month_checkouts: ((orders as f64) / growth / ORDERS_PER_CHECKOUT).ceil() as usize,
            ..self
        }
    }
    /// A small demo for store tests.
    pub const SMALL: DemoSize = DemoSize {
        shops: 12,
        asn_buyers: 15,
        public_buyers: 6,
        first_month_checkouts: 12,
        months: 19,
    };
}

/// The password every demo account shares; printed by `peken seed --demo`.
pub const DEMO_PASSWORD: &str = "pekendemo2026";

/// The demo's city officer (an admin), with the demo password.
pub const DEMO_OFFICER_EMAIL: &str = "dinas@contoh.test";

pub struct DemoUser {
    pub id: i64,
    pub role: Role,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub nip: Option<String>,
    pub opd: Option<&'static str>,
    pub created_at: DateTime<Utc>,
}

pub struct DemoShop {
    pub id: i64,
    pub owner_id: i64,
    pub slug: String,
    pub name: String,
    pub kind: ShopKind,
    pub is_mbr: bool,
    pub kecamatan: &'static str,
    pub wilayah: &'static str,
    pub address: String,
    pub lat: f64,
    pub lng: f64,
    pub phone: String,
    pub description: String,
    pub open_hours: String,
    pub status: ShopStatus,
    pub created_at: DateTime<Utc>,
    /// When the application was filed: the pending ones in the last week,
    /// so the city's queue shows realistic ages.
    pub submitted_at: DateTime<Utc>,
}

pub struct DemoProduct {
    pub id: i64,
    pub shop_id: i64,
    pub category: &'static str,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub price: i64,
    pub stock: i64,
    pub unit: &'static str,
    pub weight_grams: i64,
    pub created_at: DateTime<Utc>,
}

pub struct DemoGroup {
    pub id: i64,
    pub code: String,
    pub buyer_id: i64,
    pub method: &'static str,
    pub total: i64,
    pub recipient: String,
    pub phone: String,
    pub kecamatan: &'static str,
    pub address: String,
    pub created_at: DateTime<Utc>,
}

pub struct DemoOrder {
    pub id: i64,
    pub group_id: i64,
    pub code: String,
    pub shop_id: i64,
    pub buyer_id: i64,
    pub status: OrderStatus,
    pub subtotal: i64,
    pub delivery_fee: i64,
    pub cancel_reason: Option<&'static str>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    /// Status history: (from, to, who, when).
    pub history: Vec<(Option<OrderStatus>, OrderStatus, Actor, DateTime<Utc>)>,
    pub items: Vec<DemoItem>,
    pub review: Option<(i64, &'static str)>,
    pub complaint: Option<&'static str>,
}

impl DemoOrder {
    pub fn total(&self) -> i64 {
        self.subtotal + self.delivery_fee
    }
}

pub struct DemoItem {
    pub product_id: i64,
    pub name: String,
    pub unit_price: i64,
    pub qty: i64,
}

/// A whole demo marketplace, ids starting at 1 in every table.
pub struct DemoData {
    pub users: Vec<DemoUser>,
    pub shops: Vec<DemoShop>,
    pub products: Vec<DemoProduct>,
    pub groups: Vec<DemoGroup>,
    pub orders: Vec<DemoOrder>,
}

/// Lowercase ASCII words joined by `-`: `Kopi Bubuk 165 g` → `kopi-bubuk-165-g`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A price rounded to the nearest Rp500 (Rp100 under Rp10.000), as shops price.
fn shop_price(rng: &mut ChaCha8Rng, min: i64, max: i64) -> i64 {
    let raw = rng.gen_range(min..=max);
    let step = if raw < 10_000 { 100 } else { 500 };
    ((raw + step / 2) / step * step).max(step)
}

fn centre_of(wilayah: &str) -> (f64, f64) {
    match wilayah {
        "Pusat" => (-7.2575, 112.7380),
        "Utara" => (-7.2150, 112.7350),
        "Timur" => (-7.2900, 112.7850),
        "Selatan" => (-7.3200, 112.7200),
        _ => (-7.2650, 112.6650),
    }
}

fn phone(rng: &mut ChaCha8Rng) -> String {
    let prefix = [
        "812", "813", "821", "822", "852", "856", "857", "878", "895",
    ]
    .choose(rng)
    .expect("non-empty");
    format!("+62{prefix}{:08}", rng.gen_range(0..100_000_000u32))
}

/// An 18-digit NIP: birth date, appointment month (at 20–35 years of age),
/// gender digit, sequence 001–999.
fn nip(rng: &mut ChaCha8Rng, seq: usize) -> String {
    let born = rng.gen_range(1965..=2000);
    format!(
        "{born:04}{:02}{:02}{:04}{:02}{}{:03}",
        rng.gen_range(1..=12),
        rng.gen_range(1..=28),
        (born + rng.gen_range(20..=35)).min(2025),
        rng.gen_range(1..=12),
        rng.gen_range(1..=2),
        seq % 999 + 1
    )
}

fn person_name(rng: &mut ChaCha8Rng) -> (&'static str, &'static str) {
    (
        FIRST_NAMES.choose(rng).expect("non-empty"),
        LAST_NAMES.choose(rng).expect("non-empty"),
    )
}

/// The families of goods a shop of these trades sells.
fn families_of(trades: &[&str]) -> Vec<&'static Family> {
    families()
        .iter()
        .filter(|f| trades.contains(&f.trade))
        .collect()
}

/// Generates the demo marketplace. `now` anchors the history: orders span
/// the `size.months` months before it.
pub fn generate(seed: u64, size: DemoSize, now: DateTime<Utc>) -> DemoData {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let kecamatan = reference::kecamatan();
    let opd = reference::opd();
    let start = now - Duration::days(30 * size.months);

    let mut users = Vec::new();
    let mut emails = HashSet::new();
    let mut phones = HashSet::new();
    let mut nips = HashSet::new();
    let mut add_user = |rng: &mut ChaCha8Rng, role: Role, users: &mut Vec<DemoUser>| -> i64 {
        let (first, last) = person_name(rng);
        let id = users.len() as i64 + 1;
        let mut email = format!(
            "{}.{}@contoh.test",
            first.to_lowercase(),
            last.to_lowercase()
        );
        if !emails.insert(email.clone()) {
            email = format!(
                "{}.{}{}@contoh.test",
                first.to_lowercase(),
                last.to_lowercase(),
                id
            );
            emails.insert(email.clone());
        }
        let mut ph = phone(rng);
        while !phones.insert(ph.clone()) {
            ph = phone(rng);
        }
        let (nip_value, opd_name) = if role == Role::Asn {
            let mut n = nip(rng, id as usize);
            while !nips.insert(n.clone()) {
                n = nip(rng, id as usize);
            }
            (Some(n), Some(*opd.choose(rng).expect("non-empty")))
        } else {
            (None, None)
        };
        let created_at = start - Duration::days(rng.gen_range(1..60));
        users.push(DemoUser {
            id,
            role,
            name: format!("{first} {last}"),
            email,
            phone: ph,
            nip: nip_value,
            opd: opd_name,
            created_at,
        });
        id
    };

    // Shops and their owners.
    let mut shops: Vec<DemoShop> = Vec::new();
    let mut shop_slugs = HashSet::new();
    let mut products: Vec<DemoProduct> = Vec::new();
    for i in 0..size.shops {
        let owner_id = add_user(&mut rng, Role::Merchant, &mut users);
        let owner = &users[owner_id as usize - 1];
        let first = owner.name.split(' ').next().expect("has a first name");
        // Every kecamatan gets shops; the rest are spread at random.
        let (kec, wilayah) = if i < kecamatan.len() {
            kecamatan[i]
        } else {
            *kecamatan.choose(&mut rng).expect("non-empty")
        };
        let kind = if rng.gen_bool(0.55) {
            ShopKind::TokoKelontong
        } else {
            ShopKind::Umkm
        };
        let (base_name, trades): (String, &[&str]) = match kind {
            ShopKind::TokoKelontong => {
                let prefix = KELONTONG_PREFIXES.choose(&mut rng).expect("non-empty");
                let name = if rng.gen_bool(0.5) {
                    format!(
                        "{prefix} {} {first}",
                        HONORIFICS.choose(&mut rng).expect("non-empty")
                    )
                } else {
                    format!(
                        "{prefix} {}",
                        SHOP_WORDS.choose(&mut rng).expect("non-empty")
                    )
                };
                (name, KELONTONG_TRADES)
            }
            ShopKind::Umkm => {
                let (trade, lines) = UMKM_TRADES.choose(&mut rng).expect("non-empty");
                let name = if rng.gen_bool(0.6) {
                    format!(
                        "{trade} {} {first}",
                        HONORIFICS.choose(&mut rng).expect("non-empty")
                    )
                } else {
                    format!("{trade} {kec}")
                };
                (name, *lines)
            }
        };
        let mut name = base_name.clone();
        let mut n = 2;
        while !shop_slugs.insert(slugify(&name)) {
            name = format!("{base_name} {n}");
            n += 1;
        }
        let street = STREETS.choose(&mut rng).expect("non-empty");
        let (clat, clng) = centre_of(wilayah);
        let shop_id = shops.len() as i64 + 1;
        let status = match rng.gen_range(0..100) {
            0..=91 => ShopStatus::Verified,
            92..=96 => ShopStatus::Pending,
            _ => ShopStatus::Suspended,
        };
        // Shops joined over the first months, most of them early.
        let created_at = start + Duration::days(rng.gen_range(0..(30 * size.months / 3).max(1)));
        shops.push(DemoShop {
            id: shop_id,
            owner_id,
            slug: slugify(&name),
            description: match kind {
                ShopKind::TokoKelontong => format!(
                    "Toko kelontong di {kec}. Sedia kebutuhan harian, diantar ke alamat Anda."
                ),
                ShopKind::Umkm => format!(
                    "Usaha rumahan dari {kec}, Surabaya. Dibuat sendiri dengan bahan pilihan."
                ),
            },
            name,
            kind,
            is_mbr: rng.gen_bool(0.45),
            kecamatan: kec,
            wilayah,
            address: format!(
                "Jl. {street} No. {}, Kec. {kec}, Surabaya",
                rng.gen_range(1..200)
            ),
            lat: clat + rng.gen_range(-0.02..0.02),
            lng: clng + rng.gen_range(-0.02..0.02),
            phone: owner.phone.clone(),
            open_hours: match kind {
                ShopKind::TokoKelontong => "Setiap hari 06.00–21.00 WIB".into(),
                ShopKind::Umkm => "Senin–Sabtu 08.00–17.00 WIB".into(),
            },
            status,
            created_at,
            submitted_at: match status {
                ShopStatus::Pending => now - Duration::hours(2 + (shop_id * 37) % 160),
                _ => created_at,
            },
        });

        // Products: an assortment of what this trade sells, each name once.
        let families = families_of(trades);
        let count = rng.gen_range(10..=20);
        let mut names = HashSet::new();
        for _ in 0..count * 4 {
            if names.len() == count {
                break;
            }
            let family = *families.choose(&mut rng).expect("trade has goods");
            let size_i = rng.gen_range(0..family.sizes.len());
            let pname = family.product_name(
                rng.gen_range(0..family.names.len()),
                rng.gen_range(0..family.variants.len()),
                size_i,
            );
            if !names.insert(pname.clone()) {
                continue;
            }
            let sz = family.sizes[size_i];
            let id = products.len() as i64 + 1;
            let stock = if rng.gen_bool(0.05) {
                0
            } else {
                rng.gen_range(3..=150)
            };
            products.push(DemoProduct {
                id,
                shop_id,
                category: family.category,
                slug: slugify(&pname),
                description: format!(
                    "{pname} dari {}. Satuan: {}. Dikirim dari Kec. {kec}, Surabaya.",
                    shops[shop_id as usize - 1].name,
                    sz.unit
                ),
                name: pname,
                price: shop_price(&mut rng, sz.min, sz.max),
                stock,
                unit: sz.unit,
                weight_grams: sz.grams,
                created_at: created_at
                    + Duration::days(rng.gen_range(0..(30 * size.months - 30).max(1))),
            });
        }
    }

    // Buyers: roughly the ASN : public ratio Surabaya saw (12,770 : 4,412).
    let asn: Vec<i64> = (0..size.asn_buyers)
        .map(|_| add_user(&mut rng, Role::Asn, &mut users))
        .collect();
    let public: Vec<i64> = (0..size.public_buyers)
        .map(|_| add_user(&mut rng, Role::Umum, &mut users))
        .collect();

    // Order history: monthly checkouts grow ~7.3% a month (133% a year).
    let verified: Vec<&DemoShop> = shops.iter().filter(|s| s.status.sells()).collect();
    let mut groups = Vec::new();
    let mut orders = Vec::new();
    let mut day_seq: std::collections::HashMap<String, u32> = Default::default();
    let mut checkout_times = Vec::new();
    for month in 0..size.months {
        let n = (size.first_month_checkouts as f64 * 1.073f64.powi(month as i32)).round() as usize;
        for _ in 0..n {
            let offset = Duration::seconds(rng.gen_range(0..30 * 86_400));
            let t = start + Duration::days(30 * month) + offset;
            // Nobody shops between 23.00 and 05.00 WIB (16.00–22.00 UTC).
            let t = if (16..22).contains(&chrono::Timelike::hour(&t)) {
                t - Duration::hours(8)
            } else {
                t
            };
            if t < now {
                checkout_times.push(t);
            }
        }
    }
    checkout_times.sort();
    for t in checkout_times {
        let buyer_id = if rng.gen_bool(0.74) || public.is_empty() {
            *asn.choose(&mut rng).expect("has ASN buyers")
        } else {
            *public.choose(&mut rng).expect("non-empty")
        };
        let (bkec, bwil) = *kecamatan.choose(&mut rng).expect("non-empty");
        let group_id = groups.len() as i64 + 1;
        let wib_day = (t + Duration::hours(7)).format("%y%m%d").to_string();
        let seq = day_seq.entry(wib_day).or_insert(0);
        *seq += 1;
        let code = order_code(t, *seq);
        let method = match rng.gen_range(0..100) {
            0..=49 => "qris",
            50..=84 => "transfer",
            _ => "cod",
        };
        let age = now - t;
        let merchant_count = if rng.gen_bool(0.78) { 1 } else { 2 };
        let mut picked: Vec<&DemoShop> = Vec::new();
        // Buyers favour shops in their own wilayah.
        while picked.len() < merchant_count {
            let candidate = *verified.choose(&mut rng).expect("has verified shops");
            let near = candidate.wilayah == bwil;
            if (near || rng.gen_bool(0.35)) && !picked.iter().any(|s| s.id == candidate.id) {
                picked.push(candidate);
            }
        }
        let unpaid_expired = method != "cod" && rng.gen_bool(0.04);
        let mut group_total = 0;
        for (i, shop) in picked.iter().enumerate() {
            let shop_products: Vec<&DemoProduct> = products_of(&products, shop.id);
            let n_items = rng.gen_range(1..=3).min(shop_products.len());
            let mut items = Vec::new();
            for p in shop_products.choose_multiple(&mut rng, n_items) {
                items.push(DemoItem {
                    product_id: p.id,
                    name: p.name.clone(),
                    unit_price: p.price,
                    qty: if p.price > 100_000 {
                        1
                    } else {
                        rng.gen_range(1..=4)
                    },
                });
            }
            let subtotal: i64 = items.iter().map(|it| it.unit_price * it.qty).sum();
            let delivery_fee = if shop.wilayah == bwil { 5_000 } else { 10_000 };
            let order = lifecycle(
                &mut rng,
                t,
                age,
                method,
                unpaid_expired,
                OrderDraft {
                    id: orders.len() as i64 + 1,
                    group_id,
                    code: format!("{code}-{}", i + 1),
                    shop_id: shop.id,
                    buyer_id,
                    subtotal,
                    delivery_fee,
                    items,
                },
            );
            group_total += order.total();
            orders.push(order);
        }
        let recipient = users[buyer_id as usize - 1].name.clone();
        let buyer_phone = users[buyer_id as usize - 1].phone.clone();
        let street = STREETS.choose(&mut rng).expect("non-empty");
        groups.push(DemoGroup {
            id: group_id,
            code,
            buyer_id,
            method,
            total: group_total,
            recipient,
            phone: buyer_phone,
            kecamatan: bkec,
            address: format!(
                "Jl. {street} No. {}, RT {:02}/RW {:02}",
                rng.gen_range(1..150),
                rng.gen_range(1..12),
                rng.gen_range(1..9)
            ),
            created_at: t,
        });
    }

    // The city's officer who verifies shops and reads the audit log, last
    // so nobody else's id moves.
    let mut officer_phone = 81_200_000_000u64;
    while phones.contains(&format!("+62{officer_phone}")) {
        officer_phone += 1;
    }
    users.push(DemoUser {
        id: users.len() as i64 + 1,
        role: Role::Admin,
        name: "Petugas Dinkopdag".into(),
        email: DEMO_OFFICER_EMAIL.into(),
        phone: format!("+62{officer_phone}"),
        nip: None,
        opd: None,
        created_at: start - Duration::days(90),
    });

    DemoData {
        users,
        shops,
        products,
        groups,
        orders,
    }
}

fn products_of(products: &[DemoProduct], shop_id: i64) -> Vec<&DemoProduct> {
    // Products of a shop are contiguous and ids are 1-based positions.
    let first = products.partition_point(|p| p.shop_id < shop_id);
    let last = products.partition_point(|p| p.shop_id <= shop_id);
    products[first..last].iter().collect()
}

struct OrderDraft {
    id: i64,
    group_id: i64,
    code: String,
    shop_id: i64,
    buyer_id: i64,
    subtotal: i64,
    delivery_fee: i64,
    items: Vec<DemoItem>,
}

/// An order being walked through its lifecycle, one transition at a time,
/// each step allowed by the domain's state machine.
struct Walk {
    created: DateTime<Utc>,
    age: Duration,
    at: DateTime<Utc>,
    method: PaymentMethod,
    status: OrderStatus,
    history: Vec<(Option<OrderStatus>, OrderStatus, Actor, DateTime<Utc>)>,
}

impl Walk {
    /// Moves to `to` a random number of minutes later, unless that lies in
    /// the future; returns whether it moved.
    fn step(
        &mut self,
        rng: &mut ChaCha8Rng,
        to: OrderStatus,
        actor: Actor,
        mins: std::ops::Range<i64>,
    ) -> bool {
        let next = self.at + Duration::minutes(rng.gen_range(mins));
        if next - self.created > self.age {
            return false;
        }
        if let Err(e) = order::transition(self.status, to, actor, self.method) {
            panic!("the demo walked an order where the rules do not allow: {e:?}");
        }
        self.history.push((Some(self.status), to, actor, next));
        self.status = to;
        self.at = next;
        true
    }
}

/// Walks an order through the lifecycle as far as its age allows.
fn lifecycle(
    rng: &mut ChaCha8Rng,
    t: DateTime<Utc>,
    age: Duration,
    method: &'static str,
    unpaid_expired: bool,
    d: OrderDraft,
) -> DemoOrder {
    use OrderStatus::*;
    let method = PaymentMethod::parse(method).expect("a known payment method");
    let cod = method == PaymentMethod::Cod;
    // Cash on delivery goes straight to the shop.
    let first = order::initial(method);
    let mut w = Walk {
        created: t,
        age,
        at: t,
        method,
        status: first,
        history: vec![(None, first, Actor::System, t)],
    };
    let mut paid_at = None;
    let mut completed_at = None;
    let mut cancel_reason = None;
    let mut review = None;
    let mut complaint = None;
    'walk: {
        if !cod {
            if unpaid_expired {
                if w.step(rng, Cancelled, Actor::System, 60..61) {
                    cancel_reason = Some(CANCEL_REASONS[0]);
                }
                break 'walk;
            }
            // The gateway's webhook confirms the payment.
            if !w.step(rng, Paid, Actor::System, 1..30) {
                break 'walk;
            }
            paid_at = Some(w.at);
            if rng.gen_bool(0.02) {
                if w.step(rng, Cancelled, Actor::Merchant, 10..120) {
                    cancel_reason = Some(CANCEL_REASONS[1]);
                }
                break 'walk;
            }
        }
        if !w.step(rng, Processing, Actor::Merchant, 5..180) {
            break 'walk;
        }
        if !w.step(rng, Shipped, Actor::Merchant, 30..360) {
            break 'walk;
        }
        if !w.step(rng, Completed, Actor::Buyer, 60..1_440) {
            break 'walk;
        }
        if cod {
            paid_at = Some(w.at);
        }
        completed_at = Some(w.at);
        if rng.gen_bool(0.015) {
            if w.step(rng, Complained, Actor::Buyer, 60..2_000) {
                complaint = Some(*COMPLAINT_REASONS.choose(rng).expect("non-empty"));
                let first_completed = completed_at;
                completed_at = None;
                // Older complaints were settled by the city within a few
                // days: the shop sent the goods again and the order is
                // completed again (newer ones wait at the desk). The desk
                // is behind: of the last three weeks' complaints every
                // other one still waits, so whatever day the demo is
                // loaded, some are past their deadline.
                let backlog = w.created + w.age - w.at < Duration::days(21) && d.id % 2 == 0;
                if backlog {
                    // The settling step's draw, made all the same: the
                    // random stream stays as it was, so the backlog changes
                    // nothing else in the demo.
                    let _ = rng.gen_range(1_440..5_760);
                } else if w.step(rng, Completed, Actor::Admin, 1_440..5_760) {
                    completed_at = first_completed;
                }
            }
        } else if rng.gen_bool(0.35) {
            review = Some(*REVIEW_COMMENTS.choose(rng).expect("non-empty"));
        }
    }
    DemoOrder {
        id: d.id,
        group_id: d.group_id,
        code: d.code,
        shop_id: d.shop_id,
        buyer_id: d.buyer_id,
        status: w.status,
        subtotal: d.subtotal,
        delivery_fee: d.delivery_fee,
        cancel_reason,
        created_at: t,
        updated_at: w.at,
        paid_at,
        completed_at,
        history: w.history,
        items: d.items,
        review,
        complaint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn anchor() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 3, 0, 0).unwrap()
    }

    #[test]
    fn slugify_makes_url_safe_names() {
        assert_eq!(
            slugify("Kopi Bubuk Kapal Api 165 g"),
            "kopi-bubuk-kapal-api-165-g"
        );
        assert_eq!(slugify("Air Mineral 1,5 L"), "air-mineral-1-5-l");
        assert_eq!(slugify("  Onde-onde  isi 10 "), "onde-onde-isi-10");
    }

    #[test]
    fn same_seed_gives_same_marketplace() {
        let a = generate(7, DemoSize::SMALL, anchor());
        let b = generate(7, DemoSize::SMALL, anchor());
        assert_eq!(a.products.len(), b.products.len());
        assert!(a
            .products
            .iter()
            .zip(&b.products)
            .all(|(x, y)| x.name == y.name && x.price == y.price && x.stock == y.stock));
        assert_eq!(a.orders.len(), b.orders.len());
        assert!(a
            .orders
            .iter()
            .zip(&b.orders)
            .all(|(x, y)| x.code == y.code && x.status == y.status && x.total() == y.total()));
        let c = generate(8, DemoSize::SMALL, anchor());
        assert!(a
            .products
            .iter()
            .zip(&c.products)
            .any(|(x, y)| x.price != y.price));
    }

    #[test]
    fn full_demo_meets_the_brief() {
        let d = generate(2026, DemoSize::FULL, anchor());
        assert!(d.shops.len() >= 200);
        assert!(d.products.len() >= 3_000, "{} products", d.products.len());
        let kec: HashSet<_> = d.shops.iter().map(|s| s.kecamatan).collect();
        assert_eq!(kec.len(), 31, "every kecamatan has shops");
        assert!(d.shops.iter().any(|s| s.is_mbr) && d.shops.iter().any(|s| !s.is_mbr));
        assert!(d.shops.iter().any(|s| s.kind == ShopKind::Umkm));
        assert!(d.shops.iter().any(|s| s.kind == ShopKind::TokoKelontong));
        let first = d.groups.first().expect("has orders").created_at;
        assert!(
            anchor() - first >= Duration::days(18 * 30),
            "at least 18 months of history"
        );
        // Growth: the last full month sells more than the first.
        let in_month = |m: i64| {
            let from = anchor() - Duration::days(30 * (20 - m));
            d.groups
                .iter()
                .filter(|g| g.created_at >= from && g.created_at < from + Duration::days(30))
                .count()
        };
        assert!(in_month(18) as f64 > in_month(0) as f64 * 2.5);
        // Codes are unique and every order's money adds up.
        let codes: HashSet<_> = d.orders.iter().map(|o| o.code.as_str()).collect();
        assert_eq!(codes.len(), d.orders.len());
        for o in &d.orders {
            let items: i64 = o.items.iter().map(|i| i.unit_price * i.qty).sum();
            assert_eq!(items, o.subtotal);
            assert!(!o.items.is_empty());
            assert_eq!(o.history.last().map(|h| h.1), Some(o.status));
            assert!(o
                .history
                .windows(2)
                .all(|w| w[0].1 == w[1].0.expect("has from") && w[0].3 <= w[1].3));
        }
        let nips: Vec<_> = d.users.iter().filter_map(|u| u.nip.as_ref()).collect();
        assert!(!nips.is_empty());
        for n in nips {
            assert_eq!(crate::model::validate_nip(n).as_deref(), Ok(n.as_str()));
        }
        for u in &d.users {
            assert_eq!(
                crate::model::normalize_phone(&u.phone).as_deref(),
                Ok(u.phone.as_str())
            );
        }
    }

    #[test]
    fn the_desk_always_has_overdue_complaints() {
        // Whatever weekday and hour the demo is loaded, the city's desk
        // shows open complaints past their deadline (the desk sorts them
        // first, and the browser tests look for one).
        for day in 0..7 {
            for hour in [1, 9] {
                let now = anchor() + Duration::days(day) + Duration::hours(hour);
                let d = generate(2026, DemoSize::FULL, now);
                let overdue = d
                    .orders
                    .iter()
                    .filter(|o| o.status == OrderStatus::Complained)
                    .filter_map(|o| o.history.iter().find(|h| h.1 == OrderStatus::Complained))
                    .filter(|h| {
                        crate::domain::complaint::due_at(
                            h.3,
                            crate::domain::complaint::SLA_DEFAULT_DAYS,
                        ) < now
                    })
                    .count();
                assert!(overdue >= 2, "{overdue} overdue complaints at {now}");
            }
        }
    }

    #[test]
    fn catalog_file_is_well_formed() {
        let categories = reference::categories();
        let units = crate::model::merchant::UNITS;
        let mut trades: HashSet<&str> = KELONTONG_TRADES.iter().copied().collect();
        trades.extend(UMKM_TRADES.iter().flat_map(|(_, t)| t.iter().copied()));
        let mut seen_trades = HashSet::new();
        let mut all = 0;
        for f in families() {
            assert!(trades.contains(f.trade), "unknown trade {}", f.trade);
            seen_trades.insert(f.trade);
            assert!(
                categories.iter().any(|c| c.0 == f.category),
                "unknown category {}",
                f.category
            );
            assert!(!f.names.is_empty() && !f.sizes.is_empty());
            for s in &f.sizes {
                assert!(
                    units.contains(&s.unit),
                    "unit {} not offered to merchants",
                    s.unit
                );
                assert!(
                    0 < s.min && s.min <= s.max,
                    "{} {}..{}",
                    s.label,
                    s.min,
                    s.max
                );
                assert!(s.grams > 0);
            }
            all += f.spelled();
        }
        assert_eq!(seen_trades, trades, "every trade has goods");
        assert!(all >= 2_500, "{all} names to draw from");
    }

    #[test]
    fn demo_catalog_is_varied() {
        let d = generate(2026, DemoSize::FULL, anchor());
        let names: HashSet<&str> = d.products.iter().map(|p| p.name.as_str()).collect();
        assert!(names.len() >= 1_500, "{} distinct names", names.len());
        // Every category offers at least 24 names: a full first page.
        for (slug, _) in reference::categories() {
            let n: HashSet<&str> = d
                .products
                .iter()
                .filter(|p| p.category == slug)
                .map(|p| p.name.as_str())
                .collect();
            assert!(n.len() >= 24, "{slug}: {} names", n.len());
        }
        // A shop never lists the same name twice, and UMKM shops sell only
        // the goods of their trade (a batik maker sells no mineral water).
        for s in &d.shops {
            let own: Vec<&DemoProduct> = d.products.iter().filter(|p| p.shop_id == s.id).collect();
            let distinct: HashSet<&str> = own.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(distinct.len(), own.len(), "{}", s.name);
            assert!(own.len() >= 10, "{} has {} products", s.name, own.len());
            if s.name.starts_with("Batik") {
                assert!(own.iter().all(|p| p.category == "batik"), "{}", s.name);
            }
        }
    }
}

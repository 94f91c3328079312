//! Delivery: how one shop's goods reach the buyer, and what it costs.
//!
//! A shop delivers with its own courier, priced by the great-circle
//! distance from the shop's pin to the address pin (a base fee plus a fee
//! per started kilometre, up to a maximum distance), or the buyer picks the
//! goods up at the shop for free. An address without a pin (or a shop
//! without one) is priced by kecamatan in three city tiers: the same
//! kecamatan, a neighbouring one (the same wilayah of the city), further.

use super::money::Rupiah;
pub use super::status::DeliveryMethod;
use serde::{Deserialize, Serialize};

/// A point on the map, in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Pin {
    pub lat: f64,
    pub lng: f64,
}

/// Great-circle distance in whole metres (haversine, mean Earth radius).
pub fn distance_m(a: Pin, b: Pin) -> i64 {
    const R: f64 = 6_371_008.8;
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lng - a.lng).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    (2.0 * R * h.sqrt().min(1.0).asin()).round() as i64
}

/// A courier's prices: per shop, or the city's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rates {
    pub base: Rupiah,
    /// Per started kilometre.
    pub per_km: Rupiah,
    /// Beyond this the shop does not deliver.
    pub max_m: i64,
}

/// Fees for addresses without a pin, by how far the kecamatan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tiers {
    pub same_kecamatan: Rupiah,
    pub neighbouring: Rupiah,
    pub further: Rupiah,
}

/// The city's delivery defaults (from configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CityRates {
    pub rates: Rates,
    pub tiers: Tiers,
}

impl Default for CityRates {
    /// Surabaya-like prices for a motorbike courier.
    fn default() -> Self {
        CityRates {
            rates: Rates {
                base: Rupiah(5_000),
                per_km: Rupiah(2_000),
                max_m: 15_000,
            },
            tiers: Tiers {
                same_kecamatan: Rupiah(8_000),
                neighbouring: Rupiah(12_000),
                further: Rupiah(18_000),
            },
        }
    }
}

impl CityRates {
    /// Parses `base=5000,per_km=2000,max_km=15,same=8000,near=12000,far=18000`;
    /// keys left out keep their defaults.
    pub fn parse(spec: &str) -> Result<CityRates, String> {
        let mut c = CityRates::default();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}` is not key=value"))?;
            let n: i64 = v
                .trim()
                .parse()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| format!("`{k}` needs a whole number ≥ 0, got `{v}`"))?;
            match k.trim() {
                "base" => c.rates.base = Rupiah(n),
                "per_km" => c.rates.per_km = Rupiah(n),
                "max_km" if n == 0 => return Err("`max_km` must be at least 1".into()),
                "max_km" => c.rates.max_m = n.saturating_mul(1000),
                "same" => c.tiers.same_kecamatan = Rupiah(n),
                "near" => c.tiers.neighbouring = Rupiah(n),
                "far" => c.tiers.further = Rupiah(n),
                other => return Err(format!("unknown key `{other}`")),
            }
        }
        Ok(c)
    }
}

/// Where a shop is, and what it charges (None: the city's rates).
#[derive(Debug, Clone, PartialEq)]
pub struct ShopPlace {
    /// Whether the shop has a courier at all (else pickup only).
    pub delivers: bool,
    pub pin: Option<Pin>,
    pub kecamatan_id: i64,
    pub wilayah: String,
    pub rates: Option<Rates>,
}

/// Where the goods go.
#[derive(Debug, Clone, PartialEq)]
pub struct AddressPlace {
    pub pin: Option<Pin>,
    pub kecamatan_id: i64,
    pub wilayah: String,
}

/// What the shop's courier would cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Quote {
    /// By distance (metres).
    Distance { metres: i64, fee: Rupiah },
    /// By kecamatan tier (no pin on one side).
    Tier { fee: Rupiah },
    /// Too far for this shop's courier: pickup only.
    OutOfRange { metres: i64, max_m: i64 },
    /// The shop has no courier: pickup only.
    PickupOnly,
}

impl Quote {
    /// The fee, if the courier goes there.
    pub fn fee(self) -> Option<Rupiah> {
        match self {
            Quote::Distance { fee, .. } | Quote::Tier { fee } => Some(fee),
            Quote::OutOfRange { .. } | Quote::PickupOnly => None,
        }
    }
}

/// Prices the shop's courier from `shop` to `to`.
pub fn quote(shop: &ShopPlace, to: &AddressPlace, city: &CityRates) -> Quote {
    if !shop.delivers {
        return Quote::PickupOnly;
    }
    let rates = shop.rates.unwrap_or(city.rates);
    match (shop.pin, to.pin) {
        (Some(a), Some(b)) => {
            let metres = distance_m(a, b);
            if metres > rates.max_m {
                return Quote::OutOfRange {
                    metres,
                    max_m: rates.max_m,
                };
            }
            let km = (metres + 999) / 1000;
            let fee = rates
                .per_km
                .times(km)
                .and_then(|f| f.checked_add(rates.base))
                .unwrap_or(Rupiah(i64::MAX));
            Quote::Distance { metres, fee }
        }
        _ => {
            let fee = if shop.kecamatan_id == to.kecamatan_id {
                city.tiers.same_kecamatan
            } else if shop.wilayah == to.wilayah {
                city.tiers.neighbouring
            } else {
                city.tiers.further
            };
            Quote::Tier { fee }
        }
    }
}

/// The fee for a chosen method, or `None` when the courier cannot go.
pub fn fee_for(method: DeliveryMethod, q: Quote) -> Option<Rupiah> {
    match method {
        DeliveryMethod::Pickup => Some(Rupiah::ZERO),
        DeliveryMethod::Courier => q.fee(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TUGU: Pin = Pin {
        lat: -7.2458,
        lng: 112.7378,
    };

    fn shop(pin: Option<Pin>, kec: i64, wilayah: &str) -> ShopPlace {
        ShopPlace {
            delivers: true,
            pin,
            kecamatan_id: kec,
            wilayah: wilayah.into(),
            rates: None,
        }
    }

    fn to(pin: Option<Pin>, kec: i64, wilayah: &str) -> AddressPlace {
        AddressPlace {
            pin,
            kecamatan_id: kec,
            wilayah: wilayah.into(),
        }
    }

    #[test]
    fn distance_is_great_circle() {
        assert_eq!(distance_m(TUGU, TUGU), 0);
        // 0.01° of latitude is about 1,112 m everywhere.
        let north = Pin {
            lat: TUGU.lat + 0.01,
            lng: TUGU.lng,
        };
        assert!((1_105..=1_118).contains(&distance_m(TUGU, north)));
        // Tugu Pahlawan to Bandara Juanda: about 18 km as the crow flies.
        let juanda = Pin {
            lat: -7.3798,
            lng: 112.7876,
        };
        let d = distance_m(TUGU, juanda);
        assert!((15_500..=16_500).contains(&d), "{d}");
        assert_eq!(d, distance_m(juanda, TUGU));
    }

    #[test]
    fn couriers_charge_base_plus_each_started_kilometre_up_to_their_range() {
        let city = CityRates::default();
        let near = Pin {
            lat: TUGU.lat + 0.01,
            lng: TUGU.lng,
        }; // ~1.1 km: 2 started km
        assert_eq!(
            quote(
                &shop(Some(TUGU), 1, "Pusat"),
                &to(Some(near), 9, "Timur"),
                &city
            ),
            Quote::Distance {
                metres: distance_m(TUGU, near),
                fee: Rupiah(5_000 + 2 * 2_000)
            }
        );
        let same_spot = quote(
            &shop(Some(TUGU), 1, "Pusat"),
            &to(Some(TUGU), 1, "Pusat"),
            &city,
        );
        assert_eq!(same_spot.fee(), Some(Rupiah(5_000)));
        let far = Pin {
            lat: TUGU.lat - 0.2,
            lng: TUGU.lng,
        };
        let q = quote(
            &shop(Some(TUGU), 1, "Pusat"),
            &to(Some(far), 2, "Selatan"),
            &city,
        );
        assert!(matches!(q, Quote::OutOfRange { max_m: 15_000, .. }));
        assert_eq!(fee_for(DeliveryMethod::Courier, q), None);
        assert_eq!(fee_for(DeliveryMethod::Pickup, q), Some(Rupiah::ZERO));
        // A shop's own rates win over the city's.
        let mut own = shop(Some(TUGU), 1, "Pusat");
        own.rates = Some(Rates {
            base: Rupiah(0),
            per_km: Rupiah(1_000),
            max_m: 50_000,
        });
        assert_eq!(
            quote(&own, &to(Some(far), 2, "Selatan"), &city).fee(),
            Some(Rupiah(23_000))
        );
    }

    #[test]
    fn without_a_pin_the_kecamatan_tier_decides() {
        let city = CityRates::default();
        let s = shop(Some(TUGU), 1, "Pusat");
        assert_eq!(
            quote(&s, &to(None, 1, "Pusat"), &city).fee(),
            Some(Rupiah(8_000))
        );
        assert_eq!(
            quote(&s, &to(None, 2, "Pusat"), &city).fee(),
            Some(Rupiah(12_000))
        );
        assert_eq!(
            quote(&s, &to(None, 3, "Timur"), &city).fee(),
            Some(Rupiah(18_000))
        );
        let pinless = shop(None, 3, "Timur");
        assert_eq!(
            quote(&pinless, &to(Some(TUGU), 3, "Timur"), &city).fee(),
            Some(Rupiah(8_000))
        );
    }

    #[test]
    fn city_rates_parse_from_config() {
        let c = CityRates::parse("base=4000, per_km=1500,max_km=10,far=20000").unwrap();
        assert_eq!(c.rates.base, Rupiah(4_000));
        assert_eq!(c.rates.per_km, Rupiah(1_500));
        assert_eq!(c.rates.max_m, 10_000);
        assert_eq!(c.tiers.further, Rupiah(20_000));
        assert_eq!(c.tiers.same_kecamatan, Rupiah(8_000));
        assert_eq!(CityRates::parse("").unwrap(), CityRates::default());
        assert!(CityRates::parse("base=-1").is_err());
        assert!(CityRates::parse("speed=3").is_err());
        assert!(CityRates::parse("max_km=0").is_err());
        assert_eq!(DeliveryMethod::parse("ambil"), Some(DeliveryMethod::Pickup));
        assert_eq!(DeliveryMethod::parse("terbang"), None);
    }

    #[test]
    fn a_shop_without_a_courier_offers_pickup_only() {
        let mut s = shop(Some(TUGU), 1, "Pusat");
        s.delivers = false;
        let to = AddressPlace {
            pin: Some(TUGU),
            kecamatan_id: 1,
            wilayah: "Pusat".into(),
        };
        let q = quote(&s, &to, &CityRates::default());
        assert_eq!(q, Quote::PickupOnly);
        assert_eq!(q.fee(), None);
    }
}

//! The states records move through, each stored as one stable string that
//! never changes (the database's CHECK constraints list the same strings).

use serde::{Deserialize, Serialize};

/// Declares an enum whose variants are stored as fixed strings, with
/// `as_str`, `parse` and `ALL`.
macro_rules! stored_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vm])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The string stored in the database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s),+
                }
            }

            /// Parses a stored string.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($s => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

stored_enum! {
    /// Where a shop stands with the city. Only verified shops sell.
    ShopStatus {
        /// Applied, waiting for the city.
        Pending = "pending",
        Verified = "verified",
        Rejected = "rejected",
        /// Was verified; the city stopped its sales for now.
        Suspended = "suspended",
    }
}

impl ShopStatus {
    /// Whether the shop's products are in the catalog and can be bought.
    pub fn sells(self) -> bool {
        self == ShopStatus::Verified
    }
}

stored_enum! {
    /// One shop's order (ARCHITECTURE.md, "Order lifecycle").
    OrderStatus {
        AwaitingPayment = "menunggu_pembayaran",
        Paid = "dibayar",
        Processing = "diproses",
        Shipped = "dikirim",
        Completed = "selesai",
        Cancelled = "dibatalkan",
        Complained = "dikomplain",
    }
}

stored_enum! {
    /// How the buyer pays.
    PaymentMethod {
        /// Cash on delivery: no gateway, paid to the courier.
        Cod = "cod",
        Qris = "qris",
        /// A bank virtual account (the schema calls it a transfer).
        VirtualAccount = "transfer",
    }
}

stored_enum! {
    /// A payment record's state.
    PaymentStatus {
        Pending = "pending",
        Paid = "paid",
        Failed = "failed",
        Expired = "expired",
        Refunded = "refunded",
    }
}

stored_enum! {
    /// A delivery's state.
    DeliveryStatus {
        Waiting = "menunggu",
        OnTheWay = "dikirim",
        Delivered = "diterima",
        Failed = "gagal",
    }
}

stored_enum! {
    /// How one shop's goods reach the buyer (`orders.delivery_method`).
    DeliveryMethod {
        /// The shop's own courier brings them.
        Courier = "antar",
        /// The buyer collects them at the shop.
        Pickup = "ambil",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        let mut seen = std::collections::HashSet::new();
        for &v in all {
            assert!(seen.insert(as_str(v)), "{v:?} shares its string");
            assert_eq!(parse(as_str(v)), Some(v));
        }
        assert_eq!(parse("tidak-ada"), None);
    }

    #[test]
    fn every_state_round_trips_through_its_stored_string() {
        round_trips(ShopStatus::ALL, ShopStatus::as_str, ShopStatus::parse);
        round_trips(OrderStatus::ALL, OrderStatus::as_str, OrderStatus::parse);
        round_trips(
            PaymentMethod::ALL,
            PaymentMethod::as_str,
            PaymentMethod::parse,
        );
        round_trips(
            PaymentStatus::ALL,
            PaymentStatus::as_str,
            PaymentStatus::parse,
        );
        round_trips(
            DeliveryMethod::ALL,
            DeliveryMethod::as_str,
            DeliveryMethod::parse,
        );
        round_trips(
            DeliveryStatus::ALL,
            DeliveryStatus::as_str,
            DeliveryStatus::parse,
        );
    }

    #[test]
    fn the_stored_strings_are_the_ones_the_schema_allows() {
        let schema = [
            include_str!("../../../migrations/sqlite/0001_schema.sql"),
            include_str!("../../../migrations/sqlite/0006_checkout.sql"),
        ]
        .concat();
        for s in ShopStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .chain(OrderStatus::ALL.iter().map(|s| s.as_str()))
            .chain(PaymentMethod::ALL.iter().map(|s| s.as_str()))
            .chain(PaymentStatus::ALL.iter().map(|s| s.as_str()))
            .chain(DeliveryStatus::ALL.iter().map(|s| s.as_str()))
            .chain(DeliveryMethod::ALL.iter().map(|s| s.as_str()))
        {
            assert!(
                schema.contains(&format!("'{s}'")),
                "{s} is not in the schema"
            );
        }
        assert!(ShopStatus::Verified.sells() && !ShopStatus::Suspended.sells());
    }
}

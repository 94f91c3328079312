//! Cart rules: how many of a product one line may hold.

/// The most of one product a cart line may hold.
pub const MAX_QTY: i64 = 999;

/// Why a quantity cannot go into the cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CartRefusal {
    /// Not a whole number from 1 to [`MAX_QTY`].
    BadQuantity,
    /// The product is not for sale (missing, inactive, or its shop does not sell).
    NotForSale,
    /// The shop reached the city's monthly sales cap: for sale again next month.
    ShopAtCap,
    /// Not enough stock: this many more could still be added (maybe 0).
    NotEnoughStock { can_add: i64 },
}

/// A typed quantity: a whole number from 1 to [`MAX_QTY`].
pub fn parse_quantity(typed: &str) -> Result<i64, CartRefusal> {
    match typed.trim().parse::<i64>() {
        Ok(q) if (1..=MAX_QTY).contains(&q) => Ok(q),
        _ => Err(CartRefusal::BadQuantity),
    }
}

/// Whether `adding` more can join the `in_cart` already held, given `stock`:
/// the line may never hold more than the shop has, nor more than [`MAX_QTY`].
/// Returns the line's new quantity.
pub fn check_add(in_cart: i64, adding: i64, stock: i64) -> Result<i64, CartRefusal> {
    if !(1..=MAX_QTY).contains(&adding) {
        return Err(CartRefusal::BadQuantity);
    }
    let limit = stock.min(MAX_QTY);
    let total = in_cart.saturating_add(adding);
    if total > limit {
        return Err(CartRefusal::NotEnoughStock {
            can_add: (limit - in_cart).max(0),
        });
    }
    Ok(total)
}

/// What changed about a cart line since the buyer put it there, in the
/// order it matters: a product that left the catalog, then stock, then price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LineFlag {
    /// Inactive, deleted, or its shop stopped selling.
    Gone,
    /// Its shop reached the city's monthly sales cap.
    AtCap,
    SoldOut,
    /// Fewer left than the line holds.
    StockLow {
        left: i64,
    },
    /// The price is not the one the buyer saw.
    PriceChanged {
        from: i64,
    },
}

/// The flag for a line holding `qty` of a product now priced `price` with
/// `stock` left, last seen at `seen` (None: never recorded, taken as seen).
pub fn flag(
    price: i64,
    seen: Option<i64>,
    qty: i64,
    stock: i64,
    for_sale: bool,
) -> Option<LineFlag> {
    if !for_sale {
        Some(LineFlag::Gone)
    } else if stock <= 0 {
        Some(LineFlag::SoldOut)
    } else if qty > stock {
        Some(LineFlag::StockLow { left: stock })
    } else {
        match seen {
            Some(from) if from != price => Some(LineFlag::PriceChanged { from }),
            _ => None,
        }
    }
}

/// A quantity typed on the cart page: 0 removes the line, otherwise
/// 1 to [`MAX_QTY`] and no more than `stock`.
pub fn check_set(qty: i64, stock: i64) -> Result<i64, CartRefusal> {
    if !(0..=MAX_QTY).contains(&qty) {
        return Err(CartRefusal::BadQuantity);
    }
    if qty > stock {
        return Err(CartRefusal::NotEnoughStock {
            can_add: stock.max(0),
        });
    }
    Ok(qty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_flagged_by_what_matters_most() {
        assert_eq!(flag(1_000, Some(1_000), 2, 5, true), None);
        assert_eq!(flag(1_000, None, 2, 5, true), None);
        assert_eq!(
            flag(1_200, Some(1_000), 2, 5, true),
            Some(LineFlag::PriceChanged { from: 1_000 })
        );
        assert_eq!(
            flag(1_200, Some(1_000), 6, 5, true),
            Some(LineFlag::StockLow { left: 5 })
        );
        assert_eq!(
            flag(1_200, Some(1_000), 1, 0, true),
            Some(LineFlag::SoldOut)
        );
        assert_eq!(flag(1_000, Some(1_000), 1, 9, false), Some(LineFlag::Gone));
        assert_eq!(check_set(0, 3), Ok(0));
        assert_eq!(check_set(3, 3), Ok(3));
        assert_eq!(
            check_set(4, 3),
            Err(CartRefusal::NotEnoughStock { can_add: 3 })
        );
        assert_eq!(check_set(-1, 3), Err(CartRefusal::BadQuantity));
        assert_eq!(check_set(1_000, 5_000), Err(CartRefusal::BadQuantity));
    }

    #[test]
    fn quantities_are_whole_numbers_from_one_to_the_maximum() {
        assert_eq!(parse_quantity(" 3 "), Ok(3));
        assert_eq!(parse_quantity("999"), Ok(999));
        for bad in [
            "0",
            "-1",
            "1000",
            "1e3",
            "2.5",
            "",
            "tiga",
            "99999999999999999999",
        ] {
            assert_eq!(parse_quantity(bad), Err(CartRefusal::BadQuantity), "{bad}");
        }
    }

    #[test]
    fn a_line_never_holds_more_than_the_stock() {
        assert_eq!(check_add(0, 3, 3), Ok(3));
        assert_eq!(check_add(2, 1, 3), Ok(3));
        assert_eq!(
            check_add(2, 2, 3),
            Err(CartRefusal::NotEnoughStock { can_add: 1 })
        );
        assert_eq!(
            check_add(3, 1, 3),
            Err(CartRefusal::NotEnoughStock { can_add: 0 })
        );
        // Stock that fell below what the cart holds: nothing more, never negative.
        assert_eq!(
            check_add(5, 1, 2),
            Err(CartRefusal::NotEnoughStock { can_add: 0 })
        );
        assert_eq!(
            check_add(998, 5, 10_000),
            Err(CartRefusal::NotEnoughStock { can_add: 1 })
        );
        assert_eq!(check_add(0, 0, 10), Err(CartRefusal::BadQuantity));
    }
}

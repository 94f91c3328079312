//! Turning a cart into orders: one order per shop, quantities of one product
//! summed (two lines of one product must not oversell), every line checked
//! against what the catalog says now, totals in checked whole rupiah. The
//! store reserves exactly what this plan says, in one transaction.

use super::delivery::{fee_for, DeliveryMethod, Quote};
use super::money::Rupiah;
use std::collections::BTreeMap;

/// A cart line as the catalog sees it at checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartLine {
    pub product_id: i64,
    pub shop_id: i64,
    /// The product's current price (never the form's).
    pub unit_price: Rupiah,
    pub qty: i64,
    /// The product's current stock.
    pub stock: i64,
    /// Active, and its shop sells.
    pub for_sale: bool,
    /// The price the buyer last saw (None: not recorded, taken as seen).
    pub seen_price: Option<Rupiah>,
}

/// One product in a shop's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedItem {
    pub product_id: i64,
    pub unit_price: Rupiah,
    pub qty: i64,
    pub line_total: Rupiah,
}

/// One shop's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopOrderPlan {
    pub shop_id: i64,
    /// By product id.
    pub items: Vec<PlannedItem>,
    pub subtotal: Rupiah,
}

/// Why the cart cannot be checked out as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CartProblem {
    Empty,
    /// The product left the catalog (inactive, or its shop stopped selling).
    NotForSale {
        product_id: i64,
    },
    /// Fewer left than the cart holds (summed over its lines).
    NotEnough {
        product_id: i64,
        left: i64,
    },
    /// A quantity that is not a whole number from 1 up.
    BadQuantity {
        product_id: i64,
    },
    /// The price is not the one the buyer saw: they must see it first.
    PriceChanged {
        product_id: i64,
        from: Rupiah,
        to: Rupiah,
    },
    /// The shop's courier does not go to the address: pickup only.
    NoCourier {
        shop_id: i64,
    },
    /// The amounts do not fit (absurd quantities or prices).
    TooLarge,
}

/// One shop's order with its delivery priced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopPriced {
    pub plan: ShopOrderPlan,
    pub quote: Quote,
    pub method: DeliveryMethod,
    pub fee: Rupiah,
    /// Subtotal plus fee.
    pub total: Rupiah,
}

/// A whole checkout, priced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priced {
    pub shops: Vec<ShopPriced>,
    pub total: Rupiah,
}

/// Prices each shop's order with the delivery chosen for it
/// (`method_of(shop, quote)`) and the courier's quote (`quote_of(shop)`).
pub fn price(
    plans: Vec<ShopOrderPlan>,
    quote_of: impl Fn(i64) -> Quote,
    method_of: impl Fn(i64, Quote) -> DeliveryMethod,
) -> Result<Priced, Vec<CartProblem>> {
    let mut shops = Vec::with_capacity(plans.len());
    let mut problems = Vec::new();
    for plan in plans {
        let quote = quote_of(plan.shop_id);
        let method = method_of(plan.shop_id, quote);
        let Some(fee) = fee_for(method, quote) else {
            problems.push(CartProblem::NoCourier {
                shop_id: plan.shop_id,
            });
            continue;
        };
        let Some(total) = plan.subtotal.checked_add(fee) else {
            problems.push(CartProblem::TooLarge);
            continue;
        };
        shops.push(ShopPriced {
            plan,
            quote,
            method,
            fee,
            total,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let total = Rupiah::sum(shops.iter().map(|s| s.total)).ok_or(vec![CartProblem::TooLarge])?;
    Ok(Priced { shops, total })
}

/// Plans the orders for `lines`, shops and products in id order, or says
/// every problem at once (so the buyer fixes the cart in one go).
pub fn plan(lines: &[CartLine]) -> Result<Vec<ShopOrderPlan>, Vec<CartProblem>> {
    if lines.is_empty() {
        return Err(vec![CartProblem::Empty]);
    }
    let mut problems = Vec::new();
    // (shop, product) → (price, summed qty, stock, for sale)
    let mut products: BTreeMap<(i64, i64), (Rupiah, i64, i64, bool)> = BTreeMap::new();
    let mut changed: BTreeMap<i64, (Rupiah, Rupiah)> = BTreeMap::new();
    for l in lines {
        if l.qty < 1 {
            problems.push(CartProblem::BadQuantity {
                product_id: l.product_id,
            });
            continue;
        }
        let e = products.entry((l.shop_id, l.product_id)).or_insert((
            l.unit_price,
            0,
            l.stock,
            l.for_sale,
        ));
        e.1 = e.1.saturating_add(l.qty);
        if let Some(seen) = l.seen_price.filter(|s| *s != l.unit_price) {
            changed.insert(l.product_id, (seen, l.unit_price));
        }
    }
    let mut shops: BTreeMap<i64, Vec<PlannedItem>> = BTreeMap::new();
    for (&(shop_id, product_id), &(unit_price, qty, stock, for_sale)) in &products {
        if !for_sale {
            problems.push(CartProblem::NotForSale { product_id });
        } else if let Some(&(from, to)) = changed.get(&product_id) {
            problems.push(CartProblem::PriceChanged {
                product_id,
                from,
                to,
            });
        } else if qty > stock {
            problems.push(CartProblem::NotEnough {
                product_id,
                left: stock.max(0),
            });
        } else {
            match unit_price.times(qty) {
                Some(line_total) => shops.entry(shop_id).or_default().push(PlannedItem {
                    product_id,
                    unit_price,
                    qty,
                    line_total,
                }),
                None => problems.push(CartProblem::TooLarge),
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut plans = Vec::with_capacity(shops.len());
    for (shop_id, items) in shops {
        let subtotal =
            Rupiah::sum(items.iter().map(|i| i.line_total)).ok_or(vec![CartProblem::TooLarge])?;
        plans.push(ShopOrderPlan {
            shop_id,
            items,
            subtotal,
        });
    }
    Ok(plans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(product_id: i64, shop_id: i64, price: i64, qty: i64, stock: i64) -> CartLine {
        CartLine {
            product_id,
            shop_id,
            unit_price: Rupiah(price),
            qty,
            stock,
            for_sale: true,
            seen_price: Some(Rupiah(price)),
        }
    }

    #[test]
    fn one_order_per_shop_with_checked_subtotals() {
        let plans = plan(&[
            line(7, 2, 12_500, 2, 10),
            line(3, 1, 4_000, 1, 5),
            line(9, 2, 1_000, 3, 3),
        ])
        .unwrap();
        assert_eq!(plans.len(), 2);
        assert_eq!(plans[0].shop_id, 1);
        assert_eq!(plans[0].subtotal, Rupiah(4_000));
        assert_eq!(plans[1].shop_id, 2);
        assert_eq!(
            plans[1]
                .items
                .iter()
                .map(|i| i.product_id)
                .collect::<Vec<_>>(),
            vec![7, 9]
        );
        assert_eq!(plans[1].subtotal, Rupiah(28_000));
    }

    #[test]
    fn each_shop_pays_its_own_delivery_and_out_of_range_means_pickup() {
        let plans = plan(&[line(7, 2, 10_000, 1, 9), line(3, 1, 4_000, 2, 9)]).unwrap();
        let quote = |shop: i64| match shop {
            1 => Quote::Tier { fee: Rupiah(8_000) },
            _ => Quote::OutOfRange {
                metres: 20_000,
                max_m: 15_000,
            },
        };
        let priced = price(plans.clone(), quote, |shop, _| {
            if shop == 1 {
                DeliveryMethod::Courier
            } else {
                DeliveryMethod::Pickup
            }
        })
        .unwrap();
        assert_eq!(priced.shops[0].fee, Rupiah(8_000));
        assert_eq!(priced.shops[0].total, Rupiah(16_000));
        assert_eq!(priced.shops[1].fee, Rupiah::ZERO);
        assert_eq!(priced.total, Rupiah(26_000));
        assert_eq!(
            price(plans, quote, |_, _| DeliveryMethod::Courier),
            Err(vec![CartProblem::NoCourier { shop_id: 2 }])
        );
    }

    #[test]
    fn two_lines_of_one_product_are_summed_before_the_stock_check() {
        // 3 + 3 of a product with 5 left: refused, though each line fits.
        assert_eq!(
            plan(&[line(7, 2, 1_000, 3, 5), line(7, 2, 1_000, 3, 5)]),
            Err(vec![CartProblem::NotEnough {
                product_id: 7,
                left: 5
            }])
        );
        let ok = plan(&[line(7, 2, 1_000, 2, 5), line(7, 2, 1_000, 3, 5)]).unwrap();
        assert_eq!(ok[0].items[0].qty, 5);
        assert_eq!(ok[0].subtotal, Rupiah(5_000));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut gone = line(4, 1, 1_000, 1, 9);
        gone.for_sale = false;
        assert_eq!(
            plan(&[gone, line(5, 1, 1_000, 4, 2), line(6, 3, 1_000, 0, 9)]),
            Err(vec![
                CartProblem::BadQuantity { product_id: 6 },
                CartProblem::NotForSale { product_id: 4 },
                CartProblem::NotEnough {
                    product_id: 5,
                    left: 2
                },
            ])
        );
        assert_eq!(plan(&[]), Err(vec![CartProblem::Empty]));
        assert_eq!(
            plan(&[line(1, 1, i64::MAX / 2, 3, 10)]),
            Err(vec![CartProblem::TooLarge])
        );
        let mut dearer = line(8, 1, 1_500, 1, 9);
        dearer.seen_price = Some(Rupiah(1_000));
        assert_eq!(
            plan(&[dearer]),
            Err(vec![CartProblem::PriceChanged {
                product_id: 8,
                from: Rupiah(1_000),
                to: Rupiah(1_500)
            }])
        );
        // Stock that went negative in a bad row still reads as none left.
        assert_eq!(
            plan(&[line(1, 1, 1_000, 1, -2)]),
            Err(vec![CartProblem::NotEnough {
                product_id: 1,
                left: 0
            }])
        );
    }
}

//! The cart. Adding is a write: buyers only, never more than the stock.

use super::Landing;
use crate::model::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A product went into the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartAdded {
    pub product: i64,
    /// How many of it the cart holds now.
    pub in_cart: i64,
}

impl Landing for CartAdded {
    fn landing(&self) -> String {
        format!(
            "{}?ok=keranjang&jumlah={}",
            crate::paths::product(self.product),
            self.in_cart
        )
    }
}

/// `produk` (id) and `jumlah` (how many) as typed: puts the product in the
/// signed-in buyer's cart.
#[server(prefix = "/api", endpoint = "keranjang/tambah")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn add_to_cart(
    #[server(default)] produk: String,
    #[server(default)] jumlah: String,
) -> Result<CartAdded, AppError> {
    super::edge(ssr::add(&produk, &jumlah).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::CartAdded;
    use crate::domain::{
        cart::{parse_quantity, CartRefusal},
        Action,
    };
    use crate::i18n::{fill, Texts};
    use crate::model::{AppError, Refusal};
    use crate::server::session::authorize;

    fn refusal(why: CartRefusal, t: &Texts) -> AppError {
        // About the quantity: said for the form and by the field.
        let quantity = |status: u16, msg: String| Refusal {
            message: Some(msg.clone()),
            ..Refusal::field("jumlah", msg, t).with_status(status)
        };
        match why {
            CartRefusal::NotForSale => Refusal::message(404, t.not_for_sale),
            CartRefusal::BadQuantity => quantity(422, t.quantity_range.into()),
            CartRefusal::NotEnoughStock { can_add: 0 } => quantity(409, t.stock_all_in_cart.into()),
            CartRefusal::NotEnoughStock { can_add } => {
                quantity(409, fill(t.stock_can_add, &[("n", &can_add)]))
            }
        }
        .into()
    }

    pub async fn add(produk: &str, jumlah: &str) -> Result<CartAdded, AppError> {
        let buyer = authorize(Action::Buy)?;
        let t = crate::i18n::t();
        let Ok(product) = produk.trim().parse::<i64>() else {
            return Err(refusal(CartRefusal::NotForSale, t));
        };
        let qty = parse_quantity(jumlah).map_err(|why| refusal(why, t))?;
        let store = crate::server::state::state().store;
        match store
            .add_to_cart(buyer.id, product, qty, chrono::Utc::now())
            .await?
        {
            Ok(in_cart) => Ok(CartAdded { product, in_cart }),
            Err(why) => Err(refusal(why, t)),
        }
    }
}

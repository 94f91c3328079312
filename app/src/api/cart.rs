//! The cart. Buyers only; a line never holds more than the stock, and the
//! page says in words what changed since a product went in.

use super::{Done, Landing};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// A cart line as the cart page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartItemView {
    pub product_id: i64,
    pub name: String,
    pub unit: String,
    pub photo: Option<crate::model::Photo>,
    pub price: i64,
    pub qty: i64,
    pub stock: i64,
    pub line_total: i64,
    /// What changed since it went into the cart, if anything.
    pub flag: Option<crate::domain::cart::LineFlag>,
}

/// One shop's lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartShopView {
    pub shop_id: i64,
    pub name: String,
    pub slug: String,
    pub items: Vec<CartItemView>,
    pub subtotal: i64,
}

/// The cart page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartView {
    pub shops: Vec<CartShopView>,
    pub units: i64,
    pub total: i64,
    /// Some line changed: checkout waits until the buyer has accepted it.
    pub needs_review: bool,
}

/// A product went into the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartAdded {
    pub product: i64,
    /// How many of it the cart holds now.
    pub in_cart: i64,
    /// Units in the whole cart (the header's badge).
    pub cart_units: i64,
}

impl Landing for CartAdded {
    fn landing(&self) -> String {
        format!(
            "{}?ok=keranjang&jumlah={}#beli",
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

/// The signed-in buyer's cart, re-read against the catalog.
#[server(prefix = "/api", endpoint = "keranjang", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn cart() -> Result<CartView, AppError> {
    super::edge(ssr::cart().await)
}

/// How many units the buyer's cart holds (0 for anyone else).
#[server(prefix = "/api", endpoint = "keranjang/jumlah", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn cart_units() -> Result<i64, AppError> {
    super::edge(ssr::units().await)
}

/// Sets a line to `jumlah` (0 removes it).
#[server(prefix = "/api", endpoint = "keranjang/ubah")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn set_quantity(
    #[server(default)] produk: String,
    #[server(default)] jumlah: String,
) -> Result<Done, AppError> {
    super::edge(ssr::set(&produk, &jumlah).await)
}

/// Takes a line out of the cart.
#[server(prefix = "/api", endpoint = "keranjang/hapus")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn remove_from_cart(#[server(default)] produk: String) -> Result<Done, AppError> {
    super::edge(ssr::set(&produk, "0").await)
}

/// The buyer has seen the changes: current prices, no more than the stock.
#[server(prefix = "/api", endpoint = "keranjang/setujui")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn accept_cart() -> Result<Done, AppError> {
    super::edge(ssr::accept().await)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::{CartAdded, CartView, Done};
    use super::{CartItemView, CartShopView};
    use crate::domain::{
        cart::{parse_quantity, CartRefusal},
        Action,
    };
    use crate::i18n::{fill, Texts};
    use crate::model::{AppError, Refusal};
    use crate::server::session::authorize;
    use crate::server::store::CartRow;

    pub(crate) fn refusal(why: CartRefusal, t: &Texts) -> AppError {
        // About the quantity: said for the form and by the field.
        let quantity = |status: u16, msg: String| Refusal {
            message: Some(msg.clone()),
            ..Refusal::field("jumlah", msg, t).with_status(status)
        };
        match why {
            CartRefusal::NotForSale => Refusal::message(404, t.not_for_sale),
            CartRefusal::ShopAtCap => Refusal::message(409, t.shop_at_cap),
            CartRefusal::BadQuantity => quantity(422, t.quantity_range.into()),
            CartRefusal::NotEnoughStock { can_add: 0 } => quantity(409, t.stock_all_in_cart.into()),
            CartRefusal::NotEnoughStock { can_add } => {
                quantity(409, fill(t.stock_can_add, &[("n", &can_add)]))
            }
        }
        .into()
    }

    /// The cart page's data from the store's rows.
    pub fn view_of(rows: &[CartRow]) -> CartView {
        let mut shops: Vec<CartShopView> = Vec::new();
        for r in rows {
            let flag = if r.shop_capped && r.is_active && r.shop_status == "verified" {
                Some(crate::domain::cart::LineFlag::AtCap)
            } else {
                crate::domain::cart::flag(r.price, r.seen_price, r.qty, r.stock, r.for_sale())
            };
            let item = CartItemView {
                product_id: r.product_id,
                name: r.name.clone(),
                unit: r.unit.clone(),
                photo: r.photo(),
                price: r.price,
                qty: r.qty,
                stock: r.stock,
                line_total: r.price.saturating_mul(r.qty),
                flag,
            };
            match shops.last_mut() {
                Some(s) if s.shop_id == r.shop_id => s.items.push(item),
                _ => shops.push(CartShopView {
                    shop_id: r.shop_id,
                    name: r.shop_name.clone(),
                    slug: r.shop_slug.clone(),
                    items: vec![item],
                    subtotal: 0,
                }),
            }
        }
        for s in &mut shops {
            s.subtotal = s
                .items
                .iter()
                .map(|i| i.line_total)
                .fold(0, i64::saturating_add);
        }
        CartView {
            units: rows.iter().map(|r| r.qty).fold(0, i64::saturating_add),
            total: shops
                .iter()
                .map(|s| s.subtotal)
                .fold(0, i64::saturating_add),
            needs_review: shops
                .iter()
                .flat_map(|s| &s.items)
                .any(|i| i.flag.is_some()),
            shops,
        }
    }

    pub async fn cart() -> Result<CartView, AppError> {
        let buyer = authorize(Action::Buy)?;
        let rows = crate::server::state::state()
            .store
            .cart_rows(buyer.id)
            .await?;
        Ok(view_of(&rows))
    }

    pub async fn units() -> Result<i64, AppError> {
        match crate::server::session::viewer() {
            Some(v) if v.is_buyer() => {
                Ok(crate::server::state::state().store.cart_count(v.id).await?)
            }
            _ => Ok(0),
        }
    }

    pub async fn set(produk: &str, jumlah: &str) -> Result<Done, AppError> {
        let buyer = authorize(Action::Buy)?;
        let t = crate::i18n::t();
        let Ok(product) = produk.trim().parse::<i64>() else {
            return Err(refusal(CartRefusal::NotForSale, t));
        };
        let qty = match jumlah.trim().parse::<i64>() {
            Ok(q) if (0..=crate::domain::cart::MAX_QTY).contains(&q) => q,
            _ => return Err(refusal(CartRefusal::BadQuantity, t)),
        };
        let store = crate::server::state::state().store;
        match store
            .set_cart_qty(buyer.id, product, qty, chrono::Utc::now())
            .await?
        {
            Ok(0) => Ok(Done::to(format!("{}?ok=hapus", crate::paths::CART))),
            Ok(_) => Ok(Done::to(format!("{}?ok=ubah", crate::paths::CART))),
            Err(CartRefusal::NotEnoughStock { can_add }) => {
                let msg = fill(t.stock_only_left, &[("n", &can_add)]);
                Err(Refusal {
                    message: Some(msg.clone()),
                    ..Refusal::field("jumlah", msg, t).with_status(409)
                }
                .into())
            }
            Err(why) => Err(refusal(why, t)),
        }
    }

    pub async fn accept() -> Result<Done, AppError> {
        let buyer = authorize(Action::Buy)?;
        let store = crate::server::state::state().store;
        store.accept_cart(buyer.id, chrono::Utc::now()).await?;
        Ok(Done::to(format!("{}?ok=setuju", crate::paths::CART)))
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
            Ok(in_cart) => Ok(CartAdded {
                product,
                in_cart,
                cart_units: store.cart_count(buyer.id).await?,
            }),
            Err(why) => Err(refusal(why, t)),
        }
    }
}

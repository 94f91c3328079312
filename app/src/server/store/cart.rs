//! The buyer's cart (the checkout issue builds the cart page and checkout on it).

use super::{on_pool, Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};

/// Why an item could not go into the cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CartRefusal {
    /// The product is not for sale (missing, inactive, or its shop not verified).
    NotForSale,
    /// Not enough stock: this many more could still be added.
    NotEnoughStock { can_add: i64 },
}

impl Store {
    /// Adds `qty` of a product to the user's cart (creating the cart), as
    /// long as the cart would not hold more than the stock. Returns the
    /// quantity now in the cart, or why not; nothing changes when refused.
    pub async fn add_to_cart(
        &self,
        user_id: i64,
        product_id: i64,
        qty: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<i64, CartRefusal>> {
        if qty <= 0 {
            return Err(StoreError::Check(format!(
                "quantity must be positive, got {qty}"
            )));
        }
        on_pool!(self, p => {
            let mut tx = p.begin().await?;
            let stock: Option<i64> = sqlx::query_scalar(
                "SELECT p.stock FROM products p JOIN shops s ON s.id = p.shop_id \
                 WHERE p.id = $1 AND p.is_active = TRUE AND s.status = 'verified'")
                .bind(product_id).fetch_optional(&mut *tx).await?;
            let Some(stock) = stock else {
                return Ok(Err(CartRefusal::NotForSale));
            };
            let cart_id: i64 = sqlx::query_scalar(
                "INSERT INTO carts (user_id, updated_at) VALUES ($1, $2) \
                 ON CONFLICT (user_id) DO UPDATE SET updated_at = $2 RETURNING id")
                .bind(user_id).bind(now).fetch_one(&mut *tx).await?;
            let have: i64 = sqlx::query_scalar(
                "SELECT COALESCE((SELECT qty FROM cart_items WHERE cart_id = $1 AND product_id = $2), 0)")
                .bind(cart_id).bind(product_id).fetch_one(&mut *tx).await?;
            if have + qty > stock {
                return Ok(Err(CartRefusal::NotEnoughStock { can_add: (stock - have).max(0) }));
            }
            let total: i64 = sqlx::query_scalar(
                "INSERT INTO cart_items (cart_id, product_id, qty, added_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (cart_id, product_id) DO UPDATE SET qty = cart_items.qty + $3 RETURNING qty")
                .bind(cart_id).bind(product_id).bind(qty).bind(now).fetch_one(&mut *tx).await?;
            tx.commit().await?;
            Ok(Ok(total))
        })
    }

    /// What is in the user's cart: (product id, quantity), by product id.
    pub async fn cart_lines(&self, user_id: i64) -> StoreResult<Vec<(i64, i64)>> {
        let sql =
            "SELECT ci.product_id, ci.qty FROM cart_items ci JOIN carts c ON c.id = ci.cart_id \
                   WHERE c.user_id = $1 ORDER BY ci.product_id";
        Ok(on_pool!(self, p => sqlx::query_as(sql).bind(user_id).fetch_all(p).await?))
    }
}

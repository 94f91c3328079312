//! The buyer's cart (the checkout issue builds the cart page and checkout on it).

use super::{on_pool, BeginWrite, Store, StoreError, StoreResult};
use crate::domain::cart::{check_add, CartRefusal, MAX_QTY};
use chrono::{DateTime, Utc};

impl Store {
    /// Adds `qty` of a product to the user's cart (creating the cart), as
    /// long as the line would hold no more than the stock (and
    /// [`MAX_QTY`]). Returns the quantity now in the cart, or why not;
    /// nothing changes when refused.
    ///
    /// The line is written by one conditional upsert, so concurrent adds to
    /// the same line cannot together pass the stock: PostgreSQL re-checks
    /// the condition on the row it locks, SQLite runs writers one at a time.
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
            let mut tx = p.begin_write().await?;
            let found: Option<(i64, i64, bool)> = sqlx::query_as(
                "SELECT p.stock, p.price, (s.capped_month IS NOT NULL) FROM products p JOIN shops s ON s.id = p.shop_id \
                 WHERE p.id = $1 AND p.is_active = TRUE AND s.status = 'verified'")
                .bind(product_id).fetch_optional(&mut *tx).await?;
            let Some((stock, price, capped)) = found else {
                return Ok(Err(CartRefusal::NotForSale));
            };
            if capped {
                return Ok(Err(CartRefusal::ShopAtCap));
            }
            let cart_id: i64 = sqlx::query_scalar(
                "INSERT INTO carts (user_id, updated_at) VALUES ($1, $2) \
                 ON CONFLICT (user_id) DO UPDATE SET updated_at = $2 RETURNING id")
                .bind(user_id).bind(now).fetch_one(&mut *tx).await?;
            let have_sql = "SELECT COALESCE((SELECT qty FROM cart_items WHERE cart_id = $1 AND product_id = $2), 0)";
            let have: i64 = sqlx::query_scalar(have_sql)
                .bind(cart_id).bind(product_id).fetch_one(&mut *tx).await?;
            if let Err(why) = check_add(have, qty, stock) {
                return Ok(Err(why));
            }
            let limit = stock.min(MAX_QTY);
            let total: Option<i64> = sqlx::query_scalar(
                "INSERT INTO cart_items (cart_id, product_id, qty, added_at, seen_price) \
                 SELECT $1, $2, $3, $4, $6 WHERE $3 <= $5 \
                 ON CONFLICT (cart_id, product_id) DO UPDATE SET qty = cart_items.qty + excluded.qty, \
                 seen_price = excluded.seen_price \
                 WHERE cart_items.qty + excluded.qty <= $5 RETURNING qty")
                .bind(cart_id).bind(product_id).bind(qty).bind(now).bind(limit).bind(price)
                .fetch_optional(&mut *tx).await?;
            let Some(total) = total else {
                // Another add to the same line got in first: say what is left now.
                let have: i64 = sqlx::query_scalar(have_sql)
                    .bind(cart_id).bind(product_id).fetch_one(&mut *tx).await?;
                let why = check_add(have, qty, stock).err()
                    .unwrap_or(CartRefusal::NotEnoughStock { can_add: (limit - have).max(0) });
                return Ok(Err(why));
            };
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

//! Orders as the buyer's pages show them: shared by the server (which
//! reads them) and the pages (which render them).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One shop's order in the buyer's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OrderSummary {
    pub code: String,
    pub group_code: String,
    pub shop_name: String,
    pub status: String,
    pub total: i64,
    pub created_at: DateTime<Utc>,
    /// Units in the order.
    pub units: i64,
    pub first_item: String,
}

/// A line of an order, as it was bought.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OrderLine {
    pub order_id: i64,
    pub product_id: Option<i64>,
    pub product_name: String,
    pub unit_price: i64,
    pub qty: i64,
    pub line_total: i64,
    /// The buyer's stars for it, once reviewed.
    pub rating: Option<i64>,
}

/// One step of an order's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct HistoryEntry {
    pub order_id: i64,
    pub to_status: String,
    pub actor_role: String,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// One shop's order with everything the buyer's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ShopOrder {
    pub id: i64,
    pub code: String,
    pub shop_name: String,
    pub shop_slug: String,
    pub shop_address: String,
    pub status: String,
    pub subtotal: i64,
    pub delivery_fee: i64,
    pub total: i64,
    pub delivery_method: String,
    pub delivery_status: Option<String>,
    pub cancel_reason: Option<String>,
    pub completed_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub refund_amount: Option<i64>,
    pub refund_status: Option<String>,
    pub complaint_status: Option<String>,
    pub complaint_id: Option<i64>,
    /// The latest complaint's thread, for the buyer's page.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub complaint: Option<crate::model::complaint::ComplaintThread>,
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub items: Vec<OrderLine>,
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub history: Vec<HistoryEntry>,
}

/// A checkout (order group) with its payment and shop orders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OrderGroupView {
    pub id: i64,
    pub code: String,
    pub buyer_id: i64,
    pub payment_method: String,
    pub total: i64,
    pub recipient: String,
    pub phone: String,
    pub address: String,
    pub created_at: DateTime<Utc>,
    pub payment_id: i64,
    pub payment_status: String,
    pub payment_amount: i64,
    pub pay_url: Option<String>,
    pub pay_code: Option<String>,
    pub pay_expires_at: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub orders: Vec<ShopOrder>,
}

/// The buyer's order list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrdersPage {
    pub orders: Vec<OrderSummary>,
    pub status: Option<String>,
    pub page: i64,
    pub has_more: bool,
}

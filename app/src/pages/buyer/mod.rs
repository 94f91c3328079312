//! What buyers see.

mod cart;
mod category;
mod checkout;
mod complaints;
mod home;
mod orders;
mod product;
mod search;
mod shop;
mod shops;

pub use cart::CartPage;
pub use category::CategoryPageView;
pub use checkout::{method_label, CheckoutPage, ReviewPage};
pub use complaints::{about, ComplaintFacts, ComplaintPage, MyComplaintsPage};
pub use home::HomePage;
pub use orders::{status_label, OrderPage, OrdersListPage};
pub use product::ProductPage;
pub use search::SearchPageView;
pub use shop::ShopPage;
pub use shops::ShopsPage;

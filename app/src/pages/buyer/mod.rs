//! What buyers see.

mod category;
mod home;
mod product;
mod search;
mod shop;

pub use category::CategoryPageView;
pub use home::HomePage;
pub use product::ProductPage;
pub use search::SearchPageView;
pub use shop::ShopPage;

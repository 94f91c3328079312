//! What buyers see.

mod home;
mod product;
mod shop;

pub use home::HomePage;
pub use product::ProductPage;
pub use shop::ShopPage;

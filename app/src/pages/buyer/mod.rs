//! What buyers see.

mod category;
mod home;
mod product;
mod search;
mod shop;

pub use category::CategoryPageView;
pub use home::HomePage;
pub use product::ProductPage;
pub use search::{current_params, kind_label, problem_text, sort_label, Pager, SearchPageView};
pub use shop::ShopPage;

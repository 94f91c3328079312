//! Reusable views.

mod cards;
mod kecamatan_picker;
mod layout;
mod page_data;

pub use cards::{Price, ProductCard, ProductGrid, ShopCard};
pub use kecamatan_picker::KecamatanPicker;
pub use layout::{ErrorView, Layout, NotFound, PageTitle};
pub use page_data::page_data;

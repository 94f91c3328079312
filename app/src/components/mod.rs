//! Reusable views.

mod cards;
mod kecamatan_picker;
mod layout;

pub use cards::{Price, ProductCard, ProductGrid, ShopCard};
pub use kecamatan_picker::KecamatanPicker;
pub use layout::{escape_html, ErrorView, Layout, NotFound, PageTitle};

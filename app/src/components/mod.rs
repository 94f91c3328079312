//! Reusable views.

mod cards;
mod form;
mod kecamatan_picker;
mod layout;
mod page_data;
mod seo;

pub use cards::{Price, ProductCard, ProductGrid, ShopCard};
pub use form::{
    form_reply, redirect_to, typed, url_encode, Field, FormAlert, FormReply, SelectField,
};
pub use kecamatan_picker::KecamatanPicker;
pub use layout::{set_status, ErrorView, Layout, NotFound, PageTitle};
pub use page_data::page_data;
pub use seo::{absolute_url, script_safe_json, JsonLd, Seo};

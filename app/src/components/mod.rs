//! Reusable views.

mod add_to_cart;
mod cards;
mod complaint;
mod figures;
mod form;
mod kecamatan_picker;
mod layout;
mod page_data;
mod search_parts;
mod seo;

pub use add_to_cart::{AddToCart, BuyBox};
pub use cards::{Price, ProductCard, ProductGrid, ShopCard};
pub use complaint::{complaint_status_label, deadline_words, outcome_label, ComplaintThreadView};
pub use figures::{growth_words, kind_words, short_rupiah, BarChart, Csv, Figure, PublicTables};
pub use form::{form_reply, typed, Field, FormAlert, FormReply, SelectField, TextField};
pub use kecamatan_picker::{KecamatanForm, KecamatanPicker};
pub use layout::{ErrorView, Layout, NotFound, PageTitle};
pub use page_data::page_data;
pub use search_parts::{current_params, Pager, ProblemList, ShopFilterFields, SortOptions};
pub use seo::{absolute_url, script_safe_json, JsonLd, NoIndex, Seo};

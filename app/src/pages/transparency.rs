//! `/transparansi`: the marketplace's figures for the public and the
//! council (DPRD), no sign-in: value traded by month with growth, by
//! kecamatan, shops by kind and MBR, buyers ASN and umum, complaints. Each
//! chart is an SVG drawn on the server (a `<title>`, labelled axes) with
//! its numbers in a table beside it; every table downloads as CSV, all of
//! it as JSON, under an open licence. Aggregates only: no person's record.

use crate::api::figures::public_figures;
use crate::components::{page_data, PageTitle, Price, PublicTables, Seo};
use crate::model::figures::{PublicFigures, LICENCE_URL};
use crate::model::{format_number, format_wib};
use crate::paths::{
    transparency_csv as csv_path, TRANSPARENCY as PAGE, TRANSPARENCY_JSON as DATA_JSON,
};
use leptos::prelude::*;

#[component]
pub fn TransparencyPage() -> impl IntoView {
    page_data(public_figures, |(f, at)| {
        view! { <Transparency f at /> }
    })
}

#[component]
fn Transparency(f: PublicFigures, at: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let t = crate::i18n::t();
    let shops_total: i64 = f.shops.iter().map(|s| s.shops).sum();
    let buyers_total: i64 = f.buyers.iter().map(|b| b.accounts).sum();
    view! {
        <PageTitle text=t.fig_title />
        <Seo title=t.fig_title description=t.fig_lead path=PAGE />
        <section class="transparency-page">
            <h1>{t.fig_heading}</h1>
            <p class="lead">{t.fig_lead}</p>
            <p class="muted">{t.fig_as_of} " " <time datetime=at.to_rfc3339()>{format_wib(at)}</time></p>
            <dl class="fig-headline">
                <div><dt>{t.fig_total_value}</dt><dd><Price amount=f.total.value /></dd></div>
                <div><dt>{t.fig_total_orders}</dt><dd>{format_number(f.total.orders, t)}</dd></div>
                <div><dt>{t.fig_verified_shops}</dt><dd>{format_number(shops_total, t)}</dd></div>
                <div><dt>{t.fig_buyer_accounts}</dt><dd>{format_number(buyers_total, t)}</dd></div>
            </dl>

            <PublicTables f at csv=csv_path />

            <h2 id="data-terbuka">{t.fig_open_data}</h2>
            <p>{t.fig_open_data_text}</p>
            <ul class="downloads">
                <li><a href=DATA_JSON>{t.fig_all_json}</a></li>
                <li><a href=csv_path("bulanan")>{t.fig_by_month} " (CSV)"</a></li>
                <li><a href=csv_path("kecamatan")>{t.fig_by_kecamatan} " (CSV)"</a></li>
                <li><a href=csv_path("toko")>{t.fig_shops} " (CSV)"</a></li>
                <li><a href=csv_path("pembeli")>{t.fig_buyers} " (CSV)"</a></li>
                <li><a href=csv_path("keluhan")>{t.fig_complaints} " (CSV)"</a></li>
            </ul>
            <p class="licence">{t.fig_licence} " " <a href=LICENCE_URL rel="license">"CC BY 4.0"</a></p>
        </section>
    }
}

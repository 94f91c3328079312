//! `/toko-saya/produk` (the list, with one-tap price and stock changes),
//! `/toko-saya/produk/baru` and `/toko-saya/produk/:id` (the product and
//! its photos).

use super::{notice, ok_param, PhotoForm};
use crate::api::merchant::{my_products, product_form, ProductEditView, ProductsView};
use crate::components::{page_data, Field, FormAlert, NoIndex, PageTitle, Price, SelectField};
use crate::i18n::fill;
use crate::model::merchant::{PHOTOS_MAX, UNITS};
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Stock at or below this is flagged.
pub const LOW_STOCK: i64 = 5;

#[component]
pub fn ProductsPage() -> impl IntoView {
    let q = use_query_map().get_untracked();
    let (query, hal) = (q.get("q"), q.get("hal"));
    let ok = ok_param();
    page_data(
        move || my_products(query, hal),
        move |p| view! { <ProductList p ok=ok.clone() /> },
    )
}

#[component]
fn ProductList(p: ProductsView, ok: String) -> impl IntoView {
    let t = crate::i18n::t();
    let pending = p.shop.status != "verified";
    let empty = p.rows.is_empty();
    let rows = p
        .rows
        .into_iter()
        .map(|r| {
            let id = r.id.to_string();
            let low = r.stock <= LOW_STOCK;
            let photo = r.photo.map(|src| view! { <img src=src width="64" height="64" loading="lazy" alt="" /> });
            let (toggle_label, toggle_to) = if r.is_active {
                (t.take_off_sale, "0")
            } else {
                (t.put_on_sale, "1")
            };
            let price_id = format!("harga-{}", r.id);
            let stock_id = format!("stok-{}", r.id);
            view! {
                <li class="m-product" id=format!("p{}", r.id) class:off=!r.is_active>
                    <div class="thumb">{photo}</div>
                    <div class="what">
                        <a href=paths::my_product(r.id)>{r.name.clone()}</a>
                        <p class="each"><Price amount=r.price /> " / " {crate::i18n::unit_name(crate::i18n::locale(), &r.unit, 1)}</p>
                        <p class="meta">
                            {if r.taken_down { t.product_taken_down } else if r.is_active { t.on_sale } else { t.off_sale }}
                            " · " {fill(t.units_sold, &[("n", &r.sold)])}
                        </p>
                        {low.then(|| view! {
                            <p class="flag" role="note">
                                {if r.stock == 0 { t.out_of_stock.to_string() } else { fill(t.low_stock, &[("n", &r.stock)]) }}
                            </p>
                        })}
                    </div>
                    <form method="post" action=paths::MY_PRODUCT_QUICK class="quick">
                        <input type="hidden" name="id" value=id.clone() />
                        <label for=price_id.clone()>{t.price}</label>
                        <input id=price_id name="harga" inputmode="numeric" value=r.price.to_string() maxlength="12" />
                        <label for=stock_id.clone()>{t.stock}</label>
                        <input id=stock_id name="stok" type="number" inputmode="numeric" min="0" value=r.stock.to_string() />
                        <button type="submit" class="btn">{t.save}</button>
                    </form>
                    <form method="post" action=paths::my_product_action(r.id, "aktif") class="toggle">
                        <input type="hidden" name="aktif" value=toggle_to />
                        <button type="submit" class="btn link">{toggle_label}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let base = if p.q.is_empty() {
        format!("{}?", paths::MY_PRODUCTS)
    } else {
        format!("{}?q={}&", paths::MY_PRODUCTS, crate::web::url_encode(&p.q))
    };
    let prev = (p.page > 1).then(
        || view! { <a class="btn" href=format!("{base}hal={}", p.page - 1)>{t.previous}</a> },
    );
    let next = p
        .has_more
        .then(|| view! { <a class="btn" href=format!("{base}hal={}", p.page + 1)>{t.next}</a> });
    view! {
        <PageTitle text=format!("{} — Peken", t.my_products) />
        <NoIndex />
        <section class="merchant-page">
            <h1>{t.my_products}</h1>
            {notice(&ok, t).map(|m| view! { <div class="alert ok" role="status">{m}</div> })}
            <FormAlert />
            {pending.then(|| view! { <div class="alert warn" role="status">{t.products_wait_verification}</div> })}
            <div class="merchant-actions">
                <a class="btn primary" href=paths::MY_PRODUCT_NEW>{t.add_product}</a>
            </div>
            <form method="get" action=paths::MY_PRODUCTS class="inline-search" role="search" aria-label=t.search_my_products>
                <label for="cari-produk" class="visually-hidden">{t.search_my_products}</label>
                <input id="cari-produk" type="search" name="q" value=p.q.clone() placeholder=t.search_my_products maxlength="60" />
                <button type="submit" class="btn">{t.search_button}</button>
            </form>
            {empty.then(|| view! { <p class="empty">{t.no_products_yet}</p> })}
            <ul class="m-products">{rows}</ul>
            <nav class="pager">{prev} {next}</nav>
            <p class="form-foot"><a href=paths::MY_SHOP>{t.back_to_my_shop}</a></p>
        </section>
    }
}

#[component]
pub fn ProductNewPage() -> impl IntoView {
    page_data(
        || product_form(None),
        |d| view! { <ProductEdit d ok=String::new() /> },
    )
}

#[component]
pub fn ProductEditPage() -> impl IntoView {
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let ok = ok_param();
    match id.parse::<i64>() {
        Ok(id) => page_data(
            move || product_form(Some(id)),
            move |d| view! { <ProductEdit d ok=ok.clone() /> },
        )
        .into_any(),
        Err(_) => view! { <crate::components::NotFound /> }.into_any(),
    }
}

#[component]
fn ProductEdit(d: ProductEditView, ok: String) -> impl IntoView {
    let t = crate::i18n::t();
    let f = d.form;
    let (title, action) = match d.id {
        Some(id) => (t.edit_product, paths::my_product(id)),
        None => (t.add_product, paths::MY_PRODUCT_NEW.to_string()),
    };
    let units: Vec<(String, String)> = UNITS
        .iter()
        .map(|u| {
            let name = crate::i18n::unit_name(crate::i18n::locale(), u, 1);
            (u.to_string(), name)
        })
        .collect();
    let photos_full = d.photos.len() >= PHOTOS_MAX;
    let photos = d.id.map(|pid| {
        let list = d
            .photos
            .iter()
            .map(|(photo_id, ph)| {
                view! {
                    <li>
                        <img src=ph.url.clone() srcset=ph.srcset.clone() sizes="160px" width=ph.width height=ph.height alt="" loading="lazy" />
                        <form method="post" action=paths::my_product_photo_delete(pid, *photo_id)>
                            <button type="submit" class="btn link">{t.remove}</button>
                        </form>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="photo-upload" id="foto">
                <h2>{fill(t.photos_n_of, &[("n", &d.photos.len()), ("max", &PHOTOS_MAX)])}</h2>
                <ul class="photo-list">{list}</ul>
                {(!photos_full).then(|| view! {
                    <PhotoForm action=paths::my_product_action(pid, "foto") id="f-foto" />
                })}
            </section>
        }
    });
    let manage = d.id.map(|pid| {
        view! {
            <section class="danger-zone">
                <form method="post" action=paths::my_product_action(pid, "salin")>
                    <button type="submit" class="btn">{t.duplicate}</button>
                </form>
                <form method="post" action=paths::my_product_action(pid, "hapus")>
                    <button type="submit" class="btn danger">{t.delete_product}</button>
                </form>
                <p class="hint">{t.delete_hint}</p>
            </section>
        }
    });
    view! {
        <PageTitle text=format!("{title} — Peken") />
        <NoIndex />
        <section class="merchant-page form-page">
            <h1>{title}</h1>
            {notice(&ok, t).map(|m| view! { <div class="alert ok" role="status">{m}</div> })}
            {match (&d.takedown, d.id) {
                (Some((reason, resubmitted)), Some(pid)) => view! {
                    <div class="alert error takedown" role="status" id="diturunkan">
                        <p><strong>{t.product_taken_down}</strong></p>
                        <p>{t.product_taken_down_why} " " <q>{reason.clone()}</q></p>
                        {if *resubmitted {
                            view! { <p>{t.product_resubmitted_wait}</p> }.into_any()
                        } else {
                            view! {
                                <p>{t.product_fix_then_resubmit}</p>
                                <form method="post" action=paths::my_product_action(pid, "ajukan")>
                                    <button type="submit" class="btn">{t.product_resubmit}</button>
                                </form>
                            }.into_any()
                        }}
                    </div>
                }.into_any(),
                _ => (!d.is_active).then(|| view! { <div class="alert warn" role="status">{t.product_off_sale_note}</div> }).into_any(),
            }}
            <FormAlert />
            <form method="post" action=action class="form">
                <Field name="name" label=t.product_name value=f.name required=true maxlength=120 />
                <SelectField name="category" label=t.category options=d.categories value=f.category placeholder=t.choose required=true />
                <Field name="price" label=t.price_rp inputmode="numeric" value=f.price required=true maxlength=12 />
                <Field name="stock" label=t.stock kind="number" inputmode="numeric" value=f.stock required=true maxlength=8 />
                <SelectField name="unit" label=t.unit options=units value=f.unit required=true />
                <Field name="weight" label=t.weight_grams inputmode="numeric" value=f.weight maxlength=8 />
                <div class="field">
                    <label for="f-description">{t.product_description}</label>
                    <textarea id="f-description" name="description" rows="4" maxlength="2000">
                        {crate::components::typed("description", f.description.clone())}
                    </textarea>
                </div>
                <button type="submit" class="btn primary">{t.save_product}</button>
            </form>
            {photos}
            {manage}
            <p class="form-foot"><a href=paths::MY_PRODUCTS>{t.back_to_products}</a></p>
        </section>
    }
}

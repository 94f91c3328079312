//! `/akun/alamat/baru` and `/akun/alamat/:id`: a delivery address.

use crate::api::account::{address_form, AddressFormData};
use crate::components::{page_data, Field, FormAlert, NoIndex, PageTitle, SelectField};
use crate::model::AddressForm;
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AddressNewPage() -> impl IntoView {
    page_data(|| address_form(None), |d| view! { <AddressFormView d /> })
}

#[component]
pub fn AddressEditPage() -> impl IntoView {
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    match id.parse::<i64>() {
        Ok(id) => page_data(
            move || address_form(Some(id)),
            |d| view! { <AddressFormView d /> },
        )
        .into_any(),
        Err(_) => view! { <crate::components::NotFound /> }.into_any(),
    }
}

#[component]
fn AddressFormView(d: AddressFormData) -> impl IntoView {
    let t = crate::i18n::t();
    let (title, action) = match &d.address {
        Some(a) => (t.edit_address, paths::address(a.id)),
        None => (t.add_address, paths::ADDRESS_NEW.to_string()),
    };
    let f = d
        .address
        .as_ref()
        .map(AddressForm::from_address)
        .unwrap_or_default();
    let kecamatan: Vec<(String, String)> =
        d.kecamatan.into_iter().map(|k| (k.clone(), k)).collect();
    // Where to go after saving (the checkout that sent the buyer here).
    let lanjut = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("lanjut")
        .map(|l| crate::model::safe_next(Some(&l)))
        .or_else(|| crate::components::form_reply().and_then(|r| r.values.get("lanjut").cloned()));
    let is_default = crate::components::form_reply()
        .map(|r| r.values.contains_key("is_default"))
        .unwrap_or(f.is_default.is_some());
    view! {
        <PageTitle text=format!("{title} — Peken") />
        <NoIndex />
        <section class="auth-page">
            <h1>{title}</h1>
            <FormAlert />
            <form method="post" action=action class="form">
                {lanjut.map(|l| view! { <input type="hidden" name="lanjut" value=l /> })}
                <Field name="label" label=t.address_label value=f.label required=true maxlength=40 />
                <Field name="recipient" label=t.recipient autocomplete="name" value=f.recipient required=true maxlength=80 />
                <Field
                    name="phone"
                    label=t.recipient_phone
                    kind="tel"
                    autocomplete="tel"
                    inputmode="tel"
                    value=f.phone
                    required=true
                    maxlength=20
                />
                <SelectField
                    name="kecamatan"
                    label=t.kecamatan
                    options=kecamatan
                    value=f.kecamatan
                    placeholder=t.choose_kecamatan
                    required=true
                />
                <Field name="kelurahan" label=t.kelurahan value=f.kelurahan required=true maxlength=60 />
                <Field
                    name="street"
                    label=t.street
                    autocomplete="street-address"
                    value=f.street
                    required=true
                    maxlength=200
                />
                <Field name="rt_rw" label=t.rt_rw value=f.rt_rw hint=t.rt_rw_hint maxlength=9 />
                <Field
                    name="notes"
                    label=t.courier_notes
                    value=f.notes
                    hint=t.courier_notes_hint
                    maxlength=200
                />
                <fieldset class="pin">
                    <legend>{t.map_pin}</legend>
                    <Field name="lat" label=t.latitude inputmode="decimal" value=f.lat hint=t.latitude_hint maxlength=20 />
                    <Field name="lng" label=t.longitude inputmode="decimal" value=f.lng hint=t.longitude_hint maxlength=20 />
                </fieldset>
                <div class="field check">
                    <input type="checkbox" id="f-is_default" name="is_default" checked=is_default />
                    <label for="f-is_default">{t.make_default}</label>
                </div>
                <button type="submit" class="btn primary">
                    {t.save_address}
                </button>
            </form>
            <p class="form-foot">
                <a href=paths::ACCOUNT>{t.back_to_account}</a>
            </p>
        </section>
    }
}

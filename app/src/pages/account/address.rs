//! `/akun/alamat/baru` and `/akun/alamat/:id`: a delivery address.

use crate::api::account::{address_form, AddressFormData};
use crate::components::{page_data, Field, FormAlert, PageTitle, SelectField};
use crate::model::AddressForm;
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
    let (title, action) = match &d.address {
        Some(a) => ("Ubah alamat", format!("/akun/alamat/{}", a.id)),
        None => ("Tambah alamat", "/akun/alamat/baru".to_string()),
    };
    let f = d
        .address
        .as_ref()
        .map(AddressForm::from_address)
        .unwrap_or_default();
    let kecamatan: Vec<(String, String)> =
        d.kecamatan.into_iter().map(|k| (k.clone(), k)).collect();
    let is_default = crate::components::form_reply()
        .map(|r| r.values.contains_key("is_default"))
        .unwrap_or(f.is_default.is_some());
    view! {
        <PageTitle text=format!("{title} — Peken") />
        <section class="auth-page">
            <h1>{title}</h1>
            <FormAlert />
            <form method="post" action=action class="form">
                <Field name="label" label="Label (mis. Rumah, Kantor)" value=f.label required=true maxlength=40 />
                <Field name="recipient" label="Nama penerima" autocomplete="name" value=f.recipient required=true maxlength=80 />
                <Field
                    name="phone"
                    label="Nomor HP penerima"
                    kind="tel"
                    autocomplete="tel"
                    inputmode="tel"
                    value=f.phone
                    required=true
                    maxlength=20
                />
                <SelectField
                    name="kecamatan"
                    label="Kecamatan"
                    options=kecamatan
                    value=f.kecamatan
                    placeholder="— Pilih kecamatan —"
                    required=true
                />
                <Field name="kelurahan" label="Kelurahan" value=f.kelurahan required=true maxlength=60 />
                <Field
                    name="street"
                    label="Jalan, nomor rumah, gang"
                    autocomplete="street-address"
                    value=f.street
                    required=true
                    maxlength=200
                />
                <Field name="rt_rw" label="RT/RW (tidak wajib)" value=f.rt_rw hint="Contoh: 003/005" maxlength=9 />
                <Field
                    name="notes"
                    label="Catatan untuk kurir (tidak wajib)"
                    value=f.notes
                    hint="Mis. pagar hijau, sebelah masjid."
                    maxlength=200
                />
                <fieldset class="pin">
                    <legend>"Titik peta (tidak wajib)"</legend>
                    <Field name="lat" label="Lintang" inputmode="decimal" value=f.lat hint="Contoh: -7.2575" maxlength=20 />
                    <Field name="lng" label="Bujur" inputmode="decimal" value=f.lng hint="Contoh: 112.7521" maxlength=20 />
                </fieldset>
                <div class="field check">
                    <input type="checkbox" id="f-is_default" name="is_default" checked=is_default />
                    <label for="f-is_default">"Jadikan alamat utama"</label>
                </div>
                <button type="submit" class="btn primary">
                    "Simpan alamat"
                </button>
            </form>
            <p class="form-foot">
                <a href="/akun">"Kembali ke akun"</a>
            </p>
        </section>
    }
}

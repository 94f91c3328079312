//! `/toko-saya/daftar`: apply for a shop, or change its details. A
//! rejected application is fixed here and filed again.

use super::{ok_param, shop_status_label, PhotoForm};
use crate::api::merchant::{shop_form, ShopFormData};
use crate::components::{form_reply, page_data, Field, FormAlert, NoIndex, PageTitle, SelectField};
use crate::i18n::fill;
use crate::paths;
use leptos::prelude::*;

#[component]
pub fn ShopApplyPage() -> impl IntoView {
    let _ = ok_param();
    page_data(shop_form, |d| view! { <ApplyForm d /> })
}

/// A checkbox that keeps what was ticked when the form comes back.
#[component]
fn Check(name: &'static str, label: &'static str, checked: bool) -> impl IntoView {
    let checked = form_reply()
        .map(|r| r.values.contains_key(name))
        .unwrap_or(checked);
    let id = format!("f-{name}");
    view! {
        <div class="field check">
            <input type="checkbox" id=id.clone() name=name checked=checked />
            <label for=id>{label}</label>
        </div>
    }
}

#[component]
fn ApplyForm(d: ShopFormData) -> impl IntoView {
    let t = crate::i18n::t();
    // Refused for good: there is nothing to file again.
    if let Some(s) = d
        .shop
        .as_ref()
        .filter(|s| s.status == "rejected" && !s.may_refile)
    {
        return view! {
            <PageTitle text=format!("{} — Peken", t.shop_details) />
            <NoIndex />
            <section class="merchant-page form-page">
                <h1>{t.shop_details}</h1>
                <div class="alert warn" role="status">
                    <p>{t.shop_rejected_final_refile}</p>
                    {s.status_reason.clone().map(|r| view! { <p>{t.reason} ": " {r}</p> })}
                </div>
                <p class="form-foot"><a href=paths::MY_SHOP>{t.back_to_my_shop}</a></p>
            </section>
        }
        .into_any();
    }
    let f = d.form;
    let title = if d.shop.is_some() {
        t.shop_details
    } else {
        t.apply_shop
    };
    let kecamatan: Vec<(String, String)> =
        d.kecamatan.into_iter().map(|k| (k.clone(), k)).collect();
    let kinds = vec![
        ("toko_kelontong".to_string(), t.kind_kelontong.to_string()),
        ("umkm".to_string(), t.kind_umkm.to_string()),
    ];
    let on_file = d.shop.as_ref().map(|s| {
        let status = shop_status_label(&s.status, s.may_refile, t);
        view! {
            <div class="alert" role="status">
                <p>{t.shop_status} ": " <strong>{status}</strong></p>
                {s.status_reason.clone().map(|r| view! { <p>{t.reason} ": " {r}</p> })}
                {s.nik_masked.clone().map(|n| view! { <p>{t.nik_on_file} ": " <span class="mono">{n}</span></p> })}
                {s.account_masked.clone().map(|a| view! { <p>{t.account_on_file} ": " <span class="mono">{a}</span></p> })}
            </div>
        }
    });
    let has_shop = d.shop.is_some();
    let photo = d.shop.as_ref().map(|s| {
        let current = s.photo.clone().map(
            |src| view! { <img src=src alt="" width="240" height="240" class="shop-photo" /> },
        );
        view! {
            <section class="photo-upload">
                <h2>{t.shop_photo}</h2>
                {current}
                <PhotoForm action=paths::MY_SHOP_PHOTO.to_string() id="f-foto-toko" />
            </section>
        }
    });
    view! {
        <PageTitle text=format!("{title} — Peken") />
        <NoIndex />
        <section class="merchant-page form-page">
            <h1>{title}</h1>
            {on_file}
            <FormAlert />
            <form method="post" action=paths::MY_SHOP_APPLY class="form">
                <Field name="name" label=t.shop_name value=f.name required=true maxlength=60 />
                <SelectField name="kind" label=t.shop_kind options=kinds value=f.kind placeholder=t.choose required=true />
                <fieldset>
                    <legend>{t.mbr_heading}</legend>
                    <p class="hint">{t.mbr_explain}</p>
                    <Check name="mbr" label=t.mbr_check checked=f.mbr.is_some() />
                    <Field name="mbr_number" label=t.mbr_number value=f.mbr_number hint=t.mbr_number_hint maxlength=30 />
                </fieldset>
                <Field
                    name="nik"
                    label=t.owner_nik
                    inputmode="numeric"
                    autocomplete="off"
                    value=f.nik
                    hint=if has_shop { t.nik_keep_hint } else { t.nik_hint }
                    required=!has_shop
                    maxlength=20
                />
                <Field name="phone" label=t.shop_phone kind="tel" inputmode="tel" autocomplete="tel" value=f.phone required=true maxlength=20 />
                <SelectField name="kecamatan" label=t.kecamatan options=kecamatan value=f.kecamatan placeholder=t.choose_kecamatan required=true />
                <Field name="kelurahan" label=t.kelurahan value=f.kelurahan required=true maxlength=60 />
                <Field name="address" label=t.street autocomplete="street-address" value=f.address required=true maxlength=200 />
                <fieldset class="pin">
                    <legend>{t.shop_pin}</legend>
                    <p class="hint">{t.shop_pin_hint}</p>
                    <Field name="lat" label=t.latitude inputmode="decimal" value=f.lat maxlength=20 />
                    <Field name="lng" label=t.longitude inputmode="decimal" value=f.lng maxlength=20 />
                    // Shown by `/toko.js` where the browser can locate.
                    <button type="button" id="pakai-lokasi" class="btn" hidden=true data-failed=t.location_failed>
                        {t.use_my_location}
                    </button>
                    <p id="lokasi-pesan" class="hint" aria-live="polite" hidden=true></p>
                </fieldset>
                <Field name="open_hours" label=t.open_hours value=f.open_hours hint=t.open_hours_hint maxlength=80 />
                <div class="field">
                    <label for="f-description">{t.shop_description}</label>
                    <textarea id="f-description" name="description" rows="3" maxlength="1000">
                        {crate::components::typed("description", f.description.clone())}
                    </textarea>
                </div>
                <fieldset>
                    <legend>{t.delivery_settings}</legend>
                    <Check name="delivers" label=t.delivers_check checked=f.delivers.is_some() />
                    <Field name="base_fee" label=t.base_fee inputmode="numeric" value=f.base_fee maxlength=9 />
                    <Field name="per_km" label=t.per_km_fee inputmode="numeric" value=f.per_km maxlength=9 />
                    <Field name="max_km" label=t.max_km inputmode="numeric" value=f.max_km maxlength=3 />
                    <p class="hint">{fill(t.delivery_defaults_hint, &[])}</p>
                </fieldset>
                <fieldset>
                    <legend>{t.payout_account}</legend>
                    <Field name="bank_name" label=t.bank_name value=f.bank_name required=true maxlength=40 />
                    <Field
                        name="bank_account"
                        label=t.bank_account
                        inputmode="numeric"
                        autocomplete="off"
                        value=f.bank_account
                        hint=if has_shop { t.account_keep_hint } else { t.bank_account_hint }
                        required=!has_shop
                        maxlength=24
                    />
                    <Field name="bank_holder" label=t.bank_holder value=f.bank_holder required=true maxlength=80 />
                </fieldset>
                <button type="submit" class="btn primary">
                    {if has_shop { t.save_shop } else { t.submit_application }}
                </button>
            </form>
            {photo}
            <p class="form-foot"><a href=paths::MY_SHOP>{t.back_to_my_shop}</a></p>
        </section>
    }
    .into_any()
}

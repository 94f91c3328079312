//! `/daftar`: new ASN, umum (public) and merchant accounts.

use super::{next_param, skip_if_signed_in};
use crate::api::account::{register_options, RegisterChoices};
use crate::components::{page_data, typed, url_encode, Field, FormAlert, PageTitle, SelectField};
use crate::model::RegisterKind;
use leptos::prelude::*;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let next = next_param();
    skip_if_signed_in(&next);
    let query_kind = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("jenis")
        .unwrap_or_default();
    let kind = RegisterKind::parse(&typed("jenis", query_kind)).unwrap_or(RegisterKind::Umum);
    page_data(register_options, move |o| {
        view! { <RegisterView kind next=next.clone() options=o /> }
    })
}

#[component]
fn RegisterView(kind: RegisterKind, next: String, options: RegisterChoices) -> impl IntoView {
    let tab = |k: RegisterKind, text: &'static str| {
        let href = format!("/daftar?jenis={}&lanjut={}", k.as_str(), url_encode(&next));
        view! {
            <a href=href class="tab" aria-current=(k == kind).then_some("page")>
                {text}
            </a>
        }
    };
    let opd: Vec<(String, String)> = options
        .opd
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    view! {
        <PageTitle text="Daftar — Peken" />
        <section class="auth-page">
            <h1>"Daftar akun Peken"</h1>
            <nav class="tabs" aria-label="Jenis akun">
                {tab(RegisterKind::Asn, "ASN Pemkot")}
                {tab(RegisterKind::Umum, "Masyarakat umum")}
                {tab(RegisterKind::Merchant, "Penjual")}
            </nav>
            <p class="lead">
                {match kind {
                    RegisterKind::Asn => {
                        "Untuk Aparatur Sipil Negara Pemerintah Kota Surabaya: siapkan NIP Anda."
                    }
                    RegisterKind::Umum => "Untuk warga yang ingin berbelanja di toko dan UMKM Surabaya.",
                    RegisterKind::Merchant => {
                        "Untuk pemilik toko kelontong dan UMKM. Setelah mendaftar, Anda dapat mengajukan toko."
                    }
                }}
            </p>
            <FormAlert />
            <form method="post" action="/daftar" class="form">
                <input type="hidden" name="jenis" value=kind.as_str() />
                <input type="hidden" name="lanjut" value=typed("lanjut", next.clone()) />
                <Field name="nama" label="Nama lengkap" autocomplete="name" required=true maxlength=80 />
                <Field
                    name="hp"
                    label="Nomor HP"
                    kind="tel"
                    autocomplete="tel"
                    inputmode="tel"
                    hint="Contoh: 0812 3456 7890"
                    required=true
                    maxlength=20
                />
                <Field
                    name="email"
                    label="Email (tidak wajib)"
                    kind="email"
                    autocomplete="email"
                    maxlength=254
                />
                {(kind == RegisterKind::Asn)
                    .then(|| {
                        view! {
                            <Field
                                name="nip"
                                label="NIP"
                                inputmode="numeric"
                                hint="18 angka, tanpa spasi atau dengan spasi."
                                required=true
                                maxlength=24
                            />
                            <SelectField
                                name="opd"
                                label="OPD (perangkat daerah)"
                                options=opd
                                placeholder="— Pilih OPD —"
                                required=true
                            />
                        }
                    })}
                <Field
                    name="sandi"
                    label="Kata sandi"
                    kind="password"
                    autocomplete="new-password"
                    hint="Minimal 8 karakter. Hindari kata sandi yang umum seperti 12345678."
                    required=true
                    maxlength=128
                />
                <Field
                    name="sandi2"
                    label="Ulangi kata sandi"
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    maxlength=128
                />
                <button type="submit" class="btn primary">
                    "Daftar"
                </button>
            </form>
            <p class="form-foot">
                "Sudah punya akun? " <a href=format!("/masuk?lanjut={}", url_encode(&next))>"Masuk"</a>
            </p>
        </section>
    }
}

//! `/masuk`: sign in with phone, email or NIP.

use super::{next_param, skip_if_signed_in};
use crate::components::{typed, url_encode, Field, FormAlert, PageTitle};
use leptos::prelude::*;

#[component]
pub fn SignInPage() -> impl IntoView {
    let next = next_param();
    skip_if_signed_in(&next);
    let signed_out = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("keluar")
        .is_some();
    let register = format!("/daftar?lanjut={}", url_encode(&next));
    view! {
        <PageTitle text="Masuk — Peken" />
        <section class="auth-page">
            <h1>"Masuk"</h1>
            {signed_out
                .then(|| {
                    view! {
                        <div class="alert ok" role="status">
                            "Anda sudah keluar."
                        </div>
                    }
                })}
            <FormAlert />
            <form method="post" action="/masuk" class="form">
                <input type="hidden" name="lanjut" value=typed("lanjut", next) />
                <Field
                    name="id"
                    label="Nomor HP, email, atau NIP"
                    autocomplete="username"
                    required=true
                    maxlength=254
                />
                <Field
                    name="sandi"
                    label="Kata sandi"
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    maxlength=128
                />
                <button type="submit" class="btn primary">
                    "Masuk"
                </button>
            </form>
            <p class="form-foot">"Belum punya akun? " <a href=register>"Daftar di sini"</a></p>
        </section>
    }
}

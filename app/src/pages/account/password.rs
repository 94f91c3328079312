//! `/akun/sandi`: change the password (ends every other session).

use crate::api::account::whoami;
use crate::components::{page_data, Field, FormAlert, PageTitle};
use leptos::prelude::*;

#[component]
pub fn PasswordPage() -> impl IntoView {
    page_data(whoami, |_| {
        view! {
            <PageTitle text="Ganti kata sandi — Peken" />
            <section class="auth-page">
                <h1>"Ganti kata sandi"</h1>
                <p class="lead">"Setelah diganti, Anda keluar dari semua perangkat lain."</p>
                <FormAlert />
                <form method="post" action="/akun/sandi" class="form">
                    <Field
                        name="lama"
                        label="Kata sandi sekarang"
                        kind="password"
                        autocomplete="current-password"
                        required=true
                        maxlength=128
                    />
                    <Field
                        name="baru"
                        label="Kata sandi baru"
                        kind="password"
                        autocomplete="new-password"
                        hint="Minimal 8 karakter. Hindari kata sandi yang umum."
                        required=true
                        maxlength=128
                    />
                    <Field
                        name="baru2"
                        label="Ulangi kata sandi baru"
                        kind="password"
                        autocomplete="new-password"
                        required=true
                        maxlength=128
                    />
                    <button type="submit" class="btn primary">
                        "Simpan kata sandi"
                    </button>
                </form>
                <p class="form-foot">
                    <a href="/akun">"Kembali ke akun"</a>
                </p>
            </section>
        }
    })
}

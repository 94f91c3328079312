//! `/akun/sandi`: change the password (ends every other session).

use crate::api::account::whoami;
use crate::components::{page_data, Field, FormAlert, NoIndex, PageTitle};
use crate::paths;
use leptos::prelude::*;

#[component]
pub fn PasswordPage() -> impl IntoView {
    page_data(whoami, |_| {
        let t = crate::i18n::t();
        view! {
            <PageTitle text=t.password_title />
            <NoIndex />
            <section class="auth-page">
                <h1>{t.password_heading}</h1>
                <p class="lead">{t.password_lead}</p>
                <FormAlert />
                <form method="post" action=paths::PASSWORD class="form">
                    <Field
                        name="lama"
                        label=t.password_current
                        kind="password"
                        autocomplete="current-password"
                        required=true
                        maxlength=128
                    />
                    <Field
                        name="baru"
                        label=t.password_new
                        kind="password"
                        autocomplete="new-password"
                        hint=t.password_hint
                        required=true
                        maxlength=128
                    />
                    <Field
                        name="baru2"
                        label=t.password_new_again
                        kind="password"
                        autocomplete="new-password"
                        required=true
                        maxlength=128
                    />
                    <button type="submit" class="btn primary">
                        {t.password_save}
                    </button>
                </form>
                <p class="form-foot">
                    <a href=paths::ACCOUNT>{t.back_to_account}</a>
                </p>
            </section>
        }
    })
}

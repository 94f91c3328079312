//! `/masuk`: sign in with phone, email or NIP.

use super::{next_param, skip_if_signed_in};
use crate::components::{typed, Field, FormAlert, NoIndex, PageTitle};
use crate::paths;
use crate::web::url_encode;
use leptos::prelude::*;

#[component]
pub fn SignInPage() -> impl IntoView {
    let next = next_param();
    skip_if_signed_in(&next);
    let signed_out = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("keluar")
        .is_some();
    let register = format!("{}?lanjut={}", paths::REGISTER, url_encode(&next));
    let t = crate::i18n::t();
    view! {
        <PageTitle text=t.signin_title />
        <NoIndex />
        <section class="auth-page">
            <h1>{t.signin_heading}</h1>
            {signed_out
                .then(|| {
                    view! {
                        <div class="alert ok" role="status">
                            {t.signed_out}
                        </div>
                    }
                })}
            <FormAlert />
            <form method="post" action=paths::SIGN_IN class="form">
                <input type="hidden" name="lanjut" value=typed("lanjut", next) />
                <Field
                    name="id"
                    label=t.login_id
                    autocomplete="username"
                    required=true
                    maxlength=254
                />
                <Field
                    name="sandi"
                    label=t.password
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    maxlength=128
                />
                <button type="submit" class="btn primary">
                    {t.signin_button}
                </button>
            </form>
            <p class="form-foot">{t.no_account} " " <a href=register>{t.register_here}</a></p>
        </section>
    }
}

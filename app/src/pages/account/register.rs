//! `/daftar`: new ASN, umum (public) and merchant accounts.

use super::{next_param, skip_if_signed_in};
use crate::api::account::{register_options, RegisterChoices};
use crate::components::{page_data, typed, Field, FormAlert, NoIndex, PageTitle, SelectField};
use crate::model::RegisterKind;
use crate::paths;
use crate::web::url_encode;
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
    let t = crate::i18n::t();
    let tab = |k: RegisterKind, text: &'static str| {
        let href = format!(
            "{}?jenis={}&lanjut={}",
            paths::REGISTER,
            k.as_str(),
            url_encode(&next)
        );
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
        <PageTitle text=t.register_title />
        <NoIndex />
        <section class="auth-page">
            <h1>{t.register_heading}</h1>
            <nav class="tabs" aria-label=t.account_kind>
                {tab(RegisterKind::Asn, t.tab_asn)}
                {tab(RegisterKind::Umum, t.tab_umum)}
                {tab(RegisterKind::Merchant, t.tab_merchant)}
            </nav>
            <p class="lead">
                {match kind {
                    RegisterKind::Asn => t.lead_asn,
                    RegisterKind::Umum => t.lead_umum,
                    RegisterKind::Merchant => t.lead_merchant,
                }}
            </p>
            <FormAlert />
            <form method="post" action=paths::REGISTER class="form">
                <input type="hidden" name="jenis" value=kind.as_str() />
                <input type="hidden" name="lanjut" value=typed("lanjut", next.clone()) />
                <Field name="nama" label=t.full_name autocomplete="name" required=true maxlength=80 />
                <Field
                    name="hp"
                    label=t.phone
                    kind="tel"
                    autocomplete="tel"
                    inputmode="tel"
                    hint=t.phone_hint
                    required=true
                    maxlength=20
                />
                <Field
                    name="email"
                    label=t.email_optional
                    kind="email"
                    autocomplete="email"
                    maxlength=254
                />
                {(kind == RegisterKind::Asn)
                    .then(|| {
                        view! {
                            <Field
                                name="nip"
                                label=t.nip
                                inputmode="numeric"
                                hint=t.nip_hint
                                required=true
                                maxlength=24
                            />
                            <SelectField
                                name="opd"
                                label=t.opd
                                options=opd
                                placeholder=t.choose_opd
                                required=true
                            />
                        }
                    })}
                <Field
                    name="sandi"
                    label=t.password
                    kind="password"
                    autocomplete="new-password"
                    hint=t.password_hint_register
                    required=true
                    maxlength=128
                />
                <Field
                    name="sandi2"
                    label=t.password_again
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    maxlength=128
                />
                <button type="submit" class="btn primary">
                    {t.register_button}
                </button>
            </form>
            <p class="form-foot">
                {t.have_account} " " <a href=paths::sign_in_then(&next)>{t.signin_button}</a>
            </p>
        </section>
    }
}

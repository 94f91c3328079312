//! `/akun`: who you are, your saved addresses, password and sign-out.

use crate::api::account::my_account;
use crate::components::{page_data, NoIndex, PageTitle};
use crate::i18n::{fill, Texts};
use crate::model::{AccountView, Address, Role};
use crate::paths;
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    let ok = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("ok")
        .unwrap_or_default();
    page_data(
        my_account,
        move |a| view! { <AccountView a ok=ok.clone() /> },
    )
}

fn notice(ok: &str, t: &Texts) -> Option<&'static str> {
    match ok {
        "daftar" => Some(t.ok_registered),
        "masuk" => Some(t.ok_signed_in),
        "alamat" => Some(t.ok_address_saved),
        "hapus" => Some(t.ok_address_deleted),
        "sandi" => Some(t.ok_password),
        _ => None,
    }
}

#[component]
fn AccountView(a: AccountView, ok: String) -> impl IntoView {
    let AccountView {
        viewer,
        email,
        phone,
        nip,
        opd,
        addresses,
    } = a;
    let buyer = viewer.is_buyer();
    let t = crate::i18n::t();
    let row = |label: &'static str, value: Option<String>| {
        value.map(|v| {
            view! {
                <dt>{label}</dt>
                <dd>{v}</dd>
            }
        })
    };
    view! {
        <PageTitle text=t.account_title />
        <NoIndex />
        <section class="account-page">
            <h1>{t.account_heading}</h1>
            {notice(&ok, t).map(|m| view! { <div class="alert ok" role="status">{m}</div> })}
            <dl class="facts">
                <dt>{t.name}</dt>
                <dd>{viewer.name.clone()}</dd>
                <dt>{t.account_kind}</dt>
                <dd>{viewer.role.label(t)}</dd>
                {row(t.phone, phone)}
                {row(t.email, email)}
                {row(t.nip, nip)}
                {row(t.opd, opd)}
            </dl>
            {(viewer.role == Role::Merchant)
                .then(|| {
                    view! {
                        <p class="note">{t.merchant_note}</p>
                        <p><a class="btn primary" href=paths::MY_SHOP>{t.nav_my_shop}</a></p>
                    }
                })}
            {(viewer.role == Role::Admin)
                .then(|| view! {
                    <p class="account-actions">
                        <a class="btn primary" href=paths::ADMIN>{t.dash_heading}</a>
                        <a class="btn" href=paths::ADMIN_SHOPS>{t.admin_shops_heading}</a>
                        <a class="btn" href=paths::ADMIN_COMPLAINTS>{t.admin_complaints_heading}</a>
                        <a class="btn" href=paths::AUDIT>{t.audit_heading}</a>
                    </p>
                })}
        </section>
        {buyer.then(|| view! {
            <section class="block">
                <a class="btn" href=paths::ORDERS>{t.orders_title}</a>
                " "
                <a class="btn" href=paths::CART>{t.cart_title}</a>
                " "
                <a class="btn" href=paths::COMPLAINTS>{t.complaints_heading}</a>
            </section>
        })}
        {buyer.then(|| view! { <Addresses addresses /> })}
        <section class="block account-actions">
            <a class="btn" href=paths::PASSWORD>{t.change_password}</a>
            <form method="post" action=paths::SIGN_OUT class="inline">
                <button type="submit" class="btn">{t.sign_out}</button>
            </form>
        </section>
    }
}

#[component]
fn Addresses(addresses: Vec<Address>) -> impl IntoView {
    let empty = addresses.is_empty();
    let t = crate::i18n::t();
    view! {
        <section class="block">
            <h2>{t.addresses}</h2>
            {empty.then(|| view! { <p class="empty">{t.no_addresses}</p> })}
            <ul class="addresses">
                {addresses
                    .into_iter()
                    .map(|a| {
                        let edit = paths::address(a.id);
                        let delete = paths::address_delete(a.id);
                        let label = fill(t.delete_address, &[("label", &a.label)]);
                        let area = fill(
                            t.address_area,
                            &[("kel", &a.kelurahan), ("kec", &a.kecamatan)],
                        );
                        view! {
                            <li class="address">
                                <p class="address-label">
                                    <strong>{a.label}</strong>
                                    {a.is_default.then(|| view! { <span class="badge">{t.address_default}</span> })}
                                </p>
                                <p>{a.recipient} " · " {a.phone}</p>
                                <p>
                                    {a.street}
                                    {a.rt_rw.map(|r| fill(t.address_rt_rw, &[("rtrw", &r)]))}
                                    {area}
                                </p>
                                {a.notes.map(|n| view! { <p class="hint">{n}</p> })}
                                <p class="address-actions">
                                    <a href=edit>{t.edit}</a>
                                    <form method="post" action=delete class="inline">
                                        <button type="submit" class="link danger" aria-label=label>
                                            {t.delete}
                                        </button>
                                    </form>
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <a class="btn primary" href=paths::ADDRESS_NEW>{t.add_address}</a>
        </section>
    }
}

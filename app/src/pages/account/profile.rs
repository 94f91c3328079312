//! `/akun`: who you are, your saved addresses, password and sign-out.

use crate::api::account::my_account;
use crate::components::{page_data, PageTitle};
use crate::model::{AccountView, Address, Role};
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

fn notice(ok: &str) -> Option<&'static str> {
    match ok {
        "daftar" => Some("Selamat datang di Peken! Akun Anda sudah aktif."),
        "masuk" => Some("Anda sudah masuk."),
        "alamat" => Some("Alamat tersimpan."),
        "hapus" => Some("Alamat dihapus."),
        "sandi" => Some("Kata sandi diganti. Sesi di perangkat lain sudah diakhiri."),
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
    let row = |label: &'static str, value: Option<String>| {
        value.map(|v| {
            view! {
                <dt>{label}</dt>
                <dd>{v}</dd>
            }
        })
    };
    view! {
        <PageTitle text="Akun saya — Peken" />
        <section class="account-page">
            <h1>"Akun saya"</h1>
            {notice(&ok).map(|m| view! { <div class="alert ok" role="status">{m}</div> })}
            <dl class="facts">
                <dt>"Nama"</dt>
                <dd>{viewer.name.clone()}</dd>
                <dt>"Jenis akun"</dt>
                <dd>{viewer.role.label()}</dd>
                {row("Nomor HP", phone)}
                {row("Email", email)}
                {row("NIP", nip)}
                {row("OPD", opd)}
            </dl>
            {(viewer.role == Role::Merchant)
                .then(|| {
                    view! {
                        <p class="note">
                            "Pengajuan toko dibuka segera. Anda akan bisa mendaftarkan toko dari halaman ini."
                        </p>
                    }
                })}
            {(viewer.role == Role::Admin)
                .then(|| view! { <p><a class="btn" href="/admin/audit">"Log audit"</a></p> })}
        </section>
        {buyer.then(|| view! { <Addresses addresses /> })}
        <section class="block account-actions">
            <a class="btn" href="/akun/sandi">"Ganti kata sandi"</a>
            <form method="post" action="/keluar" class="inline">
                <button type="submit" class="btn">"Keluar"</button>
            </form>
        </section>
    }
}

#[component]
fn Addresses(addresses: Vec<Address>) -> impl IntoView {
    let empty = addresses.is_empty();
    view! {
        <section class="block">
            <h2>"Alamat pengiriman"</h2>
            {empty
                .then(|| {
                    view! {
                        <p class="empty">
                            "Belum ada alamat. Tambahkan alamat agar pesanan bisa diantar."
                        </p>
                    }
                })}
            <ul class="addresses">
                {addresses
                    .into_iter()
                    .map(|a| {
                        let edit = format!("/akun/alamat/{}", a.id);
                        let delete = format!("/akun/alamat/{}/hapus", a.id);
                        let label = format!("Hapus alamat {}", a.label);
                        view! {
                            <li class="address">
                                <p class="address-label">
                                    <strong>{a.label}</strong>
                                    {a.is_default.then(|| view! { <span class="badge">"Utama"</span> })}
                                </p>
                                <p>{a.recipient} " · " {a.phone}</p>
                                <p>
                                    {a.street}
                                    {a.rt_rw.map(|r| format!(", RT/RW {r}"))}
                                    ", Kel. "
                                    {a.kelurahan}
                                    ", Kec. "
                                    {a.kecamatan}
                                </p>
                                {a.notes.map(|n| view! { <p class="hint">{n}</p> })}
                                <p class="address-actions">
                                    <a href=edit>"Ubah"</a>
                                    <form method="post" action=delete class="inline">
                                        <button type="submit" class="link danger" aria-label=label>
                                            "Hapus"
                                        </button>
                                    </form>
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <a class="btn primary" href="/akun/alamat/baru">"Tambah alamat"</a>
        </section>
    }
}

//! `/offline`: what the service worker shows when a page cannot be fetched.

use crate::components::PageTitle;
use leptos::prelude::*;

#[component]
pub fn OfflinePage() -> impl IntoView {
    view! {
        <PageTitle text="Sedang offline — Peken" />
        <section class="message-page offline">
            <h1>"Anda sedang offline"</h1>
            <p>
                "Halaman ini belum bisa dimuat karena tidak ada koneksi internet. "
                "Halaman toko dan produk yang pernah Anda buka tetap bisa dilihat."
            </p>
            <a class="btn" href="/">"Coba lagi"</a>
        </section>
    }
}

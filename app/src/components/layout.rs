//! The page frame: header on desktop, bottom navigation on phones.

use crate::model::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

/// The frame every page sits in.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let viewer = crate::server::session::viewer();
    #[cfg(not(feature = "ssr"))]
    let viewer: Option<crate::model::Viewer> = None;
    let (account_href, account_text) = match &viewer {
        Some(_) => ("/akun", "Akun"),
        None => ("/masuk", "Masuk"),
    };
    let greeting = viewer.map(|v| {
        let first = v.name.split_whitespace().next().unwrap_or("").to_string();
        view! { <span class="greeting">"Halo, " {first}</span> }
    });
    view! {
        <a class="skip-link" href="#isi">"Langsung ke isi"</a>
        <header class="site-header">
            <a class="brand" href="/" aria-label="Peken, beranda">
                <span class="logo" aria-hidden="true">"P"</span>
                <span class="brand-name">"Peken"</span>
                <span class="brand-city">"Surabaya"</span>
            </a>
            <nav class="top-nav" aria-label="Menu utama">
                <a href="/">"Beranda"</a>
                <a href="/#toko">"Toko"</a>
                <a href="/#kategori">"Kategori"</a>
                {greeting}
                <a href=account_href class="account-link">
                    {account_text}
                </a>
            </nav>
        </header>
        <main id="isi">{children()}</main>
        <footer class="site-footer">
            <p>"Peken — pasar daring toko kelontong dan UMKM Kota Surabaya."</p>
            <p>"Semua harga dalam Rupiah. Waktu dalam WIB."</p>
        </footer>
        <nav class="bottom-nav" aria-label="Navigasi">
            <a href="/">
                <span class="icon" aria-hidden="true">"⌂"</span>
                "Beranda"
            </a>
            <a href="/#kategori">
                <span class="icon" aria-hidden="true">"▦"</span>
                "Kategori"
            </a>
            <a href="/#toko">
                <span class="icon" aria-hidden="true">"⚑"</span>
                "Toko"
            </a>
            <a href=account_href>
                <span class="icon" aria-hidden="true">"☺"</span>
                {account_text}
            </a>
        </nav>
    }
}

/// Escapes text for HTML element content.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(ch),
        }
    }
    out
}

/// The document title. leptos_meta 0.8 writes `<title>` text unescaped
/// during SSR, so a product named `</title><script>…` would inject markup;
/// every page sets its title through this component instead of `<Title>`.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=escape_html(&text) /> }
}

/// Marks the response with `status` when rendering on the server.
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(status) {
            res.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

#[cfg(test)]
mod tests {
    #[test]
    fn escape_html_neutralises_markup() {
        assert_eq!(
            super::escape_html("</title><script>alert('x') & co</script>"),
            "&lt;/title&gt;&lt;script&gt;alert('x') &amp; co&lt;/script&gt;"
        );
        assert_eq!(super::escape_html("Kue Lapis"), "Kue Lapis");
    }
}

/// The 404 page; also sets the HTTP status.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <PageTitle text="Halaman tidak ditemukan — Peken" />
        <section class="message-page">
            <h1>"Halaman tidak ditemukan"</h1>
            <p>"Alamat yang Anda buka tidak ada atau sudah dipindahkan."</p>
            <a class="btn" href="/">"Kembali ke beranda"</a>
        </section>
    }
}

/// A failed page: says what happened in Indonesian and sets the status.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    let status = error.status();
    set_status(status);
    if status == 404 {
        return view! { <NotFound /> }.into_any();
    }
    view! {
        <PageTitle text="Terjadi kesalahan — Peken" />
        <section class="message-page">
            <h1>"Maaf, terjadi kesalahan"</h1>
            <p>{error.message()}</p>
            <a class="btn" href="/">"Kembali ke beranda"</a>
        </section>
    }
    .into_any()
}

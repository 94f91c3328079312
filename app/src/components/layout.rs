//! The page frame: header on desktop, bottom navigation on phones.

use crate::i18n::{fill, t, Locale};
use crate::model::AppError;
use crate::paths;
use crate::web::{set_status, url_encode};
use leptos::prelude::*;
use leptos_meta::Title;

/// The frame every page sits in.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let viewer = crate::server::session::viewer();
    #[cfg(not(feature = "ssr"))]
    let viewer: Option<crate::model::Viewer> = None;
    let t = t();
    let buyer = viewer.as_ref().is_some_and(|v| v.is_buyer());
    let merchant = viewer
        .as_ref()
        .is_some_and(|v| v.role == crate::model::Role::Merchant);
    // One read of the cart for both badges.
    let units: Units = {
        use futures::FutureExt;
        (Box::pin(crate::api::cart::cart_units())
            as std::pin::Pin<Box<dyn std::future::Future<Output = Result<i64, AppError>> + Send>>)
            .shared()
    };
    let units2 = units.clone();
    let (account_href, account_text) = match &viewer {
        Some(_) => (paths::ACCOUNT, t.nav_account),
        None => (paths::SIGN_IN, t.nav_sign_in),
    };
    let greeting = viewer.map(|v| {
        let first = v.name.split_whitespace().next().unwrap_or("").to_string();
        view! { <span class="greeting">{fill(t.greeting, &[("name", &first)])}</span> }
    });
    // Where we are: the language links come back here, and the search page shows its own box.
    let loc = leptos_router::hooks::use_location();
    let path = loc.pathname.get_untracked();
    let on_search = path == paths::SEARCH;
    let query = loc.search.get_untracked();
    let here = match query.trim_start_matches('?') {
        "" => path,
        qs => format!("{path}?{qs}"),
    };
    let here = url_encode(&here);
    let current = crate::i18n::locale();
    let languages = Locale::ALL
        .into_iter()
        .map(|l| {
            if l == current {
                view! { <span aria-current="true">{l.name()}</span> }.into_any()
            } else {
                let href = format!("/bahasa/{}?lanjut={here}", l.code());
                view! { <a href=href hreflang=l.code() lang=l.code()>{l.name()}</a> }.into_any()
            }
        })
        .collect_view();
    view! {
        <a class="skip-link" href="#isi">{t.skip_to_content}</a>
        <header class="site-header">
            // The visible name leads the link's accessible name.
            <a class="brand" href=paths::HOME>
                <span class="logo" aria-hidden="true">"P"</span>
                <span class="brand-name">"Peken"</span>
                " "
                <span class="brand-city">"Surabaya"</span>
                <span class="visually-hidden">", " {t.brand_home}</span>
            </a>
            // The search page has its own box with the filters: one per page.
            {(!on_search).then(|| view! {
                <form class="header-search" method="get" action=paths::SEARCH role="search" aria-label=t.search_label>
                    <label for="cari-atas" class="visually-hidden">{t.search_label}</label>
                    <input id="cari-atas" type="search" name="q" placeholder=t.search_placeholder maxlength="200" />
                    <button type="submit" class="btn">
                        <span class="search-icon" aria-hidden="true">"⌕"</span>
                        <span class="search-word">{t.search_button}</span>
                    </button>
                </form>
            })}
            <nav class="top-nav" aria-label=t.nav_main>
                <a href=paths::HOME>{t.nav_home}</a>
                <a href=paths::SHOPS>{t.nav_shops}</a>
                <a href="/#kategori">{t.nav_categories}</a>
                {greeting}
                {buyer.then(|| view! { <a href=paths::ORDERS>{t.nav_orders}</a> })}
                {merchant.then(|| view! { <a href=paths::MY_SHOP>{t.nav_my_shop}</a> })}
                {merchant.then(|| view! { <a href=paths::MY_ORDERS>{t.nav_shop_orders}</a> })}
                {buyer.then(|| view! {
                    <a href=paths::CART class="cart-link">
                        {t.nav_cart} " " <CartBadge units=units.clone() />
                    </a>
                })}
                <a href=account_href class="account-link">
                    {account_text}
                </a>
            </nav>
        </header>
        <main id="isi">{children()}</main>
        <footer class="site-footer">
            <p>{t.footer_about}</p>
            <p>{t.footer_units}</p>
            <p><a href=paths::GUIDE>{t.footer_guide}</a> " · " <a href=paths::TRANSPARENCY>{t.footer_transparency}</a></p>
            <p class="languages">{t.language} ": " {languages}</p>
        </footer>
        <nav class="bottom-nav" aria-label=t.nav_bottom>
            <a href=paths::HOME>
                <span class="icon" aria-hidden="true">"⌂"</span>
                {t.nav_home}
            </a>
            <a href=paths::SEARCH>
                <span class="icon" aria-hidden="true">"⌕"</span>
                {t.nav_search}
            </a>
            <a href="/#kategori">
                <span class="icon" aria-hidden="true">"▦"</span>
                {t.nav_categories}
            </a>
            {buyer.then(|| view! {
                <a href=paths::CART class="cart-link">
                    <svg class="icon cart-icon" aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                        <path d="M3 4h2l2.4 11h10.2L20 8H6.2" />
                        <circle cx="9" cy="19.5" r="1.5" />
                        <circle cx="17" cy="19.5" r="1.5" />
                    </svg>
                    {t.nav_cart} <CartBadge units=units2.clone() />
                </a>
            })}
            {merchant.then(|| view! {
                <a href=paths::MY_ORDERS>
                    <span class="icon" aria-hidden="true">"✉"</span>
                    {t.nav_orders}
                </a>
            })}
            <a href=account_href>
                <span class="icon" aria-hidden="true">"☺"</span>
                {account_text}
            </a>
        </nav>
    }
}

/// The number of units in the buyer's cart, read once per page on the
/// server; the add-to-cart button updates every `.cart-count` in place.
type Units = futures::future::Shared<
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<i64, AppError>> + Send>>,
>;

#[component]
fn CartBadge(units: Units) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <span class="cart-count" hidden=true>"0"</span> }>
            {move || {
                let units = units.clone();
                Suspend::new(async move {
                    let n = units.await.unwrap_or(0);
                    let t = t();
                    view! {
                        <span class="cart-count" hidden=n == 0 aria-label=fill(t.cart_units, &[("n", &n)])>
                            {n}
                        </span>
                    }
                })
            }}
        </Suspense>
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
    let t = t();
    view! {
        <PageTitle text=format!("{} — Peken", t.not_found_title) />
        <section class="message-page">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <a class="btn" href=paths::HOME>{t.back_home}</a>
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
    let t = t();
    let message = error.message_in(t);
    view! {
        <PageTitle text=format!("{} — Peken", t.error_title) />
        <section class="message-page">
            <h1>{t.error_title}</h1>
            <p>{message}</p>
            <a class="btn" href=paths::HOME>{t.back_home}</a>
        </section>
    }
    .into_any()
}

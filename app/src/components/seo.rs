//! What search engines and link previews read: description, canonical
//! address, Open Graph, and schema.org data.

use leptos::prelude::*;
use leptos_meta::{Link, Meta};

/// The absolute address of `path` on the public site (`PEKEN_PUBLIC_URL`).
pub fn absolute_url(path: &str) -> String {
    #[cfg(feature = "ssr")]
    if let Some(state) = use_context::<crate::server::AppState>() {
        return format!("{}{path}", state.public_url);
    }
    path.to_string()
}

/// Description, canonical link and Open Graph tags for a page at `path`.
#[component]
pub fn Seo(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(into)] path: String,
    #[prop(optional)] image: Option<String>,
    #[prop(default = "website")] kind: &'static str,
) -> impl IntoView {
    let url = absolute_url(&path);
    view! {
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=url.clone() />
        <Meta property="og:type" content=kind />
        <Meta property="og:site_name" content="Peken Surabaya" />
        <Meta property="og:locale" content=crate::i18n::locale().og() />
        <Meta property="og:title" content=title />
        <Meta property="og:description" content=description />
        <Meta property="og:url" content=url />
        {image.map(|i| view! { <Meta property="og:image" content=absolute_url(&i) /> })}
    }
}

/// A page that is not for search engines: search results and directory
/// variations (`follow`: their products and shops are public, and listed
/// in the sitemap), sign-in and registration, a buyer's cart, checkout,
/// orders and account, a merchant's and the city's pages. It still
/// carries the site's description for whatever shows it anyway (a shared
/// link's preview, a browser's history).
#[component]
pub fn NoIndex(#[prop(optional)] follow: bool) -> impl IntoView {
    let robots = if follow {
        "noindex, follow"
    } else {
        "noindex, nofollow"
    };
    view! {
        <Meta name="robots" content=robots />
        <Meta name="description" content=crate::i18n::t().home_description />
    }
}

/// JSON for inside a `<script>` element: `<`, `>` and `&` become `\u003c`
/// and friends, so no text (a product named `</script>…`) can end the
/// element early. JSON parsers read them back unchanged.
pub fn script_safe_json(value: &str) -> String {
    value
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// schema.org data (`application/ld+json`); never executed as script.
#[component]
pub fn JsonLd(
    /// Serialized JSON.
    json: String,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let nonce = leptos::nonce::use_nonce();
    #[cfg(not(feature = "ssr"))]
    let nonce: Option<String> = None;
    view! { <script type="application/ld+json" nonce=nonce inner_html=script_safe_json(&json)></script> }
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_in_scripts_cannot_close_the_element() {
        let s = super::script_safe_json(r#"{"name":"</script><script>alert(1)</script> & co"}"#);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert_eq!(
            s,
            r#"{"name":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 co"}"#
        );
    }
}

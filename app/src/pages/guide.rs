//! `/panduan`: help for new users, in short steps with a picture of the
//! real screen for each: registering as ASN, as the public and as a
//! merchant, ordering, paying and complaining. In the page's language,
//! with the screens in that language too (`public/panduan/`, made by
//! `end2end/guide-shots.mjs` from the running demo).

use crate::components::{PageTitle, Seo};
use crate::i18n::{locale, Texts};
use crate::paths;
use leptos::prelude::*;

/// The guide's sections: the picture's name, the title, the steps
/// (separated by `|`) and what the picture shows.
fn sections(t: &Texts) -> [(&'static str, &'static str, &'static str, &'static str); 6] {
    [
        ("asn", t.guide_asn, t.guide_asn_steps, t.guide_asn_alt),
        ("umum", t.guide_umum, t.guide_umum_steps, t.guide_umum_alt),
        (
            "pedagang",
            t.guide_merchant,
            t.guide_merchant_steps,
            t.guide_merchant_alt,
        ),
        (
            "pesan",
            t.guide_order,
            t.guide_order_steps,
            t.guide_order_alt,
        ),
        ("bayar", t.guide_pay, t.guide_pay_steps, t.guide_pay_alt),
        (
            "keluhan",
            t.guide_complain,
            t.guide_complain_steps,
            t.guide_complain_alt,
        ),
    ]
}

/// Where a section's picture is, in the page's language.
pub fn picture(lang: &str, key: &str) -> String {
    format!("/panduan/{lang}-{key}.jpg")
}

#[component]
pub fn GuidePage() -> impl IntoView {
    let t = crate::i18n::t();
    let lang = locale().code();
    let toc = sections(t)
        .iter()
        .map(|(key, title, _, _)| view! { <li><a href=format!("#{key}")>{*title}</a></li> })
        .collect_view();
    let body = sections(t)
        .into_iter()
        .map(|(key, title, steps, alt)| {
            let steps = steps
                .split('|')
                .map(|s| view! { <li>{s.trim().to_string()}</li> })
                .collect_view();
            view! {
                <section class="guide-step" id=key>
                    <h2>{title}</h2>
                    <div class="guide-pair">
                        <ol>{steps}</ol>
                        <figure>
                            <img src=picture(lang, key) width="360" height="640" alt=alt loading="lazy" decoding="async" />
                            <figcaption>{alt}</figcaption>
                        </figure>
                    </div>
                </section>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=t.guide_title />
        <Seo title=t.guide_title description=t.guide_lead path=paths::GUIDE />
        <section class="guide-page">
            <h1>{t.guide_heading}</h1>
            <p class="lead">{t.guide_lead}</p>
            <nav aria-label=t.guide_contents>
                <ol class="guide-toc">{toc}</ol>
            </nav>
            {body}
            <p class="hint">{t.guide_more} " " <a href=paths::COMPLAINTS>{t.guide_more_link}</a></p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn every_section_has_steps_and_a_picture_in_both_languages() {
        for l in Locale::ALL {
            let t = l.texts();
            for (key, title, steps, alt) in sections(t) {
                assert!(!title.is_empty() && !alt.is_empty(), "{key}");
                let n = steps.split('|').filter(|s| !s.trim().is_empty()).count();
                assert!((3..=6).contains(&n), "{key} in {}: {n} steps", l.code());
                let file = format!(
                    "{}/../public{}",
                    env!("CARGO_MANIFEST_DIR"),
                    picture(l.code(), key)
                );
                assert!(std::path::Path::new(&file).is_file(), "{file}");
            }
        }
    }
}

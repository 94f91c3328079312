//! `/offline`: what the service worker shows when a page cannot be fetched.

use crate::components::{NoIndex, PageTitle};
use leptos::prelude::*;

#[component]
pub fn OfflinePage() -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <PageTitle text=t.offline_title />
        <NoIndex />
        <section class="message-page offline">
            <h1>{t.offline_heading}</h1>
            <p>{t.offline_text}</p>
            <a class="btn" href=crate::paths::HOME>{t.try_again}</a>
        </section>
    }
}

//! What the city's staff see (admins only; every read checks it).

mod asn;
mod audit;
mod complaints;
mod dashboard;
mod moderation;
mod settings;
mod shops;

pub use asn::AsnPage;
pub use audit::AuditPage;
pub use complaints::{AdminComplaintPage, ComplaintQueuePage};
pub use dashboard::DashboardPage;
pub use moderation::ModerationPage;
pub use settings::SettingsPage;
pub use shops::{DecisionHistory, ShopQueuePage, ShopReviewPage};

use leptos::prelude::*;

/// One list of a queue as a tab with its count (`current`: the list shown).
fn list_tab(href: String, label: &'static str, n: i64, current: bool) -> impl IntoView {
    view! {
        <li class="chip">
            <a href=href aria-current=current.then_some("page")>
                {label}
                <span class="count">{n}</span>
            </a>
        </li>
    }
}

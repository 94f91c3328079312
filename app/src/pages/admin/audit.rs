//! `/admin/audit`: sign-ins, failures, role and password changes (admins only).

use crate::api::account::{audit_log, AuditLine};
use crate::components::{page_data, NoIndex, PageTitle};
use crate::model::format_wib;
use leptos::prelude::*;

#[component]
pub fn AuditPage() -> impl IntoView {
    page_data(audit_log, |lines| view! { <AuditView lines /> })
}

#[component]
fn AuditView(lines: Vec<AuditLine>) -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <PageTitle text=t.audit_title />
        <NoIndex />
        <section class="admin-page">
            <h1>{t.audit_heading}</h1>
            <p class="lead">{t.audit_lead}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t.audit_heading>
                <table class="audit">
                    <thead>
                        <tr>
                            <th scope="col">{t.audit_time}</th>
                            <th scope="col">{t.audit_actor}</th>
                            <th scope="col">{t.audit_action}</th>
                            <th scope="col">{t.audit_target}</th>
                            <th scope="col">{t.audit_detail}</th>
                            <th scope="col">{t.audit_ip}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {lines
                            .into_iter()
                            .map(|l| {
                                view! {
                                    <tr>
                                        <td>{format_wib(l.at)}</td>
                                        <td>{l.actor.unwrap_or_else(|| "—".into())}</td>
                                        <td>{l.action}</td>
                                        <td>{l.target.unwrap_or_default()}</td>
                                        <td>{l.detail.unwrap_or_default()}</td>
                                        <td>{l.ip.unwrap_or_default()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

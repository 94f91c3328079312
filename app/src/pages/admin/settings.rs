//! `/admin/pengaturan`: the city's rules in one form (the monthly sales
//! cap, the idle-shop window, the complaint SLA, the ASN target), changed
//! with a reason that the audit log keeps, and the latest changes.

use crate::api::city::{settings, SettingView, SettingsView};
use crate::components::{page_data, FormAlert, NoIndex, PageTitle, TextField};
use crate::i18n::{fill, Texts};
use crate::model::{format_number, format_wib};
use crate::pages::merchant::ok_param;
use crate::paths;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let ok = ok_param();
    page_data(settings, move |s| view! { <Settings s ok=ok.clone() /> })
}

/// The setting's label and what it does.
fn words(name: &str, t: &Texts) -> (&'static str, &'static str) {
    match name {
        "batas_penjualan_bulanan" => (t.set_cap, t.set_cap_hint),
        "toko_sepi_hari" => (t.set_idle, t.set_idle_hint),
        "keluhan_sla_hari" => (t.set_sla, t.set_sla_hint),
        "selisih_harga_persen" => (t.set_parity, t.set_parity_hint),
        _ => (t.set_target, t.set_target_hint),
    }
}

/// The form field's name (the setting's own, `'static`).
fn field(name: &str) -> &'static str {
    crate::domain::fairness::setting_rule(name)
        .map(|r| r.name)
        .unwrap_or("")
}

/// An audit line `name: old → new. reason` in words: the setting's label,
/// the numbers grouped, and the reason; any other line as it is.
fn change_words(detail: &str, t: &'static Texts) -> (String, String) {
    let parsed = detail.split_once(": ").and_then(|(name, rest)| {
        let (old, rest) = rest.split_once(" → ")?;
        let (new, reason) = rest.split_once(". ")?;
        let (old, new): (i64, i64) = (old.parse().ok()?, new.parse().ok()?);
        crate::domain::fairness::setting_rule(name)?;
        let label = words(name, t).0;
        Some((
            format!(
                "{label}: {} → {}",
                format_number(old, t),
                format_number(new, t)
            ),
            reason.to_string(),
        ))
    });
    parsed.unwrap_or_else(|| (detail.to_string(), String::new()))
}

#[component]
fn SettingInput(s: SettingView) -> impl IntoView {
    let t = crate::i18n::t();
    let (label, hint) = words(&s.name, t);
    let name = field(&s.name);
    let bounds = fill(
        t.set_bounds,
        &[
            ("min", &format_number(s.min, t)),
            ("max", &format_number(s.max, t)),
        ],
    );
    let last = match (&s.updated_by, s.updated_at) {
        (Some(who), Some(at)) => fill(t.set_last, &[("who", who), ("at", &format_wib(at))]),
        _ => t.set_default.to_string(),
    };
    let hint_id = format!("f-{name}-hint");
    view! {
        <div class="setting">
            <crate::components::Field
                name
                label
                inputmode="numeric"
                value=s.value.to_string()
                required=true
                maxlength=20
            />
            <input type="hidden" name=format!("lama_{name}") value=s.value.to_string() />
            <p class="hint" id=hint_id>{hint} " " {bounds} " " <span class="muted">{last}</span></p>
        </div>
    }
}

#[component]
fn Settings(s: SettingsView, ok: String) -> impl IntoView {
    let t = crate::i18n::t();
    let inputs = s
        .settings
        .into_iter()
        .map(|s| view! { <SettingInput s /> })
        .collect_view();
    let empty = s.changes.is_empty();
    let changes = s
        .changes
        .into_iter()
        .map(|c| {
            let (what, why) = change_words(&c.detail, t);
            view! {
                <tr>
                    <td><time datetime=c.at.to_rfc3339()>{format_wib(c.at)}</time></td>
                    <td>{c.actor.unwrap_or_default()}</td>
                    <td>{what} <br /> <span class="muted">{why}</span></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=t.set_title />
        <NoIndex />
        <section class="admin-page settings-page">
            <p><a href=paths::ADMIN>{t.dash_heading}</a></p>
            <h1>{t.set_heading}</h1>
            <p class="lead">{t.set_lead}</p>
            {(!ok.is_empty()).then(|| view! { <div class="alert ok" role="status">{t.set_saved}</div> })}
            <FormAlert />
            <form method="post" action=paths::ADMIN_SETTINGS class="form settings-form">
                {inputs}
                <TextField id="alasan".to_string() name="alasan" label=t.set_reason min=5 max=500 required=true />
                <button type="submit" class="btn primary">{t.set_save}</button>
            </form>
            <h2 id="riwayat">{t.set_history}</h2>
            {if empty {
                view! { <p class="muted">{t.set_no_history}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t.set_history>
                        <table class="figures">
                            <thead><tr>
                                <th scope="col">{t.set_when}</th>
                                <th scope="col">{t.set_who}</th>
                                <th scope="col">{t.set_what}</th>
                            </tr></thead>
                            <tbody>{changes}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_lines_read_as_words() {
        let t = crate::i18n::Locale::Id.texts();
        let (what, why) = change_words(
            "batas_penjualan_bulanan: 30000000 → 25000000. Arahan Wali Kota",
            t,
        );
        assert_eq!(
            what,
            "Batas penjualan per toko per bulan (Rp): 30.000.000 → 25.000.000"
        );
        assert_eq!(why, "Arahan Wali Kota");
        assert_eq!(change_words("lain", t), ("lain".to_string(), String::new()));
    }
}

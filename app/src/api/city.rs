//! The city's rules (`/admin/pengaturan`: the monthly sales cap, the idle
//! shop window, the complaint SLA, the ASN target; every change audited)
//! and the ASN programme by OPD (`/admin/asn`). Admins only.

// The settings form has a field and the value read for each setting.
#![allow(clippy::too_many_arguments)]

use super::Done;
use crate::model::figures::AsnProgramme;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// One setting as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingView {
    pub name: String,
    pub value: i64,
    pub min: i64,
    pub max: i64,
    pub updated_by: Option<String>,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One past change, from the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingChangeView {
    pub actor: Option<String>,
    pub detail: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// The settings page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub settings: Vec<SettingView>,
    pub changes: Vec<SettingChangeView>,
}

/// The city's settings and their latest changes.
#[server(name = LoadSettings, prefix = "/api", endpoint = "admin/pengaturan", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn settings() -> Result<SettingsView, AppError> {
    super::edge(ssr::settings().await)
}

/// Changes the settings whose new value differs from the one read
/// (`lama_<name>`), all or none, with `alasan` in the audit log.
#[server(prefix = "/api", endpoint = "admin/pengaturan/ubah")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn change_settings(
    #[server(default)] batas_penjualan_bulanan: String,
    #[server(default)] lama_batas_penjualan_bulanan: String,
    #[server(default)] toko_sepi_hari: String,
    #[server(default)] lama_toko_sepi_hari: String,
    #[server(default)] keluhan_sla_hari: String,
    #[server(default)] lama_keluhan_sla_hari: String,
    #[server(default)] target_asn_persen: String,
    #[server(default)] lama_target_asn_persen: String,
    #[server(default)] selisih_harga_persen: String,
    #[server(default)] lama_selisih_harga_persen: String,
    #[server(default)] alasan: String,
) -> Result<Done, AppError> {
    super::edge(
        ssr::change(
            [
                (batas_penjualan_bulanan, lama_batas_penjualan_bulanan),
                (toko_sepi_hari, lama_toko_sepi_hari),
                (keluhan_sla_hari, lama_keluhan_sla_hari),
                (target_asn_persen, lama_target_asn_persen),
                (selisih_harga_persen, lama_selisih_harga_persen),
            ],
            alasan,
        )
        .await,
    )
}

/// The ASN programme in WIB month `bulan` (`YYYY-MM`; this month by default).
#[server(name = LoadAsnProgramme, prefix = "/api", endpoint = "admin/asn", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn asn_programme(
    #[server(default)] bulan: Option<String>,
) -> Result<AsnProgramme, AppError> {
    super::edge(ssr::programme(bulan).await)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::domain::fairness::{parse_setting, sales_month, SettingRule, SETTINGS};
    use crate::domain::programme::{meets_target, share_permille, withheld, OpdMonth, MIN_BUYERS};
    use crate::domain::Action;
    use crate::i18n::fill;
    use crate::model::figures::OpdRow;
    use crate::model::Refusal;
    use crate::paths;
    use crate::server::session::authorize;
    use crate::server::state::state;
    use crate::server::store::SettingRefusal;
    use chrono::{Datelike, Utc};

    /// Changes a reason must be this long (characters, trimmed).
    const REASON_MIN: usize = 5;
    const REASON_MAX: usize = 500;
    /// Months the programme page offers.
    const MONTHS: usize = 12;

    pub async fn settings() -> Result<SettingsView, AppError> {
        authorize(Action::ChangeSettings)?;
        let store = state().store;
        let rows = store.settings().await?;
        let settings = SETTINGS
            .iter()
            .filter_map(|rule| {
                let r = rows.iter().find(|r| r.name == rule.name)?;
                Some(SettingView {
                    name: r.name.clone(),
                    value: r.value,
                    min: rule.min,
                    max: rule.max,
                    updated_by: r.updated_by.clone(),
                    updated_at: r.updated_at,
                })
            })
            .collect();
        let changes = store
            .setting_changes(50)
            .await?
            .into_iter()
            .map(|c| SettingChangeView {
                actor: c.actor,
                detail: c.detail.unwrap_or_default(),
                at: c.created_at,
            })
            .collect();
        Ok(SettingsView { settings, changes })
    }

    fn value_refusal(rule: SettingRule, t: &crate::i18n::Texts) -> AppError {
        let msg = fill(
            t.setting_bad,
            &[
                ("min", &crate::model::format_number(rule.min, t)),
                ("max", &crate::model::format_number(rule.max, t)),
            ],
        );
        Refusal {
            message: Some(msg.clone()),
            ..Refusal::field(rule.name, msg, t).with_status(422)
        }
        .into()
    }

    pub async fn change(typed: [(String, String); 5], alasan: String) -> Result<Done, AppError> {
        let admin = authorize(Action::ChangeSettings)?;
        let t = crate::i18n::t();
        let mut changes = Vec::new();
        // `typed` is in the order of `SETTINGS`.
        for (rule, (value, seen)) in SETTINGS.into_iter().zip(typed.iter()) {
            // A field left out is left as it is.
            if value.trim().is_empty() {
                continue;
            }
            let value = parse_setting(rule, value).ok_or_else(|| value_refusal(rule, t))?;
            let seen: i64 = seen
                .trim()
                .parse()
                .map_err(|_| Refusal::message(400, t.setting_stale_form))?;
            if value != seen {
                changes.push((rule.name, seen, value));
            }
        }
        if changes.is_empty() {
            return Err(Refusal::message(422, t.setting_nothing).into());
        }
        let reason = alasan.trim();
        let n = reason.chars().count();
        if !(REASON_MIN..=REASON_MAX).contains(&n) {
            let msg = fill(
                t.setting_reason,
                &[("min", &REASON_MIN), ("max", &REASON_MAX)],
            );
            return Err(Refusal {
                message: Some(msg.clone()),
                ..Refusal::field("alasan", msg, t).with_status(422)
            }
            .into());
        }
        match state()
            .store
            .change_settings(&changes, reason, admin.id, Utc::now())
            .await?
        {
            Ok(()) => Ok(Done::to(format!("{}?ok=1", paths::ADMIN_SETTINGS))),
            Err(SettingRefusal::Unknown) => Err(AppError::NotFound),
            Err(SettingRefusal::Changed { now, .. }) => Err(Refusal::message(
                409,
                fill(
                    t.setting_changed,
                    &[("now", &crate::model::format_number(now, t))],
                ),
            )
            .into()),
        }
    }

    /// `YYYY-MM` months back from `now`'s (in WIB), newest first.
    fn months_back(now: chrono::DateTime<Utc>, n: usize) -> Vec<String> {
        let wib = (now + chrono::Duration::hours(7)).date_naive();
        let idx = wib.year() * 12 + wib.month0() as i32;
        (0..n as i32)
            .map(|k| {
                let i = idx - k;
                format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1)
            })
            .collect()
    }

    /// The WIB month labelled `YYYY-MM`.
    fn month_of(label: &str) -> Option<crate::domain::fairness::SalesMonth> {
        let (y, m) = label.split_once('-')?;
        let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
        let first = chrono::NaiveDate::from_ymd_opt(y, m, 1)?;
        // Noon WIB on the 1st is inside the month whatever the offset.
        let noon = first.and_hms_opt(5, 0, 0)?.and_utc();
        Some(sales_month(noon))
    }

    pub async fn programme(bulan: Option<String>) -> Result<AsnProgramme, AppError> {
        authorize(Action::ReadDashboard)?;
        programme_of(&state().store, bulan.as_deref(), Utc::now()).await
    }

    /// The programme for month `bulan` (one of the last 12; this month by
    /// default; another is not found), withheld where it must be. The
    /// caller has checked that the viewer reads the dashboard.
    pub async fn programme_of(
        store: &crate::server::Store,
        bulan: Option<&str>,
        now: chrono::DateTime<Utc>,
    ) -> Result<AsnProgramme, AppError> {
        let months = months_back(now, MONTHS);
        let month = match bulan.map(str::trim).filter(|b| !b.is_empty()) {
            None => months[0].clone(),
            Some(b) if months.iter().any(|m| m == b) => b.to_string(),
            Some(_) => return Err(AppError::NotFound),
        };
        let m = month_of(&month).ok_or(AppError::NotFound)?;
        let target = store
            .setting_or(crate::domain::fairness::ASN_TARGET_PERCENT, 50)
            .await?;
        let raw = store.opd_month(m.start, m.end).await?;
        let months_data: Vec<OpdMonth> = raw
            .iter()
            .map(|r| OpdMonth {
                asn: r.asn,
                buyers: r.buyers,
                spend: r.spend,
            })
            .collect();
        let hide = withheld(&months_data);
        let rows = raw
            .iter()
            .zip(&hide)
            .map(|(r, h)| OpdRow {
                opd: r.name.clone(),
                asn: r.asn,
                buyers: r.buyers,
                share_permille: share_permille(r.buyers, r.asn),
                spend: (!h).then_some(r.spend),
                meets: meets_target(r.buyers, r.asn, target),
            })
            .collect();
        let (asn, buyers, spend) = raw.iter().fold((0, 0, 0), |a, r| {
            (a.0 + r.asn, a.1 + r.buyers, a.2 + r.spend)
        });
        let total = OpdRow {
            opd: String::new(),
            asn,
            buyers,
            share_permille: share_permille(buyers, asn),
            spend: (buyers == 0 || buyers >= MIN_BUYERS).then_some(spend),
            meets: meets_target(buyers, asn, target),
        };
        Ok(AsnProgramme {
            month,
            months,
            target_percent: target,
            rows,
            total,
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn months_go_back_across_years_in_wib() {
            let t = chrono::DateTime::parse_from_rfc3339("2027-01-31T18:00:00Z")
                .unwrap()
                .with_timezone(&Utc);
            // 1 Feb 2027, 01:00 WIB.
            assert_eq!(months_back(t, 3), vec!["2027-02", "2027-01", "2026-12"]);
            let m = month_of("2026-12").unwrap();
            assert_eq!(m.label, "2026-12");
            assert!(month_of("2026-13").is_none());
            assert!(month_of("x").is_none());
        }
    }
}

//! `/admin/asn?bulan=YYYY-MM`: the ASN programme by OPD for one month:
//! registered ASN, how many bought, that share against the city's target,
//! and what they spent together. Totals only: small groups' spend is
//! withheld (`domain::programme`).

use crate::api::city::asn_programme;
use crate::components::{page_data, NoIndex, PageTitle, Price};
use crate::i18n::{fill, Texts};
use crate::model::figures::{AsnProgramme, OpdRow};
use crate::model::format_number;
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AsnPage() -> impl IntoView {
    let bulan = use_query_map().get_untracked().get("bulan");
    page_data(
        move || asn_programme(bulan.clone()),
        |p| view! { <Programme p /> },
    )
}

/// `12,5%` / `12.5%` from tenths of a percent.
fn percent(permille: i64, t: &Texts) -> String {
    format!("{},{}%", permille / 10, permille % 10).replace(',', t.decimal_mark)
}

fn row(r: &OpdRow, head: String, t: &'static Texts) -> impl IntoView {
    let spend = match r.spend {
        Some(v) => view! { <Price amount=v /> }.into_any(),
        None => view! { <span class="muted" title=t.asn_withheld_why>{t.asn_withheld}</span> }
            .into_any(),
    };
    let mark = if r.asn == 0 {
        ""
    } else if r.meets {
        t.asn_meets
    } else {
        t.asn_below
    };
    view! {
        <tr data-meets=r.meets.to_string()>
            <th scope="row">{head}</th>
            <td class="num">{format_number(r.asn, t)}</td>
            <td class="num">{format_number(r.buyers, t)}</td>
            <td class="num">{percent(r.share_permille, t)}</td>
            <td>{mark}</td>
            <td class="num">{spend}</td>
        </tr>
    }
}

#[component]
fn Programme(p: AsnProgramme) -> impl IntoView {
    let t = crate::i18n::t();
    let options = p
        .months
        .iter()
        .map(|m| {
            let selected = *m == p.month;
            view! { <option value=m.clone() selected=selected>{m.clone()}</option> }
        })
        .collect_view();
    let rows = p
        .rows
        .iter()
        .map(|r| row(r, r.opd.clone(), t))
        .collect_view();
    let total = row(&p.total, t.asn_total.to_string(), t);
    let caption = fill(t.asn_caption, &[("month", &p.month)]);
    let met = p.rows.iter().filter(|r| r.asn > 0 && r.meets).count();
    let with_asn = p.rows.iter().filter(|r| r.asn > 0).count();
    view! {
        <PageTitle text=t.asn_title />
        <NoIndex />
        <section class="admin-page transparency-page asn-page">
            <p><a href=paths::ADMIN>{t.dash_heading}</a></p>
            <h1>{t.asn_heading}</h1>
            <p class="lead">{fill(t.asn_lead, &[("target", &p.target_percent)])}</p>
            <form method="get" action=paths::ADMIN_ASN class="form inline">
                <label for="bulan">{t.asn_month}</label>
                <select id="bulan" name="bulan">{options}</select>
                <button type="submit" class="btn">{t.asn_show}</button>
            </form>
            <p>{fill(t.asn_met, &[("met", &met), ("n", &with_asn), ("target", &p.target_percent)])}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label=caption.clone()>
                <table class="figures" id="tabel-asn">
                    <caption>{caption.clone()}</caption>
                    <thead><tr>
                        <th scope="col">{t.asn_opd}</th>
                        <th scope="col" class="num">{t.asn_registered}</th>
                        <th scope="col" class="num">{t.asn_buyers}</th>
                        <th scope="col" class="num">{t.asn_share}</th>
                        <th scope="col">{t.asn_target_col}</th>
                        <th scope="col" class="num">{t.asn_spend}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot>{total}</tfoot>
                </table>
            </div>
            <crate::components::Csv href=format!("{}?bulan={}", paths::admin_csv("asn-opd"), p.month) table="asn-opd" />
            <p class="hint">{t.asn_privacy}</p>
            <p><a href=paths::ADMIN_SETTINGS>{t.asn_change_target}</a></p>
        </section>
    }
}

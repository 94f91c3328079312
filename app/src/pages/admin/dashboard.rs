//! `/admin`: the city's dashboard. The public figures (the same component
//! and source as `/transparansi`, so the two always agree) and what only
//! the city reads: sales by category, active shops, the shops that sold
//! most and those with no order lately, overdue complaints. Every table
//! downloads as CSV from `/admin/data/…` (admins only).

use crate::api::figures::city_figures;
use crate::components::{page_data, Figure, NoIndex, PageTitle, Price, PublicTables};
use crate::i18n::fill;
use crate::model::figures::CityFigures;
use crate::model::{format_number, format_wib, format_wib_date};
use crate::paths;
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    page_data(city_figures, |(f, at)| view! { <Dashboard f at /> })
}

#[component]
fn Dashboard(f: CityFigures, at: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let t = crate::i18n::t();
    let n = f.window_days;
    let shops_total: i64 = f.public.shops.iter().map(|s| s.shops).sum();
    let cat_bars: Vec<(String, i64)> = f
        .categories
        .iter()
        .map(|c| (c.key.clone(), c.value))
        .collect();
    let cat_rows = f
        .categories
        .iter()
        .map(|c| {
            view! {
                <tr>
                    <th scope="row">{c.key.clone()}</th>
                    <td class="num">{format_number(c.orders, t)}</td>
                    <td class="num"><Price amount=c.value /></td>
                </tr>
            }
        })
        .collect_view();
    let top_bars: Vec<(String, i64)> = f
        .top_shops
        .iter()
        .map(|s| (s.name.clone(), s.value))
        .collect();
    let top_rows = f
        .top_shops
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row"><a href=paths::shop(&s.slug)>{s.name.clone()}</a></th>
                    <td>{s.kecamatan.clone()}</td>
                    <td class="num">{format_number(s.orders, t)}</td>
                    <td class="num"><Price amount=s.value /></td>
                </tr>
            }
        })
        .collect_view();
    let idle_rows = f
        .idle_shops
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row"><a href=paths::shop(&s.slug)>{s.name.clone()}</a></th>
                    <td>{s.kecamatan.clone()}</td>
                    <td>{s.last_order.map(format_wib_date).unwrap_or_else(|| t.dash_never.to_string())}</td>
                </tr>
            }
        })
        .collect_view();
    let idle_title = fill(t.dash_idle_shops, &[("n", &n)]);
    let top_title = fill(t.dash_top_shops, &[("n", &n)]);
    let c = &f.public.complaints;
    let open = c.open + c.in_progress;
    view! {
        <PageTitle text=t.dash_title />
        <NoIndex />
        <section class="transparency-page admin-page">
            <h1>{t.dash_heading}</h1>
            <p class="lead">{t.dash_lead}</p>
            <nav aria-label=t.dash_links>
                <ul class="chips">
                    <li class="chip"><a href=paths::ADMIN_SHOPS>{t.admin_shops_heading}</a></li>
                    <li class="chip"><a href=paths::ADMIN_COMPLAINTS>{t.admin_complaints_heading}</a></li>
                    <li class="chip"><a href=paths::ADMIN_MODERATION>{t.moderation_heading}</a></li>
                    <li class="chip"><a href=paths::ADMIN_ASN>{t.asn_heading}</a></li>
                    <li class="chip"><a href=paths::ADMIN_SETTINGS>{t.set_heading}</a></li>
                    <li class="chip"><a href=paths::AUDIT>{t.audit_heading}</a></li>
                    <li class="chip"><a href=paths::TRANSPARENCY>{t.footer_transparency}</a></li>
                </ul>
            </nav>
            <p class="muted">{t.fig_as_of} " " <time datetime=at.to_rfc3339()>{format_wib(at)}</time></p>
            <dl class="fig-headline">
                <div><dt>{t.fig_total_value}</dt><dd><Price amount=f.public.total.value /></dd></div>
                <div><dt>{t.fig_total_orders}</dt><dd>{format_number(f.public.total.orders, t)}</dd></div>
                <div><dt>{t.fig_verified_shops}</dt><dd>{format_number(shops_total, t)}</dd></div>
                <div><dt>{fill(t.dash_active_shops, &[("n", &n)])}</dt><dd>{format_number(f.active_shops, t)}</dd></div>
                <div><dt>{t.dash_open_complaints}</dt><dd><a href=paths::ADMIN_COMPLAINTS>{format_number(open, t)}</a></dd></div>
                <div><dt>{t.dash_overdue}</dt><dd>{format_number(f.overdue_complaints, t)}</dd></div>
            </dl>

            <PublicTables f=f.public.clone() at csv=paths::admin_csv />

            <Figure
                table="kategori"
                csv=paths::admin_csv("kategori")
                title=t.dash_by_category
                cols=vec![t.dash_category, t.dash_units, t.fig_value]
                bars=cat_bars
                horizontal=true
                rows=cat_rows.into_any()
                note=Some(t.dash_category_note.to_string())
            />
            <h2 id="toko-teratas">{top_title.clone()}</h2>
            <p class="hint">{fill(t.dash_window_as_of, &[("at", &format_wib(f.window_at))])}</p>
            <div class="fig-pair">
                <crate::components::BarChart id="grafik-toko-teratas".to_string() title=top_title.clone() axis=t.fig_axis_value bars=top_bars vertical=false />
                <div class="table-wrap" tabindex="0" role="region" aria-label=top_title.clone()>
                    <table class="figures" id="tabel-toko-teratas">
                        <caption>{top_title.clone()}</caption>
                        <thead><tr>
                            <th scope="col">{t.complaint_shop}</th>
                            <th scope="col">{t.kecamatan}</th>
                            <th scope="col" class="num">{t.fig_orders}</th>
                            <th scope="col" class="num">{t.fig_value}</th>
                        </tr></thead>
                        <tbody>{top_rows}</tbody>
                    </table>
                </div>
            </div>
            <crate::components::Csv href=paths::admin_csv("toko-teratas") table="toko-teratas" />

            <h2 id="toko-sepi">{idle_title.clone()}</h2>
            {if f.idle_count == 0 {
                view! { <p class="muted">{t.dash_none_idle}</p> }.into_any()
            } else {
                view! {
                    <p class="hint">{fill(t.dash_idle_note, &[("count", &format_number(f.idle_count, t))])}</p>
                    <div class="table-wrap" tabindex="0" role="region" aria-label=idle_title.clone()>
                        <table class="figures" id="tabel-toko-sepi">
                            <caption>{idle_title.clone()}</caption>
                            <thead><tr>
                                <th scope="col">{t.complaint_shop}</th>
                                <th scope="col">{t.kecamatan}</th>
                                <th scope="col">{t.dash_last_order}</th>
                            </tr></thead>
                            <tbody>{idle_rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
            <crate::components::Csv href=paths::admin_csv("toko-sepi") table="toko-sepi" />
        </section>
    }
}

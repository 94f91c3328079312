//! Figures drawn on the server: bar charts as SVG (a `<title>`, labelled
//! axes) beside the table of their numbers, each table with its CSV. The
//! public tables are shared by `/transparansi` and the city's dashboard,
//! so both show the same numbers from the same source.

use crate::components::Price;
use crate::i18n::{fill, Texts};
use crate::model::figures::{current_month, growth_pct, PublicFigures};
use crate::model::{format_number, format_rupiah};
use leptos::prelude::*;

/// Rupiah in short words for chart labels: `Rp1,2 M`, `Rp350 jt`.
pub fn short_rupiah(v: i64, t: &Texts) -> String {
    let (div, unit) = if v.abs() >= 1_000_000_000 {
        (1_000_000_000.0, t.fig_billion)
    } else if v.abs() >= 1_000_000 {
        (1_000_000.0, t.fig_million)
    } else {
        return format_rupiah(v);
    };
    let x = v as f64 / div;
    let s = if x >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}").replace('.', t.decimal_mark)
    };
    format!("Rp{s} {unit}")
}

pub fn growth_words(g: Option<f64>, t: &Texts) -> String {
    match g {
        None => "—".into(),
        Some(g) => {
            let s = format!("{:+.1}%", g).replace('.', t.decimal_mark);
            s.replace('-', "−")
        }
    }
}

/// A bar chart: one bar per (label, value), vertical when `vertical`.
#[component]
pub fn BarChart(
    id: String,
    title: String,
    /// What the value axis measures.
    axis: &'static str,
    bars: Vec<(String, i64)>,
    #[prop(default = true)] vertical: bool,
) -> impl IntoView {
    let t = crate::i18n::t();
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let title_id = format!("{id}-judul");
    let n = bars.len().max(1) as f64;
    if vertical {
        // 600 × 260 drawing units; the plot from x 60 to 590, y 20 to 220.
        let (x0, x1, y0, y1) = (60.0, 590.0, 20.0, 220.0);
        let step = (x1 - x0) / n;
        // About six labels, so they never overlap.
        let every = bars.len().div_ceil(6).max(1);
        let rects = bars
            .iter()
            .enumerate()
            .map(|(i, (label, v))| {
                let h = (y1 - y0) * (*v as f64) / max as f64;
                let x = x0 + step * i as f64 + step * 0.15;
                let tip = format!("{label}: {}", format_rupiah(*v));
                let text = (i % every == 0 || i + 1 == bars.len()).then(|| {
                    view! {
                        <text x=format!("{:.1}", x + step * 0.35) y="240" text-anchor="middle" class="tick">
                            {label.clone()}
                        </text>
                    }
                });
                view! {
                    <rect x=format!("{x:.1}") y=format!("{:.1}", y1 - h) width=format!("{:.1}", step * 0.7) height=format!("{h:.1}")>
                        <title>{tip}</title>
                    </rect>
                    {text}
                }
            })
            .collect_view();
        view! {
            <svg class="chart" viewBox="0 0 600 260" role="img" aria-labelledby=title_id.clone()>
                <title id=title_id.clone()>{title}</title>
                <line x1=x0.to_string() y1=y1.to_string() x2=x1.to_string() y2=y1.to_string() class="axis" />
                <line x1=x0.to_string() y1=y0.to_string() x2=x0.to_string() y2=y1.to_string() class="axis" />
                <text x="55" y="25" text-anchor="end" class="tick">{short_rupiah(max, t)}</text>
                <text x="55" y="220" text-anchor="end" class="tick">"0"</text>
                <text x="12" y="120" class="axis-label" transform="rotate(-90 12 120)" text-anchor="middle">{axis}</text>
                <g class="bars">{rects}</g>
            </svg>
        }
        .into_any()
    } else {
        // One row of 22 units per bar; labels on the left (x up to 210, room
        // for the longer English names).
        let height = 30.0 + 22.0 * n;
        let (x0, x1) = (215.0, 530.0);
        let rows = bars
            .iter()
            .enumerate()
            .map(|(i, (label, v))| {
                let y = 10.0 + 22.0 * i as f64;
                let w = (x1 - x0) * (*v as f64) / max as f64;
                view! {
                    <text x="210" y=format!("{:.1}", y + 14.0) text-anchor="end" class="tick">{label.clone()}</text>
                    <rect x=x0.to_string() y=format!("{y:.1}") width=format!("{w:.1}") height="16">
                        <title>{format!("{label}: {}", format_rupiah(*v))}</title>
                    </rect>
                    <text x=format!("{:.1}", x0 + w + 4.0) y=format!("{:.1}", y + 13.0) class="tick">{short_rupiah(*v, t)}</text>
                }
            })
            .collect_view();
        view! {
            <svg class="chart" viewBox=format!("0 0 600 {height:.0}") role="img" aria-labelledby=title_id.clone()>
                <title id=title_id.clone()>{title}</title>
                <line x1=x0.to_string() y1="5" x2=x0.to_string() y2=format!("{:.0}", height - 20.0) class="axis" />
                <text x=format!("{:.0}", (x0 + x1) / 2.0) y=format!("{:.0}", height - 4.0) text-anchor="middle" class="axis-label">{axis}</text>
                <g class="bars">{rows}</g>
            </svg>
        }
        .into_any()
    }
}

/// The download link of one table.
#[component]
pub fn Csv(href: String, table: &'static str) -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <p class="downloads">
            <a href=href download=format!("peken-{table}.csv")>{t.download_csv}</a>
        </p>
    }
}

/// One table of figures: its heading, a chart of its values, the table
/// itself and its CSV. `table` names the section, chart, table and file.
#[component]
pub fn Figure(
    table: &'static str,
    title: &'static str,
    /// Column headings: the row's name, then numbers.
    cols: Vec<&'static str>,
    bars: Vec<(String, i64)>,
    #[prop(default = false)] horizontal: bool,
    rows: AnyView,
    /// Where its CSV downloads.
    csv: String,
    #[prop(default = None)] note: Option<String>,
) -> impl IntoView {
    let t = crate::i18n::t();
    let head = cols
        .into_iter()
        .enumerate()
        .map(|(i, c)| view! { <th scope="col" class=(i > 0).then_some("num")>{c}</th> })
        .collect_view();
    view! {
        <h2 id=table>{title}</h2>
        {note.map(|n| view! { <p class="hint">{n}</p> })}
        <div class="fig-pair">
            <BarChart id=format!("grafik-{table}") title=title.to_string() axis=t.fig_axis_value bars vertical=!horizontal />
            <div class="table-wrap" tabindex="0" role="region" aria-label=title>
                <table class="figures" id=format!("tabel-{table}")>
                    <caption>{title}</caption>
                    <thead><tr>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
        <Csv href=csv table />
    }
}

pub fn kind_words(kind: &str, t: &Texts) -> &'static str {
    if kind == "umkm" {
        t.kind_umkm
    } else {
        t.kind_kelontong
    }
}

/// The public tables: by month with growth, by kecamatan, shops by kind
/// and MBR, buyers, complaints. `at`: when they were read (the month then
/// running is not compared); `csv`: where a table downloads.
#[component]
pub fn PublicTables(
    f: PublicFigures,
    at: chrono::DateTime<chrono::Utc>,
    csv: fn(&str) -> String,
) -> impl IntoView {
    let t = crate::i18n::t();
    // The month still running is shown but not compared: a part of a month
    // against a whole one says nothing.
    let running = current_month(at);
    let month_rows = f
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let before = i.checked_sub(1).map(|j| f.months[j].value);
            let open = m.key == running;
            let g = before
                .and_then(|b| growth_pct(b, m.value))
                .filter(|_| !open);
            view! {
                <tr>
                    <th scope="row">
                        {m.key.clone()}
                        {open.then(|| view! { " " <span class="muted">{t.fig_running}</span> })}
                    </th>
                    <td class="num">{format_number(m.orders, t)}</td>
                    <td class="num"><Price amount=m.value /></td>
                    <td class="num">{growth_words(g, t)}</td>
                </tr>
            }
        })
        .collect_view();
    // The last twelve months against the twelve before, when there are.
    let yearly = (f.months.len() >= 24).then(|| {
        let n = f.months.len();
        let sum = |r: std::ops::Range<usize>| f.months[r].iter().map(|m| m.value).sum::<i64>();
        let g = growth_pct(sum(n - 24..n - 12), sum(n - 12..n));
        format!("{}: {}", t.fig_yearly_growth, growth_words(g, t))
    });
    let month_bars: Vec<(String, i64)> =
        f.months.iter().map(|m| (m.key.clone(), m.value)).collect();
    let mut kec = f.kecamatan.clone();
    kec.sort_by(|a, b| b.value.cmp(&a.value).then(a.key.cmp(&b.key)));
    let kec_bars: Vec<(String, i64)> = kec.iter().map(|k| (k.key.clone(), k.value)).collect();
    let kec_rows = kec
        .iter()
        .map(|k| {
            view! {
                <tr>
                    <th scope="row">{k.key.clone()}</th>
                    <td class="num">{format_number(k.orders, t)}</td>
                    <td class="num"><Price amount=k.value /></td>
                </tr>
            }
        })
        .collect_view();
    let shop_rows = f
        .shops
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{kind_words(&s.kind, t)} {if s.mbr { " · MBR" } else { "" }}</th>
                    <td class="num">{format_number(s.shops, t)}</td>
                    <td class="num">{format_number(s.orders, t)}</td>
                    <td class="num"><Price amount=s.value /></td>
                </tr>
            }
        })
        .collect_view();
    let shop_bars: Vec<(String, i64)> = f
        .shops
        .iter()
        .map(|s| {
            let mbr = if s.mbr { " MBR" } else { "" };
            (format!("{}{mbr}", kind_words(&s.kind, t)), s.value)
        })
        .collect();
    let buyer_rows = f
        .buyers
        .iter()
        .map(|b| {
            let who = if b.role == "asn" {
                t.fig_buyers_asn
            } else {
                t.fig_buyers_umum
            };
            view! {
                <tr>
                    <th scope="row">{who}</th>
                    <td class="num">{format_number(b.accounts, t)}</td>
                    <td class="num">{format_number(b.orders, t)}</td>
                    <td class="num"><Price amount=b.value /></td>
                </tr>
            }
        })
        .collect_view();
    let buyer_bars: Vec<(String, i64)> = f
        .buyers
        .iter()
        .map(|b| {
            let who = if b.role == "asn" {
                t.fig_buyers_asn
            } else {
                t.fig_buyers_umum
            };
            (who.to_string(), b.value)
        })
        .collect();
    let c = f.complaints.clone();
    let median = c
        .median_hours
        .map(|h| fill(t.fig_hours, &[("n", &format_number(h, t))]))
        .unwrap_or_else(|| "—".into());
    view! {
            <Figure
                table="bulanan"
                csv=csv("bulanan")
                title=t.fig_by_month
                cols=vec![t.fig_month, t.fig_orders, t.fig_value, t.fig_growth]
                bars=month_bars
                rows=month_rows.into_any()
                note=yearly
            />
            <Figure
                table="kecamatan"
                csv=csv("kecamatan")
                title=t.fig_by_kecamatan
                cols=vec![t.kecamatan, t.fig_orders, t.fig_value]
                bars=kec_bars
                horizontal=true
                rows=kec_rows.into_any()
            />
            <Figure
                table="toko"
                csv=csv("toko")
                title=t.fig_shops
                cols=vec![t.shop_kind, t.fig_verified_shops, t.fig_orders, t.fig_value]
                bars=shop_bars
                horizontal=true
                rows=shop_rows.into_any()
                note=Some(t.mbr_hint.to_string())
            />
            <Figure
                table="pembeli"
                csv=csv("pembeli")
                title=t.fig_buyers
                cols=vec![t.fig_buyer_kind, t.fig_accounts, t.fig_orders, t.fig_value]
                bars=buyer_bars
                horizontal=true
                rows=buyer_rows.into_any()
            />

            <h2 id="keluhan">{t.fig_complaints}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t.fig_complaints>
                <table class="figures" id="tabel-keluhan">
                    <caption>{t.fig_complaints}</caption>
                    <tbody>
                        <tr><th scope="row">{t.fig_c_open}</th><td class="num">{format_number(c.open, t)}</td></tr>
                        <tr><th scope="row">{t.fig_c_progress}</th><td class="num">{format_number(c.in_progress, t)}</td></tr>
                        <tr><th scope="row">{t.fig_c_resolved}</th><td class="num">{format_number(c.resolved, t)}</td></tr>
                        <tr><th scope="row">{t.fig_c_rejected}</th><td class="num">{format_number(c.rejected, t)}</td></tr>
                        <tr><th scope="row">{t.fig_c_median}</th><td class="num">{median}</td></tr>
                    </tbody>
                </table>
            </div>
            <Csv href=csv("keluhan") table="keluhan" />

    }
}

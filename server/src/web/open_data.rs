//! The transparency page's open data: every table as CSV and all of it as
//! JSON, with its source and licence. Aggregates only (the same figures the
//! page shows); nobody's name, number or address is in them. The city's
//! dashboard downloads the same tables, and its own, from `/admin/data/`
//! (admins only).

use super::forms::see_other;
use super::merchant::safe_cell;
use app::{
    api::figures::DASHBOARD_WINDOW_DAYS,
    domain::access::{authorize, Action, Denied},
    i18n::Locale,
    model::figures::{current_month, growth_pct, CityFigures, PublicFigures, LICENCE_URL},
    model::Viewer,
    paths,
    server::AppState,
};
use axum::{
    extract::{Path, Request, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use chrono::Utc;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(app::paths::TRANSPARENCY_JSON, get(json))
        .route("/transparansi/{file}", get(csv))
        .route("/admin/data/{file}", get(admin_csv))
}

/// The ASN programme by OPD (`?bulan=YYYY-MM`): totals only, withheld
/// where a group is too small, as on its page.
pub const ASN_TABLE: &str = "asn-opd";

fn asn_table(p: &app::model::figures::AsnProgramme) -> Vec<Vec<String>> {
    let mut rows = vec![[
        "bulan",
        "opd",
        "asn_terdaftar",
        "berbelanja",
        "bagian_permil",
        "target_persen",
        "target_tercapai",
        "total_belanja_rp",
    ]
    .iter()
    .map(|c| c.to_string())
    .collect::<Vec<_>>()];
    let total = app::model::figures::OpdRow {
        opd: "Semua OPD".into(),
        ..p.total.clone()
    };
    for r in p.rows.iter().chain(std::iter::once(&total)) {
        rows.push(vec![
            p.month.clone(),
            safe_cell(&r.opd),
            r.asn.to_string(),
            r.buyers.to_string(),
            r.share_permille.to_string(),
            p.target_percent.to_string(),
            if r.meets { "ya" } else { "tidak" }.to_string(),
            // Empty when withheld.
            r.spend.map(|v| v.to_string()).unwrap_or_default(),
        ]);
    }
    rows
}

/// The dashboard's own tables (the public ones download here too).
pub const ADMIN_TABLES: [&str; 3] = ["kategori", "toko-teratas", "toko-sepi"];

const SOURCE: &str = "Pemerintah Kota Surabaya — Peken";
const LICENCE: &str = "CC BY 4.0";
/// The tables, by the name of their file.
pub const TABLES: [&str; 5] = ["bulanan", "kecamatan", "toko", "pembeli", "keluhan"];
/// Figures change with every completed order; a minute old is fine.
const CACHE: &str = "public, max-age=60";

async fn figures(state: &AppState) -> Result<PublicFigures, Response> {
    state.store.public_figures().await.map_err(|e| {
        tracing::error!(error = %e, "public figures");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    })
}

/// `GET /transparansi/data.json`
async fn json(State(state): State<AppState>) -> Response {
    let f = match figures(&state).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let body = serde_json::json!({
        "sumber": SOURCE,
        "lisensi": LICENCE,
        "lisensi_url": LICENCE_URL,
        "data_per": Utc::now().to_rfc3339(),
        "mata_uang": "IDR",
        "definisi": "Pesanan berstatus selesai; bulan menurut tanggal selesai (WIB); kecamatan, jenis dan MBR menurut toko; ASN atau umum menurut akun pembeli.",
        "angka": f,
    });
    (
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE),
        ],
        body.to_string(),
    )
        .into_response()
}

/// The rows of one table, header first.
fn table(f: &PublicFigures, name: &str) -> Option<Vec<Vec<String>>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let head = |cols: &[&str]| cols.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    match name {
        "bulanan" => {
            rows.push(head(&[
                "bulan",
                "pesanan_selesai",
                "nilai_rp",
                "pertumbuhan_persen",
                "bulan_berjalan",
            ]));
            let running = current_month(Utc::now());
            for (i, m) in f.months.iter().enumerate() {
                let open = m.key == running;
                let g = i
                    .checked_sub(1)
                    .and_then(|j| growth_pct(f.months[j].value, m.value))
                    .filter(|_| !open)
                    .map(|g| format!("{g:.1}"))
                    .unwrap_or_default();
                rows.push(vec![
                    m.key.clone(),
                    m.orders.to_string(),
                    m.value.to_string(),
                    g,
                    if open { "ya" } else { "tidak" }.into(),
                ]);
            }
        }
        "kecamatan" => {
            rows.push(head(&["kecamatan", "pesanan_selesai", "nilai_rp"]));
            for k in &f.kecamatan {
                rows.push(vec![
                    safe_cell(&k.key),
                    k.orders.to_string(),
                    k.value.to_string(),
                ]);
            }
        }
        "toko" => {
            rows.push(head(&[
                "jenis",
                "mbr",
                "toko_terverifikasi",
                "pesanan_selesai",
                "nilai_rp",
            ]));
            for s in &f.shops {
                rows.push(vec![
                    s.kind.clone(),
                    if s.mbr { "ya" } else { "tidak" }.into(),
                    s.shops.to_string(),
                    s.orders.to_string(),
                    s.value.to_string(),
                ]);
            }
        }
        "pembeli" => {
            rows.push(head(&["jenis", "akun", "pesanan_selesai", "nilai_rp"]));
            for b in &f.buyers {
                rows.push(vec![
                    b.role.clone(),
                    b.accounts.to_string(),
                    b.orders.to_string(),
                    b.value.to_string(),
                ]);
            }
        }
        "keluhan" => {
            let c = &f.complaints;
            rows.push(head(&["ukuran", "nilai"]));
            for (k, v) in [
                ("terbuka", c.open),
                ("sedang_ditangani", c.in_progress),
                ("selesai", c.resolved),
                ("ditolak", c.rejected),
            ] {
                rows.push(vec![k.into(), v.to_string()]);
            }
            rows.push(vec![
                "median_jam_penyelesaian".into(),
                c.median_hours.map(|h| h.to_string()).unwrap_or_default(),
            ]);
        }
        _ => return None,
    }
    Some(rows)
}

/// The rows of one of the dashboard's own tables, header first.
fn city_table(f: &CityFigures, name: &str) -> Option<Vec<Vec<String>>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let head = |cols: &[&str]| cols.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    match name {
        "kategori" => {
            rows.push(head(&["kategori", "unit_terjual", "nilai_rp"]));
            for c in &f.categories {
                rows.push(vec![
                    safe_cell(&c.key),
                    c.orders.to_string(),
                    c.value.to_string(),
                ]);
            }
        }
        "toko-teratas" => {
            rows.push(head(&[
                "toko",
                "alamat_toko",
                "kecamatan",
                "pesanan_selesai",
                "nilai_rp",
            ]));
            for s in &f.top_shops {
                rows.push(vec![
                    safe_cell(&s.name),
                    paths::shop(&s.slug),
                    safe_cell(&s.kecamatan),
                    s.orders.to_string(),
                    s.value.to_string(),
                ]);
            }
        }
        "toko-sepi" => {
            rows.push(head(&[
                "toko",
                "alamat_toko",
                "kecamatan",
                "pesanan_terakhir_wib",
            ]));
            for s in &f.idle_shops {
                rows.push(vec![
                    safe_cell(&s.name),
                    paths::shop(&s.slug),
                    safe_cell(&s.kecamatan),
                    s.last_order.map(app::model::format_wib).unwrap_or_default(),
                ]);
            }
        }
        _ => return table(&f.public, name),
    }
    Some(rows)
}

/// A CSV download of `rows`.
fn csv_response(name: &str, rows: Vec<Vec<String>>, cache: &str) -> Response {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let _ = w.write_record(&row);
    }
    let body = w.into_inner().unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"peken-{name}.csv\""),
            ),
            (header::CACHE_CONTROL, cache.to_string()),
        ],
        body,
    )
        .into_response()
}

/// `GET /admin/data/{table}.csv`: admins only, never cached by others.
async fn admin_csv(
    State(state): State<AppState>,
    Path(file): Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let t = Locale::of_request(&parts.headers).texts();
    let viewer = parts.extensions.get::<Viewer>().cloned();
    match authorize(viewer.as_ref(), Action::ReadDashboard) {
        Ok(()) => {}
        Err(Denied::SignIn) => return see_other(&paths::sign_in_then(parts.uri.path())),
        Err(Denied::Forbidden) => {
            return (StatusCode::FORBIDDEN, t.error_forbidden).into_response()
        }
    }
    let Some(name) = file.strip_suffix(".csv") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if name == ASN_TABLE {
        let bulan = parts.uri.query().and_then(|q| {
            serde_urlencoded::from_str::<Vec<(String, String)>>(q)
                .ok()?
                .into_iter()
                .find(|(k, _)| k == "bulan")
                .map(|(_, v)| v)
        });
        return match app::api::city::ssr::programme_of(&state.store, bulan.as_deref(), Utc::now())
            .await
        {
            Ok(p) => csv_response(name, asn_table(&p), "private, no-store"),
            Err(app::model::AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
            Err(e) => {
                tracing::error!(error = ?e, "asn programme");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        };
    }
    if !TABLES.contains(&name) && !ADMIN_TABLES.contains(&name) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let window = state
        .store
        .setting_or(app::domain::fairness::IDLE_SHOP_DAYS, DASHBOARD_WINDOW_DAYS)
        .await;
    // The window's lists as the dashboard shows them (read at most once a minute).
    let f = match async {
        state
            .store
            .city_figures_recent(Utc::now(), window?, app::api::figures::WINDOW_MAX_AGE)
            .await
    }
    .await
    {
        Ok(f) => f,
        Err(e) => {
            tracing::error!(error = %e, "city figures");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    csv_response(
        name,
        city_table(&f, name).unwrap_or_default(),
        "private, no-store",
    )
}

/// `GET /transparansi/{table}.csv`
async fn csv(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(name) = file.strip_suffix(".csv") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !TABLES.contains(&name) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let f = match figures(&state).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    csv_response(name, table(&f, name).unwrap_or_default(), CACHE)
}

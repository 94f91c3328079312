//! The transparency page's open data: every table as CSV and all of it as
//! JSON, with its source and licence. Aggregates only (the same figures the
//! page shows); nobody's name, number or address is in them.

use super::merchant::safe_cell;
use app::{
    model::figures::{current_month, growth_pct, PublicFigures, LICENCE_URL},
    server::AppState,
};
use axum::{
    extract::{Path, State},
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
}

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
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in table(&f, name).unwrap_or_default() {
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
            (header::CACHE_CONTROL, CACHE.to_string()),
        ],
        body,
    )
        .into_response()
}

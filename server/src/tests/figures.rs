//! The transparency page and its open data: the store's figures, drawn on
//! the server, downloadable, and free of any person's data.

use super::TestApp;
use app::server::demo::{self, DemoSize};
use axum::http::StatusCode;

/// Every personal value of the demo's people: names, emails, phones (both
/// ways of writing them), NIPs, delivery recipients and addresses.
fn personal_values(d: &demo::DemoData) -> Vec<String> {
    let mut v = Vec::new();
    let phone = |p: &str, v: &mut Vec<String>| {
        v.push(p.to_string());
        if let Some(local) = p.strip_prefix("+62") {
            v.push(format!("0{local}"));
        }
    };
    for u in &d.users {
        v.push(u.name.clone());
        v.push(u.email.clone());
        phone(&u.phone, &mut v);
        v.extend(u.nip.clone());
    }
    for s in &d.shops {
        v.push(s.address.clone());
        phone(&s.phone, &mut v);
    }
    for g in &d.groups {
        v.push(g.recipient.clone());
        v.push(g.address.clone());
        phone(&g.phone, &mut v);
    }
    v.sort();
    v.dedup();
    v
}

#[tokio::test]
async fn transparency_publishes_the_figures_and_nobodys_data() {
    let d = demo::generate(11, DemoSize::SMALL, chrono::Utc::now());
    let personal = personal_values(&d);
    assert!(personal.len() > 300, "{} values", personal.len());
    let t = TestApp::new(Some(d)).await;
    let stats = t.store.market_stats().await.unwrap();
    let figures = t.store.public_figures().await.unwrap();

    let (status, page) = t.get("/transparansi").await;
    assert_eq!(status, StatusCode::OK);
    // Four charts drawn on the server, each with its title; tables beside.
    assert_eq!(
        page.matches("role=\"img\" aria-labelledby=\"grafik-")
            .count(),
        4,
        "four charts"
    );
    assert_eq!(page.matches("class=\"chart\"").count(), 4);
    assert!(page.contains("<title id=\"grafik-bulanan-judul\">"));
    assert_eq!(page.matches("id=\"tabel-").count(), 5, "five tables");
    assert!(page.contains("CC BY 4.0"));
    assert!(
        page.contains(&app::model::format_rupiah(stats.completed_value)),
        "the page shows the same total as the home page"
    );

    let mut bodies = vec![("/transparansi".to_string(), page)];
    for path in ["/api/transparansi", "/transparansi/data.json"] {
        let (status, body) = t.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        bodies.push((path.to_string(), body));
    }
    let json: serde_json::Value = serde_json::from_str(&bodies[2].1).unwrap();
    assert_eq!(json["lisensi"], "CC BY 4.0");
    assert_eq!(json["angka"]["total"]["value"], stats.completed_value);
    for table in crate::web::open_data::TABLES {
        let path = format!("/transparansi/{table}.csv");
        let (status, body) = t.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        bodies.push((path, body));
    }
    // The kecamatan table adds up to the total; every kecamatan is a row.
    let kec = &bodies
        .iter()
        .find(|b| b.0.ends_with("kecamatan.csv"))
        .unwrap()
        .1;
    let rows: Vec<Vec<&str>> = kec
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), 31);
    let sum: i64 = rows.iter().map(|r| r[2].parse::<i64>().unwrap()).sum();
    assert_eq!(sum, figures.total.value);
    let months = &bodies
        .iter()
        .find(|b| b.0.ends_with("bulanan.csv"))
        .unwrap()
        .1;
    let month_sum: i64 = months
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap().parse::<i64>().unwrap())
        .sum();
    assert_eq!(month_sum, figures.total.value);

    for (path, body) in &bodies {
        let leaked: Vec<_> = personal
            .iter()
            .filter(|p| body.contains(p.as_str()))
            .collect();
        assert!(leaked.is_empty(), "{path} shows personal data: {leaked:?}");
    }
    assert_eq!(
        t.get("/transparansi/pengguna.csv").await.0,
        StatusCode::NOT_FOUND
    );
}

/// `GET path` with a session cookie: the status and the body as text.
async fn get_as(t: &TestApp, path: &str, cookie: &str) -> (StatusCode, String) {
    use axum::body::{to_bytes, Body};
    use tower::ServiceExt;
    let res = t
        .app
        .clone()
        .oneshot(
            axum::http::Request::get(path)
                .header(axum::http::header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = res.status();
    let body = to_bytes(res.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// The city's dashboard shows the public figures exactly (same numbers in
/// the page and in every shared CSV) and its own tables, and downloads
/// them all.
#[tokio::test]
async fn the_dashboard_agrees_with_the_public_figures() {
    let d = demo::generate(12, DemoSize::SMALL, chrono::Utc::now());
    let officer = d
        .users
        .iter()
        .find(|u| u.role == app::model::Role::Admin)
        .expect("the demo has a city officer")
        .id;
    let t = TestApp::new(Some(d)).await;
    let cookie = super::session_cookie(&t.store, officer).await;

    let (status, public) = t.get("/api/transparansi").await;
    assert_eq!(status, StatusCode::OK);
    let (status, city) = get_as(&t, "/api/admin/angka", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    let public: serde_json::Value = serde_json::from_str(&public).unwrap();
    let city: serde_json::Value = serde_json::from_str(&city).unwrap();
    assert_eq!(city[0]["public"], public[0], "the same figures");
    assert!(city[0]["categories"].as_array().unwrap().len() >= 5);

    let (status, page) = get_as(&t, "/admin", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    let (_, public_page) = t.get("/transparansi").await;
    // Every number of the public tables is on the dashboard, cell by cell.
    let cells = |html: &str, table: &str| -> Vec<String> {
        let start = html.find(&format!("id=\"tabel-{table}\"")).unwrap();
        let end = start + html[start..].find("</table>").unwrap();
        html[start..end]
            .split("<td")
            .skip(1)
            .map(|c| c[c.find('>').unwrap() + 1..c.find("</td>").unwrap()].to_string())
            .collect()
    };
    for table in crate::web::open_data::TABLES {
        let (a, b) = (cells(&page, table), cells(&public_page, table));
        assert!(!a.is_empty(), "{table} has numbers");
        assert_eq!(a, b, "{table}: the dashboard and /transparansi agree");
        let (status, admin_csv) = get_as(&t, &format!("/admin/data/{table}.csv"), &cookie).await;
        assert_eq!(status, StatusCode::OK);
        let (_, public_csv) = t.get(&format!("/transparansi/{table}.csv")).await;
        assert_eq!(admin_csv, public_csv, "{table}.csv");
    }
    for table in crate::web::open_data::ADMIN_TABLES {
        assert!(
            page.contains(&format!("/admin/data/{table}.csv")),
            "{table} links its CSV"
        );
        let (status, body) = get_as(&t, &format!("/admin/data/{table}.csv"), &cookie).await;
        assert_eq!(status, StatusCode::OK, "{table}");
        let want = match table {
            "kategori" => city[0]["categories"].as_array().unwrap().len(),
            "toko-teratas" => city[0]["top_shops"].as_array().unwrap().len(),
            _ => city[0]["idle_shops"].as_array().unwrap().len(),
        };
        assert_eq!(
            body.lines().count(),
            want + 1,
            "{table}: a header and its rows"
        );
    }
    // The category table adds up to what the completed orders' lines hold.
    let (_, cats) = get_as(&t, "/admin/data/kategori.csv", &cookie).await;
    let sum: i64 = cats
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap().parse::<i64>().unwrap())
        .sum();
    let lines = t
        .store
        .count(
            "SELECT CAST(COALESCE(SUM(i.line_total), 0) AS BIGINT) FROM order_items i \
             JOIN orders o ON o.id = i.order_id WHERE o.status = 'selesai'",
        )
        .await
        .unwrap();
    assert_eq!(sum, lines);
    // Nobody else downloads the city's tables.
    assert_eq!(
        t.get("/admin/data/kategori.csv").await.0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        get_as(&t, "/admin/data/pengguna.csv", &cookie).await.0,
        StatusCode::NOT_FOUND
    );
}

/// The ASN programme page: every OPD with its totals, against the target;
/// no ASN's name, email, phone or NIP anywhere on it; the spend of groups
/// too small to hide one person withheld.
#[tokio::test]
async fn the_asn_programme_shows_totals_and_nobodys_purchases() {
    let d = demo::generate(13, DemoSize::SMALL, chrono::Utc::now());
    let officer = d
        .users
        .iter()
        .find(|u| u.role == app::model::Role::Admin)
        .expect("the demo has a city officer")
        .id;
    let asn: Vec<String> = d
        .users
        .iter()
        .filter(|u| u.role == app::model::Role::Asn)
        .flat_map(|u| {
            let mut v = vec![u.name.clone(), u.email.clone(), u.phone.clone()];
            v.extend(u.nip.clone());
            v
        })
        .collect();
    assert!(!asn.is_empty());
    let t = TestApp::new(Some(d)).await;
    let cookie = super::session_cookie(&t.store, officer).await;
    let (status, json) = get_as(&t, "/api/admin/asn", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    let p: serde_json::Value = serde_json::from_str(&json).unwrap();
    let months = p["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    let mut seen_buyers = false;
    for m in months {
        let m = m.as_str().unwrap();
        let (status, json) = get_as(&t, &format!("/api/admin/asn?bulan={m}"), &cookie).await;
        assert_eq!(status, StatusCode::OK, "{m}");
        let p: serde_json::Value = serde_json::from_str(&json).unwrap();
        let rows = p["rows"].as_array().unwrap();
        assert_eq!(rows.len(), app::server::store::reference::opd().len());
        let mut shown = 0;
        for r in rows {
            let buyers = r["buyers"].as_i64().unwrap();
            seen_buyers |= buyers > 0;
            if (1..3).contains(&buyers) {
                assert!(r["spend"].is_null(), "{m}: {r}");
            }
            if let Some(v) = r["spend"].as_i64() {
                shown += v;
            }
            assert_eq!(
                r["meets"].as_bool().unwrap(),
                r["asn"].as_i64().unwrap() > 0
                    && buyers * 100
                        >= p["target_percent"].as_i64().unwrap() * r["asn"].as_i64().unwrap()
            );
        }
        // What is withheld is never one person's: the total less the rows
        // shown is zero or the spend of three or more buyers.
        if let Some(total) = p["total"]["spend"].as_i64() {
            let hidden_buyers: i64 = rows
                .iter()
                .filter(|r| r["spend"].is_null())
                .map(|r| r["buyers"].as_i64().unwrap())
                .sum();
            assert!(total == shown || hidden_buyers >= 3, "{m}");
        }
        // Its CSV: a row per OPD and the total, the same withholding.
        let (status, csv) =
            get_as(&t, &format!("/admin/data/asn-opd.csv?bulan={m}"), &cookie).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            csv.lines().count(),
            rows.len() + 2,
            "{m}: header, OPDs, total"
        );
        for (line, r) in csv.lines().skip(1).zip(rows) {
            let spend = line.rsplit(',').next().unwrap();
            match r["spend"].as_i64() {
                Some(v) => assert_eq!(spend, v.to_string()),
                None => assert_eq!(spend, "", "{m}: withheld in the CSV too"),
            }
        }
        for v in &asn {
            assert!(!csv.contains(v.as_str()), "{m}: {v} is in the CSV");
        }
        let (status, page) = get_as(&t, &format!("/admin/asn?bulan={m}"), &cookie).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("id=\"tabel-asn\""));
        for v in &asn {
            assert!(!page.contains(v.as_str()), "{m}: {v} is on the page");
            assert!(!json.contains(v.as_str()), "{m}: {v} is in the data");
        }
    }
    assert!(seen_buyers, "the demo's ASN bought in the last year");
}

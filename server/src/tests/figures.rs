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

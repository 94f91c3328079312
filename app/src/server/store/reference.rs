//! Reference data shipped as CSV in `data/`: Surabaya's kecamatan, the OPD
//! list ASN choose from, and the product categories.

use super::{on_pool, BeginWrite, Store, StoreResult};

const KECAMATAN_CSV: &str = include_str!("../../../../data/surabaya_kecamatan.csv");
const OPD_CSV: &str = include_str!("../../../../data/opd_surabaya.csv");
const CATEGORIES_CSV: &str = include_str!("../../../../data/categories.csv");

/// Rows of a simple CSV (no quoting) after its header, each split into
/// exactly `columns` trimmed fields. Panics on malformed shipped data, which
/// the unit tests below catch before it ships.
fn rows(csv: &str, columns: usize) -> Vec<Vec<&str>> {
    csv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let fields: Vec<&str> = l.split(',').map(str::trim).collect();
            assert_eq!(fields.len(), columns, "bad reference row: {l}");
            fields
        })
        .collect()
}

/// Surabaya's kecamatan with their wilayah (Pusat, Utara, ...).
pub fn kecamatan() -> Vec<(&'static str, &'static str)> {
    rows(KECAMATAN_CSV, 2)
        .into_iter()
        .map(|r| (r[0], r[1]))
        .collect()
}

/// The OPD (city departments) an ASN buyer belongs to.
pub fn opd() -> Vec<&'static str> {
    rows(OPD_CSV, 1).into_iter().map(|r| r[0]).collect()
}

/// Product categories as (slug, name), in display order.
pub fn categories() -> Vec<(&'static str, &'static str)> {
    rows(CATEGORIES_CSV, 2)
        .into_iter()
        .map(|r| (r[0], r[1]))
        .collect()
}

impl Store {
    /// Inserts reference rows that are not there yet; never changes existing ones.
    pub(super) async fn load_reference_data(&self) -> StoreResult<()> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            for (name, wilayah) in kecamatan() {
                sqlx::query("INSERT INTO kecamatan (name, wilayah) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
                    .bind(name).bind(wilayah).execute(&mut *tx).await?;
            }
            for name in opd() {
                sqlx::query("INSERT INTO opd (name) VALUES ($1) ON CONFLICT (name) DO NOTHING")
                    .bind(name).execute(&mut *tx).await?;
            }
            for (i, (slug, name)) in categories().into_iter().enumerate() {
                sqlx::query("INSERT INTO categories (slug, name, sort_order) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING")
                    .bind(slug).bind(name).bind(i as i64).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Kecamatan names in alphabetical order.
    pub async fn kecamatan_names(&self) -> StoreResult<Vec<String>> {
        let sql = "SELECT name FROM kecamatan ORDER BY name";
        Ok(on_pool!(self, p => sqlx::query_scalar(sql).fetch_all(p).await?))
    }

    /// OPD (department) names with ids, alphabetical.
    pub async fn opd_list(&self) -> StoreResult<Vec<(i64, String)>> {
        let sql = "SELECT id, name FROM opd ORDER BY name";
        Ok(on_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn surabaya_has_31_kecamatan_in_5_wilayah() {
        let k = kecamatan();
        assert_eq!(k.len(), 31);
        let names: HashSet<_> = k.iter().map(|(n, _)| *n).collect();
        assert_eq!(names.len(), 31, "kecamatan names are unique");
        let wilayah: HashSet<_> = k.iter().map(|(_, w)| *w).collect();
        assert_eq!(
            wilayah,
            HashSet::from(["Pusat", "Utara", "Timur", "Selatan", "Barat"])
        );
        assert!(names.contains("Tegalsari") && names.contains("Pabean Cantian"));
    }

    #[test]
    fn opd_and_categories_are_unique_and_non_empty() {
        let o = opd();
        assert!(o.len() >= 20);
        assert_eq!(o.iter().collect::<HashSet<_>>().len(), o.len());
        let c = categories();
        assert!(c.iter().any(|(s, _)| *s == "sembako"));
        assert!(c.iter().any(|(s, _)| *s == "batik"));
        assert_eq!(
            c.iter().map(|(s, _)| s).collect::<HashSet<_>>().len(),
            c.len()
        );
        assert!(c
            .iter()
            .all(|(s, _)| s.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-')));
    }
}

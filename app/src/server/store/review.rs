//! The city's verification queue: lists of shops by state, one shop with
//! its history, and the decisions (each audited in its own transaction).

use super::{on_pool, BeginWrite, Store, StoreResult};
use crate::domain::review::ShopDecision;
use crate::model::review::{DecisionLine, ReviewList, ReviewRow, ShopReview};
use chrono::{DateTime, Utc};

/// Why a decision was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyRefusal {
    NotFound,
    /// The shop is no longer in the state the decision applies to
    /// (someone else decided first).
    Stale {
        status: String,
    },
    /// The shop moved since the admin read it (the owner filed changes, or
    /// another decision came and went): read it again before deciding.
    Changed,
}

const ROW: &str =
    "SELECT s.id, s.name, s.kind, s.is_mbr, k.name AS kecamatan, u.name AS owner_name, \
     s.status_reason, COALESCE(s.submitted_at, s.created_at) AS submitted_at \
     FROM shops s JOIN kecamatan k ON k.id = s.kecamatan_id JOIN users u ON u.id = s.owner_id";

#[derive(sqlx::FromRow)]
struct ReviewRecord {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    is_mbr: bool,
    mbr_number: Option<String>,
    owner_nik: Option<String>,
    owner_name: String,
    owner_email: Option<String>,
    owner_phone: Option<String>,
    kecamatan: String,
    kelurahan: String,
    address: String,
    lat: Option<f64>,
    lng: Option<f64>,
    phone: Option<String>,
    open_hours: String,
    description: String,
    delivers: bool,
    bank_name: Option<String>,
    bank_account: Option<String>,
    bank_holder: Option<String>,
    photo_key: Option<String>,
    status: String,
    status_reason: Option<String>,
    may_refile: bool,
    submitted_at: DateTime<Utc>,
    product_count: i64,
    review_seq: i64,
}

impl Store {
    /// A page of one list of the queue, oldest filing first.
    pub async fn review_list(
        &self,
        list: ReviewList,
        offset: i64,
        limit: i64,
    ) -> StoreResult<Vec<ReviewRow>> {
        let (status, refile) = list.state();
        let filter = if refile.is_some() {
            "s.status = $1 AND s.may_refile = $2"
        } else {
            "s.status = $1 AND $2 IS NULL"
        };
        let sql = format!("{ROW} WHERE {filter} ORDER BY s.submitted_at, s.id LIMIT $3 OFFSET $4");
        Ok(on_pool!(self, p => sqlx::query_as(&sql)
            .bind(status).bind(refile).bind(limit).bind(offset).fetch_all(p).await?))
    }

    /// How many shops each list holds.
    pub async fn review_counts(&self) -> StoreResult<Vec<(ReviewList, i64)>> {
        let rows: Vec<(String, bool, i64)> = on_pool!(self, p => sqlx::query_as(
            "SELECT status, may_refile, COUNT(*) FROM shops GROUP BY status, may_refile")
            .fetch_all(p).await?);
        Ok(ReviewList::ALL
            .into_iter()
            .map(|l| {
                let (status, refile) = l.state();
                let n = rows
                    .iter()
                    .filter(|(s, r, _)| s == status && refile.is_none_or(|want| *r == want))
                    .map(|r| r.2)
                    .sum();
                (l, n)
            })
            .collect())
    }

    /// A shop's filings and decisions, newest first.
    pub async fn shop_history(&self, shop_id: i64) -> StoreResult<Vec<DecisionLine>> {
        Ok(on_pool!(self, p => sqlx::query_as(
            "SELECT a.id, a.created_at AS at, a.action, a.detail, u.name AS actor \
             FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id \
             WHERE a.target_type = 'shop' AND a.target_id = $1 AND a.action LIKE 'shop.%' \
             ORDER BY a.id DESC LIMIT 50")
            .bind(shop_id).fetch_all(p).await?))
    }

    /// One shop as the reviewing admin sees it, with its history.
    pub async fn shop_review(
        &self,
        shop_id: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<ShopReview>> {
        let r: Option<ReviewRecord> = on_pool!(self, p => sqlx::query_as(
            "SELECT s.id, s.slug, s.name, s.kind, s.is_mbr, s.mbr_number, s.owner_nik, u.name AS owner_name, \
             u.email AS owner_email, u.phone AS owner_phone, k.name AS kecamatan, s.kelurahan, s.address, \
             s.lat, s.lng, s.phone, s.open_hours, s.description, s.delivers, s.bank_name, s.bank_account, \
             s.bank_holder, s.photo_key, s.status, s.status_reason, s.may_refile, \
             COALESCE(s.submitted_at, s.created_at) AS submitted_at, s.product_count, s.review_seq \
             FROM shops s JOIN kecamatan k ON k.id = s.kecamatan_id JOIN users u ON u.id = s.owner_id \
             WHERE s.id = $1")
            .bind(shop_id).fetch_optional(p).await?);
        let Some(r) = r else { return Ok(None) };
        let history = self.shop_history(shop_id).await?;
        Ok(Some(ShopReview {
            id: r.id,
            slug: r.slug,
            name: r.name,
            kind: r.kind,
            is_mbr: r.is_mbr,
            mbr_number: r.mbr_number,
            owner_nik: r.owner_nik,
            owner_name: r.owner_name,
            owner_email: r.owner_email,
            owner_phone: r.owner_phone,
            kecamatan: r.kecamatan,
            kelurahan: r.kelurahan,
            address: r.address,
            pin: r.lat.zip(r.lng),
            phone: r.phone,
            open_hours: r.open_hours,
            description: r.description,
            delivers: r.delivers,
            bank_name: r.bank_name,
            bank_account: r.bank_account,
            bank_holder: r.bank_holder,
            photo: r.photo_key.map(|k| format!("/media/{k}")),
            status: r.status,
            status_reason: r.status_reason,
            may_refile: r.may_refile,
            submitted_at: r.submitted_at,
            product_count: r.product_count,
            history,
            seen: r.review_seq,
            now,
        }))
    }

    /// The city's decision on a shop, audited (who, when, why) in the same
    /// transaction. `seen` is the shop's `review_seq` the admin read
    /// (`None`: the operator's command line, which decides on the current
    /// record). A decision on a shop in another state, or one that moved
    /// since it was read, is refused and changes nothing.
    pub async fn decide_shop(
        &self,
        shop_id: i64,
        decision: ShopDecision,
        reason: Option<&str>,
        seen: Option<i64>,
        actor_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), VerifyRefusal>> {
        let (from, to) = (decision.from().as_str(), decision.to().as_str());
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let current: Option<(String, i64)> =
                sqlx::query_as("SELECT status, review_seq FROM shops WHERE id = $1")
                    .bind(shop_id).fetch_optional(&mut *tx).await?;
            let Some((status, seq)) = current else { return Ok(Err(VerifyRefusal::NotFound)) };
            if status != from {
                return Ok(Err(VerifyRefusal::Stale { status }));
            }
            let seen = seen.unwrap_or(seq);
            if seq != seen {
                return Ok(Err(VerifyRefusal::Changed));
            }
            // The WHERE re-checks both on the row as it is when the update
            // runs (on PostgreSQL a concurrent filing or decision that
            // committed first makes this match nothing).
            let n = sqlx::query(
                "UPDATE shops SET status = $1, status_reason = $2, may_refile = $3, \
                 review_seq = review_seq + 1, \
                 verified_at = CASE WHEN $1 = 'verified' THEN COALESCE(verified_at, $4) ELSE verified_at END \
                 WHERE id = $5 AND status = $6 AND review_seq = $7")
                .bind(to).bind(reason).bind(decision.may_refile()).bind(now).bind(shop_id)
                .bind(from).bind(seen)
                .execute(&mut *tx).await?.rows_affected();
            if n != 1 {
                return Ok(Err(VerifyRefusal::Changed));
            }
            sqlx::query(
                "INSERT INTO audit_events (actor_id, action, target_type, target_id, detail, ip, created_at) \
                 VALUES ($1, $2, 'shop', $3, $4, NULL, $5)")
                .bind(actor_id).bind(format!("shop.{}", decision.as_str())).bind(shop_id)
                .bind(reason).bind(now).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(Ok(()))
        })
    }
}

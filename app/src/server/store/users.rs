//! Users: buyers (ASN, umum), merchants and admins.

use super::{on_pool, Store, StoreError, StoreResult};
use crate::model::Role;
use chrono::{DateTime, Utc};

/// A user to create. The password arrives already hashed (argon2id PHC string).
#[derive(Debug, Clone)]
pub struct NewUser {
    pub role: Role,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub nip: Option<String>,
    pub opd_id: Option<i64>,
    pub password_hash: String,
}

/// What identifies a person at sign-in, and so may belong to one account only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identifier {
    Phone,
    Email,
    Nip,
}

impl Store {
    /// Creates a user and returns its id. A taken phone, email or NIP is
    /// reported as `StoreError::Taken` naming which one: the unique
    /// constraint refuses the row, then the store looks up which
    /// identifier is in use (database messages are never parsed).
    pub async fn create_user(&self, u: &NewUser, now: DateTime<Utc>) -> StoreResult<i64> {
        let sql =
            "INSERT INTO users (role, name, email, phone, nip, opd_id, password_hash, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
        let inserted: StoreResult<i64> = on_pool!(self, p => sqlx::query_scalar(sql)
            .bind(u.role.as_str()).bind(&u.name).bind(&u.email).bind(&u.phone)
            .bind(&u.nip).bind(u.opd_id).bind(&u.password_hash).bind(now)
            .fetch_one(p).await.map_err(StoreError::from));
        match inserted {
            Err(StoreError::Duplicate(cause)) => {
                let taken =
                    "SELECT CAST(COALESCE(MAX(CASE WHEN phone = $1 THEN 1 END), 0) AS BIGINT), \
                             CAST(COALESCE(MAX(CASE WHEN email = $2 THEN 1 END), 0) AS BIGINT), \
                             CAST(COALESCE(MAX(CASE WHEN nip = $3 THEN 1 END), 0) AS BIGINT) \
                             FROM users WHERE phone = $1 OR email = $2 OR nip = $3";
                let (phone, email, nip): (i64, i64, i64) = on_pool!(self, p => sqlx::query_as(taken)
                    .bind(&u.phone).bind(&u.email).bind(&u.nip).fetch_one(p).await?);
                Err(match (phone, email, nip) {
                    (1, _, _) => StoreError::Taken(Identifier::Phone),
                    (_, 1, _) => StoreError::Taken(Identifier::Email),
                    (_, _, 1) => StoreError::Taken(Identifier::Nip),
                    _ => StoreError::Duplicate(cause),
                })
            }
            other => other,
        }
    }

    /// The role of the user with this email, if any.
    pub async fn role_by_email(&self, email: &str) -> StoreResult<Option<Role>> {
        let sql = "SELECT role FROM users WHERE email = $1";
        let role: Option<String> =
            on_pool!(self, p => sqlx::query_scalar(sql).bind(email).fetch_optional(p).await?);
        Ok(role.as_deref().and_then(Role::parse))
    }

    /// Records something security-relevant that happened, with no client
    /// address (see `audit_from`).
    pub async fn audit(
        &self,
        actor_id: Option<i64>,
        action: &str,
        target: Option<(&str, i64)>,
        detail: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.audit_from(actor_id, action, target, detail, None, now)
            .await
    }

    /// How many audit events carry this action (used by tests and reports).
    pub async fn count_audit(&self, action: &str) -> StoreResult<i64> {
        let sql = "SELECT COUNT(*) FROM audit_events WHERE action = $1";
        Ok(on_pool!(self, p => sqlx::query_scalar(sql).bind(action).fetch_one(p).await?))
    }
}

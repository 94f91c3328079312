//! Accounts: sign-in lookups, sessions, rate-limit counters, addresses.

use super::{on_pool, BeginWrite, Store, StoreError, StoreResult};
use crate::model::{Address, AddressInput, LoginId, Role, Viewer};
use chrono::{DateTime, Utc};

/// What sign-in needs to know about an account.
#[derive(Clone)]
pub struct LoginRecord {
    pub id: i64,
    pub role: Role,
    pub name: String,
    pub password_hash: String,
    pub disabled: bool,
}

impl std::fmt::Debug for LoginRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRecord")
            .field("id", &self.id)
            .field("role", &self.role)
            .field("disabled", &self.disabled)
            .finish_non_exhaustive()
    }
}

/// A user's own details, for the profile page.
#[derive(Debug, Clone)]
pub struct Profile {
    pub viewer: Viewer,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub nip: Option<String>,
    pub opd: Option<String>,
}

/// A new session row. Only the token's hash is stored.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub token_hash: &'a [u8],
    pub user_id: i64,
    pub expires_at: DateTime<Utc>,
    pub user_agent: Option<&'a str>,
    pub ip: Option<&'a str>,
}

/// A live session found by its token hash.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub id: i64,
    pub viewer: Viewer,
    pub last_seen_at: DateTime<Utc>,
}

/// One audit-log line, newest first in listings.
#[derive(Debug, Clone)]
pub struct AuditRecord {
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub detail: Option<String>,
    pub ip: Option<String>,
}

type AddressRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<f64>,
    Option<f64>,
    bool,
);

fn address_from(r: AddressRow) -> Address {
    Address {
        id: r.0,
        label: r.1,
        recipient: r.2,
        phone: r.3,
        kecamatan: r.4,
        kelurahan: r.5,
        street: r.6,
        rt_rw: r.7,
        notes: r.8,
        lat: r.9,
        lng: r.10,
        is_default: r.11,
    }
}

const ADDRESS_COLUMNS: &str =
    "a.id, a.label, a.recipient, a.phone, k.name, a.kelurahan, a.street, \
     a.rt_rw, a.notes, a.lat, a.lng, a.is_default";

fn role_of(s: &str) -> StoreResult<Role> {
    Role::parse(s).ok_or_else(|| StoreError::Check(format!("unknown role {s}")))
}

impl Store {
    /// The account a sign-in identifier points at, if any.
    pub async fn login_record(&self, id: &LoginId) -> StoreResult<Option<LoginRecord>> {
        let (column, value) = match id {
            LoginId::Email(v) => ("email", v),
            LoginId::Phone(v) => ("phone", v),
            LoginId::Nip(v) => ("nip", v),
        };
        let sql = format!(
            "SELECT id, role, name, password_hash, disabled_at IS NOT NULL FROM users WHERE {column} = $1"
        );
        let row: Option<(i64, String, String, String, bool)> =
            on_pool!(self, p => sqlx::query_as(&sql).bind(value).fetch_optional(p).await?);
        row.map(|(id, role, name, password_hash, disabled)| {
            Ok(LoginRecord {
                id,
                role: role_of(&role)?,
                name,
                password_hash,
                disabled,
            })
        })
        .transpose()
    }

    /// The stored password hash of a user.
    pub async fn password_hash(&self, user_id: i64) -> StoreResult<String> {
        let sql = "SELECT password_hash FROM users WHERE id = $1";
        Ok(on_pool!(self, p => sqlx::query_scalar(sql).bind(user_id).fetch_one(p).await?))
    }

    /// Replaces a user's password hash.
    pub async fn set_password(
        &self,
        user_id: i64,
        hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let sql = "UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3";
        let n = on_pool!(self, p => sqlx::query(sql).bind(hash).bind(now).bind(user_id).execute(p).await?.rows_affected());
        if n == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    /// Changes a user's role; returns the previous one.
    pub async fn set_role(&self, user_id: i64, role: Role) -> StoreResult<Role> {
        let old: String = on_pool!(self, p => sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
            .bind(user_id).fetch_one(p).await?);
        on_pool!(self, p => {
            sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
                .bind(role.as_str()).bind(user_id).execute(p).await?;
        });
        role_of(&old)
    }

    /// The id of the user with this email, if any.
    pub async fn user_id_by_email(&self, email: &str) -> StoreResult<Option<i64>> {
        let sql = "SELECT id FROM users WHERE email = $1";
        Ok(on_pool!(self, p => sqlx::query_scalar(sql).bind(email).fetch_optional(p).await?))
    }

    /// A user's own details.
    pub async fn profile(&self, user_id: i64) -> StoreResult<Profile> {
        let sql = "SELECT u.id, u.role, u.name, u.email, u.phone, u.nip, o.name \
                   FROM users u LEFT JOIN opd o ON o.id = u.opd_id WHERE u.id = $1";
        #[allow(clippy::type_complexity)]
        let r: (
            i64,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = on_pool!(self, p => sqlx::query_as(sql).bind(user_id).fetch_one(p).await?);
        Ok(Profile {
            viewer: Viewer {
                id: r.0,
                role: role_of(&r.1)?,
                name: r.2,
            },
            email: r.3,
            phone: r.4,
            nip: r.5,
            opd: r.6,
        })
    }

    /// Stores a new session.
    pub async fn create_session(&self, s: &NewSession<'_>, now: DateTime<Utc>) -> StoreResult<i64> {
        let sql = "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip) \
                   VALUES ($1, $2, $3, $3, $4, $5, $6) RETURNING id";
        Ok(on_pool!(self, p => sqlx::query_scalar(sql)
            .bind(s.token_hash).bind(s.user_id).bind(now).bind(s.expires_at)
            .bind(s.user_agent).bind(s.ip).fetch_one(p).await?))
    }

    /// The live session with this token hash: not revoked, not expired, not
    /// idle since before `idle_cutoff`, and its user not disabled.
    pub async fn live_session(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
        idle_cutoff: DateTime<Utc>,
    ) -> StoreResult<Option<SessionRecord>> {
        let sql = "SELECT s.id, u.id, u.role, u.name, s.last_seen_at FROM sessions s \
                   JOIN users u ON u.id = s.user_id \
                   WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
                   AND s.last_seen_at > $3 AND u.disabled_at IS NULL";
        let row: Option<(i64, i64, String, String, DateTime<Utc>)> = on_pool!(self, p => sqlx::query_as(sql)
            .bind(token_hash).bind(now).bind(idle_cutoff).fetch_optional(p).await?);
        row.map(|(sid, uid, role, name, last_seen_at)| {
            Ok(SessionRecord {
                id: sid,
                viewer: Viewer {
                    id: uid,
                    role: role_of(&role)?,
                    name,
                },
                last_seen_at,
            })
        })
        .transpose()
    }

    /// Marks a session as used now (keeps it from idling out).
    pub async fn touch_session(&self, session_id: i64, now: DateTime<Utc>) -> StoreResult<()> {
        on_pool!(self, p => {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
                .bind(now).bind(session_id).execute(p).await?;
        });
        Ok(())
    }

    /// Revokes the session with this token hash; returns its user, if it was live.
    pub async fn revoke_session(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<i64>> {
        let sql = "UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL RETURNING user_id";
        Ok(
            on_pool!(self, p => sqlx::query_scalar(sql).bind(now).bind(token_hash).fetch_optional(p).await?),
        )
    }

    /// Revokes every live session of a user except `keep`; returns how many.
    pub async fn revoke_user_sessions(
        &self,
        user_id: i64,
        keep: Option<i64>,
        now: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let sql = "UPDATE sessions SET revoked_at = $1 \
                   WHERE user_id = $2 AND revoked_at IS NULL AND id <> $3";
        Ok(
            on_pool!(self, p => sqlx::query(sql).bind(now).bind(user_id).bind(keep.unwrap_or(-1))
            .execute(p).await?.rows_affected()),
        )
    }

    /// How many live (unrevoked, unexpired) sessions a user has.
    pub async fn live_session_count(&self, user_id: i64, now: DateTime<Utc>) -> StoreResult<i64> {
        let sql = "SELECT COUNT(*) FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2";
        Ok(on_pool!(self, p => sqlx::query_scalar(sql).bind(user_id).bind(now).fetch_one(p).await?))
    }

    /// Deletes sessions that expired or were revoked before `ended_before`,
    /// or were last used before `idle_before`, and rate-limit windows that
    /// started before `window_before` (Unix seconds).
    pub async fn purge_expired(
        &self,
        ended_before: DateTime<Utc>,
        idle_before: DateTime<Utc>,
        window_before: i64,
    ) -> StoreResult<u64> {
        let a = on_pool!(self, p => sqlx::query(
            "DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1 OR last_seen_at < $2")
            .bind(ended_before).bind(idle_before).execute(p).await?.rows_affected());
        let b = on_pool!(self, p => sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
            .bind(window_before).execute(p).await?.rows_affected());
        Ok(a + b)
    }

    /// Counts one hit in a fixed window of `window_secs` for `bucket`, in
    /// one atomic statement (shared by every instance). Returns the hits in
    /// the current window, this one included, and when that window started
    /// (Unix seconds).
    pub async fn hit_rate_limit(
        &self,
        bucket: &str,
        now_secs: i64,
        window_secs: i64,
    ) -> StoreResult<(i64, i64)> {
        let sql = "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
                   ON CONFLICT (bucket) DO UPDATE SET \
                     hits = CASE WHEN rate_limits.window_start <= $2 - $3 THEN 1 ELSE rate_limits.hits + 1 END, \
                     window_start = CASE WHEN rate_limits.window_start <= $2 - $3 THEN $2 ELSE rate_limits.window_start END \
                   RETURNING hits, window_start";
        Ok(
            on_pool!(self, p => sqlx::query_as(sql).bind(bucket).bind(now_secs).bind(window_secs)
            .fetch_one(p).await?),
        )
    }

    /// Records something security-relevant that happened, with the client address.
    pub async fn audit_from(
        &self,
        actor_id: Option<i64>,
        action: &str,
        target: Option<(&str, i64)>,
        detail: Option<&str>,
        ip: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let sql = "INSERT INTO audit_events (actor_id, action, target_type, target_id, detail, ip, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7)";
        on_pool!(self, p => {
            sqlx::query(sql)
                .bind(actor_id).bind(action).bind(target.map(|t| t.0)).bind(target.map(|t| t.1))
                .bind(detail).bind(ip).bind(now).execute(p).await?;
        });
        Ok(())
    }

    /// The newest audit events, at most `limit`.
    pub async fn recent_audit(&self, limit: i64) -> StoreResult<Vec<AuditRecord>> {
        let sql =
            "SELECT e.created_at, u.name, e.action, e.target_type, e.target_id, e.detail, e.ip \
                   FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id \
                   ORDER BY e.created_at DESC, e.id DESC LIMIT $1";
        #[allow(clippy::type_complexity)]
        let rows: Vec<(
            DateTime<Utc>,
            Option<String>,
            String,
            Option<String>,
            Option<i64>,
            Option<String>,
            Option<String>,
        )> = on_pool!(self, p => sqlx::query_as(sql).bind(limit).fetch_all(p).await?);
        Ok(rows
            .into_iter()
            .map(|r| AuditRecord {
                at: r.0,
                actor: r.1,
                action: r.2,
                target: r.3.map(|t| match r.4 {
                    Some(id) => format!("{t} #{id}"),
                    None => t,
                }),
                detail: r.5,
                ip: r.6,
            })
            .collect())
    }

    /// A user's saved addresses, default first.
    pub async fn addresses(&self, user_id: i64) -> StoreResult<Vec<Address>> {
        let sql = format!(
            "SELECT {ADDRESS_COLUMNS} FROM addresses a JOIN kecamatan k ON k.id = a.kecamatan_id \
             WHERE a.user_id = $1 ORDER BY a.is_default DESC, a.id"
        );
        let rows: Vec<AddressRow> =
            on_pool!(self, p => sqlx::query_as(&sql).bind(user_id).fetch_all(p).await?);
        Ok(rows.into_iter().map(address_from).collect())
    }

    /// One address, only if it belongs to `user_id` (otherwise `NotFound`).
    pub async fn address(&self, user_id: i64, id: i64) -> StoreResult<Address> {
        let sql = format!(
            "SELECT {ADDRESS_COLUMNS} FROM addresses a JOIN kecamatan k ON k.id = a.kecamatan_id \
             WHERE a.id = $1 AND a.user_id = $2"
        );
        let row: AddressRow =
            on_pool!(self, p => sqlx::query_as(&sql).bind(id).bind(user_id).fetch_one(p).await?);
        Ok(address_from(row))
    }

    /// Saves an address for `user_id`: a new one when `id` is `None`, else
    /// the user's own address `id` (someone else's is `NotFound`). An
    /// unknown kecamatan is `StoreError::Check`. Returns the address id.
    pub async fn save_address(
        &self,
        user_id: i64,
        id: Option<i64>,
        a: &AddressInput,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        let (lat, lng) = match a.pin {
            Some((lat, lng)) => (Some(lat), Some(lng)),
            None => (None, None),
        };
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let kecamatan_id: Option<i64> = sqlx::query_scalar("SELECT id FROM kecamatan WHERE name = $1")
                .bind(&a.kecamatan).fetch_optional(&mut *tx).await?;
            let Some(kecamatan_id) = kecamatan_id else {
                return Err(StoreError::Check(format!("unknown kecamatan {}", a.kecamatan)));
            };
            let first: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM addresses WHERE user_id = $1")
                .bind(user_id).fetch_one(&mut *tx).await?;
            // The first address is the default; a new default clears the old one.
            let is_default = a.is_default || (first == 0 && id.is_none());
            if is_default {
                sqlx::query("UPDATE addresses SET is_default = FALSE WHERE user_id = $1")
                    .bind(user_id).execute(&mut *tx).await?;
            }
            let saved: Option<i64> = match id {
                None => Some(sqlx::query_scalar(
                    "INSERT INTO addresses (user_id, label, recipient, phone, kecamatan_id, kelurahan, street, \
                     rt_rw, notes, lat, lng, is_default, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id")
                    .bind(user_id).bind(&a.label).bind(&a.recipient).bind(&a.phone).bind(kecamatan_id)
                    .bind(&a.kelurahan).bind(&a.street).bind(&a.rt_rw).bind(&a.notes).bind(lat).bind(lng)
                    .bind(is_default).bind(now).fetch_one(&mut *tx).await?),
                Some(id) => sqlx::query_scalar(
                    "UPDATE addresses SET label = $1, recipient = $2, phone = $3, kecamatan_id = $4, \
                     kelurahan = $5, street = $6, rt_rw = $7, notes = $8, lat = $9, lng = $10, \
                     is_default = CASE WHEN $11 THEN TRUE ELSE is_default END \
                     WHERE id = $12 AND user_id = $13 RETURNING id")
                    .bind(&a.label).bind(&a.recipient).bind(&a.phone).bind(kecamatan_id)
                    .bind(&a.kelurahan).bind(&a.street).bind(&a.rt_rw).bind(&a.notes).bind(lat).bind(lng)
                    .bind(is_default).bind(id).bind(user_id).fetch_optional(&mut *tx).await?,
            };
            let Some(saved) = saved else {
                return Err(StoreError::NotFound);
            };
            tx.commit().await?;
            Ok(saved)
        })
    }

    /// Deletes the user's own address `id` (someone else's is `NotFound`).
    /// If it was the default, the oldest remaining address becomes default.
    pub async fn delete_address(&self, user_id: i64, id: i64) -> StoreResult<()> {
        on_pool!(self, p => {
            let mut tx = p.begin_write().await?;
            let was_default: Option<bool> = sqlx::query_scalar(
                "DELETE FROM addresses WHERE id = $1 AND user_id = $2 RETURNING is_default")
                .bind(id).bind(user_id).fetch_optional(&mut *tx).await?;
            match was_default {
                None => return Err(StoreError::NotFound),
                Some(true) => {
                    sqlx::query("UPDATE addresses SET is_default = TRUE WHERE id = \
                                 (SELECT MIN(id) FROM addresses WHERE user_id = $1)")
                        .bind(user_id).execute(&mut *tx).await?;
                }
                Some(false) => {}
            }
            tx.commit().await?;
            Ok(())
        })
    }
}

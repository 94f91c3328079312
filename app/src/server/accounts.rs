//! Account flows: register, sign in, sign out, change password, addresses.
//!
//! Each flow checks its input and its caller, applies rate limits, writes
//! the audit log, and returns either what happened or an [`AppError`] that
//! the form can show (a [`Refusal`]: status, message, field errors).

use super::{
    auth::{hash_password, verify_password, PasswordHashString},
    passwords::check_new_password,
    session::{
        check_limit, hash_token, new_token, rate_key, wait_words, Client, Limit, RateLimits,
        SessionConfig,
    },
    store::{Identifier, NewSession, NewUser, StoreError},
    Store,
};
use crate::i18n::{fill, Texts};
use crate::model::{
    normalize_phone, parse_login_id, validate_email, validate_name, validate_nip, AddressForm,
    AppError, FieldErrors, LoginId, Refusal, RegisterForm, RegisterKind, Role, Viewer,
};

/// Rate limited: 429 with how long to wait.
pub(crate) fn too_many(retry: u64, t: &Texts) -> AppError {
    Refusal {
        status: 429,
        message: Some(fill(t.too_many, &[("wait", &wait_words(retry, t))])),
        retry_after: Some(retry),
        ..Default::default()
    }
    .into()
}

/// Everything the account flows use.
#[derive(Clone)]
pub struct Accounts {
    pub store: Store,
    pub sessions: SessionConfig,
    pub limits: RateLimits,
}

/// A new session to hand to the browser.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub viewer: Viewer,
    /// The cookie value to set (the token); never stored.
    pub token: String,
}

/// How long a request waits for a turn at password hashing before it is
/// told the server is busy.
const HASH_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// argon2 takes 19 MiB and tens of milliseconds per password: at most one
/// runs per core at a time, so a burst of sign-ins queues instead of
/// growing the process by 19 MiB a request.
fn hashing_turns() -> &'static tokio::sync::Semaphore {
    static TURNS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    TURNS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cores)
    })
}

/// Runs password work (argon2) off the async threads, one per core at most.
/// Waiting longer than [`HASH_WAIT`] for a turn answers 503.
async fn hashing<T: Send + 'static>(
    t: &Texts,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let turn = tokio::time::timeout(HASH_WAIT, hashing_turns().acquire())
        .await
        .map_err(|_| {
            tracing::warn!("password hashing queue full; answering 503");
            AppError::from(Refusal {
                status: 503,
                message: Some(t.error_busy.into()),
                retry_after: Some(5),
                ..Default::default()
            })
        })?
        .map_err(|_| AppError::Internal)?;
    let out = tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| AppError::Internal)?;
    drop(turn);
    Ok(out)
}

async fn hash_blocking(password: String, t: &Texts) -> Result<PasswordHashString, AppError> {
    hashing(t, move || hash_password(&password)).await
}

async fn verify_blocking(password: String, hash: String, t: &Texts) -> Result<bool, AppError> {
    hashing(t, move || {
        verify_password(&password, &PasswordHashString::from_stored(hash))
    })
    .await
}

/// A valid hash of a random password: checked against when the account
/// does not exist, so the answer takes as long either way.
fn dummy_hash() -> String {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_password(&new_token().0).as_str().to_string())
        .clone()
}

impl Accounts {
    async fn limit(&self, bucket: String, limit: Limit, c: &Client) -> Result<(), AppError> {
        match check_limit(&self.store, &bucket, limit, c.now).await? {
            Ok(()) => Ok(()),
            Err(retry) => Err(too_many(retry, c.t)),
        }
    }

    async fn audit(&self, actor: Option<i64>, action: &str, detail: Option<&str>, c: &Client) {
        if let Err(e) = self
            .store
            .audit_from(
                actor,
                action,
                actor.map(|id| ("user", id)),
                detail,
                Some(&c.ip),
                c.now,
            )
            .await
        {
            tracing::error!(error = %e, action, "audit write failed");
        }
    }

    /// Starts a new session for `viewer`, ending the one the client had
    /// (the token rotates at every sign-in).
    async fn start_session(&self, viewer: Viewer, c: &Client) -> Result<SignedIn, AppError> {
        if let Some(old) = &c.token {
            self.store.revoke_session(&hash_token(old), c.now).await?;
        }
        let (token, hash) = new_token();
        self.store
            .create_session(
                &NewSession {
                    token_hash: &hash,
                    user_id: viewer.id,
                    expires_at: c.now + self.sessions.lifetime,
                    user_agent: c.user_agent.as_deref().map(|u| &u[..u.len().min(300)]),
                    ip: Some(&c.ip),
                },
                c.now,
            )
            .await?;
        Ok(SignedIn { viewer, token })
    }

    /// Creates a buyer (ASN or umum) or merchant account and signs it in.
    pub async fn register(&self, f: &RegisterForm, c: &Client) -> Result<SignedIn, AppError> {
        let t = c.t;
        self.limit(
            format!("register:ip:{}", rate_key(&c.ip)),
            self.limits.register_ip,
            c,
        )
        .await?;
        let Some(kind) = RegisterKind::parse(&f.jenis) else {
            return Err(Refusal::field("jenis", t.choose_account_kind, t).into());
        };
        let mut e = FieldErrors::new();
        let name = validate_name(&f.nama)
            .map_err(|m| e.insert("nama".into(), m.message(t)))
            .ok();
        let phone = normalize_phone(&f.hp)
            .map_err(|m| e.insert("hp".into(), m.message(t)))
            .ok();
        let email = validate_email(&f.email)
            .map_err(|m| e.insert("email".into(), m.message(t)))
            .ok()
            .flatten();
        let (mut nip, mut opd_id) = (None, None);
        if kind == RegisterKind::Asn {
            nip = validate_nip(&f.nip)
                .map_err(|m| e.insert("nip".into(), m.message(t)))
                .ok();
            let opds = self.store.opd_list().await?;
            opd_id = f
                .opd
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|id| opds.iter().any(|(o, _)| o == id));
            if opd_id.is_none() {
                e.insert("opd".into(), t.choose_opd_error.into());
            }
        }
        let personal = [phone.as_deref().unwrap_or(""), nip.as_deref().unwrap_or("")];
        if let Err(m) = check_new_password(f.sandi.as_str(), &personal) {
            e.insert("sandi".into(), m.message(t));
        } else if f.sandi != f.sandi2 {
            e.insert("sandi2".into(), t.passwords_differ.into());
        }
        if !e.is_empty() {
            return Err(Refusal::fields(e, t).into());
        }
        let (name, phone) = (name.unwrap_or_default(), phone.unwrap_or_default());
        let hash = hash_blocking(f.sandi.0.clone(), t).await?;
        let user = NewUser {
            role: kind.role(),
            name: name.clone(),
            email,
            phone: Some(phone),
            nip,
            opd_id,
            password_hash: hash.as_str().to_string(),
        };
        let id = match self.store.create_user(&user, c.now).await {
            Ok(id) => id,
            Err(StoreError::Taken(which)) => {
                // Saying "taken" tells a stranger this person is registered:
                // few such answers per address (see README, "Accounts").
                self.limit(
                    format!("register:taken:{}", rate_key(&c.ip)),
                    self.limits.register_taken_ip,
                    c,
                )
                .await?;
                let (field, taken) = match which {
                    Identifier::Nip => ("nip", t.taken_nip),
                    Identifier::Email => ("email", t.taken_email),
                    Identifier::Phone => ("hp", t.taken_phone),
                };
                return Err(Refusal::field(field, taken, t).with_status(409).into());
            }
            Err(e) => return Err(e.into()),
        };
        self.audit(
            Some(id),
            "account.registered",
            Some(kind.role().as_str()),
            c,
        )
        .await;
        let viewer = Viewer {
            id,
            role: kind.role(),
            name,
        };
        self.start_session(viewer, c).await
    }

    /// Signs in with phone, email or NIP. A wrong identifier and a wrong
    /// password get the same answer, so nobody learns who has an account.
    pub async fn sign_in(
        &self,
        id: &str,
        password: &str,
        c: &Client,
    ) -> Result<SignedIn, AppError> {
        let t = c.t;
        self.limit(
            format!("signin:ip:{}", rate_key(&c.ip)),
            self.limits.signin_ip,
            c,
        )
        .await?;
        let login = match parse_login_id(id) {
            Ok(l) => l,
            Err(m) => return Err(Refusal::field("id", m.message(t), t).into()),
        };
        if password.is_empty() {
            return Err(Refusal::field("sandi", t.enter_password, t).into());
        }
        let key = match &login {
            LoginId::Email(v) | LoginId::Phone(v) | LoginId::Nip(v) => v.clone(),
        };
        // Counted per account *and* client address: a stranger who knows a
        // phone number can slow their own guesses at it, but cannot lock
        // the owner (on another address) out of their account.
        self.limit(
            format!("signin:acct:{key}:{}", rate_key(&c.ip)),
            self.limits.signin_account,
            c,
        )
        .await?;
        let record = self.store.login_record(&login).await?;
        let hash = record
            .as_ref()
            .map(|r| r.password_hash.clone())
            .unwrap_or_else(dummy_hash);
        let ok = verify_blocking(password.chars().take(1024).collect(), hash, t).await?;
        let wrong = || AppError::from(Refusal::message(401, t.wrong_credentials));
        match record {
            Some(r) if ok && !r.disabled => {
                self.audit(Some(r.id), "login.ok", None, c).await;
                let viewer = Viewer {
                    id: r.id,
                    role: r.role,
                    name: r.name,
                };
                self.start_session(viewer, c).await
            }
            Some(r) if ok => {
                self.audit(Some(r.id), "login.disabled", None, c).await;
                Err(Refusal::message(403, t.account_disabled).into())
            }
            Some(r) => {
                self.audit(Some(r.id), "login.failed", None, c).await;
                Err(wrong())
            }
            None => {
                let kind = match login {
                    LoginId::Email(_) => "email",
                    LoginId::Phone(_) => "phone",
                    LoginId::Nip(_) => "nip",
                };
                self.audit(None, "login.failed", Some(&format!("unknown {kind}")), c)
                    .await;
                Err(wrong())
            }
        }
    }

    /// Ends the client's session (server-side: the old cookie stops working).
    pub async fn sign_out(&self, c: &Client) -> Result<(), AppError> {
        if let Some(token) = &c.token {
            if let Some(user) = self.store.revoke_session(&hash_token(token), c.now).await? {
                self.audit(Some(user), "logout", None, c).await;
            }
        }
        Ok(())
    }

    /// Changes the signed-in user's password, ends all their sessions and
    /// starts a fresh one for this client.
    pub async fn change_password(
        &self,
        viewer: &Viewer,
        old: &str,
        new: &str,
        confirm: &str,
        c: &Client,
    ) -> Result<SignedIn, AppError> {
        self.limit(
            format!("password:acct:{}", viewer.id),
            self.limits.password_account,
            c,
        )
        .await?;
        let t = c.t;
        let stored = self.store.password_hash(viewer.id).await?;
        if !verify_blocking(old.chars().take(1024).collect(), stored, t).await? {
            self.audit(Some(viewer.id), "password.failed", None, c)
                .await;
            return Err(Refusal::field("lama", t.old_password_wrong, t)
                .with_status(401)
                .into());
        }
        let profile = self.store.profile(viewer.id).await?;
        let personal = [
            profile.phone.as_deref().unwrap_or(""),
            profile.nip.as_deref().unwrap_or(""),
        ];
        if let Err(m) = check_new_password(new, &personal) {
            return Err(Refusal::field("baru", m.message(t), t).into());
        }
        if new == old {
            return Err(Refusal::field("baru", t.password_unchanged, t).into());
        }
        if new != confirm {
            return Err(Refusal::field("baru2", t.passwords_differ, t).into());
        }
        let hash = hash_blocking(new.to_string(), t).await?;
        self.store
            .set_password(viewer.id, hash.as_str(), c.now)
            .await?;
        let ended = self
            .store
            .revoke_user_sessions(viewer.id, None, c.now)
            .await?;
        self.audit(
            Some(viewer.id),
            "password.changed",
            Some(&format!("{ended} sesi diakhiri")),
            c,
        )
        .await;
        let fresh = Client {
            token: None,
            ..c.clone()
        };
        self.start_session(viewer.clone(), &fresh).await
    }

    /// Saves the viewer's address (new, or their own `id`).
    pub async fn save_address(
        &self,
        viewer: &Viewer,
        id: Option<i64>,
        form: &AddressForm,
        c: &Client,
    ) -> Result<i64, AppError> {
        let t = c.t;
        let input = form
            .validate(t)
            .map_err(|fields| Refusal::fields(fields, t))?;
        match self.store.save_address(viewer.id, id, &input, c.now).await {
            Ok(id) => Ok(id),
            Err(StoreError::Check(_)) => {
                Err(Refusal::field("kecamatan", t.choose_listed_kecamatan, t).into())
            }
            Err(StoreError::NotFound) => Err(Refusal::message(404, t.address_not_found).into()),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes the viewer's own address `id`.
    pub async fn delete_address(
        &self,
        viewer: &Viewer,
        id: i64,
        c: &Client,
    ) -> Result<(), AppError> {
        match self.store.delete_address(viewer.id, id).await {
            Ok(()) => Ok(()),
            Err(StoreError::NotFound) => Err(Refusal::message(404, c.t.address_not_found).into()),
            Err(e) => Err(e.into()),
        }
    }

    /// Changes a user's role (by `peken set-role`); audited.
    pub async fn set_role(&self, user_id: i64, role: Role, c: &Client) -> Result<Role, StoreError> {
        let old = self.store.set_role(user_id, role).await?;
        self.store
            .audit_from(
                None,
                "role.changed",
                Some(("user", user_id)),
                Some(&format!("{} -> {}", old.as_str(), role.as_str())),
                Some(&c.ip),
                c.now,
            )
            .await?;
        Ok(old)
    }
}

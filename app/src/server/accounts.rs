//! Account flows: register, sign in, sign out, change password, addresses.
//!
//! Each flow checks its input and its caller, applies rate limits, writes
//! the audit log, and returns either what happened or a [`Rejection`] that
//! the form can show (status, message, field errors).

use super::{
    auth::{hash_password, verify_password, PasswordHashString},
    passwords::check_new_password,
    session::{check_limit, hash_token, new_token, wait_words, Limit, RateLimits, SessionConfig},
    store::{NewSession, NewUser, StoreError},
    Store,
};
use crate::i18n::{fill, Texts};
use crate::model::{
    normalize_phone, parse_login_id, validate_email, validate_name, validate_nip, AddressForm,
    FieldErrors, LoginId, RegisterKind, Role, Viewer,
};
use chrono::{DateTime, Utc};

/// Why a form was not accepted, as the user should see it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rejection {
    /// 401 wrong credentials, 403, 404, 409 taken, 422 bad input, 429 too many, 500.
    pub status: u16,
    /// A message for the whole form (a 500 without one gets the generic
    /// server-error text in the reader's language).
    pub message: Option<String>,
    /// Messages per field.
    pub fields: FieldErrors,
    /// Seconds until a rate-limited action may be tried again.
    pub retry_after: Option<u64>,
}

impl Rejection {
    fn message(status: u16, msg: impl Into<String>) -> Self {
        Rejection {
            status,
            message: Some(msg.into()),
            ..Default::default()
        }
    }
    fn fields(fields: FieldErrors, t: &Texts) -> Self {
        Rejection {
            status: 422,
            message: Some(t.check_marked.into()),
            fields,
            retry_after: None,
        }
    }
    fn field(name: &str, msg: impl Into<String>, t: &Texts) -> Self {
        let mut f = FieldErrors::new();
        f.insert(name.into(), msg.into());
        Self::fields(f, t)
    }
    fn too_many(retry: u64, t: &Texts) -> Self {
        Rejection {
            status: 429,
            message: Some(fill(t.too_many, &[("wait", &wait_words(retry, t))])),
            retry_after: Some(retry),
            ..Default::default()
        }
    }
    fn internal(e: StoreError) -> Self {
        tracing::error!(error = %e, "store error in account flow");
        Rejection {
            status: 500,
            ..Default::default()
        }
    }
}

impl From<StoreError> for Rejection {
    fn from(e: StoreError) -> Self {
        Rejection::internal(e)
    }
}

/// What the flows need to know about the request.
#[derive(Debug, Clone)]
pub struct Client {
    pub ip: String,
    pub user_agent: Option<String>,
    /// The session token the request arrived with, if any.
    pub token: Option<String>,
    pub now: DateTime<Utc>,
    /// The texts in the client's language, for messages.
    pub t: &'static Texts,
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

/// Registration form fields, named as in the HTML form (missing ones are empty).
#[derive(Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    pub jenis: String,
    pub nama: String,
    pub hp: String,
    pub email: String,
    pub nip: String,
    pub opd: String,
    pub sandi: String,
    pub sandi2: String,
}

/// Passwords stay out of logs.
impl std::fmt::Debug for RegisterForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisterForm")
            .field("jenis", &self.jenis)
            .field("nama", &self.nama)
            .finish_non_exhaustive()
    }
}

/// Runs argon2 off the async threads (it takes tens of milliseconds).
async fn hash_blocking(password: String) -> PasswordHashString {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .expect("password hashing task")
}

async fn verify_blocking(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        verify_password(&password, &PasswordHashString::from_stored(hash))
    })
    .await
    .expect("password check task")
}

/// A valid hash of a random password: checked against when the account
/// does not exist, so the answer takes as long either way.
fn dummy_hash() -> String {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_password(&new_token().0).as_str().to_string())
        .clone()
}

impl Accounts {
    async fn limit(&self, bucket: String, limit: Limit, c: &Client) -> Result<(), Rejection> {
        match check_limit(&self.store, &bucket, limit, c.now).await? {
            Ok(()) => Ok(()),
            Err(retry) => Err(Rejection::too_many(retry, c.t)),
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
    async fn start_session(&self, viewer: Viewer, c: &Client) -> Result<SignedIn, Rejection> {
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
    pub async fn register(&self, f: &RegisterForm, c: &Client) -> Result<SignedIn, Rejection> {
        let t = c.t;
        self.limit(format!("register:ip:{}", c.ip), self.limits.register_ip, c)
            .await?;
        let Some(kind) = RegisterKind::parse(&f.jenis) else {
            return Err(Rejection::field("jenis", t.choose_account_kind, t));
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
        if let Err(m) = check_new_password(&f.sandi, &personal) {
            e.insert("sandi".into(), m.message(t));
        } else if f.sandi != f.sandi2 {
            e.insert("sandi2".into(), t.passwords_differ.into());
        }
        if !e.is_empty() {
            return Err(Rejection::fields(e, t));
        }
        let (name, phone) = (name.unwrap_or_default(), phone.unwrap_or_default());
        let hash = hash_blocking(f.sandi.clone()).await;
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
            Err(StoreError::Duplicate(msg)) => {
                let field = ["nip", "email", "phone"]
                    .into_iter()
                    .find(|f| msg.contains(f))
                    .unwrap_or("phone");
                let (field, taken) = match field {
                    "nip" => ("nip", t.taken_nip),
                    "email" => ("email", t.taken_email),
                    _ => ("hp", t.taken_phone),
                };
                let mut r = Rejection::field(field, taken, t);
                r.status = 409;
                return Err(r);
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
    ) -> Result<SignedIn, Rejection> {
        let t = c.t;
        self.limit(format!("signin:ip:{}", c.ip), self.limits.signin_ip, c)
            .await?;
        let login = match parse_login_id(id) {
            Ok(l) => l,
            Err(m) => return Err(Rejection::field("id", m.message(t), t)),
        };
        if password.is_empty() {
            return Err(Rejection::field("sandi", t.enter_password, t));
        }
        let key = match &login {
            LoginId::Email(v) | LoginId::Phone(v) | LoginId::Nip(v) => v.clone(),
        };
        self.limit(format!("signin:acct:{key}"), self.limits.signin_account, c)
            .await?;
        let record = self.store.login_record(&login).await?;
        let hash = record
            .as_ref()
            .map(|r| r.password_hash.clone())
            .unwrap_or_else(dummy_hash);
        let ok = verify_blocking(password.chars().take(1024).collect(), hash).await;
        let wrong = || Rejection::message(401, t.wrong_credentials);
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
                Err(Rejection::message(403, t.account_disabled))
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
    pub async fn sign_out(&self, c: &Client) -> Result<(), Rejection> {
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
    ) -> Result<SignedIn, Rejection> {
        self.limit(
            format!("password:acct:{}", viewer.id),
            self.limits.password_account,
            c,
        )
        .await?;
        let t = c.t;
        let stored = self.store.password_hash(viewer.id).await?;
        if !verify_blocking(old.chars().take(1024).collect(), stored).await {
            self.audit(Some(viewer.id), "password.failed", None, c)
                .await;
            let mut r = Rejection::field("lama", t.old_password_wrong, t);
            r.status = 401;
            return Err(r);
        }
        let profile = self.store.profile(viewer.id).await?;
        let personal = [
            profile.phone.as_deref().unwrap_or(""),
            profile.nip.as_deref().unwrap_or(""),
        ];
        if let Err(m) = check_new_password(new, &personal) {
            return Err(Rejection::field("baru", m.message(t), t));
        }
        if new == old {
            return Err(Rejection::field("baru", t.password_unchanged, t));
        }
        if new != confirm {
            return Err(Rejection::field("baru2", t.passwords_differ, t));
        }
        let hash = hash_blocking(new.to_string()).await;
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
    ) -> Result<i64, Rejection> {
        let t = c.t;
        let input = form
            .validate(t)
            .map_err(|fields| Rejection::fields(fields, t))?;
        match self.store.save_address(viewer.id, id, &input, c.now).await {
            Ok(id) => Ok(id),
            Err(StoreError::Check(_)) => {
                Err(Rejection::field("kecamatan", t.choose_listed_kecamatan, t))
            }
            Err(StoreError::NotFound) => Err(Rejection::message(404, t.address_not_found)),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes the viewer's own address `id`.
    pub async fn delete_address(
        &self,
        viewer: &Viewer,
        id: i64,
        c: &Client,
    ) -> Result<(), Rejection> {
        match self.store.delete_address(viewer.id, id).await {
            Ok(()) => Ok(()),
            Err(StoreError::NotFound) => Err(Rejection::message(404, c.t.address_not_found)),
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

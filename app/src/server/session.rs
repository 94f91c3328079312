//! Sessions, the current user, and rate limits.
//!
//! A session is a random 256-bit token in a cookie; the database keeps only
//! its SHA-256, so a leaked database cannot be replayed as cookies. Sessions
//! live in the database, so every instance behind a load balancer sees them.

use super::Store;
use crate::domain::access::{self, Action, Denied};
use crate::model::{AppError, Refusal, Viewer};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// How sessions and their cookie behave.
#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// Served over HTTPS: cookie gets `Secure` and the `__Host-` prefix.
    pub secure: bool,
    /// A session ends this long after sign-in, however active.
    pub lifetime: Duration,
    /// A session ends after this long unused.
    pub idle: Duration,
}

impl SessionConfig {
    pub fn new(secure: bool) -> Self {
        SessionConfig {
            secure,
            lifetime: Duration::days(30),
            idle: Duration::days(7),
        }
    }

    /// The cookie's name: `__Host-` prefixed whenever it is `Secure`.
    pub fn cookie_name(&self) -> &'static str {
        if self.secure {
            "__Host-peken_sesi"
        } else {
            "peken_sesi"
        }
    }

    /// `Set-Cookie` value that stores `token`.
    pub fn set_cookie(&self, token: &str) -> String {
        format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
            self.cookie_name(),
            self.lifetime.num_seconds(),
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// `Set-Cookie` value that removes the cookie.
    pub fn clear_cookie(&self) -> String {
        format!(
            "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
            self.cookie_name(),
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// The session token in a `Cookie` header, if any.
    pub fn token_from(&self, headers: &http::HeaderMap) -> Option<String> {
        crate::web::cookie_value(headers, self.cookie_name())
    }
}

/// A fresh session token (32 random bytes, base64url) and its hash.
pub fn new_token() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// What the database stores for a token.
pub fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The session a request arrived with (set by the session middleware).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionId(pub i64);

/// The client's address as the server sees it (set by the session middleware).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub String);

/// Who is asking: the signed-in user of the current request, if any.
pub fn viewer() -> Option<Viewer> {
    leptos::prelude::with_context::<http::request::Parts, _>(|parts| {
        parts.extensions.get::<Viewer>().cloned()
    })
    .flatten()
}

/// The signed-in user if they may do `action` (see [`crate::domain::access`]);
/// otherwise `NotSignedIn` or `Forbidden` (HTTP 401 / 403).
pub fn authorize(action: Action) -> Result<Viewer, AppError> {
    let v = viewer();
    match access::authorize(v.as_ref(), action) {
        Ok(()) => Ok(v.expect("authorized means signed in")),
        Err(Denied::SignIn) => Err(fail(AppError::NotSignedIn)),
        Err(Denied::Forbidden) => Err(fail(AppError::Forbidden)),
    }
}

/// Sets the response status matching `e` (and `Retry-After` when it says
/// when to try again) and hands it back. Every server function's error
/// leaves through here, so a browser or script sees the right status.
pub fn fail(e: AppError) -> AppError {
    crate::web::set_status(e.status());
    if let AppError::Refused(Refusal {
        retry_after: Some(secs),
        ..
    }) = &e
    {
        crate::web::set_header(http::header::RETRY_AFTER, http::HeaderValue::from(*secs));
    }
    e
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
    pub t: &'static crate::i18n::Texts,
}

/// What the account flows need to know about the current request
/// (`sessions` says which cookie holds the session).
pub fn client(sessions: &SessionConfig) -> Client {
    let parts = leptos::prelude::use_context::<http::request::Parts>();
    let headers = parts.as_ref().map(|p| &p.headers);
    Client {
        ip: parts
            .as_ref()
            .and_then(|p| p.extensions.get::<ClientIp>())
            .map(|c| c.0.clone())
            .unwrap_or_else(|| "unknown".into()),
        user_agent: headers
            .and_then(|h| h.get(http::header::USER_AGENT))
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        token: headers.and_then(|h| sessions.token_from(h)),
        now: Utc::now(),
        t: crate::i18n::t(),
    }
}

/// One limit: at most `max` hits per `window_secs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: i64,
    pub window_secs: i64,
}

/// The limits on account actions. Counters live in the database, so all
/// instances share them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    /// Sign-in attempts from one address (offices share one address: generous).
    pub signin_ip: Limit,
    /// Sign-in attempts at one account, from anywhere.
    pub signin_account: Limit,
    /// Registrations from one address.
    pub register_ip: Limit,
    /// Password changes (attempts) of one account.
    pub password_account: Limit,
    /// Registrations from one address refused because the phone, email or
    /// NIP already has an account: each such answer tells whether someone
    /// is registered, so an address gets few of them.
    pub register_taken_ip: Limit,
    /// Checkouts (attempts) of one account: a script cannot hold the
    /// stock of a whole shop in unpaid orders.
    pub checkout_account: Limit,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            signin_ip: Limit {
                max: 200,
                window_secs: 900,
            },
            signin_account: Limit {
                max: 10,
                window_secs: 900,
            },
            register_ip: Limit {
                max: 60,
                window_secs: 3600,
            },
            password_account: Limit {
                max: 5,
                window_secs: 900,
            },
            register_taken_ip: Limit {
                max: 10,
                window_secs: 3600,
            },
            checkout_account: Limit {
                max: 30,
                window_secs: 600,
            },
        }
    }
}

impl RateLimits {
    /// Parses `name=max/seconds` pairs separated by commas, e.g.
    /// `signin_account=10/900,register_ip=60/3600`; unnamed limits keep
    /// their defaults.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut limits = RateLimits::default();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("'{part}': expected name=max/seconds"))?;
            let (max, secs) = value
                .split_once('/')
                .ok_or_else(|| format!("'{part}': expected name=max/seconds"))?;
            let limit = Limit {
                max: max
                    .trim()
                    .parse()
                    .map_err(|_| format!("'{part}': bad max"))?,
                window_secs: secs
                    .trim()
                    .parse()
                    .map_err(|_| format!("'{part}': bad seconds"))?,
            };
            if limit.max < 1 || limit.window_secs < 1 {
                return Err(format!("'{part}': max and seconds must be at least 1"));
            }
            match name.trim() {
                "signin_ip" => limits.signin_ip = limit,
                "signin_account" => limits.signin_account = limit,
                "register_ip" => limits.register_ip = limit,
                "password_account" => limits.password_account = limit,
                "register_taken_ip" => limits.register_taken_ip = limit,
                "checkout_account" => limits.checkout_account = limit,
                other => return Err(format!("unknown rate limit '{other}'")),
            }
        }
        Ok(limits)
    }
}

/// Counts a hit on `bucket`; `Err(seconds)` says how long until it may be
/// tried again once the limit is passed.
pub async fn check_limit(
    store: &Store,
    bucket: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<Result<(), u64>, super::store::StoreError> {
    let now_secs = now.timestamp();
    let (hits, window_start) = store
        .hit_rate_limit(bucket, now_secs, limit.window_secs)
        .await?;
    if hits > limit.max {
        let retry = (window_start + limit.window_secs - now_secs).max(1);
        Ok(Err(retry as u64))
    } else {
        Ok(Ok(()))
    }
}

/// The part of a client address that rate limits count: the address itself
/// for IPv4, its /64 network for IPv6 (one subscriber gets a whole /64, so
/// counting single IPv6 addresses would let one person use billions).
pub fn rate_key(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        _ => ip.to_string(),
    }
}

/// "5 menit", "1 jam": how long to wait, in words.
pub fn wait_words(secs: u64, t: &crate::i18n::Texts) -> String {
    use crate::i18n::fill;
    if secs < 60 {
        fill(t.wait_seconds, &[("n", &secs)])
    } else if secs < 3600 {
        fill(t.wait_minutes, &[("n", &secs.div_ceil(60))])
    } else {
        fill(t.wait_hours, &[("n", &secs.div_ceil(3600))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_counted_by_their_64_network() {
        assert_eq!(rate_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(rate_key("2001:db8:1:2:ffff::9"), "2001:db8:1:2::/64");
        assert_ne!(rate_key("2001:db8:1:3::1"), rate_key("2001:db8:1:2::1"));
        assert_eq!(rate_key("::ffff:10.1.2.3"), "10.1.2.3");
        assert_eq!(rate_key("10.1.2.3"), "10.1.2.3");
        assert_eq!(rate_key("unknown"), "unknown");
    }

    #[test]
    fn tokens_are_256_bit_random_and_only_their_hash_is_kept() {
        let (a, ha) = new_token();
        let (b, hb) = new_token();
        assert_ne!(a, b);
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), 32);
        assert_eq!(ha.len(), 32);
        assert_ne!(ha, hb);
        assert_eq!(hash_token(&a), ha);
        assert!(!ha.windows(a.len().min(32)).any(|w| w == a.as_bytes()));
    }

    #[test]
    fn cookies_are_host_prefixed_and_secure_over_https_only() {
        let https = SessionConfig::new(true);
        let c = https.set_cookie("abc");
        assert!(c.starts_with("__Host-peken_sesi=abc; Path=/; HttpOnly; SameSite=Lax;"));
        assert!(c.ends_with("; Secure"));
        let http = SessionConfig::new(false);
        let c = http.set_cookie("abc");
        assert!(c.starts_with("peken_sesi=abc;") && !c.contains("Secure"));
        assert!(http.clear_cookie().contains("Max-Age=0"));
    }

    #[test]
    fn the_token_is_read_from_among_other_cookies() {
        let cfg = SessionConfig::new(false);
        let mut h = http::HeaderMap::new();
        h.insert(
            http::header::COOKIE,
            "kecamatan=Gubeng; peken_sesi=tok123; x=1".parse().unwrap(),
        );
        assert_eq!(cfg.token_from(&h).as_deref(), Some("tok123"));
        assert_eq!(SessionConfig::new(true).token_from(&h), None);
        h.insert(http::header::COOKIE, "peken_sesi=".parse().unwrap());
        assert_eq!(cfg.token_from(&h), None);
    }

    #[test]
    fn rate_limit_spec_parses_and_rejects_nonsense() {
        let l = RateLimits::parse("signin_account=3/60, register_ip=2/10").unwrap();
        assert_eq!(
            l.signin_account,
            Limit {
                max: 3,
                window_secs: 60
            }
        );
        assert_eq!(
            l.register_ip,
            Limit {
                max: 2,
                window_secs: 10
            }
        );
        assert_eq!(l.signin_ip, RateLimits::default().signin_ip);
        assert_eq!(RateLimits::parse("").unwrap(), RateLimits::default());
        for bad in ["x=1/2", "signin_ip=1", "signin_ip=0/5", "signin_ip=a/b"] {
            assert!(RateLimits::parse(bad).is_err(), "{bad}");
        }
        use crate::i18n::{EN, ID};
        assert_eq!(wait_words(30, &ID), "30 detik");
        assert_eq!(wait_words(61, &ID), "2 menit");
        assert_eq!(wait_words(3601, &ID), "2 jam");
        assert_eq!(wait_words(3601, &EN), "2 hours");
    }
}

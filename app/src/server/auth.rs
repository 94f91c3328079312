//! Password hashing: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane).

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A password hash in PHC string form. Deliberately not `Serialize`, so it
/// can never leave the server by accident, and `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHashString(String);

impl std::fmt::Debug for PasswordHashString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHashString(..)")
    }
}

impl PasswordHashString {
    /// The PHC string, for storage.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Wraps a PHC string read from storage.
    pub fn from_stored(s: String) -> Self {
        PasswordHashString(s)
    }
}

/// Hashes a password with a fresh random salt.
pub fn hash_password(password: &str) -> PasswordHashString {
    let salt = SaltString::generate(&mut OsRng);
    let hash = hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing with valid parameters cannot fail");
    PasswordHashString(hash.to_string())
}

/// Whether `password` matches the stored hash.
pub fn verify_password(password: &str, stored: &PasswordHashString) -> bool {
    match PasswordHash::new(stored.as_str()) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_salted() {
        let a = hash_password("rahasia-sekali");
        let b = hash_password("rahasia-sekali");
        assert!(
            a.as_str().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{}",
            a.as_str()
        );
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify_password("rahasia-sekali", &a));
        assert!(!verify_password("rahasia-sekalI", &a));
        assert!(!verify_password(
            "x",
            &PasswordHashString::from_stored("bukan-hash".into())
        ));
        assert_eq!(format!("{a:?}"), "PasswordHashString(..)");
    }
}

//! Refusing passwords that are easy to guess.

use crate::model::Invalid;
use std::collections::HashSet;
use std::sync::OnceLock;

const COMMON: &str = include_str!("../../../data/common_passwords.txt");
const COMMON_ID: &str = include_str!("../../../data/common_passwords_id.txt");

fn common() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON
            .lines()
            .chain(COMMON_ID.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

/// Whether the password is on the common list (case-insensitive).
pub fn is_common(password: &str) -> bool {
    common().contains(&password.to_lowercase())
}

/// Every check on a new password: length, common list, and not the user's
/// own phone number or NIP. `personal` holds those values.
pub fn check_new_password(password: &str, personal: &[&str]) -> Result<(), Invalid> {
    crate::model::check_password_shape(password)?;
    if is_common(password) {
        return Err(Invalid::PasswordCommon);
    }
    // Numbers compare without their 0 / 62 prefix: 0812…, 62812… and +62812… are one number.
    fn core(s: &str) -> String {
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        d.strip_prefix("62")
            .or_else(|| d.strip_prefix('0'))
            .unwrap_or(&d)
            .to_string()
    }
    let all_digits = password
        .chars()
        .all(|c| c.is_ascii_digit() || c == '+' || c == ' ');
    for p in personal.iter().filter(|p| !p.is_empty()) {
        if password.eq_ignore_ascii_case(p) || (all_digits && core(password) == core(p)) {
            return Err(Invalid::PasswordPersonal);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert!(common().len() > 9_000, "{}", common().len());
        for p in [
            "password",
            "12345678",
            "Bismillah",
            "SURABAYA123",
            "iloveyou",
        ] {
            assert!(is_common(p), "{p}");
            assert_eq!(
                check_new_password(p, &[]),
                Err(Invalid::PasswordCommon),
                "{p}"
            );
        }
        assert!(!is_common("kerupuk-udang-sidoarjo"));
        assert_eq!(check_new_password("kerupuk-udang-sidoarjo", &[]), Ok(()));
    }

    #[test]
    fn own_phone_or_nip_is_not_a_password() {
        let phone = "+6281234567890";
        let nip = "198503122010012003";
        assert_eq!(
            check_new_password("081234567890", &[phone, nip]),
            Err(Invalid::PasswordPersonal)
        );
        assert!(check_new_password("6281234567890", &[phone, nip]).is_err());
        assert!(check_new_password("198503122010012003", &[phone, nip]).is_err());
        assert_eq!(
            check_new_password("pecel-lele-81234", &[phone, nip]),
            Ok(())
        );
        assert_eq!(
            check_new_password("pendek", &[]),
            Err(Invalid::PasswordShort)
        );
    }
}

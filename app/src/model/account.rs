//! Account input rules shared by the browser and the server: Indonesian
//! phone numbers, NIP, passwords. Messages are for users, in Indonesian.

/// Shortest and longest password accepted (in characters).
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// Normalises an Indonesian phone number to `+62…`.
///
/// Accepts `0812-3456-7890`, `62 812 3456 7890`, `+62 (31) 5678 9012`, with
/// spaces, dots, dashes and brackets. The national part must be 9–12 digits
/// and not start with 0.
pub fn normalize_phone(input: &str) -> Result<String, String> {
    let mut digits = String::with_capacity(input.len());
    for (i, ch) in input.trim().chars().enumerate() {
        match ch {
            '0'..='9' => digits.push(ch),
            '+' if i == 0 => {}
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => {
                return Err(
                    "Nomor telepon hanya boleh berisi angka, spasi, atau tanda hubung.".into(),
                )
            }
        }
    }
    let national = if let Some(rest) = digits.strip_prefix("62") {
        rest
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest
    } else {
        return Err("Nomor telepon harus diawali 0, 62, atau +62.".into());
    };
    if national.starts_with('0') || !(9..=12).contains(&national.len()) {
        return Err("Nomor telepon tidak valid. Contoh: 0812 3456 7890.".into());
    }
    Ok(format!("+62{national}"))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// Checks an ASN's NIP (Nomor Induk Pegawai): 18 digits made of birth date
/// (YYYYMMDD), appointment month (YYYYMM), gender (1 or 2) and a sequence.
/// Spaces are ignored. Returns the 18 digits.
pub fn validate_nip(input: &str) -> Result<String, String> {
    let nip: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if nip.len() != 18 || !nip.chars().all(|c| c.is_ascii_digit()) {
        return Err("NIP harus 18 angka.".into());
    }
    let num = |range: std::ops::Range<usize>| nip[range].parse::<u32>().unwrap_or(0);
    let (by, bm, bd) = (num(0..4), num(4..6), num(6..8));
    let (ay, am) = (num(8..12), num(12..14));
    let gender = num(14..15);
    let seq = num(15..18);
    let birth_ok = (1940..=2010).contains(&by) && bd >= 1 && bd <= days_in_month(by, bm);
    let appointed_ok = ay >= by + 17 && ay <= 2100 && (1..=12).contains(&am);
    if !birth_ok || !appointed_ok || !(1..=2).contains(&gender) || seq == 0 {
        return Err("NIP tidak valid. Periksa kembali 18 angka NIP Anda.".into());
    }
    Ok(nip)
}

/// Length rules for a new password (the server also refuses common ones).
pub fn check_password_shape(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        return Err(format!("Kata sandi minimal {PASSWORD_MIN} karakter."));
    }
    if n > PASSWORD_MAX {
        return Err(format!("Kata sandi maksimal {PASSWORD_MAX} karakter."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_normalise_to_plus_62() {
        for input in [
            "0812-3456-7890",
            "081234567890",
            "62 812 3456 7890",
            "+6281234567890",
            " +62 (812) 3456.7890 ",
        ] {
            assert_eq!(
                normalize_phone(input).as_deref(),
                Ok("+6281234567890"),
                "{input}"
            );
        }
        assert_eq!(
            normalize_phone("(031) 5678 9012").as_deref(),
            Ok("+623156789012"),
            "landlines too"
        );
        for bad in [
            "",
            "12345",
            "0812",
            "08123456789012345",
            "+1 415 555 0100",
            "0812abc4567",
            "00812345678",
            "0812+3456789",
        ] {
            assert!(normalize_phone(bad).is_err(), "{bad} is refused");
        }
    }

    #[test]
    fn nip_has_a_real_birth_date_appointment_gender_and_sequence() {
        assert_eq!(
            validate_nip("19850330 201001 1 001").as_deref(),
            Ok("198503302010011001")
        );
        assert!(validate_nip("198503302010011001").is_ok());
        assert!(validate_nip("19920229 201503 2 004").is_ok(), "leap day");
        for bad in [
            "19850330201001100",   // 17 digits
            "1985033020100110011", // 19 digits
            "19850330201001100a",
            "19850230201001 1 001", // 30 February
            "19930229201503 2 004", // 29 February in a common year
            "198503302010131001",   // month 13 of appointment
            "198503302010013001",   // gender 3
            "198503302010011000",   // sequence 0
            "198503301990011001",   // appointed at 4
        ] {
            assert!(validate_nip(bad).is_err(), "{bad} is refused");
        }
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        assert!(check_password_shape("1234567").is_err());
        assert!(check_password_shape("12345678").is_ok());
        assert!(
            check_password_shape(&"é".repeat(128)).is_ok(),
            "128 two-byte characters"
        );
        assert!(check_password_shape(&"a".repeat(129)).is_err());
    }
}

//! Account input rules shared by the browser and the server: Indonesian
//! phone numbers, NIP, passwords. Messages are for users, in Indonesian.

use super::Role;
use serde::{Deserialize, Serialize};

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

/// Checks a person's or recipient's name: 2–80 characters, no control characters.
pub fn validate_name(input: &str) -> Result<String, String> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = name.chars().count();
    if n < 2 {
        return Err("Nama minimal 2 huruf.".into());
    }
    if n > 80 {
        return Err("Nama maksimal 80 karakter.".into());
    }
    if name.chars().any(char::is_control) {
        return Err("Nama berisi karakter yang tidak diizinkan.".into());
    }
    Ok(name)
}

/// Checks an optional email address; returns it lowercased, or `None` when empty.
pub fn validate_email(input: &str) -> Result<Option<String>, String> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Ok(None);
    }
    let bad = || Err("Alamat email tidak valid. Contoh: nama@contoh.id.".into());
    let Some((local, domain)) = email.split_once('@') else {
        return bad();
    };
    if email.len() > 254
        || local.is_empty()
        || domain.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || email.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return bad();
    }
    Ok(Some(email))
}

/// How a sign-in identifier is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginId {
    Email(String),
    Phone(String),
    Nip(String),
}

/// Reads what a user typed into "Nomor HP, email, atau NIP".
pub fn parse_login_id(input: &str) -> Result<LoginId, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err("Isi nomor HP, email, atau NIP Anda.".into());
    }
    if s.contains('@') {
        return match validate_email(s)? {
            Some(e) => Ok(LoginId::Email(e)),
            None => Err("Isi nomor HP, email, atau NIP Anda.".into()),
        };
    }
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 18 && digits.chars().all(|c| c.is_ascii_digit()) {
        return Ok(LoginId::Nip(digits));
    }
    normalize_phone(s).map(LoginId::Phone)
}

/// The signed-in user as pages and server functions see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i64,
    pub role: Role,
    pub name: String,
}

impl Viewer {
    /// Buyers are ASN and umum.
    pub fn is_buyer(&self) -> bool {
        matches!(self.role, Role::Asn | Role::Umum)
    }
}

/// A saved delivery address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Address {
    pub id: i64,
    pub label: String,
    pub recipient: String,
    pub phone: String,
    pub kecamatan: String,
    pub kelurahan: String,
    pub street: String,
    pub rt_rw: Option<String>,
    pub notes: Option<String>,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    pub is_default: bool,
}

/// An address as typed into the form (all text, as browsers send it;
/// missing fields are empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressForm {
    pub label: String,
    pub recipient: String,
    pub phone: String,
    pub kecamatan: String,
    pub kelurahan: String,
    pub street: String,
    pub rt_rw: String,
    pub notes: String,
    pub lat: String,
    pub lng: String,
    /// A checkbox: present ("on") when ticked.
    pub is_default: Option<String>,
}

/// A checked address, ready to store (kecamatan still to be matched).
#[derive(Debug, Clone, PartialEq)]
pub struct AddressInput {
    pub label: String,
    pub recipient: String,
    pub phone: String,
    pub kecamatan: String,
    pub kelurahan: String,
    pub street: String,
    pub rt_rw: Option<String>,
    pub notes: Option<String>,
    pub pin: Option<(f64, f64)>,
    pub is_default: bool,
}

/// Field errors, keyed by the form field's name; messages in Indonesian.
pub type FieldErrors = std::collections::BTreeMap<String, String>;

fn text_field(
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    min: usize,
    max: usize,
    what: &str,
) -> String {
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = v.chars().count();
    if n < min {
        errors.insert(field.into(), format!("{what} wajib diisi."));
    } else if n > max {
        errors.insert(field.into(), format!("{what} maksimal {max} karakter."));
    } else if v.chars().any(char::is_control) {
        errors.insert(
            field.into(),
            format!("{what} berisi karakter yang tidak diizinkan."),
        );
    }
    v
}

/// Surabaya's bounding box, with a margin: pins outside it are typos.
pub const PIN_LAT: (f64, f64) = (-7.45, -7.05);
pub const PIN_LNG: (f64, f64) = (112.50, 112.90);

impl AddressForm {
    /// Checks every field and returns all problems at once.
    pub fn validate(&self) -> Result<AddressInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let label = text_field(&mut e, "label", &self.label, 1, 40, "Label alamat");
        let recipient = match validate_name(&self.recipient) {
            Ok(n) => n,
            Err(m) => {
                e.insert("recipient".into(), m);
                String::new()
            }
        };
        let phone = normalize_phone(&self.phone).unwrap_or_else(|m| {
            e.insert("phone".into(), m);
            String::new()
        });
        let kecamatan = self.kecamatan.trim().to_string();
        if kecamatan.is_empty() {
            e.insert("kecamatan".into(), "Pilih kecamatan.".into());
        }
        let kelurahan = text_field(&mut e, "kelurahan", &self.kelurahan, 2, 60, "Kelurahan");
        let street = text_field(&mut e, "street", &self.street, 5, 200, "Alamat jalan");
        let rt_rw = self.rt_rw.trim();
        let rt_rw = if rt_rw.is_empty() {
            None
        } else if rt_rw.len() <= 9
            && rt_rw.split('/').count() == 2
            && rt_rw
                .split('/')
                .all(|p| !p.trim().is_empty() && p.trim().chars().all(|c| c.is_ascii_digit()))
        {
            Some(
                rt_rw
                    .split('/')
                    .map(|p| format!("{:0>3}", p.trim()))
                    .collect::<Vec<_>>()
                    .join("/"),
            )
        } else {
            e.insert("rt_rw".into(), "Tulis RT/RW seperti 003/005.".into());
            None
        };
        let notes = text_field(&mut e, "notes", &self.notes, 0, 200, "Catatan");
        let pin = match (self.lat.trim(), self.lng.trim()) {
            ("", "") => None,
            (lat, lng) => match (
                lat.replace(',', ".").parse::<f64>(),
                lng.replace(',', ".").parse::<f64>(),
            ) {
                (Ok(lat), Ok(lng))
                    if (PIN_LAT.0..=PIN_LAT.1).contains(&lat)
                        && (PIN_LNG.0..=PIN_LNG.1).contains(&lng) =>
                {
                    Some((lat, lng))
                }
                _ => {
                    e.insert(
                        "lat".into(),
                        "Titik peta harus di wilayah Surabaya (contoh: -7.2575, 112.7521).".into(),
                    );
                    None
                }
            },
        };
        if !e.is_empty() {
            return Err(e);
        }
        Ok(AddressInput {
            label,
            recipient,
            phone,
            kecamatan,
            kelurahan,
            street,
            rt_rw,
            notes: (!notes.is_empty()).then_some(notes),
            pin,
            is_default: self.is_default.is_some(),
        })
    }

    /// The form pre-filled from a saved address (for editing).
    pub fn from_address(a: &Address) -> Self {
        AddressForm {
            label: a.label.clone(),
            recipient: a.recipient.clone(),
            phone: a.phone.clone(),
            kecamatan: a.kecamatan.clone(),
            kelurahan: a.kelurahan.clone(),
            street: a.street.clone(),
            rt_rw: a.rt_rw.clone().unwrap_or_default(),
            notes: a.notes.clone().unwrap_or_default(),
            lat: a.lat.map(|v| v.to_string()).unwrap_or_default(),
            lng: a.lng.map(|v| v.to_string()).unwrap_or_default(),
            is_default: a.is_default.then(|| "on".into()),
        }
    }
}

/// What the profile page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub viewer: Viewer,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub nip: Option<String>,
    pub opd: Option<String>,
    pub addresses: Vec<Address>,
}

/// Which kind of account a registration creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegisterKind {
    Asn,
    Umum,
    Merchant,
}

impl RegisterKind {
    /// From the `jenis` query parameter / form field.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "asn" => Some(RegisterKind::Asn),
            "umum" => Some(RegisterKind::Umum),
            "penjual" => Some(RegisterKind::Merchant),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            RegisterKind::Asn => "asn",
            RegisterKind::Umum => "umum",
            RegisterKind::Merchant => "penjual",
        }
    }
    pub fn role(self) -> Role {
        match self {
            RegisterKind::Asn => Role::Asn,
            RegisterKind::Umum => Role::Umum,
            RegisterKind::Merchant => Role::Merchant,
        }
    }
}

/// The path part of a local URL (without query or fragment).
pub fn url_path_of(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// A local path to return to after signing in. Anything that could leave
/// the site (`//evil`, `https://…`, `/\evil`) falls back to `/akun`.
pub fn safe_next(next: Option<&str>) -> String {
    match next.map(str::trim) {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && !p.chars().any(|c| c.is_control() || c == '\\')
                && p.len() <= 512 =>
        {
            p.to_string()
        }
        _ => "/akun".into(),
    }
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
    fn login_ids_are_email_nip_or_phone() {
        assert_eq!(
            parse_login_id(" Dewi@Contoh.ID "),
            Ok(LoginId::Email("dewi@contoh.id".into()))
        );
        assert_eq!(
            parse_login_id("19850312 201001 2 003"),
            Ok(LoginId::Nip("198503122010012003".into()))
        );
        assert_eq!(
            parse_login_id("0812-3456-7890"),
            Ok(LoginId::Phone("+6281234567890".into()))
        );
        assert!(parse_login_id("").is_err());
        assert!(parse_login_id("bukan nomor").is_err());
    }

    #[test]
    fn names_and_emails_are_checked_and_tidied() {
        assert_eq!(validate_name("  Siti   Aminah "), Ok("Siti Aminah".into()));
        assert!(validate_name("S").is_err());
        assert!(validate_name(&"a".repeat(81)).is_err());
        assert_eq!(validate_email(""), Ok(None));
        assert_eq!(validate_email("A@B.co"), Ok(Some("a@b.co".into())));
        for bad in ["a@b", "@b.co", "a@@b.co", "a b@c.id", "a@.co"] {
            assert!(validate_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn address_form_reports_every_bad_field_and_tidies_good_ones() {
        let empty = AddressForm::default().validate().unwrap_err();
        for f in [
            "label",
            "recipient",
            "phone",
            "kecamatan",
            "kelurahan",
            "street",
        ] {
            assert!(empty.contains_key(f), "{f} missing from {empty:?}");
        }
        let form = AddressForm {
            label: "Rumah".into(),
            recipient: "Budi  Santoso".into(),
            phone: "0812 3456 7890".into(),
            kecamatan: "Gubeng".into(),
            kelurahan: "Airlangga".into(),
            street: "Jl. Dharmawangsa No. 5".into(),
            rt_rw: "3/5".into(),
            notes: "".into(),
            lat: "-7,2756".into(),
            lng: "112.7581".into(),
            is_default: Some("on".into()),
        };
        let ok = form.validate().unwrap();
        assert_eq!(ok.recipient, "Budi Santoso");
        assert_eq!(ok.phone, "+6281234567890");
        assert_eq!(ok.rt_rw.as_deref(), Some("003/005"));
        assert_eq!(ok.notes, None);
        assert_eq!(ok.pin, Some((-7.2756, 112.7581)));
        assert!(ok.is_default);
        let jakarta = AddressForm {
            lat: "-6.2".into(),
            lng: "106.8".into(),
            rt_rw: "tiga".into(),
            ..form
        };
        let e = jakarta.validate().unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e.contains_key("lat") && e.contains_key("rt_rw"));
    }

    #[test]
    fn next_paths_stay_on_the_site() {
        assert_eq!(safe_next(Some("/akun/alamat")), "/akun/alamat");
        assert_eq!(safe_next(Some("/produk/5?x=1")), "/produk/5?x=1");
        for bad in ["//evil.com", "https://evil.com", "/\\evil.com", "akun", ""] {
            assert_eq!(safe_next(Some(bad)), "/akun", "{bad}");
        }
        assert_eq!(safe_next(None), "/akun");
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

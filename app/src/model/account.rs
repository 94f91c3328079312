//! Account input rules shared by the browser and the server: Indonesian
//! phone numbers, NIP, passwords. A refusal is an [`Invalid`], which the
//! page puts into words in the reader's language.

use super::Role;
use crate::i18n::{fill, Texts};
use serde::{Deserialize, Serialize};

/// Why a typed value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    PhoneChars,
    PhonePrefix,
    PhoneShape,
    NipLength,
    NipShape,
    PasswordShort,
    PasswordLong,
    PasswordCommon,
    PasswordPersonal,
    NameShort,
    NameLong,
    NameChars,
    Email,
    LoginIdEmpty,
}

impl Invalid {
    /// What the user reads.
    pub fn message(self, t: &Texts) -> String {
        match self {
            Invalid::PhoneChars => t.phone_chars.into(),
            Invalid::PhonePrefix => t.phone_prefix.into(),
            Invalid::PhoneShape => t.phone_invalid.into(),
            Invalid::NipLength => t.nip_length.into(),
            Invalid::NipShape => t.nip_invalid.into(),
            Invalid::PasswordShort => fill(t.password_short, &[("n", &PASSWORD_MIN)]),
            Invalid::PasswordLong => fill(t.password_long, &[("n", &PASSWORD_MAX)]),
            Invalid::PasswordCommon => t.password_common.into(),
            Invalid::PasswordPersonal => t.password_personal.into(),
            Invalid::NameShort => t.name_short.into(),
            Invalid::NameLong => t.name_long.into(),
            Invalid::NameChars => t.name_chars.into(),
            Invalid::Email => t.email_invalid.into(),
            Invalid::LoginIdEmpty => t.login_id_empty.into(),
        }
    }
}

/// In Indonesian, for the command line and logs.
impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(&crate::i18n::ID))
    }
}

/// Shortest and longest password accepted (in characters).
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// Normalises an Indonesian phone number to `+62…`.
///
/// Accepts `0812-3456-7890`, `62 812 3456 7890`, `+62 (31) 5678 9012`, with
/// spaces, dots, dashes and brackets. The national part must be 9–12 digits
/// and not start with 0.
pub fn normalize_phone(input: &str) -> Result<String, Invalid> {
    let mut digits = String::with_capacity(input.len());
    for (i, ch) in input.trim().chars().enumerate() {
        match ch {
            '0'..='9' => digits.push(ch),
            '+' if i == 0 => {}
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return Err(Invalid::PhoneChars),
        }
    }
    let national = if let Some(rest) = digits.strip_prefix("62") {
        rest
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest
    } else {
        return Err(Invalid::PhonePrefix);
    };
    if national.starts_with('0') || !(9..=12).contains(&national.len()) {
        return Err(Invalid::PhoneShape);
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
pub fn validate_nip(input: &str) -> Result<String, Invalid> {
    use chrono::Datelike;
    validate_nip_in(input, chrono::Utc::now().year())
}

/// [`validate_nip`] as of the calendar year `this_year`: the holder was born
/// at least 17 years before it (a civil servant is appointed at 18 or
/// later; one year of slack for a birthday late in the year) and appointed
/// no later than next year.
pub fn validate_nip_in(input: &str, this_year: i32) -> Result<String, Invalid> {
    let nip: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if nip.len() != 18 || !nip.chars().all(|c| c.is_ascii_digit()) {
        return Err(Invalid::NipLength);
    }
    let num = |range: std::ops::Range<usize>| nip[range].parse::<u32>().unwrap_or(0);
    let (by, bm, bd) = (num(0..4), num(4..6), num(6..8));
    let (ay, am) = (num(8..12), num(12..14));
    let gender = num(14..15);
    let seq = num(15..18);
    let this_year = u32::try_from(this_year).unwrap_or(0);
    let birth_ok = (1940..=this_year.saturating_sub(17)).contains(&by)
        && bd >= 1
        && bd <= days_in_month(by, bm);
    let appointed_ok = ay >= by + 17 && ay <= this_year + 1 && (1..=12).contains(&am);
    if !birth_ok || !appointed_ok || !(1..=2).contains(&gender) || seq == 0 {
        return Err(Invalid::NipShape);
    }
    Ok(nip)
}

/// Length rules for a new password (the server also refuses common ones).
pub fn check_password_shape(password: &str) -> Result<(), Invalid> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        return Err(Invalid::PasswordShort);
    }
    if n > PASSWORD_MAX {
        return Err(Invalid::PasswordLong);
    }
    Ok(())
}

/// Checks a person's or recipient's name: 2–80 characters, no control characters.
pub fn validate_name(input: &str) -> Result<String, Invalid> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = name.chars().count();
    if n < 2 {
        return Err(Invalid::NameShort);
    }
    if n > 80 {
        return Err(Invalid::NameLong);
    }
    if name.chars().any(char::is_control) {
        return Err(Invalid::NameChars);
    }
    Ok(name)
}

/// Checks an optional email address; returns it lowercased, or `None` when empty.
pub fn validate_email(input: &str) -> Result<Option<String>, Invalid> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Ok(None);
    }
    let bad = || Err(Invalid::Email);
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
pub fn parse_login_id(input: &str) -> Result<LoginId, Invalid> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Invalid::LoginIdEmpty);
    }
    if s.contains('@') {
        return match validate_email(s)? {
            Some(e) => Ok(LoginId::Email(e)),
            None => Err(Invalid::LoginIdEmpty),
        };
    }
    let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 18 && digits.chars().all(|c| c.is_ascii_digit()) {
        return Ok(LoginId::Nip(digits));
    }
    normalize_phone(s).map(LoginId::Phone)
}

/// A password as typed. Its `Debug` shows nothing, so a password never
/// reaches a log line (server functions' arguments are logged by `Debug`).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Password(pub String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(••••)")
    }
}

impl Password {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Registration form fields, named as in the HTML form (missing ones are empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    pub jenis: String,
    pub nama: String,
    pub hp: String,
    pub email: String,
    pub nip: String,
    pub opd: String,
    pub sandi: Password,
    pub sandi2: Password,
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
        self.role.is_buyer()
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

/// Field errors, keyed by the form field's name; messages in the reader's language.
pub type FieldErrors = std::collections::BTreeMap<String, String>;

/// One free-text field: `what` names it in the messages.
struct TextRule<'a> {
    field: &'a str,
    min: usize,
    max: usize,
    what: &'a str,
}

fn text_field(errors: &mut FieldErrors, t: &Texts, rule: TextRule, value: &str) -> String {
    let TextRule {
        field,
        min,
        max,
        what,
    } = rule;
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = v.chars().count();
    if n < min {
        errors.insert(field.into(), fill(t.field_required, &[("what", &what)]));
    } else if n > max {
        errors.insert(
            field.into(),
            fill(t.field_too_long, &[("what", &what), ("max", &max)]),
        );
    } else if v.chars().any(char::is_control) {
        errors.insert(field.into(), fill(t.field_chars, &[("what", &what)]));
    }
    v
}

/// Surabaya's bounding box, with a margin: pins outside it are typos.
pub const PIN_LAT: (f64, f64) = (-7.45, -7.05);
pub const PIN_LNG: (f64, f64) = (112.50, 112.90);

/// A map pin typed as latitude and longitude (a decimal comma allowed):
/// none when both are empty, an error when it is not in Surabaya.
#[allow(clippy::result_unit_err)]
pub fn parse_pin(lat: &str, lng: &str) -> Result<Option<(f64, f64)>, ()> {
    match (lat.trim(), lng.trim()) {
        ("", "") => Ok(None),
        (lat, lng) => match (
            lat.replace(',', ".").parse::<f64>(),
            lng.replace(',', ".").parse::<f64>(),
        ) {
            (Ok(lat), Ok(lng))
                if (PIN_LAT.0..=PIN_LAT.1).contains(&lat)
                    && (PIN_LNG.0..=PIN_LNG.1).contains(&lng) =>
            {
                Ok(Some((lat, lng)))
            }
            _ => Err(()),
        },
    }
}

impl AddressForm {
    /// Checks every field and returns all problems at once, in `t`'s language.
    pub fn validate(&self, t: &Texts) -> Result<AddressInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let rule = |field, min, max, what| TextRule {
            field,
            min,
            max,
            what,
        };
        let label = text_field(&mut e, t, rule("label", 1, 40, t.what_label), &self.label);
        let recipient = match validate_name(&self.recipient) {
            Ok(n) => n,
            Err(m) => {
                e.insert("recipient".into(), m.message(t));
                String::new()
            }
        };
        let phone = normalize_phone(&self.phone).unwrap_or_else(|m| {
            e.insert("phone".into(), m.message(t));
            String::new()
        });
        let kecamatan = self.kecamatan.trim().to_string();
        if kecamatan.is_empty() {
            e.insert("kecamatan".into(), t.choose_kecamatan_error.into());
        }
        let kelurahan = text_field(
            &mut e,
            t,
            rule("kelurahan", 2, 60, t.what_kelurahan),
            &self.kelurahan,
        );
        let street = text_field(
            &mut e,
            t,
            rule("street", 5, 200, t.what_street),
            &self.street,
        );
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
            e.insert("rt_rw".into(), t.rt_rw_invalid.into());
            None
        };
        let notes = text_field(&mut e, t, rule("notes", 0, 200, t.what_notes), &self.notes);
        let pin = parse_pin(&self.lat, &self.lng).unwrap_or_else(|()| {
            e.insert("lat".into(), t.pin_outside.into());
            None
        });
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
        _ => crate::paths::ACCOUNT.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ID};

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
    fn the_nip_birth_window_moves_with_the_calendar() {
        // Born 2012, appointed 2030: not yet possible in 2026, fine in 2031.
        let young = "201201152030011001";
        assert!(validate_nip_in(young, 2026).is_err());
        assert_eq!(validate_nip_in(young, 2031).as_deref(), Ok(young));
        // Born 2009, appointed 2026: fine now (the old rule stopped at 2010).
        assert!(validate_nip_in("200903012026011001", 2026).is_ok());
        // Appointed next year at the latest.
        assert!(validate_nip_in("198503302028011001", 2026).is_err());
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
        assert_eq!(validate_name("S"), Err(Invalid::NameShort));
        assert_eq!(validate_name(&"a".repeat(81)), Err(Invalid::NameLong));
        assert_eq!(validate_email(""), Ok(None));
        assert_eq!(validate_email("A@B.co"), Ok(Some("a@b.co".into())));
        for bad in ["a@b", "@b.co", "a@@b.co", "a b@c.id", "a@.co"] {
            assert!(validate_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn address_form_reports_every_bad_field_and_tidies_good_ones() {
        let empty = AddressForm::default().validate(&ID).unwrap_err();
        assert_eq!(empty["label"], "Label alamat wajib diisi.");
        assert_eq!(
            empty["phone"],
            "Nomor telepon harus diawali 0, 62, atau +62."
        );
        let english = AddressForm::default().validate(&EN).unwrap_err();
        assert_eq!(english["label"], "The address label is required.");
        assert_eq!(english["kecamatan"], "Choose a district.");
        assert_eq!(english.len(), empty.len());
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
        let ok = form.validate(&ID).unwrap();
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
        let e = jakarta.validate(&EN).unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e["rt_rw"], "Write RT/RW like 003/005.");
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
        assert_eq!(check_password_shape("1234567"), Err(Invalid::PasswordShort));
        assert_eq!(
            Invalid::PasswordShort.message(&EN),
            "A password needs at least 8 characters."
        );
        assert_eq!(
            Invalid::PasswordLong.to_string(),
            "Kata sandi maksimal 128 karakter."
        );
        assert!(check_password_shape("12345678").is_ok());
        assert!(
            check_password_shape(&"é".repeat(128)).is_ok(),
            "128 two-byte characters"
        );
        assert!(check_password_shape(&"a".repeat(129)).is_err());
    }
}

//! Plain serde types shared by the server and the browser.

mod account;
mod catalog;
pub mod complaint;
mod error;
pub mod figures;
pub mod merchant;
mod money;
mod order;
pub mod review;
mod search;
mod time;

pub use account::{
    check_password_shape, normalize_phone, parse_login_id, safe_next, url_path_of, validate_email,
    validate_name, validate_nip, AccountView, Address, AddressForm, AddressInput, FieldErrors,
    Invalid, LoginId, Password, RegisterForm, RegisterKind, Viewer, PASSWORD_MAX, PASSWORD_MIN,
};
pub use catalog::*;
pub use error::{AppError, Refusal};
pub use money::{format_number, format_rupiah};
pub use order::{HistoryEntry, OrderGroupView, OrderLine, OrderSummary, OrdersPage, ShopOrder};
pub use search::{
    parse_rupiah, SearchPage, SearchParams, SearchProblem, SearchSort, FILTER_KEYS, SEARCH_KEYS,
};
pub use time::{format_wib, format_wib_date, WIB_OFFSET_SECS};

/// The public number of a checkout: `PKN-<yymmdd in WIB>-<5-digit daily sequence>`.
pub fn order_code(at: chrono::DateTime<chrono::Utc>, seq: u32) -> String {
    let wib = at + chrono::Duration::seconds(WIB_OFFSET_SECS as i64);
    format!("PKN-{}-{seq:05}", wib.format("%y%m%d"))
}

#[cfg(test)]
mod tests {
    use super::order_code;
    use chrono::{TimeZone, Utc};

    #[test]
    fn order_code_uses_the_wib_date() {
        let t = Utc.with_ymd_and_hms(2026, 1, 26, 17, 30, 0).unwrap();
        assert_eq!(order_code(t, 42), "PKN-260127-00042");
        let t = Utc.with_ymd_and_hms(2026, 1, 26, 16, 59, 0).unwrap();
        assert_eq!(order_code(t, 7), "PKN-260126-00007");
    }
}

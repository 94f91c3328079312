//! Sign-in, registration, the account page, password and addresses. Forms
//! post to their own page's URL (see `server/src/web/forms.rs`); refused
//! input comes back as a `FormReply`.

mod address;
mod password;
mod profile;
mod register;
mod signin;

pub use address::{AddressEditPage, AddressNewPage};
pub use password::PasswordPage;
pub use profile::AccountPage;
pub use register::RegisterPage;
pub use signin::SignInPage;

use leptos::prelude::*;

/// Signed-in users who open sign-in or registration go on to `next`.
fn skip_if_signed_in(next: &str) {
    #[cfg(feature = "ssr")]
    if crate::server::session::viewer().is_some() && crate::components::form_reply().is_none() {
        crate::web::redirect_to(next);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = next;
}

/// The `lanjut` (return to) query parameter, made safe.
fn next_param() -> String {
    let q = leptos_router::hooks::use_query_map().get_untracked();
    crate::model::safe_next(q.get("lanjut").as_deref())
}

//! Accounts: sign-in, registration, sign-out, password, addresses, and
//! the reads behind the account pages. Each function checks who is asking
//! first (`authorize`), then hands the rules to `crate::server::accounts`.

use super::Done;
use crate::model::{AccountView, Address, AddressForm, AppError, Password, RegisterForm, Viewer};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The signed-in user's profile and saved addresses.
#[server(prefix = "/api", endpoint = "akun", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn my_account() -> Result<AccountView, AppError> {
    use crate::server::session::authorize;
    let viewer = authorize(crate::domain::Action::OwnAccount)?;
    let store = crate::server::state::state().store;
    let p = store.profile(viewer.id).await.map_err(internal)?;
    let addresses = store.addresses(viewer.id).await.map_err(internal)?;
    Ok(AccountView {
        viewer: p.viewer,
        email: p.email,
        phone: p.phone,
        nip: p.nip,
        opd: p.opd,
        addresses,
    })
}

/// Who is signed in (401 if nobody).
#[server(prefix = "/api", endpoint = "saya", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn whoami() -> Result<Viewer, AppError> {
    crate::server::session::authorize(crate::domain::Action::OwnAccount)
}

/// Choices for the registration form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterChoices {
    /// OPD (city departments): id and name.
    pub opd: Vec<(i64, String)>,
}

/// The OPD list for ASN registration (public).
#[server(prefix = "/api", endpoint = "pilihan-daftar", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn register_options() -> Result<RegisterChoices, AppError> {
    let store = crate::server::state::state().store;
    Ok(RegisterChoices {
        opd: store.opd_list().await.map_err(internal)?,
    })
}

/// What the address form needs: kecamatan names and, when editing, the
/// address (only the viewer's own; anyone else's is "not found").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddressFormData {
    pub kecamatan: Vec<String>,
    pub address: Option<Address>,
}

#[server(name = LoadAddressForm, prefix = "/api", endpoint = "form-alamat", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn address_form(id: Option<i64>) -> Result<AddressFormData, AppError> {
    use crate::server::session::{authorize, fail};
    let viewer = authorize(crate::domain::Action::KeepAddresses)?;
    let state = crate::server::state::state();
    let store = &state.store;
    let address = match id {
        Some(id) => Some(store.address(viewer.id, id).await.map_err(|e| match e {
            crate::server::store::StoreError::NotFound => fail(AppError::NotFound),
            e => internal(e),
        })?),
        None => None,
    };
    Ok(AddressFormData {
        kecamatan: super::common::cached_kecamatan(&state).await?,
        address,
    })
}

/// One audit-log line for the admin page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLine {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub detail: Option<String>,
    pub ip: Option<String>,
}

/// The newest audit events (admins only).
#[server(prefix = "/api", endpoint = "audit", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn audit_log() -> Result<Vec<AuditLine>, AppError> {
    crate::server::session::authorize(crate::domain::Action::ReadAudit)?;
    let store = crate::server::state::state().store;
    Ok(store
        .recent_audit(200)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|r| AuditLine {
            at: r.at,
            actor: r.actor,
            action: r.action,
            target: r.target,
            detail: r.detail,
            ip: r.ip,
        })
        .collect())
}

#[cfg(feature = "ssr")]
use super::common::internal;

/// Signs in with a phone number, email or NIP (`id`) and password (`sandi`),
/// then on to `lanjut` (a local path).
#[server(prefix = "/api", endpoint = "masuk")]
// Personal data (phones, NIP, addresses) stays out of the logs.
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn sign_in(
    #[server(default)] id: String,
    #[server(default)] sandi: Password,
    #[server(default)] lanjut: String,
) -> Result<Done, AppError> {
    super::edge(ssr::sign_in(id, sandi, lanjut).await)
}

/// Creates a buyer or merchant account and signs it in.
#[server(prefix = "/api", endpoint = "daftar")]
// Personal data (phones, NIP, addresses) stays out of the logs.
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn register(
    #[server(flatten)] form: RegisterForm,
    #[server(default)] lanjut: String,
) -> Result<Done, AppError> {
    super::edge(ssr::register(form, lanjut).await)
}

/// Ends this session: the cookie stops working everywhere.
#[server(prefix = "/api", endpoint = "keluar")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn sign_out() -> Result<Done, AppError> {
    super::edge(ssr::sign_out().await)
}

/// Changes the password (`lama` → `baru`, typed twice); every session of
/// the account ends and this one starts afresh.
#[server(prefix = "/api", endpoint = "akun/sandi")]
// Personal data (phones, NIP, addresses) stays out of the logs.
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn change_password(
    #[server(default)] lama: Password,
    #[server(default)] baru: Password,
    #[server(default)] baru2: Password,
) -> Result<Done, AppError> {
    super::edge(ssr::change_password(lama, baru, baru2).await)
}

/// Saves a delivery address: a new one, or the buyer's own `id`.
#[server(prefix = "/api", endpoint = "akun/alamat")]
// Personal data (phones, NIP, addresses) stays out of the logs.
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn save_address(
    #[server(default)] id: Option<String>,
    #[server(flatten)] form: AddressForm,
    #[server(default)] lanjut: Option<String>,
) -> Result<Done, AppError> {
    super::edge(ssr::save_address(id, form, lanjut).await)
}

/// Deletes one of the buyer's own addresses.
#[server(prefix = "/api", endpoint = "akun/alamat/hapus")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn delete_address(#[server(default)] id: String) -> Result<Done, AppError> {
    super::edge(ssr::delete_address(id).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::Done;
    use crate::domain::Action;
    use crate::model::{
        safe_next, url_path_of, AddressForm, AppError, Password, Refusal, RegisterForm,
    };
    use crate::paths;
    use crate::server::session::{authorize, client};
    use crate::server::state::state;
    use crate::web::set_cookie;

    /// An id in a form or path that is not a number names nothing.
    fn record_id(id: &str) -> Result<i64, AppError> {
        id.trim()
            .parse()
            .map_err(|_| Refusal::message(404, crate::i18n::t().address_not_found).into())
    }

    /// Where a person goes once signed in: a visitor who tapped "add to
    /// cart" finds the product in their cart and lands back on it.
    async fn resume(viewer: &crate::model::Viewer, next: String) -> String {
        let Some((product, qty)) = paths::parse_cart_add_intent(&next) else {
            return next;
        };
        if !viewer.is_buyer() {
            return paths::product(product);
        }
        let store = state().store;
        match store
            .add_to_cart(viewer.id, product, qty, chrono::Utc::now())
            .await
        {
            Ok(Ok(n)) => format!("{}?ok=keranjang&jumlah={n}", paths::product(product)),
            Ok(Err(_)) => format!("{}?tambah=gagal", paths::product(product)),
            Err(e) => {
                tracing::error!(error = %e, "cart add after sign-in failed");
                paths::product(product)
            }
        }
    }

    pub async fn sign_in(id: String, sandi: Password, lanjut: String) -> Result<Done, AppError> {
        let state = state();
        let c = client(&state.sessions);
        let s = state.accounts().sign_in(&id, sandi.as_str(), &c).await?;
        set_cookie(&state.sessions.set_cookie(&s.token));
        Ok(Done::to(resume(&s.viewer, safe_next(Some(&lanjut))).await))
    }

    pub async fn register(form: RegisterForm, lanjut: String) -> Result<Done, AppError> {
        let state = state();
        let c = client(&state.sessions);
        let s = state.accounts().register(&form, &c).await?;
        set_cookie(&state.sessions.set_cookie(&s.token));
        let next = safe_next(Some(&lanjut));
        Ok(Done::to(if url_path_of(&next) == paths::ACCOUNT {
            paths::account_notice("daftar")
        } else {
            resume(&s.viewer, next).await
        }))
    }

    pub async fn sign_out() -> Result<Done, AppError> {
        let state = state();
        let c = client(&state.sessions);
        state.accounts().sign_out(&c).await?;
        set_cookie(&state.sessions.clear_cookie());
        // The browser forgets what it kept of this person's pages.
        crate::web::set_header(
            http::HeaderName::from_static("clear-site-data"),
            http::HeaderValue::from_static("\"cache\""),
        );
        Ok(Done::to(format!("{}?keluar=1", paths::SIGN_IN)))
    }

    pub async fn change_password(
        lama: Password,
        baru: Password,
        baru2: Password,
    ) -> Result<Done, AppError> {
        let v = authorize(Action::OwnAccount)?;
        let state = state();
        let c = client(&state.sessions);
        let s = state
            .accounts()
            .change_password(&v, lama.as_str(), baru.as_str(), baru2.as_str(), &c)
            .await?;
        set_cookie(&state.sessions.set_cookie(&s.token));
        Ok(Done::to(paths::account_notice("sandi")))
    }

    pub async fn save_address(
        id: Option<String>,
        form: AddressForm,
        lanjut: Option<String>,
    ) -> Result<Done, AppError> {
        let v = authorize(Action::KeepAddresses)?;
        let id = match id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(id) => Some(record_id(id)?),
        };
        let state = state();
        let c = client(&state.sessions);
        state.accounts().save_address(&v, id, &form, &c).await?;
        // From checkout: straight back to it.
        Ok(Done::to(match lanjut.as_deref().map(str::trim) {
            Some(next) if !next.is_empty() => safe_next(Some(next)),
            _ => paths::account_notice("alamat"),
        }))
    }

    pub async fn delete_address(id: String) -> Result<Done, AppError> {
        let v = authorize(Action::KeepAddresses)?;
        let id = record_id(&id)?;
        let state = state();
        let c = client(&state.sessions);
        state.accounts().delete_address(&v, id, &c).await?;
        Ok(Done::to(paths::account_notice("hapus")))
    }
}

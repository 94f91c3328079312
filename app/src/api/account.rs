//! Reads for the account pages. Each one checks who is asking first.
//! (The forms that change things post to the pages themselves; see
//! `server/src/web/forms.rs`.)

use crate::model::{AccountView, Address, AppError, Viewer};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The signed-in user's profile and saved addresses.
#[server(prefix = "/api", endpoint = "akun", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn my_account() -> Result<AccountView, AppError> {
    use crate::server::session::require_user;
    let viewer = require_user()?;
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
    crate::server::session::require_user()
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

#[server(prefix = "/api", endpoint = "form-alamat", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn address_form(id: Option<i64>) -> Result<AddressFormData, AppError> {
    use crate::server::session::{fail, require_buyer};
    let viewer = require_buyer()?;
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
        kecamatan: crate::api::catalog::ssr::cached_kecamatan(&state).await?,
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
    use crate::model::Role;
    crate::server::session::require_role(&[Role::Admin])?;
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
fn internal(e: crate::server::store::StoreError) -> AppError {
    tracing::error!(error = %e, "store error");
    crate::server::session::fail(AppError::Internal)
}

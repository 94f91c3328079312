//! Server functions, one module per domain. Each one checks who is asking
//! (through [`crate::domain::access`]), validates input, calls the domain
//! and the store, and maps errors; nothing else reaches the data.
//!
//! Reads are `GET`; every write is a `POST` server function. With
//! JavaScript an island calls it directly; without, the page's plain form
//! posts to the page's own address and the server's one form adapter
//! (`server/src/web/forms.rs`) calls the same function, then answers
//! `303` to [`Landing::landing`] or renders the page again with the refusal.

pub mod account;
pub mod admin;
pub mod cart;
pub mod catalog;
pub mod city;
#[cfg(feature = "ssr")]
pub(crate) mod common;
pub mod complaint;
pub mod figures;
pub mod merchant;
pub mod moderation;
pub mod order;
pub mod search;

use serde::{Deserialize, Serialize};

/// What a write returns when all that matters next is where to go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    /// A local path to show next (`/akun?ok=alamat`).
    pub next: String,
}

impl Done {
    pub fn to(next: impl Into<String>) -> Self {
        Done { next: next.into() }
    }
}

/// Where a person who sent a plain form goes after the write succeeded.
pub trait Landing {
    fn landing(&self) -> String;
}

impl Landing for Done {
    fn landing(&self) -> String {
        self.next.clone()
    }
}

/// Reports every error on its way out (status, `Retry-After`): the last
/// step of each server function.
#[cfg(feature = "ssr")]
pub(crate) fn edge<T>(r: Result<T, crate::model::AppError>) -> Result<T, crate::model::AppError> {
    r.map_err(crate::server::session::fail)
}

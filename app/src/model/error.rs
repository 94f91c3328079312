//! The error every server function returns: typed, so the page can say the right thing.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong, as the user should hear it. Causes go to the log, not here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// The record does not exist (or is not visible to this user).
    NotFound,
    /// The request needs a signed-in user.
    NotSignedIn,
    /// Signed in, but not allowed.
    Forbidden,
    /// Input was rejected; the message is for the user, in Indonesian.
    Invalid(String),
    /// Something failed on the server; details were logged.
    Internal,
    /// Transport or encoding failure between browser and server.
    Transport(String),
}

impl AppError {
    /// The HTTP status that goes with this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::NotSignedIn => 401,
            AppError::Forbidden => 403,
            AppError::Invalid(_) => 400,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// The message shown to the user (Bahasa Indonesia).
    pub fn message(&self) -> String {
        match self {
            AppError::NotFound => "Data tidak ditemukan.".into(),
            AppError::NotSignedIn => "Silakan masuk terlebih dahulu.".into(),
            AppError::Forbidden => "Anda tidak memiliki akses ke halaman ini.".into(),
            AppError::Invalid(msg) => msg.clone(),
            AppError::Internal => {
                "Terjadi kesalahan pada server. Silakan coba lagi sebentar lagi.".into()
            }
            AppError::Transport(_) => "Koneksi bermasalah. Periksa jaringan Anda.".into(),
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

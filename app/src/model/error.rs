//! The error every server function returns: typed, so a page (or an island)
//! can say the right thing in the reader's language. Causes go to the log,
//! never into this type.
//!
//! The layers each have one error: the store's `StoreError` (classified by
//! constraint, never by message text), the domain's refusals (codes such as
//! [`crate::model::Invalid`] and [`crate::domain::cart::CartRefusal`]), and
//! this one at the edge, which server functions return and pages show.

use super::FieldErrors;
use crate::i18n::Texts;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong, as the user should hear it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// The record does not exist (or is not visible to this user).
    NotFound,
    /// The request needs a signed-in user.
    NotSignedIn,
    /// Signed in, but not allowed.
    Forbidden,
    /// The request could not be read (missing or malformed arguments): the
    /// client's fault, HTTP 400. Carries the explanation in the reader's
    /// language, so a script calling the API reads words, not a parser's
    /// message.
    BadRequest(String),
    /// The input or the request was refused, with what to tell the user.
    Refused(Refusal),
    /// Something failed on the server; details were logged.
    Internal,
    /// Transport or encoding failure between browser and server.
    Transport(String),
}

/// A refusal the user can act on: what to say about the whole form, what
/// about each field, and the HTTP status that says why (401 wrong password,
/// 404, 409 taken, 422 bad input, 429 too many, 503 busy).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Refusal {
    pub status: u16,
    /// A message for the whole form, already in the reader's language.
    pub message: Option<String>,
    /// Messages per field name.
    pub fields: FieldErrors,
    /// Seconds until it may be tried again (429, 503).
    pub retry_after: Option<u64>,
}

impl Refusal {
    /// A refusal with a message for the whole form.
    pub fn message(status: u16, msg: impl Into<String>) -> Self {
        Refusal {
            status,
            message: Some(msg.into()),
            ..Default::default()
        }
    }

    /// Refused fields: 422, "check the marked fields".
    pub fn fields(fields: FieldErrors, t: &Texts) -> Self {
        Refusal {
            status: 422,
            message: Some(t.check_marked.into()),
            fields,
            retry_after: None,
        }
    }

    /// One refused field.
    pub fn field(name: &str, msg: impl Into<String>, t: &Texts) -> Self {
        let mut f = FieldErrors::new();
        f.insert(name.into(), msg.into());
        Self::fields(f, t)
    }

    /// The same refusal with another status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        AppError::Refused(r)
    }
}

impl AppError {
    /// The HTTP status that goes with this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::NotSignedIn => 401,
            AppError::Forbidden => 403,
            AppError::BadRequest(_) => 400,
            AppError::Refused(r) => r.status,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// The message shown to the user, in the language of `t`.
    pub fn message_in(&self, t: &Texts) -> String {
        match self {
            AppError::NotFound => t.error_not_found.into(),
            AppError::NotSignedIn => t.error_sign_in.into(),
            AppError::Forbidden => t.error_forbidden.into(),
            AppError::BadRequest(_) => t.error_bad_request.into(),
            AppError::Refused(r) => r.message.clone().unwrap_or_else(|| t.error_internal.into()),
            AppError::Internal => t.error_internal.into(),
            AppError::Transport(_) => t.error_transport.into(),
        }
    }
}

/// In Indonesian, for logs and the command line.
impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_in(&crate::i18n::ID))
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Arguments that do not decode are the caller's fault: 400, in words.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                #[cfg(feature = "ssr")]
                if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                    res.set_status(http::StatusCode::BAD_REQUEST);
                }
                AppError::BadRequest(crate::i18n::t().error_bad_request.into())
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_carry_their_status_and_read_in_both_languages() {
        use crate::i18n::{EN, ID};
        assert_eq!(AppError::BadRequest(String::new()).status(), 400);
        let r = Refusal::message(409, "sudah ada");
        assert_eq!(AppError::from(r.clone()).status(), 409);
        assert_eq!(AppError::Refused(r).message_in(&EN), "sudah ada");
        assert_ne!(
            AppError::Forbidden.message_in(&ID),
            AppError::Forbidden.message_in(&EN)
        );
        let bad = AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into()));
        assert_eq!(bad, AppError::BadRequest(ID.error_bad_request.into()));
        assert_eq!(bad.message_in(&EN), EN.error_bad_request);
    }
}

//! Forms that work without JavaScript: they post to the page's own URL;
//! when the server refuses the input it renders the same page again with
//! a [`FormReply`], so nothing typed is lost (passwords excepted).

use crate::model::FieldErrors;
use crate::web::set_status;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// What the server says about a refused form, provided as context to the
/// page it renders again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormReply {
    pub status: u16,
    /// A message for the whole form.
    pub message: Option<String>,
    /// Messages per field name.
    pub errors: FieldErrors,
    /// What was typed, by field name (never passwords).
    pub values: BTreeMap<String, String>,
}

/// The reply for the form being rendered, if the server refused one.
pub fn form_reply() -> Option<FormReply> {
    use_context::<FormReply>()
}

/// What the user typed into `name`, or `default`.
pub fn typed(name: &str, default: impl Into<String>) -> String {
    form_reply()
        .and_then(|r| r.values.get(name).cloned())
        .unwrap_or_else(|| default.into())
}

/// The form's overall message, with the reply's HTTP status.
#[component]
pub fn FormAlert() -> impl IntoView {
    form_reply().map(|r| {
        if r.status >= 400 {
            set_status(r.status);
        }
        r.message.map(|m| {
            view! {
                <div class="alert error" role="alert" id="form-alert">
                    {m}
                </div>
            }
        })
    })
}

/// A labelled input with its error message.
#[component]
pub fn Field(
    /// The form field's name.
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional, into)] value: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = false)] required: bool,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let error = form_reply().and_then(|r| r.errors.get(name).cloned());
    // Passwords are never sent back to the browser.
    let value = if kind == "password" {
        String::new()
    } else {
        typed(name, value)
    };
    let describe = match (&error, hint) {
        (Some(_), _) => Some(format!("{id}-err")),
        (None, Some(_)) => Some(format!("{id}-hint")),
        _ => None,
    };
    let invalid = error.is_some();
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                maxlength=maxlength
                aria-invalid=invalid.then_some("true")
                aria-describedby=describe
            />
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            {error.map(|e| view! { <p class="field-error" id=format!("{id}-err")>{e}</p> })}
        </div>
    }
}

/// A labelled `<select>` of `(value, text)` options with its error message.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: String,
    /// Text of an empty first option, if any.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    let id = format!("f-{name}");
    let error = form_reply().and_then(|r| r.errors.get(name).cloned());
    let current = typed(name, value);
    let invalid = error.is_some();
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            <select
                id=id.clone()
                name=name
                required=required
                aria-invalid=invalid.then_some("true")
                aria-describedby=invalid.then(|| format!("{id}-err"))
            >
                {placeholder.map(|p| view! { <option value="">{p}</option> })}
                {options
                    .into_iter()
                    .map(|(v, t)| {
                        let selected = v == current;
                        view! {
                            <option value=v selected=selected>
                                {t}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {error.map(|e| view! { <p class="field-error" id=format!("{id}-err")>{e}</p> })}
        </div>
    }
}

/// A labelled `<textarea>` with its error message, in one of several forms
/// on a page: `of` names the hidden field and value that mark this form,
/// so what was typed and the refusal come back only to the form that was
/// sent (`None`: the page's only form).
#[component]
pub fn TextField(
    /// The element's id (unique on the page).
    id: String,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] of: Option<(&'static str, String)>,
    /// Fewest characters (0: any), and most.
    #[prop(default = 0)]
    min: usize,
    max: usize,
    #[prop(default = false)] required: bool,
    #[prop(default = 2)] rows: u32,
) -> impl IntoView {
    let reply = form_reply().filter(|r| match &of {
        Some((field, value)) => r.values.get(*field) == Some(value),
        None => true,
    });
    let value = reply
        .as_ref()
        .and_then(|r| r.values.get(name).cloned())
        .unwrap_or_default();
    let error = reply.and_then(|r| r.errors.get(name).cloned());
    let invalid = error.is_some();
    let error_id = format!("{id}-err");
    let described = invalid.then(|| error_id.clone());
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                name=name
                rows=rows.to_string()
                required=required
                minlength=(min > 0).then(|| min.to_string())
                maxlength=max.to_string()
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            >
                {value}
            </textarea>
            {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
        </div>
    }
}

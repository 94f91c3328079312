//! Choosing a kecamatan to see the shops near you.
//!
//! The form is rendered on the server ([`KecamatanForm`]); the island
//! ([`KecamatanPicker`]) only wraps it. Islands with props other than
//! `children` carry their props as JSON and need a JSON decoder in the
//! WASM every page loads, so this one reads everything from the DOM.

use leptos::prelude::*;

/// A form that filters by kecamatan: without JavaScript a plain GET form
/// with a button.
#[component]
pub fn KecamatanForm(
    /// Every kecamatan name.
    options: Vec<String>,
    /// The one chosen now, if any.
    selected: Option<String>,
    /// Where the form goes (the page it sits on).
    action: String,
    /// Its words, in the page's language: label, "all", button.
    words: [String; 3],
) -> impl IntoView {
    let [label, all, button] = words;
    view! {
        <form class="kecamatan-picker" method="get" action=action>
            <label for="kecamatan">{label}</label>
            <select id="kecamatan" name="kecamatan">
                <option value="" selected=selected.is_none()>{all}</option>
                {options
                    .into_iter()
                    .map(|k| {
                        let is_selected = selected.as_deref() == Some(k.as_str());
                        view! { <option value=k.clone() selected=is_selected>{k.clone()}</option> }
                    })
                    .collect_view()}
            </select>
            <button type="submit" class="btn">{button}</button>
        </form>
    }
}

/// Once hydrated, choosing an option submits the [`KecamatanForm`] inside
/// at once, and its button steps aside. The form is then marked
/// `data-hydrated="true"`.
#[island]
pub fn KecamatanPicker(children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(root) = root.get() else { return };
        if let Ok(Some(button)) = root.query_selector("form.kecamatan-picker button") {
            let _ = button.set_attribute("hidden", "");
        }
        if let Ok(Some(form)) = root.query_selector("form.kecamatan-picker") {
            let _ = form.set_attribute("data-hydrated", "true");
        }
    });
    let on_change = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        if let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .and_then(|s| s.form())
        {
            let _ = form.request_submit();
        }
    };
    view! {
        <div class="island" node_ref=root on:change=on_change>
            {children()}
        </div>
    }
}

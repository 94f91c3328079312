//! Choosing a kecamatan to see the shops near you.

use leptos::prelude::*;

/// A form that filters by kecamatan. Without JavaScript it is a plain GET
/// form with a button; once hydrated, choosing an option submits at once and
/// the button steps aside.
#[island]
pub fn KecamatanPicker(
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
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
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
        <form class="kecamatan-picker" method="get" action=action data-hydrated=move || hydrated.get().to_string()>
            <label for="kecamatan">{label}</label>
            <select id="kecamatan" name="kecamatan" on:change=on_change>
                <option value="" selected=selected.is_none()>{all}</option>
                {options
                    .into_iter()
                    .map(|k| {
                        let is_selected = selected.as_deref() == Some(k.as_str());
                        view! { <option value=k.clone() selected=is_selected>{k.clone()}</option> }
                    })
                    .collect_view()}
            </select>
            <button type="submit" class="btn" hidden=move || hydrated.get()>{button}</button>
        </form>
    }
}

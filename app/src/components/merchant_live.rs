//! The merchant's two islands. Both only add to pages that work without
//! them: the inbox is a list of plain forms, the pin two plain fields.
//!
//! [`InboxLive`] listens to the shop's event stream (server-sent events;
//! the browser reconnects by itself and sends the last event id it saw, so
//! nothing is missed). On an event it fetches the inbox page again and
//! swaps the list in, without a reload; a new order also beeps and
//! vibrates. It says when the page it sits on is older than two minutes
//! (the installed app showing a cached inbox on a weak signal).
//!
//! [`LocateButton`] fills the pin fields from the phone's location.

use crate::paths;
use leptos::prelude::*;

/// How old a rendered inbox may be before the page says it is old.
const OLD_AFTER_SECS: f64 = 120.0;

/// Keeps the inbox on the page current.
#[island]
pub fn InboxLive(
    /// The newest event the page already shows.
    after: i64,
    /// When the server made the page (Unix seconds).
    rendered_at: i64,
    /// In the page's language: connected, disconnected, "new order",
    /// "showing data from earlier".
    words: Vec<String>,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let old = RwSignal::new(false);
    let words = StoredValue::new(words);
    Effect::new(move |_| {
        let now = js_sys::Date::now() / 1000.0;
        if now - rendered_at as f64 > OLD_AFTER_SECS {
            old.set(true);
        }
        connect(after, status, words);
    });
    view! {
        <p class="live-status" aria-live="polite" hidden=move || status.get().is_empty()>
            {move || status.get()}
        </p>
        <p class="alert warn" role="status" hidden=move || !old.get()>
            {move || words.with_value(|w| w.get(3).cloned().unwrap_or_default())}
        </p>
    }
}

/// Opens the event stream and wires its callbacks (they live as long as
/// the page).
fn connect(after: i64, status: RwSignal<String>, words: StoredValue<Vec<String>>) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let url = format!("{}?setelah={after}", paths::MY_ORDERS_LIVE);
    let Ok(source) = web_sys::EventSource::new(&url) else {
        return;
    };
    let word = move |i: usize| words.with_value(|w| w.get(i).cloned().unwrap_or_default());
    let on_open = Closure::<dyn FnMut()>::new(move || status.set(word(0)));
    let on_error = Closure::<dyn FnMut()>::new(move || status.set(word(1)));
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data().as_string().unwrap_or_default();
            if data.contains("\"pesanan_baru\"") {
                status.set(word(2));
                alert_merchant();
            }
            leptos::task::spawn_local(refresh());
        });
    source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_open.forget();
    on_error.forget();
    on_message.forget();
}

/// A short beep and a vibration (where the browser allows them).
fn alert_merchant() {
    let _ = window().navigator().vibrate_with_duration(300);
    if let Ok(ctx) = web_sys::AudioContext::new() {
        if let Ok(osc) = ctx.create_oscillator() {
            osc.frequency().set_value(880.0);
            let _ = osc.connect_with_audio_node(&ctx.destination());
            let _ = osc.start();
            let _ = osc.stop_with_when(ctx.current_time() + 0.25);
        }
    }
}

/// Fetches this page again and puts its `#inbox` in place of ours. The
/// HTML is our own server's rendering (escaped as on any page load); its
/// nodes are imported, never assigned as a string.
async fn refresh() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let href = window().location().href().unwrap_or_default();
    let Ok(res) = JsFuture::from(window().fetch_with_str(&href)).await else {
        return;
    };
    let Ok(res) = res.dyn_into::<web_sys::Response>() else {
        return;
    };
    if !res.ok() {
        return;
    }
    let Ok(text) = res.text() else { return };
    let Some(html) = JsFuture::from(text).await.ok().and_then(|t| t.as_string()) else {
        return;
    };
    let Ok(parser) = web_sys::DomParser::new() else {
        return;
    };
    let Ok(doc) = parser.parse_from_string(&html, web_sys::SupportedType::TextHtml) else {
        return;
    };
    let (Some(fresh), Some(mine)) = (
        doc.get_element_by_id("inbox"),
        document().get_element_by_id("inbox"),
    ) else {
        return;
    };
    if let Ok(node) = document().import_node_with_deep(&fresh, true) {
        let _ = mine.replace_with_with_node_1(&node);
    }
}

/// "Use my location": fills `#f-lat` and `#f-lng`. Hidden until the page
/// is interactive (without JavaScript it could do nothing).
#[island]
pub fn LocateButton(label: String, failed: String) -> impl IntoView {
    let failed = StoredValue::new(failed);
    let ready = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    Effect::new(move |_| ready.set(true));
    let on_click = move |_| {
        use wasm_bindgen::{closure::Closure, JsCast, JsValue};
        let Ok(geo) = window().navigator().geolocation() else {
            note.set(failed.get_value());
            return;
        };
        let ok = Closure::once_into_js(move |pos: web_sys::Position| {
            let c = pos.coords();
            set_field("f-lat", c.latitude());
            set_field("f-lng", c.longitude());
            note.set(String::new());
        });
        let err = Closure::once_into_js(move |_: JsValue| note.set(failed.get_value()));
        let _ = geo.get_current_position_with_error_callback(
            ok.unchecked_ref(),
            Some(err.unchecked_ref()),
        );
    };
    view! {
        <button type="button" class="btn" hidden=move || !ready.get() on:click=on_click>
            {label}
        </button>
        <p class="hint" aria-live="polite">{move || note.get()}</p>
    }
}

fn set_field(id: &str, v: f64) {
    use wasm_bindgen::JsCast;
    if let Some(input) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value(&format!("{v:.6}"));
    }
}

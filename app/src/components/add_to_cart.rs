//! The product page's "add to cart". Without JavaScript it is a plain form
//! (the server answers with the product page, scrolled to `#beli`, and the
//! confirmation right above the button). Hydrated, it calls the same
//! server function without leaving the page, says what happened where the
//! buyer is looking, and updates the cart badges in the header.
//!
//! The form and its message box are rendered on the server ([`BuyBox`]);
//! the island ([`AddToCart`]) only wraps them and catches the form's
//! submit as it bubbles. It carries no view of its own, takes no props
//! (its words are the form's `data-` attributes: props would travel as
//! JSON and bring a JSON decoder into the bundle) and reads the answer
//! with the browser's JSON parser, so it adds little to the bundle every
//! page loads.

use crate::paths;
use leptos::prelude::*;

/// The form and the message box above it, rendered on the server.
#[component]
pub fn BuyBox(
    product: i64,
    stock: i64,
    /// The typed quantity (after a refused plain post), else 1.
    qty: String,
    /// A message decided by the server: (is it good news, text).
    notice: Option<(bool, String)>,
    quantity_label: &'static str,
    button: &'static str,
    sold_out_label: &'static str,
    view_cart: &'static str,
    /// For the island, in the page's language: the confirmation with an
    /// `{n}` slot (the unit already filled in), what to say when the
    /// request failed, and the cart badge's label with an `{n}` slot.
    words: [String; 3],
) -> impl IntoView {
    let [added, failed, badge] = words;
    let sold_out = stock <= 0;
    let (class, role, text, ok) = match notice {
        Some((true, text)) => ("alert ok", "status", text, true),
        Some((false, text)) => ("alert error", "alert", text, false),
        None => ("alert", "status", String::new(), false),
    };
    let hidden = text.is_empty();
    view! {
        <div id="beli-pesan" class=class role=role hidden=hidden>
            <span class="text">{text}</span>
            " "
            <a class="view-cart" href=paths::CART hidden=!ok>{view_cart}</a>
        </div>
        <form
            method="post"
            action=paths::CART_ADD
            class="add-to-cart"
            data-added=added
            data-failed=failed
            data-badge=badge
        >
            <input type="hidden" name="produk" value=product.to_string() />
            <label for="f-jumlah">{quantity_label}</label>
            <input
                id="f-jumlah"
                name="jumlah"
                type="number"
                inputmode="numeric"
                min="1"
                max=stock.clamp(1, crate::domain::cart::MAX_QTY).to_string()
                value=qty
                required=true
                disabled=sold_out
            />
            <button type="submit" class="btn primary" disabled=sold_out>
                {if sold_out { sold_out_label } else { button }}
            </button>
        </form>
    }
}

/// Makes the [`BuyBox`] inside it add without leaving the page.
#[island]
pub fn AddToCart(children: Children) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let busy = StoredValue::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        use wasm_bindgen::JsCast;
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        if form.class_name() != "add-to-cart" {
            return;
        }
        ev.prevent_default();
        if busy.get_value() {
            return;
        }
        let field = |name: &str| {
            form.query_selector(&format!("input[name={name}]"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default()
        };
        let (product, qty) = (field("produk"), field("jumlah"));
        let word = |name: &str| form.get_attribute(name).unwrap_or_default();
        let (added, failed, badge) = (word("data-added"), word("data-failed"), word("data-badge"));
        busy.set_value(true);
        leptos::task::spawn_local(async move {
            match post_add(&product, &qty).await {
                Ok(Answer::Added {
                    in_cart,
                    cart_units,
                }) => {
                    say(true, &added.replace("{n}", &in_cart.to_string()));
                    update_badges(cart_units, &badge);
                }
                Ok(Answer::SignIn) => {
                    let p = product.parse().unwrap_or(0);
                    let q = qty.trim().parse().unwrap_or(1);
                    let next = paths::sign_in_then(&paths::cart_add_intent(p, q));
                    let _ = window().location().set_href(&next);
                }
                Ok(Answer::Refused(text)) => say(false, &text.unwrap_or(failed)),
                Err(()) => say(false, &failed),
            }
            busy.set_value(false);
        });
    };
    view! {
        <div id="beli" class="buy-box" data-hydrated=move || hydrated.get().to_string() on:submit=on_submit>
            {children()}
        </div>
    }
}

/// What the server said to an add.
enum Answer {
    /// Units of the product now in the cart, and in the whole cart.
    Added { in_cart: i64, cart_units: i64 },
    /// Nobody is signed in: sign in first, and the add happens then.
    SignIn,
    /// Refused, with the server's words (in the reader's language) if any.
    Refused(Option<String>),
}

/// Calls the add-to-cart server function with the browser's own `fetch`
/// and reads its JSON answer with the browser's own parser: the same
/// endpoint, form and answers as the generated client, without its
/// encoding machinery (and serde code) in the bundle.
async fn post_add(product: &str, qty: &str) -> Result<Answer, ()> {
    use leptos::server_fn::ServerFn;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    let form = web_sys::UrlSearchParams::new().map_err(|_| ())?;
    form.append("produk", product);
    form.append("jumlah", qty);
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&form);
    let path = <crate::api::cart::AddToCart as ServerFn>::PATH;
    let res: web_sys::Response = JsFuture::from(window().fetch_with_str_and_init(path, &init))
        .await
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    let json = JsFuture::from(res.json().map_err(|_| ())?)
        .await
        .unwrap_or(JsValue::NULL);
    let get = |v: &JsValue, key: &str| js_sys::Reflect::get(v, &JsValue::from_str(key)).ok();
    let number = |key: &str| get(&json, key).and_then(|v| v.as_f64()).map(|n| n as i64);
    Ok(match res.status() {
        200 => Answer::Added {
            in_cart: number("in_cart").ok_or(())?,
            cart_units: number("cart_units").ok_or(())?,
        },
        401 => Answer::SignIn,
        // `{"Refused": {"message": "…", …}}`; anything else has no words.
        _ => Answer::Refused(
            get(&json, "Refused")
                .and_then(|r| get(&r, "message"))
                .and_then(|m| m.as_string()),
        ),
    })
}

/// Shows `text` in the message box (with the cart link when it is good
/// news) and brings it into view, below the sticky header.
fn say(ok: bool, text: &str) {
    let Ok(Some(msg)) = document().query_selector("#beli-pesan") else {
        return;
    };
    msg.set_class_name(if ok { "alert ok" } else { "alert error" });
    let _ = msg.set_attribute("role", if ok { "status" } else { "alert" });
    let _ = msg.remove_attribute("hidden");
    if let Ok(Some(span)) = msg.query_selector(".text") {
        span.set_text_content(Some(text));
    }
    if let Ok(Some(link)) = msg.query_selector(".view-cart") {
        let _ = if ok {
            link.remove_attribute("hidden")
        } else {
            link.set_attribute("hidden", "")
        };
    }
    msg.scroll_into_view();
}

/// Sets every cart badge on the page to `n`.
fn update_badges(n: i64, label: &str) {
    let Ok(list) = document().query_selector_all(".cart-count") else {
        return;
    };
    for i in 0..list.length() {
        if let Some(node) = list.item(i) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = node.dyn_into::<web_sys::HtmlElement>() {
                el.set_text_content(Some(&n.to_string()));
                el.set_hidden(n == 0);
                let _ = el.set_attribute("aria-label", &label.replace("{n}", &n.to_string()));
            }
        }
    }
}

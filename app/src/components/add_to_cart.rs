//! The product page's "add to cart". Without JavaScript it is a plain form
//! (the server answers with the product page, scrolled to `#beli`, and the
//! confirmation right above the button). Hydrated, it calls the same
//! server function without leaving the page, says what happened where the
//! buyer is looking, and updates the cart badges in the header.

use leptos::prelude::*;

/// The island's words, in the page's language (islands carry no text table).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AddWords {
    pub quantity: String,
    pub button: String,
    pub sold_out: String,
    /// "Added … {n} {unit}" with `{n}` and `{unit}` slots.
    pub added: String,
    pub view_cart: String,
    /// Said when the request failed without a message (offline, …).
    pub failed: String,
    pub cart_units: String,
}

/// The add-to-cart form.
#[island]
pub fn AddToCart(
    product: i64,
    stock: i64,
    unit: String,
    words: AddWords,
    /// The typed quantity (after a refused plain post), else 1.
    qty: String,
    /// A message already decided by the server: ("ok" | "error", text).
    notice: Option<(String, String)>,
) -> impl IntoView {
    let message = RwSignal::new(notice);
    let busy = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let input = NodeRef::<leptos::html::Input>::new();
    let words = StoredValue::new(words);
    let unit = StoredValue::new(unit);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let qty = input.get().map(|i| i.value()).unwrap_or_else(|| "1".into());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let w = words.get_value();
            match crate::api::cart::add_to_cart(product.to_string(), qty.clone()).await {
                Ok(r) => {
                    let text = crate::i18n::fill(
                        &w.added,
                        &[("n", &r.in_cart), ("unit", &unit.get_value())],
                    );
                    message.set(Some(("ok".into(), text)));
                    update_badges(r.cart_units, &w.cart_units);
                    show_message();
                }
                Err(crate::model::AppError::NotSignedIn) => {
                    let q = qty.trim().parse::<i64>().unwrap_or(1);
                    let next =
                        crate::paths::sign_in_then(&crate::paths::cart_add_intent(product, q));
                    let _ = window().location().set_href(&next);
                }
                Err(crate::model::AppError::Refused(r)) => {
                    message.set(Some(("error".into(), r.message.unwrap_or(w.failed))));
                    show_message();
                }
                Err(_) => {
                    message.set(Some(("error".into(), w.failed)));
                    show_message();
                }
            }
            busy.set(false);
        });
    };
    let w = words.get_value();
    let sold_out = stock <= 0;
    view! {
        <div id="beli" class="buy-box" data-hydrated=move || hydrated.get().to_string()>
            {move || {
                message
                    .get()
                    .map(|(kind, text)| {
                        let ok = kind == "ok";
                        view! {
                            <div class=if ok { "alert ok" } else { "alert error" } role=if ok { "status" } else { "alert" }>
                                {text}
                                {ok.then(|| view! { " " <a href=crate::paths::CART>{words.get_value().view_cart}</a> })}
                            </div>
                        }
                    })
            }}
            <form method="post" action=crate::paths::CART_ADD class="add-to-cart" on:submit=on_submit>
                <input type="hidden" name="produk" value=product.to_string() />
                <label for="f-jumlah">{w.quantity.clone()}</label>
                <input
                    id="f-jumlah"
                    node_ref=input
                    name="jumlah"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max=stock.clamp(1, crate::domain::cart::MAX_QTY).to_string()
                    value=qty
                    required=true
                    disabled=sold_out
                />
                <button type="submit" class="btn primary" disabled=move || sold_out || busy.get()>
                    {if sold_out { w.sold_out.clone() } else { w.button.clone() }}
                </button>
            </form>
        </div>
    }
}

/// Brings the answer into view (below the sticky header, by its
/// `scroll-margin`), where the buyer is looking.
fn show_message() {
    request_animation_frame(|| {
        if let Ok(Some(el)) = document().query_selector(".buy-box .alert") {
            el.scroll_into_view();
        }
    });
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
                let _ = el.set_attribute("aria-label", &crate::i18n::fill(label, &[("n", &n)]));
            }
        }
    }
}

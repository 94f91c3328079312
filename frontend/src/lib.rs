//! The WASM entry point: hydrates the islands that the server rendered.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    app::hydrate();
}

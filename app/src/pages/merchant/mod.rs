//! The merchant's pages (`/toko-saya/…`): their shop, products, order
//! inbox and money. Designed for a phone first; every action is a plain
//! form, so all of it works without JavaScript.

mod apply;
mod home;
mod inbox;
mod products;

pub use apply::ShopApplyPage;
pub use home::MerchantHomePage;
pub use inbox::{InboxPage, PackingSlipPage};
pub use products::{ProductEditPage, ProductNewPage, ProductsPage};

use crate::i18n::Texts;
use leptos::prelude::*;

/// A shop's status in words (a refusal the owner may fix and file again
/// reads "needs a fix", not "rejected").
pub fn shop_status_label(s: &str, may_refile: bool, t: &Texts) -> &'static str {
    match s {
        "pending" => t.shop_pending,
        "verified" => t.shop_verified,
        "rejected" if may_refile => t.review_list_fix,
        "rejected" => t.shop_rejected,
        "suspended" => t.shop_suspended,
        _ => t.st_unknown,
    }
}

/// The `?ok=` notice of a merchant page, in words.
pub fn notice(ok: &str, t: &Texts) -> Option<&'static str> {
    Some(match ok {
        "diajukan" => t.ok_shop_applied,
        "disimpan" => t.ok_product_saved,
        "diubah" => t.ok_product_changed,
        "ajukan-ulang" => t.ok_product_resubmitted,
        "disalin" => t.ok_product_copied,
        "dihapus" => t.ok_product_deleted,
        "diarsip" => t.ok_product_archived,
        "foto" => t.ok_photo_added,
        "foto-dihapus" => t.ok_photo_removed,
        "foto-toko" => t.ok_shop_photo,
        "terima" => t.ok_order_accepted,
        "tolak" => t.ok_order_rejected,
        "kirim" => t.ok_order_sent,
        "selesai" => t.ok_order_done,
        _ => return None,
    })
}

/// The page's `?ok=` value.
pub fn ok_param() -> String {
    leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("ok")
        .unwrap_or_default()
}

/// The upload form for a shop or product photo (multipart, works without
/// JavaScript; the phone offers its camera). A refused upload comes back
/// with the reason under the file field.
#[component]
pub fn PhotoForm(action: String, id: &'static str) -> impl IntoView {
    let t = crate::i18n::t();
    let error = crate::components::form_reply()
        .and_then(|r| r.errors.get("foto").cloned())
        .map(|e| view! { <p class="field-error" role="alert" id="foto-err">{e}</p> });
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="form">
            <div class="field">
                <label for=id>{t.choose_photo}</label>
                <input
                    id=id
                    type="file"
                    name="foto"
                    accept="image/jpeg,image/png,image/webp"
                    capture="environment"
                    required=true
                />
                <p class="hint">{t.photo_hint}</p>
                {error}
            </div>
            <button type="submit" class="btn">{t.upload_photo}</button>
        </form>
    }
}

//! `/admin/produk`: moderation. Products merchants resubmitted after a
//! takedown (oldest first) with the two decisions; the products taken
//! down; the same product priced far apart across shops; banned words.
//! A product is taken down from its own page.

use crate::api::moderation::{moderation, ModeratedView, ModerationView};
use crate::components::{page_data, FormAlert, NoIndex, PageTitle, Price, TextField};
use crate::i18n::fill;
use crate::model::format_wib;
use crate::pages::merchant::ok_param;
use crate::paths;
use leptos::prelude::*;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let ok = ok_param();
    page_data(
        moderation,
        move |m| view! { <Moderation m ok=ok.clone() /> },
    )
}

#[component]
fn Waiting(p: ModeratedView) -> impl IntoView {
    let t = crate::i18n::t();
    let id = p.id;
    view! {
        <li class="review-card" id=format!("p{id}")>
            <h3>{p.name.clone()}</h3>
            <p><a href=paths::shop(&p.shop_slug)>{p.shop_name.clone()}</a></p>
            <p>{t.moderation_was} " " <q>{p.reason.clone()}</q></p>
            <p class="muted">{fill(t.moderation_resubmitted_at, &[("at", &p.resubmitted_at.map(format_wib).unwrap_or_default())])}</p>
            <p><a href=paths::product(id)>{t.moderation_open_product}</a></p>
            <form method="post" action=paths::admin_product_review(id) class="form decision">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="keputusan" value="tampilkan" />
                <button type="submit" class="btn primary">{t.moderation_relist}</button>
            </form>
            <form method="post" action=paths::admin_product_review(id) class="form decision">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="keputusan" value="tetap" />
                <TextField id=format!("alasan-{id}") name="alasan" label=t.moderation_keep_reason of=("id", id.to_string()) min=5 max=1000 required=true />
                <button type="submit" class="btn danger">{t.moderation_keep_down}</button>
            </form>
        </li>
    }
}

#[component]
fn Moderation(m: ModerationView, ok: String) -> impl IntoView {
    let t = crate::i18n::t();
    let notice = match ok.as_str() {
        "turun" => Some(t.ok_taken_down),
        "tampil" => Some(t.ok_relisted),
        "tetap" => Some(t.ok_kept_down),
        "kata" => Some(t.ok_word_added),
        "hapus" => Some(t.ok_word_removed),
        _ => None,
    };
    let waiting_empty = m.waiting.is_empty();
    let waiting = m
        .waiting
        .into_iter()
        .map(|p| view! { <Waiting p /> })
        .collect_view();
    let down_empty = m.taken_down.is_empty();
    let down = m
        .taken_down
        .into_iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{p.name}</th>
                    <td><a href=paths::shop(&p.shop_slug)>{p.shop_name}</a></td>
                    <td>{p.reason}</td>
                    <td>{format_wib(p.taken_down_at)}</td>
                </tr>
            }
        })
        .collect_view();
    let parity_empty = m.parity.is_empty();
    let parity = m
        .parity
        .into_iter()
        .map(|g| {
            let spread = (g.max_price - g.min_price) * 100 / g.min_price.max(1);
            view! {
                <tr>
                    <th scope="row">{g.name} " (" {g.unit} ")"</th>
                    <td class="num">{g.shops}</td>
                    <td class="num"><a href=paths::product(g.cheapest_id)><Price amount=g.min_price /></a></td>
                    <td class="num"><a href=paths::product(g.dearest_id)><Price amount=g.max_price /></a></td>
                    <td class="num">{format!("+{spread}%")}</td>
                </tr>
            }
        })
        .collect_view();
    let words = m
        .banned
        .into_iter()
        .map(|(w, by, at)| {
            view! {
                <li>
                    <strong>{w.clone()}</strong>
                    " "
                    <span class="muted">{by.unwrap_or_default()} ", " {format_wib(at)}</span>
                    <form method="post" action=paths::ADMIN_BANNED_WORDS class="inline">
                        <input type="hidden" name="kata" value=w />
                        <input type="hidden" name="aksi" value="hapus" />
                        <button type="submit" class="btn link">{t.remove}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=t.moderation_title />
        <NoIndex />
        <section class="admin-page moderation-page">
            <p><a href=paths::ADMIN>{t.dash_heading}</a></p>
            <h1>{t.moderation_heading}</h1>
            <p class="lead">{t.moderation_lead}</p>
            {notice.map(|n| view! { <div class="alert ok" role="status">{n}</div> })}
            <FormAlert />
            <h2 id="diajukan">{t.moderation_waiting}</h2>
            {if waiting_empty {
                view! { <p class="muted">{t.moderation_none_waiting}</p> }.into_any()
            } else {
                view! { <ul class="review-list">{waiting}</ul> }.into_any()
            }}
            <h2 id="harga">{fill(t.moderation_parity, &[("p", &m.parity_percent)])}</h2>
            <p class="hint">{t.moderation_parity_hint} " " <a href=paths::ADMIN_SETTINGS>{t.moderation_parity_change}</a></p>
            {if parity_empty {
                view! { <p class="muted">{t.moderation_parity_none}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t.moderation_parity_table>
                        <table class="figures" id="tabel-harga">
                            <thead><tr>
                                <th scope="col">{t.product_name}</th>
                                <th scope="col" class="num">{t.moderation_shops}</th>
                                <th scope="col" class="num">{t.moderation_cheapest}</th>
                                <th scope="col" class="num">{t.moderation_dearest}</th>
                                <th scope="col" class="num">{t.moderation_spread}</th>
                            </tr></thead>
                            <tbody>{parity}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <h2 id="kata">{t.moderation_words}</h2>
            <p class="hint">{t.moderation_words_hint}</p>
            <ul class="banned-words">{words}</ul>
            <form method="post" action=paths::ADMIN_BANNED_WORDS class="form">
                <input type="hidden" name="aksi" value="tambah" />
                <crate::components::Field name="kata" label=t.moderation_word maxlength=60 required=true />
                <button type="submit" class="btn">{t.moderation_add_word}</button>
            </form>
            <h2 id="diturunkan">{t.moderation_down}</h2>
            {if down_empty {
                view! { <p class="muted">{t.moderation_none_down}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t.moderation_down>
                        <table class="figures">
                            <thead><tr>
                                <th scope="col">{t.product_name}</th>
                                <th scope="col">{t.complaint_shop}</th>
                                <th scope="col">{t.moderation_reason_col}</th>
                                <th scope="col">{t.set_when}</th>
                            </tr></thead>
                            <tbody>{down}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

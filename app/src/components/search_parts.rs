//! View pieces shared by the search page and a shop's own search: the
//! parameters of the current URL, the pager, the sort options and the
//! list of parameters that were left out.

use crate::i18n::{fill, t};
use crate::model::{SearchParams, SearchProblem, SearchSort, ShopKind, SEARCH_KEYS};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Reads the search parameters of the current URL.
pub fn current_params() -> SearchParams {
    let query = use_query_map().get_untracked();
    let pairs: Vec<(&str, String)> = SEARCH_KEYS
        .iter()
        .filter_map(|k| query.get(k).map(|v| (*k, v)))
        .collect();
    SearchParams::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
}

/// The parameters that were left out, and why.
#[component]
pub fn ProblemList(problems: Vec<SearchProblem>) -> impl IntoView {
    let t = t();
    (!problems.is_empty()).then(|| {
        view! {
            <div class="alert warn" role="status">
                <ul>
                    {problems.into_iter().map(|p| view! { <li>{p.message(t)}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// The options of a sort `<select>`, `sort` chosen.
#[component]
pub fn SortOptions(sort: SearchSort) -> impl IntoView {
    let t = t();
    SearchSort::ALL
        .into_iter()
        .map(|s| view! { <option value=s.as_str() selected=s == sort>{s.label(t)}</option> })
        .collect_view()
}

/// Previous/next links and where we are.
#[component]
pub fn Pager(
    params: SearchParams,
    #[prop(into)] base: String,
    page: i64,
    pages: i64,
) -> impl IntoView {
    let t = t();
    let prev = (page > 1 && page <= pages).then(|| params.href(&base, page - 1));
    let next = (page < pages).then(|| params.href(&base, page + 1));
    (pages > 1 && page <= pages).then(|| {
        view! {
            <nav class="pager" aria-label=t.pager>
                {prev.map(|h| view! { <a href=h rel="prev">{t.prev}</a> })}
                <span>{fill(t.page_of, &[("page", &page), ("pages", &pages)])}</span>
                {next.map(|h| view! { <a href=h rel="next">{t.next}</a> })}
            </nav>
        }
    })
}

/// The shop filters a product search and the shop directory share: the
/// kecamatan and the kind of shop, as labelled `<select>`s showing `params`.
#[component]
pub fn ShopFilterFields(params: SearchParams, kecamatan: Vec<String>) -> impl IntoView {
    let t = t();
    let kec = params.get("kecamatan").unwrap_or_default().to_string();
    let jenis = params.get("jenis").unwrap_or_default().to_string();
    view! {
        <label>
            <span>{t.kecamatan}</span>
            <select name="kecamatan">
                <option value="" selected=kec.is_empty()>{t.all_kecamatan}</option>
                {kecamatan
                    .into_iter()
                    .map(|k| {
                        let sel = k == kec;
                        let label = k.clone();
                        view! { <option value=k selected=sel>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
        <label>
            <span>{t.shop_kind}</span>
            <select name="jenis">
                <option value="" selected=jenis.is_empty()>{t.all_kinds}</option>
                {[ShopKind::TokoKelontong, ShopKind::Umkm]
                    .into_iter()
                    .map(|k| {
                        let sel = k.as_str() == jenis;
                        view! { <option value=k.as_str() selected=sel>{k.label(t)}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

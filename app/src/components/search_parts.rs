//! View pieces shared by the search page and a shop's own search: the
//! parameters of the current URL, the pager, the sort options and the
//! list of parameters that were left out.

use crate::i18n::{fill, t};
use crate::model::{SearchParams, SearchProblem, SearchSort, SEARCH_KEYS};
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

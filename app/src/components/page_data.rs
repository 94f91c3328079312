//! Loading a page's data on the server and showing it, or the error page.

use super::ErrorView;
use crate::model::AppError;
use crate::web::redirect_to;
use futures::future::{FutureExt, Shared};
use leptos::prelude::*;
use std::{future::Future, pin::Pin};

type Load<T> = Pin<Box<dyn Future<Output = Result<T, AppError>> + Send>>;

/// Renders `render(data)` once `load()` resolves, or the matching error page
/// (404, 500, …) if it fails. Routes render with `SsrMode::Async`, so the
/// finished HTML and its status go out in one response.
///
/// `load()` is called once, when the page is built, and its future shared.
/// On the server `<Suspense>` walks its children more than once before the
/// final render; a future created inside the children would be started and
/// dropped each time, and a dropped database call loses its connection.
/// (Not a resource: resources make `<Suspense>` track tasks, and one test
/// request hung waiting for a task that had finished.)
pub fn page_data<T, Fut, V>(
    load: impl FnOnce() -> Fut,
    render: impl Fn(T) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let data: Shared<Load<T>> = (Box::pin(load()) as Load<T>).shared();
    view! {
        <Suspense fallback=|| view! { <p class="loading">{crate::i18n::t().loading}</p> }>
            {move || {
                let data = data.clone();
                let render = render.clone();
                let loc = leptos_router::hooks::use_location();
                let (path, search) = (loc.pathname.get_untracked(), loc.search.get_untracked());
                let here = match search.trim_start_matches('?') {
                    "" => path,
                    q => format!("{path}?{q}"),
                };
                Suspend::new(async move {
                    match data.await {
                        Ok(data) => render(data).into_any(),
                        Err(AppError::NotSignedIn) => {
                            // Protected page: sign in first, then come back here.
                            redirect_to(&crate::paths::sign_in_then(&here));
                            let href = crate::paths::sign_in_then(&here);
                            let t = crate::i18n::t();
                            view! {
                                <section class="message-page">
                                    <h1>{t.sign_in_title}</h1>
                                    <p>{t.sign_in_text}</p>
                                    <a class="btn" href=href>{t.nav_sign_in}</a>
                                </section>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::page_data;
    use crate::model::AppError;
    use leptos::prelude::*;
    use leptos_router::components::Router;
    use std::sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    };

    /// `<Suspense>` walks its children several times on the server before
    /// it renders; the data must still be loaded only once (a load started
    /// and dropped costs a database connection on PostgreSQL).
    #[tokio::test]
    async fn a_page_loads_its_data_once_per_request() {
        let _ = any_spawner::Executor::init_tokio();
        let loads = Arc::new(AtomicUsize::new(0));
        let counted = loads.clone();
        let render = leptos_axum::render_app_async_with_context(
            || {},
            move || {
                let counted = counted.clone();
                view! {
                    <Router>
                        {page_data(
                            move || {
                                counted.fetch_add(1, Ordering::SeqCst);
                                async {
                                    tokio::task::yield_now().await;
                                    Ok::<_, AppError>("isi halaman".to_string())
                                }
                            },
                            |text: String| view! { <p id="isi">{text}</p> },
                        )}
                    </Router>
                }
            },
        );
        let request = http::Request::builder()
            .uri("/halaman")
            .body(axum::body::Body::empty())
            .unwrap();
        let response = render(request).await;
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let html = String::from_utf8_lossy(&body);
        assert!(html.contains("isi halaman"), "{html}");
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }
}

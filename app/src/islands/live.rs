//! Keeps the team page current: polls the decision's revision and, when it
//! changes, replaces the live part of the page with a fresh server rendering.
//! Without JavaScript a plain reload shows the same.

use leptos::prelude::*;

#[island(lazy)]
pub fn LiveRefresh(decision: String, revision: i64) -> impl IntoView {
    let (status, set_status) = signal(String::new());
    #[cfg(feature = "hydrate")]
    {
        let current = std::rc::Rc::new(std::cell::Cell::new(revision));
        let handle = set_interval_with_handle(
            move || {
                let decision = decision.clone();
                let current = current.clone();
                leptos::task::spawn_local(async move {
                    let Some(text) = fetch_text(&format!("/t/{decision}/revision")).await else { return };
                    let Ok(latest) = text.trim().parse::<i64>() else { return };
                    if latest == current.get() {
                        return;
                    }
                    let Some(html) = fetch_text(&format!("/t/{decision}/live")).await else { return };
                    if let Some(el) = document().get_element_by_id("team-live") {
                        el.set_inner_html(&html);
                        current.set(latest);
                        set_status.set("The team's answers were updated.".to_string());
                    }
                });
            },
            std::time::Duration::from_secs(3),
        );
        on_cleanup(move || {
            if let Ok(h) = handle {
                h.clear();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (decision, revision, set_status);
    view! { <p class="visually-hidden" role="status" aria-live="polite">{move || status.get()}</p> }
}

#[cfg(feature = "hydrate")]
async fn fetch_text(url: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let response = wasm_bindgen_futures::JsFuture::from(window().fetch_with_str(url)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?).await.ok()?;
    text.as_string()
}

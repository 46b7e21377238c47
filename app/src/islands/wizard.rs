//! The questionnaire wizard in the browser. The server renders every step as a
//! plain form (which works with JavaScript off); once hydrated, this island
//! sends a step's form in the background and swaps in the step the server
//! renders next, keeps the address and Back / Forward in step, and shows or
//! hides follow-up questions as answers change. It builds no elements and
//! decides nothing: which step comes next, what is missing and what is shown
//! are the server's (the domain's `wizard_flow`).

use leptos::prelude::*;

#[island(lazy)]
pub fn Wizard(children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(_root) = root.get() {
            #[cfg(feature = "hydrate")]
            browser::attach(_root.into());
            hydrated.set(true);
        }
    });
    view! {
        <div class="wizard" node_ref=root data-hydrated=move || if hydrated.get() { "true" } else { "false" }>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::wizard::FRAGMENT_HEADER;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Element, FormData, HtmlElement, HtmlFormElement, RequestInit, SubmitEvent, UrlSearchParams};

    /// Listens on the wizard's root: submits, changes, and history moves.
    pub fn attach(root: Element) {
        let on_submit = {
            let root = root.clone();
            Closure::<dyn Fn(SubmitEvent)>::new(move |event: SubmitEvent| submit(&root, event))
        };
        let _ = root.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        on_submit.forget();
        let on_change = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            if let Some(form) = event.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|e| e.closest("form").ok().flatten()) {
                apply_skip_logic(&form);
            }
        });
        let _ = root.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
        let on_pop = {
            let root = root.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
                let path = leptos::prelude::window().location().pathname().unwrap_or_default();
                let root = root.clone();
                leptos::task::spawn_local(async move {
                    swap(&root, &path, None, false).await;
                });
            })
        };
        let _ = leptos::prelude::window().add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
        on_pop.forget();
    }

    /// A step's form is sent in the background and the step the server
    /// answers with replaces it. Forms without `data-inplace` (the workloads
    /// step, the final submission) go the plain way: a page load.
    fn submit(root: &Element, event: SubmitEvent) {
        let Some(form) = event.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        if form.get_attribute("data-inplace").is_none() {
            return;
        }
        event.prevent_default();
        let Ok(data) = FormData::new_with_form(&form) else { return };
        if let Some(button) = event.submitter() {
            if let (Some(name), Some(value)) = (button.get_attribute("name"), button.get_attribute("value")) {
                let _ = data.append_with_str(&name, &value);
            }
        }
        let Ok(body) = UrlSearchParams::new_with_str_sequence_sequence(&data) else { return };
        let action = form.action();
        let root = root.clone();
        leptos::task::spawn_local(async move {
            swap(&root, &action, Some(body), true).await;
        });
    }

    /// Fetches a step's HTML (sending `body` when given), puts it in place of
    /// the current one, and moves the address to the step shown.
    async fn swap(root: &Element, url: &str, body: Option<UrlSearchParams>, push: bool) {
        let init = RequestInit::new();
        let headers = web_sys::Headers::new().expect("headers");
        let _ = headers.set(FRAGMENT_HEADER, "1");
        if let Some(body) = &body {
            init.set_method("POST");
            let _ = headers.set("content-type", "application/x-www-form-urlencoded");
            init.set_body(&JsValue::from(body.to_string()));
        }
        init.set_headers(&headers);
        let window = leptos::prelude::window();
        let Ok(response) = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(url, &init)).await else {
            return navigate(url);
        };
        let Ok(response) = response.dyn_into::<web_sys::Response>() else { return navigate(url) };
        let step = response.headers().get("x-crossroads-step").ok().flatten();
        let refused = response.headers().get("x-crossroads-refused").ok().flatten().is_some();
        let Some(step) = step.filter(|_| response.status() == 200) else {
            // Anything else (a refusal, a lost session): let the server answer in full.
            return navigate(url);
        };
        let Ok(text) = response.text() else { return navigate(url) };
        let Some(html) = wasm_bindgen_futures::JsFuture::from(text).await.ok().and_then(|t| t.as_string()) else { return navigate(url) };
        root.set_inner_html(&html);
        if push && window.location().pathname().ok().as_deref() != Some(step.as_str()) {
            if let Ok(history) = window.history() {
                let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&step));
            }
        }
        focus(root, refused);
    }

    /// Moves focus where a keyboard or screen reader user expects it: the
    /// first question in error, else the new step's heading.
    fn focus(root: &Element, failed: bool) {
        let target = if failed { root.query_selector(".has-error input").ok().flatten() } else { None };
        let target = target.or_else(|| root.query_selector("h2").ok().flatten());
        if let Some(element) = target.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ = element.focus();
            if failed {
                element.scroll_into_view();
            } else {
                leptos::prelude::window().scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    }

    fn navigate(url: &str) {
        let _ = leptos::prelude::window().location().set_href(url);
    }

    /// Shows the questions whose conditions on this step's answers hold
    /// (`data-show-if="question=option,option;…"`), hides the others.
    fn apply_skip_logic(form: &Element) {
        let Ok(fieldsets) = form.query_selector_all("fieldset[data-show-if]") else { return };
        for i in 0..fieldsets.length() {
            let Some(fieldset) = fieldsets.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
            let rule = fieldset.get_attribute("data-show-if").unwrap_or_default();
            let shown = rule.split(';').filter(|c| !c.is_empty()).all(|condition| {
                let Some((question, options)) = condition.split_once('=') else { return true };
                options.split(',').any(|option| {
                    let selector = format!("input[name=\"q.{question}\"][value=\"{option}\"]:checked");
                    form.query_selector(&selector).ok().flatten().is_some()
                })
            });
            let _ = if shown { fieldset.remove_attribute("hidden") } else { fieldset.set_attribute("hidden", "") };
        }
    }
}

//! Small result-page actions that need the browser: copy the link, print.

use leptos::prelude::*;

/// Copies `url` to the clipboard and says so. Without JavaScript the link is
/// still shown in a read-only field to copy by hand.
#[island]
pub fn CopyLink(url: String) -> impl IntoView {
    let (status, set_status) = signal(String::new());
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let copy = {
        let url = url.clone();
        move |_| {
            #[cfg(feature = "hydrate")]
            {
                let clipboard = window().navigator().clipboard();
                let promise = clipboard.write_text(&url);
                leptos::task::spawn_local(async move {
                    let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                    set_status.set(if done { "Link copied".into() } else { "Copy failed: select the link and copy it".into() });
                });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&url, set_status);
        }
    };
    view! {
        <div class="copy-link">
            <label for="share-url">"Share link"</label>
            <div class="copy-row">
                <input id="share-url" type="text" readonly value=url.clone()/>
                <button type="button" class="primary" disabled=move || !hydrated.get() on:click=copy>
                    "Copy link"
                </button>
            </div>
            <p class="copy-status" role="status" aria-live="polite">{move || status.get()}</p>
        </div>
    }
}

/// Opens the browser's print dialog (the page has print styles).
#[island]
pub fn PrintButton() -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    view! {
        <button
            type="button"
            class="secondary js-only"
            disabled=move || !hydrated.get()
            on:click=move |_| {
                #[cfg(feature = "hydrate")]
                {
                    // Printed results show every score term: open all collapsed sections first.
                    if let Ok(list) = document().query_selector_all("details") {
                        for i in 0..list.length() {
                            if let Some(node) = list.item(i) {
                                use wasm_bindgen::JsCast;
                                if let Ok(el) = node.dyn_into::<web_sys::Element>() {
                                    let _ = el.set_attribute("open", "");
                                }
                            }
                        }
                    }
                    let _ = window().print();
                }
            }
        >
            "Print"
        </button>
    }
}

//! The colour theme switch.

use leptos::prelude::*;

/// Switches between the light and dark theme and remembers the choice.
///
/// Rendered on the server as a disabled button; hydration enables it, so a
/// working toggle proves that the island hydrated.
#[island]
pub fn ThemeToggle() -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    let (dark, set_dark) = signal(false);
    Effect::new(move |_| {
        set_dark.set(current_theme_is_dark());
        set_hydrated.set(true);
    });
    let toggle = move |_| {
        let next = !dark.get_untracked();
        set_dark.set(next);
        apply_theme(if next { "dark" } else { "light" });
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            disabled=move || !hydrated.get()
            aria-pressed=move || if dark.get() { "true" } else { "false" }
            data-hydrated=move || if hydrated.get() { "true" } else { "false" }
            on:click=toggle
        >
            <span aria-hidden="true">{move || if dark.get() { "☾" } else { "☀" }}</span>
            <span class="visually-hidden">"Dark theme"</span>
        </button>
    }
}

#[cfg(feature = "hydrate")]
fn current_theme_is_dark() -> bool {
    let root = document().document_element();
    match root.and_then(|r| r.get_attribute("data-theme")) {
        Some(theme) => theme == "dark",
        None => window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .map(|m| m.matches())
            .unwrap_or(false),
    }
}

#[cfg(not(feature = "hydrate"))]
fn current_theme_is_dark() -> bool {
    false
}

#[cfg(feature = "hydrate")]
fn apply_theme(theme: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", theme);
    }
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item("theme", theme);
    }
}

#[cfg(not(feature = "hydrate"))]
fn apply_theme(_theme: &str) {}

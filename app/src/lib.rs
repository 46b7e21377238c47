#![recursion_limit = "256"]
//! Crossroads' pages and components.
//!
//! The server does all routing and data loading: an axum handler builds a [`Page`]
//! (a plain view model) and renders [`shell`] with it. Components only render data;
//! they never compute scores. Interactive parts are Leptos *islands*, the only code
//! shipped to the browser as wasm.

pub mod controls;
pub mod islands;
pub mod lifecycle;
pub mod page;
pub mod personal;
pub mod pages;
pub mod content;
pub mod decision_log;
pub mod plan;
pub mod result;
pub mod team;
pub mod wizard;
#[cfg(feature = "ssr")]
pub mod wizard_view;
mod shell;
#[cfg(test)] mod tests;

pub use page::{Head, Page};
pub use shell::{csp, shell, App, DecisionLogOn, NonceSlot};

/// Renders a component alone (no document, no islands) to an HTML string:
/// a fragment the page swaps in, or the SVG of a share card.
#[cfg(feature = "ssr")]
pub fn render_fragment<V: leptos::IntoView + 'static>(view: impl FnOnce() -> V) -> String {
    use leptos::prelude::*;
    let owner = Owner::new();
    owner.with(|| view().to_html())
}

/// The browser entry point: hydrates the islands, nothing else.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

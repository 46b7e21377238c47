//! The visitor's parts of a page that is otherwise the same for everyone.
//!
//! The server may render such a page once with *markers* where each visitor's
//! parts go, keep it, and splice every visitor's parts into a copy
//! (`server/src/http/template.rs` explains the whole mechanism). The views
//! only need to know two shapes of part:
//!
//! - **A fragment** (a card, a form, a control only the owner sees): written
//!   as its own component taking only the visitor's data, and placed with
//!   [`or_slot`]. With a slot set, the page renders the marker instead; the
//!   server renders the same component alone for each visitor and splices it
//!   in, so it is escaped exactly as in a whole render.
//! - **A choice** between two renderings that hold no visitor data (an option
//!   checked or not): placed with [`choice`], which renders both, each
//!   between the marker, for the server to keep the one the visitor's flag
//!   picks.
//!
//! A marker is plain text the server makes; views never build one.

use leptos::either::Either;
use leptos::prelude::*;

/// `part()` itself, or, in a page rendered once for everyone, the marker
/// standing where each visitor's own `part()` goes.
pub fn or_slot<V: IntoView>(slot: Option<String>, part: impl FnOnce() -> V) -> impl IntoView {
    match slot {
        Some(marker) => Either::Left(marker),
        None => Either::Right(part()),
    }
}

/// `render(on)` for a known flag; with a marker, both renderings, the `true`
/// one first, each enclosed by the marker: `marker on marker off marker`.
pub fn choice<V: IntoView>(flag: bool, slot: Option<String>, render: impl Fn(bool) -> V) -> impl IntoView {
    match slot {
        Some(marker) => Either::Left((marker.clone(), render(true), marker.clone(), render(false), marker)),
        None => Either::Right(render(flag)),
    }
}

//! Pages that depend on the visitor, rendered once.
//!
//! Most of a wizard step or a team page is the same for everyone who sees it;
//! only a few parts are the visitor's own (the options they checked, their
//! card on the team page, their name in the header). Such a page is rendered
//! through Leptos once, with a **marker** where each of those parts goes, and
//! kept as a [`Template`]: the HTML cut at the markers. Each request then only
//! fills the template with its own parts, in one pass.
//!
//! How a page is split:
//! - The route builds the view model as for a whole render, then *takes the
//!   visitor's parts out* of it (for example `TeamView::take_you`), leaving
//!   markers from [`Parts`]. What is left, the **shape**, is the page as every
//!   visitor with that shape sees it.
//! - A kept template is found by a key (the page and what its shape depends
//!   on: a step's address, a decision and its revision) and is used only if
//!   the kept shape *equals* this request's shape; otherwise the page is
//!   rendered again and replaces it. A stale key therefore cannot show a
//!   wrong page: the key only makes the lookup cheap.
//! - The visitor's parts are rendered by the same Leptos components as in a
//!   whole render (a fragment: `Parts::fragment`), so they are escaped exactly
//!   alike; a choice between two renderings without visitor data (an option
//!   checked or not) is kept both ways in the template and picked by a flag
//!   (`Parts::choice`). The viewer's name and the CSP nonce are parts too.
//!
//! Why a visitor cannot break it: a marker holds a random token made when the
//! process starts and never sent, so text from people (names, titles,
//! answers) inside the shared part cannot be mistaken for one; and filling is
//! one pass over the template's pieces, so a spliced part is never read for
//! markers again, whatever it holds.
//!
//! **Adding a visitor-specific fragment** (say, an owner-only control on the
//! team page): write it as its own component taking only the visitor's data;
//! give the view model an `Option<String>` slot for it and place it in the
//! page with `app::personal::or_slot`; in the view model's `take_…` method,
//! set the slot to a marker and take the data out (leaving a value that is
//! the same for everyone); in the route, render the component with that data
//! through `Parts::fragment`. Anything else the page shows must be the same
//! for every visitor with the same key, or be part of the shape (it is
//! compared) — never read the visitor inside the shared part.

use crate::cache::Cache;
use std::any::Any;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// Marker start and end: a control character no page text holds on purpose.
const FENCE: char = '\u{1}';

/// The process's secret marker token: 128 random bits, hex.
fn token() -> &'static str {
    static TOKEN: OnceLock<String> = OnceLock::new();
    TOKEN.get_or_init(|| {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).expect("the operating system's random generator works");
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    })
}

fn marker(name: &str) -> String {
    format!("{FENCE}{}:{name}{FENCE}", token())
}

/// Where the response's CSP nonce goes.
pub fn nonce_marker() -> String {
    marker("nonce")
}

/// Where the signed-in viewer's name goes.
pub fn viewer_marker() -> String {
    marker("viewer")
}

/// One piece of a template: kept text, or what a visitor fills in.
#[derive(Debug, PartialEq)]
enum Piece {
    Text(Range<usize>),
    Nonce,
    Viewer,
    Fragment(usize),
    Choice { n: usize, on: Range<usize>, off: Range<usize> },
}

/// A rendered page cut at its markers.
#[derive(Debug)]
pub struct Template {
    html: String,
    pieces: Vec<Piece>,
    fragments: usize,
    choices: usize,
}

/// What one visitor fills into a template: their fragments and choices, in
/// the order their markers were handed out.
#[derive(Default)]
pub struct Parts {
    fragments: Vec<String>,
    choices: Vec<bool>,
}

impl Parts {
    /// The marker for the next fragment; `html` is what this visitor gets there.
    pub fn fragment(&mut self, html: String) -> String {
        self.fragments.push(html);
        marker(&format!("f{}", self.fragments.len() - 1))
    }

    /// The marker for the next choice; `on` picks this visitor's rendering.
    pub fn choice(&mut self, on: bool) -> String {
        self.choices.push(on);
        marker(&format!("c{}", self.choices.len() - 1))
    }
}

impl Template {
    /// Cuts `html` at its markers; `nonce`, the one its scripts carry, becomes
    /// a marker first. `None` when the markers are not as the parts made them
    /// (a choice not given twice).
    pub fn parse(html: &str, nonce: Option<&str>) -> Option<Template> {
        let html = match nonce {
            Some(nonce) if !nonce.is_empty() => html.replace(nonce, &nonce_marker()),
            _ => html.to_string(),
        };
        let open = format!("{FENCE}{}:", token());
        let mut pieces = Vec::new();
        let (mut at, mut fragments, mut choices) = (0, 0, 0);
        // An open choice: its number, and where each of its two renderings starts.
        let mut choice: Option<(usize, usize, Option<Range<usize>>)> = None;
        while let Some(found) = html[at..].find(&open) {
            let start = at + found;
            let name_start = start + open.len();
            let name_end = name_start + html[name_start..].find(FENCE)?;
            let end = name_end + FENCE.len_utf8();
            let name = &html[name_start..name_end];
            if let Some((n, from, on)) = choice.take() {
                // Inside a choice only its own marker may come.
                if name != format!("c{n}") {
                    return None;
                }
                match on {
                    None => choice = Some((n, end, Some(from..start))),
                    Some(on) => pieces.push(Piece::Choice { n, on, off: from..start }),
                }
            } else {
                pieces.push(Piece::Text(at..start));
                match name {
                    "nonce" => pieces.push(Piece::Nonce),
                    "viewer" => pieces.push(Piece::Viewer),
                    _ => match (name.as_bytes().first(), name[1..].parse::<usize>()) {
                        (Some(b'f'), Ok(n)) => {
                            fragments = fragments.max(n + 1);
                            pieces.push(Piece::Fragment(n));
                        }
                        (Some(b'c'), Ok(n)) => {
                            choices = choices.max(n + 1);
                            choice = Some((n, end, None));
                        }
                        _ => return None,
                    },
                }
            }
            at = end;
        }
        if choice.is_some() {
            return None;
        }
        pieces.push(Piece::Text(at..html.len()));
        Some(Template { html, pieces, fragments, choices })
    }

    /// The page for one visitor, in one pass: nothing spliced in is read
    /// again. `viewer` is their name as the page renders it (escaped).
    /// `None` when `parts` do not fit this template.
    pub fn fill(&self, nonce: &str, viewer: Option<&str>, parts: &Parts) -> Option<String> {
        if parts.fragments.len() != self.fragments || parts.choices.len() != self.choices {
            return None;
        }
        let extra: usize = parts.fragments.iter().map(String::len).sum::<usize>() + viewer.map_or(0, str::len) + 64;
        let mut out = String::with_capacity(self.html.len() + extra);
        for piece in &self.pieces {
            match piece {
                Piece::Text(range) => out.push_str(&self.html[range.clone()]),
                Piece::Nonce => out.push_str(nonce),
                Piece::Viewer => out.push_str(viewer?),
                Piece::Fragment(n) => out.push_str(&parts.fragments[*n]),
                Piece::Choice { n, on, off } => out.push_str(&self.html[if parts.choices[*n] { on.clone() } else { off.clone() }]),
            }
        }
        Some(out)
    }
}

/// A kept template and the shape it was rendered from.
struct Kept {
    shape: Arc<dyn Any + Send + Sync>,
    template: Arc<Template>,
}

/// Templates kept in memory, least recently used evicted first. `off()`
/// keeps none: every page is rendered whole (for comparing, in tests).
#[derive(Clone)]
pub struct Templates {
    kept: Option<Cache<String, Arc<Kept>>>,
}

/// Kept templates at most: a wizard step's shape varies with the answers
/// that change which questions show, so a few per step.
const CAPACITY: usize = 512;

impl Default for Templates {
    fn default() -> Self {
        Templates { kept: Some(Cache::new(CAPACITY)) }
    }
}

impl Templates {
    pub fn off() -> Self {
        Templates { kept: None }
    }

    pub fn is_on(&self) -> bool {
        self.kept.is_some()
    }

    /// The template kept under `key`, if it was rendered from a shape equal to `shape`.
    pub fn get<S: PartialEq + Send + Sync + 'static>(&self, key: &str, shape: &S) -> Option<Arc<Template>> {
        let kept = self.kept.as_ref()?.get(&key.to_string())?;
        (kept.shape.downcast_ref::<S>()? == shape).then(|| kept.template.clone())
    }

    pub fn put<S: PartialEq + Send + Sync + 'static>(&self, key: String, shape: S, template: Template) -> Arc<Template> {
        let template = Arc::new(template);
        if let Some(kept) = &self.kept {
            kept.put(key, Arc::new(Kept { shape: Arc::new(shape), template: template.clone() }));
        }
        template
    }

    pub fn len(&self) -> usize {
        self.kept.as_ref().map_or(0, Cache::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_fragments_choices_nonce_and_viewer_in_one_pass() {
        let mut parts = Parts::default();
        let f = parts.fragment(format!("<b>{}</b>", viewer_marker()));
        let c = parts.choice(false);
        // The nonce must not occur in the page's text (a real one is 128 random bits).
        let html = format!("<p nonce=\"n0nce-Q\">{}</p>{f}|{c}ON{c}OFF{c}|", viewer_marker());
        let template = Template::parse(&html, Some("n0nce-Q")).expect("markers as made");
        let page = template.fill("fresh", Some("A &amp; B"), &parts).expect("parts fit");
        // The viewer marker inside the fragment stays as it was: spliced text is not read again.
        assert_eq!(page, format!("<p nonce=\"fresh\">A &amp; B</p><b>{}</b>|OFF|", viewer_marker()));
        let mut other = Parts::default();
        other.fragment(String::new());
        other.choice(true);
        assert_eq!(template.fill("n", Some("x"), &other).unwrap(), "<p nonce=\"n\">x</p>|ON|");
    }

    #[test]
    fn refuses_parts_that_do_not_fit_and_markers_not_made_here() {
        let mut parts = Parts::default();
        let c = parts.choice(true);
        assert!(Template::parse(&format!("{c}on{c}"), None).is_none(), "a choice needs both renderings");
        let template = Template::parse(&format!("{c}on{c}off{c}"), None).unwrap();
        assert!(template.fill("n", None, &Parts::default()).is_none());
        // A guessed marker without the token is plain text.
        let guessed = "\u{1}viewer\u{1}\u{1}:f0\u{1}";
        let template = Template::parse(guessed, None).unwrap();
        assert_eq!(template.fill("n", Some("me"), &Parts::default()).unwrap(), guessed);
    }
}

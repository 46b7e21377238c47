//! The view model of one server-rendered page.

use crate::content::{GuideLink, GuideView};
use serde::{Deserialize, Serialize};

/// What goes into `<head>`: title, description and the share-link (OpenGraph) tags.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Head {
    pub title: String,
    pub description: String,
    /// Absolute URL of this page, built from the configured public base URL.
    pub canonical_url: String,
}

/// Every page Crossroads renders. The server picks one per request and fills it.
#[derive(Clone, Debug, PartialEq)]
pub enum Page {
    Home,
    GuideIndex { pages: Vec<GuideLink> },
    Guide(GuideView),
    NotFound { path: String },
}

impl Page {
    pub fn head(&self, base_url: &str) -> Head {
        match self {
            Page::Home => Head {
                title: "Crossroads — decide how to structure and run your system".into(),
                description: "Answer a short questionnaire and get an explained recommendation: \
                              monolith, modular monolith or microservices, on serverless \
                              functions, managed containers or servers."
                    .into(),
                canonical_url: format!("{base_url}/"),
            },
            Page::GuideIndex { .. } => Head {
                title: "Guide — Crossroads".into(),
                description: "How microservices and serverless differ, what each costs and gives, \
                              and how to choose: the background to every question Crossroads asks."
                    .into(),
                canonical_url: format!("{base_url}/guide"),
            },
            Page::Guide(view) => Head {
                title: format!("{} — Crossroads guide", view.page.title),
                description: view.page.summary.clone(),
                canonical_url: format!("{base_url}/guide/{}", view.page.slug),
            },
            Page::NotFound { path } => Head {
                title: "Page not found — Crossroads".into(),
                description: "This address does not lead to a Crossroads page.".into(),
                canonical_url: format!("{base_url}{path}"),
            },
        }
    }
}

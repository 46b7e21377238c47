//! Rendered content the pages show: guide pages, already turned into HTML at start-up.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One entry of a page's table of contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// 2 for `##`, 3 for `###`.
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// One guide page, rendered once when the server starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidePage {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub order: u32,
    /// Safe HTML: raw HTML in the markdown is refused at load time.
    pub html: String,
    pub toc: Vec<TocEntry>,
}

/// A link in the guide index, the side navigation and previous / next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideLink {
    pub slug: String,
    pub title: String,
    pub summary: String,
}

/// Everything a guide page view needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuideView {
    pub page: Arc<GuidePage>,
    pub nav: Vec<GuideLink>,
    pub previous: Option<GuideLink>,
    pub next: Option<GuideLink>,
}

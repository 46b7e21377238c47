//! Guide pages as records: loaded and rendered by the server at start-up,
//! shown by the pages. Data only; rendering markdown is the server's work.

use serde::{Deserialize, Serialize};

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

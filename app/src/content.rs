//! Rendered content the pages show: guide pages, already turned into HTML at start-up.

use crossroads_domain::guide::{GuideLink, GuidePage};
use std::sync::Arc;

/// Everything a guide page view needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuideView {
    pub page: Arc<GuidePage>,
    pub nav: Vec<GuideLink>,
    pub previous: Option<GuideLink>,
    pub next: Option<GuideLink>,
}

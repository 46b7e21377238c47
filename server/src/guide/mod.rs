//! The guide: markdown files under `content/guide/`, loaded, checked and rendered
//! once at start-up into an immutable value the server shares. Nothing downstream
//! parses markdown again.
//!
//! Content flows one way: file -> front matter -> markdown -> rendered page -> guide.
//! Raw HTML in markdown is refused (so no script can come from content), and a
//! missing front-matter field, a duplicate slug or a broken internal link stops
//! the server with the file and line at fault.

mod front_matter;
mod links;
mod markdown;

use app::content::GuideView;
use crossroads_domain::guide::{GuideLink, GuidePage};
use std::path::Path;
use std::sync::Arc;

pub use links::{check_guide_links, check_questionnaire_refs, FoundLink};

/// An error in a content file, with the file and line at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ContentError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// All guide pages, in reading order.
#[derive(Debug, Clone, Default)]
pub struct Guide {
    pages: Vec<Arc<GuidePage>>,
}

impl Guide {
    /// Reads every `*.md` in `dir`, renders it and checks it. Internal links are
    /// checked separately ([`Guide::check_links`]) because they may point into the
    /// questionnaire too.
    pub fn load(dir: &Path) -> Result<(Guide, Vec<links::FoundLink>), Vec<ContentError>> {
        let mut errors = Vec::new();
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                return Err(vec![ContentError {
                    file: dir.display().to_string(),
                    line: 0,
                    message: format!("cannot read the guide folder: {e}"),
                }])
            }
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        let mut pages: Vec<(GuidePage, String)> = Vec::new();
        let mut found_links = Vec::new();
        for path in files {
            let file = path.display().to_string();
            let source = match std::fs::read_to_string(&path) {
                Ok(s) => s,
                Err(e) => {
                    errors.push(ContentError { file, line: 0, message: format!("cannot read: {e}") });
                    continue;
                }
            };
            match render_file(&file, &source) {
                Ok((page, mut links)) => {
                    if let Some((_, other)) = pages.iter().find(|(p, _)| p.slug == page.slug) {
                        errors.push(ContentError {
                            file: file.clone(),
                            line: 1,
                            message: format!("slug \"{}\" is already used by {other}", page.slug),
                        });
                    }
                    found_links.append(&mut links);
                    pages.push((page, file));
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        if pages.is_empty() && errors.is_empty() {
            errors.push(ContentError {
                file: dir.display().to_string(),
                line: 0,
                message: "the guide folder has no .md pages".into(),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut pages: Vec<Arc<GuidePage>> = pages.into_iter().map(|(p, _)| Arc::new(p)).collect();
        pages.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.slug.cmp(&b.slug)));
        Ok((Guide { pages }, found_links))
    }

    pub fn pages(&self) -> &[Arc<GuidePage>] {
        &self.pages
    }

    pub fn page(&self, slug: &str) -> Option<&Arc<GuidePage>> {
        self.pages.iter().find(|p| p.slug == slug)
    }

    /// Whether `slug#anchor` (or just `slug`) exists.
    pub fn has_target(&self, slug: &str, anchor: Option<&str>) -> bool {
        match self.page(slug) {
            None => false,
            Some(page) => anchor.is_none_or(|a| page.toc.iter().any(|t| t.id == a) || page.html.contains(&format!("id=\"{a}\""))),
        }
    }

    pub fn nav(&self) -> Vec<GuideLink> {
        self.pages.iter().map(|p| link(p)).collect()
    }

    /// The page with its navigation, previous and next.
    pub fn view(&self, slug: &str) -> Option<GuideView> {
        let index = self.pages.iter().position(|p| p.slug == slug)?;
        Some(GuideView {
            page: self.pages[index].clone(),
            nav: self.nav(),
            previous: index.checked_sub(1).map(|i| link(&self.pages[i])),
            next: self.pages.get(index + 1).map(|p| link(p)),
        })
    }
}

fn link(page: &GuidePage) -> GuideLink {
    GuideLink { slug: page.slug.clone(), title: page.title.clone(), summary: page.summary.clone() }
}

/// Renders a short markdown text (such as a question's help) with the guide's rules.
pub fn render_snippet(file: &str, text: &str) -> Result<String, Vec<ContentError>> {
    markdown::render(file, text, 1).map(|r| r.html)
}

/// Front matter + markdown -> a rendered page and the internal links it contains.
pub fn render_file(file: &str, source: &str) -> Result<(GuidePage, Vec<links::FoundLink>), Vec<ContentError>> {
    let (meta, body, body_line) = front_matter::split(file, source).map_err(|e| vec![e])?;
    let rendered = markdown::render(file, body, body_line)?;
    let page = GuidePage {
        slug: meta.slug,
        title: meta.title,
        summary: meta.summary,
        order: meta.order,
        html: rendered.html,
        toc: rendered.toc,
    };
    Ok((page, rendered.links))
}

//! Markdown to HTML with pulldown-cmark: GitHub-style tables, footnotes,
//! strikethrough, task lists and smart punctuation; stable heading anchors and a
//! table of contents; raw HTML refused.

use crossroads_domain::text::line_of;
use super::links::FoundLink;
use super::ContentError;
use crossroads_domain::guide::TocEntry;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub links: Vec<FoundLink>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders `body`; `first_line` is the line of the file where the body starts.
pub fn render(file: &str, body: &str, first_line: usize) -> Result<Rendered, Vec<ContentError>> {
    let line_at = |offset: usize| first_line + line_of(body, offset) - 1;
    let mut errors = Vec::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut toc = Vec::new();
    let mut links = Vec::new();
    let mut used_ids: Vec<String> = Vec::new();
    // While inside a heading: its level, where its events start, and its text.
    let mut heading: Option<(HeadingLevel, usize, String)> = None;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => errors.push(ContentError {
                file: file.to_string(),
                line: line_at(range.start),
                message: "raw HTML is not allowed in guide pages; write it in markdown".into(),
            }),
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, events.len(), String::new()));
            }
            Event::End(TagEnd::Heading(level)) => {
                let Some((_, start, text)) = heading.take() else { continue };
                let id = unique_id(&slugify(&text), &mut used_ids);
                let n = level as u8;
                let inner: Vec<Event<'_>> = events.drain(start..).collect();
                events.push(Event::Html(CowStr::from(format!("<h{n} id=\"{id}\">"))));
                events.extend(inner);
                events.push(Event::Html(CowStr::from(format!(
                    "<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a></h{n}>\n"
                ))));
                if n == 2 || n == 3 {
                    toc.push(TocEntry { level: n, id, text: text.trim().to_string() });
                }
            }
            Event::Start(Tag::Table(alignments)) => {
                events.push(Event::Html(CowStr::from("<div class=\"table-scroll\">")));
                events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html(CowStr::from("</div>")));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let target = dest_url.to_string();
                if target.starts_with('/') {
                    links.push(FoundLink { file: file.to_string(), line: line_at(range.start), target });
                } else if !(target.starts_with("https://") || target.starts_with('#')) {
                    errors.push(ContentError {
                        file: file.to_string(),
                        line: line_at(range.start),
                        message: format!("link \"{target}\": use an internal path (/guide/…) or an https:// address"),
                    });
                }
                events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Text(text) | Event::Code(text) if heading.is_some() => {
                if let Some((_, _, heading_text)) = heading.as_mut() {
                    heading_text.push_str(&text);
                }
                events.push(Event::Text(text));
            }
            other => events.push(other),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(Rendered { html, toc, links })
}

/// A stable, readable anchor id: "Cost & pricing models" -> "cost-pricing-models".
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '_' || c == '/') && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() { "section".into() } else { slug }
}

fn unique_id(base: &str, used: &mut Vec<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.push(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_stable_ids_and_a_table_of_contents() {
        let r = render("t.md", "## Cost & pricing models\n\ntext\n\n### Pay per use\n\n## Cost & pricing models\n", 1).unwrap();
        assert!(r.html.contains("<h2 id=\"cost-pricing-models\">"));
        assert!(r.html.contains("<h3 id=\"pay-per-use\">"));
        assert!(r.html.contains("<h2 id=\"cost-pricing-models-2\">"));
        let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["cost-pricing-models", "pay-per-use", "cost-pricing-models-2"]);
    }

    #[test]
    fn tables_footnotes_strikethrough_tasks_and_quotes_render() {
        let src = "| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1] ~~old~~\n\n- [x] done\n\n\"quoted\"\n\n[^1]: The footnote.\n";
        let r = render("t.md", src, 1).unwrap();
        assert!(r.html.contains("<div class=\"table-scroll\"><table>"));
        assert!(r.html.contains("<tbody>"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("footnote"));
        assert!(r.html.contains("“quoted”"));
    }

    #[test]
    fn raw_html_is_refused_with_its_line() {
        let errors = render("t.md", "fine\n\n<script>alert(1)</script>\n", 5).err().unwrap();
        assert_eq!(errors[0].line, 7);
        assert!(errors[0].message.contains("raw HTML"));
        let inline = render("t.md", "text <img src=x onerror=alert(1)> more\n", 1).err().unwrap();
        assert!(inline[0].message.contains("raw HTML"));
    }

    #[test]
    fn script_links_are_refused() {
        let errors = render("t.md", "[x](javascript:alert(1))\n", 1).err().unwrap();
        assert!(errors[0].message.contains("javascript:alert(1)"));
    }

    #[test]
    fn text_is_escaped() {
        let r = render("t.md", "a < b & `<b>`\n", 1).unwrap();
        assert!(r.html.contains("a &lt; b &amp; <code>&lt;b&gt;</code>"));
    }
}

//! User-written text (names, titles, context): cleaned, length-limited, and
//! rendered so that nothing in it can become markup or script.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One line of text: trimmed, control characters removed, inner whitespace
/// collapsed; between 1 and `max` characters.
pub fn clean_line(input: &str, field: &str, max: usize) -> Result<String, String> {
    let text: String = input.chars().filter(|c| !c.is_control() || *c == ' ').collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let length = text.chars().count();
    if length == 0 {
        Err(format!("{field} must not be empty."))
    } else if length > max {
        Err(format!("{field} may be at most {max} characters (it has {length})."))
    } else {
        Ok(text)
    }
}

/// A block of text: line breaks kept, other control characters removed; at most `max` characters.
pub fn clean_block(input: &str, field: &str, max: usize) -> Result<String, String> {
    let text: String = input.replace("\r\n", "\n").chars().filter(|c| !c.is_control() || *c == '\n').collect();
    let text = text.trim().to_string();
    let length = text.chars().count();
    if length > max {
        Err(format!("{field} may be at most {max} characters (it has {length})."))
    } else {
        Ok(text)
    }
}

/// Markdown from a user: raw HTML is shown as text, only http(s) links survive,
/// images become their alt text.
pub fn render_user_markdown(text: &str) -> String {
    let mut in_unsafe_link = Vec::new();
    let events = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let safe = dest_url.starts_with("https://") || dest_url.starts_with("http://");
            in_unsafe_link.push(!safe);
            safe.then_some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::End(TagEnd::Link) => (!in_unsafe_link.pop().unwrap_or(false)).then_some(Event::End(TagEnd::Link)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_collapsed_and_limited() {
        assert_eq!(clean_line("  Ada \t Lovelace\u{0}\n", "Name", 60).unwrap(), "Ada Lovelace");
        assert!(clean_line("   ", "Name", 60).unwrap_err().contains("must not be empty"));
        assert!(clean_line(&"é".repeat(61), "Name", 60).unwrap_err().contains("at most 60"));
        assert_eq!(clean_line("Zoë 🚀 عربى", "Name", 60).unwrap(), "Zoë 🚀 عربى");
    }

    #[test]
    fn user_markdown_cannot_carry_markup_or_script() {
        let html = render_user_markdown("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)> ![a](https://e/x.png) [ok](https://example.org)");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<a href=\"https://example.org\">ok</a>"), "{html}");
    }
}

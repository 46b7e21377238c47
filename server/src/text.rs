//! User-written text (names, titles, context): cleaned, length-limited, and
//! rendered so that nothing in it can become markup or script.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Longest decision title, in characters.
pub const TITLE_MAX: usize = 120;
/// Longest decision context, in characters.
pub const CONTEXT_MAX: usize = 4000;
/// Longest member name, in characters.
pub const NAME_MAX: usize = 60;

use crossroads_domain::text::is_invisible;

/// The form two member names are compared in: NFKC, invisible characters
/// removed, white space collapsed, lower case, then the confusable skeleton of
/// Unicode TR39, so letters of other scripts that look like Latin ones count
/// as those. "Alice", "ＡＬＩＣＥ", "Al\u{200B}ice" and "Аlice" (Cyrillic А)
/// are one name. Only for comparing: never shown.
pub fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_security::confusable_detection::skeleton;
    let normal: String = name.nfkc().filter(|c| !is_invisible(*c)).collect();
    let normal = normal.split_whitespace().collect::<Vec<_>>().join(" ");
    // Lower case first, so "I" stays "i" instead of becoming the skeleton's
    // "l"; but a capital that looks Latin while its small letter does not
    // (Greek Η and η, Cyrillic Н and н) is made the Latin capital before.
    let lower = normal.chars().map(latin_capital).collect::<String>().to_lowercase();
    // Some skeletons are capitals ("0" is "O"): lower case again.
    skeleton(&lower).collect::<String>().to_lowercase()
}

/// The Latin capital a non-Latin capital looks like, if it looks like one.
fn latin_capital(c: char) -> char {
    use unicode_security::confusable_detection::skeleton;
    if c.is_ascii() || !c.is_uppercase() {
        return c;
    }
    let mut buffer = [0; 4];
    let mut prototype = skeleton(c.encode_utf8(&mut buffer));
    match (prototype.next(), prototype.next()) {
        (Some(latin), None) if latin.is_ascii_uppercase() => latin,
        _ => c,
    }
}

/// One line of text: trimmed, control and invisible characters removed, inner
/// whitespace collapsed; between 1 and `max` characters.
pub fn clean_line(input: &str, field: &str, max: usize) -> Result<String, String> {
    let text: String = input.chars().filter(|c| (!c.is_control() || *c == ' ') && !is_invisible(*c)).collect();
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
    fn look_alike_names_are_one_name() {
        let alice = name_key("Alice");
        for other in ["alice", " ALICE ", "Al\u{200B}ice", "\u{202E}Alice", "ＡＬＩＣＥ", "Alic\u{00AD}e"] {
            assert_eq!(name_key(other), alice, "{other:?}");
        }
        assert_ne!(name_key("Alicia"), alice);
        assert_eq!(clean_line("A\u{202E}lice\u{200D}", "Name", 60).unwrap(), "Alice", "invisible characters never reach a name");
    }

    #[test]
    fn letters_of_other_scripts_that_look_latin_are_the_same_name() {
        let same = |a: &str, b: &str| assert_eq!(name_key(a), name_key(b), "{a:?} and {b:?} look alike");
        // Cyrillic А, а, е; Greek Α, ο; in every case and width form.
        same("Alice", "\u{0410}lice");
        same("Alice", "\u{0430}lic\u{0435}");
        same("Alice", "\u{0391}lice");
        same("ALICE", "\u{0391}LICE");
        same("Bob", "B\u{03BF}b");
        same("alice", "\u{0410}LIC\u{0415}");
        same("Alice", "\u{FF21}\u{FF4C}\u{FF49}\u{FF43}\u{FF45}");
        same("Alice", "\u{0410}l\u{200B}ice");
        // Capitals whose small letters look different: Greek Η (small η), Cyrillic Н (small н).
        same("Henry", "\u{0397}enry");
        same("Henry", "\u{041D}enry");
        same("Henry", "HENRY");
        // Within Latin: digits and letter pairs that pass for letters.
        same("Kim", "Kirn");
        same("Olga", "0lga");
    }

    #[test]
    fn genuinely_different_names_stay_different() {
        let differ = |a: &str, b: &str| assert_ne!(name_key(a), name_key(b), "{a:?} and {b:?} are different names");
        differ("Alice", "Alicia");
        differ("Ian", "Lan");
        differ("Anna", "Anne");
        differ("Zoë", "Zoe");
        differ("Jan", "Jon");
        differ("Ada Lovelace", "Ada");
        // Other scripts are names of their own, not folded into Latin look-alikes of other letters.
        differ("\u{0410}\u{043D}\u{044F}", "Anya");
        differ("\u{0394}\u{03B7}\u{03BC}\u{03AE}\u{03C4}\u{03C1}\u{03B7}\u{03C2}", "Demetris");
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

//! Small text rules shared by loading, the draft format and the wording of results.

/// Ids of candidates, sections, questions, options and hybrid rules: what the
/// draft cookie and URLs can carry unescaped.
pub const ID_RULE: &str = "1 to 64 characters of a-z, 0-9, _ and -";

/// Whether `s` follows [`ID_RULE`].
pub fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// The 1-based line of byte `offset` in `source` (clamped to the text).
pub fn line_of(source: &str, offset: usize) -> usize {
    let mut end = offset.min(source.len());
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    source[..end].matches('\n').count() + 1
}

/// "Managed containers" -> "managed containers", to continue a sentence.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "a, b or c": a list of alternatives in a sentence.
pub fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_ascii() {
        assert!(is_id("cost_model") && is_id("k8s-1"));
        assert!(!is_id("") && !is_id("K8s") && !is_id("naïve") && !is_id(&"a".repeat(65)));
    }

    #[test]
    fn lines_count_from_one_and_never_split_a_character() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 999), 3);
        assert_eq!(line_of("é\nx", 1), 1);
    }

    #[test]
    fn alternatives_read_as_a_sentence() {
        let items = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(or_list(&items(&["a", "b", "c"])), "a, b or c");
        assert_eq!(or_list(&items(&["a"])), "a");
    }

    #[test]
    fn lower_first_changes_one_letter() {
        assert_eq!(lower_first("Managed Containers"), "managed Containers");
        assert_eq!(lower_first(""), "");
    }
}

/// Characters that change how text looks or reads without being seen:
/// bidirectional overrides and isolates, zero-width characters, the byte
/// order mark and the soft hyphen. A name holding them could pass for another,
/// or turn the text written after it around on a page, a card or a record.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

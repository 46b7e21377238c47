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

//! Short, unguessable ids for results: 12 characters of [0-9A-Za-z], about 71 bits.

const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
pub const ID_LEN: usize = 12;

/// A new random id from the operating system's generator.
pub fn new_id() -> String {
    let mut id = String::with_capacity(ID_LEN);
    let mut buf = [0u8; 32];
    while id.len() < ID_LEN {
        getrandom::fill(&mut buf).expect("the operating system's random generator works");
        // Reject bytes >= 248 so every character is equally likely (248 = 4 * 62).
        for b in buf {
            if b < 248 && id.len() < ID_LEN {
                id.push(ALPHABET[(b % 62) as usize] as char);
            }
        }
    }
    id
}

/// Whether `s` could be an id (checked before touching the database).
pub fn is_valid(s: &str) -> bool {
    s.len() == ID_LEN && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_twelve_url_safe_characters_and_differ() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 1000);
        assert!(ids.iter().all(|id| is_valid(id)));
        assert!(!is_valid("short"));
        assert!(!is_valid("../../etc/pa"));
    }
}

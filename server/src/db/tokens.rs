//! Secret tokens: made, checked for shape, stored only as SHA-256 hashes, and
//! (for the invite the owner must see again) sealed with the owner token.

use crate::ids;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// A secret token of 22 base62 characters (about 131 bits).
pub fn new_token() -> String {
    format!("{}{}", ids::new_id(), &ids::new_id()[..10])
}

/// Whether `s` could be a token (checked before touching the database).
pub fn is_token(s: &str) -> bool {
    s.len() == 22 && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The stored form of a token. Comparing two such hashes with `==` leaks at
/// most where two hashes differ, which says nothing about the token.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A keystream only the holder of `owner_token` can make for this decision
/// (HMAC-SHA256, so the owner token's hash in the database is no help).
fn keystream(owner_token: &str, decision: &str) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(owner_token.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(b"crossroads invite:");
    mac.update(decision.as_bytes());
    mac.finalize().into_bytes().into()
}

/// The invite, sealed so that only the owner token opens it again.
pub fn seal(invite: &str, owner_token: &str, decision: &str) -> String {
    let key = keystream(owner_token, decision);
    let sealed: Vec<u8> = invite.bytes().zip(key).map(|(b, k)| b ^ k).collect();
    hex(&sealed)
}

/// The invite again, if `owner_token` is the one it was sealed with.
pub fn unseal(sealed: &str, owner_token: &str, decision: &str) -> Option<String> {
    if sealed.len() % 2 != 0 || sealed.len() > 64 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..sealed.len()).step_by(2).map(|i| u8::from_str_radix(sealed.get(i..i + 2)?, 16).ok()).collect();
    let key = keystream(owner_token, decision);
    let invite: String = bytes?.iter().zip(key).map(|(b, k)| (b ^ k) as char).collect();
    is_token(&invite).then_some(invite)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_invite_opens_with_its_owner_token_only() {
        let (invite, owner) = (new_token(), new_token());
        let sealed = seal(&invite, &owner, "decision1234");
        assert!(!sealed.contains(&invite));
        assert_eq!(unseal(&sealed, &owner, "decision1234"), Some(invite.clone()));
        assert_eq!(unseal(&sealed, &new_token(), "decision1234"), None, "another token opens nothing");
        assert_eq!(unseal(&sealed, &owner, "decision5678"), None, "nor does the same token for another decision");
        assert_eq!(unseal("zz", &owner, "decision1234"), None);
    }

    #[test]
    fn tokens_are_long_and_stored_as_hashes() {
        let token = new_token();
        assert!(is_token(&token));
        assert_eq!(hash_token(&token).len(), 64);
        assert_ne!(hash_token(&token), hash_token(&new_token()));
    }
}

//! Reading `application/x-www-form-urlencoded` bodies.

use axum::body::Bytes;

/// The first `most` fields of a form body; anything malformed is decoded
/// leniently (form_urlencoded never fails).
pub fn fields(body: &Bytes, most: usize) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().take(most).collect()
}

/// The value of `name`, or "" when the form has no such field.
pub fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
}

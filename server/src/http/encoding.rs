//! Which stored encoding of a file to send, from the request's
//! `Accept-Encoding` (RFC 9110 §12.5.3): q-values count, `q=0` refuses, `*`
//! stands for every coding not named, and `identity` is acceptable unless
//! refused.

/// An encoding a file may be stored in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    /// The name in `Content-Encoding` and `Accept-Encoding`.
    pub fn name(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
            Coding::Identity => "identity",
        }
    }
}

/// Put on a response whose encoding was chosen here already, so the
/// compression layer leaves it as it is: an `identity` answer may be what the
/// client preferred, and compressing it again would undo that choice.
#[derive(Clone, Copy, Debug)]
pub struct Negotiated;

/// The best of `available` for `accept` (the `Accept-Encoding` value, if
/// any). Equal preferences go to the smaller encoding: brotli, then gzip.
/// When the client refuses every encoding there is, the file is sent as it
/// is: a readable answer is better than a 406 for a static file.
pub fn choose(accept: Option<&str>, available: &[Coding]) -> Coding {
    let Some(accept) = accept else { return Coding::Identity };
    let weights = parse(accept);
    let weight = |coding: Coding| -> u16 {
        let named = weights.iter().find(|(name, _)| name.eq_ignore_ascii_case(coding.name()));
        let star = weights.iter().find(|(name, _)| *name == "*");
        match (named, star, coding) {
            (Some((_, q)), _, _) => *q,
            (None, Some((_, q)), _) => *q,
            // Not named and no `*`: identity is always acceptable, others not.
            (None, None, Coding::Identity) => 1,
            (None, None, _) => 0,
        }
    };
    let mut best = (Coding::Identity, 0);
    for coding in [Coding::Brotli, Coding::Gzip, Coding::Identity] {
        if coding != Coding::Identity && !available.contains(&coding) {
            continue;
        }
        let q = weight(coding);
        if q > best.1 {
            best = (coding, q);
        }
    }
    best.0
}

/// `(coding, q × 1000)` for each entry; a malformed q-value counts as 0
/// (refused), so a garbled header never selects what it may not mean.
fn parse(accept: &str) -> Vec<(&str, u16)> {
    accept
        .split(',')
        .filter_map(|entry| {
            let mut parts = entry.split(';');
            let name = parts.next()?.trim();
            if name.is_empty() {
                return None;
            }
            let mut q = 1000;
            for param in parts {
                if let Some((key, value)) = param.split_once('=') {
                    if key.trim().eq_ignore_ascii_case("q") {
                        q = qvalue(value.trim()).unwrap_or(0);
                    }
                }
            }
            Some((name, q))
        })
        .collect()
}

/// A q-value (`0`, `0.5`, `1.000`) in thousandths.
fn qvalue(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Coding::*;

    const ALL: &[Coding] = &[Brotli, Gzip];

    #[test]
    fn the_preferred_available_encoding_is_chosen() {
        assert_eq!(choose(None, ALL), Identity);
        assert_eq!(choose(Some("gzip, deflate, br"), ALL), Brotli, "equal preference: the smaller");
        assert_eq!(choose(Some("gzip, deflate, br"), &[Gzip]), Gzip);
        assert_eq!(choose(Some("br;q=0.5, gzip"), ALL), Gzip);
        assert_eq!(choose(Some("br;q=0.5, gzip;q=0.4"), ALL), Brotli);
        assert_eq!(choose(Some("gzip;q=0.5, identity"), ALL), Identity, "identity preferred");
        assert_eq!(choose(Some("BR"), ALL), Brotli);
        assert_eq!(choose(Some("deflate"), ALL), Identity);
    }

    #[test]
    fn refusals_and_the_star_count() {
        assert_eq!(choose(Some("br;q=0, gzip;q=0"), ALL), Identity);
        assert_eq!(choose(Some("*"), ALL), Brotli);
        assert_eq!(choose(Some("*;q=0.5, identity"), ALL), Identity);
        assert_eq!(choose(Some("identity;q=0, gzip;q=0.1"), ALL), Gzip);
        assert_eq!(choose(Some("*;q=0, gzip"), ALL), Gzip);
        // Everything refused: sent as it is rather than not at all.
        assert_eq!(choose(Some("*;q=0"), ALL), Identity);
        assert_eq!(choose(Some("br;q=banana, gzip;q=0.2"), ALL), Gzip, "a malformed q refuses");
        assert_eq!(choose(Some("br;q=1.5"), ALL), Identity);
    }
}

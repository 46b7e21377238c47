//! Who is asking: the identity the company's sign-in proxy vouched for, and
//! the cookies the browser sent, as plain data. The sign-in layer reads the
//! identity once per request; the `Visitor` extractor (`http/visitor.rs`)
//! hands both to handlers, which pass them on to the services.

/// A signed-in person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub user: String,
    /// The display name, or the identity when the proxy passes none.
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Visitor {
    /// Set only when sign-in is on and the proxy vouched for someone.
    pub identity: Option<Identity>,
    /// `name=value` pairs in the order sent (the first of a name counts).
    cookies: Vec<(String, String)>,
}

impl Visitor {
    /// From the identity and the `Cookie` header values.
    pub fn new<'a>(identity: Option<Identity>, cookie_headers: impl IntoIterator<Item = &'a str>) -> Visitor {
        let cookies = cookie_headers
            .into_iter()
            .flat_map(|header| header.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        Visitor { identity, cookies }
    }

    /// The value of cookie `name`, if the browser sent it.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.iter().find(|(n, _)| n == name).map(|(_, value)| value.as_str())
    }

    /// The signed-in identity (an e-mail address or login), if any.
    pub fn user(&self) -> Option<&str> {
        self.identity.as_ref().map(|identity| identity.user.as_str())
    }

    /// The signed-in person's display name, if any.
    pub fn name(&self) -> Option<&str> {
        self.identity.as_ref().map(|identity| identity.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_cookie_of_a_name_counts() {
        let visitor = Visitor::new(None, ["a=1; b=2", "a=3; c="]);
        assert_eq!((visitor.cookie("a"), visitor.cookie("b"), visitor.cookie("c"), visitor.cookie("d")), (Some("1"), Some("2"), Some(""), None));
        assert_eq!(visitor.user(), None);
    }
}

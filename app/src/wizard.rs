//! What the questionnaire wizard needs in the browser: the domain's weightless
//! outline, carried once per page as JSON, and the draft kept in a cookie.

pub use crossroads_domain::draft::{decode_draft, encode_draft};
pub use crossroads_domain::{WizardModel, WizardOption, WizardQuestion, WizardSection};

/// The cookie holding the answers given so far.
pub const DRAFT_COOKIE: &str = "crossroads_draft";

/// The id of the `<script type="application/json">` block that carries the
/// model to the browser, once per page, outside the island's props.
pub const MODEL_ELEMENT_ID: &str = "wizard-model";

/// The model as pages carry it: shared, with its JSON written once at start-up
/// instead of serialised into island props on every request.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedModel {
    pub model: std::sync::Arc<WizardModel>,
    /// JSON safe inside a script element (`<` is escaped).
    pub json: std::sync::Arc<str>,
}

impl SharedModel {
    pub fn new(model: WizardModel) -> SharedModel {
        let json = serde_json::to_string(&model).expect("the model serialises").replace('<', "\\u003c");
        SharedModel { model: std::sync::Arc::new(model), json: json.into() }
    }
}

impl std::ops::Deref for SharedModel {
    type Target = WizardModel;
    fn deref(&self) -> &WizardModel {
        &self.model
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_json_cannot_close_its_script_element() {
        let model = WizardModel {
            sections: vec![WizardSection { id: "s".into(), title: "</script><script>alert(1)".into(), intro: String::new(), questions: vec![] }],
        };
        let shared = SharedModel::new(model.clone());
        assert!(!shared.json.contains('<'), "{}", shared.json);
        let back: WizardModel = serde_json::from_str(&shared.json).expect("still JSON");
        assert_eq!(back, model);
    }
}

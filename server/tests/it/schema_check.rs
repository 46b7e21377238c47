//! Checking JSON against the OpenAPI document's schemas, for the tests that
//! hold the document to what the server does.

use serde_json::{json, Value};

const SCHEMAS: &str = "#/components/schemas/";

/// A validator for exactly the JSON Schema keywords the document uses
/// (2020-12 semantics; `format` is read as an annotation). Any other keyword
/// fails the test, so the schema cannot use one that nothing here checks.
pub struct Validator<'a> {
    pub doc: &'a Value,
}

impl Validator<'_> {
    pub fn component(&self, name: &str) -> &Value {
        let schema = &self.doc["components"]["schemas"][name];
        assert!(schema.is_object(), "no schema {name}");
        schema
    }

    pub fn errors(&self, schema: &Value, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(schema, value, "", &mut errors);
        errors
    }

    pub fn valid(&self, schema: &Value, value: &Value) -> bool {
        self.errors(schema, value).is_empty()
    }

    pub fn check(&self, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        let Some(keywords) = schema.as_object() else { panic!("a schema is an object: {schema}") };
        let mut fail = |what: String| errors.push(format!("{}: {what}", if at.is_empty() { "." } else { at }));
        let mut nested = Vec::new();
        for (keyword, arg) in keywords {
            match keyword.as_str() {
                "description" | "title" | "then" | "else" | "format" | "default" | "examples" => {}
                "minimum" => {
                    if let Some(n) = value.as_f64() {
                        if n < arg.as_f64().unwrap() {
                            fail(format!("{n} is under {arg}"));
                        }
                    }
                }
                "propertyNames" => {
                    if let Some(object) = value.as_object() {
                        for name in object.keys() {
                            if !self.valid(arg, &json!(name)) {
                                fail(format!("the name {name} is not valid against {arg}"));
                            }
                        }
                    }
                }
                "$ref" => {
                    let name = arg.as_str().unwrap().strip_prefix(SCHEMAS).expect("references into components/schemas");
                    nested.push((self.component(name), value, at.to_string()));
                }
                "type" => {
                    let types: Vec<&str> = match arg {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().map(|t| t.as_str().unwrap()).collect(),
                        _ => panic!("type is {arg}"),
                    };
                    if !types.iter().any(|t| is_type(t, value)) {
                        fail(format!("not of type {arg}"));
                    }
                }
                "enum" => {
                    if !arg.as_array().unwrap().contains(value) {
                        fail(format!("{value} not in {arg}"));
                    }
                }
                "required" => {
                    if let Some(object) = value.as_object() {
                        for name in arg.as_array().unwrap() {
                            if !object.contains_key(name.as_str().unwrap()) {
                                fail(format!("{name} is required"));
                            }
                        }
                    }
                }
                "properties" => {
                    if let Some(object) = value.as_object() {
                        for (name, property) in arg.as_object().unwrap() {
                            if let Some(v) = object.get(name) {
                                nested.push((property, v, format!("{at}.{name}")));
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    let known = keywords.get("properties").and_then(Value::as_object);
                    if let Some(object) = value.as_object() {
                        for (name, v) in object {
                            if !known.is_some_and(|k| k.contains_key(name)) {
                                match arg {
                                    Value::Bool(false) => fail(format!("{name} is not allowed")),
                                    Value::Bool(true) => {}
                                    schema => nested.push((schema, v, format!("{at}.{name}"))),
                                }
                            }
                        }
                    }
                }
                "items" => {
                    if let Some(items) = value.as_array() {
                        nested.extend(items.iter().enumerate().map(|(i, v)| (arg, v, format!("{at}[{i}]"))));
                    }
                }
                "minItems" | "maxItems" => {
                    if let Some(items) = value.as_array() {
                        let bound = arg.as_u64().unwrap() as usize;
                        if (keyword == "minItems" && items.len() < bound) || (keyword == "maxItems" && items.len() > bound) {
                            fail(format!("{} items ({keyword} {bound})", items.len()));
                        }
                    }
                }
                "uniqueItems" => {
                    if let (Some(items), true) = (value.as_array(), arg.as_bool().unwrap()) {
                        if items.iter().enumerate().any(|(i, a)| items[..i].contains(a)) {
                            fail("items repeat".into());
                        }
                    }
                }
                "contains" => {
                    if let Some(items) = value.as_array() {
                        if !items.iter().any(|v| self.valid(arg, v)) {
                            fail(format!("no item matches {arg}"));
                        }
                    }
                }
                "minLength" | "maxLength" => {
                    if let Some(text) = value.as_str() {
                        let (n, bound) = (text.chars().count(), arg.as_u64().unwrap() as usize);
                        if (keyword == "minLength" && n < bound) || (keyword == "maxLength" && n > bound) {
                            fail(format!("{n} characters ({keyword} {bound})"));
                        }
                    }
                }
                "pattern" => {
                    if let Some(text) = value.as_str() {
                        if !regex::Regex::new(arg.as_str().unwrap()).unwrap().is_match(text) {
                            fail(format!("{text:?} does not match {arg}"));
                        }
                    }
                }
                "allOf" => nested.extend(arg.as_array().unwrap().iter().map(|s| (s, value, at.to_string()))),
                "oneOf" => {
                    let matching = arg.as_array().unwrap().iter().filter(|s| self.valid(s, value)).count();
                    if matching != 1 {
                        let why: Vec<Vec<String>> = arg.as_array().unwrap().iter().map(|s| self.errors(s, value)).collect();
                        fail(format!("{matching} of oneOf match: {why:?}"));
                    }
                }
                "not" => {
                    if self.valid(arg, value) {
                        fail(format!("matches not {arg}"));
                    }
                }
                "if" => {
                    let branch = if self.valid(arg, value) { keywords.get("then") } else { keywords.get("else") };
                    if let Some(branch) = branch {
                        nested.push((branch, value, at.to_string()));
                    }
                }
                other => panic!("the request schema uses {other:?}, which this validator does not check"),
            }
        }
        for (schema, value, at) in nested {
            self.check(schema, value, &at, errors);
        }
    }
}

pub fn is_type(name: &str, value: &Value) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        other => panic!("unknown type {other}"),
    }
}

/// Follows `$ref`s, and an optional value's `oneOf [null, X]` to X.
pub fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    if let Some(target) = schema["$ref"].as_str() {
        let name = target.strip_prefix(SCHEMAS).unwrap_or_else(|| panic!("{target}"));
        let found = &doc["components"]["schemas"][name];
        assert!(found.is_object(), "{target} points at nothing");
        return resolve(doc, found);
    }
    if let Some(options) = schema["oneOf"].as_array() {
        let not_null: Vec<&Value> = options.iter().filter(|o| o["type"] != "null").collect();
        if let [only] = not_null.as_slice() {
            return resolve(doc, only);
        }
    }
    schema
}

/// Walks `steps` from `schema`: a name goes into an object's property (which
/// must be listed, and required unless it may be left out), `[]` into an
/// array's items; the schema reached is returned. Each `$ref` on the way must
/// name the schema given with the step (`name:Schema`).
pub fn walk<'a>(doc: &'a Value, mut schema: &'a Value, steps: &[&str]) -> &'a Value {
    for step in steps {
        let (name, expected) = step.split_once(':').map_or((*step, None), |(n, s)| (n, Some(s)));
        let here = resolve(doc, schema);
        let next = if name == "[]" {
            assert_eq!(here["type"], "array", "{step}: {here}");
            &here["items"]
        } else {
            let property = &here["properties"][name];
            assert!(property.is_object(), "no property {name} in {here}");
            property
        };
        if let Some(expected) = expected {
            let reference = next["$ref"].as_str().or_else(|| next["oneOf"].as_array()?.iter().find_map(|o| o["$ref"].as_str()));
            assert_eq!(reference, Some(format!("{SCHEMAS}{expected}").as_str()), "{step}: {next}");
        }
        schema = next;
    }
    resolve(doc, schema)
}

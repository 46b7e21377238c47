//! The OpenAPI document served at `/api/openapi.json`, put together once per
//! running content, on its first request (the router asks; content loading
//! knows nothing of HTTP).
//!
//! Two parts: the paths and every record they send (results, plans, their
//! scores and terms, the questionnaire, decisions, problems) are derived from
//! the handlers and the types themselves; the request body's schemas are
//! built from the questionnaire, one property per question with its options,
//! so that a request valid against the schema is one the server accepts.
//! Conditional questions (`show_if`, asked only with several workloads) are
//! stated with `if`/`then`/`else` (OpenAPI 3.1 is JSON Schema 2020-12). One
//! rule no schema can state: workload names must differ whatever the letter
//! case; the schema says so in words and the server answers 422.

use crate::http::error::{FieldProblem, Problem};
use crate::routes::api::{self, Created, DecisionLink, Lifecycle, RecordedFact, TeamDecision, TeamMember};
use crate::routes::lifecycle::{self, FactsRecorded};
use axum::body::Bytes;
use crossroads_domain::{
    Condition, Question, QuestionKind, Questionnaire, Scope, MAX_NAME_CHARS, MAX_WORKLOADS, MIN_WORKLOADS,
};
use serde_json::{json, Map, Value};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Crossroads API",
        description = "Score answers, or a plan of workloads, and read stored results, the questionnaire and team decisions."
    ),
    paths(api::questionnaire, api::create_assessment, api::get_assessment, api::delete_assessment, api::get_decision, lifecycle::record_facts),
    components(schemas(Created, Problem, FieldProblem, TeamDecision, TeamMember, Lifecycle, DecisionLink, RecordedFact, FactsRecorded))
)]
struct ApiDoc;

const SCHEMAS: &str = "#/components/schemas/";
const REQUEST: &str = "AssessmentRequest";

/// A workload name: one character that is not white space, and no control characters.
pub const NAME_PATTERN: &str = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$";

/// The whole document as JSON, ready to serve.
pub fn document(questionnaire: &Questionnaire) -> Bytes {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("an OpenAPI document is JSON");
    if let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        schemas.extend(request_schemas(questionnaire));
    }
    let body = "/paths/~1api~1v1~1assessments/post/requestBody/content/application~1json/schema";
    if let Some(schema) = doc.pointer_mut(body) {
        *schema = reference(REQUEST);
    }
    Bytes::from(serde_json::to_vec(&doc).expect("JSON values serialise"))
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("{SCHEMAS}{name}") })
}

/// The request body's schemas, by component name.
pub fn request_schemas(q: &Questionnaire) -> Map<String, Value> {
    let flat: Vec<&Question> = q.questions.iter().filter(|x| !x.only_with_several).collect();
    let system: Vec<&Question> = q.questions_in(Scope::System).collect();
    let workload: Vec<&Question> = q.questions_in(Scope::Workload).collect();
    let mut kinds: Vec<&str> = q.workload_kinds.iter().map(|k| k.id.as_str()).collect();
    if kinds.is_empty() {
        // With no kinds in the content, only the empty kind is known.
        kinds.push("");
    }
    let mut plan_rules = Vec::new();
    let mut schemas = Map::new();
    schemas.insert(
        REQUEST.into(),
        json!({
            "description": "Flat answers (one workload: the whole system, as before plans), or a plan of workloads.",
            "oneOf": [reference("FlatAssessmentRequest"), reference("PlanAssessmentRequest")],
        }),
    );
    schemas.insert(
        "FlatAssessmentRequest".into(),
        json!({
            "type": "object",
            "description": "Answers to the questionnaire, scored as one workload: the whole system.",
            "properties": { "answers": reference("FlatAnswers") },
            "required": ["answers"],
            "additionalProperties": false,
        }),
    );
    schemas.insert("FlatAnswers".into(), answers_object(q, "Question id → option id (a list of them for multiple-choice questions).", &flat, Part::Flat, &mut plan_rules));
    schemas.insert("SystemAnswers".into(), answers_object(q, "Answers to the system questions: asked once for the whole system.", &system, Part::System, &mut plan_rules));
    schemas.insert("WorkloadAnswers".into(), answers_object(q, "Answers to the workload questions: asked once per workload.", &workload, Part::Workload, &mut plan_rules));
    schemas.insert(
        "WorkloadRequest".into(),
        json!({
            "type": "object",
            "description": "One part of the system with its own pattern of work, such as an API or a queue worker.",
            "properties": {
                "name": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": MAX_NAME_CHARS,
                    "pattern": NAME_PATTERN,
                    "description": "Shown wherever the workload is named; trimmed, unique within the plan whatever the letter case.",
                },
                "kind": { "type": "string", "enum": kinds, "description": "A workload kind of the questionnaire." },
                "answers": reference("WorkloadAnswers"),
            },
            "required": ["name", "kind", "answers"],
            "additionalProperties": false,
        }),
    );
    let mut plan = json!({
        "type": "object",
        "description": "A plan: the system answered once, each workload its own. One platform per workload, the organisation once.",
        "properties": {
            "answers": reference("SystemAnswers"),
            "workloads": {
                "type": "array",
                "minItems": MIN_WORKLOADS,
                "maxItems": MAX_WORKLOADS,
                "items": reference("WorkloadRequest"),
                "description": "The workloads, each name different from the others whatever the letter case (the server answers 422 to a duplicate).",
            },
        },
        "required": ["answers", "workloads"],
        "additionalProperties": false,
    });
    if !plan_rules.is_empty() {
        plan["allOf"] = Value::Array(plan_rules);
    }
    schemas.insert("PlanAssessmentRequest".into(), plan);
    schemas
}

/// Which answers object a schema is for.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    /// Every question a single system is asked.
    Flat,
    /// A plan's system answers.
    System,
    /// One workload's answers in a plan.
    Workload,
}

/// An object with one property per question. Questions always asked and
/// required are `required`; a conditional one is stated where its condition
/// can be read: in the object itself, or (a workload question that depends
/// on the number of workloads, or on a system answer) in `plan_rules`, the
/// plan request's own rules.
fn answers_object(content: &Questionnaire, description: &str, questions: &[&Question], part: Part, plan_rules: &mut Vec<Value>) -> Value {
    let ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
    let local = |c: &Condition| ids.contains(&c.question.as_str());
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut rules = Vec::new();
    for q in questions {
        properties.insert(q.id.clone(), answer_schema(q));
        // Only workload questions are asked only with several workloads (the
        // loader sees to it), and a flat answer set leaves them out.
        let several = q.only_with_several && part == Part::Workload;
        let (own, elsewhere): (Vec<&Condition>, Vec<&Condition>) = q.show_if.iter().partition(|c| local(c));
        if q.show_if.is_empty() && !several {
            if q.required {
                required.push(q.id.clone());
            }
        } else if part == Part::Workload && (several || !elsewhere.is_empty()) {
            plan_rules.push(workload_rule(content, q, several, &elsewhere, &own));
        } else {
            // A condition on a question outside this object never holds here:
            // its answer cannot be in the object, so the question is hidden.
            rules.push(shown_when(content, q, &q.show_if.iter().collect::<Vec<_>>()));
        }
    }
    let mut schema = json!({ "type": "object", "description": description, "properties": properties, "additionalProperties": false });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    if !rules.is_empty() {
        schema["allOf"] = Value::Array(rules);
    }
    schema
}

/// One question's answer: an option id, or a list of distinct ones.
fn answer_schema(q: &Question) -> Value {
    let options: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
    match q.kind {
        QuestionKind::Multiple => {
            let mut schema = json!({
                "type": "array",
                "description": q.prompt,
                "items": { "type": "string", "enum": options },
                "uniqueItems": true,
            });
            if q.required {
                schema["minItems"] = json!(1);
            }
            schema
        }
        QuestionKind::Single | QuestionKind::Scale => json!({ "type": "string", "description": q.prompt, "enum": options }),
    }
}

/// Every condition holds on the object: its question is answered with one of
/// the options (a list that contains one, for a multiple-choice question).
fn conditions_hold(content: &Questionnaire, conditions: &[&Condition]) -> Value {
    let takes_list = |id: &str| content.question(id).is_some_and(|q| q.kind == QuestionKind::Multiple);
    all_of(
        conditions
            .iter()
            .map(|c| {
                let answer = if takes_list(&c.question) { json!({ "contains": { "enum": c.any_of } }) } else { json!({ "enum": c.any_of }) };
                json!({ "properties": { c.question.clone(): answer }, "required": [c.question] })
            })
            .collect(),
    )
}

/// Every one of `schemas`: the one itself when there is one.
fn all_of(mut schemas: Vec<Value>) -> Value {
    match schemas.len() {
        1 => schemas.remove(0),
        _ => json!({ "allOf": schemas }),
    }
}

/// Within one answers object: answered when `conditions` hold (if required),
/// never when they do not.
fn shown_when(content: &Questionnaire, q: &Question, conditions: &[&Condition]) -> Value {
    if conditions.is_empty() {
        return if q.required { json!({ "required": [q.id] }) } else { json!({}) };
    }
    let mut rule = json!({
        "if": conditions_hold(content, conditions),
        "else": { "not": { "required": [q.id] } },
    });
    if q.required {
        rule["then"] = json!({ "required": [q.id] });
    }
    rule
}

/// A workload question whose asking depends on more than its own workload's
/// answers: on the number of workloads (`several`), or on system answers
/// (`on_system`). Where those hold, each workload answers it as `on_own` says.
fn workload_rule(content: &Questionnaire, q: &Question, several: bool, on_system: &[&Condition], on_own: &[&Condition]) -> Value {
    let mut when = Vec::new();
    if several {
        when.push(json!({ "properties": { "workloads": { "minItems": 2 } } }));
    }
    if !on_system.is_empty() {
        when.push(json!({ "properties": { "answers": conditions_hold(content, on_system) } }));
    }
    let each = |answers: Value| json!({ "properties": { "workloads": { "items": { "properties": { "answers": answers } } } } });
    json!({
        "if": all_of(when),
        "then": each(shown_when(content, q, on_own)),
        "else": each(json!({ "not": { "required": [q.id] } })),
    })
}

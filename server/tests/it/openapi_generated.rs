//! Requests generated from the content, at random but replayably: the server
//! accepts each exactly when it is valid against the OpenAPI document.

use crate::openapi::document;
use crate::schema_check::Validator;
use crate::support::{body_text, TestApp};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use crossroads_domain::{Question, QuestionKind, Questionnaire, Scope};
use serde_json::{json, Map, Value};

pub fn post(body: &Value) -> Request<Body> {
    Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap()
}

/// A small deterministic generator (xorshift), so a failure can be replayed.
pub struct Dice(u64);

impl Dice {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Answers to `questions`, starting from `suggested` (a kind's): nearly
/// always to a question that is asked (given the answers so far and
/// `context`, the system answers of a workload, and whether the plan has
/// `several` workloads), now and then to one that is not.
pub fn generate_answers(dice: &mut Dice, questions: &[&Question], context: &Map<String, Value>, several: bool, suggested: &Map<String, Value>) -> Map<String, Value> {
    let mut answers = Map::new();
    for q in questions {
        let holds = |c: &crossroads_domain::Condition| match answers.get(&c.question).or_else(|| context.get(&c.question)) {
            Some(Value::String(option)) => c.any_of.contains(option),
            Some(Value::Array(options)) => options.iter().any(|o| c.any_of.iter().any(|a| o == a)),
            _ => false,
        };
        let asked = q.show_if.iter().all(holds) && (several || !q.only_with_several);
        if !dice.chance(if asked { 97 } else { 4 }) {
            continue;
        }
        let answer = match (suggested.get(&q.id), q.kind) {
            (Some(suggestion), _) if dice.chance(70) => suggestion.clone(),
            (_, QuestionKind::Multiple) => {
                json!(q.options.iter().filter(|_| dice.chance(40)).map(|o| o.id.clone()).collect::<Vec<_>>())
            }
            _ => json!(q.options[dice.below(q.options.len())].id),
        };
        answers.insert(q.id.clone(), answer);
    }
    if dice.chance(2) {
        answers.insert("no_such_question".into(), json!("x"));
    }
    answers
}

pub fn generate_request(dice: &mut Dice, q: &Questionnaire) -> Value {
    let none = Map::new();
    if dice.chance(25) {
        let flat: Vec<&Question> = q.questions.iter().filter(|x| !x.only_with_several).collect();
        return json!({ "answers": generate_answers(dice, &flat, &none, false, &none) });
    }
    let system: Vec<&Question> = q.questions_in(Scope::System).collect();
    let own: Vec<&Question> = q.questions_in(Scope::Workload).collect();
    // Mostly small plans; now and then up to nine (one too many).
    let count = if dice.chance(10) { 5 + dice.below(5) } else { 1 + dice.below(3) };
    let system_answers = generate_answers(dice, &system, &none, count > 1, &none);
    let workloads: Vec<Value> = (0..count)
        .map(|i| {
            let kind = &q.workload_kinds[dice.below(q.workload_kinds.len())];
            let suggested = serde_json::to_value(&kind.suggest).unwrap().as_object().cloned().unwrap_or_default();
            let kind_id = if dice.chance(3) { "mainframe".to_string() } else { kind.id.clone() };
            // Names differ whatever the letter case: the one rule no schema states.
            let name = if dice.chance(3) { String::new() } else { format!("{} {}", kind.label, i + 1) };
            json!({ "name": name, "kind": kind_id, "answers": generate_answers(dice, &own, &system_answers, count > 1, &suggested) })
        })
        .collect();
    json!({ "answers": system_answers, "workloads": workloads })
}

/// Sends `count` requests generated from the app's content; each must be
/// accepted exactly when it is valid against the schema.
pub async fn generated_requests_agree(app: &TestApp, seed: u64, count: usize) {
    let doc = document(app).await;
    let v = Validator { doc: &doc };
    let q: &Questionnaire = &app.state.content.questionnaire;
    let schema = v.component("AssessmentRequest");
    let mut dice = Dice(seed);
    let (mut accepted, mut refused, mut plans_of_several) = (0, 0, 0);
    for _ in 0..count {
        let body = generate_request(&mut dice, q);
        let errors = v.errors(schema, &body);
        let (status, response) = app.send(post(&body)).await;
        let answer = body_text(response).await;
        if errors.is_empty() {
            assert_eq!(status, StatusCode::CREATED, "valid against the schema, so accepted: {body}\n{answer}");
            accepted += 1;
            let workloads = body["workloads"].as_array().map_or(1, Vec::len);
            if workloads > 1 {
                plans_of_several += 1;
                let created: Value = serde_json::from_str(&answer).unwrap();
                assert_eq!(created["result"]["snapshot"]["plan"]["assessment"]["workloads"].as_array().unwrap().len(), workloads);
            }
        } else {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "not valid against the schema ({errors:?}), so refused: {body}\n{answer}");
            refused += 1;
        }
    }
    assert!(
        accepted >= count / 10 && refused >= count / 10 && plans_of_several >= count / 20,
        "the sample has both kinds: {accepted} accepted ({plans_of_several} plans of several), {refused} refused"
    );
}

#[tokio::test]
pub async fn requests_generated_from_the_content_are_accepted_exactly_when_valid_against_the_schema() {
    let app = TestApp::new().await;
    generated_requests_agree(&app, 0x5eed_cafe_f00d_d00d, 150).await;
}

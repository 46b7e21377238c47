//! Drawing a share card (goal: under 20 ms). Served from memory afterwards.

use criterion::{criterion_group, criterion_main, Criterion};
use crossroads_domain::{assess, Answer, Answers, Questionnaire, ResultSnapshot, StoredResult};

fn result() -> StoredResult {
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../content/questionnaire.toml")).unwrap();
    let q = Questionnaire::from_toml(&source, "questionnaire.toml").unwrap();
    // The first option everywhere, as one plausible set of answers.
    let mut answers = Answers::new();
    for question in &q.questions {
        if q.is_visible(question, &answers) {
            let first = question.options[0].id.clone();
            let answer = if question.kind == crossroads_domain::QuestionKind::Multiple { Answer::Many(vec![first]) } else { Answer::One(first) };
            answers.set(question.id.clone(), answer);
        }
    }
    let assessment = assess(&q, &answers).unwrap();
    StoredResult { id: "bench".into(), created_at: String::new(), questionnaire_version: q.version.clone(), questionnaire_fingerprint: String::new(), snapshot: ResultSnapshot::new(&q, assessment) }
}

fn card(c: &mut Criterion) {
    let result = result();
    let _ = any_spawner::Executor::init_tokio();
    c.bench_function("draw a result card (SVG to PNG)", |b| b.iter(|| crossroads_server::services::cards::png(crossroads_server::services::cards::for_result(&result)).unwrap()));
}

criterion_group!(benches, card);
criterion_main!(benches);

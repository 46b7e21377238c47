//! Drawing a share card (goal: under 20 ms, and at most 25 KB). Served from
//! memory afterwards. The two encodings of one drawn card are measured side by
//! side: the true-colour PNG cards were before, and the palette PNG they are.

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
    use crossroads_server::services::{card_png, cards};
    c.bench_function("draw a result card (SVG to PNG)", |b| b.iter(|| cards::png(cards::for_result(&result)).unwrap()));
    let drawn = cards::draw(cards::for_result(&result)).unwrap();
    let (true_colour, palette) = (drawn.encode_png().unwrap(), card_png::encode(&drawn).unwrap());
    println!("result card: true-colour PNG {} bytes, palette PNG {} bytes (goal: at most 25600)", true_colour.len(), palette.len());
    c.bench_function("encode a drawn card: true-colour PNG (before)", |b| b.iter(|| drawn.encode_png().unwrap()));
    c.bench_function("encode a drawn card: palette PNG", |b| b.iter(|| card_png::encode(&drawn).unwrap()));
}

criterion_group!(benches, card);
criterion_main!(benches);

//! Scoring a full answer set, tipping points included (goal: under 50 µs).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use crossroads_domain::{assess, Answers, Questionnaire};

const SOURCE: &str = include_str!("../../../content/questionnaire.toml");
const ANSWERS: &str = r#"{"stage":"grown","lifetime":"long","complexity":"complex","growth":"major","teams":"many",
"team_size":"large","ops":"dedicated","experience":"deep","tech_diversity":"some","load_shape":"mixed",
"steady_volume":"moderate","scaling_differences":"very","latency":"interactive","availability":"failover","state":"some","deployment":"many",
"budget":"comfortable","cost_model":["per_part","predictable"],"lock_in":"cautious","compliance":"certified",
"runtime":"mainstream","legacy":"deep","time_to_market":"relaxed","control":"fine","ecosystem":"neutral",
"tech_debt":"upfront","risk":"high"}"#;

fn scoring(c: &mut Criterion) {
    let questionnaire = Questionnaire::from_toml(SOURCE, "questionnaire.toml").expect("loads");
    let answers: Answers = serde_json::from_str(ANSWERS).expect("valid JSON");
    assess(&questionnaire, &answers).expect("valid answers");
    c.bench_function("assess (scores, exclusions, tipping points, triggers)", |b| {
        b.iter(|| assess(black_box(&questionnaire), black_box(&answers)).unwrap())
    });
    c.bench_function("load questionnaire", |b| {
        b.iter(|| Questionnaire::from_toml(black_box(SOURCE), "questionnaire.toml").unwrap())
    });
}

criterion_group!(benches, scoring);
criterion_main!(benches);

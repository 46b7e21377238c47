//! Scoring a full answer set, tipping points included (goal: under 50 µs), and
//! a plan of eight workloads with tipping points and triggers (goal: under 500 µs).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use crossroads_domain::{assess, assess_plan, Answers, PlanAnswers, Questionnaire};

const SOURCE: &str = include_str!("../../../content/questionnaire.toml");
const ANSWERS: &str = r#"{"stage":"grown","lifetime":"long","complexity":"complex","growth":"major","teams":"many",
"team_size":"large","ops":"dedicated","experience":"deep","tech_diversity":"some","load_shape":"mixed",
"steady_volume":"moderate","scaling_differences":"very","latency":"interactive","availability":"failover","state":"some","deployment":"many",
"budget":"comfortable","cost_model":["per_part","predictable"],"lock_in":"cautious","compliance":"certified",
"runtime":"mainstream","legacy":"deep","time_to_market":"relaxed","control":"fine","ecosystem":"neutral",
"tech_debt":"upfront","risk":"high"}"#;

/// Eight workloads of a grown system, one of each kind and a second API.
const PLAN: &str = r#"{"answers": {"stage":"grown","lifetime":"long","complexity":"complex","growth":"major","teams":"few",
"team_size":"medium","ops":"some","experience":"some","tech_diversity":"some","scaling_differences":"some","deployment":"few",
"budget":"moderate","cost_model":["usage","predictable"],"lock_in":"cautious","compliance":"none","legacy":"some",
"time_to_market":"important","control":"some","ecosystem":"neutral","tech_debt":"upfront","risk":"moderate"},
"workloads": [
 {"name":"Public API","kind":"http-api","answers":{"load_shape":"steady","steady_volume":"moderate","waits":"person","latency":"interactive","availability":"failover","state":"stateless","runtime":"mainstream"}},
 {"name":"Web front end","kind":"web-front-end","answers":{"load_shape":"variable","waits":"person","latency":"interactive","availability":"failover","state":"stateless","runtime":"mainstream"}},
 {"name":"Upload handler","kind":"event-handler","answers":{"load_shape":"event","waits":"nobody","latency":"tolerant","availability":"tolerant","state":"stateless","runtime":"mainstream"}},
 {"name":"Mailer","kind":"queue-worker","answers":{"load_shape":"variable","waits":"nobody","latency":"tolerant","availability":"tolerant","state":"stateless","runtime":"mainstream"}},
 {"name":"Nightly report","kind":"scheduled-job","answers":{"load_shape":"event","waits":"nobody","latency":"tolerant","availability":"tolerant","state":"some","runtime":"mainstream"}},
 {"name":"Data import","kind":"batch","answers":{"load_shape":"mixed","steady_volume":"heavy","waits":"nobody","latency":"tolerant","availability":"tolerant","state":"some","runtime":"special"}},
 {"name":"Live chat","kind":"stateful","answers":{"load_shape":"steady","steady_volume":"light","waits":"person","latency":"realtime","availability":"isolation","state":"core","runtime":"mainstream"}},
 {"name":"Pricing","kind":"http-api","answers":{"load_shape":"variable","waits":"caller","latency":"tolerant","availability":"failover","state":"stateless","runtime":"mainstream"}}
]}"#;

fn scoring(c: &mut Criterion) {
    let questionnaire = Questionnaire::from_toml(SOURCE, "questionnaire.toml").expect("loads");
    let answers: Answers = serde_json::from_str(ANSWERS).expect("valid JSON");
    assess(&questionnaire, &answers).expect("valid answers");
    c.bench_function("assess (scores, exclusions, tipping points, triggers)", |b| {
        b.iter(|| assess(black_box(&questionnaire), black_box(&answers)).unwrap())
    });
    let plan: PlanAnswers = serde_json::from_str(PLAN).expect("valid JSON");
    assess_plan(&questionnaire, &plan).expect("a valid plan");
    c.bench_function("assess_plan, eight workloads (scores, plan, tipping points, triggers)", |b| {
        b.iter(|| assess_plan(black_box(&questionnaire), black_box(&plan)).unwrap())
    });
    c.bench_function("load questionnaire", |b| {
        b.iter(|| Questionnaire::from_toml(black_box(SOURCE), "questionnaire.toml").unwrap())
    });
}

criterion_group!(benches, scoring);
criterion_main!(benches);

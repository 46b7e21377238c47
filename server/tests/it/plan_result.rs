//! Results scored as plans: the page, the share card and the ADR show the
//! plan. Flat results (every result stored before plans, and new results of
//! one workload left as the whole system) render exactly as they did before.

use crate::support::{without_nonces, TestApp};
use axum::http::StatusCode;
use crossroads_domain::{PlanAnswers, ResultSnapshot, StoredResult};
use crossroads_server::services::assess::create_plan;
use crossroads_server::db::Custody;
use http_body_util::BodyExt;
use std::path::PathBuf;

/// Snapshots stored before plans existed, as the engine wrote them.
const STORED_STARTUP: &str = include_str!("../../../app/domain/tests/fixtures/snapshot-2026.11.2-startup.json");
const STORED_ON_PREMISES: &str = include_str!("../../../app/domain/tests/fixtures/snapshot-2026.11.2-on-premises.json");

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures").join(name)
}

/// `actual` equals the fixture `name`, captured before results could show plans.
fn same_as_fixture(name: &str, actual: &[u8]) {
    let expected = std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    if expected != actual {
        let shown = |b: &[u8]| String::from_utf8_lossy(b).chars().take(4000).collect::<String>();
        panic!("{name} differs from what it was before plans:\n--- expected\n{}\n--- actual\n{}", shown(&expected), shown(actual));
    }
}

/// `png` shows the picture of the fixture `name`, a true-colour PNG captured
/// before plans. Cards are palette PNGs since: the design's flat colours are
/// kept exactly, and only edge pixels (of text and shapes) may move to a
/// nearby palette colour.
fn same_picture_as_fixture(name: &str, png: &[u8]) {
    let expected = resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(fixture(name)).unwrap()).unwrap();
    let actual = resvg::tiny_skia::Pixmap::decode_png(png).unwrap();
    assert_eq!((actual.width(), actual.height()), (expected.width(), expected.height()), "{name}");
    let errors: Vec<u32> = expected
        .pixels()
        .iter()
        .zip(actual.pixels())
        .map(|(e, a)| [e.red().abs_diff(a.red()), e.green().abs_diff(a.green()), e.blue().abs_diff(a.blue())].into_iter().max().unwrap_or(0) as u32)
        .collect();
    let moved = errors.iter().filter(|e| **e > 0).count();
    let worst = errors.iter().max().copied().unwrap_or(0);
    let mean = errors.iter().sum::<u32>() as f64 / errors.len() as f64;
    assert!(moved * 20 < errors.len() && worst <= 48 && mean < 0.5, "{name}: {moved} of {} pixels moved, by {worst} at most, {mean:.3} on average", errors.len());
}

/// Stores `snapshot` under a fixed id and date, scored with the questionnaire
/// in use (so the page shows no "outdated" notice whatever the content's version).
async fn store_fixed(app: &TestApp, id: &str, snapshot: ResultSnapshot) -> StoredResult {
    let result = StoredResult {
        id: id.to_string(),
        created_at: "2026-11-20T10:00:00Z".to_string(),
        questionnaire_version: snapshot.assessment.questionnaire_version.clone(),
        questionnaire_fingerprint: app.state.content.questionnaire.fingerprint.clone(),
        snapshot,
    };
    app.state.db.insert(&result, Custody { created_by: None, delete_token_hash: None, kept: false }).await.unwrap();
    result
}

/// The page's `<main>` element: what the result page renders (the document
/// around it belongs to every page).
pub(crate) fn main_of(page: &str) -> String {
    let start = page.find("<main").expect("a main element");
    let end = page.find("</main>").expect("a main element's end") + "</main>".len();
    without_nonces(&page[start..end])
}

async fn bytes_of(app: &TestApp, path: &str) -> Vec<u8> {
    let (status, response) = app.get_response(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    response.into_body().collect().await.unwrap().to_bytes().to_vec()
}

/// A flat result with hybrid notes (bursty load, one part scaling
/// differently), scored before plans and frozen as JSON.
fn hybrid_snapshot() -> ResultSnapshot {
    serde_json::from_str(&std::fs::read_to_string(fixture("flat-hybrid.snapshot.json")).unwrap()).unwrap()
}

#[tokio::test]
async fn flat_results_render_their_page_card_and_record_exactly_as_before_plans() {
    let app = TestApp::new().await;
    let flat = [
        ("FlatStartup1", "startup", serde_json::from_str::<ResultSnapshot>(STORED_STARTUP).unwrap()),
        ("FlatOnPrem01", "on-premises", serde_json::from_str(STORED_ON_PREMISES).unwrap()),
        ("FlatHybrid01", "hybrid", hybrid_snapshot()),
    ];
    for (id, name, snapshot) in flat {
        assert!(snapshot.plan.is_none());
        store_fixed(&app, id, snapshot).await;
        let (status, page) = app.get(&format!("/r/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        same_as_fixture(&format!("flat-{name}.html"), main_of(&page).as_bytes());
        same_as_fixture(&format!("flat-{name}.adr.md"), &bytes_of(&app, &format!("/r/{id}/adr.md")).await);
        same_picture_as_fixture(&format!("flat-{name}.card.png"), &bytes_of(&app, &format!("/r/{id}/card.png")).await);
    }
}

/// A small team with some DevOps practice, a moderate budget and some caution
/// about depending on one provider (system answers only).
pub(crate) const SMALL_TEAM: &[(&str, &str)] = &[
    ("stage", "new"), ("lifetime", "long"), ("complexity", "moderate"), ("growth", "steady"),
    ("teams", "one"), ("team_size", "small"), ("ops", "some"), ("experience", "none"), ("tech_diversity", "one_stack"),
    ("scaling_differences", "some"), ("deployment", "together"), ("budget", "moderate"), ("cost_model", "usage"),
    ("lock_in", "cautious"), ("compliance", "none"), ("legacy", "none"), ("time_to_market", "important"),
    ("control", "some"), ("ecosystem", "neutral"), ("tech_debt", "simplicity"), ("risk", "moderate"),
];

/// Steady, interactive, stateless: people wait on every request.
pub(crate) const STEADY_API: &[(&str, &str)] = &[
    ("load_shape", "steady"), ("steady_volume", "moderate"), ("waits", "person"), ("latency", "interactive"),
    ("availability", "failover"), ("state", "stateless"), ("runtime", "mainstream"),
];

/// Bursty, event-driven, stateless: runs when a file arrives, nobody waits.
pub(crate) const UPLOAD_HANDLER: &[(&str, &str)] = &[
    ("load_shape", "event"), ("waits", "nobody"), ("latency", "tolerant"), ("availability", "tolerant"),
    ("state", "stateless"), ("runtime", "mainstream"),
];

/// A report built every night from the day's records: nobody waits for it.
const NIGHTLY_JOB: &[(&str, &str)] = &[
    ("load_shape", "event"), ("waits", "nobody"), ("latency", "tolerant"), ("availability", "tolerant"),
    ("state", "some"), ("runtime", "mainstream"),
];

/// Called by the API while its users wait.
const CALLED_BY_API: &[(&str, &str)] = &[
    ("load_shape", "variable"), ("waits", "caller"), ("latency", "interactive"), ("availability", "tolerant"),
    ("state", "stateless"), ("runtime", "mainstream"),
];

fn answers_of(pairs: &[(&str, &str)]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for (q, o) in pairs {
        let value = if *q == "cost_model" { serde_json::json!([o]) } else { serde_json::json!(o) };
        map.insert(q.to_string(), value);
    }
    serde_json::Value::Object(map)
}

/// A plan of `(name, kind, answers)` workloads on top of `system`.
pub(crate) fn plan_answers(system: &[(&str, &str)], workloads: &[(&str, &str, &[(&str, &str)])]) -> PlanAnswers {
    let workloads: Vec<serde_json::Value> = workloads
        .iter()
        .map(|(name, kind, answers)| serde_json::json!({ "name": name, "kind": kind, "answers": answers_of(answers) }))
        .collect();
    serde_json::from_value(serde_json::json!({ "answers": answers_of(system), "workloads": workloads })).unwrap()
}

pub(crate) fn three_workloads() -> PlanAnswers {
    plan_answers(
        SMALL_TEAM,
        &[("Public API", "http-api", STEADY_API), ("Upload handler", "event-handler", UPLOAD_HANDLER), ("Nightly report", "scheduled-job", NIGHTLY_JOB)],
    )
}

/// Text as the page writes it in an element.
pub(crate) fn html_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The part of `page` from `start` to the first `end` after it.
pub(crate) fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page.find(start).unwrap_or_else(|| panic!("{start} is on the page"));
    let rest = &page[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// Stores `plan` as a new result and answers its page, ADR and card.
pub(crate) async fn rendered(app: &TestApp, plan: &PlanAnswers) -> (StoredResult, String, String, Vec<u8>) {
    let created = create_plan(&app.state, plan, None).await.unwrap_or_else(|e| panic!("the plan is valid: {e}"));
    let id = created.result.id.clone();
    let (status, page) = app.get(&format!("/r/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let adr = String::from_utf8(bytes_of(app, &format!("/r/{id}/adr.md")).await).unwrap();
    let png = bytes_of(app, &format!("/r/{id}/card.png")).await;
    (created.result, page, adr, png)
}

/// A card's PNG decodes at 1200 × 630; answers how many dark pixels lie in `rows` (top, bottom).
fn card_png(png: &[u8], rows: (u32, u32)) -> usize {
    let image = resvg::tiny_skia::Pixmap::decode_png(png).expect("the card is a PNG");
    assert_eq!((image.width(), image.height()), (1200, 630));
    (60..1140).flat_map(|x| (rows.0..rows.1).map(move |y| (x, y))).filter(|&(x, y)| image.pixel(x, y).unwrap().demultiply().red() < 100).count()
}

/// The page loads no wasm and no script file: its scripts are inline.
fn no_islands(page: &str) {
    assert!(!page.contains("<script src") && !page.contains("modulepreload") && !page.contains(".wasm"), "no script files");
    assert!(!page.contains("leptos-island"), "no islands");
}

/// Heading levels in `html` never skip one on the way down.
pub(crate) fn headings_in_order(html: &str) {
    let mut last = 0;
    for (at, _) in html.match_indices("<h") {
        let Some(level) = html[at + 2..].chars().next().and_then(|c| c.to_digit(10)) else { continue };
        assert!(level <= last + 1, "h{level} after h{last}: {}", &html[at..(at + 80).min(html.len())]);
        last = level;
    }
}

#[tokio::test]
async fn a_plan_of_three_workloads_shows_a_row_each_every_term_and_the_price_of_mixing() {
    let app = TestApp::new().await;
    let (result, page, _, _) = rendered(&app, &three_workloads()).await;
    let plan = &result.snapshot.plan.as_ref().expect("stored as a plan").assessment;
    let chosen = plan.plan.as_ref().unwrap();
    assert_eq!(chosen.extra_platforms, 1, "the plan mixes two platforms");
    no_islands(&page);
    let main = main_of(&page);
    headings_in_order(&main);
    assert!(!main.contains("<th>") && !main.contains("<th class"), "every header cell has a scope");
    assert!(main.contains(r#"href="/guide/per-workload""#), "the guide page on plans");
    assert!(!main.contains("hybrid-note"), "the plan replaces the prose hybrid notes");

    // One row per workload: name, kind, platform and points from the plan's assignments.
    let table = between(&main, r#"<table class="plan-table">"#, "</table></div>");
    let rows: Vec<&str> = table.split(r#"<tbody class="plan-workload">"#).skip(1).collect();
    assert_eq!(rows.len(), 3);
    for ((row, w), a) in rows.iter().zip(&plan.workloads).zip(&chosen.assignments) {
        let cells = format!(
            r#"<tr><th scope="row">{}</th><td>{}</td><td class="plan-platform">{}</td><td class="num">{}</td>"#,
            w.name, w.kind_label, a.label, a.points
        );
        assert!(row.starts_with(&cells), "{cells}\nin\n{row}");
        assert!(row.contains(&format!("<summary>How “{}” scores on each platform</summary>", w.name)));
        // Every term of every platform opens under its workload, with each total.
        for s in &w.execution.scores {
            assert!(row.contains(&format!("{} pts", s.total)), "{} on {}", w.name, s.label);
            for t in &s.terms {
                assert!(row.contains(&html_text(&t.because)), "{} on {}: {}", w.name, s.label, t.because);
            }
        }
    }
    assert_eq!(chosen.assignments.iter().map(|a| a.candidate.as_str()).collect::<Vec<_>>(), ["managed-containers", "serverless-functions", "serverless-functions"]);
    assert!(rows[0].contains(r#"<td class="plan-lead">+6 over serverless functions</td>"#), "{}", rows[0]);

    // The organisation's terms, facts about the workloads among them.
    for t in plan.organisation.scores.iter().flat_map(|s| &s.terms) {
        assert!(main.contains(&html_text(&t.because)), "{}", t.because);
    }
    assert!(main.contains("The plan has three or more workloads"));

    // The price of mixing, term by term, and the plan beside the best single-platform plan.
    let mixing = between(&main, r#"<section aria-labelledby="mixing-heading">"#, "</section>");
    for t in &plan.mixing.terms {
        assert!(mixing.contains(&html_text(&t.because)), "{}", t.because);
    }
    let single = plan.single.as_ref().unwrap();
    assert_eq!(single.platforms, ["serverless-functions"]);
    let sentence = format!(
        "Running everything on serverless functions would score {}, {} points less than this plan after paying {} points for the second platform.",
        single.value,
        plan.single_difference.unwrap(),
        chosen.mixing_cost
    );
    assert!(mixing.contains(&sentence), "{sentence}\nin\n{mixing}");
    assert!(mixing.contains(&format!(r#"<td class="num"><strong>{}</strong></td><td class="num">{}</td>"#, chosen.value, single.value)), "{mixing}");

    // Tipping points and review triggers: the system's, then each workload's under its name.
    let changes = between(&main, r#"<section aria-labelledby="tipping-heading">"#, "</section>");
    for t in plan.review_triggers.iter().chain(plan.workloads.iter().flat_map(|w| &w.review_triggers)) {
        assert!(changes.contains(&html_text(&t.text)), "{}", t.text);
    }
    for w in &plan.workloads {
        assert!(changes.contains(&format!("<h3>“{}” ({})</h3>", w.name, w.kind_label)));
    }
    // The answers: the system's, then each workload's.
    let answers = between(&main, r#"<section aria-labelledby="answers-heading">"#, "</section>");
    for w in &result.snapshot.plan.as_ref().unwrap().workloads {
        assert!(answers.contains(&format!("<h3>For “{}” ({})</h3>", w.name, w.kind_label)));
        for line in &w.answers_given {
            assert!(answers.contains(&html_text(&line.labels.join("; "))), "{}", line.prompt);
        }
    }
}

#[tokio::test]
async fn a_plans_card_and_record_show_each_workload_on_its_platform() {
    let app = TestApp::new().await;
    let (result, _, adr, png) = rendered(&app, &three_workloads()).await;
    let plan = &result.snapshot.plan.as_ref().unwrap().assessment;

    // The card: headline, then "name: platform" for each workload, at 1200 × 630.
    let svg = crossroads_server::services::cards::svg(crossroads_server::services::cards::for_result(&result));
    for (name, platform) in [("Public API", "Managed containers"), ("Upload handler", "Serverless functions"), ("Nightly report", "Serverless functions")] {
        assert!(svg.contains(&format!(r#"{name}: <tspan class="row-platform">{platform}</tspan>"#)), "{name} in {svg}");
    }
    assert!(card_png(&png, (300, 400)) > 1500, "the rows are drawn");

    // The record: each workload with its platform and why, the price of mixing,
    // and the single-platform plan among the options.
    let outcome = between(&adr, "## Decision Outcome", "### Consequences");
    for w in &plan.workloads {
        let label = w.execution.score(w.platform.as_deref().unwrap()).unwrap().label.clone();
        assert!(outcome.contains(&format!("* “{}”: {label}, ", w.name)), "{} in {outcome}", w.name);
    }
    assert!(outcome.contains("  * Mostly because "), "its top terms");
    let options = between(&adr, "## Considered Options", "## Decision Outcome");
    let single = plan.single.as_ref().unwrap();
    assert!(options.contains(&format!("* Everything on serverless functions: scores {}", single.value)), "{options}");
    for t in &plan.mixing.terms {
        assert!(options.contains(&format!("{:+}, because {}", t.points, crossroads_domain::text::lower_first(&t.because))), "{options}");
    }
    let front = between(&adr, "---\n", "\n---\n").trim_start_matches("---\n");
    let yaml = yaml_rust2::YamlLoader::load_from_str(front).expect("front matter parses");
    assert_eq!(yaml[0]["status"].as_str(), Some("proposed"));
}

#[tokio::test]
async fn workload_names_are_user_text_escaped_on_the_page_the_card_and_the_record() {
    let app = TestApp::new().await;
    let evil = "<script>alert(\"x\")</script> & 'q'";
    let plan = plan_answers(SMALL_TEAM, &[("Public API", "http-api", STEADY_API), (evil, "http-api", CALLED_BY_API)]);
    let (result, page, adr, png) = rendered(&app, &plan).await;
    let assessment = &result.snapshot.plan.as_ref().unwrap().assessment;

    no_islands(&page);
    assert!(!page.contains("<script>alert"), "never markup");
    assert!(page.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'q'"), "shown as the characters it is");
    assert!(page.contains(r#"<th scope="row">&lt;script&gt;alert("x")&lt;/script&gt; &amp; 'q'</th>"#), "its row");
    // Its chain term: the API waits for it.
    let chain = assessment.workloads[1].execution.scores.iter().flat_map(|s| &s.terms).find(|t| t.source == crossroads_domain::TermSource::Chain).expect("a chain term");
    assert!(page.contains(&html_text(&chain.because)) && page.contains("An interactive caller waits for it: “Public API”"));

    assert!(!adr.contains("<script"), "{adr}");
    assert!(adr.contains(r#"“&lt;script&gt;alert\(\"x\"\)&lt;/script&gt; &amp; \'q\'”"#), "{adr}");
    let front = between(&adr, "---\n", "\n---\n").trim_start_matches("---\n");
    assert!(!front.contains("script"), "no names in the front matter");
    yaml_rust2::YamlLoader::load_from_str(front).expect("front matter parses");

    let svg = crossroads_server::services::cards::svg(crossroads_server::services::cards::for_result(&result));
    assert!(svg.contains("&lt;script&gt;alert"), "{svg}");
    assert!(card_png(&png, (300, 370)) > 1000, "the rows are drawn");
}

#[tokio::test]
async fn a_card_lists_eight_workloads_shortening_long_names() {
    let app = TestApp::new().await;
    let long = "Ingestion pipeline for the partner's nightly exports 処理系統";
    let names: Vec<String> = (1..=8).map(|i| format!("{i} {long}").chars().take(60).collect()).collect();
    let workloads: Vec<(&str, &str, &[(&str, &str)])> = names.iter().map(|n| (n.as_str(), "batch", NIGHTLY_JOB)).collect();
    let (result, _, _, png) = rendered(&app, &plan_answers(SMALL_TEAM, &workloads)).await;
    let svg = crossroads_server::services::cards::svg(crossroads_server::services::cards::for_result(&result));
    assert_eq!(svg.matches(r#"class="row">"#).count(), 8);
    assert_eq!(svg.matches("…: ").count(), 8, "every long name ends with an ellipsis");
    assert!(!svg.contains(&names[0]));
    assert!(card_png(&png, (492, 520)) > 500, "the eighth row is drawn");
}

#[tokio::test]
async fn a_plan_of_one_named_workload_shows_its_row_and_no_hybrid_notes() {
    let app = TestApp::new().await;
    let storefront: Vec<(&str, &str)> = STEADY_API.iter().filter(|(q, _)| *q != "waits").map(|&(q, o)| if q == "load_shape" { (q, "mixed") } else { (q, o) }).collect();
    let (result, page, _, _) = rendered(&app, &plan_answers(SMALL_TEAM, &[("Storefront", "http-api", &storefront)])).await;
    let plan = &result.snapshot.plan.as_ref().expect("a named workload keeps its plan").assessment;
    assert!(!plan.hybrid_notes.is_empty(), "the flat reading would have hybrid notes");
    let main = main_of(&page);
    assert_eq!(main.matches(r#"<tbody class="plan-workload">"#).count(), 1);
    assert!(main.contains(r#"<th scope="row">Storefront</th><td>HTTP API</td>"#));
    assert!(!main.contains("hybrid-note") && !main.contains(&html_text(&plan.hybrid_notes[0])), "the plan replaces them");
    assert!(main.contains("With one workload there is nothing to mix"));

    // Left as the whole system, the same answers are a flat result, shown as before.
    let (result, page, _, _) = rendered(&app, &plan_answers(SMALL_TEAM, &[("The whole system", "whole-system", &storefront)])).await;
    assert!(result.snapshot.plan.is_none());
    assert!(!page.contains("plan-table") && page.contains("How the scores add up"));
    assert!(page.contains(&html_text(&plan.hybrid_notes[0])), "with its hybrid notes");
}

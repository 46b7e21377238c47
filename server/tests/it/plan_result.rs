//! Results scored as plans: the page, the share card and the ADR show the
//! plan. Flat results (every result stored before plans, and new results of
//! one workload left as the whole system) render exactly as they did before.

use crate::support::{without_nonces, TestApp};
use axum::http::StatusCode;
use crossroads_domain::{ResultSnapshot, StoredResult};
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
fn main_of(page: &str) -> String {
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
        same_as_fixture(&format!("flat-{name}.card.png"), &bytes_of(&app, &format!("/r/{id}/card.png")).await);
    }
}

//! Wizard drafts on the server: read back by their id only, and removed once
//! untouched for long enough.

use crate::support::{post, Jar, TestApp};
use axum::http::StatusCode;
use crossroads_domain::{Answer, PlanAnswers, Workload};

fn draft(name: &str) -> PlanAnswers {
    PlanAnswers { system: Default::default(), workloads: vec![Workload { name: name.into(), kind: "http-api".into(), answers: Default::default() }] }
}

#[tokio::test]
async fn a_draft_is_kept_under_its_id_and_removed_when_untouched_past_the_cutoff() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let ada = db.save_draft(None, &draft("Ada's API")).await.unwrap();
    let grace = db.save_draft(None, &draft("Grace's API")).await.unwrap();
    assert_ne!(ada, grace, "each new draft gets its own id");
    assert_eq!(db.draft(&ada).await.unwrap(), Some(draft("Ada's API")));
    // An id that is not a draft's starts a new one instead of writing elsewhere.
    let other = db.save_draft(Some("not-a-draft-id"), &draft("Mallory")).await.unwrap();
    assert!(other != ada && other != grace);
    assert_eq!(db.draft(&ada).await.unwrap(), Some(draft("Ada's API")), "untouched by the others");

    // A cutoff before the drafts were saved keeps them ...
    assert_eq!(db.purge_drafts("2000-01-01T00:00:00Z").await.unwrap(), 0);
    assert!(db.draft(&grace).await.unwrap().is_some());
    // ... one after removes them, and a removed draft reads as none.
    assert_eq!(db.purge_drafts("2999-01-01T00:00:00Z").await.unwrap(), 3);
    assert_eq!(db.draft(&ada).await.unwrap(), None);
    assert_eq!(db.draft(&grace).await.unwrap(), None);
}

#[tokio::test]
async fn a_draft_keeps_only_what_a_person_could_choose_and_a_refused_first_post_stores_none() {
    let app = TestApp::new().await;

    // A refused post that brings no draft and answers nothing keeps nothing.
    let (status, _) = app.send(post("/wizard/situation", "nav=next".into(), &Jar::default())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // (Removing every draft counts them.)
    assert_eq!(app.state.db.purge_drafts("2999-01-01T00:00:00Z").await.unwrap(), 0, "no draft for an untouched, refused post");

    // An old-style draft cookie with thousands of made-up options, plus one real answer.
    let junk: String = (0..20_000).map(|i| format!("zz{i}+")).collect();
    let mut jar = Jar(vec![("crossroads_draft".into(), format!("stage:new|cost_model:usage+{junk}"))]);
    let (status, response) = app.send(post("/wizard/situation", "q.stage=new&nav=back".into(), &jar)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    jar.absorb(&response);
    let id = jar.0.iter().find(|(n, _)| n == "crossroads_draft_id").map(|(_, v)| v.clone()).expect("a draft id");
    let kept = app.state.db.draft(&id).await.unwrap().expect("the draft");
    assert_eq!(kept.system.get("cost_model"), Some(&Answer::Many(vec!["usage".into()])), "only the offered option is kept");
    assert_eq!(kept.system.get("stage"), Some(&Answer::One("new".into())), "and the step's own answer");
    let size = serde_json::to_string(&kept).unwrap().len();
    assert!(size < 2_000, "the stored draft is small: {size} bytes");
}

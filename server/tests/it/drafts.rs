//! Wizard drafts on the server: read back by their id only, and removed once
//! untouched for long enough.

use crate::support::TestApp;
use crossroads_domain::{PlanAnswers, Workload};

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

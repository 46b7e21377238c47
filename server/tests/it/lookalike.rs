//! Names that only look alike: a second member cannot join under a spelling
//! of another member's name in look-alike letters of another script.

use crate::support::{accept, body_text, enc, invite_path, post, Jar, TestApp};
use axum::http::{header, StatusCode};

async fn decision_with_invite(app: &TestApp) -> (String, String) {
    let (status, response) = app.send(post("/t", format!("title={}", enc("Names")), &Jar::default())).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let id = response.headers()[header::LOCATION].to_str().unwrap().split('/').nth(2).unwrap().to_string();
    let mut owner = Jar::default();
    owner.absorb(&response);
    let invite = invite_path(app, &id, &owner).await;
    (id, invite)
}

/// Opens the invite in a new browser and joins as `name`.
async fn join(app: &TestApp, id: &str, invite: &str, name: &str) -> (StatusCode, String) {
    let mut jar = Jar::default();
    accept(app, invite, &mut jar).await;
    let (status, response) = app.send(post(&format!("/t/{id}/join"), format!("name={}", enc(name)), &jar)).await;
    (status, body_text(response).await)
}

#[tokio::test]
async fn a_look_alike_of_a_members_name_cannot_join() {
    let app = TestApp::new().await;
    let (id, invite) = decision_with_invite(&app).await;
    assert_eq!(join(&app, &id, &invite, "Alice").await.0, StatusCode::SEE_OTHER);
    for imitation in [
        "\u{0410}lice",             // Cyrillic capital A
        "\u{0430}lic\u{0435}",      // Cyrillic small a and ie
        "\u{0391}LICE",             // Greek capital alpha, the rest in capitals
        "\u{FF21}l\u{0456}ce",      // a full-width A, a Cyrillic i
    ] {
        let (status, html) = join(&app, &id, &invite, imitation).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{imitation:?}");
        assert!(html.contains("goes by"), "{imitation:?}: says why");
    }
    assert_eq!(join(&app, &id, &invite, "Alicia").await.0, StatusCode::SEE_OTHER, "a different name joins");
    assert_eq!(app.state.db.member_count(&id).await.unwrap(), 2);
}

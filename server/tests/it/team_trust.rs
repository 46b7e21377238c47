//! Team decisions people can trust: invites, one name per person, one join per
//! signed-in person, removal, replaced links, anonymity, safe exports.

use crate::support::{accept, body_text, content_dir, draft, enc, get, invite_path, post, Jar, TestApp};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use std::net::SocketAddr;


async fn create(app: &TestApp, title: &str, anonymous: bool) -> (String, Jar) {
    let body = format!("title={}{}", enc(title), if anonymous { "&anonymous=yes" } else { "" });
    let (status, response) = app.send(post("/t", body, &Jar::default())).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mut owner = Jar::default();
    owner.absorb(&response);
    let id = response.headers()[header::LOCATION].to_str().unwrap().split('/').nth(2).unwrap().to_string();
    (id, owner)
}

async fn invite_link(app: &TestApp, id: &str, owner: &Jar) -> String {
    invite_path(app, id, owner).await
}

/// Opens a link that asks first, and accepts.
async fn open(app: &TestApp, path: &str, jar: &mut Jar) -> StatusCode {
    accept(app, path, jar).await
}

async fn join(app: &TestApp, id: &str, name: &str, jar: &mut Jar) -> (StatusCode, String) {
    let (status, response) = app.send(post(&format!("/t/{id}/join"), format!("name={}", enc(name)), jar)).await;
    jar.absorb(&response);
    (status, body_text(response).await)
}

async fn answer(app: &TestApp, id: &str, jar: &mut Jar, answers: &str) -> StatusCode {
    open(app, &format!("/t/{id}/answer"), jar).await;
    let (status, response) = app.send(post("/assessments", format!("answers={}", enc(answers)), jar)).await;
    jar.absorb(&response);
    status
}

#[tokio::test]
async fn without_sign_in_joining_needs_the_current_invite() {
    let app = TestApp::new().await;
    let (id, owner) = create(&app, "Invites", false).await;
    // The plain decision link is read-only.
    let mut stranger = Jar::default();
    let (_, html) = app.get(&format!("/t/{id}")).await;
    assert!(html.contains("open the invite link") && !html.contains("Join and answer"), "no join form without the invite");
    let (status, _) = join(&app, &id, "Mallory", &mut stranger).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // With the invite: the form, and joining works.
    let old_invite = invite_link(&app, &id, &owner).await;
    let mut ada = Jar::default();
    assert_eq!(open(&app, &old_invite, &mut ada).await, StatusCode::SEE_OTHER);
    let (_, html) = app.send(get(&format!("/t/{id}"), &ada)).await;
    assert!(body_text(html).await.contains("Join and answer"));
    assert_eq!(join(&app, &id, "Ada", &mut ada).await.0, StatusCode::SEE_OTHER);
    // The owner replaces the invite: the old link and a browser holding it no longer let anyone in.
    let mut late = Jar::default();
    open(&app, &old_invite, &mut late).await;
    assert_eq!(app.send(post(&format!("/t/{id}/owner"), "action=rotate-invite".into(), &owner)).await.0, StatusCode::SEE_OTHER);
    assert_eq!(open(&app, &old_invite, &mut Jar::default()).await, StatusCode::NOT_FOUND);
    assert_eq!(join(&app, &id, "Late", &mut late).await.0, StatusCode::FORBIDDEN);
    let mut grace = Jar::default();
    assert_eq!(open(&app, &invite_link(&app, &id, &owner).await, &mut grace).await, StatusCode::SEE_OTHER);
    assert_eq!(join(&app, &id, "Grace", &mut grace).await.0, StatusCode::SEE_OTHER);
    assert_eq!(app.state.db.member_count(&id).await.unwrap(), 2);
}

#[tokio::test]
async fn look_alike_names_cannot_join_twice() {
    let app = TestApp::new().await;
    let (id, owner) = create(&app, "Names", false).await;
    let link = invite_link(&app, &id, &owner).await;
    let mut alice = Jar::default();
    open(&app, &link, &mut alice).await;
    assert_eq!(join(&app, &id, "Alice", &mut alice).await.0, StatusCode::SEE_OTHER);
    for imitation in ["alice", "ＡＬＩＣＥ", "Al\u{200B}ice", "\u{202E}Alice", " ALICE "] {
        let mut other = Jar::default();
        open(&app, &link, &mut other).await;
        let (status, html) = join(&app, &id, imitation, &mut other).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{imitation:?}");
        assert!(html.contains("goes by"), "{imitation:?}: says why");
    }
    assert_eq!(app.state.db.member_count(&id).await.unwrap(), 1);
}

#[tokio::test]
async fn the_owner_removes_a_member_and_their_answers_leave_the_team() {
    let app = TestApp::new().await;
    let (id, owner) = create(&app, "Removal", false).await;
    let link = invite_link(&app, &id, &owner).await;
    let mut jars = Vec::new();
    for (name, answers) in [("Ada", draft(&[])), ("Stuffer", draft(&[("latency", "realtime")]))] {
        let mut jar = Jar::default();
        open(&app, &link, &mut jar).await;
        join(&app, &id, name, &mut jar).await;
        assert_eq!(answer(&app, &id, &mut jar, &answers).await, StatusCode::SEE_OTHER);
        jars.push(jar);
    }
    let (_, before) = app.get(&format!("/api/v1/decisions/{id}")).await;
    assert!(before.contains("Stuffer"));
    let stuffer = app.state.db.members_with_results(&id).await.unwrap()[1].0.id.clone();
    let (status, _) = app.send(post(&format!("/t/{id}/owner"), format!("action=remove&member={stuffer}"), &owner)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, after) = app.get(&format!("/api/v1/decisions/{id}")).await;
    let json: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(json["members"].as_array().unwrap().len(), 1);
    assert!(!after.contains("Stuffer"));
    let latency = json["team"]["spreads"].as_array().unwrap().iter().find(|s| s["question"] == "latency").unwrap().clone();
    assert_eq!(latency["answered"], 1, "the removed member's answers left the aggregate");
    // The removed member's browser is no member any more.
    let (_, html) = app.send(get(&format!("/t/{id}"), &jars[1])).await;
    assert!(!body_text(html).await.contains("You joined as"));
    let (_, html) = app.send(get(&format!("/t/{id}/owner"), &owner)).await;
    assert!(body_text(html).await.contains("removed Stuffer"), "the history lists the removal");
}

#[tokio::test]
async fn a_replaced_owner_link_stops_working_and_this_browser_stays_owner() {
    let app = TestApp::new().await;
    let (id, mut owner) = create(&app, "Owner links", false).await;
    let old_cookie = owner.clone();
    let (status, response) = app.send(post(&format!("/t/{id}/owner"), "action=rotate-owner".into(), &owner)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    owner.absorb(&response);
    assert_eq!(app.send(get(&format!("/t/{id}/owner"), &owner)).await.0, StatusCode::OK);
    assert_eq!(app.send(get(&format!("/t/{id}/owner"), &old_cookie)).await.0, StatusCode::FORBIDDEN);
    let old_token = &old_cookie.0.iter().find(|(n, _)| n.starts_with("crossroads_owner_")).unwrap().1;
    assert_eq!(app.get(&format!("/t/{id}/owner/{old_token}")).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn anonymous_decisions_show_no_result_of_anyone() {
    let app = TestApp::new().await;
    let (id, owner) = create(&app, "Anonymous", true).await;
    let link = invite_link(&app, &id, &owner).await;
    for (n, name) in ["Sam", "Kim"].iter().enumerate() {
        let mut jar = Jar::default();
        open(&app, &link, &mut jar).await;
        join(&app, &id, name, &mut jar).await;
        answer(&app, &id, &mut jar, &draft(&[("teams", if n == 0 { "one" } else { "many" })])).await;
    }
    let ids: Vec<String> = app.state.db.members_with_results(&id).await.unwrap().into_iter().filter_map(|(m, _)| m.assessment_id).collect();
    assert_eq!(ids.len(), 2);
    let page = app.get(&format!("/t/{id}")).await.1;
    assert!(page.contains("Fewer than three members have answered"), "weak anonymity is said");
    for (what, text) in [
        ("page", page),
        ("live", app.get(&format!("/t/{id}/live")).await.1),
        ("json", app.get(&format!("/api/v1/decisions/{id}")).await.1),
        ("adr", app.get(&format!("/t/{id}/adr.md")).await.1),
    ] {
        for result in &ids {
            assert!(!text.contains(result.as_str()), "{what} shows a member's result id");
        }
        assert!(!text.contains("Sam") && !text.contains("Kim"), "{what} shows a name");
    }
}

#[tokio::test]
async fn hostile_titles_and_names_stay_text_in_the_adr() {
    let app = TestApp::new().await;
    let title = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) <script>alert(2)</script>";
    let (id, owner) = create(&app, title, false).await;
    let link = invite_link(&app, &id, &owner).await;
    let names = ["a: b", "#x", "\"quoted\" \\ name", "[y](javascript:alert(3))"];
    for name in names {
        let mut jar = Jar::default();
        open(&app, &link, &mut jar).await;
        assert_eq!(join(&app, &id, name, &mut jar).await.0, StatusCode::SEE_OTHER, "{name}");
        answer(&app, &id, &mut jar, &draft(&[])).await;
    }
    let (_, adr) = app.get(&format!("/t/{id}/adr.md")).await;
    // Rendered by a renderer that lets raw HTML through: still no markup from users.
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&adr, options));
    for bad in ["<img", "<script", "href=\"javascript:"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the title shows as text: {html}");
    // The front matter is YAML with the names exactly as given.
    let front = adr.split("---").nth(1).unwrap();
    let docs = yaml_rust2::YamlLoader::load_from_str(front).expect("front matter parses");
    let makers: Vec<&str> = docs[0]["decision-makers"].as_vec().unwrap().iter().map(|y| y.as_str().unwrap()).collect();
    assert_eq!(makers, names);
}

#[tokio::test]
async fn signed_in_people_join_once_under_their_name_and_the_creator_owns() {
    let app = TestApp::with_config(content_dir(), |c| {
        c.trusted_proxies = "127.0.0.2".into();
        c.auth_header = Some("X-Forwarded-Email".into());
        c.auth_name_header = Some("X-Forwarded-User".into());
    })
    .await;
    let as_user = |email: &str, name: &str, mut request: Request<Body>| {
        request.extensions_mut().insert(ConnectInfo("127.0.0.2:1".parse::<SocketAddr>().unwrap()));
        request.headers_mut().insert("x-forwarded-email", email.parse().unwrap());
        request.headers_mut().insert("x-forwarded-user", name.parse().unwrap());
        request
    };
    let none = Jar::default();
    let (status, response) = app.send(as_user("ada@example.org", "Ada", post("/t", "title=Signed".into(), &none))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let id = response.headers()[header::LOCATION].to_str().unwrap().split('/').nth(2).unwrap().to_string();
    // The creator owns it by identity, in any browser, without a link.
    assert_eq!(app.send(as_user("ada@example.org", "Ada", get(&format!("/t/{id}/owner"), &none))).await.0, StatusCode::OK);
    assert_eq!(app.send(as_user("bob@example.org", "Bob", get(&format!("/t/{id}/owner"), &none))).await.0, StatusCode::FORBIDDEN);
    // Bob joins from the plain link, under his display name, once.
    let (_, page) = app.send(as_user("bob@example.org", "Bob Builder", get(&format!("/t/{id}"), &none))).await;
    let page = body_text(page).await;
    assert!(page.contains("You join as Bob Builder") && !page.contains("name=\"name\""), "the name comes from the sign-in");
    let (status, _) = app.send(as_user("bob@example.org", "Bob Builder", post(&format!("/t/{id}/join"), "name=".into(), &none))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let member = app.state.db.member_by_identity(&id, "bob@example.org").await.unwrap().expect("tied to the identity");
    assert_eq!(member.name, "Bob Builder");
    // Joining again, from any browser and under any name, adds nobody.
    let (status, _) = app.send(as_user("bob@example.org", "Bob", post(&format!("/t/{id}/join"), "name=Robert".into(), &none))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "already a member: on to answering");
    assert_eq!(app.state.db.member_count(&id).await.unwrap(), 1);
    let (_, page) = app.send(as_user("bob@example.org", "Bob", get(&format!("/t/{id}"), &none))).await;
    assert!(body_text(page).await.contains("You joined as Bob Builder."));
}

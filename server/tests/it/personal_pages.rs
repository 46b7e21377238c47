//! Pages rendered once and filled per visitor (wizard steps, the team page):
//! every visitor's copy, fetched many at a time, equals a whole render for
//! that visitor, and holds nothing of anyone else's.

use crate::support::{accept, body_text, content_dir, enc, get, invite_path, post, without_nonces, Jar, TestApp};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use crossroads_server::http::template::Templates;
use std::net::SocketAddr;
use tower::ServiceExt;

/// Text a visitor might try: markup, quotes, ampersands, and what a marker looks like.
const TRICKY: &str = "<b>\"Q&A\"</b> ' \u{1}viewer\u{1} \u{1}:f0\u{1} &amp;";

/// A router over the same state that renders every page whole, as before templates.
fn whole(app: &TestApp) -> Router {
    let mut state = app.state.clone();
    state.render.templates = Templates::off();
    crossroads_server::routes::router(state)
}

/// A request as the signed-in `name` makes it through the trusted proxy.
fn signed_in(name: &str, mut request: Request<Body>) -> Request<Body> {
    request.extensions_mut().insert(ConnectInfo("127.0.0.2:40000".parse::<SocketAddr>().unwrap()));
    let email = format!("{}@example.org", name.len());
    request.headers_mut().insert("x-forwarded-email", email.parse().unwrap());
    request.headers_mut().insert("x-forwarded-user", name.parse().unwrap());
    request
}

async fn fetch(router: &Router, request: Request<Body>) -> String {
    let response = router.clone().oneshot(request).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::OK);
    without_nonces(&body_text(response).await)
}

/// Fetches every visitor's page `rounds` times, all at once, through the
/// kept templates; checks each copy against a whole render for its visitor.
async fn compare_concurrently(app: &TestApp, requests: &[Box<dyn Fn() -> Request<Body> + Send + Sync>], rounds: usize) -> Vec<String> {
    let fresh = whole(app);
    let mut expected = Vec::new();
    for request in requests {
        expected.push(fetch(&fresh, request()).await);
    }
    let mut tasks = Vec::new();
    for round in 0..rounds {
        for (who, request) in requests.iter().enumerate() {
            let (router, request) = (app.router.clone(), request());
            tasks.push(tokio::spawn(async move { (who, round, fetch(&router, request).await) }));
        }
    }
    for task in tasks {
        let (who, round, page) = task.await.unwrap();
        assert!(page == expected[who], "visitor {who}, round {round}: the kept page differs from a whole render");
        assert!(!page.contains('\u{1}'), "a marker was left in visitor {who}'s page");
    }
    expected
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wizard_steps_are_each_visitors_own() {
    let app = TestApp::with_config(content_dir(), |c| {
        c.trusted_proxies = "127.0.0.2/32".into();
        c.auth_header = Some("X-Forwarded-Email".into());
        c.auth_name_header = Some("X-Forwarded-User".into());
    })
    .await;
    assert!(app.state.render.templates.is_on());
    // Four visitors, each with their own answers on the first step (or none).
    let answers = ["q.stage=new&q.lifetime=short", "q.stage=grown&q.lifetime=long", "q.stage=early", ""];
    let names = ["Ann <i>&amp;</i>", "Bob \"the\" 'builder' & co", "Cy :f0 viewer", "Di"];
    let mut jars = Vec::new();
    for (body, name) in answers.iter().zip(names) {
        let mut jar = Jar::default();
        if !body.is_empty() {
            let (_, response) = app.send(signed_in(name, post("/wizard/situation", format!("{body}&nav=next"), &jar))).await;
            jar.absorb(&response);
        }
        jars.push(jar);
    }
    let requests: Vec<Box<dyn Fn() -> Request<Body> + Send + Sync>> = jars
        .iter()
        .zip(names)
        .map(|(jar, name)| {
            let jar = Jar(jar.0.clone());
            Box::new(move || signed_in(name, get("/wizard/situation", &jar))) as Box<dyn Fn() -> Request<Body> + Send + Sync>
        })
        .collect();
    let pages = compare_concurrently(&app, &requests, 8).await;
    assert!(app.state.render.templates.len() >= 1, "the step was kept");
    let checked = |page: &str, option: &str| page.contains(&format!("name=\"q.stage\" value=\"{option}\" checked"));
    assert!(checked(&pages[0], "new") && !checked(&pages[0], "grown"), "Ann's own answer is checked");
    assert!(checked(&pages[1], "grown") && !checked(&pages[1], "new"), "Bob's own answer is checked");
    assert!(!checked(&pages[3], "new") && !checked(&pages[3], "grown") && !checked(&pages[3], "early"), "Di answered nothing");
    for (who, page) in pages.iter().enumerate() {
        for (other, name) in names.iter().enumerate() {
            let shown = page.contains(&format!("<strong>{}</strong>", escape(name)));
            assert_eq!(shown, who == other, "visitor {who}'s page and {other}'s name");
        }
    }
    // A workload name with markup is the shape's, and shown as text. (Names
    // with control characters, as a marker needs, are refused at the form.)
    let mut jar = Jar(jars[3].0.clone());
    let form = format!("w.0.name={}&w.0.kind=http-api&nav=add", enc(&TRICKY.replace('\u{1}', "")));
    let (status, response) = app.send(signed_in("Di", post("/wizard/workloads", form, &jar))).await;
    jar.absorb(&response);
    assert!(status.is_success() || status.is_redirection(), "{status}");
    let requests: Vec<Box<dyn Fn() -> Request<Body> + Send + Sync>> = vec![Box::new(move || signed_in("Di", get("/wizard/workloads", &jar)))];
    let page = &compare_concurrently(&app, &requests, 4).await[0];
    assert!(!page.contains("<b>\"Q&A"), "the workload name is escaped");
}

/// `text` as the page escapes text.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

async fn join(app: &TestApp, id: &str, invite: &str, name: &str) -> Jar {
    let mut jar = Jar::default();
    assert_eq!(accept(app, invite, &mut jar).await, StatusCode::SEE_OTHER);
    let (status, response) = app.send(post(&format!("/t/{id}/join"), format!("name={}", enc(name)), &jar)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{}", body_text(response).await);
    jar.absorb(&response);
    jar
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn team_pages_show_each_visitor_their_own_card() {
    let app = TestApp::new().await;
    let (_, response) = app.send(post("/t", format!("title={}", enc(TRICKY)), &Jar::default())).await;
    let mut owner = Jar::default();
    owner.absorb(&response);
    let id = response.headers()[header::LOCATION].to_str().unwrap().split('/').nth(2).unwrap().to_string();
    let invite = invite_path(&app, &id, &owner).await;
    let names = ["Ann <i>&amp;</i> \u{1}:f0\u{1}", "Bob \"the\" 'builder' & co"];
    let ann = join(&app, &id, &invite, names[0]).await;
    let bob = join(&app, &id, &invite, names[1]).await;
    let mut guest = Jar::default();
    assert_eq!(accept(&app, &invite, &mut guest).await, StatusCode::SEE_OTHER);
    let path = format!("/t/{id}");
    let visitors = [ann, bob, guest, Jar::default(), owner];
    let requests: Vec<Box<dyn Fn() -> Request<Body> + Send + Sync>> = visitors
        .iter()
        .map(|jar| {
            let (jar, path) = (Jar(jar.0.clone()), path.clone());
            Box::new(move || get(&path, &jar)) as Box<dyn Fn() -> Request<Body> + Send + Sync>
        })
        .collect();
    let pages = compare_concurrently(&app, &requests, 8).await;
    // Each member's card names them, and only them; the private link is theirs alone.
    let own_card = |page: &str, name: &str| page.contains(&format!("You joined as {}.", escape(&name.replace('\u{1}', ""))));
    assert!(own_card(&pages[0], names[0]) && !own_card(&pages[0], names[1]));
    assert!(own_card(&pages[1], names[1]) && !own_card(&pages[1], names[0]));
    let private = |page: &str| page.find(&format!("{path}/m/")).map(|at| page[at..at + 60].to_string());
    let (ann_link, bob_link) = (private(&pages[0]).expect("Ann's link"), private(&pages[1]).expect("Bob's link"));
    assert_ne!(ann_link, bob_link);
    for (who, page) in pages.iter().enumerate().skip(2) {
        assert!(private(page).is_none() && !page.contains("You joined as"), "visitor {who} sees no member's card");
    }
    assert!(pages[2].contains("Join and answer"), "the invited guest gets the join form");
    assert!(pages[3].contains("open the invite link"), "a stranger is told how to join");
    // A change bumps the revision: the next copies show it, still each visitor's own.
    let carol = join(&app, &id, &invite, "Carol").await;
    let again: Vec<Box<dyn Fn() -> Request<Body> + Send + Sync>> = [visitors[0].0.clone(), carol.0.clone()]
        .into_iter()
        .map(|cookies| {
            let (jar, path) = (Jar(cookies), path.clone());
            Box::new(move || get(&path, &jar)) as Box<dyn Fn() -> Request<Body> + Send + Sync>
        })
        .collect();
    let pages = compare_concurrently(&app, &again, 4).await;
    assert!(pages[0].contains("3 of at most") && own_card(&pages[1], "Carol"));
}

//! Team decisions with workloads: the owner sets them, members answer for
//! exactly those, the team page, JSON, ADR and card show one row per
//! workload with its own disagreements; decisions without workloads read as
//! they always did.

use crate::support::{accept, body_text, draft, enc, get, invite_path, post, Jar, TestApp, STARTUP};
use axum::body::Body;
use axum::http::{header, Response, StatusCode};

const UPLOADS: &str = "Uploads <b>&</b>";

fn location(response: &Response<Body>) -> String {
    response.headers()[header::LOCATION].to_str().unwrap().to_string()
}

/// A decision and its owner's browser.
async fn create(app: &TestApp) -> (String, Jar) {
    let (status, response) = app.send(post("/t", format!("title={}", enc("Shop")), &Jar::default())).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mut owner = Jar::default();
    owner.absorb(&response);
    (location(&response).split('/').nth(2).unwrap().to_string(), owner)
}

/// The owner's workloads form with these rows (name, kind).
async fn set_workloads(app: &TestApp, id: &str, owner: &Jar, rows: &[(&str, &str)]) -> (StatusCode, String) {
    let mut body = String::from("action=workloads");
    for (i, (name, kind)) in rows.iter().enumerate() {
        body.push_str(&format!("&w.{i}.name={}&w.{i}.kind={}", enc(name), enc(kind)));
    }
    let (status, response) = app.send(post(&format!("/t/{id}/owner"), body, owner)).await;
    (status, body_text(response).await)
}

/// A member who joined with the invite; the answer is the step they start at.
async fn join(app: &TestApp, id: &str, owner: &Jar, name: &str) -> (Jar, String) {
    let mut jar = Jar::default();
    assert_eq!(accept(app, &invite_path(app, id, owner).await, &mut jar).await, StatusCode::SEE_OTHER);
    let (status, response) = app.send(post(&format!("/t/{id}/join"), format!("name={}", enc(name)), &jar)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    jar.absorb(&response);
    (jar, location(&response))
}

/// Walks the wizard from `at` as a browser without JavaScript, posting the
/// start-up's answers (changed as `changes` says on the steps they name:
/// step, question, option), and submits.
async fn answer(app: &TestApp, jar: &mut Jar, mut at: String, changes: &[(&str, &str, &str)]) -> StatusCode {
    while at != "/wizard/review" {
        let form: Vec<String> = STARTUP
            .iter()
            .map(|(q, o)| {
                let changed = changes.iter().find(|(step, cq, _)| at == *step && q == cq).map_or(*o, |(_, _, to)| *to);
                format!("q.{q}={changed}")
            })
            .collect();
        // A workload question the start-up persona predates; asked with several workloads.
        let (status, response) = app.send(post(&at, format!("{}&q.waits=person&nav=next", form.join("&")), jar)).await;
        jar.absorb(&response);
        assert_eq!(status, StatusCode::SEE_OTHER, "{at}: {}", body_text(response).await);
        at = location(&response);
    }
    let (status, response) = app.send(post("/assessments", String::new(), jar)).await;
    jar.absorb(&response);
    status
}

/// The team page's row of workload `name` (as the page escapes it).
fn row<'a>(html: &'a str, name: &str) -> &'a str {
    html.split("class=\"team-workload")
        .skip(1)
        .map(|rest| &rest[..rest.find("</tr>").unwrap()])
        .find(|row| row.contains(&format!(">{name}<")))
        .unwrap_or_else(|| panic!("no row for {name}: {html}"))
}

#[tokio::test]
async fn two_members_disagree_on_one_workload_and_every_output_says_which() {
    let app = TestApp::new().await;
    let (id, owner) = create(&app).await;
    let (status, _) = set_workloads(&app, &id, &owner, &[("Public API", "http-api"), (UPLOADS, "event-handler")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (mut ada, at) = join(&app, &id, &owner, "Ada").await;
    assert_eq!(answer(&app, &mut ada, at, &[]).await, StatusCode::SEE_OTHER);
    let (mut grace, at) = join(&app, &id, &owner, "Grace").await;
    // Grace alone thinks the upload handler must answer in real time.
    assert_eq!(answer(&app, &mut grace, at, &[("/wizard/w/2", "latency", "realtime")]).await, StatusCode::SEE_OTHER);

    let (status, html) = app.get(&format!("/t/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Per workload"), "{html}");
    assert!(!html.contains(UPLOADS), "names are escaped");
    let latency = "How sensitive is the system to response time?";
    let uploads = row(&html, "Uploads &lt;b&gt;&amp;&lt;/b&gt;");
    assert!(uploads.contains(latency), "{uploads}");
    let api = row(&html, "Public API");
    assert!(!api.contains(latency) && api.contains("The team agrees"), "{api}");
    assert_eq!(html.matches("data-workload=").count(), 2);

    let (_, json) = app.get(&format!("/api/v1/decisions/{id}")).await;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = json["workloads"].as_array().expect("one row per workload");
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0]["name"].as_str(), rows[1]["name"].as_str()), (Some("Public API"), Some(UPLOADS)));
    let differs = |row: &serde_json::Value| {
        row["spreads"].as_array().unwrap().iter().any(|s| s["question"] == "latency" && s["spread"].as_f64().unwrap() > 0.0)
    };
    assert!(differs(&rows[1]) && !differs(&rows[0]), "{rows:?}");
    assert!(rows.iter().all(|r| r["platform"].is_string()));
    assert!(json["organisation"].is_string());

    let (_, adr) = app.get(&format!("/t/{id}/adr.md")).await;
    assert!(adr.contains("| Public API | HTTP API |"), "{adr}");
    assert!(adr.contains(r"| Uploads &lt;b&gt;&amp;&lt;/b&gt; | Event handler |"), "{adr}");
    // Nowhere in the record, headline included, does the name stay markup.
    assert!(!adr.contains(UPLOADS), "the name is inert everywhere in the ADR: {adr}");
    let (status, card) = app.get_response(&format!("/t/{id}/card.png")).await;
    assert_eq!((status, card.headers()[header::CONTENT_TYPE].to_str().unwrap()), (StatusCode::OK, "image/png"));
    let served = axum::body::to_bytes(card.into_body(), usize::MAX).await.unwrap();
    crate::cards::small_palette_png(&served, "team plan card");

    // The card the route draws has a row per workload, with the team's platform for it.
    use crossroads_server::services::{cards, team_view};
    let decision = app.state.db.decision(&id).await.unwrap().unwrap();
    let data = team_view::data(&app.state, &decision).await.unwrap();
    let plan = data.plan.as_ref().expect("a team plan");
    let version = app.state.content.questionnaire.version.clone();
    let drawn = cards::for_team_plan(&decision.title, plan, data.answered, &version);
    assert_eq!(served.to_vec(), cards::png(drawn.clone()).unwrap(), "the served card is this card");
    let names: Vec<&str> = drawn.rows.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["Public API", UPLOADS], "a row per workload, in the owner's order");
    for (w, (_, platform)) in plan.workloads.iter().zip(&drawn.rows) {
        assert_eq!(Some(platform), w.platform.as_ref(), "{}", w.name);
    }
    let svg = cards::svg(drawn);
    assert!(svg.contains("Public API") && svg.contains("Uploads &lt;b&gt;&amp;&lt;/b&gt;"), "both rows drawn, as text: {svg}");
}

#[tokio::test]
async fn decisions_without_workloads_read_as_before() {
    let app = TestApp::new().await;
    let (id, owner) = create(&app).await;
    let (mut ada, _) = join(&app, &id, &owner, "Ada").await;
    let (status, response) = app.send(post("/assessments", format!("answers={}", enc(&draft(&[]))), &ada)).await;
    ada.absorb(&response);
    assert_eq!(status, StatusCode::SEE_OTHER, "flat answers join a flat decision");
    let (_, html) = app.get(&format!("/t/{id}")).await;
    assert!(html.contains("Team recommendation") && !html.contains("Per workload"));
    let (_, json) = app.get(&format!("/api/v1/decisions/{id}")).await;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    for key in ["workloads", "decision_workloads", "organisation"] {
        assert!(json.get(key).is_none(), "{key} in {json}");
    }
    assert!(json["team"]["assessment"].is_object());
    let (_, adr) = app.get(&format!("/t/{id}/adr.md")).await;
    assert!(!adr.contains("Per workload"));
}

#[tokio::test]
async fn bad_workloads_are_refused_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let (id, owner) = create(&app).await;
    let long = "x".repeat(61);
    let nine: Vec<(String, &str)> = (1..=9).map(|n| (format!("Part {n}"), "http-api")).collect();
    let nine: Vec<(&str, &str)> = nine.iter().map(|(n, k)| (n.as_str(), *k)).collect();
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![("API", "no-such-kind")], "choose one of the kinds offered"),
        (vec![("API", "http-api"), ("api", "batch")], "give each its own name"),
        (vec![("  ", "http-api")], "Give this workload a name"),
        (vec![(long.as_str(), "http-api")], "at most 60 characters"),
        (nine, "from 1 to 8 workloads"),
        (vec![], "from 1 to 8 workloads"),
    ];
    for (rows, says) in cases {
        let (status, html) = set_workloads(&app, &id, &owner, &rows).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{rows:?}");
        assert!(html.contains(says), "{rows:?}: {says}");
        assert_eq!(app.state.db.decision(&id).await.unwrap().unwrap().workloads, None, "{rows:?}");
    }
    // Only the owner sets them, and only from this site.
    let (status, _) = set_workloads(&app, &id, &Jar::default(), &[("API", "http-api")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let cross_site = post(&format!("/t/{id}/owner"), "action=workloads&w.0.name=API&w.0.kind=http-api".into(), &owner);
    let (status, _) = app.send(with_origin(cross_site)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(app.state.db.decision(&id).await.unwrap().unwrap().workloads, None);
}

fn with_origin(mut request: axum::http::Request<Body>) -> axum::http::Request<Body> {
    request.headers_mut().insert("origin", "https://elsewhere.example".parse().unwrap());
    request
}

#[tokio::test]
async fn members_answer_for_the_owners_workloads_only() {
    let app = TestApp::new().await;
    let (id, owner) = create(&app).await;
    assert_eq!(set_workloads(&app, &id, &owner, &[("Checkout", "http-api")]).await.0, StatusCode::SEE_OTHER);
    // Before anyone answered, the owner may change them.
    assert_eq!(set_workloads(&app, &id, &owner, &[("Public API", "http-api"), ("Reports", "scheduled-job")]).await.0, StatusCode::SEE_OTHER);
    let (mut ada, _) = join(&app, &id, &owner, "Ada").await;

    let (_, page) = app.send(get("/wizard/workloads", &ada)).await;
    let page = body_text(page).await;
    assert!(page.contains("set these workloads") && page.contains("Reports") && !page.contains("Add a workload"), "{page}");
    for edit in ["w.0.name=Public+API&w.1.name=Reports&nav=add", "w.0.name=Renamed&w.1.name=Reports&nav=next", "nav=remove.1", "w.1.kind=batch&nav=next"] {
        let (status, _) = app.send(post("/wizard/workloads", edit.to_string(), &ada)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{edit}");
    }
    // Answers for other workloads, put together by hand, are refused before anything is stored.
    let (status, _) = app.send(post("/assessments", format!("answers={}", enc(&draft(&[]))), &ada)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(app.state.db.members_with_results(&id).await.unwrap().iter().all(|(_, r)| r.is_none()));

    // The draft still holds the owner's workloads: answering goes through.
    let (_, again) = app.send(post(&format!("/t/{id}/answer"), String::new(), &ada)).await;
    ada.absorb(&again);
    assert_eq!(answer(&app, &mut ada, location(&again), &[]).await, StatusCode::SEE_OTHER);
    let stored = app.state.db.members_with_results(&id).await.unwrap();
    let plan = stored[0].1.as_ref().expect("submitted").snapshot.plan_answers(&app.state.content.questionnaire);
    let names: Vec<&str> = plan.workloads.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["Public API", "Reports"]);

    // Once someone answered, the workloads stay.
    let (status, html) = set_workloads(&app, &id, &owner, &[("Other", "batch")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("already answered"), "{html}");
    let kept = app.state.db.decision(&id).await.unwrap().unwrap().workloads.unwrap();
    assert_eq!(kept.iter().map(|w| w.name.as_str()).collect::<Vec<_>>(), ["Public API", "Reports"]);
}

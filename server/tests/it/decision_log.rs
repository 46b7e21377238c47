//! The decision log: who sees it, full-text search on both back ends,
//! filters, unlisted and anonymous decisions, the owner's settings, the Atom
//! feed, and input that must never fail.

use crate::support::{body_text, content_dir, enc, get, post, Jar, TestApp};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use std::net::SocketAddr;
use std::str::FromStr;

async fn log_app() -> TestApp {
    TestApp::with_config(content_dir(), |c| c.decision_log = true).await
}

/// Runs one statement on the app's database: statuses and dates are set
/// here, as the lifecycle's own actions would.
async fn sql(app: &TestApp, statement: &str, values: &[&str]) {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut connection = sqlx::AnyConnection::connect(&app.state.config.database_url).await.expect("the database opens");
    let mut query = sqlx::query(statement);
    for value in values {
        query = query.bind(value.to_string());
    }
    query.execute(&mut connection).await.expect("the statement runs");
}

/// A decision made through the storage API, created at `at` (for a known order).
async fn decision(app: &TestApp, title: &str, context: &str, at: &str) -> String {
    let (decision, _) = app.state.db.create_decision(title, context, false, None).await.unwrap();
    sql(app, "UPDATE decisions SET created_at = $1 WHERE id = $2", &[at, &decision.id]).await;
    decision.id
}

/// The decision ids the page lists, in order.
fn listed(html: &str) -> Vec<String> {
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    main.split("<td><a href=\"/t/").skip(1).map(|rest| rest[..rest.find('"').unwrap()].to_string()).collect()
}

async fn ids(app: &TestApp, query: &str) -> Vec<String> {
    let (status, html) = app.get(&format!("/decisions{query}")).await;
    assert_eq!(status, StatusCode::OK, "{query}: {html}");
    listed(&html)
}

/// The decision ids the feed lists, in order, read by an Atom parser.
async fn feed_ids(app: &TestApp, query: &str) -> Vec<String> {
    let (status, response) = app.get_response(&format!("/decisions.atom{query}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/atom+xml; charset=utf-8");
    let feed = atom_syndication::Feed::from_str(&body_text(response).await).expect("the feed is Atom");
    feed.entries().iter().map(|e| e.id().rsplit('/').next().unwrap().to_string()).collect()
}

#[tokio::test]
async fn the_log_is_hidden_without_sign_in_or_the_setting() {
    let off = TestApp::new().await;
    decision(&off, "Checkout platform", "", "2026-01-01T00:00:00Z").await;
    for path in ["/decisions", "/decisions.atom", "/decisions?q=checkout"] {
        assert_eq!(off.get(path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    assert!(!off.get("/").await.1.contains("href=\"/decisions\""), "no link to a hidden log");

    let on = log_app().await;
    let id = decision(&on, "Checkout platform", "", "2026-01-01T00:00:00Z").await;
    assert_eq!(ids(&on, "").await, [id.clone()]);
    assert!(on.get("/").await.1.contains("<a href=\"/decisions\">Decision log</a>"), "the navigation links to it");

    // With sign-in, signed-in people see it (everyone else is turned away by the sign-in).
    let signed = TestApp::with_config(content_dir(), |c| {
        c.trusted_proxies = "127.0.0.2".into();
        c.auth_header = Some("X-Forwarded-Email".into());
    })
    .await;
    let id = decision(&signed, "Checkout platform", "", "2026-01-01T00:00:00Z").await;
    let (status, response) = signed.send(as_user("ada@example.org", "Ada", get("/decisions", &Jar::default()))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed(&body_text(response).await), [id]);
    assert_eq!(signed.get("/decisions").await.0, StatusCode::UNAUTHORIZED, "not signed in");
}

#[tokio::test]
async fn search_finds_words_of_the_title_the_context_and_the_tags_and_nothing_else() {
    let app = log_app().await;
    let checkout = decision(&app, "Checkout platform", "We weigh serverless functions against containers.", "2026-01-03T00:00:00Z").await;
    let ledger = decision(&app, "Payments ledger", "Kafka streams everywhere.", "2026-01-02T00:00:00Z").await;
    let cafe = decision(&app, "Café Zürich menu", "", "2026-01-01T00:00:00Z").await;
    assert_eq!(ids(&app, "?q=checkout").await, [checkout.clone()], "a word of the title, whatever its case");
    assert_eq!(ids(&app, "?q=Kafka").await, [ledger.clone()], "a word of the context");
    assert_eq!(ids(&app, "?q=checkout+kafka").await, Vec::<String>::new(), "every word must occur");
    assert_eq!(ids(&app, "?q=serverless+CHECKOUT").await, [checkout.clone()]);
    assert_eq!(ids(&app, &format!("?q={}", enc("café"))).await, [cafe.clone()], "words beyond ASCII");
    assert_eq!(ids(&app, "?q=").await, [checkout.clone(), ledger.clone(), cafe.clone()], "no search: all, newest first");
    assert!(ids(&app, "?q=platforms").await.is_empty(), "whole words, not parts of others");

    // The index follows every change: a rename, tags, a deletion.
    app.state.db.rename_decision(&ledger, "Billing ledger").await.unwrap();
    assert!(ids(&app, "?q=payments").await.is_empty(), "the old title is forgotten");
    assert_eq!(ids(&app, "?q=billing").await, [ledger.clone()]);
    let settings = crossroads_server::db::LogSettings { listed: true, tags: vec!["money".into()] };
    app.state.db.set_log_settings(&ledger, &settings).await.unwrap();
    assert_eq!(ids(&app, "?q=money").await, [ledger.clone()], "a tag");
    app.state.db.delete_decision(&ledger).await.unwrap();
    assert!(ids(&app, "?q=money").await.is_empty());
}

#[tokio::test]
async fn filters_by_status_and_tag_and_orders_by_what_is_due() {
    let app = log_app().await;
    let none = decision(&app, "No review", "", "2026-01-05T00:00:00Z").await;
    let later = decision(&app, "Review later", "", "2026-01-04T00:00:00Z").await;
    let passed = decision(&app, "Review passed", "", "2026-01-03T00:00:00Z").await;
    let flagged = decision(&app, "Review flagged", "", "2026-01-02T00:00:00Z").await;
    let proposed = decision(&app, "Still proposed", "", "2026-01-01T00:00:00Z").await;
    for id in [&none, &later, &passed, &flagged] {
        sql(&app, "UPDATE decisions SET status = 'accepted' WHERE id = $1", &[id]).await;
    }
    sql(&app, "UPDATE decisions SET review_by = '2999-01-01' WHERE id = $1", &[&later]).await;
    sql(&app, "UPDATE decisions SET review_by = '2000-01-01' WHERE id = $1", &[&passed]).await;
    sql(&app, "UPDATE decisions SET review_by = '2998-01-01', review_due = 1 WHERE id = $1", &[&flagged]).await;
    assert_eq!(ids(&app, "?status=accepted").await, [none.clone(), later.clone(), passed.clone(), flagged.clone()]);
    assert_eq!(ids(&app, "?status=proposed").await, [proposed.clone()]);
    assert!(ids(&app, "?status=rejected").await.is_empty());
    // Due first (flagged, or the date has come, earliest date first), then by date, then those without one.
    assert_eq!(ids(&app, "?sort=due").await, [passed.clone(), flagged.clone(), later.clone(), none.clone(), proposed.clone()]);
    let (_, html) = app.get("/decisions?status=accepted").await;
    assert!(html.contains("Review due (2000-01-01)") && html.contains("Review due (2998-01-01)") && html.contains("By 2999-01-01"));

    for (id, tags) in [(&none, vec!["platform", "50%_off"]), (&proposed, vec!["platform-team"])] {
        let settings = crossroads_server::db::LogSettings { listed: true, tags: tags.into_iter().map(String::from).collect() };
        app.state.db.set_log_settings(id, &settings).await.unwrap();
    }
    assert_eq!(ids(&app, "?tag=platform").await, [none.clone()], "a whole tag, not part of one");
    assert_eq!(ids(&app, "?tag=Platform-Team").await, [proposed.clone()], "tags compare in lower case");
    assert_eq!(ids(&app, &format!("?tag={}", enc("50%_off"))).await, [none.clone()], "% and _ are themselves");
    assert!(ids(&app, "?tag=50").await.is_empty());
    assert!(ids(&app, "?tag=platform&status=proposed").await.is_empty(), "filters combine");
}

#[tokio::test]
async fn the_owner_keeps_a_decision_unlisted_and_tags_it_with_a_line_in_the_history() {
    let app = log_app().await;
    let (status, response) = app.send(post("/t", "title=Queue+workers&context=Retries".into(), &Jar::default())).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let id = response.headers()[header::LOCATION].to_str().unwrap().split('/').nth(2).unwrap().to_string();
    let mut owner = Jar::default();
    owner.absorb(&response);
    let page = body_text(app.send(get(&format!("/t/{id}/owner"), &owner)).await.1).await;
    assert!(page.contains("action=\"/t/") && page.contains("/owner/log\""), "the owner page has the log settings");
    assert_eq!(ids(&app, "").await, [id.clone()], "listed unless the owner says otherwise");

    let revision = app.state.db.decision(&id).await.unwrap().unwrap().revision;
    let save = |body: &str| post(&format!("/t/{id}/owner/log"), body.to_string(), &owner);
    assert_eq!(app.send(save("tags=Platform%2C+Queues")).await.0, StatusCode::SEE_OTHER);
    assert!(ids(&app, "").await.is_empty(), "unlisted: not on the page");
    assert!(feed_ids(&app, "").await.is_empty(), "nor in the feed");
    assert!(ids(&app, "?q=queue+workers").await.is_empty(), "nor found by a search");
    assert!(app.state.db.decision(&id).await.unwrap().unwrap().revision > revision, "the revision moves");
    let history: Vec<String> = app.state.db.events(&id).await.unwrap().into_iter().map(|e| e.action).collect();
    assert!(history.contains(&"kept the decision out of the decision log".to_string()), "{history:?}");
    assert!(history.contains(&"set the tags to “platform”, “queues”".to_string()), "{history:?}");

    assert_eq!(app.send(save("listed=yes&tags=platform%0Aqueues")).await.0, StatusCode::SEE_OTHER);
    assert_eq!(ids(&app, "?tag=queues").await, [id.clone()]);
    let events = app.state.db.events(&id).await.unwrap().len();
    let too_many: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
    let (status, response) = app.send(save(&format!("listed=yes&tags={}", too_many.join(",")))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body_text(response).await.contains("at most 10 tags"));
    assert_eq!(app.state.db.events(&id).await.unwrap().len(), events, "a refusal changes nothing");
    assert_eq!(app.send(post(&format!("/t/{id}/owner/log"), "tags=".into(), &Jar::default())).await.0, StatusCode::FORBIDDEN, "owners only");
    assert_eq!(ids(&app, "?tag=queues").await, [id]);
}

fn as_user(email: &str, name: &str, mut request: Request<Body>) -> Request<Body> {
    request.extensions_mut().insert(ConnectInfo("127.0.0.2:1".parse::<SocketAddr>().unwrap()));
    request.headers_mut().insert("x-forwarded-email", email.parse().unwrap());
    request.headers_mut().insert("x-forwarded-user", name.parse().unwrap());
    request
}

#[tokio::test]
async fn anonymous_decisions_list_no_names() {
    let app = TestApp::with_config(content_dir(), |c| {
        c.trusted_proxies = "127.0.0.2".into();
        c.auth_header = Some("X-Forwarded-Email".into());
        c.auth_name_header = Some("X-Forwarded-User".into());
    })
    .await;
    let create = |body: &str, email: &str, name: &str| as_user(email, name, post("/t", body.to_string(), &Jar::default()));
    assert_eq!(app.send(create("title=Secret+plan&anonymous=yes", "ada@example.org", "Ada Lovelace")).await.0, StatusCode::SEE_OTHER);
    let (_, response) = app.send(create("title=Open+plan", "bob@example.org", "Bob Builder")).await;
    let open = response.headers()[header::LOCATION].to_str().unwrap().split('/').nth(2).unwrap().to_string();
    // Bob joins his own decision: the log then gives the name he goes by.
    assert_eq!(app.send(as_user("bob@example.org", "Bob Builder", post(&format!("/t/{open}/join"), String::new(), &Jar::default()))).await.0, StatusCode::SEE_OTHER);

    let (_, response) = app.send(as_user("carol@example.org", "Carol", get("/decisions", &Jar::default()))).await;
    let page = body_text(response).await;
    assert_eq!(listed(&page).len(), 2);
    assert!(page.contains("Bob Builder"), "the owner of an open decision");
    for secret in ["Ada Lovelace", "ada@example.org"] {
        assert!(!page.contains(secret), "the page names the owner of an anonymous decision ({secret})");
    }
    let (_, response) = app.send(as_user("carol@example.org", "Carol", get("/decisions.atom", &Jar::default()))).await;
    let xml = body_text(response).await;
    let feed = atom_syndication::Feed::from_str(&xml).unwrap();
    let authors = |title: &str| -> Vec<String> {
        let entry = feed.entries().iter().find(|e| e.title().value == title).expect("listed in the feed");
        entry.authors().iter().map(|a| a.name.clone()).collect()
    };
    assert_eq!(authors("Open plan"), ["Bob Builder"]);
    assert!(authors("Secret plan").is_empty(), "an anonymous decision has no author");
    assert!(!xml.contains("Ada Lovelace") && !xml.contains("ada@example.org"), "nor does the feed");
}

#[tokio::test]
async fn the_feed_is_atom_with_the_entries_of_the_page() {
    let app = log_app().await;
    let mut made = Vec::new();
    for (i, title) in ["Alpha <b>one</b> & co", "Beta two", "Gamma three"].iter().enumerate() {
        let id = decision(&app, title, "Context with <script>alert(1)</script>", &format!("2026-01-0{}T00:00:00Z", i + 1)).await;
        made.push(id);
    }
    sql(&app, "UPDATE decisions SET status = 'accepted' WHERE id = $1", &[&made[1]]).await;
    for query in ["", "?status=accepted", "?q=alpha", "?sort=due", "?q=nothing-like-this"] {
        assert_eq!(feed_ids(&app, query).await, ids(&app, query).await, "{query}: the same entries, in the same order");
    }
    let (_, xml) = app.get("/decisions.atom").await;
    let feed = atom_syndication::Feed::from_str(&xml).unwrap();
    assert_eq!(feed.entries()[2].title().value, "Alpha <b>one</b> & co", "titles are text, escaped in the XML");
    assert!(!xml.contains("<script>") && !xml.contains("<b>"), "no markup from people's text");
    assert_eq!(feed.entries()[1].categories()[0].term, "accepted");
    assert_eq!(feed.entries()[0].links()[0].href, format!("http://crossroads.test/t/{}", made[2]));
    let (_, html) = app.get("/decisions?status=accepted").await;
    assert!(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Decision log (Atom)\" href=\"http://crossroads.test/decisions.atom?status=accepted\">"));
}

#[tokio::test]
async fn odd_search_input_never_fails() {
    let app = log_app().await;
    let id = decision(&app, "Near the edge", "Quotes \"and\" stars * and NEAR(a b) and -minus", "2026-01-01T00:00:00Z").await;
    let odd = [
        "\"", "\"\"", "\"near", "*", "near*", "NEAR(", "NEAR(a b)", "NEAR(edge, 2)", "-", "-near", "near -edge", "a OR", "OR", "AND", "NOT",
        "(", ")", "()", ":", "title:near", "^near", "'", "\\", "%", "_", "{", "}", "[", "&", "|", "!", "<->", "near & edge | x", "ü", "日本語",
        "🙂", "\u{202e}near", "\u{0}", "near\u{0}edge", "e\u{301}", "' OR 1=1 --", "$1", "?", "+",
    ];
    for q in odd {
        for path in ["/decisions", "/decisions.atom"] {
            let (status, body) = app.get(&format!("{path}?q={}", enc(q))).await;
            assert_eq!(status, StatusCode::OK, "{path}?q={q:?}: {body}");
        }
    }
    // Operators are words to find, not syntax.
    assert_eq!(ids(&app, &format!("?q={}", enc("NEAR("))).await, [id.clone()]);
    assert_eq!(ids(&app, &format!("?q={}", enc("\"near edge\""))).await, [id.clone()]);
    assert_eq!(ids(&app, &format!("?q={}", enc("-minus"))).await, [id.clone()], "a leading minus excludes nothing");
    assert!(ids(&app, &format!("?q={}", enc("*"))).await.is_empty(), "punctuation alone matches nothing");
}

#[tokio::test]
async fn bad_queries_get_a_400_that_says_why() {
    let app = log_app().await;
    let long = "a".repeat(201);
    let cases = [
        ("status=done", "no status “done”"),
        ("sort=oldest", "no order “oldest”"),
        ("page=0", "page must be a number"),
        ("page=many", "page must be a number"),
        (&*format!("q={long}"), "at most 200 characters"),
        (&*format!("tag={}", "t".repeat(41)), "at most 40 characters"),
    ];
    for (query, message) in cases {
        for path in ["/decisions", "/decisions.atom"] {
            let (status, body) = app.get(&format!("{path}?{query}")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path}?{query}");
            assert!(body.contains(message), "{path}?{query}: {body}");
        }
    }
    assert_eq!(app.get(&format!("/decisions?q={}", "a".repeat(200))).await.0, StatusCode::OK, "200 characters are fine");
}

#[tokio::test]
async fn pages_of_fifty_link_to_each_other() {
    let app = log_app().await;
    for i in 0..51 {
        decision(&app, &format!("Decision {i}"), "", &format!("2026-01-01T00:{:02}:00Z", i)).await;
    }
    let (_, first) = app.get("/decisions?q=decision").await;
    assert_eq!(listed(&first).len(), 50);
    assert!(first.contains("href=\"/decisions?q=decision&amp;page=2\" rel=\"next\""), "a link to the next page");
    let (_, second) = app.get("/decisions?q=decision&page=2").await;
    assert_eq!(listed(&second).len(), 1);
    assert!(second.contains("href=\"/decisions?q=decision\" rel=\"prev\"") && !second.contains("rel=\"next\""));
}

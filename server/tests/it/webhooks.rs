//! Webhooks: events in the outbox delivered once, signed as the Standard
//! Webhooks specification says (checked here with a few lines of HMAC of our
//! own, not the crate that signs), retried after a failure with every
//! attempt in the owner's log, and decision addresses only where allowed.

use crate::support::{body_text, content_dir, enc, get, post, Jar, TestApp};
use axum::body::Bytes;
use axum::http::{header, HeaderMap, StatusCode};
use base64::Engine;
use crossroads_server::db::outbox::EventKind;
use crossroads_server::services::webhook_delivery::{now_ms, Deliverer};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

const SERVER_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// What a receiver got: the path, the headers, the body.
type Received = Arc<Mutex<Vec<(String, HeaderMap, String)>>>;

/// An HTTP receiver on loopback answering with the `script`ed statuses in
/// turn (200 once they run out). Returns its base URL and what it received.
async fn receiver(script: &[u16]) -> (String, Received) {
    let received: Received = Arc::default();
    let script = Arc::new(Mutex::new(script.iter().copied().collect::<VecDeque<u16>>()));
    let seen = received.clone();
    let app = axum::Router::new().fallback(move |uri: axum::http::Uri, headers: HeaderMap, body: Bytes| {
        let (seen, script) = (seen.clone(), script.clone());
        async move {
            seen.lock().unwrap().push((uri.path().to_string(), headers, String::from_utf8(body.to_vec()).unwrap()));
            StatusCode::from_u16(script.lock().unwrap().pop_front().unwrap_or(200)).unwrap()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{address}"), received)
}

/// The signature the specification asks for, computed here: base64 of
/// HMAC-SHA256 over `id.timestamp.body`, keyed with the secret's base64 part decoded.
fn expected_signature(secret: &str, id: &str, timestamp: &str, body: &str) -> String {
    let key = base64::engine::general_purpose::STANDARD.decode(secret.strip_prefix("whsec_").unwrap()).unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    format!("v1,{}", base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers.get(name).unwrap_or_else(|| panic!("header {name}")).to_str().unwrap()
}

/// Creates a decision; returns its id and the owner's browser.
async fn decision(app: &TestApp, title: &str) -> (String, Jar) {
    let (status, response) = app.send(post("/t", format!("title={}", enc(title)), &Jar::default())).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mut owner = Jar::default();
    owner.absorb(&response);
    let id = response.headers()[header::LOCATION].to_str().unwrap().split('/').nth(2).unwrap().to_string();
    (id, owner)
}

async fn set_webhook(app: &TestApp, id: &str, owner: &Jar, url: &str) -> (StatusCode, String) {
    let (status, response) = app.send(post(&format!("/t/{id}/owner"), format!("action=webhook&url={}", enc(url)), owner)).await;
    (status, body_text(response).await)
}

async fn owner_page(app: &TestApp, id: &str, owner: &Jar) -> String {
    let (status, response) = app.send(get(&format!("/t/{id}/owner"), owner)).await;
    assert_eq!(status, StatusCode::OK);
    body_text(response).await
}

#[tokio::test]
async fn an_event_is_delivered_once_signed_with_the_decision_and_a_chat_line() {
    let (hook, received) = receiver(&[]).await;
    let app = TestApp::with_config(content_dir(), |c| {
        c.webhook_url = Some(format!("{hook}/server"));
        c.webhook_secret = Some(SERVER_SECRET.into());
    })
    .await;
    let (id, _owner) = decision(&app, "Checkout <b>").await;
    let event = app.state.db.raise_event(&id, EventKind::ReviewDue, &json!({"review_by": "2027-01-31"})).await.unwrap();
    assert!(event.starts_with("evt_"));

    let deliverer = Deliverer::new(&app.state);
    let now = now_ms();
    assert_eq!(deliverer.deliver_due(now).await.unwrap(), 1);
    assert_eq!(deliverer.deliver_due(now + 3_600_000).await.unwrap(), 0, "a delivered event is not sent again");
    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "exactly one delivery");
    let (path, headers, body) = &got[0];
    assert_eq!(path, "/server");
    assert_eq!(header(headers, "webhook-id"), event);
    assert_eq!(header(headers, "content-type"), "application/json");
    let timestamp = header(headers, "webhook-timestamp");
    let sent_at: i64 = timestamp.parse().unwrap();
    assert!((sent_at - now / 1000).abs() < 60, "the timestamp is the time of sending");
    assert_eq!(header(headers, "webhook-signature"), expected_signature(SERVER_SECRET, &event, timestamp, body));

    let body: Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["type"], "decision.review_due");
    assert_eq!(body["id"], event.as_str());
    assert!(body["timestamp"].as_str().unwrap().ends_with('Z'));
    assert_eq!(body["decision"], json!({"id": id, "title": "Checkout <b>", "url": format!("http://crossroads.test/t/{id}")}));
    assert_eq!(body["data"], json!({"review_by": "2027-01-31"}));
    assert_eq!(
        body["text"],
        format!("Decision “Checkout &lt;b&gt;” is due for review: its review date, 2027-01-31, has passed. http://crossroads.test/t/{id}")
    );
    assert_eq!(app.state.db.delivery_counts().await.unwrap(), (0, 1, 0));
}

#[tokio::test]
async fn several_deliverers_at_once_send_each_event_once() {
    let (hook, received) = receiver(&[]).await;
    let app = TestApp::with_config(content_dir(), |c| {
        c.webhook_url = Some(format!("{hook}/server"));
        c.webhook_secret = Some(SERVER_SECRET.into());
    })
    .await;
    let (id, _owner) = decision(&app, "Many").await;
    let mut events = Vec::new();
    for n in 0..12 {
        events.push(app.state.db.raise_event(&id, EventKind::StatusChanged, &json!({"status": format!("s{n}")})).await.unwrap());
    }
    // Three instances' worth of delivery tasks on one database, at once.
    let now = now_ms();
    let runs = (0..3).map(|_| {
        let deliverer = Deliverer::new(&app.state);
        tokio::spawn(async move { deliverer.deliver_due(now).await.unwrap() })
    });
    let mut attempts = 0;
    for run in runs.collect::<Vec<_>>() {
        attempts += run.await.unwrap();
    }
    let mut ids: Vec<String> = received.lock().unwrap().iter().map(|(_, h, _)| header(h, "webhook-id").to_string()).collect();
    ids.sort();
    events.sort();
    assert_eq!(ids, events, "every event arrived, each once");
    assert_eq!(attempts, 12);
}

#[tokio::test]
async fn a_failing_receiver_is_retried_and_every_attempt_is_in_the_owner_log() {
    let (hook, received) = receiver(&[500]).await;
    let app = TestApp::with_config(content_dir(), |c| c.webhook_allow = format!("{hook}/owners/")).await;
    let (id, owner) = decision(&app, "Retried").await;
    let (status, _) = set_webhook(&app, &id, &owner, &format!("{hook}/owners/team-a")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = owner_page(&app, &id, &owner).await;
    let secret = app.state.db.decision_webhook(&id).await.unwrap().expect("stored").secret;
    assert!(secret.starts_with("whsec_") && page.contains(&secret), "the owner is shown the server-made secret");

    let event = app.state.db.raise_event(&id, EventKind::TriggerFired, &json!({"reason": "the team grew to 12"})).await.unwrap();
    let deliverer = Deliverer::new(&app.state);
    let start = now_ms();
    assert_eq!(deliverer.deliver_due(start).await.unwrap(), 1, "first attempt");
    assert_eq!(deliverer.deliver_due(start + 5_000).await.unwrap(), 0, "not yet due again");
    assert_eq!(app.state.db.delivery_counts().await.unwrap(), (1, 0, 0));
    assert_eq!(deliverer.deliver_due(start + 11_000).await.unwrap(), 1, "retried once due");
    assert_eq!(app.state.db.delivery_counts().await.unwrap(), (0, 1, 0));

    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 2, "one failure, one success");
    for (path, headers, body) in &got {
        assert_eq!(path, "/owners/team-a");
        assert_eq!(header(headers, "webhook-id"), event, "a retry keeps the event's id, so receivers can drop duplicates");
        assert_eq!(header(headers, "webhook-signature"), expected_signature(&secret, &event, header(headers, "webhook-timestamp"), body));
    }
    let body: Value = serde_json::from_str(&got[1].2).unwrap();
    assert_eq!(body["text"], format!("Decision “Retried” is due for review: the team grew to 12. http://crossroads.test/t/{id}"));

    let log = app.state.db.delivery_log(&id, 10).await.unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!((log[1].status, log[1].next.as_str()), (Some(500), crossroads_server::clock::rfc3339(((start + 10_000) / 1000) as u64).as_str()));
    assert_eq!((log[0].status, log[0].next.as_str()), (Some(200), "delivered"));
    let page = owner_page(&app, &id, &owner).await;
    assert!(page.contains("HTTP 500") && page.contains("delivered") && page.contains(&event), "the log is on the owner page");
}

#[tokio::test]
async fn addresses_outside_the_allow_list_or_not_https_are_refused_and_nothing_is_stored() {
    let app = TestApp::with_config(content_dir(), |c| c.webhook_allow = "https://hooks.example.com, http://127.0.0.1:9/ok".into()).await;
    let (id, owner) = decision(&app, "Guarded").await;
    for (url, reason) in [
        ("https://hooks.example.com.evil.net/x", "is not under an address this server allows"),
        ("https://evil.net/https://hooks.example.com", "is not under an address this server allows"),
        ("https://hooks.example.com:8443/x", "is not under an address this server allows"),
        ("http://hooks.example.com/x", "must use https://"),
        ("http://10.0.0.7/x", "must use https://"),
        ("http://127.0.0.1:9/okay", "is not under an address this server allows"),
        ("https://me:pw@hooks.example.com/x", "user name or password"),
        ("not an address", "is not a web address"),
    ] {
        let (status, page) = set_webhook(&app, &id, &owner, url).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        assert!(page.contains("Webhook address refused") && page.contains(reason), "{url}: {reason}");
        assert_eq!(app.state.db.decision_webhook(&id).await.unwrap(), None, "{url}: nothing stored");
    }
    let (status, _) = set_webhook(&app, &id, &owner, "https://HOOKS.example.com/services/T1").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.state.db.decision_webhook(&id).await.unwrap().unwrap().url, "https://hooks.example.com/services/T1");

    // Only the owner sets it.
    let (status, _) = set_webhook(&app, &id, &Jar::default(), "https://hooks.example.com/mine").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A server allowing none refuses every address.
    let closed = TestApp::new().await;
    let (id, owner) = decision(&closed, "No hooks").await;
    let (status, page) = set_webhook(&closed, &id, &owner, "https://hooks.example.com/x").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("allows no address"));
    assert_eq!(closed.state.db.decision_webhook(&id).await.unwrap(), None);
}

#[tokio::test]
async fn a_fact_that_flips_the_winner_is_one_signed_delivery_and_a_fact_that_changes_nothing_is_none() {
    use crate::lifecycle::{accepted, owner_token, post_facts};
    let (hook, received) = receiver(&[]).await;
    let app = TestApp::with_config(content_dir(), |c| {
        c.webhook_url = Some(format!("{hook}/server"));
        c.webhook_secret = Some(SERVER_SECRET.into());
    })
    .await;
    let (id, owner) = accepted(&app, "Payments").await;
    let token = owner_token(&owner, &id);
    let deliverer = Deliverer::new(&app.state);
    // Accepting raised its own event: delivered and set aside.
    deliverer.deliver_due(now_ms()).await.unwrap();
    received.lock().unwrap().clear();

    let (status, body) = post_facts(&app, &id, &token, r#"{"compliance": "on_premises"}"#).await;
    assert_eq!((status, body["triggered"].clone()), (StatusCode::OK, json!(true)), "{body}");
    let (status, body) = post_facts(&app, &id, &token, r#"{"teams": "one"}"#).await;
    assert_eq!((status, body["triggered"].clone()), (StatusCode::OK, json!(false)), "{body}");
    deliverer.deliver_due(now_ms()).await.unwrap();

    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "one delivery: the fact that flipped the winner, none for the other");
    let (_, headers, body) = &got[0];
    let (event, timestamp) = (header(headers, "webhook-id"), header(headers, "webhook-timestamp"));
    assert_eq!(header(headers, "webhook-signature"), expected_signature(SERVER_SECRET, event, timestamp, body));
    let body: Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["type"], "decision.trigger_fired");
    assert_eq!(body["decision"]["id"], id.as_str());
    assert!(body["data"]["changes"].as_array().is_some_and(|changes| !changes.is_empty()), "{body}");
}

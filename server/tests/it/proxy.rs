//! Behind a company's reverse proxy: same-site checks against the public URL,
//! trusted proxies, sign-in by header, https cookies, metrics labels.

use crate::support::{body_text, content_dir, set_cookies, TestApp, STARTUP};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use std::net::SocketAddr;

const PROXY: &str = "127.0.0.2:40000";
const STRANGER: &str = "127.0.0.9:40000";

/// A request as it arrives over a connection from `peer`.
fn from(peer: &str, mut request: Request<Body>) -> Request<Body> {
    request.extensions_mut().insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
    request
}

fn api_post(body: serde_json::Value) -> Request<Body> {
    Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap()
}

fn startup_answers() -> serde_json::Value {
    serde_json::json!({ "answers": crate::support::answers_json(STARTUP) })
}

async fn signed_in_app() -> TestApp {
    TestApp::with_config(content_dir(), |c| {
        c.public_url = Some("https://crossroads.example.org".into());
        c.trusted_proxies = "127.0.0.2/32".into();
        c.auth_header = Some("X-Forwarded-Email".into());
        c.auth_name_header = Some("X-Forwarded-User".into());
    })
    .await
}

fn as_user(email: &str, name: &str, request: Request<Body>) -> Request<Body> {
    let mut request = from(PROXY, request);
    request.headers_mut().insert("x-forwarded-email", email.parse().unwrap());
    request.headers_mut().insert("x-forwarded-user", name.parse().unwrap());
    request
}

#[tokio::test]
async fn form_posts_are_judged_by_the_public_origin_not_the_host_header() {
    let app = TestApp::new().await;
    let form = |origin: Option<&str>| {
        let mut request = Request::post("/t")
            .header(header::HOST, "127.0.0.1:3000") // what a plain proxy_pass sends
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("title=Behind+a+proxy"))
            .unwrap();
        if let Some(origin) = origin {
            request.headers_mut().insert("origin", origin.parse().unwrap());
        }
        request
    };
    let (status, _) = app.send_raw(form(Some("http://crossroads.test"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the public URL's origin may post whatever the Host says");
    let (status, response) = app.send_raw(form(Some("http://127.0.0.1:3000"))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the Host header is not the site's origin");
    assert!(body_text(response).await.contains("CROSSROADS_PUBLIC_URL"), "the refusal says what to set");
    let (status, response) = app.send_raw(form(None)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a form post with neither Origin nor Sec-Fetch-Site");
    assert!(body_text(response).await.contains("without an Origin header"));
    // A JSON client sends neither header and is no browser form.
    let (status, _) = app.send_raw(api_post(startup_answers())).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(app.state.db.counts().await.unwrap().decisions, 1);
}

#[tokio::test]
async fn clients_behind_a_trusted_proxy_get_their_own_rate_limit() {
    let app = TestApp::with_config(content_dir(), |c| {
        c.write_rate_per_minute = 12;
        c.trusted_proxies = "127.0.0.2".into();
    })
    .await;
    let post = |peer: &str, forwarded_for: &str| {
        let mut request = from(peer, api_post(serde_json::json!({})));
        request.headers_mut().insert("x-forwarded-for", forwarded_for.parse().unwrap());
        request
    };
    let limited = |statuses: Vec<StatusCode>| statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    let mut first = Vec::new();
    for _ in 0..14 {
        first.push(app.send_raw(post(PROXY, "198.51.100.1")).await.0);
    }
    assert!(limited(first) >= 1, "one client hits the limit");
    // Another client behind the same proxy has a bucket of its own.
    assert_eq!(app.send_raw(post(PROXY, "198.51.100.2")).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    // A spoofed header on the first client's request does not buy a fresh bucket:
    // the rightmost entry the trusted proxy added is the real client.
    assert_eq!(app.send_raw(post(PROXY, "203.0.113.5, 198.51.100.1")).await.0, StatusCode::TOO_MANY_REQUESTS);
    // From a peer that is not a trusted proxy the header means nothing.
    let mut stranger = Vec::new();
    for n in 0..14 {
        stranger.push(app.send_raw(post(STRANGER, &format!("198.51.100.{}", 100 + n))).await.0);
    }
    assert!(limited(stranger) >= 1, "invented addresses from an untrusted peer share the peer's bucket");
}

#[tokio::test]
async fn sign_in_comes_only_from_the_trusted_proxy() {
    let app = signed_in_app().await;
    let before = app.state.db.counts().await.unwrap();
    // Through the proxy, signed in: the page shows who.
    let (status, response) = app.send_raw(as_user("ada@example.org", "Ada Lovelace", Request::get("/guide/cost").body(Body::empty()).unwrap())).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body_text(response).await.contains("Signed in as <strong>Ada Lovelace</strong>"));
    // The same page, cached, shows the next person their own name.
    let (_, response) = app.send_raw(as_user("bob@example.org", "Bob <b>", Request::get("/guide/cost").body(Body::empty()).unwrap())).await;
    let html = body_text(response).await;
    assert!(html.contains("Signed in as <strong>Bob &lt;b&gt;</strong>") && !html.contains("Ada"), "no name leaks between viewers");
    // Straight to the app with the header: not believed.
    let mut direct = from(STRANGER, Request::get("/guide/cost").body(Body::empty()).unwrap());
    direct.headers_mut().insert("x-forwarded-email", "ada@example.org".parse().unwrap());
    let (status, response) = app.send_raw(direct).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body_text(response).await.contains("sits behind your company"));
    // Through the proxy without an identity: 401; the API answers problem+json.
    let (status, _) = app.send_raw(from(PROXY, Request::get("/").body(Body::empty()).unwrap())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, response) = app.send_raw(from(STRANGER, api_post(startup_answers()))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/problem+json");
    // Probes stay open.
    assert_eq!(app.send_raw(from(STRANGER, Request::get("/healthz").body(Body::empty()).unwrap())).await.0, StatusCode::OK);
    // Unusable identities: 400.
    for bad in ["a".repeat(300), "ada\tlovelace".to_string()] {
        let mut request = from(PROXY, api_post(startup_answers()));
        request.headers_mut().insert("x-forwarded-email", bad.parse().unwrap());
        let (status, response) = app.send_raw(request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert!(body_text(response).await.contains("x-forwarded-email"), "the answer names the header");
    }
    assert_eq!(app.state.db.counts().await.unwrap(), before, "nothing stored from a refused request");
}

#[tokio::test]
async fn a_result_tells_its_creator_and_no_one_else() {
    let app = signed_in_app().await;
    let (status, response) = app.send_raw(as_user("ada@example.org", "Ada", api_post(startup_answers()))).await;
    assert_eq!(status, StatusCode::CREATED);
    let id = serde_json::from_str::<serde_json::Value>(&body_text(response).await).unwrap()["id"].as_str().unwrap().to_string();
    let page = |who: &str| as_user(who, who, Request::get(format!("/r/{id}")).body(Body::empty()).unwrap());
    let (_, other) = app.send_raw(page("bob@example.org")).await;
    assert!(!body_text(other).await.contains("You created this result"));
    let (_, mine) = app.send_raw(page("ada@example.org")).await;
    assert!(body_text(mine).await.contains("You created this result"));
    let (_, other) = app.send_raw(page("bob@example.org")).await;
    let html = body_text(other).await;
    assert!(!html.contains("You created this result") && !html.contains("ada@example.org"), "the shared page never names the creator");
    let json = |who: &str| as_user(who, who, Request::get(format!("/api/v1/assessments/{id}")).body(Body::empty()).unwrap());
    let (_, response) = app.send_raw(json("ada@example.org")).await;
    assert_eq!(serde_json::from_str::<serde_json::Value>(&body_text(response).await).unwrap()["created_by"], "ada@example.org");
    let (_, response) = app.send_raw(json("bob@example.org")).await;
    assert!(serde_json::from_str::<serde_json::Value>(&body_text(response).await).unwrap().get("created_by").is_none());
}

#[tokio::test]
async fn over_https_cookies_are_secure_and_hsts_is_sent() {
    let app = TestApp::with_config(content_dir(), |c| c.public_url = Some("https://crossroads.example.org".into())).await;
    let request = Request::post("/wizard/situation")
        .header("origin", "https://crossroads.example.org")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("q.stage=new&nav=next"))
        .unwrap();
    let (_, response) = app.send_raw(request).await;
    let raw: Vec<String> = response.headers().get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect();
    assert!(!raw.is_empty());
    for cookie in &raw {
        assert!(cookie.starts_with("__Host-crossroads_") && cookie.contains("; Secure") && cookie.contains("Path=/"), "{cookie}");
    }
    assert_eq!(response.headers()[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000");
    // The prefixed draft is read back under its plain name.
    let jar = set_cookies(&response).join("; ");
    let (_, page) = app.send_raw(Request::get("/wizard/situation").header(header::COOKIE, jar).body(Body::empty()).unwrap()).await;
    assert!(body_text(page).await.contains(r#"value="new" checked"#));
    let plain = TestApp::new().await;
    let (_, response) = plain.get_response("/").await;
    assert!(!response.headers().contains_key(header::STRICT_TRANSPORT_SECURITY), "no HSTS over http");
    let off = TestApp::with_config(content_dir(), |c| {
        c.public_url = Some("https://crossroads.example.org".into());
        c.hsts = false;
    })
    .await;
    assert!(!off.get_response("/").await.1.headers().contains_key(header::STRICT_TRANSPORT_SECURITY));
}

#[tokio::test]
async fn invented_methods_do_not_create_metric_series() {
    let app = TestApp::new().await;
    for method in ["FOO1", "FOO2", "BREW"] {
        app.send_raw(Request::builder().method(method).uri("/").body(Body::empty()).unwrap()).await;
    }
    let (_, text) = app.get("/metrics").await;
    assert!(!text.contains("FOO1") && !text.contains("BREW"), "{text}");
    assert!(text.contains("method=\"OTHER\""), "{text}");
    let separate = TestApp::with_config(content_dir(), |c| c.metrics_listen = Some("127.0.0.1:0".parse().unwrap())).await;
    assert_eq!(separate.get("/metrics").await.0, StatusCode::NOT_FOUND, "with its own address, /metrics leaves the public one");
}

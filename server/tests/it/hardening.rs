//! Hardening: security headers, limits, cross-site writes, bad input of every
//! kind -> a clear 4xx, never a 5xx, and stored data unchanged.



use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use crate::support::{body_text, TestApp};

async fn stored(app: &TestApp) -> crossroads_server::db::Counts {
    app.state.db.counts().await.unwrap()
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::new().await;
    for path in ["/", "/guide/faq", "/wizard/situation", "/api/v1/questionnaire", "/nope", "/healthz"] {
        let (_, response) = app.get_response(path).await;
        let h = response.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"), "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
        assert!(h.contains_key("permissions-policy"), "{path}");
        assert!(!h.contains_key("server"), "{path}");
    }
}

#[tokio::test]
async fn pages_allow_only_scripts_with_their_nonce() {
    let app = TestApp::new().await;
    let (_, response) = app.get_response("/").await;
    let csp = response.headers()["content-security-policy"].to_str().unwrap().to_string();
    let html = body_text(response).await;
    let directive = |name: &str| {
        csp.split(';').map(str::trim).find(|d| d.split_whitespace().next() == Some(name)).unwrap_or_else(|| panic!("{name} in {csp}")).to_string()
    };
    let script_src = directive("script-src");
    assert!(!script_src.contains("'unsafe-inline'") && !script_src.contains("'unsafe-eval'"), "{script_src}");
    let nonce = script_src.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_string();
    assert!(nonce.len() >= 16);
    // Every script element, inline or not, carries this response's nonce.
    let scripts: Vec<&str> = html.split("<script").skip(1).map(|rest| &rest[..rest.find('>').unwrap()]).collect();
    assert!(scripts.len() >= 2, "{html}");
    for tag in &scripts {
        assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "a script without the nonce: <script{tag}>");
    }
    let (_, again) = app.get_response("/").await;
    assert_ne!(again.headers()["content-security-policy"].to_str().unwrap(), csp, "a fresh nonce per response");
}

#[tokio::test]
async fn oversized_bodies_get_413_and_store_nothing() {
    let app = TestApp::new().await;
    let before = stored(&app).await;
    let big = format!("{{\"answers\":{{\"stage\":\"{}\"}}}}", "x".repeat(70 * 1024));
    let req = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(big)).unwrap();
    assert_eq!(app.send(req).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    let form = format!("answers={}", "a".repeat(70 * 1024));
    let req = Request::post("/assessments").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(Body::from(form)).unwrap();
    assert_eq!(app.send(req).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(stored(&app).await, before);
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let app = TestApp::new().await;
    let before = stored(&app).await;
    for (name, value) in [("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")] {
        let req = Request::post("/t")
            .header(header::HOST, "crossroads.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(name, value)
            .body(Body::from("title=Phish"))
            .unwrap();
        assert_eq!(app.send(req).await.0, StatusCode::FORBIDDEN, "{name}: {value}");
    }
    assert_eq!(stored(&app).await, before, "nothing stored by a refused write");
    // Same-origin writes pass.
    let req = Request::post("/t")
        .header(header::HOST, "crossroads.test")
        .header("origin", "http://crossroads.test")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("title=Fine"))
        .unwrap();
    assert_eq!(app.send(req).await.0, StatusCode::SEE_OTHER);
    assert_eq!(stored(&app).await.decisions, before.decisions + 1, "the same-origin write created its decision");
}

#[tokio::test]
async fn writes_are_rate_limited_per_client_with_retry_after() {
    let app = TestApp::with_config(crate::support::content_dir(), |c| c.write_rate_per_minute = 12).await;
    let mut statuses = Vec::new();
    for _ in 0..15 {
        let req = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from("{}")).unwrap();
        let (status, response) = app.send(req).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert!(response.headers()[header::RETRY_AFTER].to_str().unwrap().parse::<u64>().unwrap() >= 1);
        }
        statuses.push(status);
    }
    assert!(statuses[..10].iter().all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY), "{statuses:?}");
    assert_eq!(*statuses.last().unwrap(), StatusCode::TOO_MANY_REQUESTS);
    // Reads are never limited.
    assert_eq!(app.get("/healthz").await.0, StatusCode::OK);
}

#[tokio::test]
async fn bad_input_of_every_kind_gets_a_clear_4xx() {
    let app = TestApp::new().await;
    let json = |body: &str| Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap();
    let form = |path: &str, body: &str| Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(Body::from(body.to_string())).unwrap();
    let long = "z".repeat(5000);
    let (real, _) = app.state.db.create_decision("Real", "", false, None).await.unwrap();
    let real = real.id;
    let before = stored(&app).await;
    use StatusCode as S;
    let (unreadable, invalid, answers) = (S::BAD_REQUEST, S::UNPROCESSABLE_ENTITY, "The answers are not valid");
    // (case, request, the status meant, words the answer must contain)
    let cases: Vec<(&str, Request<Body>, StatusCode, &str)> = vec![
        ("truncated JSON", json("{\"answers\":"), unreadable, "EOF while parsing"),
        ("not an object", json("[1,2,3]"), invalid, "invalid type"),
        ("wrong type", json("{\"answers\":{\"stage\":{\"nested\":true}}}"), invalid, "The request body is not valid"),
        ("numbers", json("{\"answers\":{\"stage\":12}}"), invalid, "The request body is not valid"),
        ("unknown field", json("{\"answers\":{},\"extra\":1}"), invalid, "unknown field"),
        ("null", json("null"), invalid, "invalid type: null"),
        ("invalid UTF-8", Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(vec![0xff, 0xfe, 0x7b])).unwrap(), unreadable, "expected value"),
        ("very long option", json(&format!("{{\"answers\":{{\"stage\":\"{long}\"}}}}")), invalid, "is not an option of question"),
        ("unusual unicode", json("{\"answers\":{\"st\u{0430}ge\":\"n\u{200b}ew\",\"\u{202e}risk\":\"low\"}}"), invalid, "there is no question"),
        ("script payload", json("{\"answers\":{\"<script>alert(1)</script>\":\"x\"}}"), invalid, answers),
        ("form garbage", form("/assessments", "answers=%ZZ%%&&&=="), invalid, "needs an answer."),
        ("form script", form("/assessments", "answers=stage:<script>"), invalid, "needs an answer."),
        ("wizard unknown step", form("/wizard/nowhere", "q.stage=new"), S::NOT_FOUND, "Page not found"),
        ("wizard bogus option", form("/wizard/situation", "q.stage=<script>&nav=next"), invalid, "Choose an answer to continue."),
        ("team empty title", form("/t", "title="), invalid, "The title must not be empty."),
        ("team long title", form("/t", &format!("title={long}")), invalid, "The title may be at most 120 characters"),
        ("join unknown decision", form("/t/AAAAAAAAAAAA/join", "name=x"), S::NOT_FOUND, "Page not found"),
        ("owner unknown decision", form("/t/AAAAAAAAAAAA/owner", "action=delete&confirm=yes"), S::NOT_FOUND, "Page not found"),
        ("owner without the owner cookie", form(&format!("/t/{real}/owner"), "action=delete&confirm=yes"), S::FORBIDDEN, "Only the decision"),
        ("join without the invite", form(&format!("/t/{real}/join"), "name=Mallory"), S::FORBIDDEN, "invite link"),
    ];
    for (name, request, meant, says) in cases {
        let (status, response) = app.send(request).await;
        assert_eq!(status, meant, "{name}");
        let body = body_text(response).await;
        assert!(body.contains(says), "{name}: should say {says:?}: {body}");
        assert!(!body.contains("<script>alert(1)</script>"), "{name}: payload not reflected raw");
    }
    assert_eq!(stored(&app).await, before, "nothing stored");
}

#[tokio::test]
async fn path_traversal_finds_nothing() {
    let app = TestApp::new().await;
    for path in [
        "/pkg/../../Cargo.toml", "/pkg/%2e%2e/%2e%2e/Cargo.toml", "/../content/questionnaire.toml",
        "/guide/..%2F..%2FCargo.toml", "/guide/../../etc/passwd", "/favicon.svg/../../Cargo.toml", "/r/..%2F..%2Fdata",
    ] {
        let (status, body) = app.get(path).await;
        assert!(status.is_client_error(), "{path}: {status}");
        assert!(!body.contains("[workspace]") && !body.contains("root:"), "{path}");
    }
}

#[tokio::test]
async fn metrics_count_requests_by_route() {
    let app = TestApp::new().await;
    app.get("/guide/faq").await;
    app.get("/guide/cost").await;
    app.get("/nope").await;
    let (status, text) = app.get("/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text.contains("crossroads_http_requests_total{route=\"/guide/{slug}\",method=\"GET\",status=\"200\"} 2"), "{text}");
    assert!(text.contains("crossroads_http_request_duration_seconds_bucket{route=\"/guide/{slug}\""));
    assert!(text.contains("crossroads_results_created_total 0"));
}

#[tokio::test]
async fn a_panic_becomes_a_plain_500_page_without_internals() {
    use tower::ServiceExt;
    async fn boom() -> &'static str {
        panic!("secret internal detail")
    }
    // The real router's layers, with one route that panics added under them.
    let app = TestApp::new().await;
    let routes = axum::Router::new().route("/boom", axum::routing::get(boom));
    let router = crossroads_server::routes::with_layers(routes, app.state.clone());
    let response = router.oneshot(Request::get("/boom").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(response.headers()["x-content-type-options"], "nosniff", "the security headers wrap the panic page too");
    let html = body_text(response).await;
    assert!(html.contains("Something went wrong"));
    assert!(!html.contains("secret internal detail"));
}

#[tokio::test]
async fn guide_and_result_pages_answer_304_to_a_matching_etag() {
    let app = TestApp::new().await;
    let result = app.state.examples[0].id.clone();
    for path in ["/guide/cost".to_string(), format!("/r/{result}")] {
        let (status, response) = app.get_response(&path).await;
        assert_eq!(status, StatusCode::OK);
        let etag = response.headers()[header::ETAG].to_str().unwrap().to_string();
        let req = Request::get(&path).header(header::IF_NONE_MATCH, &etag).body(Body::empty()).unwrap();
        let (status, response) = app.send(req).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(!response.headers().contains_key("content-security-policy"), "no policy on a 304");
        let req = Request::get(&path).header(header::IF_NONE_MATCH, "\"other\"").body(Body::empty()).unwrap();
        assert_eq!(app.send(req).await.0, StatusCode::OK);
    }
}

/// Path parameters reach the database only after they are checked; a NUL byte
/// (which PostgreSQL refuses in text) or stray Unicode is an ordinary 4xx.
#[tokio::test]
async fn odd_bytes_in_every_path_parameter_get_a_4xx() {
    let app = TestApp::new().await;
    let (decision, _) = app.state.db.create_decision("Real", "", false, None).await.unwrap();
    let crossroads_server::db::Joined::Member(member, _) =
        app.state.db.join(&decision.id, "Ada", None, 10, crossroads_server::text::name_key).await.unwrap()
    else {
        panic!("joined")
    };
    let id = &decision.id;
    for odd in ["%00", "a%00b", "%E2%80%AE", "%C0%80", "%F0%9F%92%A3", "AAAAAAAAAAA%00"] {
        let gets = [
            format!("/r/{odd}"), format!("/r/{odd}/adr.md"), format!("/api/v1/assessments/{odd}"),
            format!("/api/v1/decisions/{odd}"), format!("/t/{odd}"), format!("/t/{odd}/revision"), format!("/t/{odd}/live"),
            format!("/t/{odd}/adr.md"), format!("/t/{id}/m/{odd}/{odd}"), format!("/t/{id}/m/{}/{odd}", member.id),
            format!("/t/{odd}/owner/{odd}"), format!("/t/{id}/owner/{odd}"), format!("/guide/{odd}"), format!("/wizard/{odd}"),
        ];
        for path in gets {
            let (status, _) = app.get(&path).await;
            assert!(status.is_client_error(), "GET {path}: {status}");
        }
        let posts = [
            format!("/t/{odd}/join"), format!("/t/{odd}/owner/{odd}"), format!("/t/{id}/owner/{odd}"),
            format!("/r/{odd}/rescore"), format!("/wizard/from/{odd}"), format!("/wizard/{odd}"),
        ];
        for path in posts {
            let request = Request::post(&path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(Body::from("name=x&action=close")).unwrap();
            let (status, _) = app.send(request).await;
            assert!(status.is_client_error(), "POST {path}: {status}");
        }
    }
    assert_eq!(app.state.db.member_count(id).await.unwrap(), 1, "nothing joined");
    assert!(!app.state.db.decision(id).await.unwrap().unwrap().closed, "nothing closed");
}

/// Slowness on our side is a 503 with Retry-After (a 408 would blame the client).
#[tokio::test]
async fn a_request_over_the_time_limit_gets_503_with_retry_after() {
    use tower::ServiceExt;
    async fn slow() -> &'static str {
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
        "late"
    }
    let app = TestApp::with_config(crate::support::content_dir(), |c| c.request_timeout_secs = 1).await;
    let routes = axum::Router::new().route("/slow", axum::routing::get(slow));
    let router = crossroads_server::routes::with_layers(routes, app.state.clone());
    let started = std::time::Instant::now();
    let response = router.oneshot(Request::get("/slow").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    assert!(response.headers()[header::RETRY_AFTER].to_str().unwrap().parse::<u64>().unwrap() >= 1);
    assert!(body_text(response).await.contains("took too long"));
}

/// Only a well-formed `from` id is part of a result page's cache key: junk
/// query strings cannot push the guide and home pages out of the cache.
#[tokio::test]
async fn junk_query_strings_do_not_fill_the_page_cache() {
    let app = TestApp::new().await;
    let result = app.state.examples[0].id.clone();
    assert_eq!(app.get("/").await.0, StatusCode::OK);
    let (_, first) = app.get(&format!("/r/{result}?from=junk0")).await;
    for n in 1..50 {
        let (status, page) = app.get(&format!("/r/{result}?from=junk{n}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(crate::support::without_nonces(&page), crate::support::without_nonces(&first));
    }
    assert_eq!(app.state.render.pages.len(), 2, "the home page and one result page");
    assert!(app.state.render.pages.contains("home"));
}

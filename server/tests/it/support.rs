//! Drives the real router in-process with a throwaway database.
#![allow(dead_code)]


use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use axum::Router;
use crossroads_server::config::Config;
use crossroads_server::state::AppState;
use http_body_util::BodyExt;
use std::path::PathBuf;
use tower::ServiceExt;

include!("../../../app/domain/tests/common/startup.rs");

/// Answers as the JSON API takes them.
pub fn answers_json(pairs: &[(&str, &str)]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for (q, o) in pairs {
        let value = if *q == "cost_model" { serde_json::json!([o]) } else { serde_json::json!(o) };
        map.insert(q.to_string(), value);
    }
    serde_json::Value::Object(map)
}

/// Answers in the wizard's draft format (`question:option|…`, lists end in `+`),
/// with `changes` applied.
pub fn draft(changes: &[(&str, &str)]) -> String {
    STARTUP
        .iter()
        .map(|(q, o)| {
            let value = changes.iter().find(|(c, _)| c == q).map(|(_, v)| *v).unwrap_or(o);
            if *q == "cost_model" { format!("{q}:{value}+") } else { format!("{q}:{value}") }
        })
        .collect::<Vec<_>>()
        .join("|")
}

pub fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content")
}

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    _data: tempfile::TempDir,
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with_content(content_dir()).await
    }

    pub async fn with_content(dir: PathBuf) -> TestApp {
        Self::with_config(dir, |_| {}).await
    }

    pub async fn with_config(dir: PathBuf, change: impl FnOnce(&mut Config)) -> TestApp {
        let data = tempfile::tempdir().expect("temp dir");
        Self::on_data(data, dir, change).await
    }

    /// An app whose SQLite file lives in `data` (a restart: the same folder
    /// given to a new app); on PostgreSQL, a fresh database as ever.
    pub async fn on_data(data: tempfile::TempDir, dir: PathBuf, change: impl FnOnce(&mut Config)) -> TestApp {
        let mut config = Config::for_tests(dir, data.path());
        if let Some(url) = fresh_postgres_database().await {
            config.database_url = url;
        }
        change(&mut config);
        let state = AppState::load(config).await.unwrap_or_else(|e| panic!("state loads: {e}"));
        TestApp { router: crossroads_server::routes::router(state.clone()), state, _data: data }
    }

    /// Stops this app and hands back its data folder, for a restart.
    pub fn into_data(self) -> tempfile::TempDir {
        self._data
    }

    /// Sends `request` as a browser on this site would: a form post gets the
    /// site's `Origin` unless the test set `Origin` or `Sec-Fetch-Site` itself.
    pub async fn send(&self, mut request: Request<Body>) -> (StatusCode, Response<Body>) {
        let headers = request.headers();
        if request.method() == axum::http::Method::POST && !headers.contains_key("origin") && !headers.contains_key("sec-fetch-site") {
            request.headers_mut().insert("origin", axum::http::HeaderValue::from_static("http://crossroads.test"));
        }
        self.send_raw(request).await
    }

    /// Sends `request` exactly as built.
    pub async fn send_raw(&self, request: Request<Body>) -> (StatusCode, Response<Body>) {
        let response = self.router.clone().oneshot(request).await.expect("infallible");
        (response.status(), response)
    }

    pub async fn get_response(&self, path: &str) -> (StatusCode, Response<Body>) {
        self.send(Request::get(path).body(Body::empty()).unwrap()).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let (status, response) = self.send(Request::get(path).body(Body::empty()).unwrap()).await;
        (status, body_text(response).await)
    }
}

/// With `CROSSROADS_TEST_POSTGRES` (an administrator URL of a throwaway
/// cluster), every test app gets a new, empty PostgreSQL database; without it,
/// a SQLite file in its own temporary folder.
pub async fn fresh_postgres_database() -> Option<String> {
    use sqlx::Connection;
    let admin = std::env::var("CROSSROADS_TEST_POSTGRES").ok().filter(|url| !url.is_empty())?;
    let name = format!("t_{}", crossroads_server::ids::new_id().to_lowercase());
    let mut connection = sqlx::PgConnection::connect(&admin).await.expect("the test cluster answers");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut connection).await.expect("create database");
    let (server, _) = admin.rsplit_once('/').expect("URL with a database");
    Some(format!("{server}/{name}"))
}

pub fn on_postgres() -> bool {
    std::env::var("CROSSROADS_TEST_POSTGRES").is_ok_and(|url| !url.is_empty())
}

pub async fn body_text(response: Response<Body>) -> String {
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    String::from_utf8(bytes.to_vec()).expect("utf-8 body")
}

/// A copy of the shipped content folder that a test may break.
pub fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&content_dir(), dir.path());
    dir
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A page with its per-request script nonces blanked, for comparing renders
/// (`crossorigin` on the hydration links carries the nonce too).
pub fn without_nonces(html: &str) -> String {
    let mut text = html.to_string();
    for attribute in ["nonce=\"", "crossorigin=\""] {
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find(attribute) {
            out.push_str(&rest[..at + attribute.len()]);
            rest = &rest[at + attribute.len()..];
            rest = &rest[rest.find('"').unwrap_or(rest.len())..];
        }
        out.push_str(rest);
        text = out;
    }
    text
}

/// The `name=value` part of every `Set-Cookie` header of a response.
pub fn set_cookies(response: &Response<Body>) -> Vec<String> {
    response
        .headers()
        .get_all(axum::http::header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .collect()
}

/// A browser-like cookie jar: later values replace earlier ones, empty values delete.
#[derive(Default, Clone)]
pub struct Jar(pub Vec<(String, String)>);

impl Jar {
    pub fn absorb(&mut self, response: &Response<Body>) {
        for cookie in set_cookies(response) {
            let (name, value) = cookie.split_once('=').unwrap();
            self.0.retain(|(n, _)| n != name);
            if !value.is_empty() {
                self.0.push((name.to_string(), value.to_string()));
            }
        }
    }

    pub fn header(&self) -> String {
        self.0.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("; ")
    }
}

/// Percent-encodes a form value.
pub fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A form post from a browser holding `jar`'s cookies.
pub fn post(path: &str, body: String, jar: &Jar) -> Request<Body> {
    Request::post(path)
        .header(axum::http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(axum::http::header::COOKIE, jar.header())
        .body(Body::from(body))
        .unwrap()
}

/// A GET from a browser holding `jar`'s cookies.
pub fn get(path: &str, jar: &Jar) -> Request<Body> {
    Request::get(path).header(axum::http::header::COOKIE, jar.header()).body(Body::empty()).unwrap()
}

/// The invite link's path, as the owner's page shows it to the browser
/// holding the owner cookie (`owner`); the database keeps only its hash.
pub async fn invite_path(app: &TestApp, id: &str, owner: &Jar) -> String {
    let (status, response) = app.send(get(&format!("/t/{id}/owner"), owner)).await;
    assert_eq!(status, StatusCode::OK, "the owner page opens");
    let html = body_text(response).await;
    let start = html.find("id=\"invite-url\" href=\"").expect("the owner page shows the invite") + "id=\"invite-url\" href=\"".len();
    let url = &html[start..];
    let url = &url[..url.find('"').unwrap()];
    url.trim_start_matches(app.state.config.base_url().as_str()).to_string()
}

/// Follows a link that asks first (invite, member, owner, answer links): the
/// GET shows a confirmation; the same-site POST it makes changes the cookies.
pub async fn accept(app: &TestApp, path: &str, jar: &mut Jar) -> StatusCode {
    let (status, response) = app.send(get(path, jar)).await;
    if status != StatusCode::OK {
        return status;
    }
    let html = body_text(response).await;
    assert!(html.contains(&format!("action=\"{path}\"")), "the confirmation posts to the link: {html}");
    let (status, response) = app.send(post(path, String::new(), jar)).await;
    jar.absorb(&response);
    status
}

/// A wizard form that answers every question the start-up persona answers
/// (a step takes its own questions from it and ignores the rest).
pub fn startup_form() -> String {
    STARTUP.iter().map(|(q, o)| format!("q.{q}={o}")).collect::<Vec<_>>().join("&")
}

/// Walks the wizard as a browser without JavaScript: from its first step,
/// posts `form` and "Next" on each step until the review. Returns the steps
/// visited, in order.
pub async fn walk_wizard(app: &TestApp, jar: &mut Jar, form: &str) -> Vec<String> {
    let (_, response) = app.send(get("/wizard", jar)).await;
    let mut at = response.headers()[axum::http::header::LOCATION].to_str().unwrap().to_string();
    let mut visited = Vec::new();
    while at != "/wizard/review" {
        assert!(visited.len() < 30, "the wizard never reached the review: {visited:?}");
        visited.push(at.clone());
        let (status, response) = app.send(post(&at, format!("{form}&nav=next"), jar)).await;
        jar.absorb(&response);
        assert_eq!(status, StatusCode::SEE_OTHER, "{at}: {}", body_text(response).await);
        at = response.headers()[axum::http::header::LOCATION].to_str().unwrap().to_string();
    }
    visited
}

/// The text of HTML or SVG: tags dropped (each a word break), white space
/// collapsed; character references are left as they are.
pub fn markup_text(markup: &str) -> String {
    let mut text = String::with_capacity(markup.len());
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

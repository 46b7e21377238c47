//! Static files served from memory: content types, ETags and 304, caching of
//! hashed names, the stored encoding chosen by `Accept-Encoding`, HEAD, 404,
//! and the hashed names the pages link to.

use crate::support::{body_text, content_dir, TestApp};
use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use std::path::PathBuf;

fn site_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/site")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(site_dir().join(name)).unwrap()
}

/// An app serving the fixture site folder (with its `hash.txt`).
async fn app() -> TestApp {
    TestApp::with_config(content_dir(), |config| config.site_root = Some(site_dir())).await
}

async fn fetch(app: &TestApp, method: Method, path: &str, headers: &[(header::HeaderName, &str)]) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let (status, response) = app.send(request.body(Body::empty()).unwrap()).await;
    let headers = response.headers().clone();
    (status, headers, response.into_body().collect().await.unwrap().to_bytes().to_vec())
}

const JS: &str = "/pkg/crossroads.Js0Hash.js";

#[tokio::test]
async fn files_are_served_with_their_type_and_hashed_ones_cached_for_ever() {
    let app = app().await;
    for (path, file, content_type) in [
        (JS, "pkg/crossroads.Js0Hash.js", "text/javascript"),
        ("/pkg/crossroads.Css0Hash.css", "pkg/crossroads.Css0Hash.css", "text/css"),
        ("/pkg/crossroads.Wasm0Hash.wasm", "pkg/crossroads.Wasm0Hash.wasm", "application/wasm"),
    ] {
        let (status, headers, body) = fetch(&app, Method::GET, path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers[header::CONTENT_TYPE], content_type, "{path}");
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable", "{path}");
        assert_eq!(headers[header::VARY], "accept-encoding", "{path}");
        assert!(headers.get(header::CONTENT_ENCODING).is_none(), "{path}: asked for nothing, sent as it is");
        assert_eq!(body, fixture(file), "{path}");
    }
    // Root files: an hour, as their names do not change with their content.
    for (path, content_type) in [("/robots.txt", "text/plain"), ("/favicon.svg", "image/svg+xml")] {
        let (status, headers, body) = fetch(&app, Method::GET, path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers[header::CONTENT_TYPE], content_type, "{path}");
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=3600", "{path}");
        assert_eq!(body, fixture(&path[1..]), "{path}");
    }
}

#[tokio::test]
async fn the_stored_encoding_the_client_prefers_is_sent() {
    let app = app().await;
    let plain = fixture("pkg/crossroads.Js0Hash.js");
    let br = fixture("pkg/crossroads.Js0Hash.js.br");
    let gzip = fixture("pkg/crossroads.Js0Hash.js.gz");
    for (accept, encoding, body) in [
        ("gzip, deflate, br", Some("br"), &br),
        ("br;q=0.5, gzip", Some("gzip"), &gzip),
        ("gzip;q=0.4, br;q=0.5", Some("br"), &br),
        ("gzip;q=0.5, identity", None, &plain),
        ("br;q=0, gzip;q=0", None, &plain),
        ("*;q=0.1, gzip;q=0", Some("br"), &br),
        ("deflate", None, &plain),
    ] {
        let (status, headers, sent) = fetch(&app, Method::GET, JS, &[(header::ACCEPT_ENCODING, accept)]).await;
        assert_eq!(status, StatusCode::OK, "{accept}");
        assert_eq!(headers.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), encoding, "{accept}");
        assert_eq!(&sent, body, "{accept}: the stored copy, not compressed again");
        assert_eq!(headers[header::CONTENT_LENGTH], sent.len().to_string().as_str(), "{accept}");
    }
    // No brotli copy of the stylesheet: sent as it is and left so, since its
    // ETag names those bytes (nothing compresses it on the way out).
    let (_, headers, sent) = fetch(&app, Method::GET, "/pkg/crossroads.Css0Hash.css", &[(header::ACCEPT_ENCODING, "br")]).await;
    assert!(headers.get(header::CONTENT_ENCODING).is_none(), "{headers:?}");
    assert_eq!(sent, fixture("pkg/crossroads.Css0Hash.css"));
    // No brotli copy of robots.txt: gzip is the best there is.
    let (_, headers, sent) = fetch(&app, Method::GET, "/robots.txt", &[(header::ACCEPT_ENCODING, "br, gzip")]).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(sent, fixture("robots.txt.gz"));
}

#[tokio::test]
async fn a_matching_etag_gets_304_and_each_encoding_has_its_own() {
    let app = app().await;
    let (_, plain, _) = fetch(&app, Method::GET, JS, &[]).await;
    let (_, br, _) = fetch(&app, Method::GET, JS, &[(header::ACCEPT_ENCODING, "br")]).await;
    let tag = plain[header::ETAG].to_str().unwrap().to_string();
    let br_tag = br[header::ETAG].to_str().unwrap().to_string();
    assert!(tag.starts_with('"') && !tag.starts_with("W/"), "a strong validator: {tag}");
    assert_ne!(tag, br_tag, "different bytes, different tags");

    let (status, headers, body) = fetch(&app, Method::GET, JS, &[(header::IF_NONE_MATCH, &tag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    assert_eq!(headers[header::ETAG], tag.as_str());
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    let listed = format!("\"other\", {br_tag}");
    let (status, ..) = fetch(&app, Method::GET, JS, &[(header::IF_NONE_MATCH, &listed), (header::ACCEPT_ENCODING, "br")]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED, "one of a list");
    // The brotli copy's tag does not validate the plain copy.
    let (status, _, body) = fetch(&app, Method::GET, JS, &[(header::IF_NONE_MATCH, &br_tag)]).await;
    assert_eq!((status, body.len()), (StatusCode::OK, fixture("pkg/crossroads.Js0Hash.js").len()));
    let (status, ..) = fetch(&app, Method::GET, "/robots.txt", &[(header::IF_NONE_MATCH, "\"stale\"")]).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn head_answers_the_headers_without_the_body() {
    let app = app().await;
    let (status, headers, body) = fetch(&app, Method::HEAD, JS, &[(header::ACCEPT_ENCODING, "gzip")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.is_empty());
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(headers[header::CONTENT_LENGTH], fixture("pkg/crossroads.Js0Hash.js.gz").len().to_string().as_str());
    assert!(headers.contains_key(header::ETAG));
    let (status, headers, body) = fetch(&app, Method::HEAD, "/favicon.svg", &[]).await;
    assert_eq!((status, body.len()), (StatusCode::OK, 0));
    assert_eq!(headers[header::CONTENT_TYPE], "image/svg+xml");
}

#[tokio::test]
async fn what_is_not_a_file_of_the_site_is_the_404_page() {
    let app = app().await;
    for path in [
        "/pkg/missing.js",
        "/pkg/crossroads.Js0Hash.js.br",
        "/hash.txt",
        "/pkg/../robots.txt.gz/x",
        "/pkg",
        "/pkg/",
        "/robots.txt/",
        "/pkg/robots.txt",
    ] {
        let (status, response) = app.get_response(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body_text(response).await.contains("Page not found"), "{path}: the 404 page");
    }
    let (status, ..) = fetch(&app, Method::POST, "/robots.txt", &[]).await;
    assert!(status.is_client_error(), "a file is only read: {status}");
}

#[tokio::test]
async fn pages_link_the_hashed_names_from_the_list_in_memory() {
    let app = app().await;
    let (_, home) = app.get("/").await;
    assert!(home.contains(r#"href="/pkg/crossroads.Css0Hash.css""#), "the stylesheet by its hashed name");
    let (_, wizard) = app.get("/wizard/situation").await;
    assert!(wizard.contains("crossroads.Js0Hash") && wizard.contains("crossroads.Wasm0Hash"), "the island scripts by their hashed names");
}

#[tokio::test]
async fn a_site_folder_that_cannot_be_read_stops_start_up_naming_the_setting() {
    let data = tempfile::tempdir().unwrap();
    let missing = data.path().join("no-such-site");
    let mut config = crossroads_server::config::Config::for_tests(content_dir(), data.path());
    config.site_root = Some(missing.clone());
    let error = crossroads_server::state::AppState::load(config).await.err().expect("refused").to_string();
    assert!(error.contains("LEPTOS_SITE_ROOT") && error.contains(&missing.display().to_string()), "{error}");
}

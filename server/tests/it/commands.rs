//! The maintenance commands write only where they were told: never through a
//! symbolic link, never over a file, a backup readable by its owner alone; and
//! they refuse what the server refuses.

use crate::support::{answers_json, content_dir, TestApp, STARTUP};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use crossroads_server::cli::{run_command, Command};
use crossroads_server::config::Config;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;

/// A configuration whose SQLite database lives in `data`.
fn config(data: &Path) -> Config {
    Config::for_tests(content_dir(), data)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[tokio::test]
async fn export_content_never_writes_through_a_link_to_a_file() {
    let data = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let target = data.path().join("content");
    std::fs::create_dir(&target).unwrap();
    let planted = outside.path().join("planted.toml");
    symlink(&planted, target.join("questionnaire.toml")).unwrap();

    let error = run_command(&config(data.path()), Command::ExportContent { dir: target.clone() }).await.unwrap_err();
    assert!(error.contains(&target.join("questionnaire.toml").display().to_string()) && error.contains("symbolic link"), "{error}");
    assert!(!planted.exists(), "nothing was written where the link points");
    assert_eq!(names_in(&target), ["questionnaire.toml"], "a refusal writes nothing");
}

#[tokio::test]
async fn export_content_never_writes_into_a_linked_folder() {
    let data = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let target = data.path().join("content");
    std::fs::create_dir(&target).unwrap();
    symlink(outside.path(), target.join("guide")).unwrap();
    let error = run_command(&config(data.path()), Command::ExportContent { dir: target.clone() }).await.unwrap_err();
    assert!(error.contains(&target.join("guide").display().to_string()) && error.contains("symbolic link"), "{error}");
    assert!(names_in(outside.path()).is_empty(), "nothing was written into the folder the link points to");
    assert_eq!(names_in(&target), ["guide"], "a refusal writes nothing");

    // The folder named on the command line may not be a link either, dangling or not.
    let linked = data.path().join("linked");
    symlink(outside.path(), &linked).unwrap();
    let error = run_command(&config(data.path()), Command::ExportContent { dir: linked.clone() }).await.unwrap_err();
    assert!(error.contains(&linked.display().to_string()) && error.contains("symbolic link"), "{error}");
    let dangling = data.path().join("dangling");
    symlink(outside.path().join("made"), &dangling).unwrap();
    let error = run_command(&config(data.path()), Command::ExportContent { dir: dangling.clone() }).await.unwrap_err();
    assert!(error.contains("symbolic link"), "{error}");
    assert!(names_in(outside.path()).is_empty(), "no folder or file was made through either link");

    // A real, new folder is written as before.
    let fresh = data.path().join("fresh/content");
    let done = run_command(&config(data.path()), Command::ExportContent { dir: fresh.clone() }).await.unwrap();
    assert!(done.contains("files written"), "{done}");
    assert!(fresh.join("questionnaire.toml").is_file() && fresh.join("guide").is_dir());
}

#[tokio::test]
async fn backup_never_writes_through_a_link_and_is_readable_by_its_owner_only() {
    let data = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let backups = tempfile::tempdir().unwrap();
    let config = config(data.path());

    let stolen = outside.path().join("stolen.db");
    let link = backups.path().join("crossroads.db");
    symlink(&stolen, &link).unwrap();
    let error = run_command(&config, Command::Backup { file: link.clone() }).await.unwrap_err();
    assert!(error.contains(&link.display().to_string()) && error.contains("symbolic link"), "{error}");
    assert!(!stolen.exists(), "no copy of the database where the link points");

    let kept = backups.path().join("kept.db");
    std::fs::write(&kept, "mine").unwrap();
    let error = run_command(&config, Command::Backup { file: kept.clone() }).await.unwrap_err();
    assert!(error.contains("exists already"), "{error}");
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "mine", "never overwritten");

    let file = backups.path().join("new.db");
    run_command(&config, Command::Backup { file: file.clone() }).await.unwrap();
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(format!("{mode:o}"), "600", "a backup holds every result: its owner alone reads it");
    assert_eq!(names_in(backups.path()), ["crossroads.db", "kept.db", "new.db"], "nothing else is left beside it");
    let copy = crossroads_server::db::Database::open(&format!("sqlite://{}", file.display()), crossroads_server::db::OpenOptions::new(std::time::Duration::from_secs(5))).await.unwrap();
    assert!(copy.counts().await.is_ok(), "the backup is a database");
}

#[tokio::test]
async fn purge_refuses_zero_days_as_the_server_does() {
    let app = TestApp::new().await;
    let body = serde_json::json!({ "answers": answers_json(STARTUP) }).to_string();
    let request = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap();
    assert_eq!(app.send(request).await.0, StatusCode::CREATED);
    let before = app.state.db.counts().await.unwrap();
    for dry_run in [false, true] {
        let error = run_command(&app.state.config, Command::Purge { older_than: 0, dry_run }).await.unwrap_err();
        assert!(error.contains("--older-than") && error.contains("must be at least 1"), "{error}");
    }
    assert_eq!(app.state.db.counts().await.unwrap(), before, "nothing removed");
    assert!(run_command(&app.state.config, Command::Purge { older_than: 1, dry_run: true }).await.is_ok());
}

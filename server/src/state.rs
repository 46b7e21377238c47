//! Shared, cheap-to-clone application state, built in one step at start-up.

use crate::config::{Config, Settings};
use crate::content::Content;
use crate::db::{Database, OpenOptions};
use crate::embedded::{self, Unpacked};
use crate::hash_file::HashFile;
use crate::site::Site;
use crate::examples;
use crate::http::auth::{SignIn, SignInHeaders};
use crate::http::render::Renderer;
use crate::http::{etag, metrics::Metrics, page_cache::PageCache};
use crate::services::cards::Cards;
use crate::services::KnownResults;
use crate::db::Forget;
use crate::cache::Cache;
use app::team::TeamData;
use crate::startup::StartupError;
use app::page::Example;
use leptos::config::LeptosOptions;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    /// The settings read from text (origins, proxies, sign-in headers), checked.
    pub settings: Arc<Settings>,
    /// Who signs people in, if anyone.
    pub sign_in: SignIn,
    /// Renders pages, and keeps those that are the same for everyone.
    pub render: Renderer,
    pub content: Arc<Content>,
    pub db: Database,
    /// Example results for the home page (stored at start-up).
    pub examples: Arc<Vec<Example>>,
    pub metrics: Metrics,
    /// Identifies this build and content, for ETags: the asset hashes and the
    /// content fingerprints.
    pub build_id: String,
    /// Team views per decision and revision: every change to a decision
    /// bumps its revision, so a kept view is never stale.
    pub teams: Cache<(String, i64), Arc<TeamData>>,
    /// Share cards, drawn once.
    pub cards: Cards,
    /// Results known to exist, answered without a query while every
    /// deletion is heard.
    pub known: KnownResults,
    /// The OpenAPI document for this content, built on its first request.
    pub openapi: Arc<std::sync::OnceLock<axum::body::Bytes>>,
    /// The built site, in memory (from the binary, or the folder given).
    pub site: Arc<Site>,
    /// Folders unpacked from the binary, removed when the last clone goes.
    _unpacked: Arc<Vec<Unpacked>>,
}

impl AppState {
    /// Loads content, opens (and migrates) the database, stores the examples:
    /// everything a request needs.
    pub async fn load(config: Config) -> Result<Self, StartupError> {
        let settings = config.settings()?;
        let mut unpacked = Vec::new();
        let unpack_failed = |what: &str, e: std::io::Error| StartupError::Content(format!("cannot unpack the built-in {what}: {e}"));
        let content_dir = match &config.content_dir {
            Some(dir) => dir.clone(),
            None => {
                let content = embedded::content().map_err(|e| unpack_failed("content", e))?;
                let dir = content.path().to_path_buf();
                unpacked.push(content);
                dir
            }
        };
        let content = Content::load(&content_dir)?;
        let site = load_site(&config)?;
        let db = Database::open(&config.database_url, open_options(&config)).await?;
        let examples = examples::seed(&config, &content.questionnaire, &content.examples, &db).await?;
        let hash_file = match &site.hashes {
            Some(hashes) => Some(HashFile::new(hashes).map_err(|e| StartupError::Content(format!("cannot keep the list of hashed file names: {e}")))?),
            None => None,
        };
        let leptos = leptos_options(&config, hash_file.as_ref());
        let build_id = build_id(&config, &content, site.hashes.as_deref().unwrap_or_default());
        let sign_in = SignIn(settings.auth_header.clone().map(|user| {
            Arc::new(SignInHeaders { user, name: settings.auth_name_header.clone() })
        }));
        let decision_log = config.decision_log || sign_in.is_on();
        let split = split_manifest(&site);
        let render = Renderer { leptos, base_url: config.base_url().into(), pages: PageCache::default(), decision_log, templates: Default::default(), split, _hash_file: hash_file };
        // On PostgreSQL, deletions are heard once listening has begun; one
        // process on SQLite makes (and so hears) every deletion itself.
        let deletions = db.deletions();
        let known = KnownResults::new(deletions.is_none());
        let state = AppState {
            site: Arc::new(site),
            _unpacked: Arc::new(unpacked),
            config: Arc::new(config),
            settings: Arc::new(settings),
            sign_in,
            render,
            content: Arc::new(content),
            db,
            examples: Arc::new(examples),
            metrics: Metrics::default(),
            build_id,
            teams: Cache::new(TEAMS_KEPT),
            cards: Cards::default(),
            known,
            openapi: Arc::default(),
        };
        if let Some(heard) = deletions {
            tokio::spawn(forget_as_heard(Forgetting { pages: state.render.pages.clone(), cards: state.cards.clone(), known: state.known.clone() }, heard));
        }
        Ok(state)
    }
}

/// What a deletion heard from the database makes this instance forget:
/// only the memories, so the task holds no more of the state than these.
struct Forgetting {
    pages: PageCache,
    cards: Cards,
    known: KnownResults,
}

async fn forget_as_heard(memory: Forgetting, mut heard: tokio::sync::mpsc::UnboundedReceiver<Forget>) {
    while let Some(forget) = heard.recv().await {
        match forget {
            Forget::Result(id) => forget_result(&memory.pages, &memory.cards, &memory.known, &id),
            // A purge, or deletions that may have gone unheard: pages that
            // compare with a result go too, as its card is checked anyway.
            Forget::Everything => {
                memory.known.forget_all();
                memory.pages.forget_results();
            }
            Forget::Deaf => memory.known.deaf(),
            Forget::Listening => {
                memory.known.hearing_again();
                memory.pages.forget_results();
            }
        }
    }
}

fn forget_result(pages: &PageCache, cards: &Cards, known: &KnownResults, id: &str) {
    known.forget(id);
    pages.forget_result(id);
    cards.forget(&format!("result:{id}"));
}

/// Team views kept at most.
const TEAMS_KEPT: usize = 256;

impl AppState {
    /// Forgets everything kept in memory that shows result `id` (deleted or
    /// purged): its pages, pages that compare with it, its card.
    pub fn forget_result(&self, id: &str) {
        forget_result(&self.render.pages, &self.cards, &self.known, id);
    }
}

/// A database connection is waited for at most two thirds of the request
/// timeout, so a busy database is reported (503) before the request times out.
fn open_options(config: &Config) -> OpenOptions {
    OpenOptions {
        acquire_timeout: Duration::from_millis((config.request_timeout_secs * 1000 * 2 / 3).max(500)),
        sqlite_max_pages: config.sqlite_max_pages,
    }
}

fn beside_binary(name: &str) -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join(name)).filter(|path| path.is_file())
}

fn build_id(config: &Config, content: &Content, hashes: &str) -> String {
    let guide: Vec<String> = content.guide.pages().iter().map(|p| format!("{}{}", p.slug, p.html.len())).collect();
    etag::tag(&[env!("CARGO_PKG_VERSION"), hashes, &content.questionnaire.fingerprint, &guide.join(","), &config.base_url()])
}

/// The site: the folder `LEPTOS_SITE_ROOT` names, else the one built into
/// the binary, else the build output (`cargo run`), each with its list of
/// hashed names. Read whole into memory, here, once.
fn load_site(config: &Config) -> Result<Site, StartupError> {
    let unreadable = |(path, e): (PathBuf, std::io::Error)| StartupError::Site { path, message: format!("cannot be read ({e}); LEPTOS_SITE_ROOT (--site-root) names the built site folder") };
    let site = match (&config.site_root, embedded::site()) {
        (Some(root), _) => Site::read(root, beside_binary("hash.txt").as_deref()).map_err(unreadable)?,
        (None, Some(site)) => site,
        (None, None) => {
            let root = PathBuf::from("target/site");
            if root.is_dir() { Site::read(&root, beside_binary("hash.txt").as_deref()).map_err(unreadable)? } else { Site::default() }
        }
    };
    tracing::debug!(files = site.len(), hashed = site.hashes.is_some(), "the site is in memory");
    Ok(site)
}

/// Which wasm chunks each lazy island needs, so a page that shows one asks
/// for them early (`<link rel="preload">`). Leptos would read this from the
/// site folder; with the site in memory it is given from there.
fn split_manifest(site: &Site) -> Option<leptos::WasmSplitManifest> {
    let hashes = site.hashes.as_deref()?;
    let hash = |key: &str| hashes.lines().filter_map(|line| line.split_once(':')).find(|(k, _)| k.trim() == key).map(|(_, v)| v.trim().to_string());
    let manifest = site.get(&format!("pkg/__wasm_split_manifest.{}.json", hash("manifest")?))?;
    let (_, bytes, _) = manifest.copy(crate::http::encoding::Coding::Identity);
    let chunks: std::collections::HashMap<String, Vec<String>> = serde_json::from_slice(bytes).ok()?;
    let loader = format!("__wasm_split.{}.js", hash("split")?);
    Some(leptos::WasmSplitManifest(leptos::prelude::ArcStoredValue::new(("/pkg".to_string(), chunks, loader))))
}

/// Leptos options built from our configuration (no Cargo.toml needed at run
/// time). Hashed file names are used when there is a list of them.
fn leptos_options(config: &Config, hashes: Option<&HashFile>) -> LeptosOptions {
    let builder = LeptosOptions::builder()
        .output_name("crossroads")
        .site_root(config.site_root.as_ref().map_or_else(String::new, |root| root.to_string_lossy().to_string()))
        .site_pkg_dir("pkg")
        .site_addr(config.listen)
        .hash_files(hashes.is_some());
    match hashes {
        Some(file) => builder.hash_file(std::sync::Arc::from(file.path().as_str())).build(),
        None => builder.build(),
    }
}

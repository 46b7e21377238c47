//! Shared, cheap-to-clone application state.

use crate::config::Config;
use crate::content::Content;
use crate::error::StartupError;
use crate::storage::Database;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub leptos: LeptosOptions,
    pub content: Arc<Content>,
    pub db: Database,
    /// Example results for the home page (stored at start-up).
    pub examples: Arc<Vec<app::page::Example>>,
    pub metrics: crate::metrics::Metrics,
    /// Identifies this build and content, for ETags: the asset hashes and the
    /// content fingerprints.
    pub build_id: String,
    /// Rendered pages that are the same for everyone.
    pub pages: crate::page_cache::PageCache,
}

impl AppState {
    /// Loads content, opens (and migrates) the database: everything a request needs.
    pub async fn load(config: Config) -> Result<Self, StartupError> {
        if !config.content_dir.is_dir() {
            return Err(StartupError::Content(format!(
                "{} is not a folder (set CROSSROADS_CONTENT_DIR)",
                config.content_dir.display()
            )));
        }
        let content = Arc::new(Content::load(&config.content_dir)?);
        let db = Database::open(&config.database_url).await?;
        let leptos = leptos_options(&config);
        let mut state = AppState { config: Arc::new(config), leptos, content, db, examples: Arc::new(Vec::new()), metrics: Default::default(), build_id: String::new(), pages: Default::default() };
        state.build_id = build_id(&state);
        state.examples = Arc::new(crate::examples::seed(&state).await?);
        Ok(state)
    }
}

fn build_id(state: &AppState) -> String {
    let hashes = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .and_then(|path| std::fs::read_to_string(path).ok())
        .unwrap_or_default();
    let guide: Vec<String> = state.content.guide.pages().iter().map(|p| format!("{}{}", p.slug, p.html.len())).collect();
    crate::etag::tag(&[env!("CARGO_PKG_VERSION"), &hashes, &state.content.questionnaire.fingerprint, &guide.join(","), &state.config.base_url()])
}

/// Leptos options built from our configuration (no Cargo.toml needed at run time).
///
/// Hashed file names are used when the build left `hash.txt` beside the binary.
fn leptos_options(config: &Config) -> LeptosOptions {
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").is_file()))
        .unwrap_or(false);
    LeptosOptions::builder()
        .output_name("crossroads")
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.listen)
        .hash_files(hash_files)
        .build()
}

//! Share cards: the picture a pasted link unfurls with. The card is drawn as
//! SVG by the views (the same chart as the page) and rasterised here with
//! resvg and the font shipped in `assets/fonts` (OFL). Each card is drawn
//! once per key (a result's id, a decision's id and revision, a guide page's
//! slug), at most two at a time, and kept.

use super::ServiceError;
use crate::cache::Cache;
use app::pages::card::{Card, CardProps, CardView, HEIGHT, WIDTH};
use axum::body::Bytes;
use crossroads_domain::{ResultSnapshot, StoredResult};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{fontdb, Options, Tree};
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter-Regular.subset.otf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/Inter-Bold.subset.otf");

/// Cards kept at most.
const KEPT: usize = 256;

/// Cards drawn at the same time, at most: each takes a 3 MB canvas and some
/// milliseconds of CPU.
static DRAWING: Semaphore = Semaphore::const_new(2);

/// Drawn cards, by key.
#[derive(Clone)]
pub struct Cards {
    kept: Cache<String, Bytes>,
}

impl Default for Cards {
    fn default() -> Self {
        Cards { kept: Cache::new(KEPT) }
    }
}

impl Cards {
    /// The card under `key` as PNG bytes, drawn from `card` the first time.
    /// Whoever waited for a drawing finds the card drawn already.
    pub async fn png(&self, key: String, card: impl FnOnce() -> CardView + Send + 'static) -> Result<Bytes, ServiceError> {
        if let Some(png) = self.kept.get(&key) {
            return Ok(png);
        }
        let _permit = DRAWING.acquire().await.map_err(|e| ServiceError::Drawing(e.to_string()))?;
        if let Some(png) = self.kept.get(&key) {
            return Ok(png);
        }
        // Rasterising takes milliseconds of CPU: off the request threads.
        let drawn = tokio::task::spawn_blocking(move || png(card()))
            .await
            .map_err(|e| ServiceError::Drawing(format!("drawing the card stopped: {e}")))?
            .map_err(ServiceError::Drawing)?;
        // Bytes: every answer shares the one drawn copy.
        let drawn = Bytes::from(drawn);
        self.kept.put(key, drawn.clone());
        Ok(drawn)
    }

    pub fn forget(&self, key: &str) {
        self.kept.forget(&key.to_string());
    }
}

fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_font_data(REGULAR.to_vec());
            db.load_font_data(BOLD.to_vec());
            Arc::new(db)
        })
        .clone()
}

/// The card's SVG, as the views draw it. Leptos leaves empty `<!>` markers
/// where parts may change in a browser; they are not XML, and a card never
/// reaches a browser as SVG, so they go.
pub fn svg(card: CardView) -> String {
    app::render_fragment(move || Card(CardProps { card })).replace("<!>", "")
}

/// The card as a 1200 × 630 palette PNG.
pub fn png(card: CardView) -> Result<Vec<u8>, String> {
    super::card_png::encode(&draw(card)?)
}

/// The card rasterised, 1200 × 630.
pub fn draw(card: CardView) -> Result<Pixmap, String> {
    let svg = svg(card);
    let options = Options { fontdb: fonts(), font_family: "Inter".into(), ..Options::default() };
    let tree = Tree::from_str(&svg, &options).map_err(|e| format!("the card's SVG is not valid: {e}"))?;
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT).ok_or("a card has a size")?;
    resvg::render(&tree, Transform::default(), &mut pixmap.as_mut());
    Ok(pixmap)
}

/// A result's card: its recommendation, the chart, the questionnaire version.
/// A plan's card shows its workloads instead of the chart, each with its platform.
pub fn for_result(result: &StoredResult) -> CardView {
    let a = &result.snapshot.assessment;
    let eyebrow = if a.close_call { "Recommendation (a close call)".to_string() } else { "Recommendation".to_string() };
    let footer = format!("Questionnaire version {} · every point explained", result.questionnaire_version);
    if let Some(plan) = &result.snapshot.plan {
        let p = &plan.assessment;
        let rows = p
            .workloads
            .iter()
            .map(|w| {
                let platform = w.platform.as_deref().and_then(|id| w.execution.score(id)).map_or_else(|| "nothing fits".to_string(), |s| s.label.clone());
                (w.name.clone(), platform)
            })
            .collect();
        return CardView { eyebrow, title: p.headline.clone(), lines: Vec::new(), footer, chart: None, rows };
    }
    let lines = a.axes.iter().map(|axis| match axis.winner_label() {
        Some(winner) => format!("{}: {winner}", axis.axis.label()),
        None => format!("{}: nothing fits every constraint", axis.axis.label()),
    });
    CardView { eyebrow, title: a.recommendation.headline.clone(), lines: lines.collect(), footer, chart: Some(result.snapshot.clone()), rows: Vec::new() }
}

/// A team decision's card: the combined recommendation and how many answered;
/// never a member's name.
pub fn for_team(title: &str, snapshot: Option<&ResultSnapshot>, answered: usize, version: &str) -> CardView {
    CardView {
        eyebrow: format!("Team decision · {answered} answered"),
        title: snapshot.map_or_else(|| "Waiting for the first answers".to_string(), |s| s.assessment.recommendation.headline.clone()),
        lines: vec![title.to_string()],
        footer: format!("Questionnaire version {version}"),
        chart: snapshot.cloned(),
        rows: Vec::new(),
    }
}

/// A team decision with workloads: the organisation as the title and a row
/// per workload with the team's platform for it (up to eight), the decision's
/// title in the footer; never a member's name.
pub fn for_team_plan(title: &str, plan: &app::team::TeamPlanView, answered: usize, version: &str) -> CardView {
    let rows = plan.workloads.iter().map(|w| (w.name.clone(), w.platform.clone().unwrap_or_else(|| "nothing fits".into()))).collect();
    let short: String = if title.chars().count() > 40 { format!("{}…", title.chars().take(39).collect::<String>()) } else { title.to_string() };
    CardView {
        eyebrow: format!("Team decision · {answered} answered"),
        title: plan.organisation.clone().unwrap_or_else(|| "No organisation fits every constraint".into()),
        lines: Vec::new(),
        footer: format!("“{short}” · questionnaire version {version}"),
        chart: None,
        rows,
    }
}

/// A team card with the decision's status in its eyebrow once it is no
/// longer proposed ("Team decision · accepted · review due · 3 answered").
pub fn with_status(mut card: CardView, status: crossroads_domain::Status, review_due: bool, answered: usize) -> CardView {
    if status != crossroads_domain::Status::Proposed {
        let due = if review_due { " · review due" } else { "" };
        card.eyebrow = format!("Team decision · {}{due} · {answered} answered", status.as_str());
    }
    card
}

/// A guide page's card: its title and summary.
pub fn for_guide(title: &str, summary: &str) -> CardView {
    CardView {
        eyebrow: "Guide".into(),
        title: title.to_string(),
        lines: vec![summary.to_string()],
        footer: "Monolith, modular monolith or microservices; functions, containers or servers".into(),
        chart: None,
        rows: Vec::new(),
    }
}

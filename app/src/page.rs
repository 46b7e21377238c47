//! The view model of one server-rendered page.

use crate::content::GuideView;
use crate::decision_log::DecisionLogView;
use crossroads_domain::guide::GuideLink;
use crate::result::ResultView;
use crate::wizard::WizardView;
use crate::team::{NewDecisionForm, OwnerView, TeamView};
use crossroads_domain::text::{lower_first, or_list};
use crossroads_domain::Axis;
use serde::{Deserialize, Serialize};

/// What goes into `<head>`: title, description and the share-link (OpenGraph) tags.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Head {
    pub title: String,
    pub description: String,
    /// Absolute URL of this page, built from the configured public base URL.
    pub canonical_url: String,
    /// The picture a shared link unfurls with, if the page has one.
    pub image: Option<Image>,
}

/// A share card: absolute URL and a text alternative.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    pub alt: String,
}

/// An example result listed on the home page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub id: String,
    pub title: String,
    pub blurb: String,
    pub headline: String,
}

fn lower_all(labels: &[String]) -> Vec<String> {
    labels.iter().map(|l| lower_first(l)).collect()
}

/// Every page Crossroads renders. The server picks one per request and fills it.
#[derive(Clone, Debug, PartialEq)]
pub enum Page {
    /// `axes`: each axis's candidate labels, from the questionnaire.
    Home { examples: Vec<Example>, guide: Vec<GuideLink>, axes: Vec<(Axis, Vec<String>)> },
    GuideIndex { pages: Vec<GuideLink> },
    Guide(GuideView),
    Wizard(WizardView),
    Result(ResultView),
    TeamNew(NewDecisionForm),
    Team(TeamView),
    TeamOwner(OwnerView),
    Message { title: String, body: String, link: Option<(String, String)> },
    /// A link that would change what this browser holds (a membership, the
    /// owner's key) asks first: the change is a same-site POST of this form,
    /// so a link on another site cannot make it.
    Confirm(Confirm),
    NotFound { path: String },
    DecisionLog(DecisionLogView),
}

/// A question with one button that posts to `action`.
#[derive(Clone, Debug, PartialEq)]
pub struct Confirm {
    pub title: String,
    pub body: String,
    pub action: String,
    pub button: String,
}

impl Page {
    /// The Atom feed of what the page lists, if it has one (absolute).
    pub fn feed(&self, base_url: &str) -> Option<String> {
        match self {
            Page::DecisionLog(view) => Some(format!("{base_url}{}", view.feed)),
            _ => None,
        }
    }

    pub fn head(&self, base_url: &str) -> Head {
        match self {
            Page::Home { axes, .. } => Head {
                title: "Crossroads — decide how to structure and run your system".into(),
                description: format!(
                    "Answer a short questionnaire and get an explained recommendation: {}.",
                    axes.iter().map(|(_, labels)| or_list(&lower_all(labels))).collect::<Vec<_>>().join(", on ")
                ),
                canonical_url: format!("{base_url}/"),
                image: None,
            },
            Page::GuideIndex { .. } => Head {
                title: "Guide — Crossroads".into(),
                description: "How microservices and serverless differ, what each costs and gives, \
                              and how to choose: the background to every question Crossroads asks."
                    .into(),
                canonical_url: format!("{base_url}/guide"),
                image: None,
            },
            Page::Guide(view) => Head {
                title: format!("{} — Crossroads guide", view.page.title),
                description: view.page.summary.clone(),
                canonical_url: format!("{base_url}/guide/{}", view.page.slug),
                image: Some(Image {
                    url: format!("{base_url}/guide/{}/card.png", view.page.slug),
                    alt: format!("Crossroads guide: {}. {}", view.page.title, view.page.summary),
                }),
            },
            Page::Wizard(view) => {
                let current = view.steps.iter().find(|s| s.current);
                Head {
                    title: match current {
                        Some(s) if s.href != "/wizard/review" => format!("{} — Questionnaire — Crossroads", s.title),
                        _ => "Review your answers — Questionnaire — Crossroads".into(),
                    },
                    description: "A step-by-step questionnaire about your team, workloads and constraints.".into(),
                    canonical_url: format!("{base_url}{}", current.map_or("/wizard", |s| s.href.as_str())),
                    image: None,
                }
            }
            Page::Result(view) => {
                let a = &view.result.snapshot.assessment;
                let lead = |axis: &crossroads_domain::AxisResult| match (axis.winner_label(), axis.margin) {
                    (Some(w), Some(m)) => format!("{} {w}, ahead by {m} points", axis.axis.label()),
                    (Some(w), None) => format!("{} {w}", axis.axis.label()),
                    (None, _) => format!("{}: nothing fits every constraint", axis.axis.label()),
                };
                let mut description = format!("{}. {}.", a.axes.iter().map(lead).collect::<Vec<_>>().join("; "), "Every point explained");
                if let Some(note) = a.recommendation.hybrid_notes.first() {
                    description = format!("{description} {note}");
                }
                if a.close_call {
                    description.push_str(" A close call: see the tipping points.");
                }
                Head {
                    title: format!("{} — Crossroads result", a.recommendation.headline),
                    image: Some(Image {
                        url: format!("{}/card.png", view.share_url),
                        alt: format!("Recommendation: {}, shown on a grid of the two axes with the winner highlighted.", a.recommendation.headline),
                    }),
                    description,
                    canonical_url: view.share_url.clone(),
                }
            }
            Page::TeamNew(_) => Head {
                title: "Decide as a team — Crossroads".into(),
                description: "Several people answer; Crossroads shows the team's recommendation and where you disagree.".into(),
                canonical_url: format!("{base_url}/t/new"),
                image: None,
            },
            Page::Team(view) => Head {
                title: format!("{} — team decision — Crossroads", view.decision.title),
                description: match &view.team {
                    Some(t) => format!("Team recommendation so far: {}.", t.assessment.recommendation.headline),
                    None => "Join the team decision and answer the questionnaire.".into(),
                },
                canonical_url: view.member_url.clone(),
                image: Some(Image {
                    url: format!("{}/card.png", view.member_url),
                    alt: match &view.team {
                        Some(t) => format!("Team decision “{}”: {}", view.decision.title, t.assessment.recommendation.headline),
                        None => format!("Team decision “{}”: waiting for the first answers", view.decision.title),
                    },
                }),
            },
            Page::TeamOwner(view) => Head {
                title: format!("Manage “{}” — Crossroads", view.decision.title),
                description: "Owner controls for a team decision.".into(),
                canonical_url: format!("{base_url}/t/{}", view.decision.id),
                image: None,
            },
            Page::Message { title, body, .. } => Head {
                title: format!("{title} — Crossroads"),
                description: body.clone(),
                canonical_url: format!("{base_url}/"),
                image: None,
            },
            Page::Confirm(confirm) => Head {
                title: format!("{} — Crossroads", confirm.title),
                description: confirm.body.clone(),
                canonical_url: format!("{base_url}/"),
                image: None,
            },
            Page::DecisionLog(view) => Head {
                title: if view.page > 1 { format!("Decision log, page {} — Crossroads", view.page) } else { "Decision log — Crossroads".into() },
                description: "The team decisions people listed: status, review date, owner and tags.".into(),
                canonical_url: format!("{base_url}/decisions"),
                image: None,
            },
            Page::NotFound { path } => Head {
                title: "Page not found — Crossroads".into(),
                description: "This address does not lead to a Crossroads page.".into(),
                canonical_url: format!("{base_url}{path}"),
                image: None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::{ReviewStep, StepLink, StepView, WizardView};
    use crossroads_domain::guide::GuidePage;
    use std::sync::Arc;

    #[test]
    fn guide_heads_name_the_page_and_link_to_it() {
        let page = GuidePage { slug: "cost".into(), title: "Cost".into(), summary: "What it costs.".into(), order: 1, html: String::new(), toc: vec![] };
        let view = GuideView { page: Arc::new(page), nav: vec![], previous: None, next: None };
        let head = Page::Guide(view).head("https://x.example");
        assert_eq!(head.title, "Cost — Crossroads guide");
        assert_eq!(head.description, "What it costs.");
        assert_eq!(head.canonical_url, "https://x.example/guide/cost");
    }

    #[test]
    fn wizard_heads_follow_the_step() {
        let link = |title: &str, href: &str, current| StepLink { title: title.into(), href: href.into(), current, done: false };
        let view = |at: usize| WizardView {
            steps: vec![link("Your team", "/wizard/team", at == 0), link("Review", "/wizard/review", at == 1)],
            progress: (0, 1),
            step: StepView::Review(ReviewStep { groups: vec![], incomplete: None, errors: vec![] }),
            team: None,
        };
        let first = Page::Wizard(view(0)).head("http://h");
        assert_eq!(first.title, "Your team — Questionnaire — Crossroads");
        assert_eq!(first.canonical_url, "http://h/wizard/team");
        let review = Page::Wizard(view(1)).head("http://h");
        assert!(review.title.starts_with("Review your answers"));
        assert_eq!(review.canonical_url, "http://h/wizard/review");
    }

    #[test]
    fn not_found_heads_keep_the_path() {
        let head = Page::NotFound { path: "/nope".into() }.head("http://h");
        assert_eq!(head.canonical_url, "http://h/nope");
        assert!(head.title.contains("not found"));
    }
}

//! Pages as the server fills them, built from the shipped questionnaire and
//! the domain crate; people's own text (titles, names, addresses) carries
//! markup that must reach the page as text.

use crate::content::GuideView;
use crate::page::{Confirm, Example};
use crate::result::ResultView;
use crate::team::{DecisionInfo, DeliveryRow, InviteView, Joining, Me, MemberRow, NewDecisionForm, OwnerMemberRow, OwnerView, TeamView, WebhookView};
use crate::lifecycle::{FactView, LifecycleView, LinkView};
use crate::wizard_view::StepErrors;
use crate::Page;
use crossroads_domain::guide::{GuideLink, GuidePage, TocEntry};
use crossroads_domain::{
    assess, assess_team, Answer, Answers, Axis, QuestionKind, Questionnaire, ResultSnapshot, StoredResult, WizardModel,
    OutcomeChange, PlanAnswers, Status, Step,
};
use std::sync::Arc;

include!("../../domain/tests/common/startup.rs");

pub const BASE: &str = "https://crossroads.example";

/// A decision title as someone might type it to see what happens.
pub const TITLE: &str = r#"Checkout <script>alert("title")</script> & co"#;
/// A member name that tries to leave its attribute and its element.
pub const NAME: &str = r#"Mallory "><script>alert('name')</script>"#;
/// Another member, and the visitor.
pub const OTHER: &str = "Zoë <b>bold</b>";
/// A context sent back to its form; markup in it is shown by a separate,
/// ignored test (see `escaping`).
pub const CONTEXT: &str = "We must pick **one** stack & keep it.";
/// Whatever a script injected would do; it must never appear as markup.
pub const INJECTED: &str = "<script>alert";

pub fn questionnaire() -> Questionnaire {
    Questionnaire::from_toml(include_str!("../../../content/questionnaire.toml"), "questionnaire.toml")
        .expect("the shipped questionnaire loads")
}

/// Answers from `(question, option)` pairs; multiple-choice options are comma-separated.
pub fn answers(q: &Questionnaire, pairs: &[(&str, &str)]) -> Answers {
    let mut answers = Answers::new();
    for (question, option) in pairs {
        let multiple = q.question(question).is_some_and(|x| x.kind == QuestionKind::Multiple);
        let answer = if multiple {
            Answer::Many(option.split(',').filter(|o| !o.is_empty()).map(str::to_string).collect())
        } else {
            Answer::One(option.to_string())
        };
        answers.set(*question, answer);
    }
    q.prune(&answers)
}

/// The start-up with some answers changed.
pub fn startup_with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    STARTUP.iter().map(|&(q, o)| (q, changes.iter().find(|(c, _)| *c == q).map_or(o, |&(_, v)| v))).collect()
}

/// A start-up that must keep its data on its own hardware: two candidates
/// ruled out, tipping points and review triggers.
pub fn on_premises() -> Vec<(&'static str, &'static str)> {
    startup_with(&[("compliance", "on_premises"), ("cost_model", "usage,predictable")])
}

pub fn stored(pairs: &[(&str, &str)]) -> StoredResult {
    let q = questionnaire();
    let assessment = assess(&q, &answers(&q, pairs)).expect("the fixture's answers are complete");
    StoredResult {
        id: "Fx7rEsUlt0a1".into(),
        created_at: "2026-03-04T05:06:07Z".into(),
        questionnaire_version: q.version.clone(),
        questionnaire_fingerprint: q.fingerprint.clone(),
        snapshot: ResultSnapshot::new(&q, assessment),
    }
}

pub fn result_view(pairs: &[(&str, &str)]) -> ResultView {
    let result = stored(pairs);
    ResultView {
        share_url: format!("{BASE}/r/{}", result.id),
        current_version: result.questionnaire_version.clone(),
        current_fingerprint: result.questionnaire_fingerprint.clone(),
        result,
        rescored: None,
        created_by_you: false,
        can_delete: false,
    }
}

pub fn result_page(pairs: &[(&str, &str)]) -> Page {
    Page::Result(result_view(pairs))
}

fn link(slug: &str, title: &str) -> GuideLink {
    GuideLink { slug: slug.into(), title: title.into(), summary: format!("What {title} means.") }
}

pub fn guide_links() -> Vec<GuideLink> {
    vec![link("serverless", "Serverless"), link("cost", "Cost"), link("faq", "Questions & answers")]
}

/// A guide page as the server renders its markdown: safe HTML with anchors.
pub fn guide_page() -> Page {
    let page = GuidePage {
        slug: "cost".into(),
        title: "Cost".into(),
        summary: "What each choice costs.".into(),
        order: 2,
        html: "<h2 id=\"per-use\">Paying per use</h2><p>Functions bill each call.</p>\
               <h3 id=\"idle\">Idle time</h3><p>Idle time is free.</p><h2 id=\"capacity\">Paying for capacity</h2><p>Servers bill by the month.</p>"
            .into(),
        toc: vec![
            TocEntry { level: 2, id: "per-use".into(), text: "Paying per use".into() },
            TocEntry { level: 3, id: "idle".into(), text: "Idle time".into() },
            TocEntry { level: 2, id: "capacity".into(), text: "Paying for capacity".into() },
        ],
    };
    let links = guide_links();
    Page::Guide(GuideView { page: Arc::new(page), nav: links.clone(), previous: Some(links[0].clone()), next: Some(links[2].clone()) })
}

pub fn home() -> Page {
    let q = questionnaire();
    let axes = Axis::ALL.iter().map(|&axis| (axis, q.candidates_on(axis).map(|c| c.label.clone()).collect())).collect();
    let examples = vec![Example {
        id: "Ex4mpleStart".into(),
        title: "A start-up racing to market".into(),
        blurb: "Small team, variable traffic.".into(),
        headline: "Modular monolith on serverless functions".into(),
    }];
    Page::Home { examples, guide: guide_links(), axes }
}

/// The wizard's outline, as the server builds it from the questionnaire.
pub fn wizard_model() -> WizardModel {
    WizardModel::from_questionnaire(&questionnaire(), |question| format!("<p>{}</p>", question.help.replace('&', "&amp;").replace('<', "&lt;")))
}

/// The wizard page at `step` for a new draft, as the server shows it.
pub fn wizard_at(model: &WizardModel, draft: &PlanAnswers, step: Step, team: Option<(String, String)>) -> Page {
    Page::Wizard(crate::wizard_view::view(model, draft, step, StepErrors::None, team, false))
}

/// The first step of a new draft.
pub fn wizard(team: Option<(String, String)>) -> Page {
    let model = wizard_model();
    let draft = model.new_draft();
    wizard_at(&model, &draft, Step::Section(0), team)
}

fn decision(anonymous: bool) -> DecisionInfo {
    DecisionInfo {
        id: "Dec1s10nId01".into(),
        title: TITLE.into(),
        context_html: "<p>We must pick <strong>one</strong> stack.</p>".into(),
        anonymous,
        closed: false,
        revision: 7,
        workloads: vec![],
    }
}

/// A team decision two of three members answered: the start-up and the
/// on-premises start-up, so the team disagrees about compliance.
pub fn team_view() -> TeamView {
    let q = questionnaire();
    let given = [answers(&q, STARTUP), answers(&q, &on_premises())];
    let team = assess_team(&q, &given).expect("two members answered");
    let snapshot = ResultSnapshot::new(&q, team.assessment.clone());
    let headline = |a: &Answers| assess(&q, a).unwrap().recommendation.headline;
    TeamView {
        decision: decision(false),
        member_url: format!("{BASE}/t/Dec1s10nId01"),
        me: Some(Me { name: OTHER.into(), private_url: Some(format!("{BASE}/t/Dec1s10nId01/m/Memb3r0000b2?k=secret")), submitted: true }),
        joining: Joining::Open,
        members: vec![
            MemberRow { name: NAME.into(), result_id: Some("Fx7rEsUlt0a1".into()), answered: true, headline: Some(headline(&given[0])) },
            MemberRow { name: OTHER.into(), result_id: Some("Fx7rEsUlt0b2".into()), answered: true, headline: Some(headline(&given[1])) },
            MemberRow { name: "Grace".into(), result_id: None, answered: false, headline: None },
        ],
        max_members: 12,
        weak_anonymity: false,
        team: Some(team),
        snapshot: Some(snapshot),
        join_error: None,
        you_slot: None,
        plan: None,
        lifecycle: lifecycle(),
    }
}

/// An accepted decision a recorded fact made due for review, superseding another.
pub fn lifecycle() -> LifecycleView {
    LifecycleView {
        status: Status::Accepted,
        status_at: Some("2026-03-04T05:06:07Z".into()),
        review_by: Some("2027-03-04".into()),
        review_due: true,
        review_reason: Some("a recorded fact (compliance = on_premises) changes the recommendation".into()),
        superseded_by: vec![],
        supersedes: vec![LinkView { id: "Dec1s10nId00".into(), title: TITLE.into(), url: format!("{BASE}/t/Dec1s10nId00") }],
        facts: vec![FactView {
            at: "2026-03-05T05:06:07Z".into(),
            facts: vec![("compliance".into(), "on_premises".into())],
            described: vec!["What compliance rules apply? Data and processing must stay on hardware we operate".into()],
            changes: vec![
                OutcomeChange { subject: "Organisation".into(), before: Some("Monolith".into()), after: Some("Monolith".into()) },
                OutcomeChange { subject: "Execution".into(), before: Some("Serverless functions".into()), after: Some("Self-managed servers".into()) },
            ],
            triggered: true,
        }],
    }
}

pub fn team_page() -> Page {
    Page::Team(team_view())
}

pub fn owner_page() -> Page {
    Page::TeamOwner(OwnerView {
        decision: decision(false),
        member_url: format!("{BASE}/t/Dec1s10nId01"),
        owner_url: Some(format!("{BASE}/t/Dec1s10nId01/owner?k=0wnerT0ken")),
        invite: InviteView::Link(format!("{BASE}/t/Dec1s10nId01/invite?k=1nv1te")),
        members: vec![
            OwnerMemberRow { id: "Memb3r0000a1".into(), name: NAME.into(), identity: Some(OTHER.into()), answered: true },
            OwnerMemberRow { id: "Memb3r0000b2".into(), name: "Grace".into(), identity: None, answered: false },
        ],
        history: vec![("2026-03-04T05:06:07Z".into(), format!("{NAME} joined"))],
        error: Some(format!("“{TITLE}” could not be renamed")),
        kinds: wizard_model().kinds.iter().map(|k| (k.id.clone(), k.label.clone())).collect(),
        workloads_locked: false,
        log: Some(crate::decision_log::LogSettingsView { listed: true, tags: "platform\ncheckout".into() }),
        webhook: WebhookView {
            allowed: vec!["https://hooks.example.com/".into()],
            url: Some(format!("https://hooks.example.com/{TITLE}")),
            secret: Some("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into()),
            log: vec![DeliveryRow {
                at: "2026-03-04T05:06:07Z".into(),
                event: "decision.review_due (evt_Ev3nt0000001)".into(),
                outcome: format!("HTTP 500: {NAME}"),
                next: "next try 2026-03-04 05:06:17 UTC".into(),
            }],
        },
        lifecycle: lifecycle(),
        fact_questions: vec![("teams".into(), "How many teams?".into(), vec![("one".into(), "One".into()), ("many".into(), "Four or more".into())])],
    })
}

/// A decision log page: people's titles, names and tags, one anonymous row.
pub fn decision_log_page() -> Page {
    use crate::decision_log::{DecisionLogView, LogFilterView, LogRow};
    let row = |id: &str, title: &str, owner: Option<&str>, anonymous: bool| LogRow {
        id: id.into(),
        title: title.into(),
        status: "accepted".into(),
        status_label: "Accepted".into(),
        review_by: Some("2026-01-31".into()),
        review_due: anonymous,
        anonymous,
        owner: owner.map(str::to_string),
        tags: vec![OTHER.into(), "platform".into()],
    };
    Page::DecisionLog(DecisionLogView {
        rows: vec![row("Dec1s10nId01", TITLE, Some(NAME), false), row("Dec1s10nId02", "Queue workers", None, true)],
        filter: LogFilterView { q: TITLE.into(), status: "accepted".into(), tag: OTHER.into(), sort: "due".into() },
        statuses: vec![("proposed".into(), "Proposed".into()), ("accepted".into(), "Accepted".into())],
        page: 2,
        previous: Some("/decisions?page=1".into()),
        next: Some("/decisions?page=3".into()),
        feed: "/decisions.atom?status=accepted&sort=due".into(),
    })
}

pub fn new_decision_page() -> Page {
    Page::TeamNew(NewDecisionForm {
        title: TITLE.into(),
        context: CONTEXT.into(),
        anonymous: true,
        errors: vec![format!("“{TITLE}” is too long")],
    })
}

pub fn message_page() -> Page {
    Page::Message { title: TITLE.into(), body: format!("{NAME} left."), link: Some(("/t/new".into(), "Start another".into())) }
}

pub fn confirm_page() -> Page {
    Page::Confirm(Confirm { title: format!("Join “{TITLE}”?"), body: "Joining keeps a cookie.".into(), action: "/t/Dec1s10nId01/join".into(), button: "Join".into() })
}

pub fn not_found_page() -> Page {
    Page::NotFound { path: "/<script>alert('path')</script>".into() }
}

/// Every page type, named, with the fixture each test renders.
pub fn every_page() -> Vec<(&'static str, Page)> {
    vec![
        ("home", home()),
        ("guide index", Page::GuideIndex { pages: guide_links() }),
        ("guide page", guide_page()),
        ("wizard", wizard(None)),
        ("wizard review", { let m = wizard_model(); let d = m.new_draft(); wizard_at(&m, &d, Step::Review, None) }),
        ("result", result_page(STARTUP)),
        ("result with exclusions", result_page(&on_premises())),
        ("new team decision", new_decision_page()),
        ("team", team_page()),
        ("team owner", owner_page()),
        ("message", message_page()),
        ("confirm", confirm_page()),
        ("not found", not_found_page()),
        ("decision log", decision_log_page()),
    ]
}

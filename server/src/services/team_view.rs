//! What the team pages, the live view, the ADR and the JSON show of a decision,
//! computed in one place from storage and the engine. Anonymity is applied
//! here, once: every output takes member rows from here. The part that is the
//! same for every visitor is kept per decision revision: every change to a
//! decision bumps its revision, so a kept view is never stale.

use super::{membership, team_plan_rows, ServiceError};
use crate::db::{Decision, LinkedDecision};
use app::lifecycle::{FactView, LinkView, LifecycleView};
use crate::state::AppState;
use crate::text;
use crate::visitor::Visitor;
use app::team::{DecisionInfo, InviteView, Joining, Me, MemberRow, OwnerMemberRow, OwnerView, TeamData, TeamView};
use crossroads_domain::{assess_team, ResultSnapshot};
use sha2::{Digest, Sha256};
use std::sync::Arc;


pub fn info(decision: &Decision) -> DecisionInfo {
    DecisionInfo {
        id: decision.id.clone(),
        title: decision.title.clone(),
        context_html: if decision.context.is_empty() { String::new() } else { text::render_user_markdown(&decision.context) },
        anonymous: decision.anonymous,
        closed: decision.closed,
        revision: decision.revision,
        workloads: decision.workloads.clone().unwrap_or_default(),
    }
}

/// A stable, unguessable order for anonymous decisions: join order would tell
/// who is who to anyone who saw people join, and an order derived from what
/// viewers see (member ids are on the owner's page) could be recomputed. The
/// decision's secret salt is never shown.
fn shuffle_key(salt: &str, member: &str) -> Vec<u8> {
    Sha256::digest(format!("{salt}:{member}").as_bytes()).to_vec()
}

/// The members, their results and the team assessment, for this revision.
pub async fn data(state: &AppState, decision: &Decision) -> Result<Arc<TeamData>, ServiceError> {
    let key = (decision.id.clone(), decision.revision);
    if let Some(kept) = state.teams.get(&key) {
        return Ok(kept);
    }
    let mut members = state.db.members_with_results(&decision.id).await?;
    if decision.anonymous {
        members.sort_by_cached_key(|(m, _)| shuffle_key(decision.anonymity_salt(), &m.id));
    }
    let questionnaire = &state.content.questionnaire;
    let (mut answers, mut plans) = (Vec::new(), Vec::new());
    let rows = members
        .iter()
        .enumerate()
        .map(|(position, (member, result))| {
            if let Some(r) = result {
                answers.push(r.snapshot.assessment.answers.clone());
                plans.push(r.snapshot.plan_answers(questionnaire));
            }
            MemberRow {
                name: if decision.anonymous { format!("Member {}", position + 1) } else { member.name.clone() },
                result_id: if decision.anonymous { None } else { result.as_ref().map(|r| r.id.clone()) },
                answered: result.is_some(),
                headline: result.as_ref().map(|r| r.snapshot.assessment.recommendation.headline.clone()),
            }
        })
        .collect();
    // Without workloads set, exactly the flat combination decisions always had.
    let (team, snapshot, plan) = match &decision.workloads {
        None => {
            let team = assess_team(questionnaire, &answers);
            let snapshot = team.as_ref().map(|t| ResultSnapshot::new(questionnaire, t.assessment.clone()));
            (team, snapshot, None)
        }
        Some(workloads) => match team_plan_rows::assess(questionnaire, workloads, &plans) {
            Some((team, snapshot, plan)) => (Some(team), Some(snapshot), Some(plan)),
            None => (None, None, None),
        },
    };
    let data = Arc::new(TeamData { members: rows, answered: answers.len(), team, snapshot, plan });
    state.teams.put(key, data.clone());
    Ok(data)
}

/// Everything the team page shows; `headers` identify the visitor.
pub async fn team_view(state: &AppState, decision: &Decision, visitor: &Visitor) -> Result<TeamView, ServiceError> {
    let data = data(state, decision).await?;
    let base = state.config.base_url();
    let me = membership::me(state, visitor, decision).await?;
    let joining = if decision.closed {
        Joining::Closed
    } else if data.members.len() >= state.config.max_members {
        Joining::Full
    } else if let Some(identity) = &visitor.identity {
        Joining::AsSignedIn { name: membership::signed_in_name(identity) }
    } else if membership::holds_invite(visitor, decision) {
        Joining::Open
    } else {
        Joining::NeedsInvite
    };
    Ok(TeamView {
        decision: info(decision),
        member_url: format!("{base}/t/{}", decision.id),
        me: me.map(|(m, token)| Me {
            private_url: token.map(|token| format!("{base}/t/{}/m/{}/{token}", decision.id, m.id)),
            submitted: m.assessment_id.is_some(),
            name: m.name,
        }),
        joining,
        members: data.members.clone(),
        max_members: state.config.max_members,
        weak_anonymity: decision.anonymous && data.answered < 3,
        team: data.team.clone(),
        snapshot: data.snapshot.clone(),
        plan: data.plan.clone(),
        join_error: None,
        lifecycle: lifecycle(state, decision).await?,
        you_slot: None,
    })
}

/// The owner's page. `owner_token` is the token this browser holds, if any.
pub async fn owner_view(state: &AppState, decision: &Decision, owner_token: Option<&str>, error: Option<String>) -> Result<OwnerView, ServiceError> {
    let base = state.config.base_url();
    let members = state.db.members_with_results(&decision.id).await?;
    let workloads_locked = members.iter().any(|(_, result)| result.is_some());
    let history = state.db.events(&decision.id).await?.into_iter().map(|e| (e.at, e.action)).collect();
    Ok(OwnerView {
        decision: info(decision),
        member_url: format!("{base}/t/{}", decision.id),
        owner_url: owner_token.map(|token| format!("{base}/t/{}/owner/{token}", decision.id)),
        invite: if state.sign_in.is_on() {
            InviteView::SignIn
        } else {
            match owner_token.and_then(|token| decision.invite_for(token)) {
                Some(invite) => InviteView::Link(format!("{base}/t/{}/i/{invite}", decision.id)),
                None => InviteView::Hidden,
            }
        },
        // The owner sees names even in anonymous mode: they must be able to
        // tell a real member from a stuffed one to remove it.
        members: members
            .into_iter()
            .map(|(m, result)| OwnerMemberRow { id: m.id, name: m.name, identity: m.identity, answered: result.is_some() })
            .collect(),
        history,
        error,
        kinds: state.content.wizard.kinds.iter().map(|k| (k.id.clone(), k.label.clone())).collect(),
        workloads_locked,
        log: super::decision_log::owner_settings(state, &decision.id).await?,
        webhook: crate::services::webhooks::view(state, &decision.id).await?,
        lifecycle: lifecycle(state, decision).await?,
        fact_questions: state
            .content
            .questionnaire
            .questions
            .iter()
            .map(|q| (q.id.clone(), q.prompt.clone(), q.options.iter().map(|o| (o.id.clone(), o.label.clone())).collect()))
            .collect(),
    })
}

/// The decision over time: its status, both directions of its supersede
/// links, its review date and the facts recorded about it.
pub async fn lifecycle(state: &AppState, decision: &Decision) -> Result<LifecycleView, ServiceError> {
    let base = state.config.base_url();
    let links = state.db.links(&decision.id).await?;
    let link = |l: LinkedDecision| LinkView { url: format!("{base}/t/{}", l.id), id: l.id, title: l.title };
    let questionnaire = &state.content.questionnaire;
    let describe = |question: &str, option: &str| match questionnaire.question(question) {
        Some(q) => format!("{} {}", q.prompt, q.option(option).map_or(option, |o| o.label.as_str())),
        None => format!("{question} = {option}"),
    };
    let facts = state
        .db
        .facts(&decision.id)
        .await?
        .into_iter()
        .map(|f| FactView {
            described: f.facts.iter().map(|(q, o)| describe(q, o)).collect(),
            at: f.at,
            facts: f.facts,
            changes: f.changes,
            triggered: f.triggered,
        })
        .collect();
    Ok(LifecycleView {
        status: decision.status,
        status_at: decision.status_at.clone(),
        review_by: decision.review_by.clone(),
        review_due: decision.review_due,
        review_reason: decision.review_reason.clone(),
        superseded_by: links.superseded_by.into_iter().map(link).collect(),
        supersedes: links.supersedes.into_iter().map(link).collect(),
        facts,
    })
}

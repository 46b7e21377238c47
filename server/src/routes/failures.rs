//! Every service failure as the answer people see: the one place for each
//! text. (Storage failures become 503 or 507 in `http/error.rs`.)

use crate::http::error::FieldProblem;
use crate::http::AppError;
use crate::services::ServiceError;

impl From<ServiceError> for AppError {
    fn from(error: ServiceError) -> AppError {
        match error {
            ServiceError::Storage(e) => e.into(),
            ServiceError::NoResult(id) => AppError::NotFound(format!("There is no result “{id}”.")),
            ServiceError::ResultGone(id) => AppError::Gone(format!("The result “{id}” was deleted by the person who created it.")),
            ServiceError::NotCreator => AppError::Forbidden(
                "Only the result's creator may delete it: the browser that created it, or an API client with its delete token \
                 (sent as a bearer token)."
                    .into(),
            ),
            ServiceError::NoDecision(id) => AppError::NotFound(format!("There is no team decision “{id}”.")),
            ServiceError::Closed { id, title } => AppError::Conflict {
                title: "This decision is closed".into(),
                detail: format!("“{title}” accepts no new or changed answers. Your answers are kept in this browser."),
                link: Some((format!("/t/{id}"), "Back to the team page".into())),
            },
            ServiceError::ClosedMeanwhile { title, kept } => AppError::Conflict {
                title: "This decision closed before your answers arrived".into(),
                detail: format!("“{title}” accepts no more answers. Your answers are kept as a result of your own."),
                link: Some((format!("/r/{kept}"), "Open your result".into())),
            },
            ServiceError::NoLongerMember { kept } => AppError::Conflict {
                title: "You are no longer a member of this decision".into(),
                detail: "The owner removed you, or deleted the decision. Your answers are kept as a result of your own.".into(),
                link: Some((format!("/r/{kept}"), "Open your result".into())),
            },
            ServiceError::NotOwner => AppError::Forbidden(
                "Only the decision's owner may do this. Open the owner link in this browser (a replaced link no longer works).".into(),
            ),
            ServiceError::WorkloadsAnswered { id } => AppError::Conflict {
                title: "The workloads are fixed now".into(),
                detail: "A member has already answered for the current workloads, so they can no longer change: answers for other \
                         workloads would not combine. Start a new decision to ask about other workloads."
                    .into(),
                link: Some((format!("/t/{id}/owner"), "Back to the owner controls".into())),
            },
            ServiceError::OtherWorkloads { id } => AppError::Conflict {
                title: "These answers are not for this decision's workloads".into(),
                detail: "The decision's owner set the workloads every member answers for (they may have changed them since you \
                         started). Start answering again from the team page: your answers are kept where the workloads match."
                    .into(),
                link: Some((format!("/t/{id}"), "Back to the team page".into())),
            },
            // As if there were no such page: a log that is off is not announced.
            ServiceError::LogHidden => AppError::NotFound("There is no page at this address.".into()),
            ServiceError::BadLogQuery(detail) => AppError::BadRequest { title: "This list cannot be shown".into(), detail },
            ServiceError::WebhookRefused(reason) => AppError::invalid("Webhook address refused", format!("Nothing was changed: {reason}.")),
            ServiceError::NotResultCreator => AppError::Forbidden(
                "Only the person who created this result may make it a decision: the browser that created it, or the person signed in \
                 who did."
                    .into(),
            ),
            ServiceError::BadTitle(message) => AppError::invalid("Not a title", message),
            ServiceError::NotAllowed { id, reason } => AppError::Conflict {
                title: "This change is not allowed".into(),
                detail: format!("{}.", capitalised(&reason)),
                link: Some((format!("/t/{id}/owner"), "Back to the owner controls".into())),
            },
            ServiceError::LinkRefused(reason) => AppError::invalid("Not linked", format!("{}. Nothing was changed.", capitalised(&reason))),
            ServiceError::BadFacts(problems) => AppError::Invalid {
                title: "Facts not recorded".into(),
                detail: format!(
                    "{}. Each fact names a question id and one of its option ids (see GET /api/v1/questionnaire). Nothing was recorded.",
                    capitalised(&problems.iter().map(|(_, message)| message.as_str()).collect::<Vec<_>>().join("; "))
                ),
                fields: problems
                    .into_iter()
                    .map(|(field, message)| FieldProblem { field, kind: "unknown_fact".into(), message })
                    .collect(),
            },
            ServiceError::BadDate(text) => {
                AppError::invalid("Not a date", format!("“{text}” is not a date: write it as YYYY-MM-DD, say 2027-03-31. Nothing was changed."))
            }
            ServiceError::Drawing(message) => AppError::Unavailable(message),
        }
    }
}

/// A reason from the rules, as the start of a sentence.
fn capitalised(reason: &str) -> String {
    let mut chars = reason.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

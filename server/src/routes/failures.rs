//! Every service failure as the answer people see: the one place for each
//! text. (Storage failures become 503 or 507 in `http/error.rs`.)

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
            ServiceError::Drawing(message) => AppError::Unavailable(message),
        }
    }
}

//! One error type for every handler. A handler returns `Result<_, AppError>`
//! and uses `?`; the failure becomes the same answer wherever it happens: problem
//! details (RFC 9457) under `/api/`, a short HTML page everywhere else.
//!
//! `AppError` turns into a response that carries the failure as an extension;
//! [`render_failures`], a layer around the router, gives it its body, because
//! only there is the request's path (and the state to render a page) at hand.

use super::render::Renderer;
use crate::db::StorageError;
use app::Page;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;
use utoipa::ToSchema;

/// Seconds a client should wait before retrying after a 503.
const RETRY_AFTER_SECS: u64 = 5;
/// After a 507: someone has to free space first.
const OUT_OF_STORAGE_RETRY_SECS: u64 = 60;

#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    /// Nothing at this address; the text is shown to API clients.
    #[error("not found: {0}")]
    NotFound(String),
    /// The request cannot be read at all (malformed JSON, for example).
    #[error("{title}: {detail}")]
    BadRequest { title: String, detail: String },
    /// The request was read but is not acceptable; one entry per field at fault.
    #[error("{title}: {detail}")]
    Invalid { title: String, detail: String, fields: Vec<FieldProblem> },
    /// Nobody is signed in (sign-in by the proxy is on).
    #[error("unauthorised: {0}")]
    Unauthorised(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// It was here and was removed on purpose (a result its creator deleted).
    #[error("gone: {0}")]
    Gone(String),
    /// The request conflicts with the current state (a closed or full decision).
    #[error("{title}: {detail}")]
    Conflict { title: String, detail: String, link: Option<(String, String)> },
    #[error("too many requests; retry in {0} s")]
    TooManyRequests(u64),
    /// Our side could not answer in time (storage, a slow request): try again.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// The disk holding the data is full: nothing was saved; try again later.
    #[error("out of storage")]
    OutOfStorage,
}

impl AppError {
    pub fn invalid(title: &str, detail: impl Into<String>) -> AppError {
        AppError::Invalid { title: title.into(), detail: detail.into(), fields: Vec::new() }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthorised(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::Gone(_) => StatusCode::GONE,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::OutOfStorage => StatusCode::INSUFFICIENT_STORAGE,
        }
    }

    fn title(&self) -> &str {
        match self {
            AppError::NotFound(_) => "Not found",
            AppError::BadRequest { title, .. } | AppError::Invalid { title, .. } | AppError::Conflict { title, .. } => title,
            AppError::Unauthorised(_) => "Sign in first",
            AppError::Forbidden(_) => "Not allowed",
            AppError::Gone(_) => "Deleted",
            AppError::TooManyRequests(_) => "Too many changes",
            AppError::Unavailable(_) => "Try again in a moment",
            AppError::OutOfStorage => "Out of storage space",
        }
    }

    fn detail(&self) -> String {
        match self {
            AppError::NotFound(detail)
            | AppError::Unauthorised(detail)
            | AppError::Forbidden(detail)
            | AppError::Gone(detail)
            | AppError::Unavailable(detail) => detail.clone(),
            AppError::BadRequest { detail, .. } | AppError::Invalid { detail, .. } | AppError::Conflict { detail, .. } => {
                detail.clone()
            }
            AppError::TooManyRequests(wait) => format!("Too many changes from this address; try again in {wait} s."),
            AppError::OutOfStorage => "The server is out of storage space, so nothing could be saved: nothing from this request \
                was stored. Try again later; the people who run this server see the cause in its log."
                .into(),
        }
    }

    fn problem(&self) -> Problem {
        Problem {
            kind: "about:blank".into(),
            title: self.title().to_string(),
            status: self.status().as_u16(),
            detail: self.detail(),
            errors: match self {
                AppError::Invalid { fields, .. } => fields.clone(),
                _ => Vec::new(),
            },
        }
    }
}

/// Storage failures are answered with 503, a full disk with 507; a full
/// disk and a database out of reach are logged by storage, once, not once
/// per refused request.
impl From<StorageError> for AppError {
    fn from(error: StorageError) -> AppError {
        if error.is_full() {
            return AppError::OutOfStorage;
        }
        if error.is_unreachable() {
            return AppError::Unavailable(
                "The database cannot be reached right now, so nothing could be read or saved; nothing was lost. Try again in a \
                 few seconds."
                    .into(),
            );
        }
        tracing::error!(%error, "storage failed");
        AppError::Unavailable("The data could not be read or saved right now; nothing was lost. Try again.".into())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = (self.status(), self.detail()).into_response();
        match &self {
            AppError::TooManyRequests(wait) => {
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*wait));
            }
            AppError::Unavailable(_) => {
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
            }
            AppError::OutOfStorage => {
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(OUT_OF_STORAGE_RETRY_SECS));
            }
            _ => {}
        }
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

/// A problem details object (RFC 9457), with one entry per field at fault.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The question id (the field) at fault.
    pub field: String,
    pub kind: String,
    pub message: String,
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        // Problems echo user input; escape markup characters so no client can
        // mistake the body for HTML.
        let body = serde_json::to_string(&self)
            .unwrap_or_default()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026");
        (status, [(header::CONTENT_TYPE, "application/problem+json")], body).into_response()
    }
}

/// Gives every [`AppError`] response its body: problem+json under `/api/`,
/// an HTML page elsewhere. Other responses pass untouched.
pub async fn render_failures(State(render): State<Renderer>, request: Request, next: Next) -> Response {
    // A Uri clone shares its bytes: no copy of the path on the way through,
    // only when a failure needs it.
    let uri = request.uri().clone();
    let response = next.run(request).await;
    let Some(error) = response.extensions().get::<Arc<AppError>>().cloned() else { return response };
    let path = uri.path().to_string();
    let (parts, _) = response.into_parts();
    let mut answer = if path.starts_with("/api/") {
        error.problem().into_response()
    } else {
        let page = match error.as_ref() {
            AppError::NotFound(_) => Page::NotFound { path: path.clone() },
            AppError::Conflict { title, detail, link } => {
                Page::Message { title: title.clone(), body: detail.clone(), link: link.clone() }
            }
            other => Page::Message { title: other.title().to_string(), body: other.detail(), link: None },
        };
        render.page(page, error.status(), super::responses::request_like(None, &path)).await
    };
    for name in [header::RETRY_AFTER, header::SET_COOKIE] {
        for value in parts.headers.get_all(&name) {
            answer.headers_mut().append(name.clone(), value.clone());
        }
    }
    answer
}

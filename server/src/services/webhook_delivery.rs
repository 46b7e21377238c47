//! Delivers webhooks, apart from requests: a background task turns events in
//! the outbox into deliveries, claims the due ones, sends each signed, and
//! records every attempt. Woken right after a commit that raised events,
//! and polling every few seconds for retries and for other instances' events.
//!
//! A delivery is retried with growing delays for a day (a 2xx answer ends
//! it; a redirect is not followed and counts as a failure), then given up.

use crate::clock;
use crate::db::{self, Claimed, Next, Target};
use crate::services::webhook_body;
use crate::state::AppState;
use crate::webhook_address;
use std::time::Duration;

/// The most one attempt may take; a slower receiver counts as failed.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// While an instance sends, no other takes the delivery for this long: past
/// the attempt's time limit, with room for recording it.
const LEASE_MS: i64 = 60_000;
/// Polled this often for retries that came due and other instances' events.
const POLL: Duration = Duration::from_secs(2);
/// Deliveries claimed and sent together.
const BATCH: i64 = 16;
/// Waits after the 1st, 2nd, ... failed attempt (the last repeats). A
/// delivery whose next try would fall more than a day after it was first due
/// is given up.
const DELAYS_SECS: [i64; 10] = [10, 30, 120, 600, 1_800, 3_600, 7_200, 14_400, 21_600, 28_800];
const GIVE_UP_AFTER_MS: i64 = 24 * 3_600 * 1_000;

/// What comes after a failed attempt, the `attempts`-th (counting it).
pub fn after_failure(attempts: i64, first_at: i64, now_ms: i64) -> Next {
    let index = usize::try_from(attempts.max(1) - 1).unwrap_or(0).min(DELAYS_SECS.len() - 1);
    let next = now_ms + DELAYS_SECS[index] * 1_000;
    if next - first_at > GIVE_UP_AFTER_MS {
        Next::GivenUp
    } else {
        Next::RetryAt(next)
    }
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// Sends webhooks for one instance.
#[derive(Clone)]
pub struct Deliverer {
    state: AppState,
    client: reqwest::Client,
}

/// One attempt's outcome: the status when the receiver answered, else why not.
struct Outcome {
    status: Option<u16>,
    error: Option<String>,
}

impl Deliverer {
    pub fn new(state: &AppState) -> Deliverer {
        // reqwest's rustls uses the process's crypto provider: ring, installed once.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(ATTEMPT_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Crossroads-Webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("an HTTP client without custom certificates builds");
        Deliverer { state: state.clone(), client }
    }

    /// Runs until the process ends.
    pub async fn run(self) {
        loop {
            if let Err(error) = self.deliver_due(now_ms()).await {
                tracing::warn!(%error, "webhook delivery failed for now; trying again shortly");
            }
            tokio::select! {
                _ = db::outbox::raised() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
        }
    }

    /// Dispatches new events, then sends every delivery due at `now_ms`.
    /// Returns how many attempts were made.
    pub async fn deliver_due(&self, now_ms: i64) -> Result<usize, db::StorageError> {
        let server = self.state.settings.webhook.as_ref().map(|hook| hook.url.as_str());
        while self.state.db.dispatch_events(server, now_ms).await? > 0 {}
        let mut made = 0;
        loop {
            let claimed = self.state.db.claim_deliveries(now_ms, now_ms + LEASE_MS, BATCH).await?;
            if claimed.is_empty() {
                return Ok(made);
            }
            made += claimed.len();
            let mut sending = tokio::task::JoinSet::new();
            for delivery in claimed {
                let this = self.clone();
                sending.spawn(async move {
                    let outcome = this.attempt(&delivery).await;
                    (delivery, outcome)
                });
            }
            while let Some(done) = sending.join_next().await {
                let Ok((delivery, outcome)) = done else { continue };
                self.record(&delivery, outcome, now_ms).await?;
            }
        }
    }

    async fn record(&self, delivery: &Claimed, outcome: Outcome, now_ms: i64) -> Result<(), db::StorageError> {
        let delivered = outcome.status.is_some_and(|s| (200..300).contains(&s));
        let next = if delivered { Next::Delivered } else { after_failure(delivery.attempts + 1, delivery.first_at, now_ms) };
        if !delivered {
            let what = outcome.error.clone().unwrap_or_else(|| format!("HTTP {}", outcome.status.unwrap_or_default()));
            tracing::warn!(event = %delivery.event_id, target = delivery.target.name(), %what, ?next, "a webhook was not delivered");
        }
        let at = clock::rfc3339((now_ms / 1000).max(0) as u64);
        self.state.db.record_attempt(delivery, &at, outcome.status, outcome.error.as_deref(), &next).await
    }

    /// Where the delivery goes and its secret, as set now.
    async fn destination(&self, delivery: &Claimed) -> Result<(String, String), String> {
        match delivery.target {
            Target::Server => match &self.state.settings.webhook {
                Some(hook) => Ok((hook.url.to_string(), hook.secret.clone())),
                None => Err("the server's webhook is no longer set".into()),
            },
            Target::Decision => {
                let hook = self.state.db.decision_webhook(&delivery.decision_id).await.map_err(|e| e.to_string())?;
                let hook = hook.ok_or("the decision's webhook was removed")?;
                // The allow list may have changed since the owner set it.
                let allowed = webhook_address::parse(&hook.url).is_ok_and(|url| webhook_address::is_allowed(&url, &self.state.settings.webhook_allow));
                if !allowed {
                    return Err("the address is no longer allowed on this server".into());
                }
                Ok((hook.url, hook.secret))
            }
        }
    }

    async fn attempt(&self, delivery: &Claimed) -> Outcome {
        let failed = |error: String| Outcome { status: None, error: Some(error) };
        let (url, secret) = match self.destination(delivery).await {
            Ok(found) => found,
            Err(error) => return failed(error),
        };
        let title = match self.state.db.decision(&delivery.decision_id).await {
            Ok(Some(decision)) => decision.title,
            Ok(None) => return failed("the decision was deleted".into()),
            Err(error) => return failed(error.to_string()),
        };
        let body = webhook_body::body(delivery, &title, &self.state.config.base_url());
        let timestamp = now_ms() / 1000;
        let signature = match webhook_body::signature(&secret, &delivery.event_id, timestamp, &body) {
            Ok(signature) => signature,
            Err(error) => return failed(format!("cannot sign: {error}")),
        };
        let sent = self
            .client
            .post(&url)
            .header("content-type", "application/json")
            .header("webhook-id", &delivery.event_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await;
        match sent {
            Ok(response) if response.status().is_redirection() => Outcome {
                status: Some(response.status().as_u16()),
                error: Some("answered with a redirect, which is not followed".into()),
            },
            Ok(response) => Outcome { status: Some(response.status().as_u16()), error: None },
            Err(error) if error.is_timeout() => failed(format!("no answer within {} s", ATTEMPT_TIMEOUT.as_secs())),
            Err(error) if error.is_connect() => failed("could not connect".into()),
            Err(error) => failed(error.without_url().to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_grow_and_stop_after_a_day() {
        let start = 1_000_000;
        assert_eq!(after_failure(1, start, start), Next::RetryAt(start + 10_000));
        assert_eq!(after_failure(2, start, start + 10_000), Next::RetryAt(start + 40_000));
        let mut now = start;
        let mut attempts = 0;
        let mut waits = Vec::new();
        while let Next::RetryAt(next) = after_failure(attempts + 1, start, now) {
            waits.push(next - now);
            attempts += 1;
            now = next;
        }
        assert!(waits.windows(2).all(|w| w[0] <= w[1]), "delays never shrink: {waits:?}");
        assert!(now - start <= GIVE_UP_AFTER_MS && now - start > GIVE_UP_AFTER_MS / 2, "retried for most of a day, not more: {attempts} attempts");
    }
}

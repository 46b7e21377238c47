//! A decision's own webhook, set by its owner: only to addresses the server
//! allows (`CROSSROADS_WEBHOOK_ALLOW`), with a secret the server makes and
//! shows to the owner; and what the owner page shows of it.

use crate::services::ServiceError;
use crate::state::AppState;
use crate::webhook_address;
use app::team::{DeliveryRow, WebhookView};
use base64::Engine;

/// Attempts shown on the owner page, newest first.
const LOG_SHOWN: i64 = 50;

/// Sets the decision's webhook to `address` with a new secret, or refuses
/// (nothing stored) with the reason. Returns the secret.
pub async fn set(state: &AppState, decision: &str, address: &str) -> Result<String, ServiceError> {
    let allow = &state.settings.webhook_allow;
    if allow.is_empty() {
        return Err(ServiceError::WebhookRefused("this server sends no decision webhooks (its administrator allows no address)".into()));
    }
    let url = webhook_address::parse(address).map_err(ServiceError::WebhookRefused)?;
    if !webhook_address::is_allowed(&url, allow) {
        let list: Vec<&str> = allow.iter().map(url::Url::as_str).collect();
        return Err(ServiceError::WebhookRefused(format!("{url} is not under an address this server allows ({})", list.join(", "))));
    }
    let secret = new_secret();
    state.db.set_decision_webhook(decision, url.as_str(), &secret).await?;
    Ok(secret)
}

pub async fn remove(state: &AppState, decision: &str) -> Result<bool, ServiceError> {
    Ok(state.db.remove_decision_webhook(decision).await?)
}

/// `whsec_` + base64 of 32 random bytes, as the Standard Webhooks specification writes secrets.
pub fn new_secret() -> String {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).expect("the operating system's random generator works");
    format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(key))
}

/// What the owner page shows: the allowed prefixes, the webhook and its
/// secret, and the latest attempts.
pub async fn view(state: &AppState, decision: &str) -> Result<WebhookView, ServiceError> {
    let hook = state.db.decision_webhook(decision).await?;
    let log = state.db.delivery_log(decision, LOG_SHOWN).await?;
    Ok(WebhookView {
        allowed: state.settings.webhook_allow.iter().map(|u| u.to_string()).collect(),
        url: hook.as_ref().map(|h| h.url.clone()),
        secret: hook.map(|h| h.secret),
        log: log
            .into_iter()
            .map(|a| DeliveryRow {
                at: a.at,
                event: format!("{} ({})", a.kind, a.event_id),
                outcome: match (a.status, a.error) {
                    (Some(status), Some(error)) => format!("HTTP {status}: {error}"),
                    (Some(status), None) => format!("HTTP {status}"),
                    (None, Some(error)) => error,
                    (None, None) => "no answer".into(),
                },
                next: match a.next.as_str() {
                    "delivered" => "delivered".into(),
                    "given up" => "given up".into(),
                    time => format!("next try {}", time.replace('T', " ").replace('Z', " UTC")),
                },
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_are_spec_shaped_and_differ() {
        let (a, b) = (super::new_secret(), super::new_secret());
        assert_ne!(a, b);
        assert_eq!(crate::config::secret_key(&a).unwrap().len(), 32);
    }
}

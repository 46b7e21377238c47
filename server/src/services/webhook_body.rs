//! What a webhook delivery says: the JSON body, with a `text` line chat
//! incoming-webhooks display as is, and its Standard Webhooks signature.

use crate::db::Claimed;
use serde_json::{json, Value};

/// The body of one delivery: the event's type and id, when it was raised,
/// the decision (id, title, link), the event's own data and a line of text.
pub fn body(event: &Claimed, title: &str, base_url: &str) -> String {
    let link = format!("{base_url}/t/{}", event.decision_id);
    let data: Value = serde_json::from_str(&event.data).unwrap_or(Value::Null);
    json!({
        "type": event.kind,
        "id": event.event_id,
        "timestamp": event.raised_at,
        "decision": { "id": event.decision_id, "title": title, "url": link },
        "data": data,
        "text": text(&event.kind, title, &data, &link),
    })
    .to_string()
}

/// One line a chat shows as is. People's text is escaped the way Slack asks
/// (`&`, `<`, `>`), so a title cannot mention `@channel` or forge a link.
pub fn text(kind: &str, title: &str, data: &Value, link: &str) -> String {
    let title = chat_escape(title);
    let field = |names: &[&str]| names.iter().find_map(|n| data.get(*n).and_then(Value::as_str)).map(chat_escape);
    match kind {
        "decision.status_changed" => match field(&["status", "to"]) {
            Some(status) => format!("Decision “{title}” is now {status}: {link}"),
            None => format!("Decision “{title}” changed status: {link}"),
        },
        "decision.trigger_fired" => {
            let why = field(&["reason", "message", "trigger", "fact"]).unwrap_or_else(|| "a recorded fact changed its recommendation".into());
            format!("Decision “{title}” is due for review: {why}. {link}")
        }
        "decision.review_due" => match field(&["review_by"]) {
            Some(date) => format!("Decision “{title}” is due for review: its review date, {date}, has passed. {link}"),
            None => format!("Decision “{title}” is due for review: its review date has passed. {link}"),
        },
        other => format!("Decision “{title}”: {}. {link}", chat_escape(other)),
    }
}

fn chat_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The `webhook-signature` header for `body`: `v1,` + base64 HMAC-SHA256 of
/// `id.timestamp.body` under the secret, by the specification's own crate.
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &str) -> Result<String, String> {
    let signer = standardwebhooks::Webhook::new(secret).map_err(|e| e.to_string())?;
    signer.sign(id, timestamp, body.as_bytes()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_names_the_decision_and_escapes_people_text() {
        let line = text("decision.review_due", "Checkout <!channel> & co", &json!({"review_by": "2027-01-31"}), "https://x/t/abc");
        assert_eq!(line, "Decision “Checkout &lt;!channel&gt; &amp; co” is due for review: its review date, 2027-01-31, has passed. https://x/t/abc");
        assert_eq!(text("decision.status_changed", "A", &json!({"to": "accepted"}), "L"), "Decision “A” is now accepted: L");
        assert!(text("decision.trigger_fired", "A", &json!({}), "L").contains("due for review"));
    }
}

//! The trust holes a security review reproduced, each as an attacker inside
//! the company network would try it: invented client addresses, answers that
//! stay visible after deletion, anonymity the owner could undo, names taken
//! from others, doubled identity headers, planted cookies, look-alike
//! origins, cached secrets, links that set state, stale cards, plain invites.

use crate::support::{accept, answers_json, body_text, content_dir, draft, enc, get, invite_path, post, Jar, TestApp, STARTUP};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::net::SocketAddr;

const PROXY: &str = "127.0.0.2:40000";

fn from(peer: &str, mut request: Request<Body>) -> Request<Body> {
    request.extensions_mut().insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
    request
}

fn api_post(body: serde_json::Value) -> Request<Body> {
    Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string())).unwrap()
}

async fn create_decision(app: &TestApp, title: &str, anonymous: bool) -> (String, Jar) {
    let body = format!("title={}{}", enc(title), if anonymous { "&anonymous=yes" } else { "" });
    let (status, response) = app.send(post("/t", body, &Jar::default())).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mut owner = Jar::default();
    owner.absorb(&response);
    let id = response.headers()[header::LOCATION].to_str().unwrap().split('/').nth(2).unwrap().to_string();
    (id, owner)
}

/// A browser that takes the invite, joins as `name` and submits `answers`;
/// returns its cookies and the id of the result it submitted.
async fn member(app: &TestApp, id: &str, invite: &str, name: &str, answers: &str) -> (Jar, String) {
    let mut jar = Jar::default();
    assert_eq!(accept(app, invite, &mut jar).await, StatusCode::SEE_OTHER);
    let (status, response) = app.send(post(&format!("/t/{id}/join"), format!("name={}", enc(name)), &jar)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{name} joins");
    jar.absorb(&response);
    accept(app, &format!("/t/{id}/answer"), &mut jar).await;
    let (status, response) = app.send(post("/assessments", format!("answers={}", enc(answers)), &jar)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    jar.absorb(&response);
    let members = app.state.db.members_with_results(id).await.unwrap();
    let result = members.iter().find(|(m, _)| m.name == name).and_then(|(m, _)| m.assessment_id.clone()).unwrap();
    (jar, result)
}

// 1. The client address comes from the one header the proxy maintains.
#[tokio::test]
async fn a_forwarded_header_the_proxy_did_not_write_buys_no_fresh_rate_limit() {
    let app = TestApp::with_config(content_dir(), |c| {
        c.write_rate_per_minute = 10;
        c.trusted_proxies = "127.0.0.2".into();
    })
    .await;
    // nginx, as documented, maintains X-Forwarded-For and passes a browser's
    // own Forwarded header through: rotating it must not make new clients.
    let mut limited = 0;
    for n in 0..14 {
        let mut request = from(PROXY, api_post(serde_json::json!({ "answers": answers_json(STARTUP) })));
        request.headers_mut().insert("x-forwarded-for", "198.51.100.1".parse().unwrap());
        request.headers_mut().insert("forwarded", format!("for=203.0.113.{n}").parse().unwrap());
        if app.send_raw(request).await.0 == StatusCode::TOO_MANY_REQUESTS {
            limited += 1;
        }
    }
    assert!(limited >= 1, "fourteen writes from one client at ten a minute: some are refused");
}

#[tokio::test]
async fn with_forwarded_configured_x_forwarded_for_is_ignored() {
    let app = TestApp::with_config(content_dir(), |c| {
        c.write_rate_per_minute = 10;
        c.trusted_proxies = "127.0.0.2".into();
        c.forwarded_header = "Forwarded".into();
    })
    .await;
    let mut limited = 0;
    for n in 0..14 {
        let mut request = from(PROXY, api_post(serde_json::json!({ "answers": answers_json(STARTUP) })));
        request.headers_mut().insert("forwarded", "for=198.51.100.1;proto=https".parse().unwrap());
        request.headers_mut().insert("x-forwarded-for", format!("203.0.113.{n}").parse().unwrap());
        if app.send_raw(request).await.0 == StatusCode::TOO_MANY_REQUESTS {
            limited += 1;
        }
    }
    assert!(limited >= 1);
    let mut c = crossroads_server::config::Config::for_tests(content_dir(), std::path::Path::new("data"));
    c.forwarded_header = "X-Real-IP".into();
    assert!(c.settings().unwrap_err().to_string().contains("CROSSROADS_FORWARDED_HEADER"));
}

// 2. A deleted or purged answer leaves every team view at once.
#[tokio::test]
async fn a_deleted_answer_leaves_the_cached_team_page_json_adr_and_card() {
    let app = TestApp::new().await;
    let (id, owner) = create_decision(&app, "Deletion", false).await;
    let invite = invite_path(&app, &id, &owner).await;
    let (ada, result) = member(&app, &id, &invite, "Ada", &draft(&[("teams", "many")])).await;
    // Every view is rendered (and kept) while Ada's answer counts.
    let (_, page) = app.get(&format!("/t/{id}")).await;
    assert!(page.contains(&format!("/r/{result}")));
    let (_, card_before) = app.get_response(&format!("/t/{id}/card.png")).await;
    let card_before = axum::body::to_bytes(card_before.into_body(), 1 << 22).await.unwrap();
    // Ada deletes her result.
    let (status, _) = app.send(post(&format!("/r/{result}/delete"), "confirm=yes".into(), &ada)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.get(&format!("/t/{id}")).await;
    assert!(!page.contains(&format!("/r/{result}")) && page.contains("Nobody has answered yet"), "the page forgets her answer");
    let (_, live) = app.get(&format!("/t/{id}/live")).await;
    assert!(live.contains("Nobody has answered yet"));
    let (_, json) = app.get(&format!("/api/v1/decisions/{id}")).await;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(json["members"][0]["result_id"].is_null() && json["members"][0]["recommendation"].is_null() && json["team"].is_null(), "{json}");
    let (_, adr) = app.get(&format!("/t/{id}/adr.md")).await;
    assert!(!adr.contains(&result));
    let (_, card_after) = app.get_response(&format!("/t/{id}/card.png")).await;
    let card_after = axum::body::to_bytes(card_after.into_body(), 1 << 22).await.unwrap();
    assert_ne!(card_before, card_after, "the card is drawn again without her answer");
}

#[tokio::test]
async fn a_purged_answer_leaves_the_cached_team_page() {
    let app = TestApp::new().await;
    let (id, owner) = create_decision(&app, "Purge", false).await;
    let invite = invite_path(&app, &id, &owner).await;
    let (_, result) = member(&app, &id, &invite, "Ada", &draft(&[])).await;
    assert_eq!(app.send(post(&format!("/t/{id}/owner"), "action=close".into(), &owner)).await.0, StatusCode::SEE_OTHER);
    let (_, page) = app.get(&format!("/t/{id}")).await;
    assert!(page.contains(&format!("/r/{result}")));
    let removed = app.state.db.purge("2999-01-01T00:00:00Z", false).await.unwrap();
    assert!(removed.contains(&result), "a closed decision's answers expire");
    let (_, page) = app.get(&format!("/t/{id}")).await;
    assert!(!page.contains(&format!("/r/{result}")) && page.contains("Nobody has answered yet"));
}

#[tokio::test]
async fn a_page_that_compares_with_a_deleted_result_forgets_it() {
    let app = TestApp::new().await;
    let create = || async {
        let (_, response) = app.send(api_post(serde_json::json!({ "answers": answers_json(STARTUP) }))).await;
        let json: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
        (json["id"].as_str().unwrap().to_string(), json["delete_token"].as_str().unwrap().to_string())
    };
    let (earlier, token) = create().await;
    let (later, _) = create().await;
    let (_, page) = app.get(&format!("/r/{later}?from={earlier}")).await;
    assert!(page.contains(&format!("/r/{earlier}")), "the comparison links the earlier result");
    let request = Request::delete(format!("/api/v1/assessments/{earlier}")).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap();
    assert_eq!(app.send(request).await.0, StatusCode::NO_CONTENT);
    let (status, page) = app.get(&format!("/r/{later}?from={earlier}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains(&format!("/r/{earlier}")), "the kept page no longer shows the deleted result");
}

// 3. Anonymity the owner cannot undo, and counts that anonymity does not hide.
#[tokio::test]
async fn the_anonymous_order_follows_nothing_a_viewer_sees() {
    let app = TestApp::new().await;
    // Six members whose recommendations differ, so a row's headline tells
    // whose it is. Three decisions: a chance match of one order (1 in 720)
    // cannot repeat three times.
    let variants: [&[(&str, &str)]; 6] = [
        &[],
        &[("compliance", "on_premises")],
        &[("latency", "realtime")],
        &[("lifetime", "experiment")],
        &[("lifetime", "experiment"), ("compliance", "on_premises")],
        &[("lifetime", "experiment"), ("latency", "realtime")],
    ];
    let mut matches = [0; 3];
    for round in 0..3 {
        let (id, owner) = create_decision(&app, &format!("Anonymous order {round}"), true).await;
        let invite = invite_path(&app, &id, &owner).await;
        for (n, changes) in variants.iter().enumerate() {
            member(&app, &id, &invite, &format!("Person {n}"), &draft(changes)).await;
        }
        let rows = app.state.db.members_with_results(&id).await.unwrap();
        let headline = |member: &str| -> String {
            let (_, result) = rows.iter().find(|(m, _)| m.id == member).unwrap();
            result.as_ref().unwrap().snapshot.assessment.recommendation.headline.clone()
        };
        let mut distinct: Vec<String> = rows.iter().map(|(m, _)| headline(&m.id)).collect();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 6, "the six answer sets must give six recommendations: {distinct:?}");
        let (_, page) = app.get(&format!("/t/{id}")).await;
        assert!(page.contains("From the combined answers of 6 members"), "anonymity does not hide how many answered");
        assert!(!page.contains("Not answered yet"));
        // The page's order of headlines, and the orders a viewer could compute
        // from what they see (the owner's page lists member ids).
        let table = &page[page.find("Each member").unwrap()..];
        let mut shown: Vec<(usize, String)> = distinct.iter().map(|h| (table.find(h.as_str()).unwrap(), h.clone())).collect();
        shown.sort();
        let shown: Vec<String> = shown.into_iter().map(|(_, h)| h).collect();
        let ids: Vec<String> = rows.iter().map(|(m, _)| m.id.clone()).collect();
        let order = |mut ids: Vec<String>, key: &dyn Fn(&str) -> Vec<u8>| -> Vec<String> {
            ids.sort_by_cached_key(|m| key(m));
            ids.iter().map(|m| headline(m)).collect()
        };
        let derivable = [
            order(ids.clone(), &|m| Sha256::digest(format!("{id}:{m}").as_bytes()).to_vec()),
            order(ids.clone(), &|m| m.as_bytes().to_vec()),
            ids.iter().map(|m| headline(m)).collect(),
        ];
        for (i, candidate) in derivable.iter().enumerate() {
            if *candidate == shown {
                matches[i] += 1;
            }
        }
    }
    assert!(matches[0] < 3, "the order is the hash of the decision and member ids, which the owner sees");
    assert!(matches[1] < 3, "the order is the member ids' order");
    assert!(matches[2] < 3, "the order is the join order");
}

// 4. With sign-in, the name is the sign-in's; the owner sees who is who.
#[tokio::test]
async fn signed_in_members_cannot_take_another_persons_name() {
    let app = TestApp::with_config(content_dir(), |c| {
        c.trusted_proxies = "127.0.0.2".into();
        c.auth_header = Some("X-Forwarded-Email".into());
        c.auth_name_header = Some("X-Forwarded-User".into());
    })
    .await;
    let as_user = |email: &str, name: &str, request: Request<Body>| {
        let mut request = from(PROXY, request);
        request.headers_mut().insert("x-forwarded-email", email.parse().unwrap());
        request.headers_mut().insert("x-forwarded-user", name.parse().unwrap());
        request
    };
    let none = Jar::default();
    let (_, response) = app.send(as_user("owner@corp", "Owner", post("/t", "title=Names".into(), &none))).await;
    let id = response.headers()[header::LOCATION].to_str().unwrap().split('/').nth(2).unwrap().to_string();
    let (status, _) = app.send(as_user("bob@corp", "Bob", post(&format!("/t/{id}/join"), "name=Alice+Liddell".into(), &none))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = app.send(as_user("alice@corp", "Alice Liddell", post(&format!("/t/{id}/join"), "name=".into(), &none))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the real Alice joins");
    assert_eq!(app.state.db.member_by_identity(&id, "bob@corp").await.unwrap().unwrap().name, "Bob");
    assert_eq!(app.state.db.member_by_identity(&id, "alice@corp").await.unwrap().unwrap().name, "Alice Liddell");
    // Two people whose sign-in gives one name are told apart by identity.
    let (status, _) = app.send(as_user("alice2@corp", "Alice Liddell", post(&format!("/t/{id}/join"), String::new(), &none))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.state.db.member_by_identity(&id, "alice2@corp").await.unwrap().unwrap().name, "Alice Liddell (alice2@corp)");
    let (_, owner_page) = app.send(as_user("owner@corp", "Owner", get(&format!("/t/{id}/owner"), &none))).await;
    let owner_page = body_text(owner_page).await;
    assert!(owner_page.contains("(bob@corp)") && owner_page.contains("(alice@corp)"), "the owner sees the identity behind each name");
}

// 5. Two identity headers: neither is believed.
#[tokio::test]
async fn a_request_with_two_identities_is_refused() {
    let app = TestApp::with_config(content_dir(), |c| {
        c.trusted_proxies = "127.0.0.2".into();
        c.auth_header = Some("X-Forwarded-Email".into());
    })
    .await;
    let mut request = from(PROXY, Request::get("/").body(Body::empty()).unwrap());
    request.headers_mut().append("x-forwarded-email", "ada@corp".parse().unwrap());
    request.headers_mut().append("x-forwarded-email", "mallory@corp".parse().unwrap());
    let (status, response) = app.send_raw(request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body_text(response).await.contains("more than once"));
}

// 6. Under https only the prefixed cookie names count.
#[tokio::test]
async fn under_https_planted_unprefixed_cookies_are_ignored() {
    let app = TestApp::with_config(content_dir(), |c| c.public_url = Some("https://crossroads.test".into())).await;
    let origin = |mut request: Request<Body>| {
        request.headers_mut().insert("origin", "https://crossroads.test".parse().unwrap());
        request
    };
    let (_, response) = app.send_raw(origin(post("/t", "title=Cookies".into(), &Jar::default()))).await;
    let id = response.headers()[header::LOCATION].to_str().unwrap().split('/').nth(2).unwrap().to_string();
    let mut owner = Jar::default();
    owner.absorb(&response);
    let (owner_name, token) = owner.0[0].clone();
    assert!(owner_name.starts_with("__Host-crossroads_owner_"), "{owner_name}");
    let plain = Jar(vec![(owner_name.trim_start_matches("__Host-").to_string(), token.clone())]);
    assert_eq!(app.send_raw(get(&format!("/t/{id}/owner"), &plain)).await.0, StatusCode::FORBIDDEN, "a plain cookie, as plain http or a sibling could plant");
    let secure = Jar(vec![(owner_name.replace("__Host-", "__Secure-"), token.clone())]);
    assert_eq!(app.send_raw(get(&format!("/t/{id}/owner"), &secure)).await.0, StatusCode::FORBIDDEN, "__Secure- for a site-wide cookie");
    assert_eq!(app.send_raw(get(&format!("/t/{id}/owner"), &owner)).await.0, StatusCode::OK);
    // A planted draft does not reach the wizard either.
    let planted = Jar(vec![("crossroads_draft".into(), "stage:grown".into())]);
    let (_, page) = app.send_raw(get("/wizard/situation", &planted)).await;
    assert!(!body_text(page).await.contains("value=\"grown\" checked"), "a planted draft is not read");
}

// 8. Under https, only the public origin may post.
#[tokio::test]
async fn under_https_loopback_origins_are_not_same_site() {
    let app = TestApp::with_config(content_dir(), |c| {
        c.public_url = Some("https://crossroads.test".into());
        c.listen = "127.0.0.1:4321".parse().unwrap();
    })
    .await;
    for origin in ["http://localhost:4321", "http://127.0.0.1:4321", "http://[::1]:4321"] {
        let mut request = post("/t", "title=Origins".into(), &Jar::default());
        request.headers_mut().insert("origin", origin.parse().unwrap());
        assert_eq!(app.send_raw(request).await.0, StatusCode::FORBIDDEN, "{origin}");
    }
    assert_eq!(app.state.db.counts().await.unwrap().decisions, 0);
}

// 9. Pages holding a token or the viewer's own data are kept by no cache.
#[tokio::test]
async fn pages_with_secrets_or_personal_data_are_not_stored_by_caches() {
    let app = TestApp::new().await;
    let (id, owner) = create_decision(&app, "Caching", false).await;
    let invite = invite_path(&app, &id, &owner).await;
    let (ada, result) = member(&app, &id, &invite, "Ada", &draft(&[])).await;
    let cache_control = |response: &axum::http::Response<Body>| {
        response.headers().get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
    };
    for (what, path, jar) in [
        ("owner page", format!("/t/{id}/owner"), &owner),
        ("member's team page", format!("/t/{id}"), &ada),
        ("wizard", "/wizard/situation".to_string(), &ada),
        ("creator's result page", format!("/r/{result}"), &ada),
    ] {
        let (status, response) = app.send(get(&path, jar)).await;
        assert_eq!(status, StatusCode::OK, "{what}");
        assert_eq!(cache_control(&response), "private, no-store", "{what}");
    }
    let (_, response) = app.get_response(&format!("/r/{result}")).await;
    assert!(!cache_control(&response).contains("no-store") && cache_control(&response).contains("no-cache"), "a shared result page may be kept and revalidated");
}

// 14. A link never sets a cookie by itself.
#[tokio::test]
async fn links_ask_before_they_change_what_a_browser_holds() {
    let app = TestApp::new().await;
    let (id, owner) = create_decision(&app, "Links", false).await;
    let invite = invite_path(&app, &id, &owner).await;
    let (ada, _) = member(&app, &id, &invite, "Ada", &draft(&[])).await;
    let (_, team_page) = app.send(get(&format!("/t/{id}"), &ada)).await;
    let team_page = body_text(team_page).await;
    let private = &team_page[team_page.find(&format!("http://crossroads.test/t/{id}/m/")).unwrap() + "http://crossroads.test".len()..];
    let private = private[..private.find('"').unwrap()].to_string();
    let owner_token = &owner.0.iter().find(|(n, _)| n.starts_with("crossroads_owner_")).unwrap().1;
    for link in [invite.clone(), private.clone(), format!("/t/{id}/owner/{owner_token}"), format!("/t/{id}/answer")] {
        let (status, response) = app.send(get(&link, &ada)).await;
        assert_eq!(status, StatusCode::OK, "{link}: a page that asks");
        assert!(response.headers().get(header::SET_COOKIE).is_none(), "{link} set a cookie on a GET");
        let html = body_text(response).await;
        assert!(html.contains(&format!("<form method=\"post\" action=\"{link}\"")), "{link}: the confirmation posts");
    }
    // The POST from another site is refused by the same-site check.
    let mut cross = post(&private, String::new(), &Jar::default());
    cross.headers_mut().insert("origin", "http://evil.test".parse().unwrap());
    assert_eq!(app.send_raw(cross).await.0, StatusCode::FORBIDDEN);
}

// 15. A deleted result's card goes too, and caches are told to ask again.
#[tokio::test]
async fn a_deleted_results_card_answers_410_and_was_never_immutable() {
    let app = TestApp::new().await;
    let (_, response) = app.send(api_post(serde_json::json!({ "answers": answers_json(STARTUP) }))).await;
    let json: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    let (id, token) = (json["id"].as_str().unwrap(), json["delete_token"].as_str().unwrap());
    let (status, response) = app.get_response(&format!("/r/{id}/card.png")).await;
    assert_eq!(status, StatusCode::OK);
    let cache = response.headers()[header::CACHE_CONTROL].to_str().unwrap().to_string();
    assert!(!cache.contains("immutable") && cache.contains("must-revalidate"), "{cache}");
    let request = Request::delete(format!("/api/v1/assessments/{id}")).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap();
    assert_eq!(app.send(request).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.get_response(&format!("/r/{id}/card.png")).await.0, StatusCode::GONE);
}

// 16. The invite is stored like the other tokens.
#[tokio::test]
async fn the_database_holds_no_usable_invite() {
    let app = TestApp::new().await;
    let (id, owner) = create_decision(&app, "Invites", false).await;
    let invite = invite_path(&app, &id, &owner).await;
    let token = invite.rsplit('/').next().unwrap().to_string();
    use sqlx::Connection;
    let mut connection = sqlx::AnyConnection::connect(&app.state.config.database_url).await.unwrap();
    let columns = ["title", "context", "owner_token_hash", "owner_identity", "invite_token", "invite_hash", "invite_sealed", "anon_salt"];
    let row = sqlx::query(&format!("SELECT {} FROM decisions WHERE id = $1", columns.join(", "))).bind(&id).fetch_one(&mut connection).await.unwrap();
    for column in columns {
        if let Some(value) = row.try_get::<Option<String>, _>(column).unwrap() {
            assert!(!value.contains(&token), "{column} holds the invite in plain text");
        }
    }
    // And a browser holding a wrong invite of the right shape gets nowhere.
    let mut guess = Jar::default();
    assert_eq!(accept(&app, &format!("/t/{id}/i/{}", "A".repeat(22)), &mut guess).await, StatusCode::NOT_FOUND);
}

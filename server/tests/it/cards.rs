//! Share cards: PNGs of the right size, drawn from the result, cached, and
//! named in the page's meta tags.

use crate::support::{answers_json, body_text, TestApp, STARTUP};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use resvg::tiny_skia::Pixmap;

async fn png_of(app: &TestApp, path: &str) -> (axum::http::HeaderMap, Vec<u8>) {
    let (status, response) = app.get_response(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    let headers = response.headers().clone();
    (headers, response.into_body().collect().await.unwrap().to_bytes().to_vec())
}

/// The colour at (x, y) as (r, g, b).
fn pixel(image: &Pixmap, x: u32, y: u32) -> (u8, u8, u8) {
    let p = image.pixel(x, y).unwrap().demultiply();
    (p.red(), p.green(), p.blue())
}

/// The middle of a chart cell's upper half on the card, as the card lays the
/// chart out: placed at CHART, scaled to fit its viewBox (3 columns, 3 rows).
fn cell_point(col: u32, row: u32) -> (u32, u32) {
    let chart = app::pages::card::CHART;
    let (cell, left, top) = (135.0, 110.0, 30.0);
    let (view_w, view_h) = (left + cell * 3.0 + 10.0, top + cell * 3.0 + 10.0);
    let scale = f64::min(chart.width as f64 / view_w, chart.height as f64 / view_h);
    let (off_x, off_y) = ((chart.width as f64 - view_w * scale) / 2.0, (chart.height as f64 - view_h * scale) / 2.0);
    let x = chart.x as f64 + off_x + (left + cell * col as f64 + cell / 2.0) * scale;
    let y = chart.y as f64 + off_y + (top + cell * row as f64 + cell / 4.0) * scale;
    (x as u32, y as u32)
}

#[tokio::test]
async fn a_result_card_is_a_1200_by_630_png_that_marks_the_winner() {
    let app = TestApp::new().await;
    let body = serde_json::json!({ "answers": answers_json(STARTUP) }).to_string();
    let request = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap();
    let (_, response) = app.send(request).await;
    let created: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    let id = created["id"].as_str().unwrap();
    let axes = created["result"]["snapshot"]["assessment"]["axes"].as_array().unwrap();
    let position = |axis: &str| {
        let a = axes.iter().find(|a| a["axis"] == axis).unwrap();
        a["scores"].as_array().unwrap().iter().position(|s| s["candidate"] == a["winner"]).unwrap() as u32
    };
    let (col, row) = (position("organisation"), position("execution"));

    let (headers, png) = png_of(&app, &format!("/r/{id}/card.png")).await;
    assert_eq!(headers[header::CONTENT_TYPE], "image/png");
    assert!(headers[header::CACHE_CONTROL].to_str().unwrap().contains("must-revalidate"), "its result may be deleted");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let image = Pixmap::decode_png(&png).unwrap();
    assert_eq!((image.width(), image.height()), (1200, 630));
    // The winner's cell is the accent blue; a cell beside it is not.
    let (wx, wy) = cell_point(col, row);
    assert_eq!(pixel(&image, wx, wy), (0x1f, 0x5f, 0xa8), "the winner's cell at {wx},{wy}");
    let (ox, oy) = cell_point((col + 1) % 3, row);
    assert_ne!(pixel(&image, ox, oy), (0x1f, 0x5f, 0xa8), "another cell at {ox},{oy}");
    // Text was drawn with the shipped font: the title area is not blank.
    let dark = (60..600).flat_map(|x| (170..260).map(move |y| (x, y))).filter(|&(x, y)| pixel(&image, x, y).0 < 80).count();
    assert!(dark > 500, "the headline is drawn ({dark} dark pixels)");

    // Drawn once: the second answer is the same bytes, and a matching ETag gets 304.
    let (again, png_again) = png_of(&app, &format!("/r/{id}/card.png")).await;
    assert_eq!(png, png_again);
    let etag = again[header::ETAG].to_str().unwrap();
    let request = Request::get(format!("/r/{id}/card.png")).header(header::IF_NONE_MATCH, etag).body(Body::empty()).unwrap();
    assert_eq!(app.send(request).await.0, StatusCode::NOT_MODIFIED);

    // The page names the card, absolutely, for link previews.
    let (_, page) = app.get(&format!("/r/{id}")).await;
    assert!(page.contains(&format!(r#"property="og:image" content="http://crossroads.test/r/{id}/card.png""#)), "og:image");
    assert!(page.contains(r#"property="og:image:width" content="1200""#) && page.contains(r#"property="og:image:alt""#));
    assert!(page.contains(r#"name="twitter:card" content="summary_large_image""#));
}

#[tokio::test]
async fn decision_and_guide_cards_exist_and_unknown_ones_do_not() {
    let app = TestApp::new().await;
    let (decision, _) = app.state.db.create_decision("Checkout", "", true, None).await.unwrap();
    let (headers, png) = png_of(&app, &format!("/t/{}/card.png", decision.id)).await;
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(!headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"), "a decision's card changes");
    let before = headers[header::ETAG].clone();
    app.state.db.rename_decision(&decision.id, "Checkout, renamed").await.unwrap();
    let (after, _) = png_of(&app, &format!("/t/{}/card.png", decision.id)).await;
    assert_ne!(after[header::ETAG], before, "a new revision, a new card");
    let (_, png) = png_of(&app, "/guide/cost/card.png").await;
    assert_eq!(Pixmap::decode_png(&png).unwrap().width(), 1200);
    for path in ["/r/AAAAAAAAAAAA/card.png", "/t/AAAAAAAAAAAA/card.png", "/guide/nope/card.png"] {
        assert_eq!(app.get(path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    let (_, page) = app.get("/guide/cost").await;
    assert!(page.contains(r#"content="http://crossroads.test/guide/cost/card.png""#));
}

async fn result_id(app: &TestApp, pairs: &[(&str, &str)]) -> String {
    let body = serde_json::json!({ "answers": answers_json(pairs) }).to_string();
    let request = Request::post("/api/v1/assessments").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap();
    let (status, response) = app.send(request).await;
    assert_eq!(status, StatusCode::CREATED);
    let created: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    created["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_team_card_carries_no_member_name() {
    let app = TestApp::new().await;
    // Names no other text on a card could hold by chance, in a decision that
    // shows them: the team page lists them, the card must not.
    const NAMES: [&str; 3] = ["Zebulon Quartermaine", "Ottoline Vasquez", "Thaddeus Ngata"];
    let (decision, _) = app.state.db.create_decision("Checkout rewrite", "", false, None).await.unwrap();
    for (i, name) in NAMES.iter().enumerate() {
        let crossroads_server::db::Joined::Member(member, _) =
            app.state.db.join(&decision.id, name, None, 10, crossroads_server::text::name_key).await.unwrap()
        else {
            panic!("{name} joined")
        };
        // Two of the three answer.
        if i < 2 {
            let answers: Vec<(&str, &str)> =
                STARTUP.iter().map(|&(q, o)| if i == 1 && q == "teams" { (q, "few") } else { (q, o) }).collect();
            let result = result_id(&app, &answers).await;
            app.state.db.submit(&decision.id, &member.id, &result).await.unwrap();
        }
    }
    let decision = app.state.db.decision(&decision.id).await.unwrap().unwrap();
    let (_, page) = app.get(&format!("/t/{}", decision.id)).await;
    for name in NAMES {
        assert!(page.contains(name), "the team page shows {name}: the names are at hand");
    }

    // The card the route serves is the one drawn from the route's own data ...
    let data = crossroads_server::services::team_view::data(&app.state, &decision).await.unwrap();
    assert_eq!(data.answered, 2);
    let version = app.state.content.questionnaire.version.clone();
    let card = crossroads_server::services::cards::for_team(&decision.title, data.snapshot.as_ref(), data.answered, &version);
    let (_, served) = png_of(&app, &format!("/t/{}/card.png", decision.id)).await;
    assert!(served == crossroads_server::services::cards::png(card.clone()).unwrap(), "the served card is this card");

    // ... and that card shows the team's recommendation, how many answered
    // and the title, and no name, whole or in part.
    let svg = crossroads_server::services::cards::svg(card);
    let text = crate::support::markup_text(&svg);
    let headline = &data.team.as_ref().expect("a team result").assessment.recommendation.headline;
    assert!(text.contains(headline.as_str()), "the combined recommendation “{headline}” in: {text}");
    assert!(text.contains("Team decision · 2 answered"), "{text}");
    assert!(text.contains("Checkout rewrite"), "{text}");
    for word in NAMES.iter().flat_map(|n| n.split(' ')) {
        assert!(!svg.contains(word), "“{word}” is on the card: {text}");
    }
}

/// `png` is a palette PNG (IHDR colour type 3) of at most 25 KB.
pub(crate) fn small_palette_png(png: &[u8], what: &str) {
    assert_eq!(&png[12..16], b"IHDR", "{what}: a PNG");
    assert_eq!(png[25], 3, "{what}: indexed colour");
    assert!(png.len() <= 25 * 1024, "{what}: {} bytes", png.len());
}

#[tokio::test]
async fn every_kind_of_card_is_a_small_palette_png() {
    let app = TestApp::new().await;
    let id = result_id(&app, STARTUP).await;
    let (_, result) = png_of(&app, &format!("/r/{id}/card.png")).await;
    small_palette_png(&result, "result card");
    let (_, _, _, plan) = crate::plan_result::rendered(&app, &crate::plan_result::three_workloads()).await;
    small_palette_png(&plan, "plan card");
    let (decision, _) = app.state.db.create_decision("Checkout", "", true, None).await.unwrap();
    let (_, team) = png_of(&app, &format!("/t/{}/card.png", decision.id)).await;
    small_palette_png(&team, "team card");
    let (_, guide) = png_of(&app, "/guide/cost/card.png").await;
    small_palette_png(&guide, "guide card");
}

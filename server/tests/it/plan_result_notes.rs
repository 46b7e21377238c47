//! What a plan's result says beside its scores: rule-outs kept apart from
//! points (the system's once, each workload's under it), and callers whose
//! users sit through cold starts that add up along a chain.

use crate::plan_result::{between, headings_in_order, html_text, main_of, plan_answers, rendered, three_workloads, SMALL_TEAM, STEADY_API, UPLOAD_HANDLER};
use crate::support::TestApp;

/// Bursty and forgiving on its own, but called by the API while its users wait.
const THUMBNAILS: &[(&str, &str)] = &[
    ("load_shape", "event"), ("waits", "caller"), ("latency", "tolerant"), ("availability", "tolerant"),
    ("state", "stateless"), ("runtime", "mainstream"),
];

#[tokio::test]
async fn a_caller_waiting_on_several_workloads_that_start_cold_is_told_the_delays_add_up() {
    let app = TestApp::new().await;
    let plan = plan_answers(
        SMALL_TEAM,
        &[
            ("Public API", "http-api", STEADY_API),
            ("Thumbnails", "event-handler", THUMBNAILS),
            ("Geo <lookup>", "event-handler", THUMBNAILS),
            ("Upload handler", "event-handler", UPLOAD_HANDLER),
        ],
    );
    let (result, page, adr, _) = rendered(&app, &plan).await;
    let assessment = &result.snapshot.plan.as_ref().unwrap().assessment;
    let on: Vec<&str> = assessment.workloads.iter().map(|w| w.platform.as_deref().unwrap()).collect();
    assert_eq!(on, ["managed-containers", "serverless-functions", "serverless-functions", "serverless-functions"]);

    let main = main_of(&page);
    headings_in_order(&main);
    let section = between(&main, r#"<section aria-labelledby="cold-starts-heading">"#, "</section>");
    let sentence = "“Public API” waits for “Thumbnails” and “Geo <lookup>”, which run on serverless functions: each can start cold, and the delays add up for the people using “Public API”.";
    assert!(section.contains(&html_text(sentence)), "{section}");
    let because = &app.state.content.questionnaire.chains[0].because;
    assert!(section.contains(&html_text(because)), "the engine's reason: {section}");

    // The record counts it among the consequences, names escaped.
    let consequences = between(&adr, "### Consequences", "## Pros and Cons");
    assert!(consequences.contains("* Bad, because “Public API” waits for “Thumbnails” and “Geo &lt;lookup&gt;”"), "{consequences}");

    // Without a caller waiting on them, there is nothing to say.
    let (_, page, adr, _) = rendered(&app, &three_workloads()).await;
    assert!(!page.contains("cold-starts-heading") && !adr.contains("the delays add up"));
}

#[tokio::test]
async fn rule_outs_stand_apart_from_points_plan_wide_ones_once() {
    let app = TestApp::new().await;
    let must_move: Vec<(&str, &str)> = SMALL_TEAM.iter().map(|&(q, o)| if q == "lock_in" { (q, "must_move") } else { (q, o) }).collect();
    let live: Vec<(&str, &str)> = STEADY_API.iter().map(|&(q, o)| if q == "latency" { (q, "realtime") } else { (q, o) }).collect();
    let (result, page, adr, _) = rendered(&app, &plan_answers(&must_move, &[("Public API", "http-api", STEADY_API), ("Live feed", "stateful", &live)])).await;
    let assessment = &result.snapshot.plan.as_ref().unwrap().assessment;
    let everywhere = &assessment.ruled_out_everywhere;
    assert_eq!(everywhere.iter().map(|e| e.candidate.as_str()).collect::<Vec<_>>(), ["serverless-functions"]);
    let main = main_of(&page);

    // The system's rule-out: once, above the table, and pointed to from each workload.
    let reason = html_text(&everywhere[0].by.because);
    assert_eq!(main.matches(&reason).count(), 1, "{reason}");
    let above = between(&main, "<h3>Ruled out for every workload</h3>", r#"<table class="plan-table">"#);
    assert!(above.contains(&reason));
    let table = between(&main, r#"<table class="plan-table">"#, "</table></div>");
    let rows: Vec<&str> = table.split(r#"<tbody class="plan-workload">"#).skip(1).collect();
    for row in &rows {
        assert!(row.contains("Ruled out for every workload: see the reasons above the table."), "{row}");
        assert!(row.contains(r#"<td class="ruled-out">Serverless functions</td>"#), "{row}");
    }

    // The live feed's own rule-out: in its row only, as a rule-out, never a term.
    let realtime = assessment.workloads[1].execution.score("serverless-functions").unwrap();
    let own = realtime.excluded_by.iter().find(|e| !assessment.is_plan_wide(e)).expect("its own rule-out");
    assert!(realtime.terms.iter().all(|t| t.because != own.because));
    let own_reason = format!("<li><strong>Ruled out: </strong>{}", html_text(&own.because));
    assert!(rows[1].contains(&own_reason), "{}", rows[1]);
    assert!(!rows[0].contains(&html_text(&own.because)));
    for terms in rows[1].split(r#"<table class="terms">"#).skip(1) {
        assert!(!terms[..terms.find("</table>").unwrap()].contains(&html_text(&own.because)), "a rule-out is no term");
    }

    // The record keeps them apart too: the system's once, the live feed's under it.
    assert_eq!(adr.matches(&format!("Ruled out, because {}", crossroads_domain::text::lower_first(&everywhere[0].by.because))).count(), 1, "{adr}");
    let live_serverless = between(&adr, "### “Live feed” on serverless functions", "\n### ");
    assert!(live_serverless.contains(&format!("* Ruled out, because {}", crossroads_domain::text::lower_first(&own.because))), "{live_serverless}");
}

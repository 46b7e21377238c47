//! The result on a grid: organisation across, execution down, the winner
//! highlighted and ruled-out cells marked. The same SVG is drawn in the page
//! and, rasterised on the server, in the picture a shared link unfurls with.

use crossroads_domain::{Axis, ResultSnapshot};
use leptos::prelude::*;

/// Where a chart sits when it is drawn inside another SVG (a share card).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub height: i32,
}

/// A sentence saying what the chart shows, for screen readers.
fn describe(snapshot: &ResultSnapshot) -> String {
    let a = &snapshot.assessment;
    let org = a.axis(Axis::Organisation);
    let exe = a.axis(Axis::Execution);
    let out: Vec<String> = org.scores.iter().chain(exe.scores.iter()).filter(|s| s.is_excluded()).map(|s| s.label.clone()).collect();
    format!(
        "Organisation across: {}. Execution down: {}. Recommended: {}. Ruled out: {}.",
        org.scores.iter().map(|s| format!("{} {} points", s.label, s.total)).collect::<Vec<_>>().join(", "),
        exe.scores.iter().map(|s| format!("{} {} points", s.label, s.total)).collect::<Vec<_>>().join(", "),
        a.recommendation.headline,
        if out.is_empty() { "none".to_string() } else { out.join(", ") }
    )
}

/// The chart in the page, with its description for screen readers.
#[component]
pub fn AxisChart(snapshot: ResultSnapshot) -> impl IntoView {
    let description = describe(&snapshot);
    view! {
        <ChartSvg snapshot placement=None/>
        <p class="visually-hidden">{description}</p>
    }
}

/// The chart's SVG alone.
#[component]
pub fn ChartSvg(snapshot: ResultSnapshot, placement: Option<Placement>) -> impl IntoView {
    let a = &snapshot.assessment;
    let org = a.axis(Axis::Organisation).clone();
    let exe = a.axis(Axis::Execution).clone();
    let (cell, left, top) = (135, 110, 30);
    let width = left + cell * org.scores.len() as i32 + 10;
    let height = top + cell * exe.scores.len() as i32 + 10;
    let org_winner = org.winner.clone().unwrap_or_default();
    let exe_winner = exe.winner.clone().unwrap_or_default();
    let description = describe(&snapshot);
    let mut cells = Vec::new();
    for (row, e) in exe.scores.iter().enumerate() {
        for (col, o) in org.scores.iter().enumerate() {
            let x = left + col as i32 * cell;
            let y = top + row as i32 * cell;
            let chosen = o.candidate == org_winner && e.candidate == exe_winner;
            let out = o.is_excluded() || e.is_excluded();
            let class = if chosen { "cell chosen" } else if out { "cell out" } else { "cell" };
            cells.push(view! {
                <g>
                    <rect class=class x=x + 4 y=y + 4 width=cell - 8 height=cell - 8 rx="8"></rect>
                    {chosen.then(|| view! { <text class="cell-label" x=x + cell / 2 y=y + cell / 2 + 5 text-anchor="middle">"Recommended"</text> })}
                    {(out && !chosen).then(|| view! { <text class="cell-out" x=x + cell / 2 y=y + cell / 2 + 5 text-anchor="middle">"ruled out"</text> })}
                </g>
            });
        }
    }
    view! {
        <svg
            class="axis-chart"
            viewBox=format!("0 0 {width} {height}")
            x=placement.map(|p| p.x)
            y=placement.map(|p| p.y)
            width=placement.map(|p| p.width)
            height=placement.map(|p| p.height)
            role="img"
            aria-labelledby="chart-title chart-desc"
        >
            <title id="chart-title">{format!("Recommendation: {}", a.recommendation.headline)}</title>
            <desc id="chart-desc">{description}</desc>
            {org.scores.iter().enumerate().map(|(i, s)| view! {
                <text class="axis-label" x=left + i as i32 * cell + cell / 2 y=top - 10 text-anchor="middle">{short_label(&snapshot, &s.candidate, &s.label)}</text>
            }).collect_view()}
            {exe.scores.iter().enumerate().map(|(i, s)| view! {
                <text class="axis-label" x=left - 8 y=top + i as i32 * cell + cell / 2 + 5 text-anchor="end">{short_label(&snapshot, &s.candidate, &s.label)}</text>
            }).collect_view()}
            {cells}
        </svg>
    }
}

/// The candidate's short label from the questionnaire the result was made with.
fn short_label(snapshot: &ResultSnapshot, candidate: &str, label: &str) -> String {
    snapshot.candidate(candidate).map_or(label, |c| c.short_label()).to_string()
}

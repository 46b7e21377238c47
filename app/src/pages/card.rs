//! The picture a shared link unfurls with: 1200 × 630, light theme, drawn as
//! SVG (with the page's own chart) and rasterised on the server. Readable at
//! 400 px wide, so text is large and short.

use super::chart::{ChartSvg, Placement};
use crossroads_domain::ResultSnapshot;
use leptos::prelude::*;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// Where the chart sits on a card, for anyone who must find its cells.
pub const CHART: Placement = Placement { x: 640, y: 95, width: 520, height: 470 };

/// What one card shows.
#[derive(Clone, Debug, PartialEq)]
pub struct CardView {
    /// Above the title: "Recommendation", "Team decision", "Guide".
    pub eyebrow: String,
    pub title: String,
    /// Smaller lines under the title.
    pub lines: Vec<String>,
    /// At the bottom: the questionnaire version, for instance.
    pub footer: String,
    pub chart: Option<ResultSnapshot>,
}

/// The light theme's colours, as the page's stylesheet has them (the card is
/// drawn without the stylesheet).
const STYLE: &str = "text { font-family: Inter; fill: #1a1d23; } \
    .brand { font-size: 30px; font-weight: 700; fill: #1f5fa8; } \
    .mark { font-size: 34px; font-weight: 700; fill: #ffffff; } \
    .eyebrow { font-size: 26px; font-weight: 700; fill: #4a5363; } \
    .title { font-size: 54px; font-weight: 700; } \
    .line { font-size: 30px; fill: #4a5363; } \
    .footer { font-size: 22px; fill: #4a5363; } \
    .cell { fill: #eef1f5; stroke: #d5dbe3; } \
    .cell.chosen { fill: #1f5fa8; stroke: #174a85; } \
    .cell.out { fill: #fbe3e4; stroke: #a4262c; stroke-dasharray: 4 3; } \
    .axis-label { font-size: 15px; font-weight: 700; } \
    .cell-label { fill: #ffffff; font-size: 15px; font-weight: 700; } \
    .cell-out { fill: #a4262c; font-size: 14px; }";

/// Breaks `text` into lines of at most `width` characters, at spaces, into at
/// most `most` lines (the last one shortened with an ellipsis if needed).
pub fn wrap(text: &str, width: usize, most: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.len() > most {
        lines.truncate(most);
        if let Some(last) = lines.last_mut() {
            let kept: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{}…", kept.trim_end());
        }
    }
    lines
}

#[component]
pub fn Card(card: CardView) -> impl IntoView {
    let text_width = if card.chart.is_some() { 18 } else { 36 };
    let title = wrap(&card.title, text_width, 4);
    let title_end = 200 + 64 * title.len() as i32;
    let lines: Vec<String> = card.lines.iter().flat_map(|l| wrap(l, text_width + 10, 2)).take(4).collect();
    view! {
        <svg xmlns="http://www.w3.org/2000/svg" width=WIDTH height=HEIGHT viewBox=format!("0 0 {WIDTH} {HEIGHT}")>
            <style>{STYLE}</style>
            <rect width=WIDTH height=HEIGHT fill="#ffffff"></rect>
            <rect width=WIDTH height="12" fill="#1f5fa8"></rect>
            <rect x="60" y="50" width="40" height="40" rx="9" fill="#1f5fa8"></rect>
            <text class="mark" x="80" y="81" text-anchor="middle">"×"</text>
            <text class="brand" x="114" y="81">"Crossroads"</text>
            <text class="eyebrow" x="60" y="150">{card.eyebrow}</text>
            {title.into_iter().enumerate().map(|(i, line)| view! {
                <text class="title" x="60" y=210 + 64 * i as i32>{line}</text>
            }).collect_view()}
            {lines.into_iter().enumerate().map(|(i, line)| view! {
                <text class="line" x="60" y=title_end + 10 + 42 * i as i32>{line}</text>
            }).collect_view()}
            <text class="footer" x="60" y="590">{card.footer}</text>
            {card.chart.map(|snapshot| view! { <ChartSvg snapshot placement=Some(CHART)/> })}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn titles_wrap_at_spaces_and_end_with_an_ellipsis_when_too_long() {
        assert_eq!(wrap("Modular monolith on serverless functions", 18, 4), ["Modular monolith", "on serverless", "functions"]);
        let long = wrap(&"word ".repeat(40), 10, 2);
        assert_eq!(long.len(), 2);
        assert!(long[1].ends_with('…'));
    }
}

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
    /// A plan's workloads as (name, platform), drawn under a shorter title
    /// instead of `lines` and the chart; empty for everything else.
    pub rows: Vec<(String, String)>,
}

/// Rows a card draws, at most (a plan has at most eight workloads).
pub const MOST_ROWS: usize = 8;

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
    .cell-out { fill: #a4262c; font-size: 14px; } \
    .row { font-size: 26px; fill: #4a5363; } \
    .row-platform { font-weight: 700; fill: #1a1d23; }";

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

/// How wide a character draws, in widths of an average small Latin letter:
/// East Asian characters and emoji take two, capitals a little more.
fn char_width(c: char) -> f32 {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD);
    if wide { 2.0 } else if c.is_uppercase() { 1.25 } else { 1.0 }
}

/// `text` cut to at most `most` widths of an average small letter, ending
/// with an ellipsis when it was cut.
pub fn shorten(text: &str, most: usize) -> String {
    let most = most as f32;
    if text.chars().map(char_width).sum::<f32>() <= most {
        return text.to_string();
    }
    let mut used = 0.0;
    let kept: String = text
        .chars()
        .take_while(|&c| {
            used += char_width(c);
            used <= most - 1.0
        })
        .collect();
    format!("{}…", kept.trim_end())
}

#[component]
pub fn Card(card: CardView) -> impl IntoView {
    if !card.rows.is_empty() {
        return view! { <PlanCard card/> }.into_any();
    }
    let text_width = if card.chart.is_some() { 18 } else { 36 };
    let title = wrap(&card.title, text_width, 4);
    let title_end = 200 + 64 * title.len() as i32;
    let lines: Vec<String> = card.lines.iter().flat_map(|l| wrap(l, text_width + 10, 2)).take(4).collect();
    view! {
        <svg xmlns="http://www.w3.org/2000/svg" width=WIDTH height=HEIGHT viewBox=format!("0 0 {WIDTH} {HEIGHT}")>
            {frame(card.eyebrow)}
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
    .into_any()
}

/// What every card starts with: the stylesheet, the background, the brand
/// and the eyebrow line above the title.
fn frame(eyebrow: String) -> impl IntoView {
    view! {
        <style>{STYLE}</style>
        <rect width=WIDTH height=HEIGHT fill="#ffffff"></rect>
        <rect width=WIDTH height="12" fill="#1f5fa8"></rect>
        <rect x="60" y="50" width="40" height="40" rx="9" fill="#1f5fa8"></rect>
        <text class="mark" x="80" y="81" text-anchor="middle">"×"</text>
        <text class="brand" x="114" y="81">"Crossroads"</text>
        <text class="eyebrow" x="60" y="150">{eyebrow}</text>
    }
}

/// A plan's card: the headline in at most two lines (one when many rows
/// follow), then one row per workload, "name: platform", each name shortened to fit.
#[component]
fn PlanCard(card: CardView) -> impl IntoView {
    let title = wrap(&card.title, 36, if card.rows.len() > 5 { 1 } else { 2 });
    let rows_start = 210 + 64 * (title.len() as i32 - 1) + 52;
    view! {
        <svg xmlns="http://www.w3.org/2000/svg" width=WIDTH height=HEIGHT viewBox=format!("0 0 {WIDTH} {HEIGHT}")>
            {frame(card.eyebrow)}
            {title.into_iter().enumerate().map(|(i, line)| view! {
                <text class="title" x="60" y=210 + 64 * i as i32>{line}</text>
            }).collect_view()}
            {card.rows.into_iter().take(MOST_ROWS).enumerate().map(|(i, (name, platform))| view! {
                <text class="row" x="60" y=rows_start + 36 * i as i32>
                    {format!("{}: ", shorten(&name, 50))}
                    <tspan class="row-platform">{platform}</tspan>
                </text>
            }).collect_view()}
            <text class="footer" x="60" y="590">{card.footer}</text>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::{shorten, wrap};

    #[test]
    fn titles_wrap_at_spaces_and_end_with_an_ellipsis_when_too_long() {
        assert_eq!(wrap("Modular monolith on serverless functions", 18, 4), ["Modular monolith", "on serverless", "functions"]);
        let long = wrap(&"word ".repeat(40), 10, 2);
        assert_eq!(long.len(), 2);
        assert!(long[1].ends_with('…'));
    }

    #[test]
    fn long_names_are_shortened_with_an_ellipsis_and_wide_characters_count_double() {
        assert_eq!(shorten("Public API", 44), "Public API");
        let long = shorten(&"x".repeat(60), 44);
        assert_eq!(long.chars().count(), 44);
        assert!(long.ends_with('…'));
        let wide = shorten(&"界".repeat(30), 44);
        assert_eq!(wide, format!("{}…", "界".repeat(21)));
        assert_eq!(shorten("<script>alert(\"x\")</script>", 12), "<script>ale…");
    }
}

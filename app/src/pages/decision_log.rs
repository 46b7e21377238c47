//! The decision log: listed decisions with their status, review date, owner
//! and tags; searched, filtered and sorted by a plain GET form.

use crate::decision_log::{DecisionLogView, LogRow};
use leptos::prelude::*;

#[component]
pub fn DecisionLogPage(view: DecisionLogView) -> impl IntoView {
    let filter = view.filter.clone();
    let sorts = [("", "Newest first"), ("due", "Most due for review first")];
    view! {
        <section class="decision-log">
            <h1>"Decision log"</h1>
            <p class="lead">"The team decisions people chose to list, with where each stands."</p>
            <form method="get" action="/decisions" class="log-filter" role="search" aria-label="Decisions">
                <div class="field">
                    <label for="log-q">"Search titles, context and tags"</label>
                    <input id="log-q" name="q" type="search" maxlength="200" value=filter.q.clone()/>
                </div>
                <div class="field">
                    <label for="log-status">"Status"</label>
                    <select id="log-status" name="status">
                        <option value="" selected=filter.status.is_empty()>"Any"</option>
                        {view.statuses.iter().map(|(value, label)| {
                            let selected = *value == filter.status;
                            view! { <option value=value.clone() selected=selected>{label.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="log-tag">"Tag"</label>
                    <input id="log-tag" name="tag" type="text" maxlength="40" value=filter.tag.clone()/>
                </div>
                <div class="field">
                    <label for="log-sort">"Order"</label>
                    <select id="log-sort" name="sort">
                        {sorts.into_iter().map(|(value, label)| view! { <option value=value selected=filter.sort == value>{label}</option> }).collect_view()}
                    </select>
                </div>
                <div class="actions"><button type="submit">"Show"</button></div>
            </form>
            <p><a href=view.feed.clone() type="application/atom+xml">"Follow this list (Atom feed)"</a></p>
            {if view.rows.is_empty() {
                view! { <p class="empty">"No listed decision matches."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="log">
                            <caption class="visually-hidden">{format!("Decisions, page {}", view.page)}</caption>
                            <thead><tr>
                                <th scope="col">"Decision"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Review"</th>
                                <th scope="col">"Owner"</th>
                                <th scope="col">"Tags"</th>
                            </tr></thead>
                            <tbody>{view.rows.into_iter().map(row).collect_view()}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {(view.previous.is_some() || view.next.is_some()).then(|| view! {
                <nav aria-label="Pages" class="pager">
                    {view.previous.map(|href| view! { <a href=href rel="prev">"Newer page"</a> })}
                    " "
                    {view.next.map(|href| view! { <a href=href rel="next">"Older page"</a> })}
                </nav>
            })}
        </section>
    }
}

fn row(row: LogRow) -> impl IntoView {
    let review = match (&row.review_by, row.review_due) {
        (_, true) => view! { <strong class="due">{match &row.review_by { Some(date) => format!("Review due ({date})"), None => "Review due".into() }}</strong> }.into_any(),
        (Some(date), false) => view! { <time datetime=date.clone()>{format!("By {date}")}</time> }.into_any(),
        (None, false) => view! { <span class="meta">"None set"</span> }.into_any(),
    };
    view! {
        <tr>
            <td><a href=format!("/t/{}", row.id)>{row.title}</a></td>
            <td><span class=format!("status status-{}", row.status)>{row.status_label}</span></td>
            <td>{review}</td>
            <td>{match (row.owner, row.anonymous) {
                (Some(name), _) => view! { <span>{name}</span> }.into_any(),
                (None, true) => view! { <span class="meta">"Anonymous"</span> }.into_any(),
                (None, false) => view! { <span class="meta">"Not recorded"</span> }.into_any(),
            }}</td>
            <td>{if row.tags.is_empty() {
                view! { <span class="meta">"None"</span> }.into_any()
            } else {
                view! { <ul class="tags">{row.tags.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> }.into_any()
            }}</td>
        </tr>
    }
}

//! The guide: an index of pages and one page with side navigation and contents.

use crate::content::GuideView;
use crossroads_domain::guide::GuideLink;
use leptos::prelude::*;

#[component]
pub fn GuideIndex(pages: Vec<GuideLink>) -> impl IntoView {
    view! {
        <section class="guide-index">
            <h1>"Guide"</h1>
            <p class="lead">
                "Microservices decide how a system is divided; serverless decides where its code runs. "
                "These pages explain both, what each gives and costs, and how to choose. Every question "
                "of the questionnaire links back here."
            </p>
            <ol class="card-list">
                {pages
                    .into_iter()
                    .map(|p| {
                        view! {
                            <li class="card">
                                <h2><a href=format!("/guide/{}", p.slug)>{p.title}</a></h2>
                                <p>{p.summary}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

#[component]
pub fn GuidePageView(guide: GuideView) -> impl IntoView {
    let GuideView { page, nav, previous, next } = guide;
    let current = page.slug.clone();
    let toc = page.toc.clone();
    view! {
        <div class="guide-layout">
            <nav class="guide-nav" aria-label="Guide pages">
                <p class="nav-title"><a href="/guide">"Guide"</a></p>
                <ol>
                    {nav
                        .into_iter()
                        .map(|l| {
                            let here = l.slug == current;
                            view! {
                                <li>
                                    <a
                                        href=format!("/guide/{}", l.slug)
                                        aria-current=here.then_some("page")
                                    >
                                        {l.title}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
            <article class="guide-article">
                <header>
                    <h1>{page.title.clone()}</h1>
                    <p class="lead">{page.summary.clone()}</p>
                </header>
                {(!toc.is_empty())
                    .then(|| {
                        view! {
                            <nav class="toc" aria-label="On this page">
                                <p class="nav-title">"On this page"</p>
                                <ul>
                                    {toc
                                        .into_iter()
                                        .map(|t| {
                                            view! {
                                                <li class=format!("toc-{}", t.level)>
                                                    <a href=format!("#{}", t.id)>{t.text}</a>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </nav>
                        }
                    })}
                <div class="prose" inner_html=page.html.clone()></div>
                <nav class="pager" aria-label="Previous and next page">
                    {previous
                        .map(|p| {
                            view! {
                                <a class="pager-prev" rel="prev" href=format!("/guide/{}", p.slug)>
                                    <span class="pager-label">"Previous"</span>
                                    <span>{p.title}</span>
                                </a>
                            }
                        })}
                    {next
                        .map(|p| {
                            view! {
                                <a class="pager-next" rel="next" href=format!("/guide/{}", p.slug)>
                                    <span class="pager-label">"Next"</span>
                                    <span>{p.title}</span>
                                </a>
                            }
                        })}
                </nav>
            </article>
        </div>
    }
}

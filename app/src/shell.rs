//! The HTML document around every page.

use crate::controls::{ThemeToggle, PAGE_SCRIPT};
use crate::page::Page;
use crate::pages;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::CustomAttribute;
use leptos_meta::HashedStylesheet;

/// Applies the remembered colour theme before first paint, so nothing flashes.
const THEME_BOOT: &str = "try{var t=localStorage.getItem('theme');if(t==='dark'||t==='light')document.documentElement.dataset.theme=t}catch(e){}";

/// Provided by the server when the decision log is on, for the navigation's
/// link to it (the same for every page of a server, so kept pages stay right).
#[derive(Clone, Copy, Debug, Default)]
pub struct DecisionLogOn(pub bool);

/// Filled by [`shell`] with the nonce it used, so the server can keep a
/// rendered page and give each later copy a fresh nonce.
#[derive(Clone, Default)]
pub struct NonceSlot(pub std::sync::Arc<std::sync::OnceLock<String>>);

/// Renders the whole document for `page`.
/// `viewer` is the signed-in person's name, shown in the header bar.
pub fn shell(options: LeptosOptions, page: Page, base_url: String, viewer: Option<String>) -> impl IntoView {
    let head = page.head(&base_url);
    let feed = page.feed(&base_url);
    // Only the wizard and the team page have islands; every other page loads
    // no wasm, only the small page script below.
    let islands = matches!(page, Page::Wizard(_) | Page::Team(_));
    let nonce = leptos::nonce::use_nonce();
    // The page's Content-Security-Policy admits only scripts carrying this nonce.
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (&nonce, use_context::<leptos_axum::ResponseOptions>()) {
        if let Ok(value) = http::HeaderValue::from_str(&csp(nonce)) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    if let (Some(nonce), Some(slot)) = (&nonce, use_context::<NonceSlot>()) {
        let _ = slot.0.set(String::from(&**nonce));
    }
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <title>{head.title.clone()}</title>
                <meta name="description" content=head.description.clone()/>
                <link rel="canonical" href=head.canonical_url.clone()/>
                {og("og:type", "website".into())}
                {og("og:site_name", "Crossroads".into())}
                {og("og:title", head.title.clone())}
                {og("og:description", head.description.clone())}
                {og("og:url", head.canonical_url.clone())}
                {head.image.clone().map(|image| view! {
                    {og("og:image", image.url)}
                    {og("og:image:width", "1200".into())}
                    {og("og:image:height", "630".into())}
                    {og("og:image:alt", image.alt)}
                })}
                <meta name="twitter:card" content=if head.image.is_some() { "summary_large_image" } else { "summary" }/>
                <meta name="twitter:title" content=head.title/>
                <meta name="twitter:description" content=head.description/>
                {feed.map(|href| view! { <link rel="alternate" type="application/atom+xml" title="Decision log (Atom)" href=href/> })}
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <script nonce=nonce.clone()>{THEME_BOOT}</script>
                <HashedStylesheet options=options.clone() id="crossroads"/>
                {islands.then(|| view! { <HydrationScripts options islands=true/> })}
            </head>
            <body>
                <App page viewer/>
                <script nonce=nonce>{PAGE_SCRIPT}</script>
            </body>
        </html>
    }
}

/// The policy for HTML pages: scripts only with this response's nonce (and the
/// wasm they load), styles only from this site (inline style attributes are used
/// for chart bars), no framing, forms post only here.
pub fn csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// An OpenGraph `<meta property=… content=…>` tag (`property` is not a standard
/// HTML attribute, so it is set as a custom one).
fn og(property: &'static str, content: String) -> impl IntoView {
    leptos::html::meta().attr("property", property).attr("content", content)
}

/// The page frame: skip link, header, main content, footer.
#[component]
pub fn App(page: Page, viewer: Option<String>) -> impl IntoView {
    let decision_log = use_context::<DecisionLogOn>().is_some_and(|on| on.0);
    let content = match page {
        Page::Home { examples, guide, axes } => view! { <pages::home::HomePage examples guide axes/> }.into_any(),
        Page::GuideIndex { pages } => view! { <pages::guide::GuideIndex pages/> }.into_any(),
        Page::Guide(guide) => view! { <pages::guide::GuidePageView guide/> }.into_any(),
        Page::Wizard(view) => view! { <pages::wizard::WizardPage view/> }.into_any(),
        Page::Result(view) => view! { <pages::result::ResultPage view/> }.into_any(),
        Page::TeamNew(form) => view! { <pages::team::NewDecisionPage form/> }.into_any(),
        Page::Team(view) => view! { <pages::team::TeamPage view/> }.into_any(),
        Page::TeamOwner(view) => view! { <pages::team_owner::OwnerPage view/> }.into_any(),
        Page::Message { title, body, link } => view! { <pages::message::MessagePage title body link/> }.into_any(),
        Page::Confirm(confirm) => view! { <pages::message::ConfirmPage confirm/> }.into_any(),
        Page::NotFound { path } => view! { <pages::not_found::NotFound path/> }.into_any(),
        Page::DecisionLog(view) => view! { <pages::decision_log::DecisionLogPage view/> }.into_any(),
    };
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"✕"</span>
                "Crossroads"
            </a>
            <nav aria-label="Main">
                <ul>
                    <li><a href="/guide">"Guide"</a></li>
                    <li><a href="/wizard">"Questionnaire"</a></li>
                    <li><a href="/t/new">"Team decision"</a></li>
                    {decision_log.then(|| view! { <li><a href="/decisions">"Decision log"</a></li> })}
                </ul>
            </nav>
            {viewer.map(|name| view! { <p class="viewer">"Signed in as " <strong>{name}</strong></p> })}
            <ThemeToggle/>
        </header>
        <main id="main" tabindex="-1">{content}</main>
        <footer class="site-footer">
            <p>"Crossroads helps a team decide how to organise and run a system. Self-hosted; your answers stay on this server."</p>
        </footer>
    }
}

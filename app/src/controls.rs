//! Controls that need only a few lines of script, not the wasm bundle: the
//! theme switch, copying a link, printing. They are rendered disabled and
//! [`PAGE_SCRIPT`] (a small inline script carrying the page's nonce) brings
//! them to life, so pages without islands load no wasm at all.

use leptos::prelude::*;

/// Wires the controls below: the theme switch (remembered in localStorage),
/// copy-link buttons (`data-copy`) and print buttons (`data-print`).
pub const PAGE_SCRIPT: &str = "(function(){var d=document,r=d.documentElement;\
function dark(){var t=r.dataset.theme;return t?t==='dark':matchMedia('(prefers-color-scheme: dark)').matches}\
d.querySelectorAll('.theme-toggle').forEach(function(b){var i=b.querySelector('[aria-hidden]');\
function show(){var k=dark();b.setAttribute('aria-pressed',k?'true':'false');i.textContent=k?'\\u263E':'\\u2600'}\
show();b.disabled=false;b.dataset.hydrated='true';b.addEventListener('click',function(){\
var t=dark()?'light':'dark';r.dataset.theme=t;try{localStorage.setItem('theme',t)}catch(e){}show()})});\
d.querySelectorAll('[data-copy]').forEach(function(b){var s=b.closest('.copy-link').querySelector('.copy-status');\
b.disabled=false;b.addEventListener('click',function(){navigator.clipboard.writeText(b.dataset.copy).then(\
function(){s.textContent='Link copied'},function(){s.textContent='Copy failed: select the link and copy it'})})});\
d.querySelectorAll('[data-print]').forEach(function(b){b.disabled=false;b.addEventListener('click',function(){\
d.querySelectorAll('details').forEach(function(x){x.open=true});print()})})})();";

/// Switches between the light and dark theme and remembers the choice. The
/// server renders it disabled; the page script enables it.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    view! {
        <button type="button" class="theme-toggle" disabled aria-pressed="false" data-hydrated="false">
            <span aria-hidden="true">"☀"</span>
            <span class="visually-hidden">"Dark theme"</span>
        </button>
    }
}

/// Copies `url` to the clipboard and says so. Without JavaScript the link is
/// still shown in a read-only field to copy by hand.
#[component]
pub fn CopyLink(url: String) -> impl IntoView {
    view! {
        <div class="copy-link">
            <label for="share-url">"Share link"</label>
            <div class="copy-row">
                <input id="share-url" type="text" readonly value=url.clone()/>
                <button type="button" class="primary" disabled data-copy=url>"Copy link"</button>
            </div>
            <p class="copy-status" role="status" aria-live="polite"></p>
        </div>
    }
}

/// Opens the browser's print dialog, every section open (the page has print styles).
#[component]
pub fn PrintButton() -> impl IntoView {
    view! { <button type="button" class="secondary js-only" disabled data-print>"Print"</button> }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_script_stays_small() {
        assert!(super::PAGE_SCRIPT.len() < 2048, "{} bytes", super::PAGE_SCRIPT.len());
    }
}

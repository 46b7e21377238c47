#![cfg(feature = "ssr")]
//! View tests: every page type rendered from fixtures, without a server, and
//! read for what a person and a browser rely on: people's own text shown as
//! text, landmarks and headings, every score term on a result, no script
//! where none may run, and the wizard's island with its model.

mod fixtures;
mod html;

mod decision_log_page;
mod documents;
mod escaping;
mod result_page;
mod team_pages;
mod wizard_page;

//! Integration tests: the real router, in-process, with throwaway databases.
//! One test binary (one link) for all of them.

mod adapting;
mod api_plan;
mod cards;
mod commands;
mod decision_log;
mod foundation;
mod full_disk;
mod guide;
mod guide_coverage;
mod hardening;
mod originality;
mod journey;
mod lifecycle;
mod kept_results;
mod lookalike;
mod drafts;
mod openapi;
mod openapi_generated;
mod schema_check;
mod personal_pages;
mod pinning;
mod plan_result;
mod plan_result_notes;
mod proxy;
mod removal;
mod scale_out;
mod static_files;
mod support;
mod team;
mod team_trust;
mod team_workloads;
mod trust;
mod webhooks;

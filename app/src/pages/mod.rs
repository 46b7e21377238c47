//! One module per page type.

pub mod card;
pub mod chart;
pub mod decision_log;
pub mod decision_life;
pub mod guide;
pub mod home;
pub mod message;
pub mod not_found;
pub mod plan;
pub mod plan_changes;
pub mod plan_chart;
pub mod plan_cold_starts;
pub mod plan_table;
pub mod result;
pub mod result_parts;
pub mod team;
pub mod team_owner;
pub mod team_plan;
pub mod team_webhook;
pub mod wizard;

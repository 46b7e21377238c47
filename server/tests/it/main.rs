//! Integration tests: the real router, in-process, with throwaway databases.
//! One test binary (one link) for all of them.

mod foundation;
mod guide;
mod guide_coverage;
mod hardening;
mod journey;
mod pinning;
mod proxy;
mod scale_out;
mod support;
mod team;
mod team_trust;

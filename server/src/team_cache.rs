//! Team views kept in memory per (decision, revision): every change to a
//! decision bumps its revision, so a kept view is never stale, and a busy team
//! page costs one query for the decision instead of a full recomputation.

use app::team::MemberRow;
use crossroads_domain::{ResultSnapshot, TeamAssessment};
use lru::LruCache;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};

/// Team views kept at most (one per decision and revision).
const KEPT: NonZeroUsize = NonZeroUsize::new(256).expect("not zero");

/// What every visitor of one revision of a decision sees alike.
pub struct TeamData {
    pub members: Vec<MemberRow>,
    pub answered: usize,
    pub team: Option<TeamAssessment>,
    pub snapshot: Option<ResultSnapshot>,
}

#[derive(Clone)]
pub struct TeamCache(Arc<Mutex<LruCache<(String, i64), Arc<TeamData>>>>);

impl TeamCache {
    pub fn get(&self, key: &(String, i64)) -> Option<Arc<TeamData>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).get(key).cloned()
    }

    pub fn put(&self, key: (String, i64), data: Arc<TeamData>) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).put(key, data);
    }
}

impl Default for TeamCache {
    fn default() -> Self {
        TeamCache(Arc::new(Mutex::new(LruCache::new(KEPT))))
    }
}


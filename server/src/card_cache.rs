//! Share cards kept once drawn, by a key that changes whenever the card would
//! (a result's id, a decision's id and revision, a guide page's slug).

use lru::LruCache;
use std::num::NonZeroUsize;
use axum::body::Bytes;
use std::sync::{Arc, Mutex};

/// Cards kept at most.
const KEPT: NonZeroUsize = NonZeroUsize::new(256).expect("not zero");

#[derive(Clone)]
pub struct CardCache(Arc<Mutex<LruCache<String, Bytes>>>);

impl Default for CardCache {
    fn default() -> Self {
        CardCache(Arc::new(Mutex::new(LruCache::new(KEPT))))
    }
}

impl CardCache {
    pub fn get(&self, key: &str) -> Option<Bytes> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).get(key).cloned()
    }

    pub fn put(&self, key: String, png: Bytes) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).put(key, png);
    }

    pub fn forget(&self, key: &str) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).pop(key);
    }
}


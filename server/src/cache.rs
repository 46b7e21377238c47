//! A bounded map kept in memory and shared by every clone: when full, the
//! entry used least recently makes room. Rendered pages, team views and
//! share cards are each kept in one.

use lru::LruCache;
use std::hash::Hash;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, MutexGuard};

pub struct Cache<K: Hash + Eq, V> {
    entries: Arc<Mutex<LruCache<K, V>>>,
}

impl<K: Hash + Eq, V> Clone for Cache<K, V> {
    fn clone(&self) -> Self {
        Cache { entries: self.entries.clone() }
    }
}

impl<K: Hash + Eq, V: Clone> Cache<K, V> {
    /// A cache of at most `capacity` entries (at least one).
    pub fn new(capacity: usize) -> Self {
        Cache { entries: Arc::new(Mutex::new(LruCache::new(NonZeroUsize::new(capacity).unwrap_or(NonZeroUsize::MIN)))) }
    }

    /// A poisoned lock only means a panic elsewhere while holding it; the
    /// map itself is still whole, so it is used on.
    fn lock(&self) -> MutexGuard<'_, LruCache<K, V>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, key: &K) -> Option<V> {
        self.lock().get(key).cloned()
    }

    pub fn put(&self, key: K, value: V) {
        self.lock().put(key, value);
    }

    pub fn forget(&self, key: &K) {
        self.lock().pop(key);
    }

    /// Drops every entry whose key `matches`.
    pub fn forget_where(&self, matches: impl Fn(&K) -> bool)
    where
        K: Clone,
    {
        let mut entries = self.lock();
        let gone: Vec<K> = entries.iter().filter(|(k, _)| matches(k)).map(|(k, _)| k.clone()).collect();
        for key in gone {
            entries.pop(&key);
        }
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn contains(&self, key: &K) -> bool {
        self.lock().contains(key)
    }
}

#[cfg(test)]
mod tests {
    use super::Cache;

    #[test]
    fn a_full_cache_drops_the_least_recently_used_entry_only() {
        let cache = Cache::new(3);
        for key in ["home", "a", "b"] {
            cache.put(key, ());
        }
        assert!(cache.get(&"home").is_some(), "home is used: now the most recent");
        cache.put("c", ());
        assert!(cache.contains(&"home") && !cache.contains(&"a"), "the least recently used made room");
        assert_eq!(cache.len(), 3);
    }

    #[test]
    fn entries_are_forgotten_by_key_or_by_rule() {
        let cache = Cache::new(10);
        for key in ["result:a:", "result:b:a", "result:b:", "guide:x"] {
            cache.put(key.to_string(), ());
        }
        cache.forget_where(|k| k.starts_with("result:a:") || k.ends_with(":a"));
        assert!(!cache.contains(&"result:a:".to_string()) && !cache.contains(&"result:b:a".to_string()));
        assert!(cache.contains(&"result:b:".to_string()));
        cache.forget(&"guide:x".to_string());
        assert_eq!(cache.len(), 1);
    }
}

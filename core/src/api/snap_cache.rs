//! Resolved snapshots kept per evaluation date, so that an [`Engine`]
//! called once per person does not resolve the whole rule set every time.
//!
//! Resolving a snapshot walks every parameter's timeline (≈ 18 µs for
//! `cn/shaanxi`), ten times the award itself; agencies call the engine one
//! person at a time, mostly with few distinct dates (retirement months).
//! A snapshot is a pure function of (rule set, date, known-on date), so a
//! cached one is the same value as a fresh one.
//!
//! [`Engine`]: super::Engine

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use crate::rules::{RuleSet, Snapshot};

/// How many snapshots are kept; past this the cache starts over (a batch
/// over many months still gains from runs of the same month).
const CAPACITY: usize = 256;

/// (evaluation date, knowledge date) of a snapshot.
type Key = (NaiveDate, Option<NaiveDate>);

/// Snapshots of one rule set by (date, known-on date).
#[derive(Default)]
pub(crate) struct SnapCache {
    map: Mutex<HashMap<Key, Arc<Snapshot>>>,
}

impl SnapCache {
    /// The snapshot of `rules` on `date` as known on `known_on`, resolved
    /// at most once per key.
    pub(crate) fn get(
        &self,
        rules: &RuleSet,
        date: NaiveDate,
        known_on: Option<NaiveDate>,
    ) -> Arc<Snapshot> {
        let key = (date, known_on);
        if let Ok(map) = self.map.lock()
            && let Some(s) = map.get(&key)
        {
            return Arc::clone(s);
        }
        let snap = Arc::new(match known_on {
            Some(k) => rules.at_known(date, k),
            None => rules.at(date),
        });
        if let Ok(mut map) = self.map.lock() {
            if map.len() >= CAPACITY {
                map.clear();
            }
            map.insert(key, Arc::clone(&snap));
        }
        snap
    }

    /// Forget every snapshot (the rule set changed).
    pub(crate) fn clear(&self) {
        if let Ok(mut map) = self.map.lock() {
            map.clear();
        }
    }
}

/// A copy of an engine starts with an empty cache.
impl Clone for SnapCache {
    fn clone(&self) -> Self {
        SnapCache::default()
    }
}

impl std::fmt::Debug for SnapCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.map.lock().map_or(0, |m| m.len());
        write!(f, "SnapCache({n} snapshots)")
    }
}

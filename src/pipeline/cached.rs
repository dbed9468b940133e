//! Judging many messages through the verdict cache: what the cache holds is taken from it, the rest is read,
//! judged and kept. [`records`] serves the CLI (all at once, in parallel); [`super::list_judge`] serves the
//! interface's list, one row at a time from many worker threads.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::cache::{Cache, Key, Want, fingerprint};
use super::judge::{Judgement, judge_file_sized};
use super::places::default_cache_file;
use crate::analysis::Rules;
use crate::model::Record;
use crate::store::Entry;

/// Where and how the cache is used: its file and the fingerprint of the rules judging.
#[derive(Debug, Clone)]
pub struct Place {
    /// The cache file.
    pub path: PathBuf,
    /// The analysis fingerprint.
    pub fingerprint: String,
}

impl Place {
    /// The default cache for these rules; `None` when `enabled` is false (`--no-cache`) or there is no home.
    pub fn default_for(enabled: bool, rules: &Rules, max_message_bytes: u64) -> Option<Place> {
        enabled.then_some(())?;
        Some(Place {
            path: default_cache_file()?,
            fingerprint: fingerprint(rules, max_message_bytes),
        })
    }

    /// The same cache for judgements made under other rules (after the user taught something).
    pub fn with_rules(&self, rules: &Rules, max_message_bytes: u64) -> Place {
        Place {
            path: self.path.clone(),
            fingerprint: fingerprint(rules, max_message_bytes),
        }
    }

    /// Opens it; a cache that cannot be opened is left out (logged), never an error.
    pub fn open(&self) -> Option<Cache> {
        Cache::open(&self.path, &self.fingerprint)
            .map_err(|err| tracing::warn!("{err}; going on without the verdict cache"))
            .ok()
    }
}

/// Judges every entry, in parallel and in their order: from the cache at `place` when it holds them (`want`
/// says whether the records need their signals), else from the file, keeping what was judged.
pub fn records(
    entries: &[Entry],
    rules: &Rules,
    max_bytes: u64,
    place: Option<&Place>,
    want: Want,
) -> Vec<Record> {
    let mut cache = place.and_then(Place::open);
    let keys: Vec<Option<Key>> = match cache {
        Some(_) => entries.par_iter().map(|e| Key::of(&e.path)).collect(),
        None => vec![None; entries.len()],
    };
    let hits = match cache.as_mut() {
        Some(cache) => cache.get(&keys, want),
        None => vec![None; entries.len()],
    };
    let judged: Vec<(Judgement, Option<Key>)> = entries
        .par_iter()
        .zip(hits)
        .zip(&keys)
        .map(|((entry, hit), key)| match hit {
            Some(judgement) => (judgement, None),
            None => judge_for_cache(&entry.path, key.as_ref(), rules, max_bytes),
        })
        .collect();
    if let Some(cache) = cache.as_mut() {
        let fresh: Vec<(Key, &Judgement)> = judged
            .iter()
            .filter_map(|(j, key)| Some((key.clone()?, j)))
            .collect();
        cache.put(&fresh);
    }
    judged
        .into_iter()
        .zip(entries)
        .map(|((judgement, _), entry)| {
            judgement.record(&entry.path.to_string_lossy(), &entry.folder)
        })
        .collect()
}

/// Reads and judges a file; the key comes back when the judgement is worth keeping (the file was read whole
/// and has the size its key says).
pub(super) fn judge_for_cache(
    path: &Path,
    key: Option<&Key>,
    rules: &Rules,
    max_bytes: u64,
) -> (Judgement, Option<Key>) {
    let (judged, read) = judge_file_sized(path, max_bytes, rules);
    let key = key.filter(|k| read == Some(k.size)).cloned();
    (judged.judgement(), key)
}

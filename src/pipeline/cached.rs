//! Judging many messages through the verdict cache: what the cache holds is taken from it, the rest is read,
//! judged and kept. [`records`] serves the CLI (all at once, in parallel); [`super::list_judge`] serves the
//! interface's list, one row at a time from many worker threads.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use rayon::prelude::*;

use super::cache::{Cache, Key, Row, Want, fingerprint};
use super::judge::{Judgement, judge_file_sized};
use super::places::default_cache_file;
use crate::analysis::Rules;
use crate::model::Record;
use crate::store::Entry;

/// `records` judges this many entries at a time (the bound on records and cache rows held at once).
const WINDOW: usize = 1024;

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
    let mut all = Vec::with_capacity(entries.len());
    let kept: io::Result<()> = each_record(entries, rules, max_bytes, place, want, |_, record| {
        all.push(record);
        Ok(())
    });
    debug_assert!(kept.is_ok(), "pushing to a Vec never fails");
    all
}

/// [`records`] as a stream: hands each entry's record (with its index) to `emit` in the entries' order as
/// soon as it and every one before it are judged. Entries are judged in parallel a window at a time, and
/// what was judged is kept by a writer thread in one transaction per window, so memory stays bounded
/// however many messages there are. Stops at the first error `emit` returns.
pub fn each_record(
    entries: &[Entry],
    rules: &Rules,
    max_bytes: u64,
    place: Option<&Place>,
    want: Want,
    mut emit: impl FnMut(usize, Record) -> io::Result<()>,
) -> io::Result<()> {
    let mut cache = place.and_then(Place::open);
    // A cold start looks nothing up (every key would be a miss), but still needs the keys to keep what it
    // judges.
    let (keys, mut hits) = match cache.as_mut() {
        Some(cache) => {
            let keys: Vec<Option<Key>> = entries.par_iter().map(|e| Key::of(&e.path)).collect();
            let hits = match cache.is_empty() {
                true => vec![None; entries.len()],
                false => cache.get_rows(&keys, want),
            };
            (keys, hits)
        }
        None => (vec![None; entries.len()], vec![None; entries.len()]),
    };
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Vec<(Key, Row)>>(2);
        if let Some(mut cache) = cache {
            scope.spawn(move || {
                for rows in rx {
                    cache.put_rows(&rows);
                }
            });
        }
        let mut next = 0;
        for ((entries, keys), hits) in entries
            .chunks(WINDOW)
            .zip(keys.chunks(WINDOW))
            .zip(hits.chunks_mut(WINDOW))
        {
            let judged: Vec<(Record, Option<(Key, Row)>)> = entries
                .par_iter()
                .zip(keys)
                .zip(hits)
                .map(|((entry, key), hit)| {
                    let cached = hit.take().and_then(|row| row.decode());
                    let (judgement, fresh) = match cached {
                        Some(judgement) => (judgement, None),
                        None => {
                            let (judgement, key) =
                                judge_for_cache(&entry.path, key.as_ref(), rules, max_bytes);
                            let fresh = key.and_then(|k| Some((k, Row::encode(&judgement)?)));
                            (judgement, fresh)
                        }
                    };
                    let record = judgement.record(&entry.path.to_string_lossy(), &entry.folder);
                    (record, fresh)
                })
                .collect();
            let mut fresh = Vec::new();
            for (record, row) in judged {
                fresh.extend(row);
                emit(next, record)?;
                next += 1;
            }
            // The writer gone (it never is while the scope lives) only means nothing more is kept.
            if !fresh.is_empty() {
                let _ = tx.send(fresh);
            }
        }
        Ok(())
    })
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

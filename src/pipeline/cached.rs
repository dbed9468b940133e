//! Judging many messages through the verdict cache: what the cache holds is taken from it, the rest is read,
//! judged and kept. [`records`] serves the CLI (all at once, in parallel); [`super::list_judge`] serves the
//! interface's list, one row at a time from many worker threads.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError, mpsc};

use super::cache::{Cache, Key, Row, Stored, Want, fingerprint};
use super::cache_hits::each_hit;
use super::judge::{Judgement, judge_file_sized};
use super::ordered::each_in_order;
use super::places::default_cache_file;
use crate::analysis::Rules;
use crate::model::Record;
use crate::store::{Entry, text};

/// Judgements are kept in transactions of this many.
const BATCH: usize = 1024;

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
    let keep = |_, record| record;
    let kept: io::Result<()> =
        each_record(entries, rules, max_bytes, place, want, keep, |_, record| {
            all.push(record);
            Ok(())
        });
    debug_assert!(kept.is_ok(), "pushing to a Vec never fails");
    all
}

/// [`records`] as a stream: hands what `prepare` makes of each entry's record (with the entry's index) to
/// `emit` in the entries' order as soon as it and every one before it are ready. What the cache holds is
/// made ready as it is read (the record straight from the cache's row, on the thread reading it); the rest
/// is judged in parallel ([`each_in_order`]: no worker waits for the printing, nor for the slowest message
/// of a batch, and `prepare` runs on the judging thread), and what was judged is kept by a writer thread in
/// one transaction per [`BATCH`] judgements, so memory stays bounded however many messages there are.
/// Stops at the first error `emit` returns.
pub fn each_record<T: Send>(
    entries: &[Entry],
    rules: &Rules,
    max_bytes: u64,
    place: Option<&Place>,
    want: Want,
    prepare: impl Fn(usize, Record) -> T + Sync,
    mut emit: impl FnMut(usize, T) -> io::Result<()>,
) -> io::Result<()> {
    let mut cache = place.and_then(Place::open);
    let ready: Vec<Mutex<Option<T>>> = entries.iter().map(|_| Mutex::new(None)).collect();
    // A cold start looks nothing up (every key would be a stat and a miss); what is judged is keyed by the
    // bytes read.
    if let Some(cache) = cache.as_mut()
        && !cache.is_empty()
    {
        let hit = |i: usize, stored: &Stored| {
            let entry = &entries[i];
            if let Some(record) = stored.record(&text(entry.path.as_os_str()), &entry.folder) {
                *ready[i].lock().unwrap_or_else(PoisonError::into_inner) = Some(prepare(i, record));
            }
        };
        each_hit(cache, entries, |e| &e.path, want, &hit);
    }
    let keep = cache.is_some();
    let threads = rayon::current_num_threads();
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Vec<(Key, Row)>>(2);
        if let Some(mut cache) = cache {
            scope.spawn(move || {
                for rows in rx {
                    cache.put_rows(&rows);
                }
            });
        }
        let judge = |i, (entry, ready): (&Entry, Mutex<Option<T>>)| {
            if let Some(ready) = ready.into_inner().unwrap_or_else(PoisonError::into_inner) {
                return (ready, None);
            }
            let (judgement, key) = judge_for_cache(&entry.path, keep, rules, max_bytes);
            let fresh = key.and_then(|k| Some((k, Row::encode(&judgement)?)));
            let record = judgement.record(&text(entry.path.as_os_str()), &entry.folder);
            (prepare(i, record), fresh)
        };
        let mut fresh = Vec::new();
        let emitted = each_in_order(
            entries.iter().zip(ready),
            threads,
            judge,
            |i, (record, row)| {
                if let Some(row) = row {
                    fresh.push(row);
                    // The writer gone (it never is while the scope lives) only means nothing more is kept.
                    if fresh.len() >= BATCH {
                        let _ = tx.send(std::mem::take(&mut fresh));
                    }
                }
                emit(i, record)
            },
        );
        if !fresh.is_empty() {
            let _ = tx.send(fresh);
        }
        emitted
    })
}

/// Reads and judges a file; with `keep`, its key comes back when the judgement is worth keeping (the file is
/// in a Maildir and was read whole: [`Key::read`]).
pub(super) fn judge_for_cache(
    path: &Path,
    keep: bool,
    rules: &Rules,
    max_bytes: u64,
) -> (Judgement, Option<Key>) {
    let (judged, read) = judge_file_sized(path, max_bytes, rules);
    let key = read.filter(|_| keep).and_then(|size| Key::read(path, size));
    (judged.judgement(), key)
}

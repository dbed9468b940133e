//! Judging many messages through the verdict cache: what the cache holds is taken from it, the rest is read,
//! judged and kept. [`records`] serves the CLI (all at once, in parallel); [`ListJudge`] serves the
//! interface's list, one row at a time from many worker threads.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use rayon::prelude::*;

use super::cache::{Cache, Key, Row, Want, fingerprint};
use super::judge::{Judgement, Summary, judge_file_sized};
use super::places::default_cache_file;
use crate::analysis::Rules;
use crate::model::{Record, Verdict};
use crate::store::Entry;

/// `records` judges this many entries at a time (the bound on records and cache rows held at once).
const WINDOW: usize = 1024;
/// Writes to the cache from the interface go in batches of at most this many...
const BATCH: usize = 500;
/// ...or whatever came within this long.
const LINGER: Duration = Duration::from_millis(200);

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
    let keys: Vec<Option<Key>> = match cache {
        Some(_) => entries.par_iter().map(|e| Key::of(&e.path)).collect(),
        None => vec![None; entries.len()],
    };
    let mut hits = match cache.as_mut() {
        Some(cache) => cache.get_rows(&keys, want),
        None => vec![None; entries.len()],
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
fn judge_for_cache(
    path: &Path,
    key: Option<&Key>,
    rules: &Rules,
    max_bytes: u64,
) -> (Judgement, Option<Key>) {
    let (judged, read) = judge_file_sized(path, max_bytes, rules);
    let key = key.filter(|k| read == Some(k.size)).cloned();
    (judged.judgement(), key)
}

/// The list's judge for a fixed set of message files (row id = index), shared by worker threads: the first
/// call takes everything the cache holds for them at once; later calls judge the rest and hand their
/// judgements to a writer thread that keeps them in batches.
pub struct ListJudge {
    paths: Vec<PathBuf>,
    rules: Arc<Rules>,
    max_bytes: u64,
    place: Option<Place>,
    cached: OnceLock<Cached>,
}

struct Cached {
    hits: Mutex<Vec<Option<Judgement>>>,
    writer: Option<Sender<(Key, Judgement)>>,
}

impl ListJudge {
    /// A judge for these files; `place` is the cache to use, if any.
    pub fn new(
        paths: Vec<PathBuf>,
        rules: Arc<Rules>,
        max_bytes: u64,
        place: Option<Place>,
    ) -> ListJudge {
        ListJudge {
            paths,
            rules,
            max_bytes,
            place,
            cached: OnceLock::new(),
        }
    }

    /// How many files.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The list's summary of row `id`: cached, or judged now (and kept).
    pub fn summary(&self, id: usize) -> Summary {
        let Some(path) = self.paths.get(id) else {
            return Summary {
                envelope: None,
                verdict: Verdict::unparseable("no such row"),
            };
        };
        let cached = self.cached.get_or_init(|| self.load());
        let hit = cached
            .hits
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_mut(id)
            .and_then(Option::take);
        if let Some(judgement) = hit {
            return judgement.summary();
        }
        let key = cached.writer.as_ref().and_then(|_| Key::of(path));
        let (judgement, key) = judge_for_cache(path, key.as_ref(), &self.rules, self.max_bytes);
        if let (Some(writer), Some(key)) = (&cached.writer, key) {
            let _ = writer.send((key, judgement.clone()));
        }
        judgement.summary()
    }

    /// Opens the cache, takes what it holds for every file, and starts the writer thread.
    fn load(&self) -> Cached {
        let none = || Cached {
            hits: Mutex::new(vec![None; self.paths.len()]),
            writer: None,
        };
        let Some(mut cache) = self.place.as_ref().and_then(Place::open) else {
            return none();
        };
        let keys: Vec<Option<Key>> = self.paths.par_iter().map(|p| Key::of(p)).collect();
        let hits = cache.get(&keys, Want::List);
        let (tx, rx) = mpsc::channel();
        let started = std::thread::Builder::new()
            .name("mailvet-cache".into())
            .spawn(move || keep(&mut cache, &rx));
        Cached {
            hits: Mutex::new(hits),
            writer: started.is_ok().then_some(tx),
        }
    }
}

/// The writer thread: keeps judgements in batches until every sender is gone.
fn keep(cache: &mut Cache, rx: &Receiver<(Key, Judgement)>) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match rx.recv_timeout(LINGER) {
                Ok(item) => batch.push(item),
                Err(_) => break,
            }
        }
        let items: Vec<(Key, &Judgement)> = batch.iter().map(|(k, j)| (k.clone(), j)).collect();
        cache.put(&items);
    }
}

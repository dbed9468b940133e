//! Judging the interface's list through the verdict cache, one row at a time from many worker threads:
//! [`ListJudge`] takes everything the cache holds for its files at once, judges the rest and keeps them in
//! batches. The rules come from a [`Ruling`] the judges share, which teaching replaces while rows are still
//! queued: every row judged after the lesson is judged by it.

use std::path::Path;
use std::sync::mpsc::{self, SyncSender};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};

use super::cache::{Key, Row, Stored, Want};
use super::cache_hits::{each_hit, hits};
use super::cached::{Place, judge_for_cache};
use super::judge::{Judgement, Summary};
use crate::analysis::Rules;
use crate::model::Verdict;

/// Judgements go to the cache's writer thread in batches of this many (each kept in one transaction), and
/// the last, smaller one when the judge is dropped (every row judged).
const BATCH: usize = 512;
/// At most this many full batches wait for the writer: a judge that finds the queue full waits, so that when
/// judging outruns writing (small messages judge fast) memory stays bounded (a batch, a batch being written
/// and this many, each judgement 2–3 KB) instead of holding thousands until the writer catches up.
const WAITING: usize = 1;

/// The rules the interface judges by and the cache their judgements are kept under, shared by every judge;
/// [`Ruling::replace`] (the user taught something) changes them for every row judged from then on.
#[derive(Debug, Clone)]
pub struct Ruling(Arc<RwLock<Current>>);

#[derive(Debug)]
struct Current {
    rules: Arc<Rules>,
    place: Option<Place>,
    /// Counts the replacements: a judgement made under an older one is made again.
    generation: u64,
}

impl Ruling {
    /// Judging by `rules`, keeping judgements in the cache at `place` (none: no cache).
    pub fn new(rules: Arc<Rules>, place: Option<Place>) -> Ruling {
        Ruling(Arc::new(RwLock::new(Current {
            rules,
            place,
            generation: 0,
        })))
    }

    /// From now on every judge sharing this ruling judges by `rules` and keeps judgements at `place`;
    /// what the cache held under the old rules is no longer taken.
    pub fn replace(&self, rules: Arc<Rules>, place: Option<Place>) {
        let mut current = self.0.write().unwrap_or_else(PoisonError::into_inner);
        current.rules = rules;
        current.place = place;
        current.generation += 1;
    }

    /// The rules judging now.
    pub fn rules(&self) -> Arc<Rules> {
        Arc::clone(&self.read().rules)
    }

    /// The cache judgements are kept in now.
    pub fn place(&self) -> Option<Place> {
        self.read().place.clone()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Current> {
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many times the rules were replaced: judgements made under the same count are made by the same
    /// rules.
    pub fn generation(&self) -> u64 {
        self.read().generation
    }
}

/// The list's judge for a fixed set of message files (row id = index), shared by worker threads: the first
/// call takes everything the cache holds for them at once; later calls judge the rest and hand their
/// judgements to a writer thread that keeps them in batches.
pub struct ListJudge {
    paths: Vec<Arc<Path>>,
    ruling: Ruling,
    max_bytes: u64,
    cached: OnceLock<Cached>,
}

struct Cached {
    /// The ruling's generation the hits and the writer belong to.
    generation: u64,
    hits: Mutex<Vec<Option<Judgement>>>,
    writer: Option<Writer>,
}

/// The way to the cache's writer thread: judgements are gathered into a batch on the judging threads and
/// sent a batch at a time, so the writer is woken once per [`BATCH`] rows, not for every row (a wake-up per
/// row cost the judges and the writer a system call or two each, ~1 s of CPU over 100,000 rows).
struct Writer {
    batch: Mutex<Vec<(Key, Row)>>,
    tx: SyncSender<Vec<(Key, Row)>>,
}

impl Writer {
    /// Adds a judgement to the batch, and sends the batch when it is full (waiting while the queue is).
    fn keep(&self, key: Key, row: Row) {
        let full = {
            let mut batch = self.batch.lock().unwrap_or_else(PoisonError::into_inner);
            batch.push((key, row));
            if batch.len() < BATCH {
                return;
            }
            std::mem::replace(&mut *batch, Vec::with_capacity(BATCH))
        };
        // Sent without the lock: the other judges go on while this one waits for room. The writer gone (it
        // never is while a sender lives) only means nothing more is kept.
        let _ = self.tx.send(full);
    }
}

impl Drop for Writer {
    /// Sends what is left: the judge is dropped when every row is judged (or the list is gone).
    fn drop(&mut self) {
        let rest = std::mem::take(self.batch.get_mut().unwrap_or_else(PoisonError::into_inner));
        if !rest.is_empty() {
            let _ = self.tx.send(rest);
        }
    }
}

impl ListJudge {
    /// A judge for these files, by the rules `ruling` holds at each judgement.
    pub fn new(paths: Vec<Arc<Path>>, ruling: Ruling, max_bytes: u64) -> ListJudge {
        ListJudge {
            paths,
            ruling,
            max_bytes,
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

    /// Hands every row the cache holds to `each` with its id, and with the [`Ruling::generation`] it belongs
    /// to, as the cache is read (from more than one thread); later [`ListJudge::summary`] calls judge only
    /// the rest. No judgement is buffered on the way: a row is the list's summary as soon as it is read.
    pub fn cached(&self, each: &(dyn Fn(u64, usize, Summary) + Sync)) {
        let mut streamed = false;
        let cached = self.cached.get_or_init(|| {
            streamed = true;
            self.load(Some(each))
        });
        if streamed {
            return;
        }
        // Read earlier for a row judged on its own: what is left of those hits.
        let hits = std::mem::take(&mut *cached.hits.lock().unwrap_or_else(PoisonError::into_inner));
        if cached.generation != self.ruling.generation() {
            return;
        }
        for (id, hit) in hits.into_iter().enumerate() {
            if let Some(judgement) = hit {
                each(cached.generation, id, listed(judgement));
            }
        }
    }

    /// The list's summary of row `id`: cached, or judged now (and kept), by the rules of the moment (a row
    /// whose judgement the user's teaching overtook is judged again), with the [`Ruling::generation`] of
    /// those rules.
    pub fn summary(&self, id: usize) -> (u64, Summary) {
        let Some(path) = self.paths.get(id) else {
            let missing = Summary {
                envelope: None,
                verdict: Verdict::unparseable("no such row"),
            };
            return (self.ruling.generation(), missing);
        };
        let cached = self.cached.get_or_init(|| self.load(None));
        loop {
            let (rules, generation) = {
                let current = self.ruling.read();
                (Arc::clone(&current.rules), current.generation)
            };
            let same = generation == cached.generation;
            if same {
                let hit = (cached.hits.lock().unwrap_or_else(PoisonError::into_inner))
                    .get_mut(id)
                    .and_then(Option::take);
                if let Some(judgement) = hit {
                    return (generation, listed(judgement));
                }
            }
            // The writer keeps judgements under the rules it was opened with, so only those.
            let writer = cached.writer.as_ref().filter(|_| same);
            let (judgement, key) = judge_for_cache(path, writer.is_some(), &rules, self.max_bytes);
            if self.ruling.generation() != generation {
                continue;
            }
            // Encoded here, on the judging threads, so the writer only writes.
            if let (Some(writer), Some(key)) = (writer, key)
                && let Some(row) = Row::encode(&judgement)
            {
                writer.keep(key, row);
            }
            return (generation, listed(judgement));
        }
    }

    /// Opens the cache, takes what it holds for every file (handed to `each` as it is read when given, else
    /// kept as the hits), and starts the writer thread.
    fn load(&self, each: Option<&(dyn Fn(u64, usize, Summary) + Sync)>) -> Cached {
        let (place, generation) = {
            let current = self.ruling.read();
            (current.place.clone(), current.generation)
        };
        let none = || Cached {
            generation,
            hits: Mutex::new(Vec::new()),
            writer: None,
        };
        let Some(mut cache) = place.as_ref().and_then(Place::open) else {
            return none();
        };
        // A cold start looks nothing up: every key would be a stat and a miss. A warm one reads the cache
        // while the files' sizes are taken, and hands each row over as soon as its file's size agrees.
        let hits = match each {
            _ if cache.is_empty() => Vec::new(),
            Some(each) => {
                let summary = |id: usize, row: &Stored| {
                    if let Some(judgement) = row.judgement() {
                        each(generation, id, listed(judgement));
                    }
                };
                each_hit(&mut cache, &self.paths, |p| p, Want::List, &summary);
                Vec::new()
            }
            None => hits(&mut cache, &self.paths, |p| p, Want::List),
        };
        let (tx, rx) = mpsc::sync_channel::<Vec<(Key, Row)>>(WAITING);
        let started = std::thread::Builder::new()
            .name("mailvet-cache".into())
            .spawn(move || rx.iter().for_each(|batch| cache.put_rows(&batch)));
        Cached {
            generation,
            hits: Mutex::new(hits),
            writer: started.is_ok().then(|| Writer {
                batch: Mutex::new(Vec::with_capacity(BATCH)),
                tx,
            }),
        }
    }
}

/// What the list keeps of a judgement: its summary without the signals, which the list never shows (the
/// message opened is judged again, signals and all). They are dropped here, on the judging thread: handed
/// over, 100,000 verdicts' signals were freed by the interface's thread, allocated on another (slow in the
/// allocator), and waited in its queue meanwhile.
fn listed(judgement: Judgement) -> Summary {
    let mut summary = judgement.summary();
    summary.verdict.signals = Vec::new();
    summary
}

#[cfg(test)]
#[path = "list_judge_tests.rs"]
mod tests;

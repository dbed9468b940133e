//! Meeting the verdict cache's rows with the message files they were kept for, for `scan`
//! ([`super::cached`]) and the interface's list ([`super::list_judge`]) alike: the cache is read by unique
//! name while the files' sizes are taken (a stat each, on the other threads: the stats cost as much as the
//! read), and a row is a hit only when it was kept under its file's size, so the key stays the unique name
//! and the size.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use super::cache::{Cache, Stored, Want};
use super::cache_key::{Dirs, Located, Spot, spot};
use super::judge::Judgement;

/// Files are examined this many at a time.
const RUN: usize = 1024;
/// A file's size not yet taken, in [`Known`].
const UNKNOWN: u64 = 0;
/// A file that is not a regular file or cannot be examined, in [`Known`].
const NO_FILE: u64 = 1;

/// The sizes taken so far, one per file, shared by every thread: [`UNKNOWN`], [`NO_FILE`], or the size plus
/// 2 (a size too big for that, only ever named by a hostile file name, is taken as no file: a miss).
struct Known(Vec<AtomicU64>);

impl Known {
    fn get(&self, i: usize) -> Option<Option<u64>> {
        match self.0[i].load(Ordering::Relaxed) {
            UNKNOWN => None,
            NO_FILE => Some(None),
            size => Some(Some(size - 2)),
        }
    }

    fn set(&self, i: usize, size: Option<u64>) {
        let stored = size.and_then(|s| s.checked_add(2)).unwrap_or(NO_FILE);
        self.0[i].store(stored, Ordering::Relaxed);
    }
}

/// Hands each row the cache keeps for one of `items` (message files, whose paths `path` gives) under the
/// file's unique name and its present size to `hit`, with the item's index, as soon as it is read (from
/// more than one thread, in no particular order; borrowed from SQLite, only what `want` asks for).
/// The sizes are taken in the files' order on one side while the cache is read on the other; a row read
/// before its file was examined has its file examined there and then, so no row waits for the other side.
/// False when the cache could not be read (rows handed already stand; the others are misses).
pub(super) fn each_hit<P: Sync>(
    cache: &mut Cache,
    items: &[P],
    path: impl Fn(&P) -> &Path + Sync,
    want: Want,
    hit: &(dyn Fn(usize, &Stored) + Sync),
) -> bool {
    let mut dirs = Dirs::default();
    // Found on every core; the directories numbered (and opened) in the files' order on this one.
    let spots: Vec<Option<Spot>> = items.par_iter().map(|item| spot(path(item))).collect();
    let files: Vec<Option<Located>> = (spots.into_iter())
        .map(|spot| spot.map(|spot| dirs.locate(spot)))
        .collect();
    let names: Vec<Option<&str>> = files.iter().map(|f| f.map(|f| f.unique)).collect();
    let known = Known(items.iter().map(|_| AtomicU64::new(UNKNOWN)).collect());
    let size = |i: usize| {
        files[i]
            .as_ref()
            .and_then(|file| dirs.size(path(&items[i]), file))
    };
    let found = |i: usize, kept: u64, row: &Stored| {
        let file = known.get(i).unwrap_or_else(|| {
            let file = size(i);
            known.set(i, file);
            file
        });
        if file == Some(kept) {
            hit(i, row);
        }
    };
    let sizes = || {
        files.par_chunks(RUN).enumerate().for_each(|(run, chunk)| {
            for (i, file) in (run * RUN..).zip(chunk) {
                if file.is_some() && known.get(i).is_none() {
                    known.set(i, size(i));
                }
            }
        });
    };
    rayon::join(sizes, || cache.each_named(&names, want, &found)).1
}

/// [`each_hit`], gathered: the judgement of each item in their order (`None`: a miss).
pub(super) fn hits<P: Sync>(
    cache: &mut Cache,
    items: &[P],
    path: impl Fn(&P) -> &Path + Sync,
    want: Want,
) -> Vec<Option<Judgement>> {
    let slots: Mutex<Vec<Option<Judgement>>> = Mutex::new(vec![None; items.len()]);
    each_hit(cache, items, path, want, &|i, row| {
        let judgement = row.judgement();
        slots.lock().unwrap_or_else(PoisonError::into_inner)[i] = judgement;
    });
    slots.into_inner().unwrap_or_else(PoisonError::into_inner)
}

//! Meeting the verdict cache's rows with the message files they were kept for, for `scan`
//! ([`super::cached`]) and the interface's list ([`super::list_judge`]) alike: the cache is read by unique
//! name while the files' sizes are taken (a stat each, on the other threads: the stats cost as much as the
//! read), and a row is a hit only when it was kept under its file's size, so the key stays the unique name
//! and the size. Each hit is handed over as soon as both its row and its file's size are known.

use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use super::cache::{Cache, Row, Want};
use super::cache_key::{Sizes, unique_name};

/// Files are examined, and their slots locked, this many at a time.
const SHARD: usize = 1024;

/// What is known of one file while the cache is read.
enum Slot {
    /// Its size is not yet known: the rows read for it so far, each with the size it was kept under.
    Waiting(Vec<(u64, Row)>),
    /// Its size (`None`: not a regular file, or it cannot be examined).
    Sized(Option<u64>),
}

/// Hands each row the cache keeps for one of `items` (message files, whose paths `path` gives) under the
/// file's unique name and its present size to `hit`, with the item's index, as soon as both are known (from
/// more than one thread, in no particular order; the signals not yet decoded, only what `want` asks for).
/// False when the cache could not be read (rows handed already stand; the others are misses).
pub(super) fn each_hit<P: Sync>(
    cache: &mut Cache,
    items: &[P],
    path: impl Fn(&P) -> &Path + Sync,
    want: Want,
    hit: &(dyn Fn(usize, Row) + Sync),
) -> bool {
    let names: Vec<Option<&str>> = items.iter().map(|item| unique_name(path(item))).collect();
    let shards: Vec<Mutex<Vec<Slot>>> = items
        .chunks(SHARD)
        .map(|chunk| Mutex::new(chunk.iter().map(|_| Slot::Waiting(Vec::new())).collect()))
        .collect();
    let lock = |shard: usize| -> MutexGuard<'_, Vec<Slot>> {
        shards[shard].lock().unwrap_or_else(PoisonError::into_inner)
    };
    let found = |i: usize, kept: u64, row: Row| {
        let mut shard = lock(i / SHARD);
        match &mut shard[i % SHARD] {
            Slot::Waiting(rows) => rows.push((kept, row)),
            Slot::Sized(file) => {
                let matches = *file == Some(kept);
                drop(shard);
                if matches {
                    hit(i, row);
                }
            }
        }
    };
    let sizes = || {
        (0..shards.len()).into_par_iter().for_each(|shard| {
            let first = shard * SHARD;
            let end = (first + SHARD).min(items.len());
            let mut sizes = Sizes::default();
            let sizes: Vec<Option<u64>> = (first..end)
                .map(|i| sizes.of(path(&items[i]), names[i]?))
                .collect();
            let mut met = Vec::new();
            for ((i, slot), file) in (first..).zip(lock(shard).iter_mut()).zip(sizes) {
                if let Slot::Waiting(rows) = std::mem::replace(slot, Slot::Sized(file)) {
                    met.extend(
                        (rows.into_iter())
                            .filter(|(kept, _)| file == Some(*kept))
                            .map(|(_, row)| (i, row)),
                    );
                }
            }
            for (i, row) in met {
                hit(i, row);
            }
        });
    };
    rayon::join(sizes, || cache.each_named(&names, want, &found)).1
}

/// [`each_hit`], gathered: the row of each item in their order (`None`: a miss).
pub(super) fn hits<P: Sync>(
    cache: &mut Cache,
    items: &[P],
    path: impl Fn(&P) -> &Path + Sync,
    want: Want,
) -> Vec<Option<Row>> {
    let slots: Mutex<Vec<Option<Row>>> = Mutex::new(vec![None; items.len()]);
    each_hit(cache, items, path, want, &|i, row| {
        slots.lock().unwrap_or_else(PoisonError::into_inner)[i] = Some(row);
    });
    slots.into_inner().unwrap_or_else(PoisonError::into_inner)
}

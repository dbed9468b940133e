//! A lookup of many names at once: one pass over the verdicts table between the least and the greatest name
//! wanted, keeping only the rows wanted as they come, read in parts (one per core, at most [`PARTS`]: ranges
//! of names holding about as many of the names each), each on its own read-only connection.

use std::collections::HashMap;
use std::path::Path;

use foldhash::fast::RandomState;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, params};

use super::cache::{BUSY, Want};
use super::cache_row::Stored;

/// A lookup of many keys reads the table in at most this many parts at once.
const PARTS: usize = 4;
/// No further slot wants the key.
const NONE: usize = usize::MAX;

/// The cache's table as a lookup reads it: its connection, its file (for the other parts' connections), and
/// the fingerprint of the judgements wanted.
pub(super) struct Table<'a> {
    pub conn: &'a Connection,
    pub path: &'a Path,
    pub fingerprint: &'a str,
}

/// Hands every row kept under one of `names` to `found` with the index of the name and the size it was kept
/// under (a name kept under two sizes comes twice; a message listed twice is wanted twice: it comes twice),
/// from as many threads as there are parts, as they are read. `sql`
/// selects `unique_name, size` then the columns [`Stored::read`] reads for `want` (from column 2), for `?1` the fingerprint,
/// and only the rows whose `unique_name >= ?2 AND unique_name < ?3`: a range of the table's primary key,
/// so each part steps over its own rows only.
pub(super) fn get_many(
    table: &Table,
    sql: &str,
    names: &[Option<&str>],
    want: Want,
    found: &(dyn Fn(usize, u64, &Stored) + Sync),
) -> rusqlite::Result<()> {
    // Each name wanted, with the first slot wanting it; `also[i]` is the next slot wanting the same name as
    // slot `i` (a message listed twice is wanted twice), [`NONE`] after the last.
    let mut wanted: HashMap<&str, usize, RandomState> =
        HashMap::with_capacity_and_hasher(names.len(), RandomState::default());
    let mut also = vec![NONE; names.len()];
    for (i, name) in names.iter().enumerate().rev() {
        if let Some(name) = *name
            && let Some(next) = wanted.insert(name, i)
        {
            also[i] = next;
        }
    }
    let parts = std::thread::available_parallelism().map_or(1, usize::from);
    let parts = parts.clamp(1, PARTS);
    let bounds = bounds(wanted.keys().copied().collect(), parts);
    let Table {
        conn,
        path,
        fingerprint,
    } = *table;
    let part = |conn: &Connection, part: usize| -> rusqlite::Result<()> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params![fingerprint, bounds[part], bounds[part + 1]])?;
        while let Some(row) = rows.next()? {
            // Looked up without copying the name: rows for other folders are skipped at once.
            let (ValueRef::Text(unique), Ok(size)) = (row.get_ref(0)?, row.get::<_, i64>(1)) else {
                continue;
            };
            let (Ok(unique), Ok(size)) = (std::str::from_utf8(unique), u64::try_from(size)) else {
                continue;
            };
            let Some(&first) = wanted.get(unique) else {
                continue;
            };
            let Some(stored) = Stored::read(row, 2, want) else {
                continue;
            };
            let mut slot = first;
            loop {
                found(slot, size, &stored);
                slot = also[slot];
                if slot == NONE {
                    break;
                }
            }
        }
        Ok(())
    };
    let parts: Vec<rusqlite::Result<()>> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..parts)
            .map(|i| scope.spawn(move || reader(path).and_then(|c| part(&c, i))))
            .collect();
        let mut all = vec![part(conn, 0)];
        for (i, other) in (1..).zip(others) {
            // A part whose connection failed is read on this one.
            all.push(match other.join() {
                Ok(Ok(got)) => Ok(got),
                _ => part(conn, i),
            });
        }
        all
    });
    parts.into_iter().collect()
}

/// The bounds of `parts` ranges of names (part `i` from `bounds[i]` up to, not including, `bounds[i + 1]`)
/// that together hold every one of `names`, about as many each.
fn bounds(mut names: Vec<&str>, parts: usize) -> Vec<String> {
    let (Some(least), Some(greatest)) = (names.iter().min(), names.iter().max()) else {
        return vec![String::new(); parts + 1];
    };
    // The least name greater than the greatest wanted (names compare as bytes).
    let past = format!("{greatest}\0");
    let mut bounds = vec![(*least).to_owned()];
    let count = names.len();
    for part in 1..parts {
        let (_, nth, _) = names.select_nth_unstable(part * count / parts);
        bounds.push((*nth).to_owned());
    }
    bounds.push(past);
    bounds
}

/// Another connection to the cache at `path`, for reading.
fn reader(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY)?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::bounds;

    #[test]
    fn the_parts_hold_every_name_about_as_many_each() {
        let names = ["d", "a", "c", "b", "e", "f"];
        let bounds = bounds(names.to_vec(), 3);
        assert_eq!(bounds, ["a", "c", "e", "f\0"]);
        for name in names {
            let holding =
                (0..3).filter(|&i| bounds[i].as_str() <= name && name < bounds[i + 1].as_str());
            assert_eq!(holding.count(), 1, "{name}");
        }
        assert_eq!(super::bounds(vec!["x", "x"], 2), ["x", "x", "x\0"]);
    }
}

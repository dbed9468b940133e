//! A lookup of many keys at once: one pass over the verdicts table, keeping only the rows wanted as they
//! come, read in parts (one per core, at most [`PARTS`]), each on its own read-only connection.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, params};

use super::cache::BUSY;
use super::cache_key::Key;
use super::cache_row::Row;

/// A lookup of many keys reads the table in at most this many parts at once.
const PARTS: usize = 4;

/// The cache's table as a lookup reads it: its connection, its file (for the other parts' connections), and
/// the fingerprint of the judgements wanted.
pub(super) struct Table<'a> {
    pub conn: &'a Connection,
    pub path: &'a Path,
    pub fingerprint: &'a str,
}

/// Reads the rows of `keys` into `found` (a slot per key; a message listed twice is wanted twice). `sql`
/// selects `unique_name, size` then the columns `read` decodes (from column 2), for `?1` the fingerprint,
/// and only the rows whose `size % ?2 = ?3`: every part steps over the whole table (cheap) and reads back
/// only the rows whose size falls in it (the costly part).
pub(super) fn get_many(
    table: &Table,
    sql: &str,
    keys: &[Option<Key>],
    found: &mut [Option<Row>],
    read: &(dyn Fn(&rusqlite::Row, usize) -> rusqlite::Result<Option<Row>> + Sync),
) -> rusqlite::Result<()> {
    // Each key wanted, with the number of its group of slots.
    let mut wanted: HashMap<(&str, u64), usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            let group = *wanted.entry((&key.unique, key.size)).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[group].push(i);
        }
    }
    let parts = std::thread::available_parallelism().map_or(1, usize::from);
    let parts = parts.clamp(1, PARTS);
    let Table {
        conn,
        path,
        fingerprint,
    } = *table;
    let slots = Mutex::new(found);
    let part = |conn: &Connection, part: usize| -> rusqlite::Result<()> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params![fingerprint, parts as i64, part as i64])?;
        while let Some(row) = rows.next()? {
            // Looked up without copying the name: rows for other folders are skipped at once.
            let (ValueRef::Text(unique), Ok(size)) = (row.get_ref(0)?, row.get::<_, i64>(1)) else {
                continue;
            };
            let (Ok(unique), Ok(size)) = (std::str::from_utf8(unique), u64::try_from(size)) else {
                continue;
            };
            let Some((last, others)) =
                (wanted.get(&(unique, size))).and_then(|&group| groups[group].split_last())
            else {
                continue;
            };
            let stored = read(row, 2)?;
            let mut found = slots.lock().unwrap_or_else(PoisonError::into_inner);
            for &i in others {
                found[i].clone_from(&stored);
            }
            found[*last] = stored;
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

/// Another connection to the cache at `path`, for reading.
fn reader(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY)?;
    Ok(conn)
}

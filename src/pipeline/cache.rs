//! The verdict cache: judgements kept in SQLite (`$XDG_CACHE_HOME/mailvet/verdicts.sqlite`), so a message is
//! analysed once rather than at every start. A Maildir file's content never changes, only its name, so a
//! judgement is keyed by the message's unique name (the part before `:2,`, kept across flag changes and
//! moves), its size, and the analysis [`fingerprint`] (any change of the analyser or its rules makes every
//! older entry stale). Files outside a Maildir's `cur/` and `new/` are never cached: their names are not unique.
//!
//! The cache is never trusted and never fatal: a file that is not SQLite, belongs to something else, is
//! truncated, corrupt or locked is set aside (renamed `verdicts.sqlite.aside`) and a new one started; an
//! entry that does not decode is a miss. WAL mode lets an interface and a `scan` use it at once; writes go in
//! batches, one transaction each.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};

use super::cache_bulk::{Table, get_many};
use super::cache_file::{Header, check_header, set_aside};
pub use super::cache_file::{Stats, clear, stats};
pub use super::cache_key::Key;
use super::cache_row::{HEAD_COLUMNS, HEAD_COUNT, HEAD_SCHEMA};
pub use super::cache_row::{Row, Stored};
pub use super::fingerprint::fingerprint;

/// The cache file's name in its folder.
pub const FILE_NAME: &str = "verdicts.sqlite";
/// `PRAGMA application_id` of a mailvet cache ("mvet"): a SQLite file without it is someone else's.
const APPLICATION_ID: i64 = 0x6d76_6574;
/// `PRAGMA user_version`: the layout of the tables below.
const SCHEMA_VERSION: i64 = 5;
/// `PRAGMA page_size` of a new file: a judgement's evidence (about 1 KiB) packs into 16 KiB pages with less
/// left unused than into SQLite's default 4 KiB, and a page written is a quarter of the writes.
const PAGE_SIZE: i64 = 16384;
/// From this many keys on, one pass over the table beats a lookup per key.
const BULK: usize = 512;
/// How long to wait for another process's write before calling the file locked.
pub(super) const BUSY: Duration = Duration::from_secs(2);

/// The tables. The head is plain columns ([`super::cache_row`]), so reading the list decodes no JSON. The
/// signals (evidence, most of a judgement's bytes) have a table of their own, so reading the list's heads
/// reads nothing else; a rowid table, whose pages hold a whole row of signals where a WITHOUT ROWID one would
/// spill each into a mostly empty overflow page. A verdict names its evidence row by id, so the evidence has
/// no key index: a new row is appended, and only the verdicts' tree takes inserts in random key order.
fn schema() -> String {
    format!(
        "CREATE TABLE IF NOT EXISTS verdicts (
            unique_name TEXT NOT NULL,
            size INTEGER NOT NULL,
            fingerprint TEXT NOT NULL,
            evidence_id INTEGER NOT NULL,
            {HEAD_SCHEMA},
            PRIMARY KEY (unique_name, size, fingerprint)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS evidence (id INTEGER PRIMARY KEY, signals TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    )
}

/// Which parts of a judgement a caller needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// Everything, the verdict's signals included (records).
    Full,
    /// The head and the verdict without its signals, except for a message that could not be parsed (the
    /// interface's list).
    List,
    /// What `scan`'s table and CSV print: [`Want::List`] without the advice, the Message-ID and the score (left
    /// empty, and zero).
    Columns,
}

/// Why the cache cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// Its folder or file could not be made or examined.
    #[error("cannot use the verdict cache '{}': {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// SQLite refused it.
    #[error("cannot use the verdict cache '{}': {source}", path.display())]
    Db {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: rusqlite::Error,
    },
    /// The file is not a mailvet cache, or is cut short.
    #[error("'{}' is not a usable verdict cache: {why}", path.display())]
    Foreign {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        why: &'static str,
    },
}

/// An open verdict cache.
pub struct Cache {
    conn: Connection,
    path: PathBuf,
    fingerprint: String,
}

impl Cache {
    /// Opens (or creates) the cache at `path` for judgements made under `fingerprint`; a file that cannot be
    /// used is set aside and a new one started.
    pub fn open(path: &Path, fingerprint: &str) -> Result<Cache, CacheError> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|source| CacheError::Io {
                path: path.to_owned(),
                source,
            })?;
        }
        match Self::connect(path, fingerprint) {
            Ok(cache) => Ok(cache),
            Err(err) => {
                tracing::warn!("{err}; setting it aside");
                set_aside(path).map_err(|source| CacheError::Io {
                    path: path.to_owned(),
                    source,
                })?;
                Self::connect(path, fingerprint)
            }
        }
    }

    fn connect(path: &Path, fingerprint: &str) -> Result<Cache, CacheError> {
        let foreign = |why| CacheError::Foreign {
            path: path.to_owned(),
            why,
        };
        let db = |source| CacheError::Db {
            path: path.to_owned(),
            source,
        };
        match check_header(path) {
            Ok(Header::Fine) => {}
            Ok(Header::NotSqlite) => return Err(foreign("not a SQLite file")),
            Ok(Header::Truncated) => return Err(foreign("the file is cut short")),
            Err(source) => {
                return Err(CacheError::Io {
                    path: path.to_owned(),
                    source,
                });
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(db)?;
        conn.busy_timeout(BUSY).map_err(db)?;
        let app: i64 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(db)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(db)?;
        if app == 0 && version == 0 {
            let tables: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                .map_err(db)?;
            if tables != 0 {
                return Err(foreign("another program's database"));
            }
            // Before the first page is written; an older file keeps its own.
            conn.pragma_update(None, "page_size", PAGE_SIZE)
                .map_err(db)?;
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
                .map_err(db)?;
            conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {} PRAGMA application_id = {APPLICATION_ID}; \
                 PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;",
                schema()
            ))
            .map_err(db)?;
        } else if app != APPLICATION_ID {
            return Err(foreign("another program's database"));
        } else if version != SCHEMA_VERSION {
            return Err(foreign("another version's layout"));
        }
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(db)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(foreign("not in WAL mode"));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(db)?;
        let mut cache = Cache {
            conn,
            path: path.to_owned(),
            fingerprint: fingerprint.to_owned(),
        };
        cache.drop_stale().map_err(db)?;
        Ok(cache)
    }

    /// Deletes the entries of other fingerprints the first time this one is used.
    fn drop_stale(&mut self) -> rusqlite::Result<()> {
        let current: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'fingerprint'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if current.as_deref() == Some(self.fingerprint.as_str()) {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM evidence WHERE id IN \
             (SELECT evidence_id FROM verdicts WHERE fingerprint <> ?1)",
            [&self.fingerprint],
        )?;
        tx.execute(
            "DELETE FROM verdicts WHERE fingerprint <> ?1",
            [&self.fingerprint],
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?1)",
            [&self.fingerprint],
        )?;
        tx.commit()
    }

    /// Whether it holds no judgement made under its fingerprint (a cold start, when looking keys up is
    /// wasted); a cache that cannot be read says no, and is then looked in as usual.
    pub fn is_empty(&self) -> bool {
        self.conn
            .query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM verdicts WHERE fingerprint = ?1)",
                [&self.fingerprint],
                |r| r.get(0),
            )
            .unwrap_or(false)
    }

    /// Hands each row kept under one of `names` (unique names) to `found` with the index of its name and the
    /// size it was kept under, as it is read (from more than one thread when there are many names), borrowed
    /// from SQLite: the caller compares the size with the file's, so the files can be examined while the
    /// cache is read, and takes what it needs of the row. False when the cache could not be read (rows handed
    /// already stand, the others are misses).
    pub fn each_named(
        &mut self,
        names: &[Option<&str>],
        want: Want,
        found: &(dyn Fn(usize, u64, &Stored) + Sync),
    ) -> bool {
        match self.try_get(names, want, found) {
            Ok(()) => true,
            Err(err) => {
                self.failed(&err);
                false
            }
        }
    }

    fn try_get(
        &mut self,
        names: &[Option<&str>],
        want: Want,
        found: &(dyn Fn(usize, u64, &Stored) + Sync),
    ) -> rusqlite::Result<()> {
        let head = Stored::columns(want);
        // With the signals, their column follows the head's.
        let (signals, joined) = match want {
            Want::Full => (
                ", signals",
                " JOIN evidence ON evidence.id = verdicts.evidence_id",
            ),
            _ => ("", ""),
        };
        if names.iter().flatten().count() >= BULK {
            let sql = format!(
                "SELECT unique_name, size, {head}{signals} FROM verdicts{joined} \
                 WHERE fingerprint = ?1 AND unique_name >= ?2 AND unique_name < ?3"
            );
            let table = Table {
                conn: &self.conn,
                path: &self.path,
                fingerprint: &self.fingerprint,
            };
            get_many(&table, &sql, names, want, found)?;
        } else {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT size, {head}{signals} FROM verdicts{joined} \
                 WHERE unique_name = ?1 AND fingerprint = ?2"
            ))?;
            for (i, name) in names.iter().enumerate() {
                let Some(name) = name else { continue };
                let mut rows = stmt.query(params![name, self.fingerprint])?;
                while let Some(row) = rows.next()? {
                    if let (Ok(size), Some(stored)) = (
                        u64::try_from(row.get::<_, i64>(0)?),
                        Stored::read(row, 1, want),
                    ) {
                        found(i, size, &stored);
                    }
                }
            }
        }
        Ok(())
    }

    /// Handles an error met in use: a file found corrupt is set aside and a new one started (true when that
    /// worked); anything else (a lock held too long) only costs this batch.
    fn failed(&mut self, err: &rusqlite::Error) -> bool {
        tracing::warn!("verdict cache '{}': {err}", self.path.display());
        let corrupt = matches!(
            err.sqlite_error_code(),
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
        );
        if !corrupt || set_aside(&self.path).is_err() {
            return false;
        }
        match Self::connect(&self.path, &self.fingerprint) {
            Ok(fresh) => {
                *self = fresh;
                true
            }
            Err(err) => {
                tracing::warn!("{err}");
                false
            }
        }
    }
}

#[path = "cache_put.rs"]
mod put;

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;

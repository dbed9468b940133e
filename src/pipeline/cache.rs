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

use std::collections::HashMap;
use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::judge::{Head, Judgement};
use crate::analysis::{self, Rules};
use crate::model::{Signal, Verdict};
use crate::store::name::Name;

/// The cache file's name in its folder.
pub const FILE_NAME: &str = "verdicts.sqlite";
/// `PRAGMA application_id` of a mailvet cache ("mvet"): a SQLite file without it is someone else's.
const APPLICATION_ID: i64 = 0x6d76_6574;
/// `PRAGMA user_version`: the layout of the tables below.
const SCHEMA_VERSION: i64 = 1;
/// From this many keys on, one pass over the table beats a lookup per key.
const BULK: usize = 512;
/// How long to wait for another process's write before calling the file locked.
const BUSY: Duration = Duration::from_secs(2);

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS verdicts (
        unique_name TEXT NOT NULL,
        size INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        head TEXT NOT NULL,
        signals TEXT NOT NULL,
        PRIMARY KEY (unique_name, size, fingerprint)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;";

/// What identifies a message's content: its Maildir unique name and its size in bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    /// The unique name (the file name up to `:`).
    pub unique: String,
    /// The file's size.
    pub size: u64,
}

impl Key {
    /// The key of a message file in a Maildir's `cur/` or `new/`, its size read from disk; `None` for other
    /// files (their names are not unique) and files that cannot be examined.
    pub fn of(path: &Path) -> Option<Key> {
        let dir = path.parent()?.file_name()?;
        if dir != "cur" && dir != "new" {
            return None;
        }
        let unique = Name::parse(path.file_name()?.to_str()?).unique;
        let meta = fs::symlink_metadata(path).ok()?;
        (!unique.is_empty() && meta.is_file()).then(|| Key {
            unique: unique.to_owned(),
            size: meta.len(),
        })
    }
}

/// Which parts of a judgement a caller needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// Everything, the verdict's signals included (records).
    Full,
    /// The head and the verdict without its signals, except for a message that could not be parsed (the list,
    /// the CSV and table columns).
    List,
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

/// The head column: the judgement without the verdict's signals.
#[derive(Serialize, Deserialize)]
struct Stored {
    head: Option<Head>,
    verdict: Verdict,
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
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
                .map_err(db)?;
            conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {SCHEMA} PRAGMA application_id = {APPLICATION_ID}; \
                 PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
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
            "DELETE FROM verdicts WHERE fingerprint <> ?1",
            [&self.fingerprint],
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?1)",
            [&self.fingerprint],
        )?;
        tx.commit()
    }

    /// The judgements kept for `keys`, in their order (`None`: not cached, or no key).
    pub fn get(&mut self, keys: &[Option<Key>], want: Want) -> Vec<Option<Judgement>> {
        match self.try_get(keys, want) {
            Ok(found) => found,
            Err(err) => {
                self.failed(&err);
                vec![None; keys.len()]
            }
        }
    }

    fn try_get(
        &mut self,
        keys: &[Option<Key>],
        want: Want,
    ) -> rusqlite::Result<Vec<Option<Judgement>>> {
        let full = want == Want::Full;
        let rows: Vec<Option<(String, Option<String>)>> = if keys.iter().flatten().count() >= BULK {
            let mut stmt = self.conn.prepare(
                "SELECT unique_name, size, head, CASE WHEN ?2 THEN signals END \
                     FROM verdicts WHERE fingerprint = ?1",
            )?;
            let mut all: HashMap<Key, (String, Option<String>)> = HashMap::new();
            let mut found = stmt.query(params![self.fingerprint, full])?;
            while let Some(row) = found.next()? {
                let key = Key {
                    unique: row.get(0)?,
                    size: u64::try_from(row.get::<_, i64>(1)?).unwrap_or(u64::MAX),
                };
                all.insert(key, (row.get(2)?, row.get(3)?));
            }
            keys.iter()
                .map(|k| k.as_ref().and_then(|k| all.get(k).cloned()))
                .collect()
        } else {
            let mut stmt = self.conn.prepare_cached(
                "SELECT head, CASE WHEN ?4 THEN signals END FROM verdicts \
                     WHERE unique_name = ?1 AND size = ?2 AND fingerprint = ?3",
            )?;
            let mut rows = Vec::with_capacity(keys.len());
            for key in keys {
                let row = match key {
                    Some(k) => stmt
                        .query_row(params![k.unique, size_of(k), self.fingerprint, full], |r| {
                            Ok((r.get(0)?, r.get(1)?))
                        })
                        .optional()?,
                    None => None,
                };
                rows.push(row);
            }
            rows
        };
        Ok(rows
            .into_par_iter()
            .map(|row| row.and_then(|(head, signals)| decode(&head, signals.as_deref())))
            .collect())
    }

    /// Keeps these judgements, in one transaction.
    pub fn put(&mut self, items: &[(Key, &Judgement)]) {
        if items.is_empty() {
            return;
        }
        let rows: Vec<(&Key, String, String)> = items
            .par_iter()
            .filter_map(|(key, judgement)| {
                let (head, signals) = encode(judgement).ok()?;
                Some((key, head, signals))
            })
            .collect();
        if let Err(err) = self.try_put(&rows)
            && self.failed(&err)
            && let Err(err) = self.try_put(&rows)
        {
            tracing::warn!("the verdict cache took nothing: {err}");
        }
    }

    fn try_put(&mut self, rows: &[(&Key, String, String)]) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO verdicts (unique_name, size, fingerprint, head, signals) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (key, head, signals) in rows {
                stmt.execute(params![
                    key.unique,
                    size_of(key),
                    self.fingerprint,
                    head,
                    signals
                ])?;
            }
        }
        tx.commit()
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

fn size_of(key: &Key) -> i64 {
    i64::try_from(key.size).unwrap_or(i64::MAX)
}

fn encode(judgement: &Judgement) -> serde_json::Result<(String, String)> {
    let v = &judgement.verdict;
    let verdict = Verdict {
        brand: v.brand.clone(),
        category: v.category,
        trust: v.trust,
        decisive: v.decisive.clone(),
        score: v.score,
        advice: v.advice.clone(),
        // An unparseable message's one signal is its reason, which the scan table prints: kept here too.
        signals: match judgement.head {
            None => v.signals.clone(),
            Some(_) => Vec::new(),
        },
    };
    let head = serde_json::to_string(&Stored {
        head: judgement.head.clone(),
        verdict,
    })?;
    Ok((head, serde_json::to_string(&v.signals)?))
}

fn decode(head: &str, signals: Option<&str>) -> Option<Judgement> {
    let Stored { head, mut verdict } = serde_json::from_str(head).ok()?;
    if let Some(signals) = signals {
        verdict.signals = serde_json::from_str::<Vec<Signal>>(signals).ok()?;
    }
    Some(Judgement { head, verdict })
}

enum Header {
    Fine,
    NotSqlite,
    Truncated,
}

/// Looks at the file's first 100 bytes (the SQLite header): missing or empty is fine (a new cache).
fn check_header(path: &Path) -> io::Result<Header> {
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Header::Fine),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(Header::Fine);
    }
    let mut header = [0u8; 100];
    if len < 100 || file.read_exact(&mut header).is_err() {
        return Ok(Header::NotSqlite);
    }
    if &header[..16] != b"SQLite format 3\0" {
        return Ok(Header::NotSqlite);
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    // The page count in the header is valid when the change counter matches "version-valid-for".
    let counted = header[24..28] == header[92..96];
    if page_size == 0 || len % page_size != 0 || (counted && pages * page_size > len) {
        return Ok(Header::Truncated);
    }
    Ok(Header::Fine)
}

/// The files of a cache: itself, its write-ahead log and shared memory.
fn companions(path: &Path) -> [PathBuf; 3] {
    let with = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [path.to_owned(), with("-wal"), with("-shm")]
}

/// Renames the cache and its companions to `*.aside` (replacing an earlier one), so a new cache starts.
fn set_aside(path: &Path) -> io::Result<()> {
    let mut aside = path.as_os_str().to_owned();
    aside.push(".aside");
    for (from, to) in companions(path).iter().zip(companions(Path::new(&aside))) {
        match fs::rename(from, to) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// What `mailvet cache` shows: the size on disk and the number of entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Bytes of the file and its log.
    pub bytes: u64,
    /// Entries kept, when the file can be read.
    pub entries: Option<u64>,
}

/// The size and entries of the cache at `path`, `None` when there is none.
pub fn stats(path: &Path) -> Option<Stats> {
    let sizes: Vec<u64> = companions(path)
        .iter()
        .filter_map(|p| fs::metadata(p).ok().map(|m| m.len()))
        .collect();
    if sizes.is_empty() {
        return None;
    }
    let entries = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| conn.query_row("SELECT count(*) FROM verdicts", [], |r| r.get(0)))
        .ok()
        .and_then(|n: i64| u64::try_from(n).ok());
    Some(Stats {
        bytes: sizes.iter().sum(),
        entries,
    })
}

/// Removes the cache at `path` (and a file set aside); returns the bytes freed.
pub fn clear(path: &Path) -> io::Result<u64> {
    let mut aside = path.as_os_str().to_owned();
    aside.push(".aside");
    let mut freed = 0;
    for file in companions(path)
        .iter()
        .chain(&companions(Path::new(&aside)))
    {
        if let Ok(meta) = fs::metadata(file) {
            fs::remove_file(file)?;
            freed += meta.len();
        }
    }
    Ok(freed)
}

/// What every stored verdict depends on: the analyser (its version and this build of it), its embedded data,
/// the rules (brands, scores, trusted servers) and the largest message read. Any change gives a new value.
pub fn fingerprint(rules: &Rules, max_message_bytes: u64) -> String {
    let mut hash = DefaultHasher::new();
    for text in analysis::embedded_data() {
        hash.write(text.as_bytes());
        hash.write_u8(0);
    }
    let brands =
        serde_json::to_string(&rules.brands).unwrap_or_else(|_| format!("{:?}", rules.brands));
    hash.write(brands.as_bytes());
    hash.write(format!("{:?}", rules.scores).as_bytes());
    hash.write(format!("{:?}", rules.trusted_authserv_ids).as_bytes());
    hash.write(format!("{:?}", rules.taught).as_bytes());
    hash.write_u64(max_message_bytes);
    hash.write(build().as_bytes());
    format!("{}-{:016x}", analysis::VERSION, hash.finish())
}

/// This build of mailvet: the running program's size and modification time (a rebuild changes them).
fn build() -> String {
    std::env::current_exe()
        .and_then(fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{modified}", m.len())
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::judge::judge_raw;

    const MAIL: &[u8] = b"From: Shop <news@shop.example>\r\nTo: a@b.example\r\nSubject: Hello\r\n\
        Date: Tue, 24 Nov 2026 09:00:00 +0000\r\nMessage-ID: <1@shop.example>\r\n\r\nHi there\r\n";

    fn judgement() -> Judgement {
        judge_raw(MAIL, &crate::config::Config::defaults().unwrap().rules()).judgement()
    }

    fn key(name: &str) -> Option<Key> {
        Some(Key {
            unique: name.into(),
            size: 10,
        })
    }

    #[test]
    fn a_kept_judgement_comes_back_whole_or_without_signals() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let judgement = judgement();
        assert!(!judgement.verdict.signals.is_empty());
        let mut cache = Cache::open(&path, "fp").unwrap();
        cache.put(&[(key("a").unwrap(), &judgement)]);
        let found = cache.get(&[key("a"), key("b"), None], Want::Full);
        assert_eq!(found, vec![Some(judgement.clone()), None, None]);
        let listed = cache.get(&[key("a")], Want::List);
        let listed = listed[0].clone().unwrap();
        assert!(listed.verdict.signals.is_empty());
        assert_eq!(listed.head, judgement.head);
        assert_eq!(listed.verdict.trust, judgement.verdict.trust);
    }

    #[test]
    fn bulk_and_single_lookups_agree() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = Cache::open(&dir.path().join(FILE_NAME), "fp").unwrap();
        let judgement = judgement();
        let keys: Vec<Key> = (0..BULK + 1)
            .map(|i| key(&format!("m{i}")).unwrap())
            .collect();
        let items: Vec<(Key, &Judgement)> = keys.iter().map(|k| (k.clone(), &judgement)).collect();
        cache.put(&items[..BULK]);
        let wanted: Vec<Option<Key>> = keys.iter().cloned().map(Some).collect();
        let bulk = cache.get(&wanted, Want::Full);
        assert_eq!(bulk.iter().filter(|j| j.is_some()).count(), BULK);
        assert!(bulk[BULK].is_none());
        assert_eq!(cache.get(&wanted[..2], Want::Full), bulk[..2].to_vec());
    }

    #[test]
    fn another_fingerprint_finds_nothing_and_drops_the_stale() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        Cache::open(&path, "old")
            .unwrap()
            .put(&[(key("a").unwrap(), &judgement())]);
        let mut cache = Cache::open(&path, "new").unwrap();
        assert_eq!(cache.get(&[key("a")], Want::Full), vec![None]);
        assert_eq!(stats(&path).unwrap().entries, Some(0));
    }

    #[test]
    fn unusable_files_are_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let foreign = Connection::open(dir.path().join("other.sqlite")).unwrap();
        foreign
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        drop(foreign);
        let cases: Vec<Vec<u8>> = vec![
            b"not a database at all, just some text that is long enough to fill a header......."
                .repeat(3),
            fs::read(dir.path().join("other.sqlite")).unwrap(),
        ];
        for bytes in cases {
            fs::write(&path, &bytes).unwrap();
            let mut cache = Cache::open(&path, "fp").unwrap();
            cache.put(&[(key("a").unwrap(), &judgement())]);
            assert!(cache.get(&[key("a")], Want::Full)[0].is_some());
            let aside = dir.path().join(format!("{FILE_NAME}.aside"));
            assert_eq!(fs::read(&aside).unwrap(), bytes);
            drop(cache);
            clear(&path).unwrap();
        }
    }

    #[test]
    fn a_cut_short_cache_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let judgement = judgement();
        let keys: Vec<Key> = (0..200).map(|i| key(&format!("m{i}")).unwrap()).collect();
        let items: Vec<(Key, &Judgement)> = keys.iter().map(|k| (k.clone(), &judgement)).collect();
        Cache::open(&path, "fp").unwrap().put(&items);
        let len = fs::metadata(&path).unwrap().len();
        fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(len / 2 + 100)
            .unwrap();
        let mut cache = Cache::open(&path, "fp").unwrap();
        assert_eq!(cache.get(&[key("m1")], Want::Full), vec![None]);
        assert!(dir.path().join(format!("{FILE_NAME}.aside")).exists());
    }

    #[test]
    fn keys_come_from_maildir_names_only() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("cur")).unwrap();
        let file = dir.path().join("cur").join("123.M1.host:2,S");
        fs::write(&file, b"12345").unwrap();
        let loose = dir.path().join("message.eml");
        fs::write(&loose, b"12345").unwrap();
        assert_eq!(
            Key::of(&file),
            Some(Key {
                unique: "123.M1.host".into(),
                size: 5
            })
        );
        assert_eq!(Key::of(&loose), None);
    }

    #[test]
    fn the_fingerprint_follows_the_rules() {
        let rules = crate::config::Config::defaults().unwrap().rules();
        let mut other = rules.clone();
        other.trusted_authserv_ids.push("mx.example".into());
        assert_eq!(fingerprint(&rules, 10), fingerprint(&rules, 10));
        assert_ne!(fingerprint(&rules, 10), fingerprint(&other, 10));
        assert_ne!(fingerprint(&rules, 10), fingerprint(&rules, 11));
    }
}

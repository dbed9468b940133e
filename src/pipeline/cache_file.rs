//! The verdict cache's files on disk: a quick look at the SQLite header before opening, the file and its
//! companions (write-ahead log, shared memory), setting an unusable cache aside, and what `mailvet cache`
//! shows and clears.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub(super) enum Header {
    Fine,
    NotSqlite,
    Truncated,
}

/// Looks at the file's first 100 bytes (the SQLite header): missing or empty is fine (a new cache). A file
/// shorter than its header says is cut short only when no write-ahead log holds pages: while another process
/// copies its log into the file (a checkpoint), page 1 is written before the pages that make the file that
/// long. Should the log have just been emptied, that checkpoint is over, and a second look tells.
pub(super) fn check_header(path: &Path) -> io::Result<Header> {
    match read_header(path)? {
        Header::Truncated if log_holds_pages(path) => Ok(Header::Fine),
        Header::Truncated => read_header(path),
        header => Ok(header),
    }
}

/// Whether the cache's write-ahead log has anything in it.
fn log_holds_pages(path: &Path) -> bool {
    let [_, wal, _] = companions(path);
    fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

/// What the header says of the file as it is now.
fn read_header(path: &Path) -> io::Result<Header> {
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

/// Where a cache that could not be used is kept: `verdicts.sqlite.aside`.
fn aside(path: &Path) -> PathBuf {
    let mut aside = path.as_os_str().to_owned();
    aside.push(".aside");
    PathBuf::from(aside)
}

/// Renames the cache and its companions to `*.aside` (replacing an earlier one), so a new cache starts.
pub(super) fn set_aside(path: &Path) -> io::Result<()> {
    for (from, to) in companions(path).iter().zip(companions(&aside(path))) {
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
    let mut freed = 0;
    for file in companions(path).iter().chain(&companions(&aside(path))) {
        if let Ok(meta) = fs::metadata(file) {
            fs::remove_file(file)?;
            freed += meta.len();
        }
    }
    Ok(freed)
}

//! The only layer that reads and moves mail on disk: Maildir discovery and listing, loose .eml files,
//! size-capped reads, and acting on messages (flags, moves, undo, crash recovery).

pub mod drafts;
mod finder;
pub mod flag;
mod folder;
mod loose;
pub mod maildir;
pub mod name;
mod op_error;
pub mod ops;
mod place;
pub mod purge;
pub mod recover;
pub mod undo;

pub use flag::{Flag, FlagEdit};
pub use ops::{Bulk, Done, MessageRef, OpError, Plan, Writable};
pub use place::folder_of;
pub use purge::purge;
pub use recover::{Recovered, recover};
pub use undo::{Undo, undo};

use std::borrow::Cow;
use std::ffi::OsStr;
use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use rustix::fs::OFlags;

use crate::mail::sanitise::shown_path as shown;

/// One message file found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file.
    pub path: PathBuf,
    /// Maildir folder (`INBOX`, `Archive`, `Lists.rust`), or a loose file's directory relative to the input;
    /// empty for loose files given directly or lying in the input directory itself.
    pub folder: String,
    /// In a Maildir's `new/` (not yet seen by any client).
    pub is_new: bool,
    /// The Maildir unique name (the file name up to `:`); the whole file name for loose files.
    pub unique: String,
    /// Maildir flag letters (`FS`); empty for loose files.
    pub flags: String,
    /// Delivery time in Unix seconds from the Maildir name, for listing before parsing; `None` for loose files.
    pub delivered: Option<u64>,
}

impl Entry {
    /// The file `path`, named `name`, in a Maildir folder's `new/` or `cur/`: unique name, flags and delivery
    /// time from its name.
    fn in_maildir(path: PathBuf, name: &OsStr, folder: &str, is_new: bool) -> Self {
        // Borrowed: only what the entry keeps is copied.
        let file_name = text(name);
        let parsed = name::Name::parse(&file_name);
        Entry {
            folder: folder.to_owned(),
            is_new,
            unique: parsed.unique.to_owned(),
            flags: parsed.flags().to_owned(),
            delivered: parsed.delivered(),
            path,
        }
    }

    /// A file outside any Maildir (or given on its own): no flags, not new, unique name = file name.
    pub fn loose(path: PathBuf, folder: &str) -> Self {
        Entry {
            folder: folder.to_owned(),
            is_new: false,
            unique: file_name(&path),
            flags: String::new(),
            delivered: None,
            path,
        }
    }
}

/// A file name or path as text, as [`OsStr::to_string_lossy`] gives it, checked as UTF-8 the fast way first
/// (names are UTF-8 as a rule, and the lossy way reads them byte by byte).
pub fn text(name: &OsStr) -> Cow<'_, str> {
    name.to_str()
        .map_or_else(|| name.to_string_lossy(), Cow::Borrowed)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Errors of the store layer; messages are shown to users as they are.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The input does not exist.
    #[error("'{}' does not exist", shown(path))]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// The path is neither a regular file nor a directory (a FIFO, a socket, a device).
    #[error("'{}' is not a regular file or a directory", shown(path))]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// A symbolic link where a message should be: never followed.
    #[error(
        "'{}' is a symbolic link; mailvet reads only regular files as messages",
        shown(path)
    )]
    Symlink {
        /// The link.
        path: PathBuf,
    },
    /// Reading failed.
    #[error("cannot read '{}': {source}", shown(path))]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The message is larger than the configured limit.
    #[error(
        "'{}' is too large: {size} bytes, more than the limit of {limit} bytes (max_message_size)",
        shown(path)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes (at least `limit + 1` when it grew while being read).
        size: u64,
        /// The configured limit.
        limit: u64,
    },
}

impl StoreError {
    fn io(path: &Path, source: io::Error) -> Self {
        if source.kind() == io::ErrorKind::NotFound {
            StoreError::Missing {
                path: path.to_owned(),
            }
        } else {
            StoreError::Io {
                path: path.to_owned(),
                source,
            }
        }
    }
}

/// Every message under `inputs` (Maildirs, directories of .eml files, single files), input by input in a
/// stable order: within a Maildir `INBOX` first, then folders by name, each sorted by file name. An input
/// that cannot be read gives an error and the others are still listed.
pub fn collect(inputs: &[PathBuf]) -> (Vec<Entry>, Vec<StoreError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match fs::metadata(input) {
            Err(source) => errors.push(StoreError::io(input, source)),
            Ok(meta) if meta.is_dir() && maildir::is_maildir(input) => {
                entries.extend(maildir::collect(input, "", &mut errors));
            }
            Ok(meta) if meta.is_dir() => entries.extend(loose::collect(input, &mut errors)),
            Ok(meta) if meta.is_file() => entries.push(single(input)),
            Ok(_) => errors.push(StoreError::NotAFile {
                path: input.clone(),
            }),
        }
    }
    (entries, errors)
}

/// Checks that `path` can be opened as mail: a file that opens, or a directory (and a Maildir's `cur/` and
/// `new/`) that can be listed. The error names the path, the same one for every face.
pub fn check_readable(path: &Path) -> Result<(), StoreError> {
    let meta = fs::metadata(path).map_err(|e| StoreError::io(path, e))?;
    if meta.is_file() {
        return fs::File::open(path)
            .map(drop)
            .map_err(|e| StoreError::io(path, e));
    }
    if !meta.is_dir() {
        return Err(StoreError::NotAFile {
            path: path.to_owned(),
        });
    }
    let mut dirs = vec![path.to_owned()];
    if maildir::is_maildir(path) {
        dirs.extend([path.join("cur"), path.join("new")]);
    }
    for dir in dirs {
        fs::read_dir(&dir).map_err(|e| StoreError::io(&dir, e))?;
    }
    Ok(())
}

/// A file given directly: a loose file, or, when it lies in a Maildir's `new/` or `cur/`, with its flags.
fn single(path: &Path) -> Entry {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let sub = parent.and_then(Path::file_name).and_then(|n| n.to_str());
    let in_maildir = parent
        .and_then(Path::parent)
        .is_some_and(maildir::is_maildir);
    match sub {
        Some(sub @ ("new" | "cur")) if in_maildir => {
            let name = path.file_name().unwrap_or_default();
            Entry::in_maildir(path.to_owned(), name, "", sub == "new")
        }
        _ => Entry::loose(path.to_owned(), ""),
    }
}

/// Reads a message file, refusing files over `max_bytes` (checked before reading, and the read stops after
/// `max_bytes + 1` bytes so a file growing meanwhile cannot exhaust memory).
///
/// One path walk: the file is opened without following a symlink and without waiting on a FIFO, then checked
/// through the open file. When the open fails, the path is looked at again only to say why.
pub fn read_message(path: &Path, max_bytes: u64) -> Result<Vec<u8>, StoreError> {
    let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
        .map_err(|e| {
            fs::symlink_metadata(path)
                .ok()
                .and_then(|meta| refused(path, &meta, max_bytes))
                .unwrap_or_else(|| StoreError::io(path, e))
        })?;
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    if let Some(refusal) = refused(path, &meta, max_bytes) {
        return Err(refusal);
    }
    let bytes = read_sized(file, meta.len(), max_bytes.saturating_add(1))
        .map_err(|e| StoreError::io(path, e))?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > max_bytes {
        return Err(StoreError::TooLarge {
            path: path.to_owned(),
            size: read,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

/// Reads `file`, whose size was `size`, up to `limit` bytes: one read for the bytes and one that finds the
/// end (reading in growing steps takes three on average), into memory that is not zeroed first.
fn read_sized(file: fs::File, size: u64, limit: u64) -> io::Result<Vec<u8>> {
    // One spare byte: a file that grew since its size was taken fills it, and the rest is read after.
    let first = usize::try_from(size.saturating_add(1).min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(first);
    while bytes.len() < first {
        match rustix::io::read(&file, rustix::buffer::spare_capacity(&mut bytes)) {
            Ok(0) => break,
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    if bytes.len() == first {
        let rest = limit.saturating_sub(u64::try_from(first).unwrap_or(u64::MAX));
        file.take(rest).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Why a file with metadata `meta` is not read as a message, in this order: a symlink, not a regular file,
/// over `max_bytes`.
fn refused(path: &Path, meta: &fs::Metadata, max_bytes: u64) -> Option<StoreError> {
    let path = || path.to_owned();
    if meta.file_type().is_symlink() {
        Some(StoreError::Symlink { path: path() })
    } else if !meta.is_file() {
        Some(StoreError::NotAFile { path: path() })
    } else {
        (meta.len() > max_bytes).then(|| StoreError::TooLarge {
            path: path(),
            size: meta.len(),
            limit: max_bytes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::read_sized;

    #[test]
    fn a_file_read_by_its_size_gives_every_byte_even_when_it_grew_or_shrank() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("m");
        std::fs::write(&path, "x".repeat(5000)).expect("write");
        let open = || std::fs::File::open(&path).expect("open");
        for size in [0, 1, 4999, 5000, 5001, 9000] {
            assert_eq!(read_sized(open(), size, 10_000).expect("read").len(), 5000);
        }
        // Never beyond the limit, whatever the size said.
        assert_eq!(read_sized(open(), 10, 1001).expect("read").len(), 1001);
        assert_eq!(read_sized(open(), 0, 0).expect("read").len(), 0);
    }
}

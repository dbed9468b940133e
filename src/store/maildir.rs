//! Maildir discovery and listing: the root is `INBOX`, Maildir++ subfolders (`.Lists.rust` → `Lists.rust`) and
//! nested Maildirs (`Work/Projects`) are folders; `new/` and `cur/` are listed, `tmp/` and dotfiles never are.
//! Reads directories only, never message contents. Only regular files are messages (a symbolic link, FIFO,
//! device node or socket is reported, never followed or opened), and a folder reached twice (a `.Loop -> .`
//! link) is listed once. Names that are not UTF-8 are shown with U+FFFD in place of the bad bytes; the path
//! itself is kept exact.

use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::DirEntryExt;
use std::path::{Path, PathBuf};

use foldhash::fast::FixedState;
use rayon::prelude::*;

use super::{Entry, StoreError};

/// The name of a Maildir's root folder.
pub const INBOX: &str = "INBOX";

/// How deep nested Maildirs are searched for (bounds the walk on odd trees).
const MAX_DEPTH: usize = 16;

/// One folder of a Maildir.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    /// `INBOX`, `Archive`, `Lists.rust`, `Work/Projects` (prefixed when the Maildir sits inside another input).
    pub name: String,
    /// The directory holding `cur/` and `new/`.
    pub path: PathBuf,
}

/// Whether `dir` is a Maildir (it has `cur/` and `new/`).
pub fn is_maildir(dir: &Path) -> bool {
    dir.join("cur").is_dir() && dir.join("new").is_dir()
}

/// Every folder of the Maildir at `root`, root first, then by name. With an empty `prefix` the root is
/// `INBOX`; otherwise the root is named `prefix` and its folders `prefix/Name`.
pub fn folders(root: &Path, prefix: &str, errors: &mut Vec<StoreError>) -> Vec<Folder> {
    let root_name = if prefix.is_empty() { INBOX } else { prefix };
    let mut found = Vec::new();
    for entry in read_dir_sorted(root, errors) {
        let (path, name) = (entry.path(), entry.file_name());
        let name = name.to_string_lossy();
        if let Some(sub) = name.strip_prefix('.') {
            if sub.is_empty() || sub.starts_with('.') {
                continue;
            }
            if is_maildir(&path) {
                found.push(Folder {
                    name: join(prefix, sub),
                    path,
                });
            } else if is_real_dir(&entry)
                && let Err(source) = fs::read_dir(&path)
            {
                // A Maildir++ folder we may not enter (chmod 000) is named, never skipped silently.
                errors.push(StoreError::io(&path, source));
            }
        } else if !matches!(&*name, "cur" | "new" | "tmp") && is_real_dir(&entry) {
            nested(&path, &join(prefix, &name), 1, &mut found, errors);
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    let mut seen: HashSet<PathBuf> = fs::canonicalize(root).into_iter().collect();
    found.retain(|f| fs::canonicalize(&f.path).map_or(true, |real| seen.insert(real)));
    found.insert(
        0,
        Folder {
            name: root_name.to_owned(),
            path: root.to_owned(),
        },
    );
    found
}

/// Nested Maildirs under `dir` (itself one or not), named by their path relative to the root.
fn nested(
    dir: &Path,
    name: &str,
    depth: usize,
    found: &mut Vec<Folder>,
    errors: &mut Vec<StoreError>,
) {
    if is_maildir(dir) {
        found.push(Folder {
            name: name.to_owned(),
            path: dir.to_owned(),
        });
    }
    if depth >= MAX_DEPTH {
        return;
    }
    for entry in read_dir_sorted(dir, errors) {
        let file_name = entry.file_name();
        let child = file_name.to_string_lossy();
        if !child.starts_with('.')
            && !matches!(&*child, "cur" | "new" | "tmp")
            && is_real_dir(&entry)
        {
            nested(
                &entry.path(),
                &format!("{name}/{child}"),
                depth + 1,
                found,
                errors,
            );
        }
    }
}

/// The messages of one folder: `new/` and `cur/`, sorted by file name, each once (see [`drop_doubles`]).
pub fn list(folder: &Folder, errors: &mut Vec<StoreError>) -> Vec<Entry> {
    let mut entries = Vec::new();
    // The inode of each entry (from the directory listing: no stat).
    let mut inodes = Vec::new();
    let mut new = 0;
    for (sub, is_new) in [("new", true), ("cur", false)] {
        let dir = folder.path.join(sub);
        // Made on every core (a big INBOX is most of a start's listing), in the names' order.
        let listed: Vec<Result<(Entry, u64), StoreError>> = named_sorted(&dir, errors)
            .into_par_iter()
            .filter(|(name, _)| !name.as_encoded_bytes().starts_with(b"."))
            .filter_map(|(name, entry)| {
                let message = || {
                    (
                        Entry::in_maildir(joined(&dir, &name), &name, &folder.name, is_new),
                        entry.ino(),
                    )
                };
                message_file(&entry)
                    .map(|file| file.then(message))
                    .transpose()
            })
            .collect();
        entries.reserve(listed.len());
        inodes.reserve(listed.len());
        for item in listed {
            match item {
                Ok((entry, inode)) => {
                    entries.push(entry);
                    inodes.push(inode);
                }
                Err(problem) => errors.push(problem),
            }
        }
        if is_new {
            new = entries.len();
        }
    }
    drop_doubles(&mut entries, &inodes, new);
    // Each part is sorted already (new/ first): only a folder with messages in both needs them merged.
    if entries.first().is_some_and(|e| e.is_new) && entries.last().is_some_and(|e| !e.is_new) {
        entries.sort_by(|a, b| name_of(&a.path).cmp(name_of(&b.path)));
    }
    entries
}

/// `dir` joined with `name` as [`Path::join`] does, in one allocation of the size it takes.
fn joined(dir: &Path, name: &OsStr) -> PathBuf {
    let mut path = PathBuf::with_capacity(dir.as_os_str().len() + 1 + name.len());
    path.push(dir);
    path.push(name);
    path
}

/// Drops each entry whose file the listing saw again under another name: another client renamed it while
/// the folder was read, so the same file (one inode) is listed under two names with one unique name. Listed
/// twice, it was judged and printed twice, and a move of the second found it gone (the first had moved it)
/// and said so. Two cases: moved from `new/` to `cur/` between the two listings (the `cur/` name is kept),
/// and renamed within `cur/` (a flag change) while it was read: its names differ only after the unique name
/// and `:`, so sit side by side in name order (the later is kept). `entries[..new]` are from `new/`, the rest
/// from `cur/`, each part sorted by name; `inodes[i]` is the inode of `entries[i]` as the directory listing
/// gave it (no stat); 0, which some filesystems give, never matches.
fn drop_doubles(entries: &mut Vec<Entry>, inodes: &[u64], new: usize) {
    let same = |a: usize, b: usize| {
        inodes[a] != 0 && inodes[a] == inodes[b] && entries[a].unique == entries[b].unique
    };
    let mut doubled: Vec<usize> = (1..entries.len())
        .filter(|&i| i != new && same(i - 1, i))
        .map(|i| i - 1)
        .collect();
    if new > 0 && new < entries.len() {
        // new/ is small next to cur/ as a rule: only its inodes are hashed.
        let in_new: HashMap<u64, usize, FixedState> = inodes[..new]
            .iter()
            .enumerate()
            .map(|(i, &inode)| (inode, i))
            .collect();
        doubled.extend(
            (new..entries.len())
                .filter_map(|i| in_new.get(&inodes[i]).filter(|&&j| same(j, i)).copied()),
        );
    }
    if !doubled.is_empty() {
        doubled.sort_unstable();
        let mut i = 0;
        entries.retain(|_| {
            i += 1;
            doubled.binary_search(&(i - 1)).is_err()
        });
    }
}

/// Every message of the Maildir at `root` (see [`folders`] for `prefix`), in a stable order.
pub fn collect(root: &Path, prefix: &str, errors: &mut Vec<StoreError>) -> Vec<Entry> {
    // The folders are listed in parallel (a big INBOX need not hold the others up); the entries and the
    // problems keep the folders' order.
    let listed: Vec<(Vec<Entry>, Vec<StoreError>)> = folders(root, prefix, errors)
        .par_iter()
        .map(|folder| {
            let mut problems = Vec::new();
            (list(folder, &mut problems), problems)
        })
        .collect();
    let mut entries = Vec::with_capacity(listed.iter().map(|(e, _)| e.len()).sum());
    for (listed, problems) in listed {
        entries.extend(listed);
        errors.extend(problems);
    }
    entries
}

/// The entries of a directory, sorted by name; a directory that cannot be read is reported and gives none.
pub(super) fn read_dir_sorted(dir: &Path, errors: &mut Vec<StoreError>) -> Vec<fs::DirEntry> {
    named_sorted(dir, errors)
        .into_iter()
        .map(|(_, entry)| entry)
        .collect()
}

/// [`read_dir_sorted`], each entry with its name (taken once: a name is not copied at every comparison).
fn named_sorted(dir: &Path, errors: &mut Vec<StoreError>) -> Vec<(OsString, fs::DirEntry)> {
    let mut entries = Vec::new();
    match fs::read_dir(dir) {
        Ok(iter) => {
            for entry in iter {
                match entry {
                    Ok(entry) => entries.push((entry.file_name(), entry)),
                    Err(source) => errors.push(StoreError::io(dir, source)),
                }
            }
        }
        Err(source) => errors.push(StoreError::io(dir, source)),
    }
    // The names in a directory are unique: an unstable sort gives one order.
    entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    entries
}

/// What follows the last `/` of `path` (all of it when there is none): the file name of a path the listing
/// made (a directory joined with a name read from it), found without taking the path apart into components
/// as `Path::file_name` does (two calls per comparison: merging `new/` and `cur/` took 60 million
/// instructions at 100,000 messages).
pub fn name_of(path: &Path) -> &OsStr {
    let bytes = path.as_os_str().as_bytes();
    OsStr::from_bytes(&bytes[bytes.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1)..])
}

/// A directory that is not a symlink (symlinked directories are not followed: no loops).
pub(super) fn is_real_dir(entry: &fs::DirEntry) -> bool {
    entry.file_type().is_ok_and(|t| t.is_dir())
}

/// A regular file (not a symlink: a link to `/etc/shadow` is no message); the problem of an entry that is
/// not one is pushed to `errors` (see [`message_file`]).
pub(super) fn is_file(entry: &fs::DirEntry, errors: &mut Vec<StoreError>) -> bool {
    message_file(entry).unwrap_or_else(|problem| {
        errors.push(problem);
        false
    })
}

/// Whether a directory entry is a message file: true for a regular file, false for a directory (skipped)
/// or an entry that cannot be examined; a symlink, FIFO, device node or socket is a problem to report, never
/// opened (opening a device can act on it: a tape rewinds, a modem line hangs up). The type is the one the
/// directory listing gave (no stat) where the filesystem gives it, else the entry's `lstat`.
fn message_file(entry: &fs::DirEntry) -> Result<bool, StoreError> {
    match entry.file_type() {
        Ok(t) if t.is_file() => Ok(true),
        Ok(t) if t.is_symlink() => Err(StoreError::Symlink { path: entry.path() }),
        Ok(t) if t.is_dir() => Ok(false),
        Ok(_) => Err(StoreError::NotAFile { path: entry.path() }),
        Err(_) => Ok(false),
    }
}

/// `prefix/name`, or `name` when there is no prefix.
pub(super) fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::{join, name_of};
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    #[test]
    fn a_listed_name_is_the_file_name() {
        let odd = OsStr::from_bytes(b"17.M1P1.h\xff:2,S");
        for dir in ["/mail/.Archive/cur", "mail/cur", "./new", "/"] {
            for name in [OsStr::new("1700000000.M1P1.host:2,S"), odd, OsStr::new("x")] {
                let path = Path::new(dir).join(name);
                assert_eq!(Some(name_of(&path)), path.file_name(), "{path:?}");
            }
        }
    }

    #[test]
    fn join_names() {
        assert_eq!(join("", "Archive"), "Archive");
        assert_eq!(join("mail", "Archive"), "mail/Archive");
    }
}

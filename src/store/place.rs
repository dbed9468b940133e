//! Putting a message file at a new path without ever losing it or replacing another: `rename(2)` on one
//! filesystem; across filesystems copy into the target folder's `tmp/` → fsync → link into `cur/`/`new/` →
//! fsync the directory → unlink the source → unlink the copy in `tmp/`. A crash at any point leaves the message
//! in at least one of `cur/`/`new/`; `recover` removes or places what a crash left in `tmp/`.
//! Also: finding a file again by its unique name, and creating Maildir folders.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::ops::OpError;
use super::{maildir, name};

/// The prefix of mailvet's copies in a `tmp/` during a cross-filesystem move: `mailvet-move.cur.NAME`.
pub(super) const TMP_PREFIX: &str = "mailvet-move.";

/// How often an op looks a message up again when another client renames it under our feet.
pub(super) const RETRIES: usize = 8;

/// Moves `from` to `to` (a path in a Maildir folder's `cur/` or `new/` whose `tmp/` exists). Fails with
/// `Exists` when `to` is taken and `Io` (NotFound) when `from` is gone; then nothing was changed.
pub(super) fn relocate(from: &Path, to: &Path) -> Result<(), OpError> {
    if fs::symlink_metadata(to).is_ok() {
        return Err(OpError::Exists { path: to.into() });
    }
    match fs::rename(from, to) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::CrossesDevices => across(from, to),
        Err(e) => Err(OpError::io(from, e)),
    }
}

/// The cross-filesystem move (see the module doc for the order of steps).
fn across(from: &Path, to: &Path) -> Result<(), OpError> {
    let (Some(sub_dir), Some(file)) = (to.parent(), to.file_name()) else {
        return Err(OpError::NotInMaildir { path: to.into() });
    };
    let (Some(folder), Some(sub)) = (sub_dir.parent(), sub_dir.file_name()) else {
        return Err(OpError::NotInMaildir { path: to.into() });
    };
    let tmp = folder.join("tmp").join(format!(
        "{TMP_PREFIX}{}.{}",
        sub.to_string_lossy(),
        file.to_string_lossy()
    ));
    // A copy left by an earlier crash while the source still exists is stale: start again.
    remove_if_present(&tmp)?;
    copy_synced(from, &tmp)?;
    if let Err(e) = fs::hard_link(&tmp, to) {
        remove_if_present(&tmp)?;
        return Err(if e.kind() == io::ErrorKind::AlreadyExists {
            OpError::Exists { path: to.into() }
        } else {
            OpError::io(to, e)
        });
    }
    sync_dir(sub_dir)?;
    unlink_source(from)?;
    remove_if_present(&tmp)
}

/// Copies `from` to a new file `to` and fsyncs it.
fn copy_synced(from: &Path, to: &Path) -> Result<(), OpError> {
    let mut source = fs::File::open(from).map_err(|e| OpError::io(from, e))?;
    let mut copy = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(to)
        .map_err(|e| OpError::io(to, e))?;
    let copied = io::copy(&mut source, &mut copy).and_then(|_| copy.sync_all());
    if let Err(e) = copied {
        drop(copy);
        remove_if_present(to)?;
        return Err(OpError::io(to, e));
    }
    Ok(())
}

/// Unlinks the source of a finished copy; when another client renamed it meanwhile (flags, new → cur), the
/// renamed file is the same message and goes instead.
fn unlink_source(from: &Path) -> Result<(), OpError> {
    let unique = file_unique(from);
    let mut path = from.to_owned();
    for _ in 0..RETRIES {
        match fs::remove_file(&path) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                match folder_of(from).and_then(|f| find(&f, &unique)) {
                    Some(found) => path = found,
                    None => return Ok(()), // someone else removed it: still exactly one copy
                }
            }
            Err(e) => return Err(OpError::io(&path, e)),
        }
    }
    Err(OpError::Busy { path: from.into() })
}

/// Removes `path`; a missing file is fine.
pub(super) fn remove_if_present(path: &Path) -> Result<(), OpError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(OpError::io(path, e)),
        _ => Ok(()),
    }
}

/// Flushes a directory's entries to disk.
fn sync_dir(dir: &Path) -> Result<(), OpError> {
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| OpError::io(dir, e))
}

/// The unique part of a file name (before `:`).
pub(super) fn file_unique(path: &Path) -> String {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name::Name::parse(&file).unique.to_owned()
}

/// The Maildir folder holding a message at `path` (the directory above its `cur/` or `new/`).
pub fn folder_of(path: &Path) -> Option<PathBuf> {
    let sub = path.parent()?;
    let folder = sub.parent()?;
    let in_sub = matches!(sub.file_name()?.to_str()?, "cur" | "new");
    (in_sub && maildir::is_maildir(folder)).then(|| folder.to_owned())
}

/// The message with unique name `unique` in `folder`'s `cur/` or `new/` (another client may have renamed it).
pub(super) fn find(folder: &Path, unique: &str) -> Option<PathBuf> {
    ["cur", "new"].into_iter().find_map(|sub| {
        fs::read_dir(folder.join(sub)).ok()?.find_map(|entry| {
            let entry = entry.ok()?;
            let file = entry.file_name();
            (name::Name::parse(&file.to_string_lossy()).unique == unique).then(|| entry.path())
        })
    })
}

/// Creates the Maildir folder `dir` (`cur/`, `new/`, `tmp/`, and Maildir++'s `maildirfolder` marker for a
/// `.Sub` folder) where missing.
pub(super) fn ensure_folder(dir: &Path) -> Result<(), OpError> {
    for sub in ["cur", "new", "tmp"] {
        let path = dir.join(sub);
        fs::create_dir_all(&path).map_err(|e| OpError::io(&path, e))?;
    }
    let dotted = dir
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    let marker = dir.join("maildirfolder");
    if dotted && fs::symlink_metadata(&marker).is_err() {
        fs::File::create(&marker).map_err(|e| OpError::io(&marker, e))?;
    }
    Ok(())
}

//! A Maildir folder as the store's moves see it: its lock, its messages by unique name, and creating it.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::ops::OpError;
use super::{maildir, name};

/// A `flock` on a folder directory, released when dropped: movers share it, recovery takes it alone.
pub(super) struct FolderLock {
    _dir: fs::File,
}

impl FolderLock {
    /// Waits for a shared lock on `folder`.
    pub(super) fn shared(folder: &Path) -> Result<FolderLock, OpError> {
        let dir = fs::File::open(folder).map_err(|e| OpError::io(folder, e))?;
        dir.lock_shared().map_err(|e| OpError::io(folder, e))?;
        Ok(FolderLock { _dir: dir })
    }

    /// An exclusive lock on `folder`, or `None` while another mailvet is moving messages in or out of it.
    pub(super) fn try_exclusive(folder: &Path) -> Result<Option<FolderLock>, OpError> {
        let dir = fs::File::open(folder).map_err(|e| OpError::io(folder, e))?;
        match dir.try_lock() {
            Ok(()) => Ok(Some(FolderLock { _dir: dir })),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(OpError::io(folder, e)),
        }
    }
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

/// Every message of `folder`'s `cur/` and `new/` by unique name.
pub(super) fn index(folder: &Path) -> HashMap<String, PathBuf> {
    let mut index = HashMap::new();
    for sub in ["cur", "new"] {
        let Ok(dir) = fs::read_dir(folder.join(sub)) else {
            continue;
        };
        for entry in dir.flatten() {
            let file = entry.file_name();
            let unique = name::Name::parse(&file.to_string_lossy()).unique.to_owned();
            index.entry(unique).or_insert_with(|| entry.path());
        }
    }
    index
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

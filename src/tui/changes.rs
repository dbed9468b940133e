//! What changed in folders since they were last listed. The disk thread keeps the file paths it last saw in
//! each folder and sends only the difference, so a change in a folder of 100,000 messages costs the UI thread
//! the changed rows, not the folder.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::pipeline::Listing;
use crate::store::Entry;

/// Files that appeared in and disappeared from some folders (a rename is one of each).
#[derive(Debug, Default)]
pub struct Changes {
    /// The folders looked at: (name, directory); new ones join the sidebar.
    pub folders: Vec<(String, PathBuf)>,
    /// Files that appeared.
    pub added: Vec<Entry>,
    /// Files that disappeared.
    pub removed: Vec<PathBuf>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// The files last seen, by folder directory.
#[derive(Debug, Default)]
pub struct Known {
    /// The paths, shared with the rows of the first listing (one copy of each of 100,000 paths).
    files: HashMap<PathBuf, HashSet<Arc<Path>>>,
}

fn dir_of(path: &Path) -> PathBuf {
    path.parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

impl Known {
    /// Remembers the first listing: its folders and the paths of its files (taken apart from the listing,
    /// so that the listing can go to the interface first).
    pub fn remember(&mut self, folders: &[(String, PathBuf)], paths: Vec<Arc<Path>>) {
        for (_, dir) in folders {
            self.files.entry(dir.clone()).or_default();
        }
        for path in paths {
            self.files.entry(dir_of(&path)).or_default().insert(path);
        }
    }

    /// Remembers a listing of `listing.folders`, and returns how it differs from what was known of them.
    /// With `whole`, the listing covers the whole Maildir: known folders missing from it are now empty.
    pub fn update(&mut self, listing: Listing, whole: bool) -> Changes {
        let mut now: HashMap<PathBuf, HashSet<Arc<Path>>> = listing
            .folders
            .iter()
            .map(|(_, dir)| (dir.clone(), HashSet::new()))
            .collect();
        if whole {
            for dir in self.files.keys() {
                now.entry(dir.clone()).or_default();
            }
        }
        let mut added = Vec::new();
        for entry in listing.entries {
            let dir = dir_of(&entry.path);
            let seen = (self.files.get(&dir)).and_then(|files| files.get(entry.path.as_path()));
            let path = seen.map_or_else(|| Arc::from(entry.path.as_path()), Arc::clone);
            now.entry(dir).or_default().insert(path);
            if seen.is_none() {
                added.push(entry);
            }
        }
        let mut removed = Vec::new();
        for (dir, files) in now {
            let old = self.files.remove(&dir).unwrap_or_default();
            let gone = old.into_iter().filter(|p| !files.contains(p));
            removed.extend(gone.map(|p| p.to_path_buf()));
            self.files.insert(dir, files);
        }
        Changes {
            folders: listing.folders,
            added,
            removed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(files: &[&str]) -> Listing {
        Listing {
            entries: files
                .iter()
                .map(|f| crate::store::Entry::loose(PathBuf::from(f), "INBOX"))
                .collect(),
            errors: Vec::new(),
            folders: vec![("INBOX".into(), PathBuf::from("/m"))],
        }
    }

    #[test]
    fn only_the_difference_is_sent() {
        let mut known = Known::default();
        let first = listing(&["/m/cur/1.a:2,S", "/m/new/2.b"]);
        let paths = first
            .entries
            .iter()
            .map(|e| Arc::from(e.path.as_path()))
            .collect();
        known.remember(&first.folders, paths);
        let changes = known.update(
            listing(&["/m/cur/1.a:2,FS", "/m/new/2.b", "/m/new/3.c"]),
            false,
        );
        let added: Vec<&Path> = changes.added.iter().map(|e| e.path.as_path()).collect();
        assert_eq!(
            added,
            [Path::new("/m/cur/1.a:2,FS"), Path::new("/m/new/3.c")]
        );
        assert_eq!(changes.removed, [PathBuf::from("/m/cur/1.a:2,S")]);
        let same = listing(&["/m/cur/1.a:2,FS", "/m/new/2.b", "/m/new/3.c"]);
        assert!(known.update(same, false).is_empty());
        let mut other = listing(&["/o/cur/4.d"]);
        other.folders = vec![("Other".into(), PathBuf::from("/o"))];
        let whole = known.update(other, true);
        assert_eq!(whole.removed.len(), 3, "the folder /m is gone");
        assert_eq!(whole.added.len(), 1);
    }
}

//! Directories that are not Maildirs: every regular file in them, recursively (dotfiles skipped), each in the
//! folder named by its directory relative to the input; Maildirs found inside are listed as Maildirs.

use std::path::Path;

use super::maildir::{self, is_file, is_maildir, is_real_dir, join, read_dir_sorted};
use super::{Entry, StoreError};

/// How deep directories are walked.
const MAX_DEPTH: usize = 32;

/// Every message under `dir`, loose files of a directory before its subdirectories, all sorted by name.
pub fn collect(dir: &Path, errors: &mut Vec<StoreError>) -> Vec<Entry> {
    let mut entries = Vec::new();
    walk(dir, "", 0, &mut entries, errors);
    entries
}

fn walk(
    dir: &Path,
    folder: &str,
    depth: usize,
    out: &mut Vec<Entry>,
    errors: &mut Vec<StoreError>,
) {
    let mut subdirs = Vec::new();
    for entry in read_dir_sorted(dir, errors) {
        let file_name = entry.file_name();
        let name = file_name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if is_real_dir(&entry) {
            subdirs.push((entry.path(), join(folder, &name)));
        } else if is_file(&entry, errors) {
            out.push(Entry::loose(entry.path(), folder));
        }
    }
    for (path, name) in subdirs {
        if is_maildir(&path) {
            out.extend(maildir::collect(&path, &name, errors));
        } else if depth < MAX_DEPTH {
            walk(&path, &name, depth + 1, out, errors);
        }
    }
}

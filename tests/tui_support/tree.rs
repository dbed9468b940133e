//! A snapshot of a whole directory tree (every path, its mtime, size and contents), to prove a read-only
//! session changed nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One entry of a tree: mtime in ns, size, contents (empty for directories).
pub type Entry = (u128, u64, Vec<u8>);

/// Every entry under `dir`, and `dir` itself (as the empty path), by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut out = BTreeMap::new();
    out.insert(PathBuf::new(), entry(dir));
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d)
            .expect("readable")
            .filter_map(Result::ok)
        {
            let path = e.path();
            if std::fs::symlink_metadata(&path).expect("metadata").is_dir() {
                todo.push(path.clone());
            }
            let rel = path.strip_prefix(dir).expect("inside").to_path_buf();
            out.insert(rel, entry(&path));
        }
    }
    out
}

fn entry(path: &Path) -> Entry {
    let meta = std::fs::symlink_metadata(path).expect("metadata");
    let mtime = meta
        .modified()
        .expect("mtime")
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after epoch")
        .as_nanos();
    let contents = if meta.is_file() {
        std::fs::read(path).expect("readable")
    } else {
        Vec::new()
    };
    (mtime, meta.len(), contents)
}

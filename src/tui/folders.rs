//! The folders of the list, pure: found or added by name or directory, kept in order (INBOX first, then by
//! name) with the rows' folder indexes following, and counted (messages, unread, suspicious, phishing).

use std::path::Path;

use crate::model::Trust;

use super::state::{AppState, FolderStat, Row};

/// The index of the folder named `name` in `folders`, added (with `dir`) when new; folders keep their order
/// until [`sort_folders`].
pub(super) fn folder_named(folders: &mut Vec<FolderStat>, name: &str, dir: &Path) -> usize {
    if let Some(i) = folders.iter().position(|f| f.name == name) {
        if folders[i].dir.as_os_str().is_empty() {
            folders[i].dir = dir.to_path_buf();
        }
        return i;
    }
    folders.push(FolderStat {
        name: name.to_string(),
        dir: dir.to_path_buf(),
        ..FolderStat::default()
    });
    folders.len() - 1
}

/// The index of the folder in directory `dir`; a new folder is named `hint`, else after its directory.
pub(super) fn folder_at(s: &mut AppState, dir: &Path, hint: Option<&str>) -> usize {
    if let Some(i) = s.folders.iter().position(|f| f.dir == dir) {
        return i;
    }
    let name = hint.map_or_else(
        || {
            let base = dir.file_name().map(|n| n.to_string_lossy().into_owned());
            let base = base.unwrap_or_default();
            base.strip_prefix('.').unwrap_or(&base).to_string()
        },
        str::to_string,
    );
    folder_named(&mut s.folders, &name, dir)
}

/// INBOX first, then by name (any case), the rows' folder indexes following; returns each folder's new
/// index by its old one.
pub(super) fn sort_folders(folders: &mut Vec<FolderStat>, rows: &mut [Row]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..folders.len()).collect();
    order.sort_by_key(|&i| (folders[i].name != "INBOX", folders[i].name.to_lowercase()));
    let mut new_index = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<FolderStat>> =
        std::mem::take(folders).into_iter().map(Some).collect();
    *folders = order.iter().filter_map(|&i| slots[i].take()).collect();
    for row in rows {
        row.folder_idx = new_index.get(row.folder_idx).copied().unwrap_or(0);
    }
    new_index
}

/// Folders in order ([`sort_folders`]); the shown folder and the sidebar cursor follow.
pub(super) fn sort_state_folders(s: &mut AppState) {
    let new_index = sort_folders(&mut s.folders, &mut s.rows);
    follow_folders(s, &new_index);
}

/// The shown folder and the sidebar cursor follow their folders to their new indexes.
pub(super) fn follow_folders(s: &mut AppState, new_index: &[usize]) {
    s.folder = new_index.get(s.folder).copied().unwrap_or(0);
    s.sidebar_sel = new_index.get(s.sidebar_sel).copied().unwrap_or(0);
}

/// Counts every folder's messages again (trashed and gone ones do not count).
pub(super) fn recount(s: &mut AppState) {
    count(&mut s.folders, &s.rows);
}

pub(super) fn count(folders: &mut [FolderStat], rows: &[Row]) {
    for f in folders.iter_mut() {
        (f.total, f.unread, f.suspicious, f.phishing) = (0, 0, 0, 0);
    }
    for row in rows.iter().filter(|r| !r.gone && !r.trashed()) {
        if let Some(f) = folders.get_mut(row.folder_idx) {
            f.total += 1;
            f.unread += usize::from(row.unread());
            f.suspicious += usize::from(row.trust() == Some(Trust::Suspicious));
            f.phishing += usize::from(row.trust() == Some(Trust::Phishing));
        }
    }
}

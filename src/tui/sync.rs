//! Keeping the rows in step with the disk, pure: the first listing, the result of our own writes (renamed
//! and removed paths), and rescans after changes by other clients. Rows are matched by their Maildir unique
//! name, which renames keep, so a row keeps its id, its verdict and the selection. Row ids never change:
//! a message that is gone is hidden, not removed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::model::{Trust, Verdict};
use crate::store::name::Name;

use super::effect::Effect;
use super::source::{Listing, Report, Summary, clean};
use super::state::{AppState, FolderStat, Row};

/// The directory of the folder holding the message file `path` (above its `cur/` or `new/`).
fn dir_of(path: &Path) -> PathBuf {
    path.parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn flags_of(path: &Path) -> String {
    let file = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    Name::parse(file).flags().to_string()
}

/// The index of the folder named `name`, added (with `dir`) when new; folders keep their order until
/// [`sort_folders`].
fn folder_named(s: &mut AppState, name: &str, dir: &Path) -> usize {
    if let Some(i) = s.folders.iter().position(|f| f.name == name) {
        if s.folders[i].dir.as_os_str().is_empty() {
            s.folders[i].dir = dir.to_path_buf();
        }
        return i;
    }
    s.folders.push(FolderStat {
        name: name.to_string(),
        dir: dir.to_path_buf(),
        ..FolderStat::default()
    });
    s.folders.len() - 1
}

/// The index of the folder in directory `dir`; a new folder is named `hint`, else after its directory.
fn folder_at(s: &mut AppState, dir: &Path, hint: Option<&str>) -> usize {
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
    folder_named(s, &name, dir)
}

/// INBOX first, then by name (any case); row folder indexes, the shown folder and the sidebar cursor follow.
fn sort_folders(s: &mut AppState) {
    let mut order: Vec<usize> = (0..s.folders.len()).collect();
    order.sort_by_key(|&i| {
        (
            s.folders[i].name != "INBOX",
            s.folders[i].name.to_lowercase(),
        )
    });
    let mut new_index = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let folders = std::mem::take(&mut s.folders);
    let mut slots: Vec<Option<FolderStat>> = folders.into_iter().map(Some).collect();
    s.folders = order.iter().filter_map(|&i| slots[i].take()).collect();
    for row in &mut s.rows {
        row.folder_idx = new_index.get(row.folder_idx).copied().unwrap_or(0);
    }
    s.folder = new_index.get(s.folder).copied().unwrap_or(0);
    s.sidebar_sel = new_index.get(s.sidebar_sel).copied().unwrap_or(0);
}

/// Counts every folder's messages again (trashed and gone ones do not count).
pub fn recount(s: &mut AppState) {
    for f in &mut s.folders {
        (f.total, f.unread, f.suspicious, f.phishing) = (0, 0, 0, 0);
    }
    for row in s.rows.iter().filter(|r| !r.gone && !r.trashed()) {
        if let Some(f) = s.folders.get_mut(row.folder_idx) {
            f.total += 1;
            f.unread += usize::from(row.unread());
            f.suspicious += usize::from(row.trust() == Some(Trust::Suspicious));
            f.phishing += usize::from(row.trust() == Some(Trust::Phishing));
        }
    }
}

/// The first listing: folders (empty ones too), rows, and the analysis of every row.
pub fn listed(s: &mut AppState, listing: Listing, effects: &mut Vec<Effect>) {
    s.folders.clear();
    for (name, dir) in &listing.folders {
        folder_named(s, name, dir);
    }
    s.rows = listing.rows;
    let mut rows = std::mem::take(&mut s.rows);
    for row in &mut rows {
        row.folder_idx = folder_named(s, &row.folder, &dir_of(&row.path));
    }
    s.rows = rows;
    sort_folders(s);
    recount(s);
    s.listed = true;
    s.status = match listing.errors.first() {
        Some(e) => clean(e),
        None if s.rows.is_empty() => "no messages found".into(),
        None => String::new(),
    };
    s.refresh();
    effects.push(Effect::Analyse(
        s.rows.iter().map(|r| r.path.clone()).collect(),
    ));
}

/// Rows by unique name (those not gone).
fn by_unique(rows: &[Row]) -> HashMap<String, Vec<usize>> {
    let mut map: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate().filter(|(_, r)| !r.gone) {
        map.entry(row.unique().to_string()).or_default().push(i);
    }
    map
}

/// A row was analysed: its envelope and verdict (without signals), counted in its folder. A row that could not
/// be read keeps an earlier readable verdict (the analysis of a stale path after a move).
pub fn analysed(s: &mut AppState, id: usize, summary: Summary) {
    let Some(row) = s.rows.get_mut(id) else {
        return;
    };
    match &row.verdict {
        None => s.analysed += 1,
        Some(v) if v.trust != Trust::Unparseable && summary.verdict.trust == Trust::Unparseable => {
            return;
        }
        Some(_) => {}
    }
    if let Some(f) = s
        .folders
        .get_mut(row.folder_idx)
        .filter(|_| !row.gone && !row.trashed())
    {
        f.suspicious += usize::from(summary.verdict.trust == Trust::Suspicious);
        f.phishing += usize::from(summary.verdict.trust == Trust::Phishing);
    }
    row.envelope = summary.envelope;
    row.verdict = Some(Verdict {
        signals: Vec::new(),
        ..summary.verdict
    });
    s.dirty = true;
}

/// Puts row `id` at `path` in folder `folder`; a row leaving its folder is unmarked. A row not analysed yet
/// is analysed again at its new path (the queued analysis may read the old one): returned for [`Effect::AnalyseRows`].
fn relocate(s: &mut AppState, id: usize, path: PathBuf, folder: usize) -> Option<(usize, PathBuf)> {
    let name = s.folders.get(folder).map(|f| f.name.clone());
    let again = s
        .rows
        .get(id)
        .filter(|r| r.verdict.is_none() || r.trust() == Some(Trust::Unparseable))
        .map(|_| (id, path.clone()));
    if let Some(row) = s.rows.get_mut(id) {
        row.flags = flags_of(&path);
        row.path = path;
        if row.folder_idx != folder {
            s.marks.remove(&id);
        }
        row.folder_idx = folder;
        row.folder = name.unwrap_or_default();
    }
    again
}

/// A write finished: rows follow their files, purged rows go, the status line says what happened.
pub fn acted(s: &mut AppState, report: Report, effects: &mut Vec<Effect>) {
    s.status = clean(&report.done);
    if let Some((name, dir)) = &report.folder {
        folder_at(s, dir, Some(name));
    }
    let index = by_unique(&s.rows);
    let find = |s: &AppState, old: &Path| -> Option<usize> {
        let file = old.file_name()?.to_str()?;
        let ids = index.get(Name::parse(file).unique)?;
        ids.iter()
            .copied()
            .find(|&i| s.rows[i].path == old)
            .or_else(|| ids.first().copied())
    };
    let mut moves = Vec::new();
    for (old, new) in report.renamed {
        if let Some(id) = find(s, &old) {
            moves.push((id, new));
        }
    }
    let gone: Vec<usize> = report.removed.iter().filter_map(|p| find(s, p)).collect();
    let mut again = Vec::new();
    for (id, new) in moves {
        let hint = report
            .folder
            .as_ref()
            .filter(|(_, d)| *d == dir_of(&new))
            .map(|(n, _)| n.clone());
        let folder = folder_at(s, &dir_of(&new), hint.as_deref());
        again.extend(relocate(s, id, new, folder));
    }
    if !again.is_empty() {
        effects.push(Effect::AnalyseRows(again));
    }
    for id in gone {
        s.rows[id].gone = true;
        s.marks.remove(&id);
    }
    settle(s);
}

/// Folders listed again: a renamed file updates its row in place (same unique name), new files become rows
/// (and are analysed), rows of those folders whose file is gone are hidden.
pub fn rescanned(s: &mut AppState, listing: Listing, effects: &mut Vec<Effect>) {
    if !s.listed {
        return;
    }
    let scanned: HashSet<PathBuf> = listing.folders.iter().map(|(_, d)| d.clone()).collect();
    for (name, dir) in &listing.folders {
        folder_named(s, name, dir);
    }
    let index = by_unique(&s.rows);
    let mut claimed: HashSet<usize> = HashSet::new();
    let mut fresh = Vec::new();
    let mut analyse = Vec::new();
    for row in listing.rows {
        let ids = index
            .get(row.unique())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let unclaimed = |i: &&usize| !claimed.contains(*i);
        let same = ids
            .iter()
            .filter(unclaimed)
            .find(|&&i| s.rows[i].path == row.path)
            .or_else(|| ids.iter().find(unclaimed))
            .copied();
        let folder = folder_named(s, &row.folder, &dir_of(&row.path));
        match same {
            Some(id) => {
                claimed.insert(id);
                if s.rows[id].path != row.path {
                    analyse.extend(relocate(s, id, row.path, folder));
                }
            }
            None => fresh.push(Row {
                folder_idx: folder,
                ..row
            }),
        }
    }
    for (i, row) in s.rows.iter_mut().enumerate() {
        if !row.gone && !claimed.contains(&i) && scanned.contains(&dir_of(&row.path)) {
            row.gone = true;
            s.marks.remove(&i);
        }
    }
    let first = s.rows.len();
    analyse.extend(
        fresh
            .iter()
            .enumerate()
            .map(|(n, r)| (first + n, r.path.clone())),
    );
    s.rows.extend(fresh);
    if !analyse.is_empty() {
        effects.push(Effect::AnalyseRows(analyse));
    }
    settle(s);
}

fn settle(s: &mut AppState) {
    sort_folders(s);
    recount(s);
    s.refresh();
}

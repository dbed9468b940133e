//! Keeping the rows in step with the disk, pure: the first listing, the result of our own writes (renamed
//! and removed paths), and rescans after changes by other clients. Rows are matched by their Maildir unique
//! name, which renames keep, so a row keeps its id, its verdict and the selection. Row ids never change:
//! a message that is gone is hidden, not removed.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::model::{Trust, Verdict};
use crate::store::name::Name;

use super::changes::Changes;
use super::effect::Effect;
use super::folders::{
    count, folder_at, folder_named, follow_folders, recount, sort_folders, sort_state_folders,
};
use super::jobs::Report;
use super::order::Order;
use super::row::folder_name;
use super::state::{AppState, FolderStat, Row, SortKey};
use super::wording::clean;
use crate::pipeline::{Listing, Summary};
use crate::store::Entry;

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

/// The first listing made into folders (empty ones too, in order, counted), rows and their date order, away
/// from the interface's thread: 100,000 rows take ~100 ms to make and sort, which the interface would spend
/// between two keys. [`listed`] then only takes them.
#[derive(Debug)]
pub struct Prepared {
    /// Every folder, in order, with counts.
    pub folders: Vec<FolderStat>,
    /// Each folder's index in `folders` by its place in the listing.
    new_index: Vec<usize>,
    /// Every message, in listing order.
    pub rows: Vec<Row>,
    /// The rows sorted by date (the interface sorts them again if it shows another order).
    order: Order,
    /// What could not be listed.
    pub errors: Vec<String>,
}

/// Makes the rows of the first listing ([`Prepared`]).
pub fn prepare(listing: Listing) -> Prepared {
    let mut folders = Vec::new();
    for (name, dir) in &listing.folders {
        folder_named(&mut folders, name, dir);
    }
    // A folder's messages come together: look the folder up when it changes, not for every row.
    let mut last: Option<(&str, usize)> = None;
    let mut idx = Vec::with_capacity(listing.entries.len());
    for entry in &listing.entries {
        let i = match last {
            Some((name, i)) if name == folder_name(entry) => i,
            _ => {
                let i = folder_named(&mut folders, folder_name(entry), &dir_of(&entry.path));
                last = Some((folder_name(entry), i));
                i
            }
        };
        idx.push(i);
    }
    // Made on every core (each row takes its path over and drops the rest of its entry), in order.
    let mut rows: Vec<Row> = (listing.entries.into_par_iter().zip(idx))
        .map(|(entry, i)| Row::of(entry, i))
        .collect();
    let new_index = sort_folders(&mut folders, &mut rows);
    count(&mut folders, &rows);
    let mut order = Order::default();
    order.sorted(&rows, SortKey::Date);
    Prepared {
        folders,
        new_index,
        rows,
        order,
        errors: listing.errors,
    }
}

/// The first listing: folders, rows and their order as [`prepare`] made them, and the analysis of every row.
pub fn listed(s: &mut AppState, listing: Prepared, effects: &mut Vec<Effect>) {
    s.folders = listing.folders;
    s.rows = listing.rows;
    s.order = listing.order;
    follow_folders(s, &listing.new_index);
    s.listed = true;
    for e in &listing.errors {
        s.status = clean(e);
        s.remember_status();
    }
    s.status = match listing.errors.as_slice() {
        [] if s.rows.is_empty() => "no messages found".into(),
        // A warning given before the listing (a config that cannot be used) stays in view.
        [] => std::mem::take(&mut s.status),
        [one] => clean(one),
        [first, more @ ..] => format!("{} (and {} more: M shows them)", clean(first), more.len()),
    };
    s.refresh();
    effects.push(Effect::Analyse(
        s.rows.iter().map(|r| Arc::clone(&r.path)).collect(),
    ));
}

/// Finds the rows not gone by path or unique name: a scan for a few lookups, an index (borrowed, keyed by
/// the path's bytes, which hash faster than a `Path`'s components) for many.
enum Finder<'a> {
    Scan(&'a [Row]),
    Index {
        by_path: HashMap<&'a OsStr, usize>,
        by_unique: HashMap<&'a str, usize>,
    },
}

impl<'a> Finder<'a> {
    fn new(rows: &'a [Row], lookups: usize) -> Self {
        if lookups <= 32 {
            return Finder::Scan(rows);
        }
        let (mut by_path, mut by_unique) = (HashMap::new(), HashMap::new());
        for (i, row) in rows.iter().enumerate().filter(|(_, r)| !r.gone) {
            by_path.insert(row.path.as_os_str(), i);
            by_unique.entry(row.unique()).or_insert(i);
        }
        Finder::Index { by_path, by_unique }
    }

    /// The row whose file is at `path`.
    fn path(&self, path: &Path) -> Option<usize> {
        match self {
            Finder::Scan(rows) => rows
                .iter()
                .position(|r| !r.gone && r.path.as_os_str() == path.as_os_str()),
            Finder::Index { by_path, .. } => by_path.get(path.as_os_str()).copied(),
        }
    }

    /// The row of the message with the unique name of the file at `path`.
    fn same_message(&self, path: &Path) -> Option<usize> {
        let unique = unique_of(path);
        match self {
            Finder::Scan(rows) => rows.iter().position(|r| !r.gone && r.unique() == unique),
            Finder::Index { by_unique, .. } => by_unique.get(unique).copied(),
        }
    }
}

fn unique_of(path: &Path) -> &str {
    let file = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    Name::parse(file).unique
}

/// A row was analysed: its envelope and verdict (without signals), counted in its folder. A row that could not
/// be read keeps an earlier readable verdict (the analysis of a stale path after a move).
pub fn analysed(s: &mut AppState, id: usize, summary: Summary) {
    let Some(row) = s.rows.get_mut(id) else {
        return;
    };
    let before = match &row.verdict {
        None => {
            s.analysed += 1;
            None
        }
        Some(v) if v.trust != Trust::Unparseable && summary.verdict.trust == Trust::Unparseable => {
            return;
        }
        // Judged again (the user taught something): its old label leaves the folder's counts.
        Some(v) => Some(v.trust),
    };
    if let Some(f) = s
        .folders
        .get_mut(row.folder_idx)
        .filter(|_| !row.gone && !row.trashed())
    {
        f.suspicious -= usize::from(before == Some(Trust::Suspicious)).min(f.suspicious);
        f.phishing -= usize::from(before == Some(Trust::Phishing)).min(f.phishing);
        f.suspicious += usize::from(summary.verdict.trust == Trust::Suspicious);
        f.phishing += usize::from(summary.verdict.trust == Trust::Phishing);
    }
    row.judged(summary.envelope, summary.verdict, &mut s.texts);
    s.order.changed(id);
}

/// The opened message was judged by the rules of the moment: its row takes that verdict when it shows
/// another (after a lesson the row's own judgement may still be on its way, at a lower priority), so the
/// list and the detail pane never disagree.
pub fn opened(s: &mut AppState, id: usize, verdict: &Verdict) {
    let Some(row) = s.rows.get(id) else {
        return;
    };
    let shown = |v: &Verdict| (v.trust, v.category, v.brand.clone());
    let agrees =
        row.verdict.as_deref().map(shown) == Some(shown(verdict)) && *row.advice == *verdict.advice;
    if !agrees {
        let envelope = row.envelope.as_deref().cloned();
        let verdict = verdict.clone();
        analysed(s, id, Summary { envelope, verdict });
    }
}

/// Rows were analysed by the rules as they were after `lessons` lessons: applied, unless the user taught
/// something since (their judgement may be stale), and then they are analysed again.
pub fn analysed_many(
    s: &mut AppState,
    lessons: u64,
    batch: Vec<(usize, Summary)>,
    effects: &mut Vec<Effect>,
) {
    if lessons < s.lessons {
        let again = (batch.into_iter())
            .filter_map(|(id, _)| Some((id, s.rows.get(id)?.path.to_path_buf())))
            .collect();
        effects.push(Effect::AnalyseRows(again));
        return;
    }
    for (id, summary) in batch {
        analysed(s, id, summary);
    }
}

/// Puts row `id` at `path` in folder `folder`; a row leaving its folder is unmarked. A row not analysed yet
/// is analysed again at its new path (the queued analysis may read the old one): returned for [`Effect::AnalyseRows`].
fn relocate(s: &mut AppState, id: usize, path: PathBuf, folder: usize) -> Option<(usize, PathBuf)> {
    let again = s
        .rows
        .get(id)
        .filter(|r| r.verdict.is_none() || r.trust() == Some(Trust::Unparseable))
        .map(|_| (id, path.clone()));
    if let Some(row) = s.rows.get_mut(id) {
        row.flags = flags_of(&path);
        row.path = Arc::from(path);
        if row.folder_idx != folder {
            s.marks.remove(&id);
        }
        row.folder_idx = folder;
    }
    again
}

/// A write finished: rows follow their files, purged rows go, the status line says what happened.
pub fn acted(s: &mut AppState, report: Report, effects: &mut Vec<Effect>) {
    if !report.done.is_empty() {
        s.status = clean(&report.done);
    }
    if let Some((name, dir)) = &report.folder {
        folder_at(s, dir, Some(name));
    }
    let (moves, gone): (Vec<(usize, PathBuf)>, Vec<usize>) = {
        let find = Finder::new(&s.rows, report.renamed.len() + report.removed.len());
        // By path; else another client renamed it after we asked, and it is the same message.
        let row = |p: &Path| find.path(p).or_else(|| find.same_message(p));
        let moves = report
            .renamed
            .into_iter()
            .filter_map(|(old, new)| Some((row(&old)?, new)))
            .collect();
        (
            moves,
            report.removed.iter().filter_map(|p| row(p)).collect(),
        )
    };
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

/// Files appeared and disappeared (another client, or our own writes, which the rows already follow): a file
/// renamed (same unique name) updates its row in place, new files become rows (and are analysed), rows whose
/// file disappeared are hidden.
pub fn rescanned(s: &mut AppState, changes: Changes, effects: &mut Vec<Effect>) {
    if !s.listed {
        return;
    }
    for (name, dir) in &changes.folders {
        folder_named(&mut s.folders, name, dir);
    }
    let (vanished, added): (Vec<usize>, Vec<Entry>) = {
        let find = Finder::new(&s.rows, changes.removed.len() + changes.added.len());
        let vanished = changes
            .removed
            .iter()
            .filter_map(|p| find.path(p))
            .collect();
        let added = changes
            .added
            .into_iter()
            .filter(|e| find.path(&e.path).is_none())
            .collect();
        (vanished, added)
    };
    // Vanished rows by unique name: an added file with one of these names is that message renamed.
    let mut left: HashMap<String, Vec<usize>> = HashMap::new();
    for id in vanished {
        left.entry(s.rows[id].unique().to_string())
            .or_default()
            .push(id);
    }
    let mut analyse = Vec::new();
    let mut fresh = Vec::new();
    for entry in added {
        let folder = folder_named(&mut s.folders, folder_name(&entry), &dir_of(&entry.path));
        match left.get_mut(unique_of(&entry.path)).and_then(Vec::pop) {
            Some(id) => analyse.extend(relocate(s, id, entry.path, folder)),
            None => fresh.push(Row::of(entry, folder)),
        }
    }
    for id in left.into_values().flatten() {
        s.rows[id].gone = true;
        s.marks.remove(&id);
    }
    // New mail never takes the selection away (as in mutt): from now on it follows its message.
    s.moved |= !fresh.is_empty();
    let first = s.rows.len();
    analyse.extend(
        fresh
            .iter()
            .enumerate()
            .map(|(n, r)| (first + n, r.path.to_path_buf())),
    );
    s.rows.extend(fresh);
    if !analyse.is_empty() {
        effects.push(Effect::AnalyseRows(analyse));
    }
    settle(s);
}

/// After rows changed: folders in order, counts, marks only on rows that can be shown, the list rebuilt.
fn settle(s: &mut AppState) {
    let rows = &s.rows;
    let hide_trashed = !s.show_trashed;
    s.marks.retain(|&i| {
        rows.get(i)
            .is_some_and(|r| !(r.gone || hide_trashed && r.trashed()))
    });
    sort_state_folders(s);
    recount(s);
    s.refresh();
}

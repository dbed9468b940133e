//! The disk thread: the one place the TUI changes the Maildir or lists it. In order, on one thread: recovery
//! of interrupted moves (writable only), the first listing, then writes (flags, moves, undo, purge) and
//! rescans of the folders where something changed on disk. Changes are noticed with inotify ([`Watcher`]:
//! `new/` and `cur/` of every folder, non-recursive, debounced ~200 ms); when watching is impossible, the
//! folders are listed again every few seconds. One thread means a rescan never races our own renames, and
//! the undo stack lives here, next to the writes it reverses.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crate::store::flag::{Flag, FlagEdit};
use crate::store::ops::{self, Bulk, MessageRef, Writable};
use crate::store::{self, Undo};

use super::action::Action;
use super::changes::Known;
use super::jobs::{Report, Write};
use super::sync;
use super::watch::{WatchError, Watcher};
use super::wording::{count, summary, why};
use crate::pipeline::inputs::{self, Listing};

/// Quiet time before changes on disk are listed.
const DEBOUNCE: Duration = Duration::from_millis(200);
/// Longest wait while changes keep coming.
const DEBOUNCE_MAX: Duration = Duration::from_secs(1);
/// Rescan period when the folders cannot be watched.
const POLL: Duration = Duration::from_secs(3);
/// Undo records kept.
const UNDO_DEPTH: usize = 100;

enum Job {
    Write(Write),
    Changed(Vec<PathBuf>),
}

/// The handle to the disk thread.
pub struct Disk {
    jobs: Sender<Job>,
}

impl Disk {
    /// Starts the thread on the Maildir (or mail directory) `root`; `writable` is `None` in read-only mode,
    /// and then nothing is ever written.
    pub fn start(
        root: PathBuf,
        writable: Option<Writable>,
        actions: Sender<Action>,
    ) -> std::io::Result<Disk> {
        let (jobs, rx) = std::sync::mpsc::channel();
        let changes = jobs.clone();
        std::thread::Builder::new()
            .name("mailvet-disk".into())
            .spawn(move || {
                let mut worker = Worker {
                    root,
                    writable,
                    actions,
                    undo: Vec::new(),
                    folders: Vec::new(),
                    watcher: None,
                    watched: BTreeSet::new(),
                    known: Known::default(),
                };
                worker.run(&rx, changes);
            })?;
        Ok(Disk { jobs })
    }

    /// Queues a write.
    pub fn write(&self, write: Write) -> Result<(), String> {
        self.jobs
            .send(Job::Write(write))
            .map_err(|_| "the disk thread has stopped; nothing changed".to_string())
    }
}

struct Worker {
    root: PathBuf,
    writable: Option<Writable>,
    actions: Sender<Action>,
    undo: Vec<Undo>,
    folders: Vec<(String, PathBuf)>,
    watcher: Option<Watcher>,
    watched: BTreeSet<PathBuf>,
    known: Known,
}

impl Worker {
    fn run(&mut self, rx: &Receiver<Job>, changes: Sender<Job>) {
        if let Some(w) = &self.writable {
            let done = match store::recover(w, &self.root) {
                Ok(r) if r.is_empty() => None,
                Ok(r) => Some(format!(
                    "recovered {} interrupted move(s)",
                    r.removed.len() + r.placed.len()
                )),
                Err(e) => Some(format!("recovery: {e}")),
            };
            if let Some(done) = done {
                self.send(Action::Acted(Box::new(Report {
                    done,
                    ..Report::default()
                })));
            }
        }
        // Discover the folders once; watch first, then list: a change in between is then seen by a rescan,
        // never lost.
        let mut errors = Vec::new();
        self.folders = inputs::discover(&self.root, &mut errors);
        if !self.folders.is_empty() {
            self.watcher = Watcher::start(move |paths| {
                let _ = changes.send(Job::Changed(paths));
            })
            .ok();
            self.watch();
        }
        let listing = inputs::list(&self.root, &self.folders, errors);
        // The interface gets the listing first; the paths are remembered (for later differences) meanwhile.
        let folders = listing.folders.clone();
        let listed = sync::prepare(listing);
        let paths = listed.rows.iter().map(|r| Arc::clone(&r.path)).collect();
        self.send(Action::Listed(Box::new(listed)));
        self.known.remember(&folders, paths);
        let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
        let mut full = false;
        let (mut first, mut last) = (None::<Instant>, Instant::now());
        loop {
            let polling = self.watcher.is_none() && !self.folders.is_empty();
            let deadline = match first {
                Some(f) => Some((last + DEBOUNCE).min(f + DEBOUNCE_MAX)),
                None if polling => Some(last + POLL),
                None => None,
            };
            let job = match deadline {
                Some(d) => rx.recv_timeout(d.saturating_duration_since(Instant::now())),
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match job {
                Ok(Job::Write(write)) => self.write(write),
                Ok(Job::Changed(paths)) => {
                    // No path: the kernel's event queue overflowed; anything may have changed.
                    full |= paths.is_empty();
                    for path in paths {
                        match self.folder_of_change(&path) {
                            Some(dir) => {
                                pending.insert(dir);
                            }
                            None => full = true,
                        }
                    }
                    first.get_or_insert_with(Instant::now);
                    last = Instant::now();
                }
                Err(RecvTimeoutError::Timeout) => {
                    if polling || full {
                        self.rescan_all();
                    } else {
                        self.rescan(&pending);
                    }
                    pending.clear();
                    full = false;
                    first = None;
                    last = Instant::now();
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    fn send(&self, action: Action) {
        let _ = self.actions.send(action);
    }

    /// Watches `new/` and `cur/` of every folder not yet watched, and the root (new folders appear there).
    /// When a directory cannot be watched (the inotify watch limit), watching stops and polling starts.
    fn watch(&mut self) {
        let Some(watcher) = &mut self.watcher else {
            return;
        };
        let mut dirs = vec![self.root.clone()];
        for (_, dir) in &self.folders {
            dirs.push(dir.join("new"));
            dirs.push(dir.join("cur"));
        }
        for dir in dirs {
            if self.watched.contains(&dir) {
                continue;
            }
            match watcher.watch(&dir) {
                Ok(()) => {
                    self.watched.insert(dir);
                }
                Err(WatchError::Missing) => {} // a folder without new/ or cur/: nothing arrives there
                Err(WatchError::Other(_)) => {
                    self.watcher = None;
                    self.watched.clear();
                    return;
                }
            }
        }
    }

    /// The folder whose `new/` or `cur/` holds `path`; `None` for anything else (the root changed).
    fn folder_of_change(&self, path: &Path) -> Option<PathBuf> {
        let sub = path.parent()?;
        let folder = sub.parent()?;
        let known = self.folders.iter().any(|(_, dir)| dir == folder);
        (known && matches!(sub.file_name()?.to_str()?, "new" | "cur")).then(|| folder.to_owned())
    }

    fn rescan(&mut self, dirs: &BTreeSet<PathBuf>) {
        let folders: Vec<(String, PathBuf)> = self
            .folders
            .iter()
            .filter(|(_, dir)| dirs.contains(dir))
            .cloned()
            .collect();
        if !folders.is_empty() {
            self.changed(inputs::rescan(&folders), false);
        }
    }

    /// Sends what changed since the last listing of these folders, if anything did.
    fn changed(&mut self, listing: Listing, whole: bool) {
        let changes = self.known.update(listing, whole);
        if !changes.is_empty() {
            self.send(Action::Rescanned(Box::new(changes)));
        }
    }

    fn rescan_all(&mut self) {
        self.folders = inputs::discover(&self.root, &mut Vec::new());
        self.watch();
        self.changed(inputs::rescan(&self.folders), true);
    }

    fn write(&mut self, write: Write) {
        let Some(w) = &self.writable else {
            self.send(Action::Acted(Box::new(Report {
                done: "read-only: nothing changed".into(),
                ..Report::default()
            })));
            return;
        };
        let report = match write {
            Write::Flags { paths, edit, verb } => {
                let bulk = ops::set_flags_all(w, &refs(&paths), &edit);
                self.bulk(&paths, bulk, &verb, None)
            }
            Write::Move {
                paths,
                folder,
                verb,
            } => match ops::folder_path(&self.root, &folder) {
                Ok(dir) => {
                    let bulk = ops::move_all(w, &refs(&paths), &dir);
                    self.bulk(&paths, bulk, &verb, Some((folder, dir)))
                }
                Err(e) => Report {
                    done: format!("nothing moved: {e}"),
                    ..Report::default()
                },
            },
            Write::Read(path) => read(w, &path),
            Write::Undo => self.undo(),
            Write::Purge(paths) => purge(w, &paths),
        };
        self.send(Action::Acted(Box::new(report)));
    }

    fn bulk(
        &mut self,
        paths: &[PathBuf],
        bulk: Bulk,
        verb: &str,
        folder: Option<(String, PathBuf)>,
    ) -> Report {
        let mut report = Report {
            folder,
            ..Report::default()
        };
        let mut failed = Vec::new();
        for (path, result) in paths.iter().zip(bulk.results) {
            match result {
                Ok(now) if &now == path => {}
                Ok(now) => report.renamed.push((path.clone(), now)),
                Err(e) => failed.push(why(&e)),
            }
        }
        let ok = paths.len() - failed.len();
        report.done = summary(verb, ok, &failed);
        if !bulk.undo.is_empty() {
            if self.undo.len() == UNDO_DEPTH {
                self.undo.remove(0);
            }
            self.undo.push(bulk.undo);
        }
        if let Some((name, dir)) = &report.folder
            && !self.folders.iter().any(|(_, d)| d == dir)
        {
            self.folders.push((name.clone(), dir.clone()));
            self.watch();
        }
        report
    }

    fn undo(&mut self) -> Report {
        let (Some(w), Some(record)) = (&self.writable, self.undo.pop()) else {
            return Report {
                done: "nothing to undo".into(),
                ..Report::default()
            };
        };
        match store::undo(w, &record) {
            Ok(_) => Report {
                done: format!("undone: {}", count(record.len())),
                renamed: record
                    .renames()
                    .map(|(now, was)| (now.clone(), was.clone()))
                    .collect(),
                ..Report::default()
            },
            Err(e) => {
                // Some renames may have been reversed before the failure: list everything again.
                self.rescan_all();
                Report {
                    done: e.to_string(),
                    ..Report::default()
                }
            }
        }
    }
}

/// Sets the seen flag of the message opened; says nothing, records no undo, and a failure leaves it unread.
fn read(w: &Writable, path: &Path) -> Report {
    let mut report = Report::default();
    let seen = FlagEdit::set(Flag::Seen);
    if let Ok(done) = ops::set_flags(w, &MessageRef::new(path), &seen)
        && done.path != path
    {
        report.renamed.push((path.to_path_buf(), done.path));
    }
    report
}

fn refs(paths: &[PathBuf]) -> Vec<MessageRef> {
    paths.iter().map(MessageRef::new).collect()
}

fn purge(w: &Writable, paths: &[PathBuf]) -> Report {
    let mut report = Report::default();
    let mut failed = Vec::new();
    for result in store::purge(w, &refs(paths)) {
        match result {
            Ok(path) => report.removed.push(path),
            Err(e) => failed.push(why(&e)),
        }
    }
    report.done = summary("purged", report.removed.len(), &failed);
    report
}

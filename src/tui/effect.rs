//! Effects: what `update` asks the outside world to do, and the runner that does it (analysis and reads
//! through the `pipeline`, listing and writes on the `disk` thread, exports on the `exporter` thread, clipboard through `term`). The UI thread only
//! starts work here.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};

use crate::analysis::{Brands, Rules};
use crate::config::taught;
use crate::mail::Message;

use super::action::Action;
use super::disk::Disk;
use super::exporter::Exporter;
use super::jobs::{Item, Request, Write};
use super::pool::{Job, Known, Pool};
use super::state::Content;
use super::teach::Change;
use super::{bodytext, term};
use crate::pipeline::cached::Place;
use crate::pipeline::judge;
use crate::pipeline::list_judge::{ListJudge, Ruling};

/// A request from `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Analyse these files (row id = index) in the background.
    Analyse(Vec<Arc<Path>>),
    /// Analyse these rows too (they appeared after the listing): (row id, file).
    AnalyseRows(Vec<(usize, PathBuf)>),
    /// Analyse these rows next (they are on screen).
    Prioritise(Vec<usize>),
    /// Read this row's message and lay it out for a body this many columns wide: (row id, file, width).
    Load(usize, PathBuf, usize),
    /// Lay the open message's body out again for a new width: (row id, message, width).
    Layout(usize, Arc<Message>, usize),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Change the Maildir (on the disk thread; the result comes back as [`Action::Acted`]).
    Write(Write),
    /// Export messages (on the export thread; the result comes back as [`Action::Exported`]).
    Export(Request),
    /// Write the abuse report on one message as a draft, or into the outbox (on the export thread).
    Report(Item),
    /// Apply what the user taught to the rules, save it to the config file (the result comes back as
    /// [`Action::Taught`]) and judge these rows again: (row id, file).
    Teach(super::teach::Change, Vec<(usize, PathBuf)>),
    /// Save the user's address as config `identity.address` (on the export thread, before any report after
    /// it; the result comes back as [`Action::IdentitySaved`]).
    SaveIdentity(String),
}

/// What teaching needs besides the rules: the brands before any lesson, and the file lessons are saved in.
#[derive(Debug, Clone)]
pub struct Lessons {
    /// The brands as configured, before what the user taught was applied to them.
    pub brands: Brands,
    /// The user's config file.
    pub config_file: Option<PathBuf>,
}

/// How messages are judged: the size cap, the rules, and the verdict cache (none with `--no-cache`).
pub struct Judging {
    /// Largest message file read, in bytes.
    pub max_bytes: u64,
    /// The analysis rules.
    pub rules: Arc<Rules>,
    /// The verdict cache.
    pub cache: Option<Place>,
}

/// Runs effects; results come back as Actions on `tx`.
pub struct Runner {
    tx: Sender<Action>,
    max_bytes: u64,
    /// The rules and cache every judge uses, replaced when the user teaches.
    ruling: Ruling,
    lessons: Lessons,
    pool: Option<Pool>,
    /// The thread saving lessons, in the order given.
    saver: Option<Sender<Change>>,
    disk: Disk,
    exporter: Exporter,
}

impl Runner {
    /// A runner sending results to `tx`, judging as `judging` says, writing through `disk`, exporting through
    /// `exporter`.
    pub fn new(
        tx: Sender<Action>,
        judging: Judging,
        lessons: Lessons,
        disk: Disk,
        exporter: Exporter,
    ) -> Runner {
        Runner {
            tx,
            max_bytes: judging.max_bytes,
            ruling: Ruling::new(judging.rules, judging.cache),
            lessons,
            pool: None,
            saver: None,
            disk,
            exporter,
        }
    }

    /// A judge of the list's rows in `paths` (row id = index), through the cache.
    fn list_judge(&self, paths: Vec<Arc<Path>>) -> Arc<ListJudge> {
        Arc::new(ListJudge::new(paths, self.ruling.clone(), self.max_bytes))
    }

    /// Runs one effect; errors are worded for the status bar.
    pub fn run(&mut self, effect: Effect) -> Result<(), String> {
        match effect {
            Effect::Analyse(paths) => {
                let judge = self.list_judge(paths);
                let len = judge.len();
                let cached = Arc::clone(&judge);
                let known: Known = Box::new(move |each| cached.cached(each));
                let job: Job = Arc::new(move |id| judge.summary(id));
                let threads = std::thread::available_parallelism().map_or(2, usize::from);
                self.pool = Some(
                    Pool::start(len, threads, known, job, self.tx.clone())
                        .map_err(|e| format!("cannot start the analysis threads: {e}"))?,
                );
            }
            Effect::AnalyseRows(rows) => {
                let (ids, paths): (Vec<usize>, Vec<PathBuf>) = rows.into_iter().unzip();
                let paths = paths.into_iter().map(Arc::from).collect();
                let (tx, judge) = (self.tx.clone(), self.list_judge(paths));
                std::thread::Builder::new()
                    .name("mailvet-analyse-new".into())
                    .spawn(move || {
                        super::pool::lower_priority();
                        for (i, id) in ids.into_iter().enumerate() {
                            let (lessons, summary) = judge.summary(i);
                            let batch = vec![(id, summary)];
                            if tx.send(Action::AnalysedMany(lessons, batch)).is_err() {
                                return;
                            }
                        }
                    })
                    .map_err(|e| format!("cannot start the analysis thread: {e}"))?;
            }
            Effect::Prioritise(ids) => {
                if let Some(pool) = &self.pool {
                    pool.prioritise(&ids);
                }
            }
            Effect::Load(id, path, width) => {
                let (tx, max, rules) = (self.tx.clone(), self.max_bytes, self.ruling.rules());
                // Only this runner replaces the rules, so they belong to this generation.
                let lessons = self.ruling.generation();
                std::thread::Builder::new()
                    .name("mailvet-load".into())
                    .spawn(move || {
                        let content = judge::load(&path, max, &rules)
                            .map(|l| Content::prepare(l, width, &rules.brands));
                        let _ = tx.send(Action::Loaded(id, lessons, Box::new(content)));
                    })
                    .map_err(|e| format!("cannot read the message: {e}"))?;
            }
            Effect::Layout(id, message, width) => {
                let tx = self.tx.clone();
                std::thread::Builder::new()
                    .name("mailvet-layout".into())
                    .spawn(move || {
                        let body = bodytext::layout(&message, width);
                        let _ = tx.send(Action::LaidOut(id, width, Box::new(body)));
                    })
                    .map_err(|e| format!("cannot lay the body out: {e}"))?;
            }
            Effect::Copy(text) => {
                term::copy_osc52(&text).map_err(|e| format!("cannot copy: {e}"))?;
            }
            Effect::Write(write) => self.disk.write(write)?,
            Effect::Export(request) => self.exporter.export(request)?,
            Effect::Report(item) => self.exporter.report(item)?,
            Effect::SaveIdentity(address) => self.exporter.save_identity(address)?,
            Effect::Teach(change, rows) => {
                self.learn(&change);
                self.save(change)?;
                self.run(Effect::AnalyseRows(rows))?;
            }
        }
        Ok(())
    }

    /// Saves `change` into the config file on the saving thread (started at the first lesson), after every
    /// lesson given before it: two saves at once would each rewrite the file from what they read, and one
    /// lesson would be lost (a block undone at once could come back).
    fn save(&mut self, change: Change) -> Result<(), String> {
        let saver = match &self.saver {
            Some(saver) => saver,
            None => {
                let (changes, rx) = mpsc::channel::<Change>();
                let (tx, path) = (self.tx.clone(), self.lessons.config_file.clone());
                std::thread::Builder::new()
                    .name("mailvet-teach".into())
                    .spawn(move || {
                        for change in rx {
                            if tx
                                .send(Action::Taught(save(path.as_deref(), &change)))
                                .is_err()
                            {
                                return;
                            }
                        }
                    })
                    .map_err(|e| format!("cannot save what you taught: {e}"))?;
                self.saver.insert(changes)
            }
        };
        saver
            .send(change)
            .map_err(|_| "cannot save what you taught: the saving thread stopped".to_string())
    }

    /// Applies `change` to the rules every later judgement uses, rows already queued included.
    fn learn(&mut self, change: &Change) {
        let mut rules = (*self.ruling.rules()).clone();
        change.apply(&mut rules.taught);
        rules.brands = self.lessons.brands.clone();
        taught::apply(&mut rules.brands, &rules.taught);
        let place = (self.ruling.place()).map(|place| place.with_rules(&rules, self.max_bytes));
        self.ruling.replace(Arc::new(rules), place);
    }
}

/// Saves `change` into the config file at `path`; the file's path, or why not.
fn save(path: Option<&std::path::Path>, change: &Change) -> Result<String, String> {
    let path = path.ok_or("no home directory for the config file")?;
    match change {
        Change::Learn(lesson) => taught::teach(path, lesson)?,
        Change::Forget(domain) => {
            taught::forget(path, domain)?;
        }
    }
    Ok(path.display().to_string())
}

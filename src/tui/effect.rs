//! Effects: what `update` asks the outside world to do, and the runner that does it (analysis and reads
//! through the `pipeline`, listing and writes on the `disk` thread, exports on the `exporter` thread, clipboard through `term`). The UI thread only
//! starts work here.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;

use crate::analysis::{Brands, Rules};
use crate::config::taught;
use crate::mail::Message;

use super::action::Action;
use super::disk::Disk;
use super::exporter::{Basis, Exporter};
use super::jobs::{Item, Request, Write};
use super::pool::{Job, Known, Pool};
use super::saver::{Save, Saver};
use super::slots::Slot;
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
    /// Export messages (on the export thread, judged by the rules with every lesson taught before it; the
    /// result comes back as [`Action::Exported`]).
    Export(Request),
    /// Write the abuse report on one message as a draft, or into the outbox (on the export thread, as
    /// [`Effect::Export`]).
    Report(Item),
    /// Apply what the user taught to the rules, save it to the config file (the result comes back as
    /// [`Action::Taught`]) and judge these rows again: (row id, file).
    Teach(super::teach::Change, Vec<(usize, PathBuf)>),
    /// Use the user's address for every report after this, and save it as config `identity.address` (on
    /// the config-saving thread, in order with the lessons; the result comes back as
    /// [`Action::IdentitySaved`]).
    SaveIdentity(String),
}

/// What the user teaches and tells besides the rules: the brands before any lesson, the address reports
/// are sent from, and the config file both are saved in.
#[derive(Debug, Clone)]
pub struct Lessons {
    /// The brands as configured, before what the user taught was applied to them.
    pub brands: Brands,
    /// Config `identity.address`, the sender of reports.
    pub identity: Option<String>,
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
    /// The thread saving lessons and the address into the config, in the order given.
    saver: Saver,
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
            saver: Saver::new(lessons.config_file.clone(), tx.clone()),
            tx,
            max_bytes: judging.max_bytes,
            ruling: Ruling::new(judging.rules, judging.cache),
            lessons,
            pool: None,
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
                            if tx
                                .send(Action::AnalysedMany(lessons, batch, Slot::unbounded()))
                                .is_err()
                            {
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
            Effect::Export(request) => self.exporter.export(request, self.basis())?,
            Effect::Report(item) => self.exporter.report(item, self.basis())?,
            Effect::SaveIdentity(address) => {
                self.lessons.identity = Some(address.clone());
                self.saver.save(Save::Identity(address))?;
            }
            Effect::Teach(change, rows) => {
                self.learn(&change);
                self.saver.save(Save::Lesson(change))?;
                self.run(Effect::AnalyseRows(rows))?;
            }
        }
        Ok(())
    }

    /// The rules and address in force now, for an export or report asked for now: effects run in the order
    /// `update` gave them, so every lesson given before the request is in these rules, none given after.
    fn basis(&self) -> Basis {
        Basis {
            rules: self.ruling.rules(),
            identity: self.lessons.identity.clone(),
        }
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

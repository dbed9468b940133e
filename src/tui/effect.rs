//! Effects: what `update` asks the outside world to do, and the runner that does it (background listing,
//! analysis and reads through `source`, clipboard through `term`). The UI thread only starts work here.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use crate::analysis::Rules;

use super::action::Action;
use super::pool::{Job, Pool};
use super::{source, term};

/// A request from `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Analyse these files (row id = index) in the background.
    Analyse(Vec<PathBuf>),
    /// Analyse these rows next (they are on screen).
    Prioritise(Vec<usize>),
    /// Read this row's message for display.
    Load(usize, PathBuf),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
}

/// Runs effects; results come back as Actions on `tx`.
pub struct Runner {
    tx: Sender<Action>,
    max_bytes: u64,
    rules: Arc<Rules>,
    pool: Option<Pool>,
}

impl Runner {
    /// A runner sending results to `tx`.
    pub fn new(tx: Sender<Action>, max_bytes: u64, rules: Arc<Rules>) -> Runner {
        Runner {
            tx,
            max_bytes,
            rules,
            pool: None,
        }
    }

    /// Lists the Maildir in the background.
    pub fn list(&self, root: PathBuf) -> std::io::Result<()> {
        let tx = self.tx.clone();
        std::thread::Builder::new()
            .name("mailvet-list".into())
            .spawn(move || {
                let _ = tx.send(Action::Listed(Box::new(source::list(&root))));
            })
            .map(drop)
    }

    /// Runs one effect; errors are worded for the status bar.
    pub fn run(&mut self, effect: Effect) -> Result<(), String> {
        match effect {
            Effect::Analyse(paths) => {
                let (max, rules, paths) =
                    (self.max_bytes, Arc::clone(&self.rules), Arc::new(paths));
                let len = paths.len();
                let job: Job = Arc::new(move |id| {
                    let summary = paths
                        .get(id)
                        .map(|p| source::summarise(p, max, &rules))
                        .unwrap_or_else(|| source::Summary {
                            envelope: None,
                            verdict: crate::model::Verdict::unparseable("no such row"),
                        });
                    Action::Analysed(id, Box::new(summary))
                });
                let threads = std::thread::available_parallelism().map_or(2, usize::from);
                self.pool = Some(
                    Pool::start(len, threads, job, self.tx.clone())
                        .map_err(|e| format!("cannot start the analysis threads: {e}"))?,
                );
            }
            Effect::Prioritise(ids) => {
                if let Some(pool) = &self.pool {
                    pool.prioritise(&ids);
                }
            }
            Effect::Load(id, path) => {
                let (tx, max, rules) = (self.tx.clone(), self.max_bytes, Arc::clone(&self.rules));
                std::thread::Builder::new()
                    .name("mailvet-load".into())
                    .spawn(move || {
                        let loaded = source::load(&path, max, &rules);
                        let _ = tx.send(Action::Loaded(id, Box::new(loaded)));
                    })
                    .map_err(|e| format!("cannot read the message: {e}"))?;
            }
            Effect::Copy(text) => {
                term::copy_osc52(&text).map_err(|e| format!("cannot copy: {e}"))?;
            }
        }
        Ok(())
    }
}

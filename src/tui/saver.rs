//! The config-saving thread: what the user taught (`+`/`-`) and the address reports are sent from are both
//! written into the one config file, each edit reading the file, changing it and renaming it into place.
//! Two edits at once would each write what they read and one would be lost (a lesson undone at once could
//! come back, an address saved beside a lesson could vanish), so every edit goes through this one thread,
//! started at the first, in the order asked. Each result comes back as its own Action.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};

use crate::config::{identity, taught};

use super::action::Action;
use super::teach::Change;

/// One edit of the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Save {
    /// What the user taught or took back (the result comes back as [`Action::Taught`]).
    Lesson(Change),
    /// The user's address, config `identity.address` (the result comes back as [`Action::IdentitySaved`]).
    Identity(String),
}

/// The handle to the saving thread, which is started at the first edit.
pub struct Saver {
    config_file: Option<PathBuf>,
    actions: Sender<Action>,
    edits: Option<Sender<Save>>,
}

impl Saver {
    /// Saves into `config_file` (`None`: no home directory, every edit says so); results go to `actions`.
    pub fn new(config_file: Option<PathBuf>, actions: Sender<Action>) -> Saver {
        Saver {
            config_file,
            actions,
            edits: None,
        }
    }

    /// Queues `edit`, to be saved after every edit queued before it.
    pub fn save(&mut self, edit: Save) -> Result<(), String> {
        let edits = match &self.edits {
            Some(edits) => edits,
            None => {
                let (edits, rx) = mpsc::channel::<Save>();
                let (tx, path) = (self.actions.clone(), self.config_file.clone());
                std::thread::Builder::new()
                    .name("mailvet-config".into())
                    .spawn(move || {
                        for edit in rx {
                            if tx.send(apply(path.as_deref(), &edit)).is_err() {
                                return;
                            }
                        }
                    })
                    .map_err(|e| format!("cannot save into the config: {e}"))?;
                self.edits.insert(edits)
            }
        };
        edits
            .send(edit)
            .map_err(|_| "cannot save into the config: the saving thread stopped".to_string())
    }
}

/// Writes `edit` into the config file at `path`; the Action saying where it went, or why not.
fn apply(path: Option<&Path>, edit: &Save) -> Action {
    let saved = (path.ok_or_else(|| "no home directory for the config file".to_string())).and_then(
        |path| {
            match edit {
                Save::Lesson(change) => lesson(path, change),
                Save::Identity(address) => identity::save_address(path, address),
            }
            .map(|()| path.display().to_string())
        },
    );
    match edit {
        Save::Lesson(_) => Action::Taught(saved),
        Save::Identity(_) => Action::IdentitySaved(saved),
    }
}

fn lesson(path: &Path, change: &Change) -> Result<(), String> {
    match change {
        Change::Learn(lesson) => taught::teach(path, lesson),
        Change::Forget(domain) => taught::forget(path, domain).map(|_| ()),
    }
}

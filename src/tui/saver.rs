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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Lesson, Taught};

    fn block(domain: &str) -> Save {
        Save::Lesson(Change::Learn(Taught {
            domain: domain.into(),
            verdict: Lesson::Block,
            brand: None,
            date: "2026-12-03".into(),
            message_id: None,
        }))
    }

    #[test]
    fn lessons_and_the_address_are_saved_in_the_order_asked_and_none_is_lost() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("mailvet/config.toml");
        let (tx, rx) = mpsc::channel();
        let mut saver = Saver::new(Some(config.clone()), tx);
        let edits = [
            block("example.org"),
            Save::Identity("me@example.net".into()),
            block("example.com"),
            Save::Lesson(Change::Forget("example.org".into())),
        ];
        for edit in edits {
            saver.save(edit).expect("queued");
        }
        let results: Vec<Action> = rx.iter().take(4).collect();
        let where_ = config.display().to_string();
        let kinds: Vec<&str> = (results.iter())
            .map(|a| match a {
                Action::Taught(Ok(path)) if *path == where_ => "lesson",
                Action::IdentitySaved(Ok(path)) if *path == where_ => "address",
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(kinds, ["lesson", "address", "lesson", "lesson"]);
        let text = std::fs::read_to_string(&config).expect("config");
        assert!(text.contains("address = \"me@example.net\""), "{text}");
        assert!(text.contains("domain = \"example.com\""), "{text}");
        assert!(!text.contains("example.org"), "{text}");
    }

    #[test]
    fn without_a_config_file_each_edit_says_why_it_was_not_saved() {
        let (tx, rx) = mpsc::channel();
        let mut saver = Saver::new(None, tx);
        saver.save(block("example.org")).expect("queued");
        saver
            .save(Save::Identity("me@example.net".into()))
            .expect("queued");
        let results: Vec<Action> = rx.iter().take(2).collect();
        let why = Err("no home directory for the config file".to_string());
        assert!(
            matches!(&results[0], Action::Taught(r) if *r == why),
            "{results:?}"
        );
        assert!(
            matches!(&results[1], Action::IdentitySaved(r) if *r == why),
            "{results:?}"
        );
    }
}

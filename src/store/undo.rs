//! Undo records: the renames an op or a bulk op made, reversed only while every file is still where mailvet
//! left it.

use std::fs;
use std::path::PathBuf;

use super::ops::{OpError, Writable};
use super::place;

/// One rename to reverse.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    /// Where the message was before the op.
    was: PathBuf,
    /// Where the op put it.
    now: PathBuf,
}

/// Reverses an op or a bulk op (see [`undo`]); empty when the op changed nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Undo {
    steps: Vec<Step>,
}

impl Undo {
    /// The undo of one rename from `was` to `now`.
    pub(super) fn step(was: PathBuf, now: PathBuf) -> Self {
        Undo {
            steps: vec![Step { was, now }],
        }
    }

    /// Adds `other`'s renames (to be undone together with these).
    pub fn extend(&mut self, other: Undo) {
        self.steps.extend(other.steps);
    }

    /// Whether there is nothing to undo.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// How many messages it puts back.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Each message's path now and the path undo gives it back (for updating a list).
    pub fn renames(&self) -> impl Iterator<Item = (&PathBuf, &PathBuf)> {
        self.steps.iter().map(|s| (&s.now, &s.was))
    }
}

/// Reverses `record`: first checks that every message is still where the op put it and its old path is free
/// (else [`OpError::Changed`] and nothing is touched), then renames each back, last first. Returns the paths
/// the messages have again. Should a rename fail midway (another client acting at that very moment), the
/// error is returned and the renames before it stay undone.
pub fn undo(_w: &Writable, record: &Undo) -> Result<Vec<PathBuf>, OpError> {
    for step in &record.steps {
        if !step.now.is_file() {
            return Err(OpError::Changed {
                path: step.now.clone(),
            });
        }
        if fs::symlink_metadata(&step.was).is_ok() {
            return Err(OpError::Changed {
                path: step.was.clone(),
            });
        }
    }
    let mut restored = Vec::with_capacity(record.steps.len());
    let mut unsynced = place::Unsynced::default();
    for step in record.steps.iter().rev() {
        place::relocate(&step.now, &step.was, &mut unsynced)?;
        restored.push(step.was.clone());
    }
    unsynced.sync()?;
    restored.reverse();
    Ok(restored)
}

//! Finding a message again by its unique name after another client renamed it.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::op_error::OpError;
use super::ops::MessageRef;
use super::place::{self, RETRIES};

/// Where `msg` is now: its path if that still holds it, else the file with its unique name in its folder's
/// `cur/` or `new/` (another client renamed it). Lists the folder at most twice: readers call it for every
/// message that vanished, so a message really gone must stay cheap.
pub fn locate(msg: &MessageRef) -> Result<PathBuf, OpError> {
    Finder {
        passes: 2,
        ..Finder::default()
    }
    .locate(msg)
}

/// Finds messages again by unique name for a bulk op: each folder is listed once into an index, and listed
/// again only when a path from the index no longer holds its message.
#[derive(Debug)]
pub(super) struct Finder {
    folders: HashMap<PathBuf, HashMap<String, PathBuf>>,
    /// How many times a folder is listed before a message counts as gone.
    passes: usize,
}

impl Default for Finder {
    /// The finder of ops: a message is looked for [`RETRIES`] times before it counts as gone.
    fn default() -> Self {
        Finder {
            folders: HashMap::new(),
            passes: RETRIES,
        }
    }
}

impl Finder {
    pub(super) fn locate(&mut self, msg: &MessageRef) -> Result<PathBuf, OpError> {
        let folder = place::folder_of(&msg.path).ok_or_else(|| OpError::NotInMaildir {
            path: msg.path.clone(),
        })?;
        let holds = |path: &Path| path.is_file() && place::file_unique(path) == msg.unique;
        if holds(&msg.path) {
            return Ok(msg.path.clone());
        }
        let known = self.folders.get(&folder).and_then(|i| i.get(&msg.unique));
        if let Some(path) = known.filter(|p| holds(p)) {
            return Ok(path.clone());
        }
        for _ in 0..self.passes {
            // A directory listed while another client renames a file in it may show neither name: look again.
            let index = place::index(&folder);
            // Only a regular file is the message: a FIFO or device node planted under its name is never
            // handed on to be opened (one lstat, for a message that was renamed).
            let regular = |p: &&PathBuf| fs::symlink_metadata(p).is_ok_and(|m| m.is_file());
            let found = index.get(&msg.unique).filter(regular).cloned();
            self.folders.insert(folder.clone(), index);
            if let Some(found) = found {
                return Ok(found);
            }
        }
        Err(OpError::NotFound {
            unique: msg.unique.clone(),
            folder,
        })
    }
}

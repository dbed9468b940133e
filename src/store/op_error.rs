//! Why an op on a message did nothing, in words shown to users (paths and names sanitised).

use std::io;
use std::path::{Path, PathBuf};

use crate::mail::sanitise::{sanitise, shown_path as shown};

/// Why an op did nothing; messages are shown to users as they are.
#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// Read-only mode.
    #[error("read-only: mailvet does not change the Maildir (--read-only or read_only = true)")]
    ReadOnly,
    /// The message is neither at its path nor anywhere in its folder's cur/ or new/.
    #[error(
        "message '{}' is gone from '{}' (moved or deleted by another client)",
        sanitise(unique),
        shown(folder)
    )]
    NotFound {
        /// Its unique name.
        unique: String,
        /// The folder it was in.
        folder: PathBuf,
    },
    /// The path is not a message in a Maildir folder's cur/ or new/.
    #[error("'{}' is not a message in a Maildir's cur/ or new/", shown(path))]
    NotInMaildir {
        /// The path.
        path: PathBuf,
    },
    /// Its file name has an info part other than `:2,`, which mailvet never edits.
    #[error(
        "'{}' has flags in a form mailvet does not edit (not ':2,')",
        shown(path)
    )]
    UnknownInfo {
        /// The message.
        path: PathBuf,
    },
    /// The target path is taken.
    #[error("'{}' already exists; nothing was moved", shown(path))]
    Exists {
        /// The target.
        path: PathBuf,
    },
    /// Not a valid folder name.
    #[error(
        "invalid folder name '{}': use a Maildir++ name such as 'Archive' or 'Lists.rust', or 'INBOX'",
        sanitise(name)
    )]
    BadFolder {
        /// The name given.
        name: String,
    },
    /// Undo found a file changed since the op.
    #[error(
        "cannot undo: '{}' is no longer where mailvet left it; nothing was changed",
        shown(path)
    )]
    Changed {
        /// The file that moved (or the path now taken).
        path: PathBuf,
    },
    /// Purge refused a message that is not flagged trashed.
    #[error("'{}' is not flagged trashed; it was not purged", shown(path))]
    NotTrashed {
        /// The message.
        path: PathBuf,
    },
    /// Another client kept renaming the message.
    #[error("'{}' keeps being renamed by another client; try again", shown(path))]
    Busy {
        /// The message.
        path: PathBuf,
    },
    /// The file system refused.
    #[error("'{}': {source}", shown(path))]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

impl OpError {
    pub(super) fn io(path: &Path, source: io::Error) -> Self {
        OpError::Io {
            path: path.to_owned(),
            source,
        }
    }

    pub(super) fn is_not_found(&self) -> bool {
        matches!(self, OpError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound)
    }
}

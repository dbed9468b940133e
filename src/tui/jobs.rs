//! What the interface asks of its background threads and what they answer, as plain data: writes for the
//! disk thread and what they did, exports and reports for the export thread and how far they are. No I/O;
//! the threads themselves are [`super::disk`] and [`super::exporter`].

use std::path::PathBuf;

use crate::export::Format;
use crate::pipeline::export::Summary;
use crate::store::flag::FlagEdit;

/// A write `update` asks for: on message files by their last known paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// Set or clear flags; `verb` names it in the status line (`flagged`).
    Flags {
        /// The messages.
        paths: Vec<PathBuf>,
        /// The flags to set and clear.
        edit: FlagEdit,
        /// What it is called.
        verb: String,
    },
    /// Move to the folder of this name (created when missing).
    Move {
        /// The messages.
        paths: Vec<PathBuf>,
        /// A Maildir++ name (`Archive`) or `INBOX`.
        folder: String,
        /// What it is called.
        verb: String,
    },
    /// Mark a message read as it is opened: quietly, and nothing to undo (as in mutt).
    Read(PathBuf),
    /// Undo the last write that changed something.
    Undo,
    /// Delete these trashed messages for good.
    Purge(Vec<PathBuf>),
}

/// What a write did, for the list and the status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// What was done, for the status line (`flagged 2 messages`).
    pub done: String,
    /// Messages whose file was renamed: (path before, path now).
    pub renamed: Vec<(PathBuf, PathBuf)>,
    /// Messages deleted for good.
    pub removed: Vec<PathBuf>,
    /// The folder moved into: (name, directory); it may be new.
    pub folder: Option<(String, PathBuf)>,
}

/// One message to export: its last known file and its folder's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The message file.
    pub path: PathBuf,
    /// Its folder (`INBOX`, `Archive`).
    pub folder: String,
}

/// An export the dialog asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The messages, in list order.
    pub items: Vec<Item>,
    /// The format.
    pub format: Format,
    /// The file (stream formats; an existing folder gets a file named by date in it) or folder (.eml, reports).
    pub dest: PathBuf,
}

/// How far the running export is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Step {
    /// `reading` (judging every message again) or `writing`.
    pub stage: &'static str,
    /// Messages done in this stage.
    pub done: usize,
    /// Messages in all.
    pub total: usize,
}

/// What an export or report did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    /// It was the report key.
    pub report: bool,
    /// The report was stored as a draft in the Maildir (else written into a folder outside it).
    pub drafts: bool,
    /// The format.
    pub format: Format,
    /// Where it was written (resolved).
    pub dest: PathBuf,
    /// Messages asked for.
    pub total: usize,
    /// For a report: the address it goes to (`arf::destination`).
    pub to: Option<String>,
    /// The files written and the messages skipped or failed; or why nothing was done.
    pub result: Result<Summary, String>,
}

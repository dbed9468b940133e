//! The one place the TUI calls into store, mail and analysis, so wiring to those modules lives here only.
//! Everything here runs on background threads, never on the UI thread.

use std::path::{Path, PathBuf};

use crate::analysis::Rules;
use crate::mail::Message;
use crate::model::Verdict;

use super::state::{Envelope, Row};

/// The result of listing a Maildir: rows from file names only, and the problems met.
#[derive(Debug, Default)]
pub struct Listing {
    /// One row per message file, in the store's order.
    pub rows: Vec<Row>,
    /// Folders or files that could not be read.
    pub errors: Vec<String>,
    /// The Maildir folders listed, empty ones too: (name, directory). A rescan holds exactly the messages of
    /// these folders.
    pub folders: Vec<(String, PathBuf)>,
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

/// What the list needs of one analysed message.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Date, sender and subject, when the message could be parsed.
    pub envelope: Option<Envelope>,
    /// The judgement.
    pub verdict: Verdict,
}

/// One message read for the detail pane and the message views.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The parsed message.
    pub message: Message,
    /// The raw header block, one unfolded-as-written line each (not yet sanitised).
    pub headers: Vec<String>,
    /// The full verdict, signals included (rows keep only the label, to stay small at 100k messages).
    pub verdict: Verdict,
}

/// Lists every message under `root`, from file names only; when `root` is a Maildir, its folders too.
pub fn list(root: &Path) -> Listing {
    let (entries, mut errors) = crate::store::collect(&[root.to_path_buf()]);
    let folders = if crate::store::maildir::is_maildir(root) {
        crate::store::maildir::folders(root, "", &mut errors)
            .into_iter()
            .map(|f| (f.name, f.path))
            .collect()
    } else {
        Vec::new()
    };
    Listing {
        rows: entries.into_iter().map(row).collect(),
        errors: errors.iter().map(ToString::to_string).collect(),
        folders,
    }
}

/// Lists the messages of these Maildir folders again: (name, directory).
pub fn rescan(folders: &[(String, PathBuf)]) -> Listing {
    let mut errors = Vec::new();
    let rows = folders
        .iter()
        .flat_map(|(name, path)| {
            let folder = crate::store::maildir::Folder {
                name: name.clone(),
                path: path.clone(),
            };
            crate::store::maildir::list(&folder, &mut errors)
        })
        .map(row)
        .collect();
    Listing {
        rows,
        errors: errors.iter().map(ToString::to_string).collect(),
        folders: folders.to_vec(),
    }
}

fn row(e: crate::store::Entry) -> Row {
    let delivered = e.delivered.and_then(|t| i64::try_from(t).ok());
    let folder = if e.folder.is_empty() {
        "INBOX".to_string()
    } else {
        e.folder
    };
    Row::new(e.path, folder, e.flags, delivered)
}

/// Reads a message from its last known path, or, when another client renamed it since, from where it is now.
fn read(path: &Path, max_bytes: u64) -> Result<Vec<u8>, crate::store::StoreError> {
    match crate::store::read_message(path, max_bytes) {
        Err(crate::store::StoreError::Missing { .. }) => {
            let moved = crate::store::ops::locate(&crate::store::MessageRef::new(path));
            crate::store::read_message(moved.as_deref().unwrap_or(path), max_bytes)
        }
        other => other,
    }
}

/// Reads, parses and analyses one message.
pub fn summarise(path: &Path, max_bytes: u64, rules: &Rules) -> Summary {
    let raw = match read(path, max_bytes) {
        Ok(raw) => raw,
        Err(e) => {
            return Summary {
                envelope: None,
                verdict: Verdict::unparseable(&e.to_string()),
            };
        }
    };
    match crate::mail::parse(&raw) {
        Ok(msg) => Summary {
            envelope: Some(Envelope::of(&msg)),
            verdict: crate::analysis::analyse(&msg, rules),
        },
        Err(e) => Summary {
            envelope: None,
            verdict: Verdict::unparseable(&e.to_string()),
        },
    }
}

/// Reads, parses and judges one message for display.
pub fn load(path: &Path, max_bytes: u64, rules: &Rules) -> Result<Loaded, String> {
    let raw = read(path, max_bytes).map_err(|e| e.to_string())?;
    let headers = header_lines(&raw);
    let message = crate::mail::parse(&raw).map_err(|e| e.to_string())?;
    let verdict = crate::analysis::analyse(&message, rules);
    Ok(Loaded {
        message,
        headers,
        verdict,
    })
}

/// The header block as lines (lossy UTF-8), bounded by the block's size.
fn header_lines(raw: &[u8]) -> Vec<String> {
    let end = raw
        .windows(2)
        .position(|w| w == b"\n\n")
        .or_else(|| raw.windows(4).position(|w| w == b"\r\n\r\n"))
        .unwrap_or(raw.len());
    String::from_utf8_lossy(&raw[..end])
        .lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect()
}

/// Reads and judges one message in full for an export (from where it is now, if another client renamed it);
/// an unreadable file becomes an `unparseable` record.
pub fn target(
    path: &Path,
    folder: &str,
    max_bytes: u64,
    rules: &Rules,
) -> crate::cli::export::Target {
    let path = match crate::store::ops::locate(&crate::store::MessageRef::new(path)) {
        Ok(now) => now,
        Err(_) => path.to_path_buf(),
    };
    let entry = crate::store::Entry {
        path: path.clone(),
        folder: folder.to_string(),
        is_new: false,
        unique: String::new(),
        flags: String::new(),
        delivered: None,
    };
    let record = crate::judge::judge_entry(&entry, rules, max_bytes);
    crate::cli::export::Target { path, record }
}

/// One line of text from mail, safe for a terminal cell.
pub fn clean(s: &str) -> String {
    crate::mail::sanitise::sanitise(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_stop_at_the_blank_line() {
        let lines = header_lines(b"From: a\r\nSubject: b\r\n\r\nbody\r\n");
        assert_eq!(lines, vec!["From: a", "Subject: b"]);
    }
}

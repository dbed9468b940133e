//! One message in the list (known from its file name at once, filled in when analysed) and the envelope
//! the list shows. Plain data; no I/O.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{Trust, Verdict};
pub use crate::pipeline::Envelope;
use crate::store::Entry;

/// One message in the list: known from its file name at once, filled in when analysed.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The message file (shared with the analysis, which reads it: one copy of each of 100,000 paths).
    pub path: Arc<Path>,
    /// Index into [`AppState::folders`] (which holds the folder's name).
    pub folder_idx: usize,
    /// Maildir flag letters (`FS`).
    pub flags: String,
    /// Delivery time from the unique name.
    pub delivered: Option<i64>,
    /// Filled in by the background analysis (boxed, as the verdict: a row not analysed yet stays small,
    /// and 100,000 of them are made at once when the Maildir is listed).
    pub envelope: Option<Box<Envelope>>,
    /// Filled in by the background analysis: the verdict without its signals (the full one comes with the
    /// opened message) and without its advice (in [`Row::advice`]), so 100,000 rows stay small.
    pub verdict: Option<Box<Verdict>>,
    /// The verdict's advice, shared by every row with the same text ([`Texts`]); empty until analysed.
    pub advice: Arc<str>,
    /// What a search or limit looks for in it, lowercased once when it is analysed: the sender's name and
    /// address, the subject and the brand claimed.
    pub search: Box<str>,
    /// The file is gone (purged, or removed by another client); row ids never change, so it stays hidden.
    pub gone: bool,
}

impl Row {
    /// A row known from its file name only, in folder `folder_idx`.
    pub fn new(path: PathBuf, folder_idx: usize, flags: String, delivered: Option<i64>) -> Row {
        Row {
            path: Arc::from(path),
            folder_idx,
            flags,
            delivered,
            envelope: None,
            verdict: None,
            advice: Arc::from(""),
            search: Box::default(),
            gone: false,
        }
    }

    /// The row of a listed message file, in folder `folder_idx`.
    pub fn of(entry: Entry, folder_idx: usize) -> Row {
        let delivered = entry.delivered.and_then(|t| i64::try_from(t).ok());
        Row::new(entry.path, folder_idx, entry.flags, delivered)
    }

    /// The Maildir unique name (the file name up to `:`), which other clients' renames keep.
    pub fn unique(&self) -> &str {
        let file = self
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        crate::store::name::Name::parse(file).unique
    }

    /// Fills in what the analysis found: the envelope, and the verdict without its signals, its advice
    /// kept once in `texts`.
    pub fn judged(&mut self, envelope: Option<Envelope>, verdict: Verdict, texts: &mut Texts) {
        let brand = verdict.brand.as_deref().unwrap_or_default();
        self.search = envelope.as_ref().map_or_else(Box::default, |e| {
            let text = format!("{} {} {} {brand}", e.from_name, e.from_addr, e.subject);
            text.to_lowercase().into_boxed_str()
        });
        self.envelope = envelope.map(Box::new);
        self.advice = texts.share(verdict.advice);
        self.verdict = Some(Box::new(Verdict {
            signals: Vec::new(),
            advice: String::new(),
            ..verdict
        }));
    }

    /// Flagged trashed (`T`).
    pub fn trashed(&self) -> bool {
        self.flags.contains('T')
    }

    /// The Date header when parsed, else the delivery time.
    pub fn time(&self) -> Option<i64> {
        self.envelope
            .as_ref()
            .and_then(|e| e.date)
            .or(self.delivered)
    }

    /// Not yet seen (no `S` flag).
    pub fn unread(&self) -> bool {
        !self.flags.contains('S')
    }

    /// The trust label, once analysed.
    pub fn trust(&self) -> Option<Trust> {
        self.verdict.as_ref().map(|v| v.trust)
    }
}

/// The name of a listed file's folder (loose files outside any folder are in `INBOX`).
pub fn folder_name(entry: &Entry) -> &str {
    if entry.folder.is_empty() {
        "INBOX"
    } else {
        &entry.folder
    }
}

/// Texts many rows repeat (the advice: a few hundred different sentences for 100,000 messages), each kept
/// once and shared.
#[derive(Debug, Clone, Default)]
pub struct Texts(HashSet<Arc<str>>);

impl Texts {
    /// The shared copy of `text`.
    pub fn share(&mut self, text: String) -> Arc<str> {
        if let Some(kept) = self.0.get(text.as_str()) {
            return Arc::clone(kept);
        }
        let kept: Arc<str> = Arc::from(text);
        self.0.insert(Arc::clone(&kept));
        kept
    }
}

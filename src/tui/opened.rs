//! The message read for display: parsed, its headers sanitised, its body laid out and its link table made on
//! the thread that read it. Plain data plus the preparation; no I/O.

use std::sync::Arc;

use crate::analysis::Brands;
use crate::mail::{AuthResults, Message};
use crate::model::Verdict;
use crate::pipeline::Loaded;

use super::bodytext::{self, BodyText};
use super::linkinfo::{self, LinkRow};
use super::wording::clean;

/// The message shown in the detail pane and the message views.
#[derive(Debug, Clone)]
pub struct Opened {
    /// Its row.
    pub row: usize,
    /// The message, or why it could not be read.
    pub content: Result<Content, String>,
}

/// A readable message prepared for display.
#[derive(Debug, Clone)]
pub struct Content {
    /// The parsed message (shared with the thread that lays its body out again after a resize).
    pub message: Arc<Message>,
    /// Raw header lines, sanitised.
    pub headers: Vec<String>,
    /// The full verdict with every signal.
    pub verdict: Verdict,
    /// The Authentication-Results headers the verdict counted.
    pub auth_used: Vec<AuthResults>,
    /// The body laid out for the current width.
    pub body: BodyText,
    /// The link table.
    pub links: Vec<LinkRow>,
    /// Lines the link table would have without its cap.
    pub links_total: usize,
}

/// Most raw header lines shown.
const MAX_HEADER_LINES: usize = 20_000;
/// A raw header line longer than this many characters is cut (with `…`).
const MAX_HEADER_CHARS: usize = 2_000;

fn header_row(line: &str) -> String {
    match line.char_indices().nth(MAX_HEADER_CHARS) {
        Some((end, _)) => format!("{}…", clean(&line[..end])),
        None => clean(line),
    }
}

impl Content {
    /// A loaded message laid out for a body `width` columns wide. Its cost grows with the message, so it runs
    /// on the thread that read the message, never on the UI thread.
    pub fn prepare(l: Loaded, width: usize, brands: &Brands) -> Content {
        Content {
            body: bodytext::layout(&l.message, width),
            links: linkinfo::link_rows(&l.message, Some(&l.verdict), brands),
            links_total: linkinfo::distinct_count(&l.message),
            headers: l
                .headers
                .iter()
                .take(MAX_HEADER_LINES)
                .map(|h| header_row(h))
                .collect(),
            message: Arc::new(l.message),
            verdict: l.verdict,
            auth_used: l.auth_used,
        }
    }
}

//! One scanned message: where it lives, who it says it is from, and its verdict.

use serde::{Deserialize, Serialize};

use super::Verdict;

/// The per-message record printed by `scan --format jsonl` and `explain --format json`.
/// Field order is the documented output order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Path of the message file (or `-` for standard input).
    pub path: String,
    /// Maildir folder name (`INBOX`, `Archive`, `Lists.rust`), or empty for loose files.
    pub folder: String,
    /// The Message-ID header, without angle brackets.
    pub message_id: Option<String>,
    /// The Date header as RFC 3339.
    pub date: Option<String>,
    /// The From header as `Name <address>`.
    pub from: Option<String>,
    /// The decoded Subject.
    pub subject: Option<String>,
    /// The judgement.
    #[serde(flatten)]
    pub verdict: Verdict,
}

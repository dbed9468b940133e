//! Judging a message, the one path for both faces: read it (through `store`, size-capped, found again when
//! another client renamed it), parse it (`mail`), analyse it (`analysis`) once, and give what each caller
//! needs of that one judgement: the display-safe [`Record`] (scan, explain, export), the list's [`Summary`],
//! or the opened message ([`Loaded`]).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analysis::{self, Rules};
use crate::mail::{self, Address, AuthResults, Message, sanitise::sanitise};
use crate::model::{Record, Verdict};
use crate::store::{self, StoreError};

/// One message read, parsed and analysed.
#[derive(Debug, Clone)]
pub struct Judged {
    /// The parsed message, or why the bytes could not be read or parsed.
    pub message: Result<Message, String>,
    /// The verdict (`unparseable` with the reason when there is no message).
    pub verdict: Verdict,
}

/// Date, sender and subject of a parsed message (raw: views sanitise them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Envelope {
    /// The Date header as Unix seconds.
    pub date: Option<i64>,
    /// The From display name (may be empty).
    pub from_name: String,
    /// The From address.
    pub from_addr: String,
    /// The decoded subject.
    pub subject: String,
    /// The Message-ID, without angle brackets (raw: views sanitise it).
    pub message_id: Option<String>,
}

/// What the list needs of one judged message.
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
    /// The full verdict, signals included.
    pub verdict: Verdict,
    /// The Authentication-Results headers the verdict counted (`analysis::trusted_headers`).
    pub auth_used: Vec<AuthResults>,
}

/// Parses and judges a message held in memory.
pub fn judge_raw(bytes: &[u8], rules: &Rules) -> Judged {
    match mail::parse(bytes) {
        Ok(message) => {
            let verdict = analysis::analyse(&message, rules);
            Judged {
                message: Ok(message),
                verdict,
            }
        }
        Err(err) => Judged::unparseable(err.to_string()),
    }
}

/// Reads, parses and judges one message file. Never fails: an unreadable file is judged `unparseable`.
pub fn judge_file(path: &Path, max_bytes: u64, rules: &Rules) -> Judged {
    judge_file_sized(path, max_bytes, rules).0
}

/// [`judge_file`], with the number of bytes read: `None` when the file could not be read, a judgement that
/// says nothing about its content and is not worth keeping.
pub fn judge_file_sized(path: &Path, max_bytes: u64, rules: &Rules) -> (Judged, Option<u64>) {
    match read(path, max_bytes) {
        Ok(bytes) => (judge_raw(&bytes, rules), u64::try_from(bytes.len()).ok()),
        Err(err) => (Judged::unparseable(err.to_string()), None),
    }
}

/// The record of a message held in memory; `path` and `folder` only label it.
pub fn judge_bytes(path: &str, folder: &str, bytes: &[u8], rules: &Rules) -> Record {
    judge_raw(bytes, rules).record(path, folder)
}

/// Reads and judges one message for display, with its raw header lines.
pub fn load(path: &Path, max_bytes: u64, rules: &Rules) -> Result<Loaded, String> {
    let raw = read(path, max_bytes).map_err(|e| e.to_string())?;
    let headers = header_lines(&raw);
    let judged = judge_raw(&raw, rules);
    let message = judged.message?;
    let auth_used = analysis::trusted_headers(&message, rules)
        .into_iter()
        .cloned()
        .collect();
    Ok(Loaded {
        message,
        headers,
        verdict: judged.verdict,
        auth_used,
    })
}

impl Judged {
    fn unparseable(reason: String) -> Judged {
        Judged {
            verdict: Verdict::unparseable(&reason),
            message: Err(reason),
        }
    }

    /// What the record and the list's summary need of it, without the message's body (what the cache keeps).
    pub fn judgement(self) -> Judgement {
        Judgement {
            head: self.message.ok().map(|m| Head::of(&m)),
            verdict: self.verdict,
        }
    }

    /// The record of the message, every string sanitised for display; `path` and `folder` label it.
    pub fn record(self, path: &str, folder: &str) -> Record {
        self.judgement().record(path, folder)
    }

    /// What the list shows of it.
    pub fn summary(self) -> Summary {
        self.judgement().summary()
    }
}

/// The headers of a parsed message that records and the list show (raw: records sanitise them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Head {
    /// The Message-ID header, without angle brackets.
    pub message_id: Option<String>,
    /// The Date header as RFC 3339.
    pub date: Option<String>,
    /// The Date header as Unix seconds.
    pub timestamp: Option<i64>,
    /// The From header.
    pub from: Option<Address>,
    /// The decoded subject.
    pub subject: String,
}

impl Head {
    fn of(msg: &Message) -> Head {
        Head {
            message_id: msg.message_id.clone(),
            date: msg.date.clone(),
            timestamp: msg.timestamp,
            from: msg.from.clone(),
            subject: msg.subject.clone(),
        }
    }

    fn shown(&self) -> Shown<'_> {
        Shown {
            message_id: self.message_id.as_deref(),
            date: self.date.as_deref(),
            timestamp: self.timestamp,
            from: (self.from.as_ref()).map(|a| (a.name.as_deref(), a.address.as_str())),
            subject: &self.subject,
        }
    }
}

/// The headers a record shows, borrowed: from a [`Head`], or from the verdict cache's row as it is read.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shown<'a> {
    /// The Message-ID header, without angle brackets.
    pub message_id: Option<&'a str>,
    /// The Date header as RFC 3339.
    pub date: Option<&'a str>,
    /// The Date header as Unix seconds.
    pub timestamp: Option<i64>,
    /// The From header: its display name, if any, and its address.
    pub from: Option<(Option<&'a str>, &'a str)>,
    /// The decoded subject.
    pub subject: &'a str,
}

/// The record of a message with these headers (none: it could not be parsed) and this verdict, every string
/// sanitised for display; `path` and `folder` label it. The one way a record is made, from a judgement or
/// straight from the cache, so both print the same bytes.
pub(super) fn record_of(head: Option<Shown>, verdict: Verdict, path: &str, folder: &str) -> Record {
    Record {
        path: sanitise(path),
        folder: sanitise(folder),
        message_id: head.and_then(|h| h.message_id).map(sanitise),
        // In the zone dates are shown in, the same for every face ([`super::dates`]).
        date: head.and_then(|h| {
            (h.timestamp.map(super::dates::rfc3339))
                .filter(|d| !d.is_empty())
                .or_else(|| h.date.map(sanitise))
        }),
        from: head
            .and_then(|h| h.from)
            .map(|(name, address)| sanitise(&joined_address(name, address))),
        subject: head.map(|h| sanitise(h.subject)),
        verdict: sanitise_verdict(verdict),
    }
}

/// One judged message as the cache keeps it: its head (none when it could not be parsed) and its verdict.
/// Records and summaries are made from this alone, so a cached judgement prints exactly as a fresh one.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// The headers shown, when the message could be parsed.
    pub head: Option<Head>,
    /// The verdict.
    pub verdict: Verdict,
}

impl Judgement {
    /// The record of the message, every string sanitised for display; `path` and `folder` label it.
    pub fn record(self, path: &str, folder: &str) -> Record {
        record_of(
            self.head.as_ref().map(Head::shown),
            self.verdict,
            path,
            folder,
        )
    }

    /// What the list shows of it.
    pub fn summary(self) -> Summary {
        Summary {
            envelope: self.head.map(|h| {
                let from = h.from.unwrap_or_default();
                Envelope {
                    date: h.timestamp,
                    from_name: from.name.unwrap_or_default(),
                    from_addr: from.address,
                    subject: h.subject,
                    message_id: h.message_id,
                }
            }),
            verdict: self.verdict,
        }
    }
}

/// Reads a message from its last known path, or, when another client renamed it since, from where it is now.
fn read(path: &Path, max_bytes: u64) -> Result<Vec<u8>, StoreError> {
    match store::read_message(path, max_bytes) {
        Err(StoreError::Missing { .. }) => {
            let moved = store::ops::locate(&store::MessageRef::new(path));
            store::read_message(moved.as_deref().unwrap_or(path), max_bytes)
        }
        other => other,
    }
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

/// `Name <address>`, or the bare address when there is no name.
pub fn format_address(address: &Address) -> String {
    joined_address(address.name.as_deref(), &address.address)
}

/// [`format_address`] of a display name and an address.
fn joined_address(name: Option<&str>, address: &str) -> String {
    match name.map(str::trim) {
        Some(name) if !name.is_empty() => {
            let mut joined = String::with_capacity(name.len() + address.len() + 3);
            joined.push_str(name);
            joined.push_str(" <");
            joined.push_str(address);
            joined.push('>');
            joined
        }
        _ => address.to_owned(),
    }
}

fn sanitise_verdict(mut verdict: Verdict) -> Verdict {
    verdict.advice = sanitise(&verdict.advice);
    for signal in &mut verdict.signals {
        signal.title = sanitise(&signal.title);
        signal.evidence = sanitise(&signal.evidence);
    }
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_stop_at_the_blank_line() {
        let lines = header_lines(b"From: a\r\nSubject: b\r\n\r\nbody\r\n");
        assert_eq!(lines, vec!["From: a", "Subject: b"]);
    }

    #[test]
    fn a_loaded_message_carries_the_authentication_results_the_verdict_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m");
        std::fs::write(
            &path,
            "Authentication-Results: mx.forged.example; dmarc=pass header.from=shop.example\r\n\
             Authentication-Results: mx.mine.example; spf=fail smtp.mailfrom=shop.example; dmarc=fail\r\n\
             From: Shop <news@shop.example>\r\nSubject: hi\r\n\r\nhello\r\n",
        )
        .unwrap();
        let mut rules = analysis::Rules {
            brands: analysis::Brands::embedded(),
            trusted_authserv_ids: Vec::new(),
            scores: analysis::Scores::embedded(),
            taught: Vec::new(),
        };
        let topmost = load(&path, 1 << 20, &rules).unwrap();
        let ids = |l: &Loaded| -> Vec<Option<String>> {
            l.auth_used.iter().map(|a| a.authserv_id.clone()).collect()
        };
        assert_eq!(ids(&topmost), vec![Some("mx.forged.example".to_string())]);
        rules.trusted_authserv_ids = vec!["mx.mine.example".into()];
        let configured = load(&path, 1 << 20, &rules).unwrap();
        assert_eq!(ids(&configured), vec![Some("mx.mine.example".to_string())]);
    }
}

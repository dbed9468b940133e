//! Where the pipeline meets: read a message (through `store`), parse it (`mail`), judge it (`analysis`) and
//! build the display-safe [`Record`]. Used by the CLI and the TUI alike.

use crate::analysis::{self, Rules};
use crate::mail::{self, Address, Message, sanitise::sanitise};
use crate::model::{Record, Verdict};
use crate::store::{self, Entry};

/// Reads, parses and judges one message file. Never fails: unreadable files become `unparseable` records.
pub fn judge_entry(entry: &Entry, rules: &Rules, max_bytes: u64) -> Record {
    match store::read_message(&entry.path, max_bytes) {
        Ok(bytes) => judge_bytes(&entry.path.to_string_lossy(), &entry.folder, &bytes, rules),
        Err(err) => unparseable_record(
            &entry.path.to_string_lossy(),
            &entry.folder,
            &err.to_string(),
        ),
    }
}

/// Parses and judges a message held in memory; `path` and `folder` only label the record.
pub fn judge_bytes(path: &str, folder: &str, bytes: &[u8], rules: &Rules) -> Record {
    match mail::parse(bytes) {
        Ok(message) => {
            let verdict = analysis::analyse(&message, rules);
            record(path, folder, &message, verdict)
        }
        Err(err) => unparseable_record(path, folder, &err.to_string()),
    }
}

/// The record of a message, every string sanitised for display.
fn record(path: &str, folder: &str, message: &Message, verdict: Verdict) -> Record {
    Record {
        path: sanitise(path),
        folder: sanitise(folder),
        message_id: message.message_id.as_deref().map(sanitise),
        date: message.date.as_deref().map(sanitise),
        from: message.from.as_ref().map(|a| sanitise(&format_address(a))),
        subject: Some(sanitise(&message.subject)),
        verdict: sanitise_verdict(verdict),
    }
}

fn unparseable_record(path: &str, folder: &str, reason: &str) -> Record {
    Record {
        path: sanitise(path),
        folder: sanitise(folder),
        message_id: None,
        date: None,
        from: None,
        subject: None,
        verdict: sanitise_verdict(Verdict::unparseable(reason)),
    }
}

/// `Name <address>`, or the bare address when there is no name.
pub fn format_address(address: &Address) -> String {
    match address.name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => format!("{name} <{}>", address.address),
        _ => address.address.clone(),
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

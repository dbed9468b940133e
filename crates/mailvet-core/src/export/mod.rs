//! Printers over `io::Write`, one per format, shared by the CLI and the TUI. They never open files or read
//! the clock (timestamps, dates and Message-IDs are arguments). The record printers print
//! [`Record`](crate::model::Record)s, whose strings are already sanitised for display; the human formats
//! (CSV, Markdown) sanitise again and make links inert. `mbox` and `arf` take the original bytes.

pub mod arf;
pub mod checklist;
pub mod csv;
pub mod eml;
mod facts;
mod forward;
pub mod inert;
pub mod json;
pub mod jsonl;
pub mod markdown;
pub mod mbox;
pub mod mime;
mod source;
pub mod stamp;
pub mod table;

use std::io::{self, Write};

use crate::model::Record;

/// Every export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One JSON document ([`json::Document`]).
    Json,
    /// One JSON record per line.
    Jsonl,
    /// RFC 4180 CSV.
    Csv,
    /// A Markdown report for people.
    Markdown,
    /// Byte-for-byte `.eml` copies, one file per message, into a folder.
    Eml,
    /// One mboxrd file.
    Mbox,
    /// Abuse reports, one `.eml` file per message, into an outbox folder.
    Arf,
}

impl Format {
    /// Every format, in the order of the command line's help.
    pub const ALL: [Format; 7] = [
        Format::Json,
        Format::Jsonl,
        Format::Csv,
        Format::Markdown,
        Format::Eml,
        Format::Mbox,
        Format::Arf,
    ];

    /// The name used on the command line (`md` for Markdown).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Eml => "eml",
            Format::Mbox => "mbox",
            Format::Arf => "arf",
        }
    }

    /// Whether the format writes one file per message into a directory (else one stream).
    pub fn needs_dir(self) -> bool {
        matches!(self, Format::Eml | Format::Arf)
    }

    /// Whether the format needs each message's original bytes (else the records are enough).
    pub fn needs_bytes(self) -> bool {
        matches!(self, Format::Eml | Format::Mbox | Format::Arf)
    }

    /// The file extension of a single-file export (`json`, `md`, ...); for directory formats, of each file.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Eml | Format::Arf => "eml",
            other => other.as_str(),
        }
    }
}

/// Writes `records` in a record format (JSON, JSONL, CSV, Markdown), stamped with `generated_at` where the
/// format has a stamp. Formats that need the messages' bytes write nothing and return an error.
pub fn write_records(
    format: Format,
    out: &mut dyn Write,
    records: &[Record],
    generated_at: &str,
) -> io::Result<()> {
    match format {
        Format::Json => json::write(out, records, generated_at),
        Format::Jsonl => jsonl::write(out, records),
        Format::Csv => csv::write(out, records),
        Format::Markdown => markdown::write(out, records, generated_at),
        Format::Eml | Format::Mbox | Format::Arf => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "the {} format needs the messages themselves",
                format.as_str()
            ),
        )),
    }
}

/// The registrable-looking domain of a `Name <local@domain>` string: the part after the last `@`, lowercased.
pub fn from_domain(from: &str) -> String {
    from.rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('>').trim().to_ascii_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod fixtures {
    use crate::model::{Category, Outcome, Record, Score, Signal, SignalId, Trust, Verdict};

    /// A fixed phishing record for byte-exact printer tests.
    pub fn phishing() -> Record {
        Record {
            path: "/mail/INBOX/cur/1.host:2,S".into(),
            folder: "INBOX".into(),
            message_id: Some("abc@evil.example".into()),
            date: Some("2026-11-20T10:32:00+00:00".into()),
            from: Some("Amazon <security@amaz0n-alerts.example>".into()),
            subject: Some("=Verify your account, now".into()),
            verdict: Verdict {
                brand: Some("amazon".into()),
                category: Category::AccountSecurity,
                trust: Trust::Phishing,
                decisive: vec![SignalId::SenderDomain],
                score: Score {
                    total: 3.0,
                    suspicious: 2.0,
                    phishing: 3.0,
                },
                advice:
                    "Do not click. Report it to Amazon: stop-spoofing@amazon.com, as an attachment."
                        .into(),
                signals: vec![
                    Signal {
                        weight: 3.0,
                        ..Signal::new(
                            SignalId::SenderDomain,
                            Outcome::Fail,
                            "Sender domain is not Amazon's",
                            "amaz0n-alerts.example",
                        )
                    },
                    Signal::new(SignalId::Spf, Outcome::Unknown, "No SPF result", ""),
                ],
            },
        }
    }
}

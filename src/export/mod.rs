//! Printers over `io::Write`, one per format, shared by the CLI and the TUI. They never open files, and they
//! print only [`Record`](crate::model::Record)s, whose strings are already sanitised for display.

pub mod checklist;
pub mod csv;
pub mod jsonl;
pub mod table;

/// The registrable-looking domain of a `Name <local@domain>` string: the part after the last `@`, lowercased.
pub fn from_domain(from: &str) -> String {
    from.rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('>').trim().to_ascii_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod fixtures {
    use crate::model::{Category, Outcome, Record, Signal, Trust, Verdict};

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
                decisive: vec!["sender-domain".into()],
                advice:
                    "Do not click. Report it to Amazon: stop-spoofing@amazon.com, as an attachment."
                        .into(),
                signals: vec![
                    Signal::new(
                        "sender-domain",
                        Outcome::Fail,
                        "Sender domain is not Amazon's",
                        "amaz0n-alerts.example",
                    ),
                    Signal::new("spf", Outcome::Unknown, "No SPF result", ""),
                ],
            },
        }
    }
}

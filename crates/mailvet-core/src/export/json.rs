//! The JSON document: `{"schema_version", "mailvet_version", "generated_at", "messages": [...]}`, each message
//! the record of `explain --format json` (identity, verdict, signals with evidence). Schema in README.md.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::model::Record;

/// The schema version; raised only when a field changes meaning or disappears (new fields may be added).
pub const SCHEMA_VERSION: u32 = 1;

/// The whole exported document. Borrowed when written, owned when read back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document<'a> {
    /// [`SCHEMA_VERSION`] of the writer.
    pub schema_version: u32,
    /// The version of mailvet that wrote it.
    pub mailvet_version: Cow<'a, str>,
    /// When it was written (RFC 3339), as given by the caller.
    pub generated_at: Cow<'a, str>,
    /// One record per message.
    pub messages: Cow<'a, [Record]>,
}

impl<'a> Document<'a> {
    /// A document of `records` written by this mailvet at `generated_at`.
    pub fn new(records: &'a [Record], generated_at: &'a str) -> Self {
        Document {
            schema_version: SCHEMA_VERSION,
            mailvet_version: Cow::Borrowed(env!("CARGO_PKG_VERSION")),
            generated_at: Cow::Borrowed(generated_at),
            messages: Cow::Borrowed(records),
        }
    }
}

/// Writes the document, pretty-printed, ending with a newline.
pub fn write(out: &mut dyn Write, records: &[Record], generated_at: &str) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Document::new(records, generated_at))?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn document_is_byte_exact_and_reads_back() {
        let mut out = Vec::new();
        write(&mut out, &[fixtures::phishing()], "2026-11-24T09:00:00Z").unwrap();
        let text = String::from_utf8(out).unwrap();
        let expected = format!(
            r#"{{
  "schema_version": 1,
  "mailvet_version": "{}",
  "generated_at": "2026-11-24T09:00:00Z",
  "messages": [
    {{
      "path": "/mail/INBOX/cur/1.host:2,S",
      "folder": "INBOX",
      "message_id": "abc@evil.example",
      "date": "2026-11-20T10:32:00+00:00",
      "from": "Amazon <security@amaz0n-alerts.example>",
      "subject": "=Verify your account, now",
      "brand": "amazon",
      "category": "account-security",
      "trust": "phishing",
      "decisive": [
        "sender-domain"
      ],
      "score": {{
        "total": 3.0,
        "suspicious": 2.0,
        "phishing": 3.0
      }},
      "advice": "Do not click. Report it to Amazon: stop-spoofing@amazon.com, as an attachment.",
      "signals": [
        {{
          "id": "sender-domain",
          "outcome": "fail",
          "title": "Sender domain is not Amazon's",
          "evidence": "amaz0n-alerts.example",
          "weight": 3.0
        }},
        {{
          "id": "spf",
          "outcome": "unknown",
          "title": "No SPF result",
          "evidence": "",
          "weight": 0.0
        }}
      ]
    }}
  ]
}}
"#,
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(text, expected);
        let back: Document = serde_json::from_str(&text).unwrap();
        assert_eq!(back.messages.as_ref(), &[fixtures::phishing()]);
    }
}

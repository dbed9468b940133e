//! `X-Mailvet-Trust` headers found in mail. A mail server's `mailvet filter` writes them, but so can anyone
//! (and the server may be someone else's): they are shown as information and never count; the verdict rests
//! on the message's own evidence.

use crate::mail::Message;
use crate::model::{Outcome, Signal, SignalId};

/// An `info` signal (`mailvet-header`) quoting the labels found, when there are any.
pub fn check(msg: &Message) -> Option<Signal> {
    if msg.mailvet_labels.is_empty() {
        return None;
    }
    let found: Vec<String> = (msg.mailvet_labels.iter())
        .map(|label| format!("X-Mailvet-Trust: {label}"))
        .collect();
    Some(Signal::new(
        SignalId::MailvetHeader,
        Outcome::Info,
        "Carries a mailvet label (information only, never counted)",
        found.join("; "),
    ))
}

//! `partly-checked`: the analysis reads a bounded part of each message (so that a huge or hostile message
//! costs no more than an ordinary one), and says so when a bound cut a message short. Information only.

use super::attachments::MAX_ATTACHMENTS;
use super::links::MAX_LINKS;
use super::text::Texts;
use crate::mail::Message;
use crate::model::{Outcome, Signal, SignalId};

/// An `info` signal naming each bound that cut `msg` short, when any did.
pub fn check(msg: &Message) -> Option<Signal> {
    let mut cut = Vec::new();
    if msg.text.len() > Texts::BODY_LIMIT {
        cut.push(format!(
            "first {} KB of {} KB of text read",
            Texts::BODY_LIMIT / 1024,
            msg.text.len().div_ceil(1024)
        ));
    }
    if msg.links.len() > MAX_LINKS {
        cut.push(format!(
            "first {MAX_LINKS} of {} links checked",
            msg.links.len()
        ));
    }
    if msg.attachments.len() > MAX_ATTACHMENTS {
        cut.push(format!(
            "first {MAX_ATTACHMENTS} of {} attachments checked",
            msg.attachments.len()
        ));
    }
    (!cut.is_empty()).then(|| {
        Signal::new(
            SignalId::PartlyChecked,
            Outcome::Info,
            "Only part of this message was checked",
            cut.join("; "),
        )
    })
}

//! What the user taught mailvet about a sender's domain (config `[[taught]]`): "not phishing" trusts the
//! domain — for the brand the message claimed (the domain then counts as one of the brand's own), or as a
//! sender — and "phishing" blocks it. Shown as its own signal with the date and the Message-ID that prompted
//! it. A trust applies only to mail authenticated as the domain (DMARC pass or an aligned DKIM signature), so
//! it can never turn a failed DMARC into a pass; a block applies to any mail whose From is in the domain.

use serde::{Deserialize, Serialize};

use super::auth::AuthFacts;
use super::domains;
use crate::model::{Outcome, Signal, SignalId};

/// One thing the user taught.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taught {
    /// The sender's registrable domain, lowercase ASCII (`example.com`).
    pub domain: String,
    /// Not phishing (`trust`) or phishing (`block`).
    pub verdict: Lesson,
    /// For a trust: the brand the domain is official for (its id); none trusts it as a sender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// When it was taught (`2026-11-24`).
    pub date: String,
    /// The Message-ID of the message that prompted it, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
}

/// The lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lesson {
    /// Not phishing: trust the domain.
    Trust,
    /// Phishing: block the domain.
    Block,
}

impl Lesson {
    /// `trust` or `block`, as written in the config.
    pub fn as_str(self) -> &'static str {
        match self {
            Lesson::Trust => "trust",
            Lesson::Block => "block",
        }
    }
}

/// The lesson for the registrable domain `domain`: the last one taught.
pub fn find<'t>(taught: &'t [Taught], domain: &str) -> Option<&'t Taught> {
    taught
        .iter()
        .rev()
        .find(|t| t.domain.eq_ignore_ascii_case(domain))
}

/// The `taught` signal for mail from `from_host`, when the user taught something about its domain.
pub(super) fn check(
    taught: &[Taught],
    from_host: Option<&str>,
    auth: &AuthFacts,
) -> Option<Signal> {
    let domain = domains::registrable(from_host?)?;
    let lesson = find(taught, domain)?;
    let when = match &lesson.message_id {
        Some(id) => format!("{} on {} (after <{id}>)", lesson.domain, lesson.date),
        None => format!("{} on {}", lesson.domain, lesson.date),
    };
    let (outcome, title) = match lesson.verdict {
        Lesson::Block => (
            Outcome::Fail,
            "You marked mail from this domain as phishing",
        ),
        Lesson::Trust if auth.from_authenticated && !auth.dmarc_failed => (
            Outcome::Pass,
            match lesson.brand {
                Some(_) => "You marked this domain as the brand's own: not phishing",
                None => "You marked mail from this domain as not phishing",
            },
        ),
        Lesson::Trust => (
            Outcome::Info,
            "You trust this domain, but this message is not authenticated as it: not applied",
        ),
    };
    Some(Signal::new(SignalId::Taught, outcome, title, when))
}

//! Message → Verdict, pure and deterministic: the same message and rules always give the same verdict.
//! Never opens files, reads the clock or touches the terminal.

pub mod brands;

use crate::mail::Message;
use crate::model::Verdict;

pub use brands::{Brand, Brands, Report, ReportHow};

/// Everything besides the message that shapes a verdict.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The brand knowledge base (embedded, with the user's brands merged over it).
    pub brands: Brands,
    /// Authserv-ids of the user's own receiving servers, lowercased. Empty: trust the topmost header.
    pub trusted_authserv_ids: Vec<String>,
}

/// Judges one message.
pub fn analyse(msg: &Message, rules: &Rules) -> Verdict {
    let _ = (msg, rules);
    Verdict::unparseable("SKELETON: analysis not written yet")
}

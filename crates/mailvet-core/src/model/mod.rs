//! Plain data shared by every layer: labels, signals, verdicts and the per-message record.
//! Imports nothing from the rest of the crate.

mod record;
mod signal;
mod verdict;

pub use record::Record;
pub use signal::{Group, Role, SignalId};
pub use verdict::{Category, Outcome, Score, Signal, Trust, Verdict};

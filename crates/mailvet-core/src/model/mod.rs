//! Plain data shared by every layer: labels, signals, verdicts and the per-message record.
//! Imports nothing from the rest of the crate.

pub mod overview;
pub mod query;
mod record;
mod signal;
mod verdict;

pub use overview::Overview;
pub use query::Query;
pub use record::Record;
pub use signal::{Group, Role, SignalId};
pub use verdict::{Category, Outcome, Score, Signal, Trust, Verdict};

//! The one pipeline both faces call: collect the inputs and discover folders once ([`inputs`]), judge a
//! message once (read → parse → analyse → record, [`judge`]), and the export and report engine with its
//! default paths ([`export`], [`places`]); the verdict cache ([`cache`]) keeps judgements across runs and
//! [`cached`] and [`list_judge`] judge through it. Imports `store`, `config` and the pure core; never `cli` or `tui`.

pub mod cache;
mod cache_bulk;
mod cache_file;
mod cache_hits;
mod cache_key;
mod cache_row;
mod cache_signals;
pub mod cached;
pub mod dates;
pub mod export;
mod fingerprint;
pub mod inputs;
pub mod judge;
pub mod list_judge;
mod ordered;
pub mod places;
pub mod reports;

pub use inputs::Listing;
pub use judge::{Envelope, Judged, Judgement, Loaded, Summary};

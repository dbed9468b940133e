//! mailvet: triage a local Maildir and explain, signal by signal, whether a message really comes from the
//! brand it claims.
//!
//! Everything runs one way (see `DESIGN.md`): `store` (Maildir on disk) → `pipeline` (collect inputs, judge
//! each message through `mail` and `analysis`, export) → `cli` / `tui`.
//!
//! Dependency rule: `model`, `mail`, `analysis` and `export` (the `mailvet-core` crate, re-exported here, so
//! Cargo enforces it) never open files, read the clock, touch the terminal or use clap. Only `store` reads
//! and moves mail on disk; only `pipeline` turns stored mail into judged records; `cli` and `tui` never
//! import each other, and `config` imports neither.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub use mailvet_core::{analysis, export, mail, model};
/// Judging a message (kept at the top for callers that predate [`pipeline`]).
pub use pipeline::judge;

pub mod accuracy;
pub mod cli;
pub mod config;
pub mod demo;
pub mod error;
pub mod fit;
pub mod pipeline;
pub mod store;
pub mod tui;

//! mailvet: triage a local Maildir and explain, signal by signal, whether a message really comes from the
//! brand it claims.
//!
//! The pipeline runs one way (see `DESIGN.md`):
//! `store` (Maildir on disk) → `mail` (bytes → [`mail::Message`]) → `analysis` (pure: Message → [`model::Verdict`])
//! → `export` / `cli` / `tui`.
//!
//! Dependency rule: `model`, `mail`, `analysis` and `export` (the `mailvet-core` crate, re-exported here, so
//! Cargo enforces it) never open files, read the clock, touch the terminal or
//! use clap. Only `store` reads and moves mail on disk; `cli` and `tui` open files and talk to people.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub use mailvet_core::{analysis, export, mail, model};

pub mod accuracy;
pub mod cli;
pub mod config;
pub mod demo;
pub mod error;
pub mod judge;
pub mod store;
pub mod tui;

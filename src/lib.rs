//! mailvet: triage a local Maildir and explain, signal by signal, whether a message really comes from the
//! brand it claims.
//!
//! The pipeline runs one way (see `DESIGN.md`):
//! `store` (Maildir on disk) → `mail` (bytes → [`mail::Message`]) → `analysis` (pure: Message → [`model::Verdict`])
//! → `export` / `cli` / `tui`.
//!
//! Dependency rule: `model`, `mail`, `analysis` and `export` never open files, read the clock, touch the terminal
//! or use clap. Only `store` reads and moves mail on disk; `cli` and `tui` open files and talk to people.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod accuracy;
pub mod analysis;
pub mod cli;
pub mod config;
pub mod demo;
pub mod error;
pub mod export;
pub mod judge;
pub mod mail;
pub mod model;
pub mod store;
pub mod tui;

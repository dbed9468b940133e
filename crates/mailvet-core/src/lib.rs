//! mailvet's pure layer: bytes → [`mail::Message`] → [`model::Verdict`], and the printers over `io::Write`.
//!
//! This crate exists so that Cargo enforces DESIGN.md's dependency rule: nothing here opens files, reads the
//! clock, touches the terminal or parses command lines — it has no dependency that could. The `mailvet` crate
//! (store, config, cli, tui) re-exports these modules under the same names.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod analysis;
pub mod export;
pub mod mail;
pub mod model;

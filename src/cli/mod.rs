//! The command line: clap definitions and the headless subcommands. Thin: parse, call, print.

pub mod act;
mod args;
pub mod cache;
pub mod docs;
mod explain;
pub mod export;
mod filter;
mod mailbox;
mod scan;
pub mod teach;

pub use args::{
    Cli, Command, CompletionsArgs, ExplainArgs, ExplainFormat, ExportArgs, ScanArgs, ScanFormat,
};
pub use explain::explain;
pub use export::export;
pub use filter::{FilterArgs, filter};
pub use mailbox::{Mailbox, resolve_mailbox};
pub use scan::scan;

/// Exit status: nothing suspicious found, or the command did its job.
pub const EXIT_OK: u8 = 0;
/// Exit status of `scan` when a message is suspicious or phishing.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status for usage errors, and when no input could be read.
pub const EXIT_ERROR: u8 = 2;

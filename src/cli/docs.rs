//! `mailvet completions SHELL` and `mailvet man`: shell completions and the man page, both generated from
//! the clap definition so they never drift from the real options.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Writes the completion script for `shell` (built in memory first: clap_complete panics on a write error,
/// and a closed pipe must end quietly).
pub fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "mailvet", &mut script);
    out.write_all(&script)
}

/// Writes the man page (roff): the options and the list of subcommands (`mailvet help SUBCOMMAND` has each
/// one's own options).
pub fn man(out: &mut dyn Write) -> io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)
}

//! `mailvet explain FILE|-`: the checklist behind one message's label, for people or as JSON.

use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use anyhow::{Context, bail};

use super::{ExplainArgs, ExplainFormat};
use crate::config::Config;
use crate::export;
use crate::pipeline::judge::judge_bytes;
use crate::store;

/// Runs `explain`: reads the message (a file, or standard input for `-`), judges it and prints it.
/// Fails only when the message cannot be read at all; a verdict of any label is success.
pub fn explain(args: &ExplainArgs, config: &Config, out: &mut dyn Write) -> anyhow::Result<()> {
    let max = config.max_message_bytes;
    let (label, bytes) = if args.file == Path::new("-") {
        ("-".to_owned(), read_stdin(max)?)
    } else {
        (
            args.file.to_string_lossy().into_owned(),
            store::read_message(&args.file, max)?,
        )
    };
    let record = judge_bytes(&label, "", &bytes, &config.rules());
    match args.format {
        ExplainFormat::Json => export::jsonl::write_pretty(out, &record)?,
        ExplainFormat::Text => export::checklist::write(out, &record, use_colour())?,
    }
    out.flush()?;
    Ok(())
}

/// Reads standard input, refusing more than `max` bytes.
fn read_stdin(max: u64) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    if bytes.len() as u64 > max {
        bail!("standard input is larger than the limit of {max} bytes (config 'max_message_size')");
    }
    Ok(bytes)
}

/// Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org).
fn use_colour() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

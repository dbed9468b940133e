//! `mailvet export`: judge the selected messages and write them in one format through the pipeline's export
//! engine ([`crate::pipeline::export`]): a stream to a file or standard output, or one file per message
//! (.eml copies, abuse reports) into a folder.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};

use super::{EXIT_ERROR, EXIT_OK, ExportArgs};
use crate::config::Config;
use crate::export::Format;
use crate::model::Record;
use crate::pipeline::cache::Want;
use crate::pipeline::cached::{Place, records};
use crate::pipeline::export::{Output, Settings, Target, run};
use crate::pipeline::places::{default_outbox, now};
use crate::store::Entry;

/// Runs `mailvet export` over `inputs`; returns the exit status: 0 done (messages left out on purpose are
/// listed on `err`), 2 when nothing could be read or a message could not be exported.
pub fn export(
    args: &ExportArgs,
    inputs: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let Some(entries) = crate::pipeline::inputs::collect(inputs, err)? else {
        return Ok(EXIT_ERROR);
    };
    let rules = config.rules();
    let entries: Vec<Entry> = entries
        .into_iter()
        .filter(|e| !args.flagged || e.flags.contains('F'))
        .collect();
    let place = Place::default_for(config.cache, &rules, config.max_message_bytes);
    let records = records(
        &entries,
        &rules,
        config.max_message_bytes,
        place.as_ref(),
        Want::Full,
    );
    let targets: Vec<Target> = entries
        .into_iter()
        .zip(records)
        .map(|(e, record)| Target {
            path: e.path,
            record,
        })
        .filter(|t| wanted(args, &t.record))
        .collect();
    // Reports are only for suspect messages: leave the others out quietly, and count them.
    let before = targets.len();
    let targets: Vec<Target> = if args.format == Format::Arf {
        targets
            .into_iter()
            .filter(|t| t.record.verdict.trust.is_alarm())
            .collect()
    } else {
        targets
    };
    let left_out = before - targets.len();
    let settings = Settings {
        format: args.format,
        rules: &rules,
        identity: config.identity.address.as_deref(),
        max_message_bytes: config.max_message_bytes,
        now: now(),
    };
    let dir = match (&args.output, args.format) {
        (Some(path), f) if f.needs_dir() => Some(path.clone()),
        (None, Format::Arf) => Some(default_outbox().context("no home directory for the outbox")?),
        (None, Format::Eml) => {
            bail!("--format eml writes one file per message: name a folder with -o DIR")
        }
        _ => None,
    };
    let summary = match (&dir, &args.output) {
        (Some(dir), _) => run(&settings, &targets, Output::Dir(dir), &mut |_| {})?,
        (None, Some(file)) => {
            let file = fs::File::create(file)
                .with_context(|| format!("cannot create '{}'", file.display()))?;
            let mut file = io::BufWriter::new(file);
            let summary = run(&settings, &targets, Output::Stream(&mut file), &mut |_| {})?;
            file.flush()?;
            summary
        }
        (None, None) => run(&settings, &targets, Output::Stream(out), &mut |_| {})?,
    };
    for (path, note) in &summary.written {
        writeln!(out, "{}\t{note}", path.display())?;
    }
    for (path, why) in summary.skipped.iter().chain(&summary.failed) {
        writeln!(err, "mailvet: {path}: {why}")?;
    }
    if let Some(dir) = dir {
        let what = if args.format == Format::Arf {
            "report"
        } else {
            "message"
        };
        let n = summary.written.len();
        let plural = if n == 1 { "" } else { "s" };
        let note = if left_out > 0 {
            format!(" ({left_out} not phishing or suspicious, left out)")
        } else {
            String::new()
        };
        writeln!(
            err,
            "mailvet: wrote {n} {what}{plural} to {}{note}",
            dir.display()
        )?;
    }
    out.flush()?;
    Ok(if summary.failed.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERROR
    })
}

/// Whether a record passes the `--trust` and `--category` filters.
fn wanted(args: &ExportArgs, record: &Record) -> bool {
    let verdict = &record.verdict;
    (args.trust.is_empty() || args.trust.contains(&verdict.trust))
        && (args.category.is_empty() || args.category.contains(&verdict.category))
}

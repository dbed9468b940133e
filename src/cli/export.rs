//! `mailvet export`: judge the selected messages and write them in one format through the pipeline's export
//! engine ([`crate::pipeline::export`]): a stream to a file or standard output, or one file per message
//! (.eml copies, abuse reports) into a folder.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::{EXIT_ERROR, EXIT_OK, ExportArgs};
use crate::config::Config;
use crate::export::Format;
use crate::model::Record;
use crate::pipeline::cache::Want;
use crate::pipeline::cached::{Place, records};
use crate::pipeline::export::{Output, Settings, Target, run};
use crate::pipeline::places::now;
use crate::pipeline::reports;
use crate::store::{Entry, Writable};

/// Runs `mailvet export` over `inputs`; returns the exit status: 0 done (messages left out on purpose are
/// listed on `err`), 2 when nothing could be read, nothing was exported, or a message could not be
/// exported. Reports need the user's address (config `identity.address`) and go as drafts into the Maildir
/// `maildir` (when there is one) unless `-o` names a folder ([`crate::pipeline::reports`]).
pub fn export(
    args: &ExportArgs,
    inputs: &[PathBuf],
    maildir: Option<&Path>,
    config: &Config,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    if args.format == Format::Arf && config.identity.address.is_none() {
        writeln!(err, "mailvet: {}", crate::config::identity::MISSING)?;
        return Ok(EXIT_ERROR);
    }
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
    if targets.is_empty() {
        let why = if args.format == Format::Arf {
            format!(
                "no report written: none of the {before} messages selected is phishing or suspicious"
            )
        } else {
            "nothing exported: no message matched".to_owned()
        };
        writeln!(err, "mailvet: {why}")?;
        return Ok(EXIT_ERROR);
    }
    let settings = Settings {
        format: args.format,
        rules: &rules,
        identity: config.identity.address.as_deref(),
        max_message_bytes: config.max_message_bytes,
        now: now(),
    };
    let mut drafts = None;
    let dir = match (&args.output, args.format) {
        (Some(path), f) if f.needs_dir() => Some(path.clone()),
        (None, Format::Arf) => match reports::place(config, maildir).map_err(anyhow::Error::msg)? {
            reports::Place::Drafts(dir) => {
                drafts = Some(Writable::new(config.read_only)?);
                Some(dir)
            }
            reports::Place::Outbox(dir) => Some(dir),
        },
        (None, Format::Eml) => {
            bail!("--format eml writes one file per message: name a folder with -o DIR")
        }
        _ => None,
    };
    let summary = match (&dir, &args.output) {
        (Some(dir), _) => {
            let output = match &drafts {
                Some(writable) => Output::Drafts(dir, writable),
                None => Output::Dir(dir),
            };
            run(&settings, &targets, output, &mut |_| {})?
        }
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
    if let Some(dir) = &dir {
        let what = match (args.format, &drafts) {
            (Format::Arf, Some(_)) => "report draft",
            (Format::Arf, None) => "report",
            _ => "message",
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
    let nothing = dir.is_some() && summary.written.is_empty();
    Ok(if summary.failed.is_empty() && !nothing {
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

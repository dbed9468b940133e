//! `mailvet scan`: judge every message under the inputs in parallel and print one record per message,
//! in a stable order.

use std::io::{self, Write};
use std::path::PathBuf;

use super::act::Mover;
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ScanArgs, ScanFormat};
use crate::config::Config;
use crate::export;
use crate::model::Record;
use crate::pipeline::cache::Want;
use crate::pipeline::cached::{Place, records};
use crate::store::OpError;

/// Runs `scan` over `inputs`; returns the exit status: 1 when any message scanned is suspicious or phishing
/// (whatever `--trust`/`--category` print), 2 when no input could be read or a `--junk`/`--archive` move
/// failed, else 0. With `--junk`/`--archive` the messages printed are then moved, one line each on `err`.
pub fn scan(
    args: &ScanArgs,
    inputs: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let mover = match mover(args, config) {
        Ok(mover) => mover,
        Err(e) => {
            writeln!(err, "mailvet: {e}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let Some(entries) = crate::pipeline::inputs::collect(inputs, err)? else {
        return Ok(EXIT_ERROR);
    };
    let rules = config.rules();
    let place = Place::default_for(config.cache, &rules, config.max_message_bytes);
    let want = match args.format {
        ScanFormat::Table | ScanFormat::Csv => Want::List,
        ScanFormat::Jsonl => Want::Full,
    };
    let records = records(
        &entries,
        &rules,
        config.max_message_bytes,
        place.as_ref(),
        want,
    );
    let findings = records.iter().any(|r| r.verdict.trust.is_alarm());
    let shown: Vec<Record> = records.into_iter().filter(|r| wanted(args, r)).collect();
    match args.format {
        ScanFormat::Table => export::table::write(out, &shown)?,
        ScanFormat::Jsonl => export::jsonl::write(out, &shown)?,
        ScanFormat::Csv => export::csv::write(out, &shown)?,
    }
    out.flush()?;
    if let Some(mover) = mover {
        let paths: Vec<PathBuf> = shown.iter().map(|r| PathBuf::from(&r.path)).collect();
        if !mover.run(&paths, err, None)? {
            return Ok(EXIT_ERROR);
        }
    }
    Ok(if findings { EXIT_FINDINGS } else { EXIT_OK })
}

/// The mover `--junk`/`--archive` asks for (refused in read-only mode unless `--dry-run`).
fn mover(args: &ScanArgs, config: &Config) -> Result<Option<Mover>, OpError> {
    let folder = match (args.junk, args.archive) {
        (true, _) => &config.folders.junk,
        (false, true) => &config.folders.archive,
        (false, false) => return Ok(None),
    };
    Mover::new(folder, args.dry_run, config).map(Some)
}

/// Whether a record passes the `--trust` and `--category` filters.
fn wanted(args: &ScanArgs, record: &Record) -> bool {
    let verdict = &record.verdict;
    (args.trust.is_empty() || args.trust.contains(&verdict.trust))
        && (args.category.is_empty() || args.category.contains(&verdict.category))
}

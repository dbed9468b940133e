//! `mailvet scan`: judge every message under the inputs in parallel and print one record per message,
//! in a stable order, each as soon as it and those before it are judged.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use super::act::Mover;
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ScanArgs, ScanFormat};
use crate::config::Config;
use crate::export;
use crate::model::Record;
use crate::pipeline::cache::Want;
use crate::pipeline::cached::{Place, each_record};
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
        ScanFormat::Table | ScanFormat::Csv => Want::Columns,
        ScanFormat::Jsonl => Want::Full,
    };
    let mut findings = false;
    // The records' paths are printable (sanitised); moves use the real paths, bytes and all.
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut printer = Printer::new(args.format, BufWriter::with_capacity(1 << 16, out))?;
    // Each record is checked and written out on the thread that judged it; this one only prints.
    let prepare = |_, record: Record| Ready {
        alarm: record.verdict.trust.is_alarm(),
        out: wanted(args, &record).then(|| Out::of(args.format, record)),
    };
    each_record(
        &entries,
        &rules,
        config.max_message_bytes,
        place.as_ref(),
        want,
        prepare,
        |i, ready| {
            findings |= ready.alarm;
            let Some(out) = ready.out else {
                return Ok(());
            };
            if mover.is_some() {
                paths.push(entries[i].path.clone());
            }
            printer.print(out)
        },
    )?;
    printer.finish()?;
    if let Some(mover) = mover
        && !mover.run(&paths, err, None)?
    {
        return Ok(EXIT_ERROR);
    }
    Ok(if findings { EXIT_FINDINGS } else { EXIT_OK })
}

/// What the printing thread needs of a record.
struct Ready {
    /// It is suspicious or phishing.
    alarm: bool,
    /// What to print; `None` when `--trust`/`--category` leave it out.
    out: Option<Out>,
}

/// A record to print: as text (table, JSON lines) or as itself (CSV, whose writer keeps state).
enum Out {
    /// Written out in the table's or the JSON lines' format.
    Text(io::Result<Vec<u8>>),
    /// For the CSV writer.
    Record(Box<Record>),
}

impl Out {
    /// The record as `format` prints it.
    fn of(format: ScanFormat, record: Record) -> Out {
        // Held until its turn to print (every hit of a warm scan at once): no more room than the text takes.
        // A table row comes in one write, which an empty Vec takes in an allocation of its size.
        let mut text = Vec::new();
        let written = match format {
            ScanFormat::Table => export::table::write_row(&mut text, &record),
            ScanFormat::Jsonl => {
                text.reserve(4096);
                let written = export::jsonl::write_line(&mut text, &record);
                text.shrink_to_fit();
                written
            }
            ScanFormat::Csv => return Out::Record(Box::new(record)),
        };
        Out::Text(written.map(|()| text))
    }
}

/// Prints records one at a time in the format asked for.
enum Printer<W: Write> {
    Table(W),
    Jsonl(W),
    Csv(Box<export::csv::Rows<W>>),
}

impl<W: Write> Printer<W> {
    /// Starts the output (the table's and the CSV's header line).
    fn new(format: ScanFormat, mut out: W) -> io::Result<Printer<W>> {
        Ok(match format {
            ScanFormat::Table => {
                export::table::write_header(&mut out)?;
                Printer::Table(out)
            }
            ScanFormat::Jsonl => Printer::Jsonl(out),
            ScanFormat::Csv => Printer::Csv(Box::new(export::csv::Rows::new(out)?)),
        })
    }

    fn print(&mut self, record: Out) -> io::Result<()> {
        match (self, record) {
            (Printer::Table(out) | Printer::Jsonl(out), Out::Text(text)) => out.write_all(&text?),
            (Printer::Csv(rows), Out::Record(record)) => rows.push(&record),
            // [`Out::of`] makes each record in its printer's shape.
            _ => Err(io::Error::other("a record made for another format")),
        }
    }

    /// Writes out everything still buffered.
    fn finish(self) -> io::Result<()> {
        match self {
            Printer::Table(mut out) | Printer::Jsonl(mut out) => out.flush(),
            Printer::Csv(rows) => rows.finish(),
        }
    }
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

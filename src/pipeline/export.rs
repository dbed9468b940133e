//! The export and report engine both faces share: given messages already judged, an output and a progress
//! callback, it does the reading and writing that the pure printers of `export` leave out: a stream (JSON,
//! JSONL, CSV, Markdown, mbox) to a writer, or one file per message (.eml copies, abuse reports) into a
//! folder, never replacing a file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::judge::judge_file;
use super::places::{compact, default_file_name, rfc3339};
use crate::analysis::Rules;
use crate::export::arf::{self, ReportRequest};
use crate::export::{self, Format, eml, mbox};
use crate::model::Record;
use crate::store;

/// One message to export: its file and its judged record.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The message file on disk (read again for .eml, mbox and reports).
    pub path: PathBuf,
    /// Its record.
    pub record: Record,
}

/// How to export.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    /// The format.
    pub format: Format,
    /// The rules the records were judged with (reports need the brand knowledge base).
    pub rules: &'a Rules,
    /// The user's address for reports (config `identity.address`).
    pub identity: Option<&'a str>,
    /// Largest message file read again, in bytes.
    pub max_message_bytes: u64,
    /// The time of the export, Unix seconds: stamps documents, dates reports, names files.
    pub now: i64,
}

/// Where an export goes.
pub enum Output<'w> {
    /// One stream (record formats and mbox).
    Stream(&'w mut dyn Write),
    /// A folder, created when missing (.eml copies and reports; a stream format writes one file named
    /// [`default_file_name`] in it).
    Dir(&'w Path),
    /// Reports as drafts (flag `D`) into this Maildir folder, for the user's mail client to send.
    Drafts(&'w Path, &'w store::Writable),
}

/// How far an export is: `done` of `total` messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Messages handled so far.
    pub done: usize,
    /// Messages in all.
    pub total: usize,
}

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files written (empty for a stream), each with a note (for reports: the address it goes to).
    pub written: Vec<(PathBuf, String)>,
    /// Messages left out on purpose (reports on messages that are not suspect), with the reason.
    pub skipped: Vec<(String, String)>,
    /// Messages that could not be exported (unreadable, unwritable), with the reason.
    pub failed: Vec<(String, String)>,
}

/// Why one message was not exported.
enum Miss {
    /// Left out on purpose.
    Skip(String),
    /// An error.
    Fail(String),
}

impl Summary {
    fn miss(&mut self, target: &Target, miss: Miss) {
        let path = target.record.path.clone();
        match miss {
            Miss::Skip(why) => self.skipped.push((path, why)),
            Miss::Fail(why) => self.failed.push((path, why)),
        }
    }
}

/// Reads and judges one message in full for an export (from where it is now, if another client renamed it);
/// an unreadable file becomes an `unparseable` record.
pub fn target(path: &Path, folder: &str, max_bytes: u64, rules: &Rules) -> Target {
    let path =
        store::ops::locate(&store::MessageRef::new(path)).unwrap_or_else(|_| path.to_path_buf());
    let record = judge_file(&path, max_bytes, rules).record(&path.to_string_lossy(), folder);
    Target { path, record }
}

/// Exports `targets` to `output`, calling `progress` after each message. Messages that cannot be read
/// again, or (for reports) are not suspicious or phishing, are skipped and listed in the summary.
pub fn run(
    settings: &Settings<'_>,
    targets: &[Target],
    output: Output<'_>,
    progress: &mut dyn FnMut(Progress),
) -> anyhow::Result<Summary> {
    let total = targets.len();
    let mut summary = Summary::default();
    match output {
        Output::Dir(dir) if !settings.format.needs_dir() => {
            create_dir(dir)?;
            let path = dir.join(default_file_name(settings.format, settings.now));
            let file = create_new(&path)?;
            let mut file = io::BufWriter::new(file);
            run(settings, targets, Output::Stream(&mut file), progress)?;
            file.flush()?;
            let plural = if total == 1 { "" } else { "s" };
            summary
                .written
                .push((path, format!("{total} message{plural}")));
        }
        Output::Drafts(..) if settings.format != Format::Arf => {
            anyhow::bail!("only reports are stored as drafts");
        }
        Output::Stream(out) if settings.format == Format::Mbox => {
            for (done, target) in targets.iter().enumerate() {
                match read(settings, target) {
                    Ok(bytes) => mbox::write_message(out, &bytes)?,
                    Err(why) => summary.miss(target, Miss::Fail(why)),
                }
                progress(Progress {
                    done: done + 1,
                    total,
                });
            }
        }
        Output::Stream(out) => {
            let records: Vec<Record> = targets.iter().map(|t| t.record.clone()).collect();
            export::write_records(settings.format, out, &records, &rfc3339(settings.now))?;
            progress(Progress { done: total, total });
        }
        Output::Dir(dir) => {
            create_dir(dir)?;
            each(targets, &mut summary, progress, |index, target| {
                let (name, bytes, note) = file_of(settings, index, target)?;
                let path = write_new(dir, &name, &bytes).map_err(|e| {
                    Miss::Fail(format!("cannot write into '{}': {e}", dir.display()))
                })?;
                Ok((path, note))
            });
        }
        Output::Drafts(dir, writable) => {
            each(targets, &mut summary, progress, |index, target| {
                let (_, bytes, note) = file_of(settings, index, target)?;
                let path = store::drafts::store(dir, &bytes, writable).map_err(|e| {
                    Miss::Fail(format!("cannot store a draft in '{}': {e}", dir.display()))
                })?;
                Ok((path, note))
            });
        }
    }
    Ok(summary)
}

/// Writes each target with `write` (given its 1-based index), recording the result and the progress.
fn each(
    targets: &[Target],
    summary: &mut Summary,
    progress: &mut dyn FnMut(Progress),
    mut write: impl FnMut(usize, &Target) -> Result<(PathBuf, String), Miss>,
) {
    let total = targets.len();
    for (i, target) in targets.iter().enumerate() {
        match write(i + 1, target) {
            Ok(written) => summary.written.push(written),
            Err(miss) => summary.miss(target, miss),
        }
        progress(Progress { done: i + 1, total });
    }
}

/// The `.eml` copy or the report of one message: its file name, bytes and the note for the summary.
fn file_of(
    settings: &Settings<'_>,
    index: usize,
    target: &Target,
) -> Result<(String, Vec<u8>, String), Miss> {
    let bytes = read(settings, target).map_err(Miss::Fail)?;
    Ok(if settings.format == Format::Arf {
        let stamp = compact(settings.now);
        let identity = settings.identity.ok_or_else(|| {
            Miss::Fail(format!(
                "no report written: {}",
                crate::config::identity::MISSING
            ))
        })?;
        let request = ReportRequest {
            original: &bytes,
            record: &target.record,
            rules: settings.rules,
            identity,
            date: &super::dates::rfc5322(settings.now),
            message_id: &format!("{stamp}.{index}.{}@mailvet.invalid", std::process::id()),
        };
        let report = arf::build(&request).map_err(|e| Miss::Skip(e.to_string()))?;
        let brand = target.record.verdict.brand.as_deref();
        let label = if report.fallback.is_some() {
            "apwg"
        } else {
            brand.unwrap_or("apwg")
        };
        let name = format!("report-{stamp}-{index:04}-{}.eml", eml::slug(label, "apwg"));
        let form = match report.form {
            arf::Form::Arf => "attached (ARF)",
            arf::Form::Forward => "forwarded",
        };
        let mut note = format!("to {}, {form}", report.to);
        if let Some(why) = &report.fallback {
            note.push_str(&format!(", because {why}"));
        }
        (name, report.bytes, note)
    } else {
        let note = crate::mail::sanitise::sanitise(&target.record.path);
        (eml::copy_name(index, &target.record), bytes, note)
    })
}

/// The message's bytes, read again (size-capped).
fn read(settings: &Settings<'_>, target: &Target) -> Result<Vec<u8>, String> {
    store::read_message(&target.path, settings.max_message_bytes).map_err(|e| e.to_string())
}

/// Writes `bytes` to a new file `name` in `dir`, never replacing one: `name-2.eml`, `name-3.eml`, ... when
/// taken.
fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "eml"));
    for n in 1..1000 {
        let path = if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem}-{n}.{ext}"))
        };
        match create_new(&path) {
            Ok(mut file) => {
                file.write_all(bytes)?;
                file.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("every name like '{name}' is taken"),
    ))
}

fn create_new(path: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

fn create_dir(dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create the folder '{}'", dir.display()))
}

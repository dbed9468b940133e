//! Headless actions: `mailvet flag`, `mailvet move`, `mailvet recover`, and the moves of `scan --junk/--archive`.
//! Thin: parse, call `store::ops`, print one line per message. Writing commands first recover what a crash
//! left in the Maildirs they touch; `--dry-run` and `--read-only` never write.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::{EXIT_ERROR, EXIT_OK};
use crate::config::Config;
use crate::mail::sanitise::shown_path as shown;
use crate::store::flag::{Flag, FlagEdit, parse_flags};
use crate::store::ops::{self, MessageRef, OpError, Plan, Writable};
use crate::store::recover;

/// Arguments of `mailvet flag`.
#[derive(Debug, Args)]
pub struct FlagArgs {
    /// Message files in a Maildir's cur/ or new/
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Flags to set: names (seen, flagged, replied, trashed, draft, passed) or letters (FS); comma-separated
    #[arg(long, value_name = "FLAGS", value_delimiter = ',', value_parser = parse_flag_list)]
    pub set: Vec<FlagList>,
    /// Flags to clear, as for --set
    #[arg(long, value_name = "FLAGS", value_delimiter = ',', value_parser = parse_flag_list)]
    pub clear: Vec<FlagList>,
    /// Print what would happen, change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Arguments of `mailvet move`.
#[derive(Debug, Args)]
pub struct MoveArgs {
    /// Message files in a Maildir's cur/ or new/
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Folder of the same Maildir: a Maildir++ name ('Archive' is .Archive, 'Lists.rust'), or INBOX
    #[arg(long, value_name = "FOLDER")]
    pub to: String,
    /// Print what would happen, change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Arguments of `mailvet recover`.
#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// Maildirs whose interrupted moves to finish or roll back
    #[arg(required = true)]
    pub maildirs: Vec<PathBuf>,
}

/// Flags given in one `--set`/`--clear` item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagList(pub Vec<Flag>);

fn parse_flag_list(s: &str) -> Result<FlagList, String> {
    parse_flags(s).map(FlagList)
}

/// Runs `flag`: exit 0 when every message was handled, 2 when any could not be (the others still are).
pub fn flag(
    args: &FlagArgs,
    config: &Config,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let flatten =
        |lists: &[FlagList]| -> Vec<Flag> { lists.iter().flat_map(|l| l.0.clone()).collect() };
    let edit = FlagEdit {
        set: flatten(&args.set),
        clear: flatten(&args.clear),
    };
    if let Some(both) = edit.set.iter().find(|f| edit.clear.contains(f)) {
        anyhow::bail!("'{both}' is both set and cleared");
    }
    if edit.set.is_empty() && edit.clear.is_empty() {
        anyhow::bail!("nothing to do: give --set and/or --clear");
    }
    let w = writable(args.dry_run, config)?;
    recover_roots(w.as_ref(), &args.paths, err)?;
    let mut ok = true;
    for path in &args.paths {
        let msg = MessageRef::new(path);
        let result = match &w {
            None => ops::plan_flags(&msg, &edit),
            Some(w) => ops::set_flags(w, &msg, &edit).map(ops::Done::plan),
        };
        let (good, line) = outcome("flag", w.is_none(), path, result);
        ok &= good;
        if good {
            writeln!(out, "{line}")?;
        } else {
            writeln!(err, "{line}")?;
        }
    }
    Ok(if ok { EXIT_OK } else { EXIT_ERROR })
}

/// Runs `move`: exit codes as for [`flag`].
pub fn move_cmd(
    args: &MoveArgs,
    config: &Config,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let mover = Mover::new(&args.to, args.dry_run, config)?;
    let ok = mover.run(&args.paths, out, Some(err))?;
    Ok(if ok { EXIT_OK } else { EXIT_ERROR })
}

/// Runs `recover`: prints what was finished or rolled back in each Maildir.
pub fn recover_cmd(args: &RecoverArgs, config: &Config, out: &mut dyn Write) -> anyhow::Result<u8> {
    let w = Writable::new(config.read_only)?;
    for root in &args.maildirs {
        print_recovered(out, root, &recover::recover(&w, root)?)?;
    }
    Ok(EXIT_OK)
}

/// Moves messages into one folder of their own Maildir, or with `dry_run` says what it would move.
pub struct Mover {
    folder: String,
    writable: Option<Writable>,
}

impl Mover {
    /// A mover into `folder` (checked here); fails in read-only mode unless `dry_run`.
    pub fn new(folder: &str, dry_run: bool, config: &Config) -> Result<Mover, OpError> {
        ops::folder_path(Path::new(""), folder)?;
        Ok(Mover {
            folder: folder.to_owned(),
            writable: writable(dry_run, config)?,
        })
    }

    /// Moves each message (after recovering its Maildir), printing one line per message to `out`, errors and
    /// recovery to `err` (to `out` when `None`); returns whether every message was handled.
    pub fn run(
        &self,
        paths: &[PathBuf],
        out: &mut dyn Write,
        mut err: Option<&mut dyn Write>,
    ) -> io::Result<bool> {
        match err.as_deref_mut() {
            Some(err) => recover_roots(self.writable.as_ref(), paths, err)?,
            None => recover_roots(self.writable.as_ref(), paths, out)?,
        }
        let mut ok = true;
        // Moved in batches: the directories are fsynced once per batch, before its lines are printed.
        for batch in paths.chunks(BATCH) {
            for (path, result) in batch.iter().zip(self.move_batch(batch)) {
                let (good, line) = outcome("move", self.writable.is_none(), path, result);
                ok &= good;
                match &mut err {
                    Some(err) if !good => writeln!(err, "{line}")?,
                    _ => writeln!(out, "{line}")?,
                }
            }
        }
        Ok(ok)
    }

    /// Moves (or plans) each message of `paths`, one result per path.
    fn move_batch(&self, paths: &[PathBuf]) -> Vec<Result<Plan, OpError>> {
        let targets: Vec<Result<PathBuf, OpError>> = paths
            .iter()
            .map(|path| {
                ops::maildir_root(path)
                    .ok_or_else(|| OpError::NotInMaildir { path: path.clone() })
                    .and_then(|root| ops::folder_path(&root, &self.folder))
            })
            .collect();
        let Some(w) = &self.writable else {
            return paths
                .iter()
                .zip(targets)
                .map(|(path, target)| ops::plan_move(&MessageRef::new(path), &target?))
                .collect();
        };
        let moves: Vec<(MessageRef, PathBuf)> = paths
            .iter()
            .zip(&targets)
            .filter_map(|(path, target)| {
                Some((MessageRef::new(path), target.as_ref().ok()?.clone()))
            })
            .collect();
        let mut moved = ops::move_each(w, &moves).into_iter();
        targets
            .into_iter()
            .map(|target| match target {
                Ok(_) => moved
                    .next()
                    .unwrap_or(Err(OpError::Busy {
                        path: PathBuf::new(),
                    }))
                    .map(ops::Done::plan),
                Err(e) => Err(e),
            })
            .collect()
    }
}

/// How many messages a move handles between two fsyncs of the directories.
const BATCH: usize = 256;

/// Permission to write, or `None` for a dry run; refused in read-only mode.
fn writable(dry_run: bool, config: &Config) -> Result<Option<Writable>, OpError> {
    if dry_run {
        Ok(None)
    } else {
        Writable::new(config.read_only).map(Some)
    }
}

/// Runs crash recovery once on each Maildir holding one of `paths` (not in a dry run).
fn recover_roots(w: Option<&Writable>, paths: &[PathBuf], out: &mut dyn Write) -> io::Result<()> {
    let Some(w) = w else { return Ok(()) };
    let roots: BTreeSet<PathBuf> = paths.iter().filter_map(|p| ops::maildir_root(p)).collect();
    for root in roots {
        match recover::recover(w, &root) {
            Ok(done) => print_recovered(out, &root, &done)?,
            Err(e) => writeln!(out, "mailvet: recovering '{}': {e}", shown(&root))?,
        }
    }
    Ok(())
}

fn print_recovered(out: &mut dyn Write, root: &Path, done: &recover::Recovered) -> io::Result<()> {
    if !done.is_empty() {
        writeln!(
            out,
            "recovered '{}': {} leftover copies removed from tmp/, {} sources of finished moves removed, {} \
             messages restored from tmp/",
            shown(root),
            done.removed.len(),
            done.deduplicated.len(),
            done.placed.len()
        )?;
    }
    Ok(())
}

/// One message's outcome as a line (`move A -> B`, `would move A -> B`, `unchanged A`, or an error), and
/// whether it succeeded.
fn outcome(
    verb: &str,
    dry_run: bool,
    path: &Path,
    result: Result<Plan, OpError>,
) -> (bool, String) {
    match result {
        Ok(Plan { from, to }) if from == to => (true, format!("unchanged {}", shown(&to))),
        Ok(Plan { from, to }) => {
            let would = if dry_run { "would " } else { "" };
            (
                true,
                format!("{would}{verb} {} -> {}", shown(&from), shown(&to)),
            )
        }
        Err(e) => (false, format!("mailvet: {verb} '{}': {e}", shown(path))),
    }
}

//! Acting on messages: set and clear flags, move to another folder of the same Maildir, one message or many.
//! Every write needs a [`Writable`], which only a non-read-only configuration yields. Every op takes the
//! message's last known path and unique name, finds it again when another client renamed it, and returns an
//! [`Undo`] that reverses it. Files are only ever renamed (or, across filesystems, copied then unlinked; see
//! `place`), never rewritten.

use std::io;
use std::path::{Path, PathBuf};

use super::Entry;
use super::finder::Finder;
use super::flag::FlagEdit;
use super::maildir::{self, INBOX};
use super::place::{self, RETRIES, Unsynced};
use super::undo::Undo;

pub use super::finder::locate;
pub use super::op_error::OpError;

/// Proof that writing into the Maildir is allowed; the only way to get one is [`Writable::new`].
#[derive(Debug)]
pub struct Writable {
    _sealed: (),
}

impl Writable {
    /// Permission to write, refused with [`OpError::ReadOnly`] when `read_only` (`--read-only` or config
    /// `read_only = true`).
    pub fn new(read_only: bool) -> Result<Writable, OpError> {
        if read_only {
            Err(OpError::ReadOnly)
        } else {
            Ok(Writable { _sealed: () })
        }
    }
}

/// A message as last seen: its path and its unique name (which survives other clients' renames).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRef {
    /// The path it had when listed or last acted on.
    pub path: PathBuf,
    /// The unique part of its file name.
    pub unique: String,
}

impl MessageRef {
    /// The message at `path`, its unique name taken from the file name.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let unique = place::file_unique(&path);
        MessageRef { path, unique }
    }
}

impl From<&Entry> for MessageRef {
    fn from(entry: &Entry) -> Self {
        MessageRef {
            path: entry.path.clone(),
            unique: entry.unique.clone(),
        }
    }
}

/// What an op did: the message's path before and now, and how to reverse it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    /// Where the message was found (its last known path, or where another client had renamed it).
    pub from: PathBuf,
    /// Where the message is now.
    pub path: PathBuf,
    /// Reverses the op (empty when nothing changed).
    pub undo: Undo,
}

impl Done {
    /// The rename made, as a [`Plan`].
    pub fn plan(self) -> Plan {
        Plan {
            from: self.from,
            to: self.path,
        }
    }
}

/// What a bulk op did: one result per message, in input order, and one undo for all that succeeded.
#[derive(Debug)]
pub struct Bulk {
    /// The new path of each message, or why it was left alone.
    pub results: Vec<Result<PathBuf, OpError>>,
    /// Reverses every message that changed.
    pub undo: Undo,
}

/// A rename an op would make (what `--dry-run` prints).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The message's current path.
    pub from: PathBuf,
    /// Its path after the op (equal to `from` when nothing would change).
    pub to: PathBuf,
}

/// The rename a flag edit makes (read-only: for `--dry-run`). A message in `new/` goes to `cur/`.
pub fn plan_flags(msg: &MessageRef, edit: &FlagEdit) -> Result<Plan, OpError> {
    plan_flags_from(locate(msg)?, edit)
}

fn plan_flags_from(from: PathBuf, edit: &FlagEdit) -> Result<Plan, OpError> {
    let (Some(folder), Some(file)) = (place::folder_of(&from), file_name(&from)) else {
        return Err(OpError::NotInMaildir { path: from });
    };
    let new_name = edit
        .apply(&file)
        .ok_or_else(|| OpError::UnknownInfo { path: from.clone() })?;
    let to = folder.join("cur").join(new_name);
    Ok(Plan { from, to })
}

/// The rename a move to the folder directory `target` makes (read-only: for `--dry-run`). The name is kept, and
/// a message in `new/` stays in the target's `new/`.
pub fn plan_move(msg: &MessageRef, target: &Path) -> Result<Plan, OpError> {
    plan_move_from(locate(msg)?, target)
}

fn plan_move_from(from: PathBuf, target: &Path) -> Result<Plan, OpError> {
    let (Some(sub), Some(file)) = (from.parent().and_then(Path::file_name), from.file_name())
    else {
        return Err(OpError::NotInMaildir { path: from });
    };
    let to = target.join(sub).join(file);
    Ok(Plan { from, to })
}

/// Sets and clears flags on one message (a message in `new/` moves to `cur/`).
pub fn set_flags(w: &Writable, msg: &MessageRef, edit: &FlagEdit) -> Result<Done, OpError> {
    synced(|unsynced| {
        let finder = &mut Finder::default();
        act(w, msg, finder, |from| plan_flags_from(from, edit), unsynced)
    })
}

/// Moves one message into the folder directory `target` (see [`folder_path`]), creating the folder when
/// missing. Moving within its own folder does nothing.
pub fn move_to(w: &Writable, msg: &MessageRef, target: &Path) -> Result<Done, OpError> {
    synced(|unsynced| move_unsynced(w, msg, target, &mut Finder::default(), unsynced))
}

/// [`set_flags`] on every message.
pub fn set_flags_all(w: &Writable, msgs: &[MessageRef], edit: &FlagEdit) -> Bulk {
    bulk(msgs, |m, finder, unsynced| {
        act(w, m, finder, |from| plan_flags_from(from, edit), unsynced)
    })
}

/// [`move_to`] for every message.
pub fn move_all(w: &Writable, msgs: &[MessageRef], target: &Path) -> Bulk {
    bulk(msgs, |m, finder, unsynced| {
        move_unsynced(w, m, target, finder, unsynced)
    })
}

/// [`move_to`] for each message and its own target folder; the directories are fsynced once, at the end,
/// before any result is returned.
pub fn move_each(w: &Writable, moves: &[(MessageRef, PathBuf)]) -> Vec<Result<Done, OpError>> {
    let (mut finder, mut unsynced) = (Finder::default(), Unsynced::default());
    let results = moves
        .iter()
        .map(|(msg, target)| move_unsynced(w, msg, target, &mut finder, &mut unsynced))
        .collect();
    after_sync(results, &mut unsynced)
}

fn move_unsynced(
    w: &Writable,
    msg: &MessageRef,
    target: &Path,
    finder: &mut Finder,
    unsynced: &mut Unsynced,
) -> Result<Done, OpError> {
    finder.locate(msg)?; // a message that is gone creates no folder
    place::ensure_folder(target)?;
    act(
        w,
        msg,
        finder,
        |from| plan_move_from(from, target),
        unsynced,
    )
}

/// Runs one op and fsyncs the directories it changed before returning.
fn synced(op: impl FnOnce(&mut Unsynced) -> Result<Done, OpError>) -> Result<Done, OpError> {
    let mut unsynced = Unsynced::default();
    let done = op(&mut unsynced)?;
    unsynced.sync()?;
    Ok(done)
}

/// `results`, once the directories they changed are on disk; when that fails, each success becomes the
/// failure (the renames happened, but are not known to be durable).
fn after_sync<T>(
    results: Vec<Result<T, OpError>>,
    unsynced: &mut Unsynced,
) -> Vec<Result<T, OpError>> {
    match unsynced.sync() {
        Ok(()) => results,
        Err(e) => {
            let (path, kind, text) = match &e {
                OpError::Io { path, source } => (path.clone(), source.kind(), source.to_string()),
                other => (PathBuf::new(), io::ErrorKind::Other, other.to_string()),
            };
            results
                .into_iter()
                .map(|r| {
                    r.and_then(|_| {
                        Err(OpError::Io {
                            path: path.clone(),
                            source: io::Error::new(kind, format!("not synced to disk: {text}")),
                        })
                    })
                })
                .collect()
        }
    }
}

/// Plans and renames, planning again when another client renamed the message in between (its old name gone,
/// or, while a directory is listed during that rename, neither name seen).
fn act(
    _w: &Writable,
    msg: &MessageRef,
    finder: &mut Finder,
    plan: impl Fn(PathBuf) -> Result<Plan, OpError>,
    unsynced: &mut Unsynced,
) -> Result<Done, OpError> {
    let mut last = msg.clone();
    for _ in 0..RETRIES {
        let Plan { from, to } = plan(finder.locate(&last)?)?;
        if from == to {
            return Ok(Done {
                from,
                path: to,
                undo: Undo::default(),
            });
        }
        match place::relocate(&from, &to, unsynced) {
            Ok(()) => {
                return Ok(Done {
                    undo: Undo::step(from.clone(), to.clone()),
                    from,
                    path: to,
                });
            }
            Err(e) if e.is_not_found() => last.path = from,
            Err(e) => return Err(e),
        }
    }
    Err(OpError::Busy {
        path: msg.path.clone(),
    })
}

fn bulk(
    msgs: &[MessageRef],
    op: impl Fn(&MessageRef, &mut Finder, &mut Unsynced) -> Result<Done, OpError>,
) -> Bulk {
    let (mut finder, mut unsynced) = (Finder::default(), Unsynced::default());
    let results: Vec<Result<Done, OpError>> = msgs
        .iter()
        .map(|m| op(m, &mut finder, &mut unsynced))
        .collect();
    let mut undo = Undo::default();
    let results = results
        .into_iter()
        .map(|r| {
            r.map(|done| {
                undo.extend(done.undo);
                done.path
            })
        })
        .collect();
    Bulk {
        results: after_sync(results, &mut unsynced),
        undo,
    }
}

/// The directory of folder `name` of the Maildir at `root`: `INBOX` is the root, `Archive` is `.Archive`,
/// `Lists.rust` is `.Lists.rust`.
pub fn folder_path(root: &Path, name: &str) -> Result<PathBuf, OpError> {
    if name == INBOX {
        return Ok(root.to_owned());
    }
    let valid = !name.is_empty()
        && !name.starts_with('.')
        && !name.ends_with('.')
        && !name.contains("..")
        && !name.contains('/')
        && !name.chars().any(char::is_control);
    if valid {
        Ok(root.join(format!(".{name}")))
    } else {
        Err(OpError::BadFolder { name: name.into() })
    }
}

/// The root of the Maildir holding the message at `path`: its folder, or for a Maildir++ `.Sub` folder the
/// Maildir above it. `None` when `path` is not in a Maildir's `cur/` or `new/`.
pub fn maildir_root(path: &Path) -> Option<PathBuf> {
    let folder = place::folder_of(path)?;
    let dotted = folder
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    match folder.parent() {
        Some(parent) if dotted && maildir::is_maildir(parent) => Some(parent.to_owned()),
        _ => Some(folder),
    }
}

fn file_name(path: &Path) -> Option<String> {
    path.file_name()?.to_str().map(str::to_owned)
}

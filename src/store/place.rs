//! Putting a message file at a new path without ever losing it or replacing another.
//!
//! On one filesystem: `renameat2(RENAME_NOREPLACE)`, so a name another client has just created is never
//! replaced; then both directories are fsynced. Where the filesystem lacks it, `link` + `unlink` through a
//! claim in `tmp/` (see [`via_claim`]), so a crash never leaves the message under two names.
//! Across filesystems: claim the source by renaming it into its own folder's `tmp/` as
//! `mailvet-claim.SUB.NAME` (no other client looks there, so a second mover finds it gone instead of copying
//! it too) → fsync → copy into the target folder's `tmp/` as `mailvet-move.SUB.NAME` → fsync → link into
//! `cur/`/`new/` → fsync the directory → unlink the claim → unlink the copy. A crash at any point leaves the
//! message in a `cur/`/`new/` or as a claim; `recover` puts back or removes what a crash left in `tmp/`.
//! Movers hold a shared lock (`flock`) on both folders while they work, recovery an exclusive one, so a
//! recovery never undoes a move another mailvet is making.
//! Also: finding a file again by its unique name, and creating Maildir folders.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rustix::fs::{CWD, RenameFlags, renameat_with};

pub use super::folder::folder_of;
pub(super) use super::folder::{FolderLock, ensure_folder, file_unique, index};
use super::ops::OpError;

/// The prefix of mailvet's copies in a target folder's `tmp/` during a cross-filesystem move:
/// `mailvet-move.cur.NAME`.
pub(super) const TMP_PREFIX: &str = "mailvet-move.";

/// The prefix of a source claimed by a cross-filesystem move, in the source folder's `tmp/`:
/// `mailvet-claim.cur.NAME`.
pub(super) const CLAIM_PREFIX: &str = "mailvet-claim.";

/// How often an op looks a message up again when another client renames it under our feet.
pub(super) const RETRIES: usize = 8;

/// Directories whose entries a rename changed: fsynced together ([`Unsynced::sync`]) before the renames are
/// reported done, once per directory however many messages a bulk op moved.
#[derive(Debug, Default)]
pub(super) struct Unsynced(BTreeSet<PathBuf>);

impl Unsynced {
    pub(super) fn add(&mut self, path: &Path) {
        if let Some(dir) = path.parent() {
            self.0.insert(dir.to_owned());
        }
    }

    /// Flushes every directory noted so far to disk.
    pub(super) fn sync(&mut self) -> Result<(), OpError> {
        for dir in std::mem::take(&mut self.0) {
            sync_dir(&dir)?;
        }
        Ok(())
    }
}

/// Moves `from` to `to` (a path in a Maildir folder's `cur/` or `new/` whose `tmp/` exists). Fails with
/// `Exists` when `to` is taken and `Io` (NotFound) when `from` is gone; then nothing was changed. The
/// directories of a rename are noted in `unsynced` (a cross-filesystem move, and one on a filesystem without
/// `RENAME_NOREPLACE`, sync their own).
pub(super) fn relocate(from: &Path, to: &Path, unsynced: &mut Unsynced) -> Result<(), OpError> {
    let renamed = match rename_atomic(from, to) {
        Ok(true) => Ok(()),
        Ok(false) => return via_claim(from, to, &mut |_| {}),
        Err(e) => Err(e),
    };
    match renamed {
        Ok(()) => {
            unsynced.add(from);
            unsynced.add(to);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(OpError::Exists { path: to.into() })
        }
        Err(e) if e.kind() == io::ErrorKind::CrossesDevices => across(from, to),
        Err(e) => Err(OpError::io(from, e)),
    }
}

/// `renameat2(RENAME_NOREPLACE)`: `Ok(false)` when the filesystem lacks it (nothing was changed).
fn rename_atomic(from: &Path, to: &Path) -> io::Result<bool> {
    use rustix::io::Errno;
    match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// `rename(from, to)` that fails with `AlreadyExists` rather than replace `to`, atomically
/// (`RENAME_NOREPLACE`), or by `link` + `unlink` on filesystems without it. Only for renames where a crash
/// between the two leaves something `recover` resolves (one of the names is a claim in `tmp/`); a message
/// moving between `cur/`/`new/` names goes through [`via_claim`] there instead.
pub(super) fn rename_noreplace(from: &Path, to: &Path) -> io::Result<()> {
    if rename_atomic(from, to)? {
        Ok(())
    } else {
        link_then_unlink(from, to)
    }
}

/// The fallback of [`rename_noreplace`]: `link` refuses a taken name; then the old name goes.
fn link_then_unlink(from: &Path, to: &Path) -> io::Result<()> {
    fs::hard_link(from, to)?;
    fs::remove_file(from)
}

/// How far [`via_claim`] got; a crash right after each step leaves the files named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The claim is linked beside the message (both names: the message and its claim in `tmp/`).
    ClaimLinked,
    /// The message's own name is gone (the claim alone).
    Claimed,
    /// The claim is linked at the target (the target and the claim).
    Placed,
}

/// A move within one filesystem that lacks `RENAME_NOREPLACE`, which never shows the message under two
/// names in `cur/`/`new/` (a crash between a plain `link` and `unlink` would leave a duplicate no one could
/// tell from a real one): claim the source into its folder's `tmp/` (`mailvet-claim.SUB.NAME`, as a
/// cross-filesystem move does) → link the claim at `to` (refused when taken) → unlink the claim, fsyncing
/// the directories after each step, under the source folder's shared lock. After a crash `recover` finds the
/// claim: the message in some `cur/`/`new/` with the same bytes means the claim is removed (steps 1 and 3),
/// else it goes back to its name (step 2). `step` is told each step as it is done (tests stop there to play
/// a crash).
fn via_claim(from: &Path, to: &Path, step: &mut dyn FnMut(Step)) -> Result<(), OpError> {
    let (Some(claim), Some(folder)) = (side_path(from, CLAIM_PREFIX), folder_dir(from)) else {
        return Err(OpError::NotInMaildir { path: from.into() });
    };
    let _lock = FolderLock::shared(folder)?;
    if fs::symlink_metadata(to).is_ok() {
        return Err(OpError::Exists { path: to.into() });
    }
    match fs::hard_link(from, &claim) {
        Ok(()) => sync_dir(claim.parent().unwrap_or(&claim))?,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(OpError::Busy { path: from.into() });
        }
        Err(e) => return Err(OpError::io(from, e)),
    }
    step(Step::ClaimLinked);
    if let Err(e) = fs::remove_file(from) {
        remove_if_present(&claim)?;
        return Err(OpError::io(from, e));
    }
    sync_dir(from.parent().unwrap_or(from))?;
    step(Step::Claimed);
    if let Err(e) = fs::hard_link(&claim, to) {
        // Nothing reached the target: give the message back its name.
        link_then_unlink(&claim, from).map_err(|e| OpError::io(&claim, e))?;
        sync_dirs(&claim, from)?;
        return Err(if e.kind() == io::ErrorKind::AlreadyExists {
            OpError::Exists { path: to.into() }
        } else {
            OpError::io(to, e)
        });
    }
    sync_dir(to.parent().unwrap_or(to))?;
    step(Step::Placed);
    remove_if_present(&claim)?;
    sync_dir(claim.parent().unwrap_or(&claim))
}

/// The cross-filesystem move (see the module doc for the order of steps).
fn across(from: &Path, to: &Path) -> Result<(), OpError> {
    let (Some(claim), Some(copy)) = (side_path(from, CLAIM_PREFIX), side_path(to, TMP_PREFIX))
    else {
        return Err(OpError::NotInMaildir { path: to.into() });
    };
    let (Some(source_folder), Some(target_folder)) = (folder_dir(from), folder_dir(to)) else {
        return Err(OpError::NotInMaildir { path: to.into() });
    };
    let _source_lock = FolderLock::shared(source_folder)?;
    let _target_lock = FolderLock::shared(target_folder)?;
    if fs::symlink_metadata(to).is_ok() {
        return Err(OpError::Exists { path: to.into() });
    }
    // Claim: from here on no other mover can take the message.
    match rename_noreplace(from, &claim) {
        Ok(()) => sync_dirs(from, &claim)?,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(OpError::Busy { path: from.into() });
        }
        Err(e) => return Err(OpError::io(from, e)),
    }
    if let Err(e) = place_copy(&claim, &copy, to) {
        // Nothing reached the target: give the message back its name.
        rename_noreplace(&claim, from).map_err(|e| OpError::io(&claim, e))?;
        sync_dirs(&claim, from)?;
        return Err(e);
    }
    remove_if_present(&claim)?;
    remove_if_present(&copy)
}

/// Copies the claimed source into the target's `tmp/`, fsyncs it and links it at `to`; the copy is removed
/// again when that fails.
fn place_copy(claim: &Path, copy: &Path, to: &Path) -> Result<(), OpError> {
    // A copy left by an earlier crash while the source still exists is stale: start again.
    remove_if_present(copy)?;
    copy_synced(claim, copy)?;
    if let Err(e) = fs::hard_link(copy, to) {
        remove_if_present(copy)?;
        return Err(if e.kind() == io::ErrorKind::AlreadyExists {
            OpError::Exists { path: to.into() }
        } else {
            OpError::io(to, e)
        });
    }
    sync_dir(to.parent().unwrap_or(to))
}

/// `FOLDER/tmp/PREFIX.SUB.NAME` for a message at `FOLDER/SUB/NAME`.
fn side_path(path: &Path, prefix: &str) -> Option<PathBuf> {
    let file = path.file_name()?.to_string_lossy().into_owned();
    let sub_dir = path.parent()?;
    let sub = sub_dir.file_name()?.to_string_lossy().into_owned();
    Some(
        sub_dir
            .parent()?
            .join("tmp")
            .join(format!("{prefix}{sub}.{file}")),
    )
}

/// The folder directory of a message path (`FOLDER` of `FOLDER/SUB/NAME`).
fn folder_dir(path: &Path) -> Option<&Path> {
    path.parent()?.parent()
}

/// Copies `from` to a new file `to` and fsyncs it.
fn copy_synced(from: &Path, to: &Path) -> Result<(), OpError> {
    let mut source = fs::File::open(from).map_err(|e| OpError::io(from, e))?;
    let mut copy = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(to)
        .map_err(|e| OpError::io(to, e))?;
    let copied = io::copy(&mut source, &mut copy).and_then(|_| copy.sync_all());
    if let Err(e) = copied {
        drop(copy);
        remove_if_present(to)?;
        return Err(OpError::io(to, e));
    }
    Ok(())
}

/// Removes `path`; a missing file is fine.
pub(super) fn remove_if_present(path: &Path) -> Result<(), OpError> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(OpError::io(path, e)),
        _ => Ok(()),
    }
}

/// Flushes the directories of both paths to disk (once when they share one).
fn sync_dirs(a: &Path, b: &Path) -> Result<(), OpError> {
    let (Some(da), Some(db)) = (a.parent(), b.parent()) else {
        return Ok(());
    };
    sync_dir(db)?;
    if da != db { sync_dir(da) } else { Ok(()) }
}

/// Flushes a directory's entries to disk.
fn sync_dir(dir: &Path) -> Result<(), OpError> {
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| OpError::io(dir, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_files() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::write(&a, "ours").unwrap();
        fs::write(&b, "theirs").unwrap();
        (dir, a, b)
    }

    #[test]
    fn rename_noreplace_never_replaces_a_taken_name() {
        let (_dir, a, b) = two_files();
        let e = rename_noreplace(&a, &b).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&a).unwrap(), b"ours");
        assert_eq!(fs::read(&b).unwrap(), b"theirs");
    }

    #[test]
    fn the_link_fallback_never_replaces_a_taken_name_either() {
        let (dir, a, b) = two_files();
        assert_eq!(
            link_then_unlink(&a, &b).unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        assert_eq!(fs::read(&b).unwrap(), b"theirs");
        let c = dir.path().join("c");
        link_then_unlink(&a, &c).unwrap();
        assert!(!a.exists());
        assert_eq!(fs::read(&c).unwrap(), b"ours");
    }

    /// A Maildir with a message in cur/ and an `.Archive` folder: (dir, root, message, its path in Archive).
    fn one_message() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("Mail");
        ensure_folder(&root).unwrap();
        ensure_folder(&root.join(".Archive")).unwrap();
        let from = root.join("cur/1700000001.M1P1.host:2,S");
        fs::write(&from, "the message").unwrap();
        let to = root.join(".Archive/cur/1700000001.M1P1.host:2,S");
        (dir, root, from, to)
    }

    /// Every file in the Maildir's folders' cur/, new/ and tmp/.
    fn files(root: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for folder in [root.to_owned(), root.join(".Archive")] {
            for sub in ["cur", "new", "tmp"] {
                for entry in fs::read_dir(folder.join(sub)).unwrap() {
                    out.push(entry.unwrap().path());
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn the_claim_fallback_moves_and_never_replaces_a_taken_name() {
        let (_dir, root, from, to) = one_message();
        fs::write(&to, "theirs").unwrap();
        let e = via_claim(&from, &to, &mut |_| {}).unwrap_err();
        assert!(matches!(e, OpError::Exists { .. }), "{e}");
        assert_eq!(fs::read(&to).unwrap(), b"theirs");
        fs::remove_file(&to).unwrap();
        via_claim(&from, &to, &mut |_| {}).unwrap();
        assert_eq!(files(&root), vec![to.clone()]);
        assert_eq!(fs::read(&to).unwrap(), b"the message");
    }

    /// A crash after any step of the fallback leaves, once `recover` has run, the message under exactly one
    /// name (a crash between a plain `link` and `unlink` left it under two, and `recover` saw nothing).
    #[test]
    fn a_crash_at_any_step_of_the_claim_fallback_leaves_one_message_after_recover() {
        let writable = super::super::Writable::new(false).unwrap();
        for (stop, kept) in [
            (Step::ClaimLinked, false),
            (Step::Claimed, false),
            (Step::Placed, true),
        ] {
            let (_dir, root, from, to) = one_message();
            let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                via_claim(&from, &to, &mut |step| {
                    if step == stop {
                        panic!("crash after {step:?}");
                    }
                })
            }));
            assert!(crashed.is_err(), "{stop:?}");
            super::super::recover(&writable, &root).unwrap();
            let want = if kept { to.clone() } else { from.clone() };
            assert_eq!(files(&root), vec![want.clone()], "after {stop:?}");
            assert_eq!(fs::read(&want).unwrap(), b"the message");
        }
    }
}

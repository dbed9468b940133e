//! Recovery after a crash in a cross-filesystem move, run when mailvet starts on a Maildir (writable only).
//!
//! Such a move claims its source by renaming it to `mailvet-claim.SUB.NAME` in the source folder's `tmp/`,
//! and copies it to `mailvet-move.SUB.NAME` in the target folder's `tmp/` until it is done (see `place`).
//! With the message's unique name U:
//! 1. A claim in folder F: when U is in some `cur/` or `new/` with the same bytes, the move finished and the
//!    claim is removed; else the move never reached its target and the claim goes back to `F/SUB/NAME`.
//! 2. Then a copy in target folder F: U is in F's `cur/` or `new/` (the copy was linked into place): copies of
//!    U in the Maildir's other folders with the same bytes are sources left behind and are removed, then the
//!    copy is removed. Else U is in another folder (the move never reached its target): the copy is removed.
//!    Else U is nowhere (its source was deleted by someone else): the copy is put into `F/SUB/NAME`.
//!
//! A folder another mailvet is moving messages in or out of right now (it holds the folder's lock) is left
//! alone: its leftovers are that process's work in progress, not a crash's. Other files in `tmp/`
//! (deliveries of other programs) are never touched.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::maildir::{self, Folder};
use super::ops::{OpError, Writable};
use super::place::{self, CLAIM_PREFIX, FolderLock, TMP_PREFIX, Unsynced};
use super::{StoreError, name};

/// What recovery did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovered {
    /// Copies in `tmp/` removed because the message is in place.
    pub removed: Vec<PathBuf>,
    /// Sources (and claims) removed because their move had completed.
    pub deduplicated: Vec<PathBuf>,
    /// Claims and copies in `tmp/` put into place because the message was nowhere else.
    pub placed: Vec<PathBuf>,
    /// Leftovers not touched because another mailvet is moving messages in that folder right now.
    pub busy: Vec<PathBuf>,
}

impl Recovered {
    /// Whether recovery found nothing to do.
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty()
            && self.deduplicated.is_empty()
            && self.placed.is_empty()
            && self.busy.is_empty()
    }
}

/// A claim or copy left in a `tmp/`.
struct Leftover {
    path: PathBuf,
    folder: PathBuf,
    sub: String,
    name: String,
}

impl Leftover {
    /// Where the message goes back to (a claim) or forward to (a copy): `FOLDER/SUB/NAME`.
    fn home(&self) -> PathBuf {
        self.folder.join(&self.sub).join(&self.name)
    }

    fn unique(&self) -> &str {
        name::Name::parse(&self.name).unique
    }
}

/// Finishes or rolls back the cross-filesystem moves a crash interrupted in the Maildir at `root` (the rule is
/// in the module doc). Cheap when there is nothing to do: it reads only the folders' `tmp/` directories.
pub fn recover(_w: &Writable, root: &Path) -> Result<Recovered, OpError> {
    let mut errors: Vec<StoreError> = Vec::new();
    let folders = maildir::folders(root, "", &mut errors);
    let claims: Vec<Leftover> = folders
        .iter()
        .flat_map(|f| leftovers_in(f, CLAIM_PREFIX))
        .collect();
    let copies: Vec<Leftover> = folders
        .iter()
        .flat_map(|f| leftovers_in(f, TMP_PREFIX))
        .collect();
    let mut done = Recovered::default();
    if claims.is_empty() && copies.is_empty() {
        return Ok(done);
    }
    let mut index = index(&folders, &mut errors);
    let mut unsynced = Unsynced::default();
    for claim in claims {
        let Some(_lock) = FolderLock::try_exclusive(&claim.folder)? else {
            done.busy.push(claim.path);
            continue;
        };
        if fs::symlink_metadata(&claim.path).is_err() {
            continue; // the mover that held the lock finished it meanwhile
        }
        let unique = claim.unique().to_owned();
        let placed = index
            .get(&unique)
            .into_iter()
            .flatten()
            .any(|p| same_bytes(p, &claim.path));
        if placed {
            place::remove_if_present(&claim.path)?;
            done.deduplicated.push(claim.path);
        } else {
            let home = claim.home();
            place::rename_noreplace(&claim.path, &home).map_err(|e| OpError::io(&claim.path, e))?;
            unsynced.add(&claim.path);
            unsynced.add(&home);
            index.entry(unique).or_default().push(home.clone());
            done.placed.push(home);
        }
    }
    for copy in copies {
        let Some(_lock) = FolderLock::try_exclusive(&copy.folder)? else {
            done.busy.push(copy.path);
            continue;
        };
        if fs::symlink_metadata(&copy.path).is_err() {
            continue;
        }
        let found = index
            .get(copy.unique())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let (here, elsewhere): (Vec<&PathBuf>, Vec<&PathBuf>) = found
            .iter()
            .partition(|p| place::folder_of(p).as_deref() == Some(copy.folder.as_path()));
        if let Some(placed) = here.first() {
            for source in elsewhere {
                if same_bytes(placed, source) {
                    place::remove_if_present(source)?;
                    done.deduplicated.push(source.clone());
                }
            }
            place::remove_if_present(&copy.path)?;
            done.removed.push(copy.path);
        } else if !elsewhere.is_empty() {
            place::remove_if_present(&copy.path)?;
            done.removed.push(copy.path);
        } else {
            let home = copy.home();
            place::relocate(&copy.path, &home, &mut unsynced)?;
            done.placed.push(home);
        }
    }
    unsynced.sync()?;
    Ok(done)
}

/// mailvet's claims or copies (by `prefix`) in `folder`'s `tmp/`.
fn leftovers_in(folder: &Folder, prefix: &str) -> Vec<Leftover> {
    let Ok(dir) = fs::read_dir(folder.path.join("tmp")) else {
        return Vec::new();
    };
    dir.filter_map(|entry| {
        let entry = entry.ok()?;
        let file = entry.file_name().into_string().ok()?;
        let rest = file.strip_prefix(prefix)?;
        let (sub, name) = rest.split_once('.')?;
        matches!(sub, "cur" | "new").then(|| Leftover {
            path: entry.path(),
            folder: folder.path.clone(),
            sub: sub.to_owned(),
            name: name.to_owned(),
        })
    })
    .collect()
}
/// Every message of the Maildir by unique name.
fn index(folders: &[Folder], errors: &mut Vec<StoreError>) -> HashMap<String, Vec<PathBuf>> {
    let mut index: HashMap<String, Vec<PathBuf>> = HashMap::new();
    for folder in folders {
        for entry in maildir::list(folder, errors) {
            index.entry(entry.unique).or_default().push(entry.path);
        }
    }
    index
}

/// Whether two files hold the same bytes (the same message: Maildir files never change content).
fn same_bytes(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(ma), Ok(mb)) if ma.len() == mb.len() => {
            matches!((fs::read(a), fs::read(b)), (Ok(x), Ok(y)) if x == y)
        }
        _ => false,
    }
}

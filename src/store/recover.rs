//! Recovery after a crash in a cross-filesystem move, run when mailvet starts on a Maildir (writable only).
//!
//! Such a move leaves a copy named `mailvet-move.SUB.NAME` in the target folder's `tmp/` until it is done
//! (see `place`). For each copy left over, with the message's unique name U, in target folder F:
//! 1. U is in F's `cur/` or `new/` (the copy was linked into place): the move got that far, so copies of U in
//!    the Maildir's other folders with the same bytes are the source left behind and are removed; then the copy
//!    in `tmp/` is removed.
//! 2. Else U is in another folder (the move never reached its target): the copy in `tmp/` is removed.
//! 3. Else U is nowhere (its source was deleted by someone else): the copy is put into `F/SUB/NAME`.
//!
//! Other files in `tmp/` (deliveries of other programs) are never touched.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::maildir::{self, Folder};
use super::ops::{OpError, Writable};
use super::place::{self, TMP_PREFIX};
use super::{StoreError, name};

/// What recovery did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovered {
    /// Copies in `tmp/` removed because the message is in place.
    pub removed: Vec<PathBuf>,
    /// Source files removed because their move had completed.
    pub deduplicated: Vec<PathBuf>,
    /// Copies in `tmp/` put into place because the message was nowhere else.
    pub placed: Vec<PathBuf>,
}

impl Recovered {
    /// Whether recovery found nothing to do.
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.deduplicated.is_empty() && self.placed.is_empty()
    }
}

/// A copy left in a `tmp/`.
struct Leftover {
    copy: PathBuf,
    folder: PathBuf,
    sub: String,
    name: String,
}

/// Finishes or rolls back the cross-filesystem moves a crash interrupted in the Maildir at `root` (the rule is
/// in the module doc). Cheap when there is nothing to do: it reads only the folders' `tmp/` directories.
pub fn recover(_w: &Writable, root: &Path) -> Result<Recovered, OpError> {
    let mut errors: Vec<StoreError> = Vec::new();
    let folders = maildir::folders(root, "", &mut errors);
    let leftovers: Vec<Leftover> = folders.iter().flat_map(leftovers_in).collect();
    let mut done = Recovered::default();
    if leftovers.is_empty() {
        return Ok(done);
    }
    let index = index(&folders, &mut errors);
    for left in leftovers {
        let unique = name::Name::parse(&left.name).unique;
        let copies = index.get(unique).map(Vec::as_slice).unwrap_or_default();
        let (here, elsewhere): (Vec<&PathBuf>, Vec<&PathBuf>) = copies
            .iter()
            .partition(|p| place::folder_of(p).as_deref() == Some(left.folder.as_path()));
        if let Some(placed) = here.first() {
            for source in elsewhere {
                if same_bytes(placed, source) {
                    place::remove_if_present(source)?;
                    done.deduplicated.push(source.clone());
                }
            }
            place::remove_if_present(&left.copy)?;
            done.removed.push(left.copy);
        } else if !elsewhere.is_empty() {
            place::remove_if_present(&left.copy)?;
            done.removed.push(left.copy);
        } else {
            let to = left.folder.join(&left.sub).join(&left.name);
            place::relocate(&left.copy, &to)?;
            done.placed.push(to);
        }
    }
    Ok(done)
}

/// mailvet's copies in `folder`'s `tmp/`.
fn leftovers_in(folder: &Folder) -> Vec<Leftover> {
    let Ok(dir) = fs::read_dir(folder.path.join("tmp")) else {
        return Vec::new();
    };
    dir.filter_map(|entry| {
        let entry = entry.ok()?;
        let file = entry.file_name().into_string().ok()?;
        let rest = file.strip_prefix(TMP_PREFIX)?;
        let (sub, name) = rest.split_once('.')?;
        matches!(sub, "cur" | "new").then(|| Leftover {
            copy: entry.path(),
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

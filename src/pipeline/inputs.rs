//! Input collection: every message under the paths given (the CLI), or one Maildir's folders discovered
//! once and listed from file names only (the interface, which lists them again after changes on disk).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::store::{self, Entry, maildir};

/// Every message under `inputs`; each input that cannot be read is reported on `err`. `None` when nothing
/// could be read at all.
pub fn collect(inputs: &[PathBuf], err: &mut dyn Write) -> std::io::Result<Option<Vec<Entry>>> {
    let (entries, errors) = store::collect(inputs);
    for error in &errors {
        writeln!(err, "mailvet: {error}")?;
    }
    Ok((!entries.is_empty() || errors.is_empty()).then_some(entries))
}

/// The result of listing a Maildir: messages from file names only, and the problems met.
#[derive(Debug, Default)]
pub struct Listing {
    /// One entry per message file, in the store's order.
    pub entries: Vec<Entry>,
    /// Folders or files that could not be read.
    pub errors: Vec<String>,
    /// The Maildir folders listed, empty ones too: (name, directory). A rescan holds exactly the messages of
    /// these folders.
    pub folders: Vec<(String, PathBuf)>,
}

/// The folders of the Maildir `root`, `INBOX` first: (name, directory); none when `root` is not a Maildir.
/// Directories that cannot be read are added to `errors`.
pub fn discover(root: &Path, errors: &mut Vec<String>) -> Vec<(String, PathBuf)> {
    if !maildir::is_maildir(root) {
        return Vec::new();
    }
    let mut problems = Vec::new();
    let folders = maildir::folders(root, "", &mut problems)
        .into_iter()
        .map(|f| (f.name, f.path))
        .collect();
    errors.extend(problems.iter().map(ToString::to_string));
    folders
}

/// Lists every message under `root` from file names only: the `folders` [`discover`] found when it is a
/// Maildir, else every file under it; `errors` (of the discovery) come first in the listing's.
pub fn list(root: &Path, folders: &[(String, PathBuf)], errors: Vec<String>) -> Listing {
    let mut listing = if folders.is_empty() {
        let (entries, problems) = store::collect(&[root.to_path_buf()]);
        Listing {
            entries,
            errors: problems.iter().map(ToString::to_string).collect(),
            folders: Vec::new(),
        }
    } else {
        rescan(folders)
    };
    listing.errors.splice(0..0, errors);
    listing
}

/// Discovers the folders of `root` and lists them ([`discover`] then [`list`]).
pub fn open(root: &Path) -> Listing {
    let mut errors = Vec::new();
    let folders = discover(root, &mut errors);
    list(root, &folders, errors)
}

/// Lists the messages of these Maildir folders: (name, directory).
pub fn rescan(folders: &[(String, PathBuf)]) -> Listing {
    let mut errors = Vec::new();
    let entries = folders
        .iter()
        .flat_map(|(name, path)| {
            let folder = maildir::Folder {
                name: name.clone(),
                path: path.clone(),
            };
            maildir::list(&folder, &mut errors)
        })
        .collect();
    Listing {
        entries,
        errors: errors.iter().map(ToString::to_string).collect(),
        folders: folders.to_vec(),
    }
}

//! Report drafts: a message stored into a Maildir's Drafts folder (Maildir++ `.Drafts` under the root,
//! created when missing, with the `maildirfolder` marker Dovecot and Courier use) in `cur/` with the draft
//! flag `D`, through the maildir crate (written into `tmp/`, fsynced, renamed into place), where neomutt's
//! postponed folder and aerc's Drafts find it to send.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::Writable;

/// The directory of the Maildir++ folder `name` (no leading dot) of the Maildir `root`.
pub fn folder_dir(root: &Path, name: &str) -> PathBuf {
    root.join(format!(".{name}"))
}

/// Stores `bytes` as a draft (flag `D`) in the Maildir folder `dir`, creating it when missing; returns the
/// new file's path.
pub fn store(dir: &Path, bytes: &[u8], _writable: &Writable) -> io::Result<PathBuf> {
    let folder = maildir::Maildir::from(dir.to_path_buf());
    folder.create_dirs()?;
    let marker = dir.join("maildirfolder");
    if !marker.exists() {
        fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&marker)?;
    }
    let id = folder
        .store_cur_with_flags(bytes, "D")
        .map_err(|e| io::Error::other(e.to_string()))?;
    Ok(dir.join("cur").join(format!("{id}:2,D")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_lands_in_cur_with_the_d_flag_of_a_new_maildir_folder() {
        let root = tempfile::tempdir().expect("tempdir");
        let dir = folder_dir(root.path(), "Drafts");
        let writable = Writable::new(false).expect("writable");
        let path = store(&dir, b"From: me@example.org\r\n\r\nhi\r\n", &writable).expect("stored");
        assert!(path.starts_with(dir.join("cur")), "{}", path.display());
        assert!(path.to_string_lossy().ends_with(":2,D"));
        assert_eq!(
            fs::read(&path).expect("read"),
            b"From: me@example.org\r\n\r\nhi\r\n"
        );
        assert!(dir.join("maildirfolder").is_file() && dir.join("new").is_dir());
        assert_eq!(fs::read_dir(dir.join("tmp")).expect("tmp").count(), 0);
    }
}

//! Where abuse reports go: drafts (flag `D`) in the Maildir's Drafts folder, for the user's mail client to
//! send, unless the config says `reports = "outbox"`, mailvet runs read-only, or there is no Maildir; then
//! `.eml` files in the outbox directory.

use std::path::{Path, PathBuf};

use crate::config::{Config, ReportsTo};
use crate::store;

/// Where reports are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Drafts into this Maildir folder (`~/Maildir/.Drafts`).
    Drafts(PathBuf),
    /// `.eml` files into this directory.
    Outbox(PathBuf),
}

impl Place {
    /// The directory written into.
    pub fn dir(&self) -> &Path {
        match self {
            Place::Drafts(dir) | Place::Outbox(dir) => dir,
        }
    }
}

/// Where reports on mail of the Maildir `root` (when there is one) go under `config`.
pub fn place(config: &Config, root: Option<&Path>) -> Result<Place, String> {
    match root {
        Some(root)
            if config.reports == ReportsTo::Drafts
                && !config.read_only
                && store::maildir::is_maildir(root) =>
        {
            Ok(Place::Drafts(store::drafts::folder_dir(
                root,
                &config.folders.drafts,
            )))
        }
        _ => super::places::default_outbox()
            .map(Place::Outbox)
            .ok_or_else(|| "no home directory for the outbox".to_owned()),
    }
}

/// The Maildir root among `inputs` (a Maildir that is not itself a Maildir++ subfolder), for drafts.
pub fn root_among(inputs: &[PathBuf]) -> Option<&Path> {
    inputs
        .iter()
        .map(PathBuf::as_path)
        .find(|p| store::maildir::is_maildir(p) && !p.join("maildirfolder").exists())
}

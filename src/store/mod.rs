//! The only layer that reads (and, later, moves) mail on disk: Maildir discovery and listing, loose .eml files,
//! size-capped reads.

pub mod name;

use std::path::{Path, PathBuf};

/// One message file found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file.
    pub path: PathBuf,
    /// Maildir folder (`INBOX`, `Archive`, `Lists.rust`); empty for loose files.
    pub folder: String,
}

/// Errors of the store layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SKELETON
    #[error("cannot read '{path}': {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// Every message under `inputs` (Maildirs, directories of .eml files, single files), in a stable order.
pub fn collect(inputs: &[PathBuf]) -> (Vec<Entry>, Vec<StoreError>) {
    let _ = inputs;
    (Vec::new(), Vec::new()) // SKELETON
}

/// Reads a message file, refusing files over `max_bytes`.
pub fn read_message(path: &Path, max_bytes: u64) -> Result<Vec<u8>, StoreError> {
    let _ = max_bytes;
    std::fs::read(path).map_err(|source| StoreError::Io {
        path: path.to_owned(),
        source,
    }) // SKELETON
}

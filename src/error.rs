//! User-facing errors: they quote values `'like this'` and name the path they are about.

use std::path::PathBuf;

use crate::mail::sanitise::shown_path as shown;

/// Every error mailvet reports to a user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or listing mail failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The config file is invalid.
    #[error("invalid config '{}': {message}", shown(path))]
    Config {
        /// The file.
        path: PathBuf,
        /// Which key, what is wrong with it, and where.
        message: String,
    },
    /// A file (such as the config given with `--config`) cannot be read.
    #[error("cannot read '{}': {source}", shown(path))]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

//! User-facing errors: they quote values `'like this'` and name the path they are about.

use std::path::PathBuf;

/// Every error mailvet reports to a user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A store error.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The config file is invalid.
    #[error("invalid config '{path}': {message}")]
    Config {
        /// The file.
        path: PathBuf,
        /// Which key and what is wrong with it.
        message: String,
    },
}

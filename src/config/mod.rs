//! Configuration: embedded defaults, the user's TOML merged over them; invalid files give an error naming the
//! file, the key and the problem.

use std::path::{Path, PathBuf};

use crate::analysis::{Brands, Rules};

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The Maildir to open when none is given.
    pub maildir: Option<PathBuf>,
    /// Authserv-ids of the user's own receiving servers.
    pub trusted_authserv_ids: Vec<String>,
    /// Embedded brands with the user's merged over them.
    pub brands: Brands,
    /// Refuse every write into the Maildir.
    pub read_only: bool,
    /// Largest message file read, in bytes.
    pub max_message_bytes: u64,
}

impl Config {
    /// Loads the configuration (SKELETON: defaults only).
    pub fn load(explicit: Option<&Path>) -> Result<Config, crate::error::Error> {
        let _ = explicit;
        Ok(Config {
            maildir: None,
            trusted_authserv_ids: Vec::new(),
            brands: Brands::embedded(),
            read_only: false,
            max_message_bytes: 64 * 1024 * 1024,
        })
    }

    /// The rules the analysis runs with.
    pub fn rules(&self) -> Rules {
        Rules {
            brands: self.brands.clone(),
            trusted_authserv_ids: self.trusted_authserv_ids.clone(),
        }
    }
}

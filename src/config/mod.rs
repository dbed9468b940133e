//! Configuration: embedded defaults (`default.toml`, which documents every key), the user's TOML merged over
//! them. An invalid file gives an error naming the file, the key and the problem; the binary goes on without it,
//! read-only ([`Config::load_or_read_only`]).

mod file;
pub mod identity;
pub mod keys;
mod locate;
pub mod taught;
pub mod themes;

use std::path::{Path, PathBuf};

use crate::analysis::{Brands, Rules, Scores, Taught};
use crate::error::Error;
use file::File;
pub use file::ReportsTo;

/// The embedded defaults; also the documentation of every key.
pub const DEFAULTS: &str = include_str!("default.toml");

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The Maildir to open when none is given (`~` already expanded).
    pub maildir: Option<PathBuf>,
    /// Authserv-ids of the user's own receiving servers, lowercased.
    pub trusted_authserv_ids: Vec<String>,
    /// Embedded brands with the user's merged over them (what the user taught is applied by [`Config::rules`]).
    pub brands: Brands,
    /// Embedded signal weights and thresholds with the user's `[scores]` merged over them.
    pub scores: Scores,
    /// Refuse every write into the Maildir.
    pub read_only: bool,
    /// Show dates in UTC instead of the local time zone.
    pub utc: bool,
    /// Where abuse reports go: drafts in the Maildir (the default) or the outbox directory.
    pub reports: ReportsTo,
    /// Largest message file read, in bytes (`max_message_size`).
    pub max_message_bytes: u64,
    /// Keep verdicts in the cache (`$XDG_CACHE_HOME/mailvet`); `--no-cache` turns it off.
    pub cache: bool,
    /// Folders that archive and Junk move to.
    pub folders: Folders,
    /// Who the user is.
    pub identity: Identity,
    /// What the user taught about senders' domains (`[[taught]]`), oldest first.
    pub taught: Vec<Taught>,
    /// The interface's theme: `default`, `light` or `mono` (NO_COLOR forces `mono`).
    pub theme: String,
    /// `[keys]`: key bindings over the defaults, by mode (`keys.main.x = "quit"`, `"none"` unbinds).
    pub keys: toml::Table,
    /// The file that was loaded; `None` when only the defaults apply.
    pub path: Option<PathBuf>,
}

/// `[folders]`: Maildir++ folder names without the leading dot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    /// Where archive moves messages (`Archive`, the directory `.Archive`).
    pub archive: String,
    /// Where Junk moves messages (`Junk`).
    pub junk: String,
    /// Where report drafts go (`Drafts`).
    pub drafts: String,
}

/// `[identity]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// The user's address, for reports.
    pub address: Option<String>,
}

impl Config {
    /// Loads `explicit` (from `--config` / `MAILVET_CONFIG`; missing is an error), else the default file
    /// [`Config::default_path`] (missing means defaults).
    pub fn load(explicit: Option<&Path>) -> Result<Config, Error> {
        let (path, required) = match explicit {
            Some(path) => (Some(path.to_owned()), true),
            None => (Self::default_path(), false),
        };
        let Some(path) = path else {
            return Self::defaults();
        };
        // Only a regular file is read: a FIFO would block for ever, a device never end.
        match std::fs::metadata(&path) {
            Ok(meta) if !meta.is_file() => {
                return Err(Error::Io {
                    path,
                    source: std::io::Error::other("not a regular file"),
                });
            }
            _ => {}
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text, &path),
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => Self::defaults(),
            Err(source) => Err(Error::Io { path, source }),
        }
    }

    /// [`Config::load`], going on when the file cannot be used (invalid, unreadable, not a regular file,
    /// missing when named): the embedded defaults, forced read-only because the file may have said
    /// `read_only = true` and touching nothing is the only safe reading, with a warning naming the file and
    /// the problem (key, line and column when it has them). `path` stays the file's, so that what the
    /// interface saves (the address, a lesson) never goes to another file.
    pub fn load_or_read_only(explicit: Option<&Path>) -> Result<(Config, Option<String>), Error> {
        let err = match Self::load(explicit) {
            Ok(config) => return Ok((config, None)),
            Err(err) => err,
        };
        let mut config = Self::defaults()?;
        config.read_only = true;
        config.path = explicit.map(Path::to_owned).or_else(Self::default_path);
        let warning = format!(
            "{err}; going on with the default settings, read-only (nothing in the Maildir is changed) until \
             it is fixed"
        );
        Ok((config, Some(warning)))
    }

    /// `$XDG_CONFIG_HOME/mailvet/config.toml` (`~/.config/mailvet/config.toml`); `None` without a home.
    pub fn default_path() -> Option<PathBuf> {
        use etcetera::AppStrategy;
        let strategy = etcetera::choose_app_strategy(etcetera::AppStrategyArgs {
            top_level_domain: "org".into(),
            author: "mailvet".into(),
            app_name: "mailvet".into(),
        })
        .ok()?;
        Some(strategy.in_config_dir("config.toml"))
    }

    /// The embedded defaults alone.
    pub fn defaults() -> Result<Config, Error> {
        Self::build(File::default(), None, "")
    }

    /// The configuration from `text`, the contents of the file `path`, merged over the defaults.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Error> {
        let user: File = toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_owned(),
            message: locate::describe(text, &e),
        })?;
        Self::build(user, Some(path), text)
    }

    /// The rules the analysis runs with: the brands with what the user taught applied to them.
    pub fn rules(&self) -> Rules {
        self.clone().into_rules()
    }

    /// [`Config::rules`], without copying the brands (what `mailvet filter` needs, once per delivery).
    pub fn into_rules(self) -> Rules {
        let mut brands = self.brands;
        taught::apply(&mut brands, &self.taught);
        Rules {
            brands,
            trusted_authserv_ids: self.trusted_authserv_ids,
            scores: self.scores,
            taught: self.taught,
        }
    }

    /// Merges `user` (read from `text` at `path`) over the embedded defaults and checks what serde cannot.
    fn build(user: File, path: Option<&Path>, text: &str) -> Result<Config, Error> {
        let invalid = |key: &str, problem: &str, span| Error::Config {
            path: path.map_or_else(|| PathBuf::from("<defaults>"), Path::to_owned),
            message: locate::at_key(text, key, problem, span),
        };
        user.check(text)
            .map_err(|e| invalid(&e.key, &e.problem, Some(e.span)))?;
        let base: File = toml::from_str(DEFAULTS).map_err(|e| Error::Config {
            path: PathBuf::from("<embedded defaults>"),
            message: e.message().to_owned(),
        })?;
        let file = user.over(base);
        let mut brands = Brands::embedded();
        let mut extra = Brands::default();
        extra.brands = file.brand.into_iter().map(|b| b.into_inner()).collect();
        brands.merge(extra);
        let mut scores = Scores::embedded();
        if let Some(user) = file.scores {
            scores.merge(user.into_inner());
        }
        let maildir =
            match file.maildir {
                Some(dir) => Some(expand_tilde(&dir).ok_or_else(|| {
                    invalid("maildir", "cannot expand '~': no home directory", None)
                })?),
                None => None,
            };
        // The fallbacks only matter if default.toml lost a key; a test checks it has them all.
        let folder = |name: Option<file::FolderName>, fallback: &str| {
            name.map_or_else(|| fallback.to_owned(), |f| f.0)
        };
        Ok(Config {
            maildir,
            trusted_authserv_ids: (file.trusted_authserv_ids.unwrap_or_default().iter())
                .map(|id| id.to_lowercase())
                .collect(),
            brands,
            scores,
            read_only: file.read_only.unwrap_or(false),
            utc: file.utc.unwrap_or(false),
            reports: file.reports.unwrap_or(ReportsTo::Drafts),
            max_message_bytes: file.max_message_size.map_or(64 << 20, |s| s.0),
            cache: true,
            folders: Folders {
                archive: folder(file.folders.archive, "Archive"),
                junk: folder(file.folders.junk, "Junk"),
                drafts: folder(file.folders.drafts, "Drafts"),
            },
            identity: Identity {
                address: file.identity.address.map(|a| a.into_inner()),
            },
            taught: file.taught,
            theme: file
                .theme
                .map_or_else(|| "default".to_owned(), |t| t.into_inner()),
            keys: file.keys.map(|k| k.into_inner()).unwrap_or_default(),
            path: path.map(Path::to_owned),
        })
    }
}

/// `~` and `~/rest` relative to the home directory; other paths unchanged. `None` when there is no home.
fn expand_tilde(path: &str) -> Option<PathBuf> {
    match path.strip_prefix('~') {
        Some("") => etcetera::home_dir().ok(),
        Some(rest) if rest.starts_with('/') => Some(
            etcetera::home_dir()
                .ok()?
                .join(rest.trim_start_matches('/')),
        ),
        _ => Some(PathBuf::from(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_defaults_set_every_key_the_fallbacks_cover() {
        let base: File = toml::from_str(DEFAULTS).expect("default.toml parses");
        assert!(base.trusted_authserv_ids.is_some());
        assert!(base.read_only.is_some());
        assert!(base.utc.is_some());
        assert!(base.max_message_size.is_some());
        assert!(base.folders.archive.is_some() && base.folders.junk.is_some());
        assert!(base.folders.drafts.is_some() && base.reports.is_some());
        assert!(base.theme.is_some());
    }
}

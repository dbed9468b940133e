//! Which Maildir opens: the argument, else config `maildir`, else `$MAILDIR`, else `~/Maildir` if it exists,
//! else the built-in demo mailbox.

use std::path::{Path, PathBuf};

/// The mailbox to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mailbox {
    /// A Maildir on disk.
    Path(PathBuf),
    /// Nothing configured: the built-in demo.
    Demo,
}

/// Resolves the mailbox from the argument, the config, `$MAILDIR` and `$HOME`, in that order.
pub fn resolve_mailbox(
    argument: Option<&Path>,
    configured: Option<&Path>,
    env_maildir: Option<&str>,
    home: Option<&Path>,
) -> Mailbox {
    if let Some(path) = argument.or(configured) {
        return Mailbox::Path(path.to_owned());
    }
    if let Some(dir) = env_maildir.filter(|d| !d.is_empty()) {
        return Mailbox::Path(PathBuf::from(dir));
    }
    match home.map(|h| h.join("Maildir")) {
        Some(dir) if dir.is_dir() => Mailbox::Path(dir),
        _ => Mailbox::Demo,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argument_wins_then_config_then_env_then_home_then_demo() {
        let home = tempfile::tempdir().unwrap();
        let arg = Path::new("/a");
        let conf = Path::new("/c");
        assert_eq!(
            resolve_mailbox(Some(arg), Some(conf), Some("/e"), None),
            Mailbox::Path("/a".into())
        );
        assert_eq!(
            resolve_mailbox(None, Some(conf), Some("/e"), None),
            Mailbox::Path("/c".into())
        );
        assert_eq!(
            resolve_mailbox(None, None, Some("/e"), Some(home.path())),
            Mailbox::Path("/e".into())
        );
        assert_eq!(
            resolve_mailbox(None, None, None, Some(home.path())),
            Mailbox::Demo
        );
        std::fs::create_dir(home.path().join("Maildir")).unwrap();
        assert_eq!(
            resolve_mailbox(None, None, Some(""), Some(home.path())),
            Mailbox::Path(home.path().join("Maildir"))
        );
    }
}

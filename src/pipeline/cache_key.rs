//! The verdict cache's key: what identifies a message's content (its Maildir unique name and its size),
//! read from a message file's path.

use std::fs;
use std::path::Path;

use crate::store::name::Name;

/// What identifies a message's content: its Maildir unique name and its size in bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    /// The unique name (the file name up to `:`).
    pub unique: String,
    /// The file's size.
    pub size: u64,
}

impl Key {
    /// The key of a message file in a Maildir's `cur/` or `new/`; `None` for other files (their names are
    /// not unique) and files that cannot be examined. The size is the one the name carries (`,S=` as
    /// Dovecot writes it) or else read from disk.
    pub fn of(path: &Path) -> Option<Key> {
        let dir = path.parent()?.file_name()?;
        if dir != "cur" && dir != "new" {
            return None;
        }
        let unique = Name::parse(path.file_name()?.to_str()?).unique;
        if unique.is_empty() {
            return None;
        }
        let size = match size_in_name(unique) {
            Some(size) => size,
            None => {
                let meta = fs::symlink_metadata(path).ok()?;
                meta.is_file().then_some(meta.len())?
            }
        };
        Some(Key {
            unique: unique.to_owned(),
            size,
        })
    }
}

/// The size a Maildir unique name carries (`1700000000.M1P2.host,S=2345,W=2400`), if any.
fn size_in_name(unique: &str) -> Option<u64> {
    let digits = unique
        .split(',')
        .skip(1)
        .find_map(|part| part.strip_prefix("S="))?;
    digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_in_the_name_is_taken_only_when_it_is_a_number() {
        assert_eq!(
            size_in_name("1700000000.M1P2.host,S=2345,W=2400"),
            Some(2345)
        );
        assert_eq!(size_in_name("1700000000.M1P2.host,W=2400,S=17"), Some(17));
        assert_eq!(size_in_name("1700000000.M1P2.host"), None);
        assert_eq!(size_in_name("1700000000.M1P2.host,S=+5"), None);
        assert_eq!(size_in_name("1700000000.M1P2.host,S="), None);
        assert_eq!(size_in_name("S=12.host"), None);
    }
}

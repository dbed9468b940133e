//! The verdict cache's key: what identifies a message's content (its Maildir unique name and its size),
//! read from a message file's path.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs;
use std::os::fd::OwnedFd;
use std::path::Path;

use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags, openat, statat};

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
    #[cfg(test)]
    pub fn of(path: &Path) -> Option<Key> {
        let unique = unique_name(path)?;
        Some(Key {
            unique: unique.to_owned(),
            size: size(path, unique)?,
        })
    }

    /// The key of a message file that was read whole, `size` bytes: the bytes judged are what it keys. `None`
    /// for files that are not Maildir messages, and when the name carries another size than was read.
    pub fn read(path: &Path, size: u64) -> Option<Key> {
        let unique = unique_name(path)?;
        size_in_name(unique)
            .is_none_or(|named| named == size)
            .then_some(())?;
        Some(Key {
            unique: unique.to_owned(),
            size,
        })
    }
}

/// The unique name of a message file in a Maildir's `cur/` or `new/`.
pub(super) fn unique_name(path: &Path) -> Option<&str> {
    let dir = path.parent()?.file_name()?;
    if dir != "cur" && dir != "new" {
        return None;
    }
    let unique = Name::parse(path.file_name()?.to_str()?).unique;
    (!unique.is_empty()).then_some(unique)
}

/// The size of the message file at `path` whose unique name is `unique`: the one the name carries, or else
/// read from disk; `None` for a file that is not a regular file or cannot be examined.
fn size(path: &Path, unique: &str) -> Option<u64> {
    match size_in_name(unique) {
        Some(size) => Some(size),
        None => {
            let meta = fs::symlink_metadata(path).ok()?;
            meta.is_file().then_some(meta.len())
        }
    }
}

/// The directories of many message files, each opened once, so that a file's size ([`size`]) is looked up
/// in its directory rather than along its whole path (most of a stat's cost).
#[derive(Default)]
pub(super) struct Dirs<'a> {
    /// Each directory with its descriptor (`None`: it cannot be opened).
    open: HashMap<&'a OsStr, Option<OwnedFd>>,
    /// The directory added last (files come in runs from the same one).
    last: Option<&'a OsStr>,
}

impl<'a> Dirs<'a> {
    /// Opens the directory of the file at `path` unless it is open already.
    pub(super) fn add(&mut self, path: &'a Path) {
        let Some(parent) = path.parent().map(Path::as_os_str) else {
            return;
        };
        if self.last == Some(parent) {
            return;
        }
        self.last = Some(parent);
        self.open.entry(parent).or_insert_with(|| {
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            openat(CWD, parent, flags, Mode::empty()).ok()
        });
    }

    /// [`size`] of the message file at `path`, whose unique name is `unique`.
    pub(super) fn size(&self, path: &Path, unique: &str) -> Option<u64> {
        let dir = path.parent().and_then(|p| self.open.get(p.as_os_str()));
        let (Some(Some(dir)), Some(name), None) = (dir, path.file_name(), size_in_name(unique))
        else {
            return size(path, unique);
        };
        let stat = statat(dir, name, AtFlags::SYMLINK_NOFOLLOW).ok()?;
        let regular = FileType::from_raw_mode(stat.st_mode) == FileType::RegularFile;
        regular.then(|| u64::try_from(stat.st_size).ok())?
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

    #[test]
    fn a_key_from_the_bytes_read_agrees_with_the_name() {
        let named = Path::new("/m/cur/1700000000.M1P2.host,S=17:2,S");
        assert_eq!(Key::read(named, 17).map(|k| k.size), Some(17));
        assert_eq!(Key::read(named, 18), None);
        let plain = Path::new("/m/new/1700000000.M1P2.host");
        let key = Key::read(plain, 5).unwrap();
        assert_eq!((key.unique.as_str(), key.size), ("1700000000.M1P2.host", 5));
        assert_eq!(
            Key::read(Path::new("/m/loose/1700000000.M1P2.host"), 5),
            None
        );
    }

    #[test]
    fn sizes_taken_in_the_directory_agree_with_a_stat_of_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let (cur, new) = (dir.path().join("cur"), dir.path().join("new"));
        fs::create_dir(&cur).unwrap();
        fs::create_dir(&new).unwrap();
        fs::write(cur.join("1.M1.host:2,S"), b"12345").unwrap();
        fs::write(new.join("2.M2.host"), b"123").unwrap();
        std::os::unix::fs::symlink(cur.join("1.M1.host:2,S"), cur.join("3.M3.host:2,")).unwrap();
        fs::create_dir(cur.join("4.M4.host:2,")).unwrap();
        let paths = [
            cur.join("1.M1.host:2,S"),
            cur.join("3.M3.host:2,"),
            new.join("2.M2.host"),
            cur.join("4.M4.host:2,"),
            cur.join("5.M5.host:2,"),
            dir.path().join("gone/cur/6.M6.host,S=9:2,"),
        ];
        let mut dirs = Dirs::default();
        paths.iter().for_each(|p| dirs.add(p));
        let taken: Vec<Option<u64>> = paths
            .iter()
            .map(|p| dirs.size(p, unique_name(p).unwrap()))
            .collect();
        assert_eq!(taken, [Some(5), None, Some(3), None, None, Some(9)]);
        let stated: Vec<Option<u64>> = paths
            .iter()
            .map(|p| size(p, unique_name(p).unwrap()))
            .collect();
        assert_eq!(taken, stated);
    }
}

//! The verdict cache's key: what identifies a message's content (its Maildir unique name and its size),
//! read from a message file's path.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs;
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags, openat, statat};

use crate::store::maildir::name_of;
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
    let (dir, name) = split(path)?;
    unique_in(dir, name)
}

/// The unique name of the file `name` in the directory `dir` when that is a Maildir's `cur/` or `new/`.
fn unique_in<'a>(dir: &Path, name: &'a OsStr) -> Option<&'a str> {
    let last = name_of(dir);
    let in_maildir =
        last == "cur" || last == "new" || dir.file_name().is_some_and(|d| d == "cur" || d == "new");
    if !in_maildir {
        return None;
    }
    let unique = Name::parse(name.to_str()?).unique;
    (!unique.is_empty()).then_some(unique)
}

/// The directory and the name of the file at `path`, as [`Path::parent`] and [`Path::file_name`] give them:
/// cut at the last `/` when that is plainly the same (both sides end in a name, as in the paths the listing
/// makes), which costs a fraction of their parse of the path's components.
fn split(path: &Path) -> Option<(&Path, &OsStr)> {
    let bytes = path.as_os_str().as_bytes();
    let plain = |part: &[u8]| !matches!(part, b"" | b"." | b"..");
    if let Some(slash) = bytes.iter().rposition(|&b| b == b'/') {
        let dir = Path::new(OsStr::from_bytes(&bytes[..slash]));
        let name = &bytes[slash + 1..];
        if plain(name) && plain(name_of(dir).as_bytes()) {
            return Some((dir, OsStr::from_bytes(name)));
        }
    }
    Some((path.parent()?, path.file_name()?))
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

/// Where a message file is: its directory, its name and its unique name.
pub(super) type Spot<'a> = (&'a Path, &'a OsStr, &'a str);

/// Where the message file at `path` is; `None` for a file that is not in a Maildir's `cur/` or `new/`
/// ([`unique_name`]). Found on any thread, before [`Dirs::locate`] numbers the directories on one.
pub(super) fn spot(path: &Path) -> Option<Spot<'_>> {
    let (dir, name) = split(path)?;
    Some((dir, name, unique_in(dir, name)?))
}

/// A message file as [`Dirs`] finds it: its directory's number there, its name and its unique name.
#[derive(Debug, Clone, Copy)]
pub(super) struct Located<'a> {
    dir: usize,
    name: &'a OsStr,
    /// The unique name.
    pub unique: &'a str,
}

/// The directories of many message files, each opened once, so that a file's size ([`size`]) is looked up
/// in its directory rather than along its whole path (most of a stat's cost).
#[derive(Default)]
pub(super) struct Dirs<'a> {
    /// Each directory's number.
    numbers: HashMap<&'a Path, usize>,
    /// Each directory's descriptor, by number (`None`: it cannot be opened).
    open: Vec<Option<OwnedFd>>,
    /// The directory met last and its number (files come in runs from the same one).
    last: Option<(&'a Path, usize)>,
}

impl<'a> Dirs<'a> {
    /// The message file `name` (unique name `unique`) in `dir` ([`spot`]), the directory opened unless it
    /// is open already.
    pub(super) fn locate(&mut self, (dir, name, unique): Spot<'a>) -> Located<'a> {
        let number = match self.last {
            Some((last, number)) if last == dir => number,
            _ => {
                let open = &mut self.open;
                let number = *self.numbers.entry(dir).or_insert_with(|| {
                    let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
                    open.push(openat(CWD, dir, flags, Mode::empty()).ok());
                    open.len() - 1
                });
                self.last = Some((dir, number));
                number
            }
        };
        Located {
            dir: number,
            name,
            unique,
        }
    }

    /// [`size`] of the message file at `path`, found at `file`.
    pub(super) fn size(&self, path: &Path, file: &Located) -> Option<u64> {
        let (Some(Some(dir)), None) = (self.open.get(file.dir), size_in_name(file.unique)) else {
            return size(path, file.unique);
        };
        let stat = statat(dir, file.name, AtFlags::SYMLINK_NOFOLLOW).ok()?;
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
    fn a_path_is_split_as_its_parent_and_file_name() {
        let paths = [
            "/m/cur/1.M1.host:2,S",
            "m/new/2.M2.host",
            "cur/3",
            "/4",
            "5",
            "/m/cur/",
            "/m/cur/.",
            "/m/cur/..",
            "/m/cur//6",
            "/m/cur/./7",
            "/m/./cur/8",
            "/m/../9",
            "./10",
            "../11",
            "/m/incur/12",
            "/m/new/:2,S",
            "/",
            "",
        ];
        for path in paths.map(Path::new) {
            let expected = path.parent().zip(path.file_name());
            assert_eq!(split(path), expected, "{path:?}");
            // The unique name as the path's components give it.
            let dir = path.parent().and_then(Path::file_name);
            let unique = (path.file_name().and_then(OsStr::to_str))
                .map(|name| Name::parse(name).unique)
                .filter(|u| {
                    !u.is_empty() && (dir == Some("cur".as_ref()) || dir == Some("new".as_ref()))
                });
            assert_eq!(unique_name(path), unique, "{path:?}");
        }
        assert_eq!(unique_name(Path::new("/m/cur/./7:2,")), Some("7"));
        assert_eq!(unique_name(Path::new("/m/incur/x")), None);
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
        let files: Vec<Located> = (paths.iter())
            .map(|p| dirs.locate(spot(p).unwrap()))
            .collect();
        let taken: Vec<Option<u64>> = (paths.iter().zip(&files))
            .map(|(p, file)| dirs.size(p, file))
            .collect();
        assert_eq!(taken, [Some(5), None, Some(3), None, None, Some(9)]);
        let stated: Vec<Option<u64>> = paths
            .iter()
            .map(|p| size(p, unique_name(p).unwrap()))
            .collect();
        assert_eq!(taken, stated);
    }
}

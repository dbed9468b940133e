//! The verdict cache through the real binary: a temp Maildir, `XDG_CACHE_HOME` in a temp dir. A warm `scan`
//! prints what a cold one printed; the cache is proven used by overwriting message files with other bytes of
//! the same size after caching (a Maildir file's content never changes, so the cache trusts name + size):
//! the cached verdict still shows, and `--no-cache` shows the new bytes. Moves and flag changes keep the
//! key; another size or other rules miss; broken, foreign and locked cache files are set aside, never fatal.

mod common;
mod tui_support;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{GARBAGE, GENUINE_AMAZON, PERSONAL, PHISHING_AMAZON, make_maildir, put};
use tempfile::TempDir;

const FORMATS: [&str; 3] = ["table", "jsonl", "csv"];

/// A Maildir with an INBOX of three messages (one unparseable) and an `.Archive` of one.
struct Setup {
    home: TempDir,
    root: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let home = tempfile::tempdir().unwrap();
        let root = home.path().join("Maildir");
        make_maildir(&root);
        put(
            &root,
            "1795400003.M1P1.host:2,S",
            PHISHING_AMAZON.as_bytes(),
        );
        put(&root, "1795400002.M2P1.host:2,", GENUINE_AMAZON.as_bytes());
        put(&root, "1795400001.M3P1.host:2,FS", PERSONAL.as_bytes());
        put(&root, "1795400000.M4P1.host:2,S", GARBAGE);
        let archive = root.join(".Archive");
        make_maildir(&archive);
        put(&archive, "1795300000.M5P1.host:2,RS", PERSONAL.as_bytes());
        Setup { home, root }
    }

    fn cache_dir(&self) -> PathBuf {
        self.home.path().join("cache").join("mailvet")
    }

    fn cache_file(&self) -> PathBuf {
        self.cache_dir().join("verdicts.sqlite")
    }

    fn aside(&self) -> PathBuf {
        self.cache_dir().join("verdicts.sqlite.aside")
    }

    /// `mailvet ARGS...` with the cache in `home/cache`.
    fn mailvet(&self, args: &[&str]) -> Command {
        let mut cmd = common::mailvet(self.home.path());
        cmd.env("XDG_CACHE_HOME", self.home.path().join("cache"))
            .args(args);
        cmd
    }

    /// `mailvet [EXTRA...] scan --format FORMAT <root>`: its standard output (the exit status says whether
    /// there was phishing: 0 or 1, never an error).
    fn scan_with(&self, extra: &[&str], format: &str) -> String {
        let root = self.root.to_str().unwrap();
        let mut args = extra.to_vec();
        args.extend(["scan", "--format", format, root]);
        let out = self.mailvet(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{stderr}");
        String::from_utf8(out.stdout).unwrap()
    }

    fn scan(&self, format: &str) -> String {
        self.scan_with(&[], format)
    }

    /// What `mailvet cache` says.
    fn cache_says(&self) -> String {
        let out = self.mailvet(&["cache"]).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    }

    fn inbox(&self, name: &str) -> PathBuf {
        self.root.join("cur").join(name)
    }
}

/// Overwrites the message with other bytes of the same size: the personal message, padded or cut.
fn same_size_other_bytes(path: &Path) {
    let len = fs::metadata(path).unwrap().len() as usize;
    let mut other = PERSONAL
        .replace("Lunch on Friday?", "Replaced bytes!")
        .into_bytes();
    other.resize(len, b' ');
    fs::write(path, other).unwrap();
}

#[test]
fn a_warm_scan_prints_exactly_what_the_cold_one_did_in_every_format() {
    let s = Setup::new();
    for format in FORMATS {
        let cold = s.scan(format);
        assert!(cold.contains("Your account has been locked"), "{cold}");
        assert_eq!(s.scan(format), cold, "{format}");
    }
    assert!(s.cache_says().contains("5 verdicts"), "{}", s.cache_says());
}

#[test]
fn a_warm_scan_takes_verdicts_from_the_cache_not_the_files() {
    let s = Setup::new();
    let cold: Vec<String> = FORMATS.iter().map(|f| s.scan(f)).collect();
    for entry in fs::read_dir(s.root.join("cur")).unwrap() {
        same_size_other_bytes(&entry.unwrap().path());
    }
    for (format, cold) in FORMATS.iter().zip(&cold) {
        assert_eq!(&s.scan(format), cold, "{format}");
    }
    // The test can fail: without the cache the new bytes show.
    let fresh = s.scan_with(&["--no-cache"], "table");
    assert!(fresh.contains("Replaced bytes!"), "{fresh}");
    assert!(!fresh.contains("Your account has been locked"), "{fresh}");
}

#[test]
fn flag_changes_and_moves_keep_the_verdict_another_size_does_not() {
    let s = Setup::new();
    s.scan("jsonl");
    let phish = s.inbox("1795400003.M1P1.host:2,S");
    same_size_other_bytes(&phish);
    // Flagged, then moved to the archive by another client: same unique name, same size.
    let moved = s.root.join(".Archive/cur/1795400003.M1P1.host:2,FS");
    fs::rename(&phish, &moved).unwrap();
    let warm = s.scan("jsonl");
    let line = warm
        .lines()
        .find(|l| l.contains("1795400003.M1P1.host:2,FS"))
        .unwrap();
    assert!(line.contains("\"folder\":\"Archive\""), "{line}");
    assert!(line.contains("Your account has been locked"), "{line}");
    assert!(line.contains("\"trust\":\"phishing\""), "{line}");
    // Other content of another size is judged afresh.
    fs::write(&moved, PERSONAL.replace("Lunch", "Dinner")).unwrap();
    let again = s.scan("table");
    assert!(again.contains("Dinner on Friday?"), "{again}");
    assert!(!again.contains("Your account has been locked"), "{again}");
}

#[test]
fn one_unique_name_in_two_folders_under_two_sizes_keeps_each_its_own_verdict() {
    // With a few messages the cache is asked name by name, with many in one pass: both are checked.
    for others in [0, 600] {
        let s = Setup::new();
        for n in 0..others {
            put(
                &s.root,
                &format!("1795500{n:03}.M9P1.host:2,S"),
                PERSONAL.as_bytes(),
            );
        }
        let name = "1795600000.M7P1.host";
        let inbox = put(&s.root, &format!("{name}:2,S"), PHISHING_AMAZON.as_bytes());
        let archive = put(
            &s.root.join(".Archive"),
            &format!("{name}:2,RS"),
            GENUINE_AMAZON.as_bytes(),
        );
        assert_ne!(PHISHING_AMAZON.len(), GENUINE_AMAZON.len());
        s.scan("jsonl");
        same_size_other_bytes(&inbox);
        same_size_other_bytes(&archive);
        let warm = s.scan("jsonl");
        let line = |folder: &str| {
            warm.lines()
                .find(|l| l.contains(name) && l.contains(&format!("\"folder\":\"{folder}\"")))
                .unwrap_or_else(|| panic!("{folder} in {warm}"))
                .to_owned()
        };
        let (inbox, archive) = (line("INBOX"), line("Archive"));
        assert!(
            inbox.contains("Your account has been locked"),
            "{others}: {inbox}"
        );
        assert!(archive.contains("has shipped"), "{others}: {archive}");
        assert!(!warm.contains("Replaced bytes!"), "{others}: {warm}");
        // A third size under that name is judged afresh.
        fs::write(
            s.inbox(&format!("{name}:2,S")),
            PERSONAL.replace("Lunch", "Dinner"),
        )
        .unwrap();
        let again = s.scan("table");
        assert!(again.contains("Dinner on Friday?"), "{others}: {again}");
    }
}

#[test]
fn new_vanished_and_renamed_messages_are_picked_up() {
    let s = Setup::new();
    s.scan("table");
    fs::remove_file(s.inbox("1795400002.M2P1.host:2,")).unwrap();
    fs::rename(
        s.inbox("1795400001.M3P1.host:2,FS"),
        s.inbox("1795400001.M3P1.host:2,S"),
    )
    .unwrap();
    put(
        &s.root,
        "1795400009.M9P1.host:2,",
        GENUINE_AMAZON.as_bytes(),
    );
    for format in FORMATS {
        assert_eq!(
            s.scan(format),
            s.scan_with(&["--no-cache"], format),
            "{format}"
        );
    }
}

#[test]
fn other_rules_make_every_cached_verdict_stale() {
    let s = Setup::new();
    let cold = s.scan("table");
    same_size_other_bytes(&s.inbox("1795400003.M1P1.host:2,S"));
    let config = s.home.path().join("config.toml");
    fs::write(&config, "[scores.thresholds]\nsuspicious = 2.5\n").unwrap();
    let config = config.to_str().unwrap();
    let other = s.scan_with(&["--config", config], "table");
    assert_ne!(other, cold);
    assert!(other.contains("Replaced bytes!"), "{other}");
    // And back: the entries of the first rules were dropped, so nothing stale returns.
    let back = s.scan("table");
    assert!(back.contains("Replaced bytes!"), "{back}");
}

#[test]
fn no_cache_writes_nothing_and_read_only_still_caches() {
    let s = Setup::new();
    s.scan_with(&["--no-cache"], "table");
    assert!(!s.cache_dir().exists());
    assert!(s.cache_says().contains("no verdict cached yet"));
    s.scan_with(&["--read-only"], "table");
    assert!(s.cache_file().is_file());
    assert!(s.cache_says().contains("5 verdicts"), "{}", s.cache_says());
}

#[test]
fn cache_says_where_it_is_and_clear_empties_it() {
    let s = Setup::new();
    s.scan("table");
    let said = s.cache_says();
    assert!(
        said.starts_with(&format!("{}\n", s.cache_file().display())),
        "{said}"
    );
    assert!(said.contains("5 verdicts, "), "{said}");
    let out = s.mailvet(&["cache", "--clear"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("cleared"));
    assert!(!s.cache_file().exists());
    assert!(s.cache_says().contains("no verdict cached yet"));
    // Cleared means judged afresh.
    same_size_other_bytes(&s.inbox("1795400003.M1P1.host:2,S"));
    assert!(s.scan("table").contains("Replaced bytes!"));
}

/// Writes `bytes` as the cache file, then checks a scan is right, sets the file aside and starts a new cache.
fn set_aside_and_rebuilt(s: &Setup, bytes: &[u8]) {
    let expected = s.scan_with(&["--no-cache"], "jsonl");
    fs::create_dir_all(s.cache_dir()).unwrap();
    fs::write(s.cache_file(), bytes).unwrap();
    let root = s.root.to_str().unwrap();
    let out = s
        .mailvet(&["scan", "--format", "jsonl", root])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    // The user is told, naming the file, and the scan goes on.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("verdicts.sqlite") && stderr.contains("setting it aside"),
        "{stderr}"
    );
    assert_eq!(fs::read(s.aside()).unwrap(), bytes);
    assert!(s.cache_says().contains("5 verdicts"), "{}", s.cache_says());
    assert_eq!(s.scan("jsonl"), expected);
}

/// A cache file written by a real scan, its bytes.
fn real_cache(s: &Setup) -> Vec<u8> {
    s.scan("table");
    let bytes = fs::read(s.cache_file()).unwrap();
    fs::remove_dir_all(s.cache_dir()).unwrap();
    bytes
}

#[test]
fn a_file_that_is_not_sqlite_is_set_aside() {
    let s = Setup::new();
    set_aside_and_rebuilt(&s, &b"this is not a database, only text; ".repeat(40));
}

#[test]
fn another_programs_database_is_set_aside() {
    let s = Setup::new();
    let other = s.home.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE verdicts (x); INSERT INTO verdicts VALUES (1);")
        .unwrap();
    drop(conn);
    set_aside_and_rebuilt(&s, &fs::read(other).unwrap());
}

#[test]
fn a_truncated_cache_is_set_aside() {
    let s = Setup::new();
    let bytes = real_cache(&s);
    set_aside_and_rebuilt(&s, &bytes[..bytes.len() / 2]);
}

#[test]
fn a_corrupt_cache_is_set_aside() {
    let s = Setup::new();
    let mut bytes = real_cache(&s);
    // Every page after the first (the tables' pages) overwritten with noise.
    for (i, b) in bytes.iter_mut().enumerate().skip(4096) {
        *b = (i * 7 % 251) as u8;
    }
    set_aside_and_rebuilt(&s, &bytes);
}

#[test]
fn a_cache_locked_by_another_process_is_set_aside_not_waited_on() {
    let s = Setup::new();
    let expected = s.scan("jsonl");
    let conn = rusqlite::Connection::open(s.cache_file()).unwrap();
    conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; DELETE FROM verdicts;")
        .unwrap();
    assert_eq!(s.scan("jsonl"), expected);
    assert!(s.aside().exists());
    drop(conn);
    assert!(s.cache_says().contains("5 verdicts"), "{}", s.cache_says());
}

#[test]
fn export_filters_read_the_cache_too() {
    let s = Setup::new();
    s.scan("table");
    same_size_other_bytes(&s.inbox("1795400003.M1P1.host:2,S"));
    let root = s.root.to_str().unwrap();
    let out = s
        .mailvet(&["export", root, "--format", "csv", "--trust", "phishing"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains("Your account has been locked"), "{csv}");
}

/// The interface keeps what it judged, and a warm start lists every row from the cache: after the files are
/// overwritten, the rows still show the cached senders, subjects and labels.
#[test]
fn the_interface_writes_the_cache_and_starts_warm_from_it() {
    if !tui_support::tmux::present() {
        return;
    }
    let s = Setup::new();
    let root = s.root.to_str().unwrap();
    let tmux = tui_support::tmux::start(s.home.path(), &[root]);
    tmux.wait_for("Your account has been locked");
    let start = std::time::Instant::now();
    while !s.cache_says().contains("5 verdicts") {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "the interface kept nothing: {}",
            s.cache_says()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0);
    drop(tmux);
    // The selected message (the newest, the phishing one) is read again for the detail pane, and its row
    // takes that reading; every other row comes from the cache without its file being read.
    for name in ["1795400002.M2P1.host:2,", "1795400001.M3P1.host:2,FS"] {
        same_size_other_bytes(&s.inbox(name));
    }
    let tmux = tui_support::tmux::start(s.home.path(), &[root]);
    let screen = tmux.wait_for("Your account has been locked");
    assert!(screen.contains("Your Amazon.com order"), "{screen}");
    assert!(screen.contains("Lunch on Friday?"), "{screen}");
    assert!(!screen.contains("Replaced bytes!"), "{screen}");
    assert!(screen.contains("phishing"), "{screen}");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0);
}

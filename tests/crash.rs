//! SIGKILL the real `mailvet move` / `scan --junk` in the middle of a bulk move of thousands of messages, within
//! one filesystem and across two (the Junk folder on /dev/shm: copy → fsync → link → unlink), then count: every
//! message is in some cur/ or new/ right after the kill, and exactly once after recovery (the next start).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Messages junked by `move` (renames only: fast).
const MESSAGES: usize = 2000;
/// Messages junked by `scan --junk`, which judges them all before moving any.
const SCANNED: usize = 1000;

/// A Maildir at `dir/Mail` with `n` small messages, half in new/, half in cur/; with `junk`, its `.Junk`
/// folder is a symlink to that directory.
fn generate(dir: &Path, n: usize, junk: Option<&Path>) -> PathBuf {
    let root = dir.join("Mail");
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(root.join(sub)).unwrap();
    }
    if let Some(junk) = junk {
        std::os::unix::fs::symlink(junk, root.join(".Junk")).unwrap();
    }
    for i in 0..n {
        let unique = format!("{}.M{i}P9.crash", 1_700_000_000 + i);
        let path = if i % 2 == 0 {
            root.join("new").join(&unique)
        } else {
            root.join("cur").join(format!("{unique}:2,S"))
        };
        fs::write(
            path,
            format!("From: a@example.org\r\nSubject: message {i}\r\n\r\nbody {i}\r\n"),
        )
        .unwrap();
    }
    root
}

/// How many times each unique name is in a cur/ or new/ of the Maildir (following the .Junk symlink), and how
/// many of mailvet's copies are in tmp/ directories.
fn census(root: &Path) -> (BTreeMap<String, usize>, usize) {
    let mut counts = BTreeMap::new();
    let mut copies = 0;
    for folder in [root.to_owned(), root.join(".Junk")] {
        for sub in ["cur", "new", "tmp"] {
            let Ok(dir) = fs::read_dir(folder.join(sub)) else {
                continue;
            };
            for entry in dir {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                if sub == "tmp" {
                    copies += usize::from(name.starts_with("mailvet-move."));
                } else {
                    let unique = name.split(':').next().unwrap().to_owned();
                    *counts.entry(unique).or_insert(0) += 1;
                }
            }
        }
    }
    (counts, copies)
}

fn moved(root: &Path) -> usize {
    ["cur", "new"]
        .iter()
        .filter_map(|sub| fs::read_dir(root.join(".Junk").join(sub)).ok())
        .map(Iterator::count)
        .sum()
}

fn mailvet(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mailvet"));
    cmd.env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// The command that junks every message: `move` over all paths, or `scan --junk`.
fn junk_command(home: &Path, root: &Path, by_scan: bool) -> Command {
    let mut cmd = mailvet(home);
    if by_scan {
        cmd.arg("scan").arg(root).arg("--junk");
    } else {
        cmd.args(["move", "--to", "Junk"]);
        for sub in ["new", "cur"] {
            let mut paths: Vec<PathBuf> = fs::read_dir(root.join(sub))
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            paths.sort();
            cmd.args(paths);
        }
    }
    cmd
}

/// Runs `cmd` and SIGKILLs it once `at` messages are in Junk; returns whether the kill hit mid-way.
fn kill_when(mut cmd: Command, root: &Path, at: usize) -> bool {
    let mut child = cmd.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while moved(root) < at && child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    let mid_way = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    mid_way
}

/// Junks every message, SIGKILLing mailvet at several points (each run is the next start after the previous
/// kill), checking the counts after each kill and after recovery; returns how many kills hit mid-way.
fn crash_and_count(junk: Option<&Path>, by_scan: bool) -> usize {
    let n = if by_scan { SCANNED } else { MESSAGES };
    let home = tempfile::tempdir().unwrap();
    let root = generate(home.path(), n, junk);
    let mut mid_way = 0;
    for at in [n / 4, n / 2, 3 * n / 4] {
        let hit = kill_when(junk_command(home.path(), &root, by_scan), &root, at);
        mid_way += usize::from(hit);

        let (counts, copies) = census(&root);
        let twice = counts.values().filter(|&&c| c > 1).count();
        eprintln!(
            "killed at {} of {n} moved (mid-way: {hit}): {twice} doubled, {copies} copies in tmp/",
            moved(&root)
        );
        assert_eq!(
            counts.len(),
            n,
            "kill at {at}: a message is in no cur/ or new/"
        );
        assert!(
            twice <= 1 && copies <= 1,
            "kill at {at}: at most the message being moved is doubled"
        );

        let recovered = mailvet(home.path())
            .arg("recover")
            .arg(&root)
            .status()
            .unwrap();
        assert!(recovered.success());
        let (counts, copies) = census(&root);
        assert!(
            counts.values().all(|&c| c == 1),
            "kill at {at}: duplicates after recovery"
        );
        assert_eq!(
            (counts.len(), copies),
            (n, 0),
            "kill at {at}: after recovery"
        );
    }
    // The last start finishes the job.
    let rerun = junk_command(home.path(), &root, by_scan).status().unwrap();
    assert_ne!(rerun.code(), Some(2));
    let (counts, _) = census(&root);
    assert_eq!(moved(&root), n);
    assert!(counts.len() == n && counts.values().all(|&c| c == 1));
    mid_way
}

/// /dev/shm when it is a filesystem other than the temp dir's, else `None` with a message.
fn other_filesystem() -> Option<tempfile::TempDir> {
    use std::os::unix::fs::MetadataExt;
    let here = fs::metadata(std::env::temp_dir()).unwrap().dev();
    match fs::metadata("/dev/shm") {
        Ok(m) if m.dev() != here => Some(tempfile::tempdir_in("/dev/shm").unwrap()),
        _ => {
            eprintln!("SKIPPED: /dev/shm is missing or not a separate filesystem");
            None
        }
    }
}

#[test]
fn killed_move_within_one_filesystem_loses_and_duplicates_nothing() {
    let hits = crash_and_count(None, false);
    eprintln!("move, one filesystem: {hits} of 3 kills mid-way");
    assert!(hits > 0, "no kill landed mid-way: the test proved nothing");
}

#[test]
fn killed_scan_junk_within_one_filesystem_loses_and_duplicates_nothing() {
    let hits = crash_and_count(None, true);
    eprintln!("scan --junk, one filesystem: {hits} of 3 kills mid-way");
    assert!(hits > 0, "no kill landed mid-way: the test proved nothing");
}

#[test]
fn killed_move_across_filesystems_loses_and_duplicates_nothing() {
    let Some(shm) = other_filesystem() else {
        return;
    };
    let hits = crash_and_count(Some(shm.path()), false);
    eprintln!("move, across filesystems: {hits} of 3 kills mid-way");
    assert!(hits > 0, "no kill landed mid-way: the test proved nothing");
}

#[test]
fn killed_scan_junk_across_filesystems_loses_and_duplicates_nothing() {
    let Some(shm) = other_filesystem() else {
        return;
    };
    let hits = crash_and_count(Some(shm.path()), true);
    eprintln!("scan --junk, across filesystems: {hits} of 3 kills mid-way");
    assert!(hits > 0, "no kill landed mid-way: the test proved nothing");
}

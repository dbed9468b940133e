//! SIGKILL the real `mailvet move` / `scan --junk` in the middle of a bulk move of 10,000 messages (2,000 for
//! `scan --junk` and across filesystems), within one filesystem and across two (the Junk folder on /dev/shm: claim → copy → fsync → link → unlink), while another
//! client keeps renaming the same files (flag changes, new/ → cur/), then count: every message is in some
//! cur/ or new/ (or claimed in a tmp/) right after the kill, and exactly once after recovery (the next start).
//!
//! Sized to take about a minute on 2 cores. The longer loop: `MAILVET_CRASH_MESSAGES=50000
//! MAILVET_CRASH_ROUNDS=20 cargo test --release --test crash -- --nocapture` (messages per test, and how many
//! times each test runs its kill-and-recover cycle on a fresh Maildir).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Messages junked by `move` (`MAILVET_CRASH_MESSAGES`, default 10,000).
fn messages() -> usize {
    env_number("MAILVET_CRASH_MESSAGES", 10_000)
}

/// Messages junked by `scan --junk` (which judges them all before moving any) and by moves across
/// filesystems (a copy and three fsyncs each): a fifth of [`messages`], to stay near a minute in all.
fn fewer() -> usize {
    messages() / 5
}

/// How many times each test runs its cycle on a fresh Maildir (`MAILVET_CRASH_ROUNDS`, default 1).
fn rounds() -> usize {
    env_number("MAILVET_CRASH_ROUNDS", 1)
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Another client at work on the same Maildir: it renames messages of INBOX and Junk over and over (toggling
/// the flagged flag, moving new/ to cur/), as a mail reader does, until stopped.
struct Renamer {
    stop: Arc<AtomicBool>,
    renames: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl Renamer {
    fn start(root: &Path) -> Renamer {
        let stop = Arc::new(AtomicBool::new(false));
        let renames = Arc::new(AtomicUsize::new(0));
        let (root, stop2, renames2) = (root.to_owned(), stop.clone(), renames.clone());
        let thread = std::thread::spawn(move || {
            let folders = [root.clone(), root.join(".Junk")];
            while !stop2.load(Ordering::Relaxed) {
                for folder in &folders {
                    for sub in ["new", "cur"] {
                        let Ok(dir) = fs::read_dir(folder.join(sub)) else {
                            continue;
                        };
                        let names: Vec<String> = dir
                            .filter_map(|e| e.ok()?.file_name().into_string().ok())
                            .collect();
                        // Every 7th name, so the renames are spread over the whole folder.
                        for name in names.iter().step_by(7) {
                            if stop2.load(Ordering::Relaxed) {
                                return;
                            }
                            let to = match (sub, name.split_once(":2,")) {
                                ("new", _) => folder.join("cur").join(format!("{name}:2,")),
                                (_, Some((unique, flags))) if flags.contains('F') => folder
                                    .join("cur")
                                    .join(format!("{unique}:2,{}", flags.replace('F', ""))),
                                (_, Some((unique, flags))) => {
                                    folder.join("cur").join(format!("{unique}:2,F{flags}"))
                                }
                                _ => continue,
                            };
                            if fs::rename(folder.join(sub).join(name), to).is_ok() {
                                renames2.fetch_add(1, Ordering::Relaxed);
                            }
                            // Up to about a thousand renames a second: a very busy mail reader.
                            std::thread::sleep(Duration::from_millis(1));
                        }
                    }
                }
            }
        });
        Renamer {
            stop,
            renames,
            thread: Some(thread),
        }
    }

    /// Stops the renamer and returns how many renames it made.
    fn stop(mut self) -> usize {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
        self.renames.load(Ordering::Relaxed)
    }
}

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

/// How many times each unique name is in a cur/ or new/ of the Maildir (following the .Junk symlink) or claimed
/// by a move in a tmp/, and how many of mailvet's copies and claims are in tmp/ directories.
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
                if let Some(claimed) = name.strip_prefix("mailvet-claim.") {
                    copies += 1;
                    let name = claimed.split_once('.').unwrap().1;
                    let unique = name.split(':').next().unwrap().to_owned();
                    *counts.entry(unique).or_insert(0) += 1;
                } else if sub == "tmp" {
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

/// Junks every message (the Junk folder in a new directory inside `junk` when given), SIGKILLing mailvet at
/// several points (each run is the next start after the previous kill) while another client renames the
/// messages, checking the counts after each kill and after recovery; returns how many kills hit mid-way.
fn crash_and_count(junk: Option<&Path>, by_scan: bool) -> usize {
    let n = if by_scan || junk.is_some() {
        fewer()
    } else {
        messages()
    };
    let home = tempfile::tempdir().unwrap();
    // A fresh Junk directory each round: the previous round's messages (same unique names) stay out of it.
    let junk = junk.map(|dir| tempfile::tempdir_in(dir).unwrap());
    let root = generate(home.path(), n, junk.as_ref().map(tempfile::TempDir::path));
    let mut mid_way = 0;
    for at in [n / 4, n / 2, 3 * n / 4] {
        // Listed before the other client starts (it would list a message twice, in new/ and cur/).
        let junk = junk_command(home.path(), &root, by_scan);
        let renamer = Renamer::start(&root);
        let hit = kill_when(junk, &root, at);
        let renames = renamer.stop();
        mid_way += usize::from(hit);

        let (counts, copies) = census(&root);
        let twice = counts.values().filter(|&&c| c > 1).count();
        eprintln!(
            "killed at {} of {n} moved (mid-way: {hit}), {renames} renames by another client: {twice} doubled, \
             {copies} copies or claims in tmp/",
            moved(&root)
        );
        assert_eq!(
            counts.len(),
            n,
            "kill at {at}: a message is in no cur/ or new/ and not claimed"
        );
        assert!(
            twice <= 1 && copies <= 2,
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
    // The last start finishes the job, the other client still at work.
    let mut junk = junk_command(home.path(), &root, by_scan);
    let renamer = Renamer::start(&root);
    let rerun = junk.stderr(Stdio::piped()).output().unwrap();
    renamer.stop();
    assert_ne!(
        rerun.status.code(),
        Some(2),
        "a message was reported gone or failed:\n{}",
        problems(&String::from_utf8_lossy(&rerun.stderr))
    );
    let (counts, _) = census(&root);
    assert_eq!(moved(&root), n);
    assert!(counts.len() == n && counts.values().all(|&c| c == 1));
    mid_way
}

/// The lines of a run's stderr that are not progress (`move A -> B`, `unchanged A`, recovery's summary): the
/// errors a failing run reported, however many and wherever they are among thousands of progress lines.
fn problems(stderr: &str) -> String {
    let progress = |line: &str| {
        line.starts_with("move ")
            || line.starts_with("unchanged ")
            || line.starts_with("recovered ")
    };
    let lines: Vec<&str> = stderr.lines().filter(|l| !progress(l)).collect();
    format!("{} lines:\n{}", lines.len(), lines.join("\n"))
}

/// [`crash_and_count`] [`rounds`] times; how many kills hit mid-way, of how many.
fn crash_rounds(junk: Option<&Path>, by_scan: bool) -> (usize, usize) {
    let hits = (0..rounds()).map(|_| crash_and_count(junk, by_scan)).sum();
    (hits, 3 * rounds())
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
    let (hits, kills) = crash_rounds(None, false);
    eprintln!("move, one filesystem: {hits} of {kills} kills mid-way");
    assert!(hits > 0, "no kill landed mid-way: the test proved nothing");
}

#[test]
fn killed_scan_junk_within_one_filesystem_loses_and_duplicates_nothing() {
    let (hits, kills) = crash_rounds(None, true);
    eprintln!("scan --junk, one filesystem: {hits} of {kills} kills mid-way");
    assert!(hits > 0, "no kill landed mid-way: the test proved nothing");
}

#[test]
fn killed_move_across_filesystems_loses_and_duplicates_nothing() {
    let Some(shm) = other_filesystem() else {
        return;
    };
    let (hits, kills) = crash_rounds(Some(shm.path()), false);
    eprintln!("move, across filesystems: {hits} of {kills} kills mid-way");
    assert!(hits > 0, "no kill landed mid-way: the test proved nothing");
}

#[test]
fn killed_scan_junk_across_filesystems_loses_and_duplicates_nothing() {
    let Some(shm) = other_filesystem() else {
        return;
    };
    let (hits, kills) = crash_rounds(Some(shm.path()), true);
    eprintln!("scan --junk, across filesystems: {hits} of {kills} kills mid-way");
    assert!(hits > 0, "no kill landed mid-way: the test proved nothing");
}

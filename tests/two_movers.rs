//! Two writers at once: two real `mailvet move` processes take the same messages at the same time, one to a
//! folder on another filesystem (copy → link → unlink), the other, in reverse order, to a folder on the same
//! one (rename); then every message is in exactly one cur/ or new/ and nothing is left in tmp/. Also: a move
//! never replaces a file of the same name that another client put in the target.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Messages each run moves.
const MESSAGES: usize = 400;

/// How many times each unique name is in a cur/ or new/ under `folders`, and every file in their tmp/.
fn census(folders: &[PathBuf]) -> (BTreeMap<String, usize>, Vec<String>) {
    let mut counts = BTreeMap::new();
    let mut leftovers = Vec::new();
    for folder in folders {
        for sub in ["cur", "new", "tmp"] {
            let Ok(dir) = fs::read_dir(folder.join(sub)) else {
                continue;
            };
            for entry in dir {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                if sub == "tmp" {
                    leftovers.push(name);
                } else {
                    let unique = name.split(':').next().unwrap_or_default().to_owned();
                    *counts.entry(unique).or_insert(0) += 1;
                }
            }
        }
    }
    (counts, leftovers)
}

fn spawn_move(home: &Path, folder: &str, paths: &[PathBuf]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_mailvet"))
        .env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .args(["move", "--to", folder])
        .args(paths)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// /dev/shm when it is a filesystem other than the temp dir's.
fn other_filesystem() -> Option<tempfile::TempDir> {
    let here = fs::metadata(std::env::temp_dir()).unwrap().dev();
    match fs::metadata("/dev/shm") {
        Ok(m) if m.dev() != here => Some(tempfile::tempdir_in("/dev/shm").unwrap()),
        _ => None,
    }
}

#[test]
fn two_movers_at_once_across_filesystems_never_duplicate() {
    let Some(shm) = other_filesystem() else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "/dev/shm is not a separate filesystem: the cross-filesystem race cannot be tested"
            );
        }
        eprintln!("SKIPPED: /dev/shm is missing or not a separate filesystem");
        return;
    };
    for run in 0..3 {
        // The Maildir in memory, the archive on disk: the copy's fsync makes the copying mover's window wide.
        let home = tempfile::tempdir().unwrap();
        let root = shm.path().join(format!("Mail-{run}"));
        make_maildir(&root);
        let archive = home.path().join("archive");
        make_maildir(&archive);
        std::os::unix::fs::symlink(&archive, root.join(".Archive")).unwrap();
        let paths: Vec<PathBuf> = (0..MESSAGES)
            .map(|i| {
                put(
                    &root,
                    &format!("{}.M{i}P7.race:2,S", 1_700_000_000 + i),
                    format!("From: a@example.org\r\nSubject: message {i}\r\n\r\nbody {i}\r\n")
                        .as_bytes(),
                )
            })
            .collect();
        let reversed: Vec<PathBuf> = paths.iter().rev().cloned().collect();

        // The copying mover is slow (a copy and fsyncs per message), the renaming one fast: start the second
        // once the first is well under way, so that it runs into the message the first is copying.
        let mut to_archive = spawn_move(home.path(), "Archive", &paths);
        let deadline = Instant::now() + Duration::from_secs(60);
        while fs::read_dir(archive.join("cur")).unwrap().count() < MESSAGES / 4
            && to_archive.try_wait().unwrap().is_none()
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        let mut to_junk = spawn_move(home.path(), "Junk", &reversed);
        to_archive.wait().unwrap();
        to_junk.wait().unwrap();

        let folders = [root.clone(), root.join(".Archive"), root.join(".Junk")];
        let (counts, leftovers) = census(&folders);
        let doubled: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
        let in_inbox = fs::read_dir(root.join("cur")).unwrap().count();
        eprintln!(
            "run {run}: {} messages, {} doubled, {in_inbox} left in INBOX, tmp/: {leftovers:?}",
            counts.len(),
            doubled.len()
        );
        assert_eq!(counts.len(), MESSAGES, "run {run}: a message was lost");
        assert!(doubled.is_empty(), "run {run}: duplicated: {doubled:?}");
        assert!(
            leftovers.is_empty(),
            "run {run}: left in tmp/: {leftovers:?}"
        );
        assert_eq!(
            in_inbox, 0,
            "run {run}: every message was moved by one of the two"
        );
    }
}

#[test]
fn a_move_never_replaces_a_file_another_client_put_at_the_target() {
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join("Mail");
    make_maildir(&root);
    make_maildir(&root.join(".Junk"));
    let name = "1700000001.M1P1.host:2,S";
    let ours = put(&root, name, PERSONAL.as_bytes());
    let theirs = put(&root.join(".Junk"), name, b"another client's file");
    mailvet(home.path())
        .args(["move", "--to", "Junk"])
        .arg(&ours)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists"));
    assert_eq!(fs::read(&theirs).unwrap(), b"another client's file");
    assert_eq!(fs::read(&ours).unwrap(), PERSONAL.as_bytes());
}

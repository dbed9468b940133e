//! `scan --junk` while another client moves the messages from new/ to cur/ (a mail reader opening the
//! folder): each message is printed once and moved once, and no move reports a message gone. A message
//! renamed between mailvet's reading of new/ and of cur/ was listed under both names, printed twice, and the
//! second move found it gone from the folder (the first had moved it) and failed with exit status 2.
//!
//! The other client only moves new/ → cur/: a rename within one directory while it is being read can hide
//! the file from that one listing on some filesystems (ext4 returns entries in hash order), which no reader
//! can prevent; a message moved from new/ to cur/ is always in the one or the other when it is read.

mod common;

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::*;

/// Messages in new/, all moved to cur/ by the other client while mailvet lists and junks them.
const MESSAGES: usize = 1000;

/// How many times the race is run (each time it catches a few messages between mailvet's two listings).
const RUNS: usize = 2;

/// The other client: moves every message of `root`'s new/ to cur/, one about every half millisecond, until
/// new/ is empty or `stop` is set.
fn read_new_mail(root: &Path, stop: &AtomicBool) {
    let Ok(dir) = fs::read_dir(root.join("new")) else {
        return;
    };
    let mut names: Vec<String> = dir
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    for name in names {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let _ = fs::rename(
            root.join("new").join(&name),
            root.join("cur").join(format!("{name}:2,")),
        );
        std::thread::sleep(Duration::from_micros(500));
    }
}

/// How many files are in `folder`'s cur/ and new/.
fn count(folder: &Path) -> usize {
    ["cur", "new"]
        .iter()
        .map(|sub| fs::read_dir(folder.join(sub)).map_or(0, Iterator::count))
        .sum()
}

#[test]
fn scan_junk_while_another_client_reads_new_mail_prints_and_moves_each_message_once() {
    for run in 0..RUNS {
        let home = tempfile::tempdir().unwrap();
        let root = home.path().join("Mail");
        make_maildir(&root);
        for i in 0..MESSAGES {
            fs::write(
                root.join("new")
                    .join(format!("{}.M{i}P3.renamed", 1_700_000_000 + i)),
                format!("From: a@example.org\r\nSubject: message {i}\r\n\r\nbody {i}\r\n"),
            )
            .unwrap();
        }
        let stop = Arc::new(AtomicBool::new(false));
        let reader = {
            let (root, stop) = (root.clone(), stop.clone());
            std::thread::spawn(move || read_new_mail(&root, &stop))
        };
        let scan = mailvet(home.path())
            .args(["scan", "--format", "csv", "--junk"])
            .arg(&root)
            .output()
            .unwrap();
        stop.store(true, Ordering::Relaxed);
        reader.join().unwrap();

        let stderr = String::from_utf8_lossy(&scan.stderr);
        let problems: Vec<&str> = stderr.lines().filter(|l| !l.starts_with("move ")).collect();
        assert!(
            problems.is_empty() && scan.status.code() != Some(2),
            "run {run}: {:?}, {} problems:\n{}",
            scan.status,
            problems.len(),
            problems.join("\n")
        );
        let records = String::from_utf8_lossy(&scan.stdout)
            .lines()
            .count()
            .saturating_sub(1);
        assert_eq!(records, MESSAGES, "run {run}: each message printed once");
        assert_eq!(count(&root), 0, "run {run}: every message was moved");
        assert_eq!(count(&root.join(".Junk")), MESSAGES, "run {run}: into Junk");
    }
}

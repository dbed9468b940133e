//! A FIFO planted in a Maildir's cur/ or new/, or in a directory of loose messages, is named as not a regular
//! file and never opened (opening a device node can act on it: a tape rewinds, a modem line hangs up), and
//! the other messages are judged. A device node would need root to make; a FIFO shows the same path, and
//! whether it was opened can be seen: a writer waiting on it gets through only once a reader opens it.

mod common;

use std::fs;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::process::Command as StdCommand;
use std::sync::mpsc;
use std::time::Duration;

use common::*;
use predicates::prelude::*;

/// Makes a FIFO at `path`; false (after saying so) where `mkfifo` is missing.
fn mkfifo(path: &Path) -> bool {
    let made = StdCommand::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("SKIPPED: mkfifo unavailable");
    }
    made
}

/// A writer waiting on the FIFO at `path`: the receiver gets a message once someone opened it for reading.
fn wait_for_a_reader(path: &Path) -> mpsc::Receiver<()> {
    let (tx, rx) = mpsc::channel();
    let path = path.to_owned();
    std::thread::spawn(move || {
        if fs::OpenOptions::new().write(true).open(&path).is_ok() {
            let _ = tx.send(());
        }
    });
    // Time for the writer to be in its open before mailvet starts.
    std::thread::sleep(Duration::from_millis(200));
    rx
}

/// Lets a writer still waiting on the FIFO go (a reader that does not wait for a writer).
fn release(path: &Path) {
    let _ = fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path);
}

/// `scan` of `input` with a FIFO at each of `fifos`: it ends (a FIFO opened to be read, without
/// `O_NONBLOCK`, would block it for ever: the timeout makes that a failure), names each FIFO as not a regular
/// file, prints `records` records, and opens none of the FIFOs.
fn scan_refuses_fifos(home: &Path, input: &Path, fifos: &[&Path], records: usize) {
    let readers: Vec<_> = fifos.iter().map(|f| wait_for_a_reader(f)).collect();
    let mut stderr = predicate::str::contains("is not a regular file").boxed();
    for fifo in fifos {
        stderr = stderr
            .and(predicate::str::contains(fifo.display().to_string()))
            .boxed();
    }
    let out = mailvet(home)
        .args(["scan", "--format", "csv"])
        .arg(input)
        .timeout(Duration::from_secs(60))
        .assert()
        .stderr(stderr)
        .get_output()
        .stdout
        .clone();
    let opened: Vec<_> = fifos
        .iter()
        .zip(&readers)
        .filter(|(_, r)| r.recv_timeout(Duration::from_millis(200)).is_ok())
        .map(|(f, _)| f.display().to_string())
        .collect();
    fifos.iter().for_each(|f| release(f));
    assert!(opened.is_empty(), "mailvet opened {opened:?}");
    assert_eq!(String::from_utf8_lossy(&out).lines().count(), records + 1);
}

#[test]
fn a_fifo_in_a_maildir_is_named_and_never_opened() {
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join("Mail");
    three_messages(&root);
    let in_cur = root.join("cur/1700000009.M9P1.host:2,S");
    let in_new = root.join("new/1700000010.M10P1.host");
    if !(mkfifo(&in_cur) && mkfifo(&in_new)) {
        return;
    }
    scan_refuses_fifos(home.path(), &root, &[&in_cur, &in_new], 3);
}

#[test]
fn a_fifo_among_loose_messages_is_named_and_never_opened() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("saved");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("a.eml"), PERSONAL).unwrap();
    let fifo = dir.join("b.eml");
    if !mkfifo(&fifo) {
        return;
    }
    scan_refuses_fifos(home.path(), &dir, &[&fifo], 1);
}

/// A message renamed away, and a FIFO under its unique name: finding the message again (as reading and
/// moving it do) never hands on the FIFO to be opened.
#[test]
fn a_fifo_under_the_name_of_a_message_renamed_away_is_not_that_message() {
    use mailvet::store::{MessageRef, OpError, ops};
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join("Mail");
    make_maildir(&root);
    let fifo = root.join("cur/1700000001.M1P1.host:2,FS");
    if !mkfifo(&fifo) {
        return;
    }
    let listed = MessageRef::new(root.join("cur/1700000001.M1P1.host:2,S"));
    let found = ops::locate(&listed);
    assert!(matches!(found, Err(OpError::NotFound { .. })), "{found:?}");
}

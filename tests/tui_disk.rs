//! The interface's disk thread on temp Maildirs, without a terminal: recovery before the first listing,
//! writes and their reports (a message gone says so), undo, read-only, and another process's changes.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use mailvet::store::Writable;
use mailvet::store::flag::{Flag, FlagEdit};
use mailvet::tui::action::Action;
use mailvet::tui::disk::Disk;
use mailvet::tui::jobs::{Report, Write};

fn maildir() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("tempdir");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(root.path().join(sub)).expect("mkdir");
    }
    for name in ["1700000001.M1P1.h:2,S", "1700000002.M2P1.h:2,"] {
        std::fs::write(
            root.path().join("cur").join(name),
            "Subject: x\r\n\r\nx\r\n",
        )
        .expect("write");
    }
    root
}

fn next(rx: &Receiver<Action>) -> Action {
    rx.recv_timeout(Duration::from_secs(5)).expect("an action")
}

/// The next write report (rescans in between are skipped).
fn report(rx: &Receiver<Action>) -> Report {
    loop {
        if let Action::Acted(r) = next(rx) {
            return *r;
        }
    }
}

fn start(root: &Path, read_only: bool) -> (Disk, Receiver<Action>) {
    let (tx, rx) = channel();
    let disk = Disk::start(root.to_path_buf(), Writable::new(read_only).ok(), tx).expect("thread");
    (disk, rx)
}

fn listed(rx: &Receiver<Action>) -> usize {
    match next(rx) {
        Action::Listed(l) => l.rows.len(),
        other => panic!("expected the listing, got {other:?}"),
    }
}

#[test]
fn recovery_runs_before_the_first_listing() {
    let md = maildir();
    let archive = md.path().join(".Archive");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(archive.join(sub)).expect("mkdir");
    }
    let copy = archive.join("tmp/mailvet-move.cur.1700000009.M9P1.h:2,S");
    std::fs::write(&copy, "Subject: y\r\n\r\ny\r\n").expect("write");
    let (_disk, rx) = start(md.path(), false);
    let r = report(&rx);
    assert!(r.done.contains("recovered 1"), "{}", r.done);
    assert_eq!(listed(&rx), 3);
    assert!(archive.join("cur/1700000009.M9P1.h:2,S").is_file());
    assert!(!copy.exists());
}

#[test]
fn writes_report_renames_and_undo_reverses_them() {
    let md = maildir();
    let (disk, rx) = start(md.path(), false);
    assert_eq!(listed(&rx), 2);
    let a = md.path().join("cur/1700000001.M1P1.h:2,S");
    let gone = md.path().join("cur/1700000099.M99P1.h:2,S");
    disk.write(Write::Flags {
        paths: vec![a.clone(), gone],
        edit: FlagEdit::set(Flag::Flagged),
        verb: "flagged".into(),
    })
    .expect("queued");
    let r = report(&rx);
    let flagged = md.path().join("cur/1700000001.M1P1.h:2,FS");
    assert_eq!(r.renamed, [(a.clone(), flagged.clone())]);
    assert_eq!(
        r.done,
        "flagged 1 message; 1 left alone: message was moved or deleted by another client"
    );
    disk.write(Write::Move {
        paths: vec![flagged.clone()],
        folder: "Archive".into(),
        verb: "archived".into(),
    })
    .expect("queued");
    let r = report(&rx);
    let archived = md.path().join(".Archive/cur/1700000001.M1P1.h:2,FS");
    assert_eq!(r.renamed, [(flagged.clone(), archived.clone())]);
    assert_eq!(
        r.folder,
        Some(("Archive".into(), md.path().join(".Archive")))
    );
    disk.write(Write::Undo).expect("queued");
    assert_eq!(report(&rx).renamed, [(archived, flagged.clone())]);
    disk.write(Write::Undo).expect("queued");
    assert_eq!(report(&rx).renamed, [(flagged, a.clone())]);
    assert!(a.is_file());
    disk.write(Write::Undo).expect("queued");
    assert_eq!(report(&rx).done, "nothing to undo");
}

#[test]
fn read_only_writes_nothing() {
    let md = maildir();
    let (disk, rx) = start(md.path(), true);
    listed(&rx);
    let a = md.path().join("cur/1700000001.M1P1.h:2,S");
    disk.write(Write::Purge(vec![a.clone()])).expect("queued");
    assert_eq!(report(&rx).done, "read-only: nothing changed");
    assert!(a.is_file());
}

#[test]
fn another_process_renaming_a_file_is_reported_as_a_change() {
    let md = maildir();
    let (_disk, rx) = start(md.path(), false);
    listed(&rx);
    let from = md.path().join("cur/1700000002.M2P1.h:2,");
    let to: PathBuf = md.path().join("cur/1700000002.M2P1.h:2,F");
    std::fs::rename(&from, &to).expect("rename");
    let changes = loop {
        if let Action::Rescanned(c) = next(&rx) {
            break c;
        }
    };
    assert_eq!(changes.removed, [from]);
    let added: Vec<&Path> = changes.added.iter().map(|r| r.path.as_path()).collect();
    assert_eq!(added, [to.as_path()]);
}

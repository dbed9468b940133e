//! store::ops on temp Maildirs: flags, moves, find-again, undo, bulk results, recovery rules, read-only, and a
//! second process renaming files while mailvet acts.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use mailvet::store::ops::{self, MessageRef, OpError, Writable};
use mailvet::store::{Flag, FlagEdit, purge, recover, undo};

fn writable() -> Writable {
    Writable::new(false).unwrap()
}

/// A Maildir at `dir/Mail` with one message in new/ and one in cur/.
fn maildir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    fs::write(root.join("new/1700000001.M1P1.host"), PERSONAL).unwrap();
    put(
        &root,
        "1700000002.M2P1.host:2,Sa,XEXT=1",
        PERSONAL.as_bytes(),
    );
    (dir, root)
}

/// Every file under `root` (relative path → bytes).
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// How many files under `root` hold each unique name (messages in cur/ and new/ only).
fn uniques(root: &Path) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for rel in files(root).keys() {
        let sub = Path::new(rel).parent().and_then(Path::file_name);
        if sub.is_some_and(|s| s == "cur" || s == "new") {
            let name = Path::new(rel)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let unique = name.split(':').next().unwrap().to_owned();
            *counts.entry(unique).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn flag_on_a_new_message_moves_it_to_cur_and_undo_puts_it_back() {
    let (_dir, root) = maildir();
    let msg = MessageRef::new(root.join("new/1700000001.M1P1.host"));
    let done = ops::set_flags(&writable(), &msg, &FlagEdit::set(Flag::Flagged)).unwrap();
    assert_eq!(done.path, root.join("cur/1700000001.M1P1.host:2,F"));
    assert!(done.path.is_file() && !msg.path.exists());
    let back = undo(&writable(), &done.undo).unwrap();
    assert_eq!(back, vec![msg.path.clone()]);
    assert!(msg.path.is_file() && !done.path.exists());
}

#[test]
fn flags_keep_unknown_letters_and_extensions() {
    let (_dir, root) = maildir();
    let msg = MessageRef::new(root.join("cur/1700000002.M2P1.host:2,Sa,XEXT=1"));
    let edit = FlagEdit {
        set: vec![Flag::Trashed, Flag::Replied],
        clear: vec![Flag::Seen],
    };
    let done = ops::set_flags(&writable(), &msg, &edit).unwrap();
    assert_eq!(
        done.path,
        root.join("cur/1700000002.M2P1.host:2,RTa,XEXT=1")
    );
}

#[test]
fn a_message_renamed_by_another_client_is_found_again_and_a_deleted_one_is_reported() {
    let (_dir, root) = maildir();
    let listed = MessageRef::new(root.join("new/1700000001.M1P1.host"));
    // Another client reads it: new/ → cur/ with S.
    fs::rename(&listed.path, root.join("cur/1700000001.M1P1.host:2,S")).unwrap();
    let done = ops::set_flags(&writable(), &listed, &FlagEdit::set(Flag::Flagged)).unwrap();
    assert_eq!(done.path, root.join("cur/1700000001.M1P1.host:2,FS"));
    assert_eq!(done.from, root.join("cur/1700000001.M1P1.host:2,S"));

    fs::remove_file(&done.path).unwrap();
    let before = files(&root);
    let err = ops::set_flags(&writable(), &listed, &FlagEdit::set(Flag::Seen)).unwrap_err();
    assert!(matches!(err, OpError::NotFound { .. }), "{err}");
    assert!(err.to_string().contains("1700000001.M1P1.host"));
    let err = ops::move_to(&writable(), &listed, &root.join(".Junk")).unwrap_err();
    assert!(matches!(err, OpError::NotFound { .. }), "{err}");
    assert_eq!(files(&root), before, "nothing else happened");
}

#[test]
fn move_keeps_the_name_and_new_stays_new_in_a_created_folder() {
    let (_dir, root) = maildir();
    let target = ops::folder_path(&root, "Junk").unwrap();
    assert_eq!(target, root.join(".Junk"));
    let msgs = [
        MessageRef::new(root.join("new/1700000001.M1P1.host")),
        MessageRef::new(root.join("cur/1700000002.M2P1.host:2,Sa,XEXT=1")),
    ];
    let bulk = ops::move_all(&writable(), &msgs, &target);
    let paths: Vec<PathBuf> = bulk.results.into_iter().map(Result::unwrap).collect();
    assert_eq!(
        paths,
        [
            target.join("new/1700000001.M1P1.host"),
            target.join("cur/1700000002.M2P1.host:2,Sa,XEXT=1")
        ]
    );
    for sub in ["cur", "new", "tmp"] {
        assert!(target.join(sub).is_dir());
    }
    assert!(target.join("maildirfolder").is_file(), "Maildir++ marker");
    assert_eq!(ops::maildir_root(&paths[0]), Some(root.clone()));
    assert_eq!(bulk.undo.len(), 2);
    undo(&writable(), &bulk.undo).unwrap();
    assert!(msgs.iter().all(|m| m.path.is_file()));
    assert_eq!(uniques(&root).values().sum::<usize>(), 2);
}

#[test]
fn bulk_results_are_per_message_and_undo_refuses_when_a_file_moved() {
    let (_dir, root) = maildir();
    let msgs = [
        MessageRef::new(root.join("new/1700000001.M1P1.host")),
        MessageRef::new(root.join("cur/9.gone:2,")),
        MessageRef::new(root.join("cur/1700000002.M2P1.host:2,Sa,XEXT=1")),
    ];
    let bulk = ops::set_flags_all(&writable(), &msgs, &FlagEdit::set(Flag::Seen));
    assert!(bulk.results[0].is_ok() && bulk.results[2].is_ok());
    assert!(matches!(bulk.results[1], Err(OpError::NotFound { .. })));
    assert_eq!(
        bulk.undo.len(),
        1,
        "the already-seen message did not change"
    );
    // Another client flags it: undo must not touch anything.
    let now = bulk.results[0].as_ref().unwrap();
    fs::rename(now, root.join("cur/1700000001.M1P1.host:2,FS")).unwrap();
    let before = files(&root);
    assert!(matches!(
        undo(&writable(), &bulk.undo),
        Err(OpError::Changed { .. })
    ));
    assert_eq!(files(&root), before);
}

#[test]
fn read_only_yields_no_writable_and_folder_names_are_checked() {
    assert!(matches!(Writable::new(true), Err(OpError::ReadOnly)));
    let root = Path::new("/m");
    assert_eq!(ops::folder_path(root, "INBOX").unwrap(), root);
    assert_eq!(
        ops::folder_path(root, "Lists.rust").unwrap(),
        root.join(".Lists.rust")
    );
    for bad in ["", ".Junk", "a/b", "..", "a..b", "Junk.", "a\nb"] {
        assert!(ops::folder_path(root, bad).is_err(), "{bad:?}");
    }
}

#[test]
fn recovery_removes_finished_or_stale_copies_and_places_orphans() {
    let (_dir, root) = maildir();
    let junk = root.join(".Junk");
    make_maildir(&junk);
    // 1: linked into place, source left behind → source and tmp copy go.
    put(
        &junk,
        "1700000002.M2P1.host:2,Sa,XEXT=1",
        PERSONAL.as_bytes(),
    );
    fs::write(
        junk.join("tmp/mailvet-move.cur.1700000002.M2P1.host:2,Sa,XEXT=1"),
        PERSONAL,
    )
    .unwrap();
    // 2: source still in INBOX/new, not placed → only the (partial) tmp copy goes.
    fs::write(
        junk.join("tmp/mailvet-move.new.1700000001.M1P1.host"),
        "partial",
    )
    .unwrap();
    // 3: orphan → placed.
    fs::write(
        junk.join("tmp/mailvet-move.cur.1700000003.M3P1.host:2,S"),
        GENUINE_AMAZON,
    )
    .unwrap();
    // Someone else's delivery in progress is never touched.
    fs::write(junk.join("tmp/1700000004.M4P1.host"), "delivering").unwrap();

    let done = recover(&writable(), &root).unwrap();
    assert_eq!(
        done.deduplicated,
        [root.join("cur/1700000002.M2P1.host:2,Sa,XEXT=1")]
    );
    assert_eq!(done.removed.len(), 2);
    assert_eq!(done.placed, [junk.join("cur/1700000003.M3P1.host:2,S")]);
    let counts = uniques(&root);
    assert!(counts.values().all(|&n| n == 1), "{counts:?}");
    assert_eq!(counts.len(), 3);
    let tmp: Vec<_> = fs::read_dir(junk.join("tmp")).unwrap().collect();
    assert_eq!(tmp.len(), 1, "only the foreign delivery is left in tmp/");
    assert!(recover(&writable(), &root).unwrap().is_empty());
}

#[test]
fn move_across_filesystems_copies_then_unlinks_and_undo_comes_back() {
    let Some(shm) = other_filesystem() else {
        return;
    };
    let (_dir, root) = maildir();
    std::os::unix::fs::symlink(shm.path(), root.join(".Archive")).unwrap();
    let target = ops::folder_path(&root, "Archive").unwrap();
    let msg = MessageRef::new(root.join("new/1700000001.M1P1.host"));
    let done = ops::move_to(&writable(), &msg, &target).unwrap();
    assert_eq!(fs::read(&done.path).unwrap(), PERSONAL.as_bytes());
    assert!(!msg.path.exists());
    assert_eq!(
        fs::read_dir(shm.path().join("tmp")).unwrap().count(),
        0,
        "no copy left in tmp/"
    );
    undo(&writable(), &done.undo).unwrap();
    assert_eq!(fs::read(&msg.path).unwrap(), PERSONAL.as_bytes());
    assert!(!done.path.exists());
}

/// A temp dir on a filesystem other than the one of temp dirs (/dev/shm), or `None` with a message.
fn other_filesystem() -> Option<tempfile::TempDir> {
    use std::os::unix::fs::MetadataExt;
    let here = fs::metadata(std::env::temp_dir()).ok()?.dev();
    match fs::metadata("/dev/shm") {
        Ok(m) if m.dev() != here => tempfile::tempdir_in("/dev/shm").ok(),
        _ => {
            eprintln!("SKIPPED: /dev/shm is not a separate filesystem");
            None
        }
    }
}

#[test]
fn another_process_renaming_files_while_mailvet_moves_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    let n = 200;
    let mut msgs = Vec::new();
    for i in 0..n {
        let path = root.join(format!("new/{}.M{i}P1.host", 1_700_000_000 + i));
        fs::write(&path, format!("Subject: {i}\r\n\r\nbody\r\n")).unwrap();
        msgs.push(MessageRef::new(path));
    }
    // The other client: reads every message (new/ → cur/ with S), then flags them, as fast as it can.
    let mut other = Command::new("sh")
        .arg("-c")
        .arg(r#"cd "$1" && for f in new/*; do mv "$f" "cur/${f#new/}:2,S" 2>/dev/null; done; for f in cur/*; do mv "$f" "${f}F" 2>/dev/null; done; true"#)
        .arg("sh")
        .arg(&root)
        .spawn()
        .unwrap();
    // Meanwhile mailvet toggles a flag on all of them until the other client is done, then junks them all.
    let w = writable();
    let mut refs = msgs;
    let mut failures = Vec::new();
    for round in 0..10_000 {
        let edit = if round % 2 == 0 {
            FlagEdit::set(Flag::Replied)
        } else {
            FlagEdit::clear(Flag::Replied)
        };
        let bulk = ops::set_flags_all(&w, &refs, &edit);
        refs = (bulk.results.into_iter().zip(refs))
            .map(|(r, m)| {
                r.map_or_else(
                    |e| {
                        failures.push(e.to_string());
                        m
                    },
                    MessageRef::new,
                )
            })
            .collect();
        if other.try_wait().unwrap().is_some() {
            break;
        }
    }
    assert!(other.wait().unwrap().success());
    let moved = ops::move_all(&w, &refs, &root.join(".Junk"));
    failures.extend(
        moved
            .results
            .iter()
            .filter_map(|r| r.as_ref().err().map(ToString::to_string)),
    );
    assert!(failures.is_empty(), "{failures:?}");
    let counts = uniques(&root);
    assert_eq!(counts.len(), n, "nothing lost");
    assert!(counts.values().all(|&c| c == 1), "nothing duplicated");
    assert_eq!(uniques(&root.join(".Junk")).len(), n, "all in Junk");
}

#[test]
fn a_thread_renaming_while_mailvet_flags_loses_nothing() {
    let (_dir, root) = maildir();
    for i in 0..300 {
        put(
            &root,
            &format!("{}.M{i}P2.host:2,", 1_600_000_000 + i),
            b"Subject: x\r\n\r\n",
        );
    }
    let msgs: Vec<MessageRef> = fs::read_dir(root.join("cur"))
        .unwrap()
        .map(|e| MessageRef::new(e.unwrap().path()))
        .collect();
    let cur = root.join("cur");
    let other = std::thread::spawn(move || {
        for round in 0..3 {
            for entry in fs::read_dir(&cur).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let letter = ["a", "b", "c"][round];
                let _ = fs::rename(&path, cur.join(format!("{name}{letter}")));
            }
        }
    });
    let bulk = ops::set_flags_all(&writable(), &msgs, &FlagEdit::set(Flag::Seen));
    other.join().unwrap();
    assert!(bulk.results.iter().all(Result::is_ok));
    let counts = uniques(&root);
    assert_eq!(counts.len(), msgs.len() + 1);
    assert!(counts.values().all(|&c| c == 1));
}

#[test]
fn purge_deletes_only_trashed_messages() {
    let (_dir, root) = maildir();
    let fresh = MessageRef::new(root.join("new/1700000001.M1P1.host"));
    let trashed = ops::set_flags(&writable(), &fresh, &FlagEdit::set(Flag::Trashed)).unwrap();
    let kept = MessageRef::new(root.join("cur/1700000002.M2P1.host:2,Sa,XEXT=1"));
    let results = purge(&writable(), &[fresh, kept.clone()]);
    assert_eq!(
        results[0].as_ref().unwrap(),
        &trashed.path,
        "found again under its T name"
    );
    assert!(matches!(results[1], Err(OpError::NotTrashed { .. })));
    assert!(!trashed.path.exists() && kept.path.is_file());
}

//! The real binary acting on a temp Maildir in a pseudo-terminal: flag, mark replied, mark and archive, Junk, undo — the
//! files on disk and the screen agree; another process's rename shows up in the list; `--read-only` (flag
//! or config) leaves the whole tree byte-identical after every writing key.

mod tui_support;

use std::path::Path;
use std::time::{Duration, Instant};

use mailvet::tui::acts::READ_ONLY;
use tui_support::pty::{Session, spawn, spawn_with};
use tui_support::tree::snapshot;

/// Writes a message with a Date `day` days into November 2026 (so the list order is known: newest first).
fn write_message(dir: &Path, name: &str, subject: &str, day: u32) {
    let text = format!(
        "From: Shop <orders@shop.example>\r\nTo: you@example.org\r\nSubject: {subject}\r\n\
         Date: {day} Nov 2026 10:00:00 +0000\r\nMessage-ID: <{name}@example.org>\r\n\r\nHello.\r\n"
    );
    std::fs::write(dir.join(name), text).expect("write message");
}

/// INBOX with four messages, subjects Alpha (newest, unique name 1795430000...) .. Delta (oldest,
/// 1795400000...); no Archive or Junk yet.
fn maildir() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("tempdir");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(root.path().join(sub)).expect("mkdir");
    }
    let cur = root.path().join("cur");
    for (i, subject) in ["Alpha", "Bravo", "Charlie", "Delta"].iter().enumerate() {
        let name = format!("17954{}0000.M{i}P1.host:2,S", 3 - i);
        write_message(&cur, &name, subject, 20 - u32::try_from(i).expect("small"));
    }
    root
}

/// The file names in `dir` (empty when it does not exist).
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The file in `dir` whose unique name starts with `prefix`.
fn named(dir: &Path, prefix: &str) -> Option<String> {
    names(dir).into_iter().find(|n| n.starts_with(prefix))
}

/// Waits until `check` holds (files on disk follow the screen closely, but not in the same instant).
fn eventually(what: &str, check: impl Fn() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < Duration::from_secs(5), "{what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The list line showing `subject`: its three mark columns (`*NF`) and the whole line.
fn row_marks(session: &Session, subject: &str) -> Option<(String, String)> {
    let text = session.screen.text();
    let line = text.lines().find(|l| l.contains(subject))?.to_string();
    let after = line.split_once('│')?.1;
    Some((after.chars().take(3).collect(), line))
}

#[test]
fn flag_archive_junk_and_undo_change_the_files_and_the_list() {
    let md = maildir();
    let root = md.path();
    let mut session = spawn(root);
    session.screen.wait_for("4 messages");

    // `!` flags the selected (newest) message: its file gains F, the list shows it.
    session.send(b"!");
    session.screen.wait_for("flagged 1 message");
    eventually("Alpha flagged on disk", || {
        named(&root.join("cur"), "1795430000").is_some_and(|n| n.ends_with(":2,FS"))
    });
    let (marks, line) = row_marks(&session, "Alpha").expect("Alpha listed");
    assert!(marks.contains('F'), "{line}");

    // `r` marks it replied: the file name gains R, in letter order.
    session.send(b"r");
    session.screen.wait_for("marked replied 1 message");
    eventually("Alpha replied on disk", || {
        named(&root.join("cur"), "1795430000").is_some_and(|n| n.ends_with(":2,FRS"))
    });

    // Mark two and archive them: both land in .Archive (created with cur/new/tmp).
    session.send(b"  ");
    session.screen.wait_for("2 marked");
    session.send(b"a");
    session.screen.wait_for("archived 2 messages");
    let archive = root.join(".Archive");
    for sub in ["cur", "new", "tmp"] {
        assert!(archive.join(sub).is_dir(), "{sub}");
    }
    assert_eq!(names(&archive.join("cur")).len(), 2);
    assert!(named(&archive.join("cur"), "1795430000").is_some());
    assert!(named(&archive.join("cur"), "1795420000").is_some());
    assert_eq!(names(&root.join("cur")).len(), 2);
    let text = session.screen.text();
    assert!(text.contains("Archive"), "sidebar lists Archive:\n{text}");
    assert!(!text.contains("Alpha") && !text.contains("Bravo"), "{text}");

    // `J` junks the selected message (Charlie); `u` brings it back.
    session.send(b"J");
    session.screen.wait_for("moved to Junk: 1 message");
    assert!(named(&root.join(".Junk/cur"), "1795410000").is_some());
    assert!(!session.screen.text().contains("Charlie"));
    session.send(b"u");
    session.screen.wait_for("undone: 1 message");
    assert!(named(&root.join("cur"), "1795410000").is_some());
    assert!(names(&root.join(".Junk/cur")).is_empty());
    session.screen.wait_for("Charlie");

    // A second undo puts the archived pair back.
    session.send(b"u");
    session.screen.wait_for("undone: 2 messages");
    assert_eq!(names(&root.join("cur")).len(), 4);
    assert!(names(&archive.join("cur")).is_empty());
    session.screen.wait_for("Alpha");

    session.send(b"q");
    assert!(session.exit_status().success());
}

#[test]
fn another_clients_changes_show_up_in_the_list() {
    let md = maildir();
    let root = md.path();
    let mut session = spawn(root);
    session.screen.wait_for("4 messages");
    let (marks, _) = row_marks(&session, "Bravo").expect("Bravo listed");
    assert!(!marks.contains('F'));

    // Another client flags Bravo (a rename adding F).
    let cur = root.join("cur");
    let old = named(&cur, "1795420000").expect("Bravo's file");
    let new = old.replace(":2,S", ":2,FS");
    std::fs::rename(cur.join(&old), cur.join(&new)).expect("rename");
    eventually("Bravo shows F", || {
        row_marks(&session, "Bravo").is_some_and(|(m, _)| m.contains('F'))
    });

    // A new delivery appears; a deleted file disappears.
    write_message(&root.join("new"), "1795500000.M9P1.host", "Echo", 21);
    session.screen.wait_for("Echo");
    let delta = named(&cur, "1795400000").expect("Delta's file");
    std::fs::remove_file(cur.join(delta)).expect("remove");
    eventually("Delta gone", || !session.screen.text().contains("Delta"));
    session.screen.wait_for("4 messages");

    // Acting on the message another client renamed finds it by its unique name.
    session.send(b"j!");
    session.screen.wait_for("unflagged 1 message");
    eventually("Bravo unflagged on disk", || {
        named(&cur, "1795420000").is_some_and(|n| n.ends_with(":2,S"))
    });
    session.send(b"q");
    assert!(session.exit_status().success());
}

#[test]
fn read_only_sessions_leave_the_tree_byte_identical() {
    let config = tempfile::tempdir().expect("config dir");
    let file = config.path().join("config.toml");
    std::fs::write(&file, "read_only = true\n").expect("write config");
    let file = file.to_string_lossy().into_owned();
    for args in [vec!["--read-only"], vec!["--config", file.as_str()]] {
        let md = maildir();
        std::fs::create_dir_all(md.path().join(".Junk/cur")).expect("mkdir");
        std::fs::create_dir_all(md.path().join(".Junk/new")).expect("mkdir");
        let before = snapshot(md.path());
        let mut session = spawn_with(md.path(), &args);
        session.screen.wait_for("[read-only]");
        session.screen.wait_for("4 messages");
        // Every writing key, alone and on marked messages; `m`, `X` and `u` refuse before asking.
        for keys in [
            &b"N"[..],
            b"!",
            b"r",
            b"d",
            b"a",
            b"J",
            b"m",
            b"u",
            b"X",
            b"y",
            b"  !",
            b"a",
            b"J",
            b"d",
        ] {
            session.send(keys);
            if keys != b"y" {
                session.screen.wait_for(READ_ONLY);
            }
            // `k` clears the status line, so the next key's refusal is seen afresh.
            session.send(b"k");
            session.screen.wait_gone(READ_ONLY);
        }
        session.send(b"q");
        assert!(session.exit_status().success());
        assert_eq!(
            before,
            snapshot(md.path()),
            "read-only changed the tree ({args:?})"
        );
    }
}

//! The interface's exports are written all or nothing: mailvet killed in the middle of a large export never
//! leaves a cut file under the name asked for (the file appears, complete, when the export is done).

mod common;
mod tui_support;

use std::time::{Duration, Instant};

use common::{PERSONAL, make_maildir, put};
use mailvet::export::json::Document;
use tui_support::pty::spawn;

const MESSAGES: usize = 3000;

#[test]
fn an_export_killed_midway_leaves_no_cut_file() {
    let home = tempfile::tempdir().expect("home");
    let root = home.path().join("Mail");
    make_maildir(&root);
    for i in 0..MESSAGES {
        put(
            &root,
            &format!("{}.M{i}P1.host:2,S", 1_700_000_000 + i),
            PERSONAL.as_bytes(),
        );
    }
    let dest = home.path().join("out").join("all.json");
    let mut session = spawn(&root);
    // Listing 3,000 messages may take longer than the helper's patience on a loaded machine.
    let start = Instant::now();
    while !session
        .screen
        .text()
        .contains(&format!("{MESSAGES} messages"))
    {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "never listed; screen:\n{}",
            session.screen.text()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    session.send(b"*");
    session.screen.wait_for("marked");
    session.send(b"e");
    session.screen.wait_for("Export");
    // Home, Ctrl-K: the path typed over the one offered.
    session.send(b"\x1b[H\x0b");
    session.send(dest.to_str().expect("a UTF-8 path").as_bytes());
    session.send(b"\r");
    // Kill mailvet the moment a file by that name shows.
    let start = Instant::now();
    while std::fs::symlink_metadata(&dest).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no export file; screen:\n{}",
            session.screen.text()
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    session.child.kill().expect("kill mailvet");
    let _ = session.child.wait();
    let text = std::fs::read_to_string(&dest).expect("the export file");
    let doc: Document<'_> = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("a cut export ({} bytes): {e}", text.len()));
    assert_eq!(doc.messages.len(), MESSAGES);
}

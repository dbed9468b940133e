//! The pathological set through the real interface in a pseudo-terminal: the first screen comes, every
//! message's body, links, headers and attachments open and close, the interface keeps answering keys, and
//! no raw control byte from a message or a file or folder name reaches the terminal (checked on the bytes
//! mailvet wrote to the pty). The time each step took is printed (`--nocapture`); the timeouts are generous
//! waits for output, not performance assertions.

mod hostile;
mod tui_support;

use std::time::{Duration, Instant};

use tui_support::pty::{Session, spawn};

/// Waits until one of `needles` is on screen; returns how long that took.
fn wait_any(session: &Session, needles: &[&str]) -> Duration {
    let start = Instant::now();
    loop {
        let text = session.screen.text();
        if needles.iter().any(|n| text.contains(n)) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "none of {needles:?} appeared; screen:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Waits until `needle` is gone from the screen.
fn wait_gone(session: &Session, needle: &str) -> Duration {
    let start = Instant::now();
    loop {
        let text = session.screen.text();
        if !text.contains(needle) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{needle:?} stayed; screen:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn key(session: &mut Session, bytes: &[u8]) {
    use std::io::Write;
    session.keys.write_all(bytes).expect("send key");
    session.keys.flush().expect("flush");
}

fn assert_no_raw_controls(session: &Session, when: &str) {
    let raw = session
        .screen
        .raw
        .lock()
        .map(|r| r.clone())
        .unwrap_or_default();
    if let Some(found) = hostile::forbidden_in(&raw) {
        panic!("{when}: a raw control sequence reached the terminal: {found}");
    }
}

#[test]
fn every_hostile_message_opens_and_the_interface_keeps_answering() {
    let md = tempfile::tempdir().expect("tempdir");
    let count = hostile::write_maildir(md.path());
    let inbox = count - 2;
    let start = Instant::now();
    let mut session = spawn(md.path());
    wait_any(&session, &["INBOX"]);
    eprintln!("first screen: {:?}", start.elapsed());
    let mut slowest = (Duration::ZERO, String::new());
    for i in 0..inbox {
        for (open, title) in [
            (b"\r", "Body —"),
            (b"L", "Links —"),
            (b"H", "Raw headers"),
            (b"A", "Attachments —"),
        ] {
            key(&mut session, open);
            let took = wait_any(&session, &[title, "cannot show this message"]);
            key(&mut session, b"q");
            let closed = wait_gone(&session, title);
            if took.max(closed) > slowest.0 {
                slowest = (took.max(closed), format!("message {i}, {title}"));
            }
        }
        key(&mut session, b"j");
        std::thread::sleep(Duration::from_millis(50));
        assert_no_raw_controls(&session, &format!("after message {i}"));
    }
    eprintln!("slowest answer: {:?} ({})", slowest.0, slowest.1);
    // Both folders with hostile names (escapes; bytes that are not UTF-8) are listed, sanitised, and open.
    for subject in hostile::FOLDER_SUBJECTS {
        for k in [&b"\t"[..], b"\t", b"j", b"\r"] {
            key(&mut session, k);
            std::thread::sleep(Duration::from_millis(100));
        }
        wait_any(&session, &[subject]);
        assert_no_raw_controls(&session, subject);
    }
    key(&mut session, b"q");
    key(&mut session, b"q");
    let status = session.exit_status();
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn sigterm_ends_the_interface_while_a_huge_body_opens() {
    let md = tempfile::tempdir().expect("tempdir");
    hostile::write_maildir(md.path());
    let mut session = spawn(md.path());
    wait_any(&session, &["INBOX"]);
    key(&mut session, b"/Twelve\r");
    key(&mut session, b"\r");
    let pid = session.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    session.exit_status();
    let raw = session
        .screen
        .raw
        .lock()
        .map(|r| r.clone())
        .unwrap_or_default();
    let left = raw.windows(8).rposition(|w| w == b"\x1b[?1049l");
    assert!(left.is_some(), "the alternate screen was left");
}

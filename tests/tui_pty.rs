//! The real binary in a pseudo-terminal (portable-pty + vt100): open a temp Maildir, move, search, filter,
//! open a message, view links and help, quit with status 0 — asserting what the screen shows.

mod tui_support;

use std::path::Path;
use std::time::Duration;

use tui_support::pty::{Session, spawn};

fn write_message(dir: &Path, name: &str, from: &str, subject: &str) {
    let body = format!(
        "From: {from}\r\nTo: you@example.org\r\nSubject: {subject}\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\
         Message-ID: <{name}@example.org>\r\nContent-Type: text/html\r\n\r\n\
         <p>Hello, see <a href=\"http://203.0.113.7/login\">https://www.example.com/account</a></p>\r\n"
    );
    std::fs::write(dir.join(name), body).expect("write message");
}

fn maildir() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("tempdir");
    for folder in ["", ".Junk"] {
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(root.path().join(folder).join(sub)).expect("mkdir");
        }
    }
    let cur = root.path().join("cur");
    write_message(
        &cur,
        "1795400000.M1P1.host:2,S",
        "Shop <orders@shop.example>",
        "Your order shipped",
    );
    write_message(
        &cur,
        "1795410000.M2P1.host:2,",
        "Support <help@bank-secure.example>",
        "Verify your account",
    );
    write_message(
        &root.path().join(".Junk/new"),
        "1795420000.M3P1.host",
        "X <x@spam.example>",
        "Prize",
    );
    root
}

#[test]
fn real_binary_opens_moves_searches_filters_shows_links_and_quits() {
    let md = maildir();
    let mut session = spawn(md.path());

    // Open: the sidebar lists both folders, the list fills in, and analysis finishes.
    let text = session.screen.wait_for("3 messages");
    assert!(text.contains("INBOX") && text.contains("Junk"), "{text}");
    assert!(text.contains("2 shown"), "{text}");

    // Move and limit to something absent, then clear.
    session.send(b"j");
    session.send(b"l");
    session.screen.wait_for("limit:");
    session.send(b"zzzz-no-such-thing\r");
    session.screen.wait_for("no message matches");
    session.send(b"\x1b");
    session.screen.wait_for("2 shown");

    // Filter by trust with the cycling key, then clear.
    session.send(b"t");
    session.screen.wait_for("limit: trust:phishing");
    session.send(b"\x1b");
    session.screen.wait_for("2 shown");

    // Open the message body, the link table and help; q leaves each view.
    session.send(b"\r");
    session.screen.wait_for("Body");
    session.send(b"q");
    session.send(b"L");
    session.screen.wait_for("Links");
    session.send(b"q");
    session.send(b"?");
    session.screen.wait_for("Help");
    session.send(b"q");

    // Other folder from the sidebar.
    session.send(b"\t\t");
    session.send(b"j\r");
    session.screen.wait_for("1 shown");

    // q in the main view quits with status 0 and leaves the alternate screen.
    session.send(b"q");
    let status = session.exit_status();
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("-TERM");
}

#[test]
fn sighup_ends_the_interface() {
    signal_restores_the_terminal("-HUP");
}

fn signal_restores_the_terminal(signal: &str) {
    let md = maildir();
    let mut session = spawn(md.path());
    session.screen.wait_for("INBOX");
    let alternate = |s: &Session| {
        s.screen
            .parser
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(true)
    };
    assert!(
        alternate(&session),
        "the interface uses the alternate screen"
    );
    let pid = session.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = session.exit_status();
    assert!(status.success(), "exit status {status:?}");
    std::thread::sleep(Duration::from_millis(200));
    assert!(!alternate(&session), "alternate screen left after {signal}");
}

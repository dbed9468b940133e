//! The real binary in tmux as a mutt user meets it, at 80x24 and 200x50: the selection starts on the newest
//! message, the sidebar hides below 100 columns (`b` shows it), the subject keeps 30 columns, the replied flag
//! shows, the Authentication-Results caveat is said once, `/` finds without hiding and `n` repeats, `l`
//! limits (`t:phish,susp`), opening a `new/` message marks it read on disk, `H` wraps long headers, `O` shows
//! the overview and `M` the earlier status messages; undoing a trash of a `new/` message puts it back in
//! `new/`. Skips when tmux is missing, unless `CI` is set.

mod common;
mod tui_support;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{GENUINE_AMAZON, PERSONAL, PHISHING_AMAZON, make_maildir, put};
use tui_support::tmux::{self, Tmux};

/// INBOX: the phishing message (newest Date, but the oldest delivery, so it is not the first file listed), the
/// genuine one (replied) and a personal one still in `new/`; `.Archive` with one message.
fn maildir(root: &Path) {
    make_maildir(root);
    put(root, "1700000000.M1P1.host:2,S", PHISHING_AMAZON.as_bytes());
    put(root, "1795400002.M2P1.host:2,RS", GENUINE_AMAZON.as_bytes());
    std::fs::write(root.join("new/1795400003.M3P1.host"), PERSONAL).expect("new message");
    let archive = root.join(".Archive");
    make_maildir(&archive);
    put(&archive, "1795300000.M5P1.host:2,S", PERSONAL.as_bytes());
}

fn session(home: &Path, size: (u16, u16)) -> Option<(Tmux, std::path::PathBuf)> {
    if !tmux::present() {
        return None;
    }
    let root = home.join("Maildir");
    maildir(&root);
    let tmux = tmux::start_sized(home, &[&root.display().to_string()], size);
    tmux.wait_for("Lunch on Friday?");
    Some((tmux, root))
}

/// Closes the open view and waits for the list's column header (a key sent at once after Esc would read
/// as Alt-key).
fn close(tmux: &Tmux) {
    tmux.keys(&["Escape"]);
    tmux.wait_for("Kind");
}

#[test]
fn a_mutt_user_at_80x24() {
    let home = tempfile::tempdir().expect("home");
    let Some((tmux, root)) = session(home.path(), (80, 24)) else {
        return;
    };
    // The newest message is selected (the detail pane shows it), though it was not the first file read.
    tmux.wait_for("Subject   Your account has been locked");
    tmux.wait_for("Your Amazon.com order #112-123");
    let screen = tmux.wait_for("trusted_authserv_ids");
    assert!(
        !screen.contains("Folder"),
        "no sidebar at 80 columns:\n{screen}"
    );
    assert!(
        screen
            .lines()
            .any(|l| l.starts_with(" r ") && l.contains("Your Amazon.com")),
        "the replied flag shows:\n{screen}"
    );
    assert_eq!(
        screen.matches("trusted_authserv_ids").count(),
        1,
        "the caveat once, on the Auth line:\n{screen}"
    );
    tmux.keys(&["b"]);
    tmux.wait_for("Folder");
    tmux.keys(&["b"]);
    tmux.wait_gone("Folder");

    // `/` finds and moves the selection; nothing is hidden; `n` says when it is the only match.
    tmux.keys(&["/"]);
    tmux.wait_status("search:");
    tmux.type_text("lunch");
    tmux.keys(&["Enter"]);
    tmux.wait_status("found: lunch");
    tmux.wait_for("Subject   Lunch on Friday?");
    tmux.wait_for("Your account has been locked");
    tmux.keys(&["n"]);
    tmux.wait_status("only this message matches: lunch");

    // Opening the message in new/ marks it read on disk (Maildir S, moved to cur/).
    tmux.keys(&["Enter"]);
    tmux.wait_for("usual place at noon");
    let read = root.join("cur/1795400003.M3P1.host:2,S");
    let start = Instant::now();
    while !read.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "never marked read"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!root.join("new/1795400003.M3P1.host").exists());
    close(&tmux);

    // `l` limits, with comma-separated labels; Esc shows everything again.
    tmux.keys(&["l"]);
    tmux.wait_status("limit:");
    tmux.type_text("t:phish,susp");
    tmux.keys(&["Enter"]);
    tmux.wait_status("1 message shown");
    tmux.wait_gone("Lunch on Friday?");
    let screen = tmux.screen();
    assert!(screen.contains("Your account has been locked"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_status("limit cleared");
    tmux.wait_for("Lunch on Friday?");

    // H wraps the long Authentication-Results header instead of cutting it at the edge.
    tmux.keys(&["g", "H"]);
    tmux.wait_for("Raw headers");
    tmux.wait_for("dmarc=none");
    close(&tmux);

    // The overview, and the earlier status messages.
    tmux.keys(&["O"]);
    let screen = tmux.wait_for("Overview of INBOX");
    assert!(
        screen.contains("Brand claimed") && screen.contains("amazon"),
        "{screen}"
    );
    close(&tmux);
    tmux.keys(&["M"]);
    let screen = tmux.wait_for("Messages —");
    assert!(
        screen.contains("found: lunch") && screen.contains("limit cleared"),
        "{screen}"
    );
    close(&tmux);
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0);
}

#[test]
fn a_mutt_user_at_200x50() {
    let home = tempfile::tempdir().expect("home");
    let Some((tmux, root)) = session(home.path(), (200, 50)) else {
        return;
    };
    let screen = tmux.wait_for("Folder");
    assert!(
        screen.contains("Archive"),
        "the sidebar shows from 100 columns:\n{screen}"
    );
    tmux.wait_for("Subject   Your account has been locked");
    tmux.keys(&["b"]);
    tmux.wait_gone("Folder");
    tmux.keys(&["O"]);
    let screen = tmux.wait_for("Per week to");
    assert!(screen.contains("Sender of suspicious/phishing"), "{screen}");
    close(&tmux);
    // Trashing the message in new/ and undoing it puts it back in new/, unread.
    tmux.keys(&["/"]);
    tmux.wait_status("search:");
    tmux.type_text("lunch");
    tmux.keys(&["Enter"]);
    tmux.wait_status("found: lunch");
    tmux.keys(&["d"]);
    tmux.wait_status("trashed 1 message");
    assert!(root.join("cur/1795400003.M3P1.host:2,T").exists());
    tmux.keys(&["u"]);
    tmux.wait_status("undone: 1 message");
    assert!(root.join("new/1795400003.M3P1.host").exists());
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0);
}

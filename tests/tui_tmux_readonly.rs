//! The real binary in tmux, read-only (`--read-only`, then `read_only = true` in the config file): a full
//! session presses every writing key (alone, on marked messages, in the message views), opens every view and
//! exports to a file outside the Maildir; every write is refused in the status bar and the whole Maildir tree
//! (paths, mtimes, sizes, contents) is identical afterwards. Skips with a message when tmux is missing, unless
//! `CI` is set (then it fails).

mod common;
mod tui_support;

use std::path::Path;

use common::{GENUINE_AMAZON, PERSONAL, PHISHING_AMAZON, make_maildir, put};
use mailvet::tui::acts::READ_ONLY;
use tui_support::tmux::{self, Tmux};
use tui_support::tree::snapshot;

/// INBOX with the phishing, genuine and personal messages and one trashed message (hidden), and a
/// Maildir++ `.Archive` holding one message.
fn maildir(root: &Path) {
    make_maildir(root);
    put(root, "1795400003.M1P1.host:2,S", PHISHING_AMAZON.as_bytes());
    put(root, "1795400002.M2P1.host:2,", GENUINE_AMAZON.as_bytes());
    put(root, "1795400001.M3P1.host:2,FS", PERSONAL.as_bytes());
    put(root, "1795400000.M4P1.host:2,ST", PERSONAL.as_bytes());
    let archive = root.join(".Archive");
    make_maildir(&archive);
    put(
        &archive,
        "1795300000.M5P1.host:2,RS",
        GENUINE_AMAZON.as_bytes(),
    );
}

/// Sends one writing key and waits for the refusal in the status bar; `k` then clears the status bar (a
/// named command) so the next refusal is seen afresh.
fn refused(tmux: &Tmux, key: &str) {
    tmux.keys(&[key]);
    tmux.wait_status(READ_ONLY);
    tmux.keys(&["k"]);
    tmux.wait_gone(READ_ONLY);
}

/// Opens the selected (phishing) message's body and waits for the body view: its text alone would not do,
/// the detail pane quotes "unusual activity" too, and a key sent before the view opens reaches the list.
fn open_body(tmux: &Tmux) {
    tmux.keys(&["Enter"]);
    tmux.wait_for("Body — HTML rendered as text");
}

/// Closes the open view and waits for the list (a key sent at once after Esc would read as Alt-key).
fn close(tmux: &Tmux) {
    tmux.keys(&["Escape"]);
    tmux.wait_for("Lunch on Friday?");
}

/// A whole session: every writing key, every view, an export outside the Maildir, quit.
fn session(tmux: &Tmux, export: &Path) {
    tmux.wait_for("[read-only]");
    tmux.wait_status("3 shown");
    for key in ["N", "!", "r", "d", "a", "J", "u", "X"] {
        refused(tmux, key);
    }
    // `m` refuses before the picker opens: the folder name and Enter that follow reach the list (they are
    // unbound there, and Enter opens the body), and would have moved the message had the picker opened.
    refused(tmux, "m");
    tmux.type_text("Vox");
    open_body(tmux);
    close(tmux);
    // `X` asks nothing, so a `y` confirms nothing.
    tmux.keys(&["X"]);
    tmux.wait_status(READ_ONLY);
    tmux.keys(&["y"]);
    // Marked messages: one, then every message shown.
    tmux.keys(&["g", "Space"]);
    tmux.wait_status("1 marked");
    tmux.keys(&["*"]);
    tmux.wait_status("3 marked");
    for key in ["a", "J", "!", "d"] {
        refused(tmux, key);
    }
    // The message views, and the writing keys inside them.
    open_body(tmux);
    for key in ["r", "d", "J", "m"] {
        refused(tmux, key);
    }
    close(tmux);
    tmux.keys(&["L"]);
    tmux.wait_for("Links — 1");
    tmux.keys(&["y"]);
    tmux.wait_status("copied http://192.0.2.7/amazon/login");
    refused(tmux, "a");
    close(tmux);
    tmux.keys(&["H"]);
    tmux.wait_for("Raw headers");
    close(tmux);
    // Exports write outside the Maildir, so they work read-only.
    tmux.keys(&["e"]);
    tmux.wait_for("Export 3 messages");
    tmux.keys(&["Home", "C-k"]);
    tmux.type_text(&export.display().to_string());
    tmux.keys(&["Enter"]);
    tmux.wait_status("exported 3 messages as json");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0);
}

fn leaves_the_tree_identical(config: Option<&str>) {
    if !tmux::present() {
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let root = home.path().join("Maildir");
    maildir(&root);
    let mut args = Vec::new();
    match config {
        Some(text) => {
            let dir = home.path().join("config/mailvet");
            std::fs::create_dir_all(&dir).expect("config dir");
            std::fs::write(dir.join("config.toml"), text).expect("config");
        }
        None => args.push("--read-only".to_string()),
    }
    args.push(root.display().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let before = snapshot(&root);
    let export = home.path().join("out/all.json");
    let tmux = tmux::start(home.path(), &args);
    session(&tmux, &export);
    drop(tmux);
    let text = std::fs::read_to_string(&export).expect("the export outside the Maildir");
    assert_eq!(text.matches("\"message_id\"").count(), 3, "{text}");
    assert_eq!(
        before,
        snapshot(&root),
        "read-only changed the Maildir tree"
    );
}

#[test]
fn read_only_flag_leaves_the_tree_identical_after_a_full_session() {
    leaves_the_tree_identical(None);
}

#[test]
fn read_only_in_the_config_file_leaves_the_tree_identical_after_a_full_session() {
    leaves_the_tree_identical(Some("read_only = true\n"));
}

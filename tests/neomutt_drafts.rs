//! A report draft written by `mailvet export --format arf` is a message neomutt reads: neomutt (in tmux, no
//! user config) opens the Maildir's Drafts folder, lists the draft with its subject and sender, and shows it
//! addressed to the brand's report address. Skips with a message when neomutt or tmux is missing, unless `CI`
//! is set (then it fails).

mod common;
mod tui_support;

use common::{PHISHING_AMAZON, mailvet, make_maildir, put};
use tui_support::tmux;

#[test]
fn neomutt_lists_and_opens_a_report_draft_in_drafts() {
    if !tmux::present() || !tmux::installed("neomutt", "-v") {
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let root = home.path().join("Mail");
    make_maildir(&root);
    put(
        &root,
        "1795400002.M1P1.host:2,S",
        PHISHING_AMAZON.as_bytes(),
    );
    let config = home.path().join("config.toml");
    std::fs::write(&config, "[identity]\naddress = \"me@example.org\"\n").expect("config");
    mailvet(home.path())
        .arg("--config")
        .arg(&config)
        .args(["export", "--format", "arf"])
        .arg(&root)
        .assert()
        .success();
    let drafts = root.join(".Drafts");
    let folder = root.display().to_string();
    let t = tmux::start_program(
        home.path(),
        &[],
        "neomutt",
        &[
            "-n",
            "-F",
            "/dev/null",
            "-e",
            &format!("set folder={folder}"),
            "-f",
            &drafts.display().to_string(),
        ],
        (120, 30),
    );
    let index = t.wait_for("Msgs:1");
    let line = index
        .lines()
        .find(|l| l.contains("Phishing report: mail imitating Amazon"))
        .unwrap_or_else(|| panic!("the draft is not listed:\n{index}"));
    assert!(line.contains("me@example.org"), "{line}");
    t.keys(&["Enter"]);
    let pager = t.wait_for("To: stop-spoofing@amazon.com");
    assert!(pager.contains("From: me@example.org"), "{pager}");
    assert!(pager.contains("multipart/report"), "{pager}");
    t.keys(&["q", "q"]);
    assert_eq!(t.wait_exit(), 0);
}

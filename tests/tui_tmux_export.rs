//! The real binary in tmux exports from the interface: two marked messages to a JSON file (exactly those
//! two, with the verdicts the library gives them), then `R` on the phishing message asks once for the user's
//! address and writes an abuse report as a draft into the Maildir's Drafts folder, addressed to Amazon's
//! report address. Skips with a message when tmux is missing, unless
//! `CI` is set (then it fails).

mod common;
mod tui_support;

use std::time::{Duration, Instant};

use common::{GENUINE_AMAZON, PERSONAL, PHISHING_AMAZON, make_maildir, put};
use mailvet::config::Config;
use mailvet::export::arf;
use mailvet::export::json::Document;
use mailvet::judge::judge_bytes;
use tui_support::tmux;

fn eventually<T>(what: &str, check: impl Fn() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(found) = check() {
            return found;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{what}");
        std::thread::sleep(Duration::from_millis(30));
    }
}

#[test]
fn marked_messages_export_as_json_and_r_writes_a_report_to_amazon() {
    if !tmux::present() {
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let maildir = home.path().join("Maildir");
    make_maildir(&maildir);
    // Newest first in the list: the phishing message (Nov 24), the genuine one (Nov 23), personal (Nov 18).
    let phishing = put(
        &maildir,
        "1795400002.M1P1.host:2,S",
        PHISHING_AMAZON.as_bytes(),
    );
    let genuine = put(
        &maildir,
        "1795400001.M2P1.host:2,S",
        GENUINE_AMAZON.as_bytes(),
    );
    put(&maildir, "1795400000.M3P1.host:2,S", PERSONAL.as_bytes());
    let tmux = tmux::start(home.path(), &[&maildir.to_string_lossy()]);
    tmux.wait_for("3 messages");

    // Mark the first two, export them as JSON to a path typed over the default.
    tmux.keys(&["Space", "Space"]);
    tmux.wait_for("2 marked");
    tmux.keys(&["e"]);
    tmux.wait_for("Export 2 messages");
    let out = home.path().join("out").join("two.json");
    tmux.keys(&["Home", "C-k"]);
    tmux.type_text(&out.display().to_string());
    tmux.keys(&["Enter"]);
    tmux.wait_for("exported 2 messages as json");
    let text = std::fs::read_to_string(&out).expect("the export file");
    let doc: Document<'_> = serde_json::from_str(&text).expect("a JSON document");
    let rules = Config::defaults().expect("defaults").rules();
    let mut got: Vec<_> = doc.messages.iter().cloned().collect();
    got.sort_by(|a, b| a.path.cmp(&b.path));
    let mut expected: Vec<_> = [&genuine, &phishing]
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("message");
            judge_bytes(&p.to_string_lossy(), "INBOX", &bytes, &rules)
        })
        .collect();
    expected.sort_by(|a, b| a.path.cmp(&b.path));
    assert_eq!(got, expected);
    assert_eq!(
        got.iter()
            .map(|r| r.verdict.trust.as_str())
            .collect::<Vec<_>>(),
        ["verified", "phishing"]
    );
    assert!(got.iter().all(|r| !r.verdict.signals.is_empty()));

    // `R` on the phishing message (top of the list): asked once for the user's address (an address that is
    // not one is refused), saved in the config; the report is a draft in Drafts, to Amazon's address.
    tmux.keys(&["g", "R"]);
    tmux.wait_for("your address, to send reports from:");
    tmux.type_text("me at home");
    tmux.keys(&["Enter"]);
    tmux.wait_for("is not an email address");
    tmux.keys(&["BSpace"; 10]);
    tmux.type_text("me@example.org");
    tmux.keys(&["Enter"]);
    tmux.wait_for("report draft saved in");
    let config = home.path().join("config/mailvet/config.toml");
    let saved = eventually("the address in the config", || {
        std::fs::read_to_string(&config).ok()
    });
    assert_eq!(saved, "[identity]\naddress = \"me@example.org\"\n");
    let drafts = maildir.join(".Drafts/cur");
    let report = eventually("a draft in Drafts", || {
        std::fs::read_dir(&drafts)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(":2,D"))
    });
    let to = arf::destination(&expected[1], &rules).address;
    assert_eq!(to, "stop-spoofing@amazon.com");
    let bytes = std::fs::read(&report).expect("the report");
    let report_text = String::from_utf8_lossy(&bytes);
    assert!(
        report_text
            .lines()
            .any(|l| l.starts_with("To:") && l.contains(&to)),
        "{report_text}"
    );
    assert!(report_text.contains("report-type=feedback-report"));
    assert!(
        report_text.starts_with("From: me@example.org\r\n"),
        "{report_text}"
    );
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0);
}

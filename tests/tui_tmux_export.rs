//! The real binary in tmux exports from the interface: two marked messages to a JSON file (exactly those
//! two, with the verdicts the library gives them), then `R` on the phishing message writes an abuse report
//! into the outbox addressed to Amazon's report address. Skips with a message when tmux is missing, unless
//! `CI` is set (then it fails).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{GENUINE_AMAZON, PERSONAL, PHISHING_AMAZON, make_maildir, put};
use mailvet::config::Config;
use mailvet::export::arf;
use mailvet::export::json::Document;
use mailvet::judge::judge_bytes;

/// A tmux server of our own (its own socket), killed when dropped, whatever the test did.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("run tmux")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Sends tmux key names (`Enter`, `Home`, `C-k`).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.cmd(&args).status.success());
    }

    /// Types `text` literally.
    fn type_text(&self, text: &str) {
        assert!(
            self.cmd(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
    }

    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.screen();
            if text.contains(needle) {
                return text;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{needle:?} never appeared; screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

fn tmux_present() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but tmux is missing"
        );
        eprintln!("skipped: tmux is not installed");
    }
    found
}

/// Starts `mailvet <maildir>` in a 160x48 tmux session with HOME and XDG dirs under `home`.
fn start(home: &Path, maildir: &Path) -> Tmux {
    let tmux = Tmux {
        socket: home.join("tmux.sock"),
    };
    let env = |name: &str, sub: &str| format!("{name}={}", home.join(sub).display());
    let args = [
        "-f".to_string(),
        "/dev/null".into(),
        "new-session".into(),
        "-d".into(),
        "-x".into(),
        "160".into(),
        "-y".into(),
        "48".into(),
        "-s".into(),
        "t".into(),
        "env".into(),
        "-i".into(),
        env("HOME", ""),
        env("XDG_CONFIG_HOME", "config"),
        env("XDG_DATA_HOME", "data"),
        env("XDG_CACHE_HOME", "cache"),
        env("XDG_STATE_HOME", "state"),
        "TERM=xterm-256color".into(),
        env!("CARGO_BIN_EXE_mailvet").into(),
        maildir.display().to_string(),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = tmux.cmd(&args);
    assert!(
        out.status.success(),
        "tmux: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmux
}

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
    if !tmux_present() {
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
    let tmux = start(home.path(), &maildir);
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

    // `R` on the phishing message (top of the list): a report in the outbox, to Amazon's address.
    tmux.keys(&["g", "R"]);
    tmux.wait_for("report written to");
    let outbox = home.path().join("data/mailvet/outbox");
    let report = eventually("a report in the outbox", || {
        std::fs::read_dir(&outbox)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "eml"))
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
    tmux.keys(&["q"]);
}

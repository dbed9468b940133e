//! The real binary in tmux: `-` says "phishing" for the selected message (its sender's domain is blocked,
//! the label in the list changes at once, the lesson is saved in the config with its date and Message-ID and
//! shown as the `taught` signal), `-` again undoes it; `+` on a phish whose sender is not authenticated never
//! makes it pass. And dates follow TZ: the same message shows another day in Tokyo than in Honolulu. Skips
//! with a message when tmux is missing, unless `CI` is set (then it fails).

mod common;
mod tui_support;

use common::{PERSONAL, PHISHING_AMAZON, make_maildir, put};
use tui_support::tmux;

/// The head of the detail pane's checklist, shown once the message is read (and read again after a lesson).
const CHECKS: &str = "Checks    (▶ decisive)";

/// A phish from a look-alike domain that fails DMARC.
const FAILED_DMARC: &str = "Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=amaz0n-alerts.com; dkim=none; dmarc=fail header.from=amaz0n-alerts.com\r\nFrom: Amazon <alert@amaz0n-alerts.com>\r\nTo: dana@example.net\r\nSubject: Verify your account now\r\nDate: Wed, 25 Nov 2026 08:00:00 +0000\r\nMessage-ID: <v1@amaz0n-alerts.com>\r\n\r\nDear customer, confirm your password within 24 hours: http://192.0.2.7/login\r\n";

#[test]
fn minus_blocks_the_senders_domain_at_once_and_again_undoes_it() {
    if !tmux::present() {
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let maildir = home.path().join("Maildir");
    make_maildir(&maildir);
    // Newest first: the DMARC-failing phish (Nov 25), the look-alike (Nov 24), the personal mail (Nov 18).
    let dmarc_failed = put(
        &maildir,
        "1795400003.M4P1.host:2,S",
        FAILED_DMARC.as_bytes(),
    );
    put(
        &maildir,
        "1795400002.M1P1.host:2,S",
        PHISHING_AMAZON.as_bytes(),
    );
    put(&maildir, "1795400000.M3P1.host:2,S", PERSONAL.as_bytes());
    let tmux = tmux::start_with(home.path(), &["TZ=UTC"], &[&maildir.to_string_lossy()]);
    tmux.wait_for("3 messages");
    tmux.keys(&["G"]);
    tmux.wait_for("Lunch on Friday?");
    let before = tmux.screen();
    assert!(
        !line_with(&before, "Lunch on Friday?").contains("phishing"),
        "{before}"
    );

    tmux.keys(&["-"]);
    tmux.wait_for("phishing: example.org blocked");
    // The detail pane shows the lesson once the message is read again; the list says the same.
    let after = tmux.wait_for("marked mail from this domain as phishing");
    assert!(
        line_with(&after, "Lunch on Friday?").contains("phishing"),
        "{after}"
    );
    let config = home.path().join("config/mailvet/config.toml");
    let text = wait_file(&config, "[[taught]]");
    assert!(text.contains("domain = \"example.org\""), "{text}");
    assert!(text.contains("verdict = \"block\""), "{text}");
    assert!(
        text.contains("message_id = \"lunch@example.org\""),
        "{text}"
    );
    assert!(text.contains("date = \"20"), "{text}");

    tmux.keys(&["-"]);
    tmux.wait_for("forgot what you taught about example.org");
    // The detail pane's checks are read again by the rules without the lesson; the list says the same.
    let undone = tmux.wait_until("the checks read again without the lesson", |screen| {
        screen.contains(CHECKS) && !screen.contains("marked mail from this domain as phishing")
    });
    assert!(
        !line_with(&undone, "Lunch on Friday?").contains("phishing"),
        "{undone}"
    );
    // The lesson is forgotten in the config file too (saved on a thread of its own, after the screen).
    wait_file_until(&config, "no lesson", |text| !text.contains("[[taught]]"));

    // `+` on the DMARC-failing phish: trusted for the brand it claims, but the message is not authenticated
    // as its domain, so it stays phishing and the signal says the trust is not applied.
    tmux.keys(&["g", "+"]);
    tmux.wait_for("not phishing: amaz0n-alerts.com trusted for amazon");
    wait_file(&config, "amaz0n-alerts.com");
    // The detail pane shows the message judged with the lesson; the list says the same.
    let trusted = tmux.wait_for("You trust this domain");
    assert!(
        line_with(&trusted, "Verify your account now").contains("phishing"),
        "{trusted}"
    );
    // explain, with the same config, shows the lesson as its own signal, not applied.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mailvet"))
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .args(["explain", "--format", "json"])
        .arg(&dmarc_failed)
        .output()
        .expect("explain runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["trust"], "phishing");
    let taught = (v["signals"].as_array().unwrap().iter())
        .find(|s| s["id"] == "taught")
        .expect("the taught signal");
    assert_eq!(taught["outcome"], "info", "{taught}");
    assert!(
        taught["title"].as_str().unwrap().contains("not applied"),
        "{taught}"
    );
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0);
}

/// `-` twice at once: the lesson and its undoing are saved in the order given, so nothing stays taught.
#[test]
fn minus_twice_at_once_leaves_nothing_taught() {
    if !tmux::present() {
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let maildir = home.path().join("Maildir");
    make_maildir(&maildir);
    put(&maildir, "1795400000.M3P1.host:2,S", PERSONAL.as_bytes());
    let tmux = tmux::start_with(home.path(), &["TZ=UTC"], &[&maildir.to_string_lossy()]);
    tmux.wait_for("1 message");
    tmux.keys(&["-", "-"]);
    tmux.wait_for("forgot what you taught about example.org");
    let config = home.path().join("config/mailvet/config.toml");
    wait_file_until(&config, "no lesson", |text| !text.contains("[[taught]]"));
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0);
}

#[test]
fn the_same_message_shows_its_local_date_in_two_zones() {
    if !tmux::present() {
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let maildir = home.path().join("Maildir");
    make_maildir(&maildir);
    // Tue, 24 Nov 2026 08:00:00 +0000: still Nov 23 in Honolulu (-10), already 17:00 on Nov 24 in Tokyo.
    put(
        &maildir,
        "1795400002.M1P1.host:2,S",
        PHISHING_AMAZON.as_bytes(),
    );
    for (tz, date) in [
        ("TZ=Asia/Tokyo", "2026-11-24 17:00 JST"),
        ("TZ=Pacific/Honolulu", "2026-11-23 22:00 HST"),
    ] {
        let tmux = tmux::start_with(home.path(), &[tz], &[&maildir.to_string_lossy()]);
        tmux.wait_for("1 message");
        tmux.wait_for(date);
        tmux.keys(&["q"]);
        assert_eq!(tmux.wait_exit(), 0);
    }
}

fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen.lines().find(|l| l.contains(needle)).unwrap_or("")
}

/// Waits until the file at `path` holds `needle`; returns its text.
fn wait_file(path: &std::path::Path, needle: &str) -> String {
    wait_file_until(path, needle, |text| text.contains(needle))
}

/// Waits until the text of the file at `path` passes `check` (`what` names it in the failure).
fn wait_file_until(path: &std::path::Path, what: &str, check: impl Fn(&str) -> bool) -> String {
    let start = std::time::Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && check(&text)
        {
            return text;
        }
        assert!(
            start.elapsed().as_secs() < 10,
            "{} never held {what:?}",
            path.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
}

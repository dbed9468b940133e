//! The real binary in tmux: `-` says "phishing" for the selected message (its sender's domain is blocked,
//! the label in the list changes at once, the lesson is saved in the config with its date and Message-ID and
//! shown as the `taught` signal), `-` again undoes it; `+` on a phish whose sender is not authenticated never
//! makes it pass. An export (`e`) or report (`R`) in the same session says what was taught, and after the
//! undo what the library says without it. And dates follow TZ: the same message shows another day in Tokyo
//! than in Honolulu. Skips with a message when tmux is missing, unless `CI` is set (then it fails).

mod common;
mod tui_support;

use common::{PERSONAL, PHISHING_AMAZON, make_maildir, put};
use mailvet::config::Config;
use mailvet::judge::judge_bytes;
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

/// What a user marks as phishing is what an export and a report of it say, in the same session: after `-`
/// the exported record is phishing with the lesson as its `taught` signal, and the report is written, naming
/// the lesson; after `-` again the export is the library's judgement without the lesson and `R` declines.
/// The address asked for by the report and the lesson are both kept in the config.
#[test]
fn exports_and_reports_say_what_the_user_taught_in_the_same_session() {
    if !tmux::present() {
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let maildir = home.path().join("Maildir");
    make_maildir(&maildir);
    let lunch = put(&maildir, "1795400000.M3P1.host:2,S", PERSONAL.as_bytes());
    let tmux = tmux::start_with(home.path(), &["TZ=UTC"], &[&maildir.to_string_lossy()]);
    tmux.wait_for("1 message");
    tmux.wait_for(CHECKS);

    tmux.keys(&["-"]);
    tmux.wait_for("phishing: example.org blocked");
    // The screen says phishing (the list row changes in the same frame as the detail pane).
    let screen = tmux.wait_for("marked mail from this domain as phishing");
    assert!(
        line_with(&screen, "Lunch on Friday?").contains("phishing"),
        "{screen}"
    );
    let blocked = export_json(&tmux, &home.path().join("blocked.json"));
    assert_eq!(blocked["trust"], "phishing", "{blocked}");
    let taught = signal(&blocked, "taught").expect("the lesson's signal in the export");
    assert_eq!(taught["outcome"], "fail", "{taught}");
    assert!(
        (blocked["decisive"].as_array().expect("decisive")).contains(&"taught".into()),
        "{blocked}"
    );

    // The report on it: asked for the address once, written as a draft that says what the user taught.
    tmux.keys(&["R"]);
    tmux.wait_for("your address, to send reports from:");
    tmux.type_text("me@example.org");
    tmux.keys(&["Enter"]);
    tmux.wait_for("report draft saved in");
    let report = std::fs::read_to_string(only_draft(&maildir)).expect("the report");
    assert!(report.contains("labels it PHISHING"), "{report}");
    assert!(report.contains("(taught)"), "{report}");
    // The lesson and the address, saved by the same thread one after the other, are both in the config.
    let config = home.path().join("config/mailvet/config.toml");
    let text = wait_file_until(&config, "the lesson and the address", |text| {
        text.contains("[[taught]]") && text.contains("address = \"me@example.org\"")
    });
    assert!(text.contains("domain = \"example.org\""), "{text}");

    tmux.keys(&["-"]);
    tmux.wait_for("forgot what you taught about example.org");
    let screen = tmux.wait_until("the checks read again without the lesson", |screen| {
        screen.contains(CHECKS) && !screen.contains("marked mail from this domain as phishing")
    });
    assert!(
        !line_with(&screen, "Lunch on Friday?").contains("phishing"),
        "{screen}"
    );
    let undone = export_json(&tmux, &home.path().join("undone.json"));
    let rules = Config::defaults().expect("defaults").rules();
    let bytes = std::fs::read(&lunch).expect("message");
    let library = judge_bytes(&lunch.to_string_lossy(), "INBOX", &bytes, &rules);
    assert_eq!(
        undone,
        serde_json::to_value(&library).expect("json"),
        "the export after the undo is the judgement without the lesson"
    );
    assert_ne!(undone["trust"], "phishing", "{undone}");
    assert!(signal(&undone, "taught").is_none(), "{undone}");
    tmux.keys(&["R"]);
    tmux.wait_for("not reported: mailvet labels this message");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0);
}

/// Exports the selected message as JSON to `path` through the dialog; the record written.
fn export_json(tmux: &tmux::Tmux, path: &std::path::Path) -> serde_json::Value {
    tmux.keys(&["e"]);
    tmux.wait_for("Export 1 message");
    tmux.keys(&["Home", "C-k"]);
    tmux.type_text(&path.display().to_string());
    tmux.keys(&["Enter"]);
    tmux.wait_for("exported 1 message as json");
    let text = std::fs::read_to_string(path).expect("the export file");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    doc["messages"][0].clone()
}

/// The signal `id` of a record in JSON.
fn signal<'a>(record: &'a serde_json::Value, id: &str) -> Option<&'a serde_json::Value> {
    (record["signals"].as_array()?.iter()).find(|s| s["id"] == id)
}

/// The one report draft in the Maildir's Drafts folder.
fn only_draft(maildir: &std::path::Path) -> std::path::PathBuf {
    let drafts: Vec<_> = std::fs::read_dir(maildir.join(".Drafts/cur"))
        .expect("Drafts")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    drafts[0].clone()
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

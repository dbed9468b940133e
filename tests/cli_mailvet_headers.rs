//! X-Mailvet-* headers found in mail (written by a server's `mailvet filter`, or forged by the sender) are
//! information only: `explain` and `scan` judge every message on its own evidence, exactly as without them;
//! the label found is shown as an `info` signal (`mailvet-header`) and nothing else changes.

mod common;

use common::*;
use serde_json::Value;

/// What a server's filter would have written on top, claiming the opposite of the evidence.
fn labelled(message: &str, trust: &str) -> String {
    format!(
        "X-Mailvet-Trust: {trust}\r\nX-Mailvet-Category: other\r\nX-Mailvet-Brand: none\r\n\
         X-Mailvet-Signals: dmarc, dkim-aligned\r\nX-Mailvet-Version: 0.1.0\r\n{message}"
    )
}

/// The verdict part of `explain --format json` for `message`.
fn verdict(message: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let out = mailvet(dir.path())
        .args(["explain", "-", "--format", "json"])
        .write_stdin(message)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let object = v.as_object_mut().unwrap();
    for identity in ["path", "folder", "message_id", "date", "from", "subject"] {
        object.remove(identity);
    }
    v
}

/// Takes the `mailvet-header` signal out of `verdict` and returns it.
fn take_label_signal(verdict: &mut Value) -> Value {
    let signals = verdict["signals"].as_array_mut().unwrap();
    let at = signals
        .iter()
        .position(|s| s["id"] == "mailvet-header")
        .unwrap_or_else(|| panic!("no mailvet-header signal in {signals:?}"));
    signals.remove(at)
}

#[test]
fn phishing_labelled_verified_is_still_phishing_signal_for_signal() {
    let plain = verdict(PHISHING_AMAZON);
    let mut claimed = verdict(&labelled(PHISHING_AMAZON, "verified"));
    assert_eq!(claimed["trust"], "phishing");
    assert_eq!(claimed["brand"], "amazon");
    let info = take_label_signal(&mut claimed);
    assert_eq!(info["outcome"], "info");
    assert_eq!(info["evidence"], "X-Mailvet-Trust: verified");
    assert_eq!(
        claimed, plain,
        "but for the info signal the headers change nothing: verdict, signals, evidence, advice"
    );
}

#[test]
fn genuine_mail_labelled_phishing_is_still_verified() {
    let plain = verdict(GENUINE_AMAZON);
    let mut claimed = verdict(&labelled(GENUINE_AMAZON, "phishing"));
    assert_eq!(claimed["trust"], "verified");
    assert_eq!(take_label_signal(&mut claimed)["outcome"], "info");
    assert_eq!(claimed, plain);
}

#[test]
fn scan_judges_labelled_messages_on_their_own_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    put(
        &root,
        "1.M1P1.host:2,",
        labelled(PHISHING_AMAZON, "verified").as_bytes(),
    );
    put(
        &root,
        "2.M2P1.host:2,",
        labelled(GENUINE_AMAZON, "phishing").as_bytes(),
    );
    let out = mailvet(dir.path())
        .args(["scan", "--format", "jsonl"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the phishing message is a finding"
    );
    let mut trust: Vec<(String, String)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            let path = v["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_owned();
            (name, v["trust"].as_str().unwrap().to_owned())
        })
        .collect();
    trust.sort();
    assert_eq!(
        trust,
        [
            ("1.M1P1.host:2,".to_owned(), "phishing".to_owned()),
            ("2.M2P1.host:2,".to_owned(), "verified".to_owned())
        ]
    );
}

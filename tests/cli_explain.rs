//! `mailvet explain`: the checklist for one message from a file or standard input, text or JSON.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn text_checklist_names_signals_and_advice_without_colour_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("phish.eml");
    std::fs::write(&file, PHISHING_AMAZON).unwrap();
    let out = mailvet(dir.path())
        .arg("explain")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "explain exits 0 whatever the verdict"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("PHISHING"), "{text}");
    assert!(text.contains("(sender-domain)"), "{text}");
    assert!(text.contains("[decisive]"), "{text}");
    assert!(text.contains("What to do:"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when piped");
}

#[test]
fn reads_standard_input_with_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    mailvet(dir.path())
        .args(["explain", "-"])
        .write_stdin(GENUINE_AMAZON)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("VERIFIED").and(predicate::str::contains("Path:    -")));
}

#[test]
fn json_is_the_verdict_object_with_the_message_identity() {
    let dir = tempfile::tempdir().unwrap();
    let out = mailvet(dir.path())
        .args(["explain", "-", "--format", "json"])
        .write_stdin(GENUINE_AMAZON)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["trust"], "verified");
    assert_eq!(v["brand"], "amazon");
    assert_eq!(v["category"], "orders-shipping");
    assert_eq!(v["from"], "Amazon.com <shipment-tracking@amazon.com>");
    assert_eq!(v["message_id"], "0100abc@email.amazonses.com");
    assert!(
        v["date"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-23T10:32:00")
    );
    assert!(
        v["signals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "dmarc" && s["outcome"] == "pass")
    );
}

#[test]
fn explain_shows_each_signals_contribution_and_the_total_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = mailvet(dir.path())
        .args(["explain", "-", "--format", "json"])
        .write_stdin(PHISHING_AMAZON)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let signals = v["signals"].as_array().unwrap();
    let weight = |s: &Value| s["weight"].as_f64().unwrap();
    let total: f64 = signals.iter().map(weight).sum();
    let score = &v["score"];
    assert!((score["total"].as_f64().unwrap() - total).abs() < 1e-9, "{v}");
    assert!(total >= score["phishing"].as_f64().unwrap(), "{v}");
    // The decisive signals alone (with every signal that speaks for the message) reach the threshold.
    let decisive: Vec<&str> = (v["decisive"].as_array().unwrap().iter())
        .map(|d| d.as_str().unwrap())
        .collect();
    let carried: f64 = signals
        .iter()
        .filter(|s| decisive.contains(&s["id"].as_str().unwrap()) || weight(s) < 0.0)
        .map(weight)
        .sum();
    assert!(carried >= score["phishing"].as_f64().unwrap(), "{v}");

    let text = mailvet(dir.path())
        .args(["explain", "-"])
        .write_stdin(PHISHING_AMAZON)
        .output()
        .unwrap()
        .stdout;
    let text = String::from_utf8(text).unwrap();
    let headline = format!(
        "score {:.1} (suspicious from {:.1}, phishing from {:.1})",
        total,
        score["suspicious"].as_f64().unwrap(),
        score["phishing"].as_f64().unwrap()
    );
    assert!(text.contains(&headline), "{text}");
    let sender = signals.iter().find(|s| s["id"] == "sender-domain").unwrap();
    let line = format!("{:+.1}  {}", weight(sender), sender["title"].as_str().unwrap());
    assert!(text.contains(&line), "{line} in {text}");
}

#[test]
fn unparseable_input_is_a_verdict_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = mailvet(dir.path())
        .args(["explain", "-", "--format", "json"])
        .write_stdin(GARBAGE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["trust"], "unparseable");
    assert!(
        !v["signals"][0]["evidence"].as_str().unwrap().is_empty(),
        "the reason is given"
    );
}

#[test]
fn a_missing_file_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    mailvet(dir.path())
        .args(["explain", "/no/such/message.eml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/message.eml"));
}

#[test]
fn hostile_message_is_sanitised_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["text", "json"] {
        let out = mailvet(dir.path())
            .args(["explain", "-", "--format", format])
            .write_stdin(HOSTILE)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\x1b') && !text.contains('\x07') && !text.contains('\u{202e}'),
            "{format}: {text:?}"
        );
        assert!(
            text.contains("<U+202E>"),
            "the override is shown as such: {text}"
        );
    }
}

#[test]
fn no_maildir_anywhere_opens_the_demo_mailbox() {
    let home = tempfile::tempdir().unwrap();
    let out = mailvet(home.path()).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("demo"), "{text}");
    assert!(
        text.contains("phishing") && text.contains("verified"),
        "{text}"
    );
}

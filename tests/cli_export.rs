//! `mailvet export` on Maildirs in temp dirs: every format, the filters, --flagged, outputs and exit codes.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use predicates::prelude::*;
use serde_json::Value;

/// A Maildir with a genuine notice, a flagged phish, personal mail and garbage; and its files.
fn sample() -> (tempfile::TempDir, PathBuf, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    let files = vec![
        put(&root, "1700000001.M1P1.host:2,S", GENUINE_AMAZON.as_bytes()),
        put(
            &root,
            "1700000002.M2P1.host:2,FS",
            PHISHING_AMAZON.as_bytes(),
        ),
        put(&root, "1700000003.M3P1.host:2,S", PERSONAL.as_bytes()),
        put(&root, "1700000004.M4P1.host:2,", GARBAGE),
    ];
    (dir, root, files)
}

fn export(home: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    mailvet(home).arg("export").args(args).assert()
}

#[test]
fn json_to_stdout_is_one_document_with_every_message() {
    let (dir, root, _) = sample();
    let out = export(dir.path(), &[root.to_str().unwrap(), "--format", "json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["mailvet_version"], env!("CARGO_PKG_VERSION"));
    assert!(doc["generated_at"].as_str().unwrap().ends_with('Z'));
    let messages = doc["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 4);
    assert!(messages.iter().any(|m| m["trust"] == "phishing"));
}

#[test]
fn filters_and_flagged_select_messages() {
    let (dir, root, _) = sample();
    let root = root.to_str().unwrap();
    let csv = export(dir.path(), &[root, "--format", "csv", "--trust", "phish"])
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(csv).unwrap();
    assert_eq!(text.lines().count(), 2, "header and the phish: {text}");
    assert!(text.starts_with("date,from,domain,subject,brand,category,trust,decisive,path\n"));

    let jsonl = export(dir.path(), &[root, "--format", "jsonl", "--flagged"])
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(jsonl).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.contains("M2P1"));

    export(
        dir.path(),
        &[root, "--format", "jsonl", "--category", "promotions"],
    )
    .success()
    .stdout("");
}

#[test]
fn markdown_and_mbox_go_to_a_file_with_o() {
    let (dir, root, files) = sample();
    let md = dir.path().join("report.md");
    export(
        dir.path(),
        &[
            root.to_str().unwrap(),
            "--format",
            "md",
            "-o",
            md.to_str().unwrap(),
        ],
    )
    .success()
    .stdout("");
    let text = fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# mailvet report\n"));
    assert!(!text.contains("http://") && !text.contains("https://"));

    let mbox = dir.path().join("out.mbox");
    export(
        dir.path(),
        &[
            root.to_str().unwrap(),
            "--format",
            "mbox",
            "-o",
            mbox.to_str().unwrap(),
        ],
    )
    .success();
    let bytes = fs::read(&mbox).unwrap();
    let separators = bytes
        .split(|&b| b == b'\n')
        .filter(|l| l.starts_with(b"From "))
        .count();
    assert_eq!(separators, files.len());
    let genuine = fs::read(&files[0]).unwrap();
    assert!(
        bytes
            .windows(genuine.len())
            .any(|w| w == genuine.as_slice())
    );
}

#[test]
fn eml_copies_are_byte_for_byte_and_need_a_folder() {
    let (dir, root, files) = sample();
    let root = root.to_str().unwrap();
    export(dir.path(), &[root, "--format", "eml"])
        .code(2)
        .stderr(predicate::str::contains("-o DIR"));
    let out = dir.path().join("copies");
    export(
        dir.path(),
        &[root, "--format", "eml", "-o", out.to_str().unwrap()],
    )
    .success()
    .stderr(predicate::str::contains("wrote 4 messages"));
    let mut copies: Vec<PathBuf> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    copies.sort();
    assert_eq!(copies.len(), 4);
    for (copy, original) in copies.iter().zip(&files) {
        let name = copy.file_name().unwrap().to_str().unwrap();
        assert!(
            name.ends_with(".eml")
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-.".contains(c))
        );
        assert_eq!(fs::read(copy).unwrap(), fs::read(original).unwrap());
    }
    export(
        dir.path(),
        &[root, "--format", "eml", "-o", out.to_str().unwrap()],
    )
    .success();
    assert_eq!(
        fs::read_dir(&out).unwrap().count(),
        8,
        "a second export never overwrites"
    );
}

#[test]
fn arf_reports_go_to_the_outbox_under_the_data_dir() {
    let (dir, root, _) = sample();
    let assert = export(dir.path(), &[root.to_str().unwrap(), "--format", "arf"])
        .success()
        .stderr(predicate::str::contains("wrote 1 report to"));
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let outbox = dir.path().join(".local/share/mailvet/outbox");
    let reports: Vec<PathBuf> = fs::read_dir(&outbox)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(reports.len(), 1, "only the phish is reported");
    assert!(stdout.contains(reports[0].to_str().unwrap()), "{stdout}");
    assert!(stdout.contains("to stop-spoofing@amazon.com"), "{stdout}");
    let report = fs::read_to_string(&reports[0]).unwrap();
    assert!(report.contains("report-type=feedback-report"));
    assert!(
        report.contains("\r\nFrom: dana@example.net\r\n")
            || report.starts_with("From: dana@example.net\r\n")
    );
}

#[test]
fn arf_into_a_chosen_folder_and_the_identity_from_config() {
    let (dir, root, _) = sample();
    let config = dir.path().join("config.toml");
    fs::write(&config, "[identity]\naddress = \"me@example.org\"\n").unwrap();
    let outbox = dir.path().join("out");
    export(
        dir.path(),
        &[
            root.to_str().unwrap(),
            "--format",
            "arf",
            "--trust",
            "phishing",
            "-o",
            outbox.to_str().unwrap(),
            "--config",
            config.to_str().unwrap(),
        ],
    )
    .success();
    let report = fs::read_dir(&outbox)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(
        fs::read_to_string(report)
            .unwrap()
            .starts_with("From: me@example.org\r\n")
    );
}

#[test]
fn missing_input_and_bad_format_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    export(
        dir.path(),
        &[
            dir.path().join("nope").to_str().unwrap(),
            "--format",
            "json",
        ],
    )
    .code(2)
    .stderr(predicate::str::contains("does not exist"));
    export(dir.path(), &["--format", "pdf"]).code(2);
}

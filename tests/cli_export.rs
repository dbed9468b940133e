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

fn export_with(home: &Path, config: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    mailvet(home)
        .arg("export")
        .args(args)
        .arg("--config")
        .arg(config)
        .assert()
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
    assert!(doc["generated_at"].as_str().unwrap().ends_with("+00:00"));
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
    .code(2)
    .stdout("")
    .stderr(predicate::str::contains(
        "nothing exported: no message matched",
    ));
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

/// A config file in `home` with top-level lines `more` and the user's address.
fn config_with_identity(home: &Path, more: &str) -> PathBuf {
    let config = home.join("config.toml");
    fs::write(
        &config,
        format!("{more}[identity]\naddress = \"me@example.org\"\n"),
    )
    .unwrap();
    config
}

#[test]
fn arf_reports_are_drafts_in_the_maildirs_drafts_folder_sent_from_the_users_address() {
    let (dir, root, _) = sample();
    let config = config_with_identity(dir.path(), "");
    let args = [root.to_str().unwrap(), "--format", "arf"];
    let assert = export_with(dir.path(), &config, &args)
        .success()
        .stderr(predicate::str::contains("wrote 1 report draft to"));
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let drafts: Vec<PathBuf> = fs::read_dir(root.join(".Drafts/cur"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(drafts.len(), 1, "only the phish is reported");
    let name = drafts[0].file_name().unwrap().to_str().unwrap();
    assert!(name.ends_with(":2,D"), "the draft flag: {name}");
    assert!(root.join(".Drafts/maildirfolder").is_file());
    assert!(stdout.contains(drafts[0].to_str().unwrap()), "{stdout}");
    assert!(stdout.contains("to stop-spoofing@amazon.com"), "{stdout}");
    // Python's email module reads the draft back as a sendable report.
    let script = "import email, email.policy, sys\n\
        m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)\n\
        print(m['From']); print(m['To']); print(m.get_content_type()); print(m.get_param('report-type'))\n\
        print(','.join(p.get_content_type() for p in m.iter_parts()))\n\
        fb = [p for p in m.iter_parts() if p.get_content_type() == 'message/feedback-report'][0]\n\
        print('Source-IP' in fb.as_string())\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&drafts[0])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        lines,
        [
            "me@example.org",
            "stop-spoofing@amazon.com",
            "multipart/report",
            "feedback-report",
            "text/plain,message/feedback-report,message/rfc822",
            "False",
        ],
        "no Received hop of the user's own servers in the sample, so no Source-IP"
    );
}

#[test]
fn without_the_users_address_a_report_is_refused_naming_the_setting() {
    let (dir, root, _) = sample();
    export(dir.path(), &[root.to_str().unwrap(), "--format", "arf"])
        .code(2)
        .stderr(predicate::str::contains("identity.address"));
    assert!(!root.join(".Drafts").exists());
}

#[test]
fn read_only_or_reports_outbox_write_reports_outside_the_maildir() {
    let (dir, root, _) = sample();
    let outbox = dir.path().join(".local/share/mailvet/outbox");
    let config = config_with_identity(dir.path(), "");
    export_with(
        dir.path(),
        &config,
        &[root.to_str().unwrap(), "--format", "arf", "--read-only"],
    )
    .success()
    .stderr(predicate::str::contains("wrote 1 report to"));
    assert_eq!(fs::read_dir(&outbox).unwrap().count(), 1);
    let config = config_with_identity(dir.path(), "reports = \"outbox\"\n");
    export_with(
        dir.path(),
        &config,
        &[root.to_str().unwrap(), "--format", "arf"],
    )
    .success();
    assert_eq!(fs::read_dir(&outbox).unwrap().count(), 2);
    assert!(
        !root.join(".Drafts").exists(),
        "nothing written into the Maildir"
    );
}

#[test]
fn a_report_on_no_suspect_message_writes_nothing_and_exits_2() {
    let (dir, root, _) = sample();
    let config = config_with_identity(dir.path(), "");
    export_with(
        dir.path(),
        &config,
        &[
            root.to_str().unwrap(),
            "--format",
            "arf",
            "--trust",
            "verified",
        ],
    )
    .code(2)
    .stderr(predicate::str::contains("no report written"));
    assert!(!root.join(".Drafts").exists());
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

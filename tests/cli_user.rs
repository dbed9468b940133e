//! What a new user meets first on the command line: a mistyped path is an error (exit 2, the same message
//! whether the interface would open or the output is piped), a closed pipe ends output quietly, dates follow
//! the local zone (TZ), and the completions and man page come from the real definition.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use common::*;
use predicates::prelude::*;

/// A Maildir with one phish and one genuine notice.
fn maildir(home: &Path) -> std::path::PathBuf {
    let root = home.join("Mail");
    make_maildir(&root);
    put(&root, "1700000001.M1P1.host:2,S", GENUINE_AMAZON.as_bytes());
    put(
        &root,
        "1700000002.M2P1.host:2,S",
        PHISHING_AMAZON.as_bytes(),
    );
    root
}

#[test]
fn a_missing_path_exits_2_naming_it_whether_piped_or_not() {
    let home = tempfile::tempdir().unwrap();
    for arg in ["/tmp/mailvet-no-such-dir", "complitions"] {
        let expected = format!("mailvet: '{arg}' does not exist\n");
        mailvet(home.path())
            .arg(arg)
            .assert()
            .code(2)
            .stdout("")
            .stderr(expected);
    }
}

#[test]
fn a_closed_pipe_ends_csv_and_jsonl_quietly_with_0() {
    let home = tempfile::tempdir().unwrap();
    let root = maildir(home.path());
    // Enough rows that the writer meets the closed pipe after the reader has gone.
    for i in 0..800 {
        put(
            &root,
            &format!("1700001{i:03}.M{i}P9.host:2,S"),
            PERSONAL.as_bytes(),
        );
    }
    for format in ["csv", "jsonl"] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("mailvet"))
            .env_clear()
            .env("HOME", home.path())
            .env("TZ", "UTC")
            .args(["scan", "--format", format])
            .arg(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        let mut stdout = child.stdout.take().unwrap();
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{format}: {stderr}");
    }
}

#[test]
fn dates_follow_the_local_zone_and_utc_opts_out() {
    let home = tempfile::tempdir().unwrap();
    let root = maildir(home.path());
    let dates = |tz: &str, config: Option<&Path>| -> Vec<String> {
        let mut cmd = mailvet(home.path());
        cmd.env("TZ", tz)
            .args(["scan", "--format", "jsonl"])
            .arg(&root);
        if let Some(config) = config {
            cmd.arg("--config").arg(config);
        }
        let out = cmd.output().unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["date"].as_str().unwrap().to_owned()
            })
            .collect()
    };
    let tokyo = dates("Asia/Tokyo", None);
    let honolulu = dates("Pacific/Honolulu", None);
    assert!(tokyo.iter().all(|d| d.ends_with("+09:00")), "{tokyo:?}");
    assert!(
        honolulu.iter().all(|d| d.ends_with("-10:00")),
        "{honolulu:?}"
    );
    assert_ne!(tokyo, honolulu);
    let config = home.path().join("config.toml");
    std::fs::write(&config, "utc = true\n").unwrap();
    let utc = dates("Asia/Tokyo", Some(&config));
    assert!(utc.iter().all(|d| d.ends_with("+00:00")), "{utc:?}");
}

#[test]
fn completions_and_the_man_page_come_from_the_command_line_definition() {
    let home = tempfile::tempdir().unwrap();
    mailvet(home.path())
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("_mailvet()").and(predicate::str::contains("--read-only")),
        );
    mailvet(home.path())
        .args(["completions", "zsh"])
        .assert()
        .success()
        .stdout(predicate::str::contains("#compdef mailvet"));
    mailvet(home.path())
        .args(["completions", "fish"])
        .assert()
        .success()
        .stdout(predicate::str::contains("complete -c mailvet"));
    mailvet(home.path()).arg("man").assert().success().stdout(
        predicate::str::contains(".TH mailvet 1").and(predicate::str::contains("completions")),
    );
    mailvet(home.path()).arg("completions").assert().code(2);
}

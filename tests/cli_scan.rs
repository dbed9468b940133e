//! `mailvet scan` on real Maildirs in temp dirs: records, formats, filters, exit codes, hostile input.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::Value;

fn sample_maildir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    put(&root, "1700000001.M1P1.host:2,S", GENUINE_AMAZON.as_bytes());
    put(&root, "1700000002.M2P1.host:2,", PHISHING_AMAZON.as_bytes());
    put(&root, "1700000003.M3P1.host:2,S", PERSONAL.as_bytes());
    put(&root, "1700000004.M4P1.host:2,", GARBAGE);
    make_maildir(&root.join(".Archive"));
    put(
        &root.join(".Archive"),
        "1600000000.M9P1.host:2,S",
        PERSONAL.as_bytes(),
    );
    dir
}

fn jsonl(dir: &tempfile::TempDir, extra: &[&str]) -> (Vec<Value>, i32) {
    let out = mailvet(dir.path())
        .arg("scan")
        .arg(dir.path().join("Mail"))
        .args(["--format", "jsonl"])
        .args(extra)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let records = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (records, out.status.code().unwrap())
}

fn trust_of<'a>(records: &'a [Value], name_part: &str) -> &'a str {
    let record = records
        .iter()
        .find(|r| r["path"].as_str().unwrap().contains(name_part))
        .unwrap();
    record["trust"].as_str().unwrap()
}

#[test]
fn every_message_gets_a_record_with_the_documented_fields_and_exit_1_on_findings() {
    let dir = sample_maildir();
    let (records, code) = jsonl(&dir, &[]);
    assert_eq!(
        records.len(),
        5,
        "one record per message, subfolders included"
    );
    assert_eq!(code, 1, "a phishing message makes scan exit 1");
    for record in &records {
        for key in [
            "path",
            "folder",
            "message_id",
            "date",
            "from",
            "subject",
            "brand",
            "category",
            "trust",
            "decisive",
            "advice",
            "signals",
        ] {
            assert!(record.get(key).is_some(), "{key} missing in {record}");
        }
        assert!(!record["advice"].as_str().unwrap().is_empty());
    }
    assert_eq!(trust_of(&records, "M1P1"), "verified");
    assert_eq!(trust_of(&records, "M2P1"), "phishing");
    assert_eq!(trust_of(&records, "M3P1"), "unverified");
    assert_eq!(trust_of(&records, "M4P1"), "unparseable");
    let archived = records
        .iter()
        .find(|r| r["path"].as_str().unwrap().contains("M9P1"))
        .unwrap();
    assert_eq!(archived["folder"], "Archive");
    let phishing = records.iter().find(|r| r["trust"] == "phishing").unwrap();
    assert_eq!(phishing["brand"], "amazon");
    let decisive = phishing["decisive"].as_array().unwrap();
    assert!(!decisive.is_empty());
    let ids: Vec<&str> = phishing["signals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for id in decisive {
        assert!(
            ids.contains(&id.as_str().unwrap()),
            "decisive {id} is one of the signals"
        );
    }
}

#[test]
fn output_order_is_stable_across_runs() {
    let dir = sample_maildir();
    let paths = |records: Vec<Value>| -> Vec<String> {
        records
            .iter()
            .map(|r| r["path"].as_str().unwrap().to_owned())
            .collect()
    };
    let first = paths(jsonl(&dir, &[]).0);
    for _ in 0..3 {
        assert_eq!(paths(jsonl(&dir, &[]).0), first);
    }
}

#[test]
fn trust_and_category_filters_narrow_the_output_but_not_the_exit_code() {
    let dir = sample_maildir();
    let (records, code) = jsonl(&dir, &["--trust", "verified,unverif"]);
    assert!(
        records
            .iter()
            .all(|r| r["trust"] == "verified" || r["trust"] == "unverified")
    );
    assert_eq!(records.len(), 3);
    assert_eq!(code, 1, "the phishing message was still scanned");
    let (records, _) = jsonl(&dir, &["--trust", "phishing", "--category", "other"]);
    assert!(
        records
            .iter()
            .all(|r| r["trust"] == "phishing" && r["category"] == "other")
    );
}

#[test]
fn the_command_line_reads_labels_as_the_interface_prompts_do() {
    let dir = sample_maildir();
    // The chip's short word and a prefix shared by two names of one category (orders, orders-shipping).
    let (short, _) = jsonl(&dir, &["--category", "ord,promo"]);
    let (long, _) = jsonl(&dir, &["--category", "orders-shipping,promotions"]);
    assert!(!short.is_empty(), "the genuine order notice is listed");
    assert_eq!(short, long);
    let out = mailvet(dir.path())
        .args(["scan", ".", "--trust", "u"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("'u' is ambiguous: unverified, unparseable"),
        "{err}"
    );
}

#[test]
fn clean_mail_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    put(&root, "1.M1P1.host:2,S", GENUINE_AMAZON.as_bytes());
    put(&root, "2.M2P1.host:2,S", PERSONAL.as_bytes());
    mailvet(dir.path())
        .arg("scan")
        .arg(&root)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("verified"));
}

#[test]
fn csv_and_table_formats() {
    let dir = sample_maildir();
    mailvet(dir.path())
        .arg("scan")
        .arg(dir.path().join("Mail"))
        .args(["--format", "csv"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "date,from,domain,subject,brand,category,trust,decisive,path\n",
        ));
    mailvet(dir.path())
        .arg("scan")
        .arg(dir.path().join("Mail"))
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("TRUST").and(predicate::str::contains("phishing")));
}

#[test]
fn loose_files_and_eml_directories_are_scanned_too() {
    let dir = tempfile::tempdir().unwrap();
    let emls = dir.path().join("emls");
    std::fs::create_dir(&emls).unwrap();
    std::fs::write(emls.join("a.eml"), PERSONAL).unwrap();
    std::fs::write(emls.join("b.eml"), PHISHING_AMAZON).unwrap();
    let single = dir.path().join("one.eml");
    std::fs::write(&single, GENUINE_AMAZON).unwrap();
    let out = mailvet(dir.path())
        .arg("scan")
        .arg(&emls)
        .arg(&single)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 3);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_missing_input_is_reported_and_the_rest_still_scanned() {
    let dir = sample_maildir();
    let missing = dir.path().join("nope");
    mailvet(dir.path())
        .arg("scan")
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope"));
    let out = mailvet(dir.path())
        .arg("scan")
        .arg(&missing)
        .arg(dir.path().join("Mail"))
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 5);
    assert!(String::from_utf8(out.stderr).unwrap().contains("nope"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    mailvet(dir.path())
        .args(["scan", ".", "--trust", "bogus"])
        .assert()
        .code(2);
    mailvet(dir.path())
        .args(["scan", "--format", "xml", "."])
        .assert()
        .code(2);
}

#[test]
fn hostile_headers_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    put(&root, "1.M1P1.host:2,S", HOSTILE.as_bytes());
    for format in ["table", "csv", "jsonl"] {
        let out = mailvet(dir.path())
            .arg("scan")
            .arg(&root)
            .args(["--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\x1b') && !text.contains('\x07'),
            "{format}: {text:?}"
        );
        assert!(
            !text.contains('\u{202e}'),
            "{format}: bidi override shown raw"
        );
    }
}

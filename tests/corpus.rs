//! The real-mail development corpus (`../shared/corpus`, or `$MAILVET_CORPUS`): every message yields a record,
//! none panics. Skipped with a message when the corpus is absent, except under CI where that is a failure.

mod common;

use std::path::PathBuf;

use common::mailvet;

/// The corpus folder, or `None` (after saying so) when it is absent outside CI.
fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("MAILVET_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        PathBuf::from,
    );
    if dir.join("labels.csv").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but the corpus is missing at {}",
        dir.display()
    );
    eprintln!(
        "skipped: no corpus at {} (set MAILVET_CORPUS)",
        dir.display()
    );
    None
}

#[test]
fn every_corpus_message_yields_one_record() {
    let Some(dir) = corpus() else { return };
    let groups = ["phishing", "legit-brand", "legit-other"].map(|g| dir.join(g));
    let files: usize = groups
        .iter()
        .map(|g| std::fs::read_dir(g).unwrap().count())
        .sum();
    let home = tempfile::tempdir().unwrap();
    let out = mailvet(home.path())
        .arg("scan")
        .args(&groups)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the corpus holds phishing; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), files);
    for line in text.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(!record["advice"].as_str().unwrap().is_empty(), "{line}");
    }
}

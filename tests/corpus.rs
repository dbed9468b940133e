//! The real-mail development corpus (`../shared/corpus`, or `$MAILVET_CORPUS`): every message yields a record,
//! none panics. Skipped with a message when the corpus is absent, except under CI where that is a failure.

mod common;

use common::mailvet;

#[test]
fn every_corpus_message_yields_one_record() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
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

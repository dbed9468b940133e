//! Parses every real message of the shared corpus (`$MAILVET_CORPUS` or ../shared/corpus): none may panic,
//! and none should be an error, since these are real messages. An ignored test measures throughput:
//! `cargo test --release --test mail_corpus -- --ignored --nocapture`.

mod common;

use std::path::PathBuf;
use std::time::Instant;

use mailvet::mail::parse;

const GROUPS: [&str; 3] = ["phishing", "legit-brand", "legit-other"];

/// The corpus messages, or `None` (test skipped) when the corpus is missing and `CI` is unset.
fn corpus() -> Option<Vec<(PathBuf, Vec<u8>)>> {
    let root = common::corpus_dir()?;
    let mut files = Vec::new();
    for group in GROUPS {
        let Ok(entries) = std::fs::read_dir(root.join(group)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file()
                && let Ok(bytes) = std::fs::read(&path)
            {
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    Some(files)
}

#[test]
fn every_corpus_message_parses() {
    let Some(files) = corpus() else { return };
    assert!(!files.is_empty(), "the corpus has no messages");
    let mut errors = Vec::new();
    let (mut with_problems, mut no_from, mut no_body) = (0, 0, 0);
    for (path, bytes) in &files {
        match parse(bytes) {
            Ok(m) => {
                with_problems += usize::from(!m.problems.is_empty());
                no_from += usize::from(m.from.as_ref().is_none_or(|f| f.address.is_empty()));
                no_body += usize::from(m.text.trim().is_empty() && m.html.is_none());
            }
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    eprintln!(
        "{} messages: {} errors, {with_problems} with problems, {no_from} without a From address, \
         {no_body} without a body",
        files.len(),
        errors.len(),
    );
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
#[ignore = "timing: run with --release -- --ignored --nocapture"]
fn parse_throughput() {
    let Some(files) = corpus() else { return };
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let rounds = 20;
    let start = Instant::now();
    let mut links = 0;
    for _ in 0..rounds {
        for (_, raw) in &files {
            links += parse(raw).map_or(0, |m| m.links.len());
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    eprintln!(
        "parse: {} messages x {rounds}, {mb:.1} MB in {secs:.2}s = {:.0} MB/s, {:.0} messages/s ({links} links)",
        files.len(),
        mb / secs,
        (files.len() * rounds) as f64 / secs
    );
}

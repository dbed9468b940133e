//! Exports of the real-mail corpus (`../shared/corpus`, or `$MAILVET_CORPUS`): every suspect message gives
//! a report that mail-parser reads back with the original intact, and the Markdown report of every message
//! holds no live link. Skipped when the corpus is absent, except under CI where that is a failure.

mod common;

use std::path::{Path, PathBuf};

use mail_parser::{MessageParser, PartType};
use mailvet::config::Config;
use mailvet::export::{self, Format, arf};
use mailvet::judge::judge_bytes;

fn messages(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for sub in std::fs::read_dir(dir).unwrap() {
        let sub = sub.unwrap().path();
        if sub.is_dir() {
            out.extend(std::fs::read_dir(&sub).unwrap().map(|e| e.unwrap().path()));
        }
    }
    out.sort();
    out
}

#[test]
fn every_suspect_corpus_message_gives_a_readable_report_with_the_original_intact() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let rules = Config::defaults().unwrap().rules();
    let (mut arfs, mut forwards, mut apwg) = (0, 0, 0);
    let mut records = Vec::new();
    for path in messages(&dir) {
        let original = std::fs::read(&path).unwrap();
        let record = judge_bytes(&path.to_string_lossy(), "", &original, &rules);
        if record.verdict.trust.is_alarm() {
            let report = arf::build(&arf::ReportRequest {
                original: &original,
                record: &record,
                rules: &rules,
                identity: "me@example.net",
                date: "Wed, 25 Nov 2026 09:00:00 +0000",
                message_id: "r@mailvet.invalid",
            })
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            apwg += usize::from(report.fallback.is_some());
            let parsed = MessageParser::default().parse(&report.bytes).unwrap();
            match report.form {
                arf::Form::Arf => {
                    arfs += 1;
                    let nested = parsed.parts.iter().find_map(|p| match &p.body {
                        PartType::Message(m) => Some(m.raw_message()),
                        _ => None,
                    });
                    assert_eq!(nested, Some(original.as_slice()), "{}", path.display());
                }
                arf::Form::Forward => {
                    forwards += 1;
                    assert!(report.bytes.ends_with(&original), "{}", path.display());
                }
            }
        }
        records.push(record);
    }
    eprintln!(
        "{} messages: {arfs} ARF reports, {forwards} forwards, {apwg} to the APWG",
        records.len()
    );
    assert!(arfs + forwards > 0, "the corpus holds phishing");
    let mut md = Vec::new();
    export::write_records(Format::Markdown, &mut md, &records, "t").unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(!md.contains("http://") && !md.contains("https://"));
    assert!(!md.chars().any(|c| c.is_control() && c != '\n'));
}

//! The record printers on judged messages: a JSON round trip keeps every verdict, and hostile strings reach
//! CSV and Markdown without control characters, clickable links or live formulas.

mod common;

use common::*;
use mailvet::config::Config;
use mailvet::export::{self, Format, json::Document};
use mailvet::judge::judge_bytes;
use mailvet::model::{Outcome, Record, Signal, SignalId};

fn judged() -> Vec<Record> {
    let rules = Config::defaults().unwrap().rules();
    [
        GENUINE_AMAZON.as_bytes(),
        PHISHING_AMAZON.as_bytes(),
        PERSONAL.as_bytes(),
        HOSTILE.as_bytes(),
        GARBAGE,
    ]
    .iter()
    .enumerate()
    .map(|(i, bytes)| judge_bytes(&format!("/m/cur/{i}:2,S"), "INBOX", bytes, &rules))
    .collect()
}

/// A record whose every string is an attack on a spreadsheet or a Markdown renderer.
fn hostile_record() -> Record {
    let mut record = judged().remove(1);
    record.subject =
        Some("=HYPERLINK(\"http://evil.example/x\",\"ok\")\x1b]8;;http://e.example\x07".into());
    record.from = Some("@SUM(A1) [Amazon](https://evil.example/login) <a@evil.example>".into());
    record.date = Some("+1\r\n-2\t".into());
    record.verdict.advice =
        "Visit <https://evil.example> or www.evil.example ![x](http://t.example/p.png)".into();
    record.verdict.signals.push(Signal::new(
        SignalId::LinkOffbrand,
        Outcome::Warn,
        "**bold** `code` <script>alert(1)</script>",
        "https://evil.example/login?next=`x`\u{202e}",
    ));
    record
}

#[test]
fn json_round_trip_keeps_every_verdict() {
    let records = judged();
    let mut out = Vec::new();
    export::write_records(Format::Json, &mut out, &records, "2026-11-25T09:00:00Z").unwrap();
    let doc: Document = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc.schema_version, 1);
    assert_eq!(doc.mailvet_version, env!("CARGO_PKG_VERSION"));
    assert_eq!(doc.generated_at, "2026-11-25T09:00:00Z");
    assert_eq!(doc.messages.as_ref(), records.as_slice());
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["messages"][1]["trust"], "phishing");
    assert_eq!(value["messages"][1]["signals"][0]["id"], "sender-domain");
}

#[test]
fn csv_cells_are_clean_and_formulas_defused() {
    let mut out = Vec::new();
    export::write_records(Format::Csv, &mut out, &[hostile_record()], "t").unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "no control characters: {text:?}"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    for cell in row.iter() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "live formula {cell:?}"
        );
    }
    assert!(row[3].starts_with("'=HYPERLINK"));
    assert!(row[1].starts_with("'@SUM"));
    assert!(row[0].starts_with("'+1"));
}

#[test]
fn markdown_has_no_controls_links_or_markup_from_mail() {
    let mut records = judged();
    records.push(hostile_record());
    let mut out = Vec::new();
    export::write_records(Format::Markdown, &mut out, &records, "2026-11-25T09:00:00Z").unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    for live in ["http://", "https://", "www.evil"] {
        assert!(!text.contains(live), "{live:?} survives in:\n{text}");
    }
    let prose = outside_code_spans(&text).replace("**decisive**", "decisive");
    let mut prev = ' ';
    for c in prose.chars() {
        if matches!(c, '<' | '[' | ']' | '(' | ')' | '*' | '_' | '`') {
            assert!(prev == '\\', "unescaped {c:?} outside code in:\n{prose}");
        }
        prev = if prev == '\\' { ' ' } else { c };
    }
    assert!(text.contains("hxxps[:]//evil[.]example/login"));
    assert!(text.contains("<U+202E>"), "bidi override shown, not obeyed");
    assert!(text.contains("| phishing | 2 |"), "{text}");
    assert!(text.contains("| unparseable | 1 |"), "{text}");
}

/// The report without its code spans (the lines this report writes use single-backtick spans, except
/// where mail itself holds backticks); leaves only the prose Markdown would interpret.
fn outside_code_spans(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(start) = rest.find('`') {
            if start > 0 && rest.as_bytes()[start - 1] == b'\\' {
                out.push_str(&rest[..=start]);
                rest = &rest[start + 1..];
                continue;
            }
            out.push_str(&rest[..start]);
            let fence_len = rest[start..].chars().take_while(|&c| c == '`').count();
            let fence = "`".repeat(fence_len);
            let after = &rest[start + fence_len..];
            let close = after.find(&fence).expect("code span closed on its line");
            rest = &after[close + fence_len..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

use super::*;
use crate::model::{Category, Score, SignalId, Trust};

fn stamped(raw: &[u8], headers: &[(&str, String)]) -> Vec<u8> {
    let mut out = Vec::new();
    write(&mut out, raw, headers).unwrap();
    out
}

fn one(name: &'static str, value: &str) -> Vec<(&'static str, String)> {
    vec![(name, value.to_owned())]
}

/// A header block with forged X-Mailvet-* fields in every case, folded and not, between ordinary fields
/// (one of them folded too), and a body that quotes the same header.
const FORGED: &str = "Received: from mx.example.net\r\n\tby mx.example.org; Tue, 24 Nov 2026 08:00:00 +0000\r\n\
X-Mailvet-Trust: verified\r\n\
From: a@example.org\r\n\
x-mailvet-SIGNALS: dmarc,\r\n  dkim-aligned\r\n\tsender-domain\r\n\
X-Mailvetting: kept, not ours\r\n\
X-MAILVET-Brand : amazon\r\n\
Subject: hi\r\n\
X-Mailvet-Version:0.1\r\n\
\r\n\
X-Mailvet-Trust: verified\r\n\
body\r\n";

const FORGED_REMOVED: &str = "Received: from mx.example.net\r\n\tby mx.example.org; Tue, 24 Nov 2026 08:00:00 +0000\r\n\
From: a@example.org\r\n\
X-Mailvetting: kept, not ours\r\n\
Subject: hi\r\n\
\r\n\
X-Mailvet-Trust: verified\r\n\
body\r\n";

#[test]
fn forged_headers_are_removed_byte_exactly_in_crlf_mail() {
    let out = stamped(FORGED.as_bytes(), &one("X-Mailvet-Trust", "phishing"));
    let expected = format!("X-Mailvet-Trust: phishing\r\n{FORGED_REMOVED}");
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

#[test]
fn forged_headers_are_removed_byte_exactly_in_lf_mail() {
    let raw = FORGED.replace("\r\n", "\n");
    let out = stamped(raw.as_bytes(), &one("X-Mailvet-Trust", "phishing"));
    let expected = format!(
        "X-Mailvet-Trust: phishing\n{}",
        FORGED_REMOVED.replace("\r\n", "\n")
    );
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

#[test]
fn a_message_without_mailvet_headers_follows_the_added_ones_unchanged() {
    // Non-UTF-8 bytes, a bare CR and a header block that runs to the end without a blank line.
    let raw: &[u8] = b"From: a@example.org\r\nSubject: caf\xe9 \r odd\r\nX-Other: 1";
    let out = stamped(raw, &one("X-Mailvet-Trust", "unverified"));
    assert_eq!(&out[..27], b"X-Mailvet-Trust: unverified");
    assert_eq!(&out[27..29], b"\r\n");
    assert_eq!(&out[29..], raw);
}

#[test]
fn a_forged_header_at_the_very_end_without_a_line_ending_goes() {
    let out = stamped(
        b"From: a@example.org\nX-Mailvet-Trust: verified",
        &one("X-Mailvet-Trust", "suspicious"),
    );
    assert_eq!(out, b"X-Mailvet-Trust: suspicious\nFrom: a@example.org\n");
}

#[test]
fn an_mbox_envelope_line_stays_first() {
    let raw = b"From someone@example.org Tue Nov 24 08:00:00 2026\nX-Mailvet-Trust: verified\nFrom: a@example.org\n\nbody\n";
    let out = stamped(raw, &one("X-Mailvet-Trust", "phishing"));
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "From someone@example.org Tue Nov 24 08:00:00 2026\nX-Mailvet-Trust: phishing\nFrom: a@example.org\n\nbody\n"
    );
}

#[test]
fn a_body_without_headers_is_not_searched() {
    // The first line is no header: nothing below it is a header either.
    let raw = b"just text\nX-Mailvet-Trust: verified\n";
    let out = stamped(raw, &one("X-Mailvet-Trust", "unparseable"));
    assert_eq!(&out[b"X-Mailvet-Trust: unparseable\n".len()..], raw);
}

fn verdict(brand: Option<&str>, decisive: &[&str]) -> Verdict {
    Verdict {
        brand: brand.map(str::to_owned),
        category: Category::AccountSecurity,
        trust: Trust::Phishing,
        decisive: decisive.iter().map(|s| s.parse().unwrap()).collect(),
        score: Score::default(),
        advice: String::new(),
        signals: Vec::new(),
    }
}

#[test]
fn verdict_headers_name_the_labels_the_brand_and_the_decisive_signals() {
    let headers = verdict_headers(
        &verdict(Some("amazon"), &["lookalike-domain", "link-ip-host"]),
        "0.1.0",
    );
    let out = stamped(b"From: a@example.org\n\nbody\n", &headers);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "X-Mailvet-Trust: phishing\nX-Mailvet-Category: account-security\nX-Mailvet-Brand: amazon\n\
         X-Mailvet-Signals: lookalike-domain, link-ip-host\nX-Mailvet-Version: 0.1.0\n\
         From: a@example.org\n\nbody\n"
    );
    let none = verdict_headers(&verdict(None, &[]), "0.1.0");
    assert_eq!(none[2], ("X-Mailvet-Brand", "none".to_owned()));
    assert_eq!(none[3], ("X-Mailvet-Signals", "none".to_owned()));
}

#[test]
fn nothing_from_a_value_can_start_a_header_line() {
    let headers = verdict_headers(
        &verdict(
            Some("evil\r\nBcc: x@example.org"),
            &["lookalike-domain", "dkim"],
        ),
        "1\r\n2",
    );
    let mut all = headers.clone();
    all.push(("X-Mailvet-Skipped", "too\r\nlarge\x1b[2J\u{85}".to_owned()));
    let out = stamped(b"From: a@example.org\r\n\r\n", &all);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines,
        [
            "X-Mailvet-Trust: phishing",
            "X-Mailvet-Category: account-security",
            "X-Mailvet-Brand: evilbccxexample.org",
            "X-Mailvet-Signals: lookalike-domain, dkim",
            "X-Mailvet-Version: 12",
            "X-Mailvet-Skipped: toolarge[2J",
            "From: a@example.org",
            "",
            "",
        ]
    );
}

#[test]
fn long_values_fold_at_spaces() {
    let ids: Vec<&str> = SignalId::ALL[..12].iter().map(|id| id.as_str()).collect();
    let headers = verdict_headers(&verdict(None, &ids), "0.1.0");
    let out = stamped(b"From: a@example.org\n\n", &headers);
    let text = String::from_utf8(out).unwrap();
    let signals: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("X-Mailvet-Signals:"))
        .take_while(|l| !l.starts_with("X-Mailvet-Version"))
        .collect();
    assert!(signals.len() > 1, "{text}");
    assert!(signals.iter().all(|l| l.len() <= FOLD_AT), "{signals:?}");
    assert!(signals[1..].iter().all(|l| l.starts_with(' ')));
    let unfolded: String = signals.concat();
    assert_eq!(unfolded, format!("X-Mailvet-Signals: {}", ids.join(", ")));
}

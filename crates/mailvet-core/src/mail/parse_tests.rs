//! Tests of `parse` on small messages written for the test.

use super::*;
use crate::mail::{LinkOrigin, zip};

fn b64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn ok(raw: &str) -> Message {
    parse(raw.as_bytes()).unwrap_or_else(|e| panic!("parse failed: {e}"))
}

const ALTERNATIVE: &str = "Return-Path: <>\r
Authentication-Results: mx.receiver.example;\r
 dkim=pass header.d=shop.example header.s=s1;\r
 spf=pass smtp.mailfrom=bounce.shop.example;\r
 dmarc=pass (p=REJECT) header.from=shop.example\r
ARC-Seal: i=1; a=rsa-sha256; d=forwarder.example; s=arc; cv=none; b=xyz\r
Authentication-Results: forged.example; dmarc=pass header.from=shop.example\r
DKIM-Signature: v=1; a=rsa-sha256; d=Shop.Example; s=s1;\r
 h=from:to; bh=abc=; b=def\r
DKIM-Signature: v=1; a=rsa-sha256; d=amazonses.com; s=x; bh=a=; b=b\r
Message-ID: <abc.123@shop.example>\r
Date: Tue, 24 Nov 2026 10:32:00 +0100\r
From: =?utf-8?q?Sh=C3=B6p?= <news@shop.example>\r
Sender: list-owner@lists.example\r
Reply-To: help@shop.example, other@elsewhere.example\r
To: Ann <ann@home.example>, bob@home.example\r
Cc: carol@home.example\r
List-Id: Shop news <news.lists.example>\r
Subject: =?utf-8?b?WW91ciBvcmRlciDinJQ=?= has\r
 shipped\r
MIME-Version: 1.0\r
Content-Type: multipart/alternative; boundary=\"b1\"\r
\r
--b1\r
Content-Type: text/plain; charset=utf-8\r
Content-Transfer-Encoding: quoted-printable\r
\r
Caf=C3=A9 order: see https://shop.example/track?id=3D42 and=\r
 https://shop.example/track?id=3D42\r
--b1\r
Content-Type: text/html; charset=utf-8\r
Content-Transfer-Encoding: base64\r
\r
";

#[test]
fn multipart_alternative_with_everything() {
    let html = "<p>Hello <a href=\"https://evil.example/login\">https://shop.example/</a> \
                <a href=\"https://evil.example/login\">https://shop.example/</a></p>";
    let raw = format!("{ALTERNATIVE}{}\r\n--b1--\r\n", b64(html.as_bytes()));
    let m = ok(&raw);
    assert_eq!(m.message_id.as_deref(), Some("abc.123@shop.example"));
    assert_eq!(m.date.as_deref(), Some("2026-11-24T10:32:00+01:00"));
    assert_eq!(m.timestamp, Some(1_795_512_720));
    let from = m.from.clone().unwrap_or_default();
    assert_eq!(
        (from.name.as_deref(), from.address.as_str()),
        (Some("Shöp"), "news@shop.example")
    );
    assert_eq!(
        m.sender.map(|s| s.address).as_deref(),
        Some("list-owner@lists.example")
    );
    assert_eq!(m.reply_to.len(), 2);
    assert_eq!(m.return_path.as_deref(), Some(""));
    assert_eq!(m.to.len(), 2);
    assert_eq!(m.to[0].name.as_deref(), Some("Ann"));
    assert_eq!(m.cc[0].address, "carol@home.example");
    assert_eq!(m.subject, "Your order ✔ has shipped");
    assert_eq!(m.list_id.as_deref(), Some("Shop news <news.lists.example>"));
    assert!(m.has_arc);
    assert_eq!(m.auth.len(), 2);
    assert_eq!(
        m.auth[0].authserv_id.as_deref(),
        Some("mx.receiver.example")
    );
    assert_eq!(m.auth[0].results.len(), 3);
    assert_eq!(m.auth[1].authserv_id.as_deref(), Some("forged.example"));
    assert_eq!(m.dkim_domains, ["shop.example", "amazonses.com"]);
    assert_eq!(
        m.text.trim_end(),
        "Café order: see https://shop.example/track?id=42 and https://shop.example/track?id=42"
    );
    assert_eq!(m.html.as_deref(), Some(html));
    let links: Vec<_> = m
        .links
        .iter()
        .map(|l| (l.href.as_str(), l.text.as_str(), l.origin))
        .collect();
    assert_eq!(
        links,
        [
            (
                "https://evil.example/login",
                "https://shop.example/",
                LinkOrigin::HtmlAnchor
            ),
            (
                "https://shop.example/track?id=42",
                "https://shop.example/track?id=42",
                LinkOrigin::Text
            ),
        ]
    );
    assert!(m.attachments.is_empty());
    assert_eq!(m.raw_len, raw.len());
    assert!(m.problems.is_empty(), "{:?}", m.problems);
}

#[test]
fn a_reply_is_told_by_in_reply_to_or_references() {
    let head = "From: a@example.org\r\nSubject: Re: plans\r\n";
    assert!(!ok(&format!("{head}\r\nbody\r\n")).is_reply);
    for header in [
        "In-Reply-To: <1@example.org>",
        "References: <1@example.org>",
    ] {
        assert!(
            ok(&format!("{head}{header}\r\n\r\nbody\r\n")).is_reply,
            "{header}"
        );
    }
}

#[test]
fn microsoft_style_auth_results_without_authserv_id() {
    let m = ok(
        "Authentication-Results: spf=pass (sender IP is 1.2.3.4)\r\n smtp.mailfrom=x.com; dkim=pass \
                (signature was verified) header.d=x.com;dmarc=pass action=none header.from=x.com;compauth=pass \
                reason=100\r\nFrom: a@x.com\r\nSubject: hi\r\n\r\nbody\r\n",
    );
    assert_eq!(m.auth.len(), 1);
    assert_eq!(m.auth[0].authserv_id, None);
    assert_eq!(m.auth[0].results.len(), 4);
    assert_eq!(m.auth[0].results[0].prop("smtp.mailfrom"), Some("x.com"));
}

#[test]
fn zip_attachment_lists_entries() {
    let zip = zip::build_test_zip(
        &[("invoice.pdf.exe", b"MZ..."), ("readme.txt", b"hello")],
        b"",
    );
    let raw = format!(
        "From: a@b.example\r\nSubject: invoice\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\n\
         Content-Type: text/plain\r\n\r\nsee attached\r\n--z\r\nContent-Type: application/ZIP; name=\"inv.zip\"\r\n\
         Content-Disposition: attachment; filename=\"=?utf-8?q?Rechnung_M=C3=A4rz.zip?=\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--z--\r\n",
        b64(&zip)
    );
    let m = ok(&raw);
    assert_eq!(m.attachments.len(), 1);
    let a = &m.attachments[0];
    assert_eq!(a.name.as_deref(), Some("Rechnung März.zip"));
    assert_eq!(a.mime, "application/zip");
    assert_eq!(a.size, zip.len());
    assert_eq!(a.archive_entries, ["invoice.pdf.exe", "readme.txt"]);
    assert_eq!(m.text.trim(), "see attached");
}

#[test]
fn broken_zip_and_bad_date_are_problems_not_errors() {
    let m = ok(
        "From: a@b.example\r\nDate: someday soon\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\n\
                Content-Type: application/zip; name=x.zip\r\n\r\nnot a zip\r\n--z--\r\n",
    );
    assert_eq!(m.date, None);
    assert_eq!(m.problems.len(), 2, "{:?}", m.problems);
    assert_eq!(m.attachments[0].name.as_deref(), Some("x.zip"));
}

#[test]
fn garbage_from_keeps_what_it_can_and_group_from() {
    let m = ok("From: PayPal Service\r\nSubject: x\r\n\r\nb");
    let from = m.from.unwrap_or_default();
    assert_eq!(from.address, "");
    assert_eq!(from.name.as_deref(), Some("PayPal Service"));

    let m = ok("From: Team: service@pay.example, b@c.example;\r\n\r\nb");
    assert_eq!(
        m.from.map(|a| a.address).as_deref(),
        Some("service@pay.example")
    );
}

#[test]
fn mbox_separator_and_leading_blank_lines_are_accepted() {
    let m = ok(
        "From someone@x.example  Tue Nov 24 10:00:00 2026\nFrom: a@x.example\nSubject: s\n\nbody\n",
    );
    assert_eq!(m.subject, "s");
    assert_eq!(ok("\r\n\r\nSubject: t\r\n\r\nb").subject, "t");
    let m = ok("From : a@x.example\nSubject: s\n\nbody\n");
    assert_eq!(m.from.map(|f| f.address).as_deref(), Some("a@x.example"));
}

#[test]
fn what_is_not_a_message() {
    assert_eq!(parse(b""), Err(ParseError::Empty));
    let err = |raw: &[u8]| match parse(raw) {
        Err(ParseError::NoHeaders(why)) => why,
        other => panic!("expected NoHeaders, got {other:?}"),
    };
    assert!(err(b"   \r\n\n").contains("blank"));
    assert!(err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").contains("binary"));
    assert!(
        err(b"hello world, this is just text\nmore").contains("'hello world, this is just text'")
    );
    assert!(err(b"\x1b[2Jgotcha: x").contains("not a header"));
}

mod props {
    use super::super::parse;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(raw in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse(&raw);
        }

        #[test]
        fn never_panics_on_header_soup(s in "([A-Za-z-]{1,12}: [ -~\u{e9}]{0,30}\r?\n( [ -~]{0,20}\r?\n)?){0,6}\r?\n[ -~<>\r\n]{0,200}") {
            let _ = parse(s.as_bytes());
        }
    }
}

#[test]
fn a_boundary_right_after_the_headers_still_starts_the_body() {
    let m = ok("From: Shop <orders@shop.example.org>\r\n\
        Subject: Shipped\r\n\
        Content-Type: multipart/alternative;\r\n\tboundary=\"b1\"\r\n\
        --b1\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\r\n\
        See https://images.shop.example.org/logo.png and more text that is long enough to wrap=\r\n here.\r\n\
        --b1--\r\n");
    assert_eq!(m.subject, "Shipped");
    assert!(
        m.text.contains("https://images.shop.example.org/logo.png"),
        "{:?}",
        m.text
    );
    assert!(
        !m.text.contains("Content-Type"),
        "the part headers are not body text: {:?}",
        m.text
    );
    assert_eq!(m.links[0].href, "https://images.shop.example.org/logo.png");
    assert!(m.problems.iter().any(|p| p.contains("no blank line")));
}

#[test]
fn a_body_line_without_a_blank_line_before_it_is_body_not_header() {
    let m = ok("From: a@example.org\nSubject: hi\nhello there\nsecond line\n");
    assert_eq!(m.subject, "hi");
    assert!(m.text.starts_with("hello there"), "{:?}", m.text);
    let proper = ok("From: a@example.org\nSubject: hi\n\nhello\n");
    assert!(proper.problems.is_empty(), "{:?}", proper.problems);
}

/// `depth` levels of `message/rfc822` around a one-line message.
fn rfc822_nested(depth: usize) -> Vec<u8> {
    let mut raw = b"From: a@example.org\r\nSubject: deep\r\nContent-Type: message/rfc822\r\n\r\n"
        .repeat(depth);
    raw.extend_from_slice(b"From: b@example.org\r\nSubject: leaf\r\n\r\nhello\r\n");
    raw
}

#[test]
fn fifty_thousand_nested_messages_parse_without_overflowing_the_stack() {
    let m = parse(&rfc822_nested(50_000)).expect("a message");
    assert_eq!(m.subject, "deep");
    assert!(
        m.problems.iter().any(|p| p.contains("nested too deep")),
        "{:?}",
        m.problems
    );
}

#[test]
fn ordinary_nesting_is_not_labelled() {
    let m = parse(&rfc822_nested(3)).expect("a message");
    assert!(m.problems.is_empty(), "{:?}", m.problems);
}

#[test]
fn deep_multipart_nesting_is_labelled() {
    let depth = 1_000;
    let mut raw = b"From: a@example.org\r\nSubject: mime\r\nMIME-Version: 1.0\r\n".to_vec();
    for i in 0..depth {
        raw.extend(
            format!("Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n").bytes(),
        );
    }
    raw.extend_from_slice(b"Content-Type: text/plain\r\n\r\nleaf\r\n");
    for i in (0..depth).rev() {
        raw.extend(format!("--b{i}--\r\n").bytes());
    }
    let m = parse(&raw).expect("a message");
    assert!(
        m.problems.iter().any(|p| p.contains("nested too deep")),
        "{:?}",
        m.problems
    );
}

#[test]
fn a_huge_subject_is_cut_and_the_cut_is_noted() {
    let long = "x".repeat(200_000);
    let m = ok(&format!(
        "From: a@example.org\r\nSubject: {long}\r\n\r\nbody"
    ));
    assert_eq!(m.subject.chars().count(), super::MAX_SUBJECT_CHARS);
    assert!(m.problems.iter().any(|p| p.contains("subject cut")));
    let short = ok("From: a@example.org\r\nSubject: hello\r\n\r\nbody");
    assert_eq!(short.subject, "hello");
    assert!(short.problems.is_empty());
}

#[test]
fn a_display_name_written_apart_from_the_mailbox_is_kept() {
    let m = ok(
        "From: \"Northfield Bank\" , someone <someone@college.example>\r\nSubject: hi\r\n\r\nbody\r\n",
    );
    assert_eq!(
        m.from.as_ref().map(|a| a.address.as_str()),
        Some("someone@college.example")
    );
    assert_eq!(m.from_detached_name.as_deref(), Some("Northfield Bank"));
    let plain = ok("From: Jane Doe <jane@example.org>\r\nSubject: hi\r\n\r\nbody\r\n");
    assert_eq!(plain.from_detached_name, None);
}

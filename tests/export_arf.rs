//! Abuse reports read back with mail-parser: the ARF report's three parts and the original byte for byte,
//! a PayPal-style forward, the APWG fallback, and who the report is from.

mod common;

use common::*;
use mail_parser::{MessageParser, MimeHeaders, PartType};
use mailvet::analysis::Rules;
use mailvet::config::Config;
use mailvet::export::arf::{self, AbuseReport, Form, ReportError, ReportRequest};
use mailvet::judge::judge_bytes;
use mailvet::model::{Record, Trust};

/// PHISHING_AMAZON as the receiving server stored it: its Received header on top.
fn phishing_amazon() -> Vec<u8> {
    format!(
        "Received: from mail.amaz0n-security.example (mail.amaz0n-security.example [198.51.100.23])\r\n\
         \tby mx.example.net with ESMTPS id 4Xyz; Tue, 24 Nov 2026 08:00:07 +0000\r\n{PHISHING_AMAZON}"
    )
    .into_bytes()
}

/// A look-alike PayPal notice, LF line endings, an encoded and folded subject.
const PHISHING_PAYPAL: &str = "Received: from relay.example.org (relay.example.org [203.0.113.40])\n\tby mx.example.net; Mon, 23 Nov 2026 21:14:02 +0000\nAuthentication-Results: mx.example.net; spf=fail smtp.mailfrom=paypa1-service.example; dkim=none; dmarc=none\nFrom: PayPal Service <service@paypa1-service.example>\nTo: Dana Example <dana@example.net>\nSubject: =?utf-8?B?WW91ciBQYXlQYWwgYWNjb3VudCBpcyBsaW1pdGVk?=\n =?utf-8?B?IOKAkyBhY3Qgbm93?=\nDate: Mon, 23 Nov 2026 21:14:00 +0000\nMessage-ID: <pp1@paypa1-service.example>\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n<p>Dear Customer,</p><p>Your account is limited. Confirm your password within 24 hours: <a href=\"https://paypa1-service.example/signin\">https://www.paypal.com/signin</a></p>\n";

/// The user's own address (config `identity.address`).
const ME: &str = "me@example.org";

fn rules() -> Rules {
    Config::defaults().unwrap().rules()
}

fn report(original: &[u8], record: &Record, rules: &Rules, identity: &str) -> AbuseReport {
    arf::build(&ReportRequest {
        original,
        record,
        rules,
        identity,
        date: "Wed, 25 Nov 2026 09:00:00 +0000",
        message_id: "r1@mailvet.invalid",
    })
    .unwrap()
}

fn part_type(part: &mail_parser::MessagePart<'_>) -> String {
    part.content_type()
        .map(|ct| format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or("")))
        .unwrap_or_default()
        .to_ascii_lowercase()
}

#[test]
fn arf_report_has_three_parts_and_the_original_byte_for_byte() {
    let rules = rules();
    let original = phishing_amazon();
    let record = judge_bytes("x.eml", "", &original, &rules);
    assert_eq!(record.verdict.trust, Trust::Phishing);
    let report = report(&original, &record, &rules, ME);
    assert_eq!(report.to, "stop-spoofing@amazon.com");
    assert_eq!(report.form, Form::Arf);
    assert_eq!(report.fallback, None);

    let parsed = MessageParser::default().parse(&report.bytes).unwrap();
    let ct = parsed.content_type().unwrap();
    assert_eq!(ct.ctype(), "multipart");
    assert_eq!(ct.subtype(), Some("report"));
    assert_eq!(ct.attribute("report-type"), Some("feedback-report"));
    assert_eq!(
        parsed.from().unwrap().first().unwrap().address(),
        Some(ME),
        "the report is from the user, never from the suspect message's own To"
    );
    assert_eq!(
        parsed.to().unwrap().first().unwrap().address(),
        Some("stop-spoofing@amazon.com")
    );
    assert_eq!(parsed.message_id(), Some("r1@mailvet.invalid"));

    let PartType::Multipart(children) = &parsed.parts[0].body else {
        panic!("not multipart");
    };
    assert_eq!(children.len(), 3, "human part, feedback report, original");
    let parts: Vec<_> = children
        .iter()
        .map(|&i| &parsed.parts[i as usize])
        .collect();
    assert_eq!(part_type(parts[0]), "text/plain");
    assert_eq!(part_type(parts[1]), "message/feedback-report");
    assert_eq!(part_type(parts[2]), "message/rfc822");

    let human = parsed.body_text(0).unwrap();
    assert!(human.contains("PHISHING"), "{human}");
    assert!(human.contains("claims to come from Amazon"), "{human}");
    assert!(
        human.contains("hxxp[:]//192[.]0[.]2[.]7/amazon/login"),
        "{human}"
    );
    assert!(
        !human.contains("http://"),
        "links in the text part are defanged"
    );

    let fields = String::from_utf8_lossy(
        &report.bytes[parts[1].offset_body as usize..parts[1].offset_end as usize],
    )
    .into_owned();
    for expected in [
        "Feedback-Type: fraud",
        concat!("User-Agent: mailvet/", env!("CARGO_PKG_VERSION")),
        "Version: 1",
        "Original-Mail-From: <alert@amaz0n-security.example>",
        "Original-Rcpt-To: <dana@example.net>",
        "Arrival-Date: Tue, 24 Nov 2026 08:00:07 +0000",
        "Source-IP: 198.51.100.23",
        "Reported-Domain: amaz0n-security.example",
        "Reported-URI: http://192.0.2.7/amazon/login",
        "Authentication-Results: mx.example.net; spf=pass",
    ] {
        assert!(
            fields.contains(expected),
            "missing {expected:?} in\n{fields}"
        );
    }

    let PartType::Message(inner) = &parts[2].body else {
        panic!("the original is not a nested message");
    };
    assert_eq!(
        inner.raw_message(),
        original.as_slice(),
        "attached unmodified"
    );
    assert_eq!(inner.subject(), Some("Your account has been locked"));
}

#[test]
fn paypal_gets_a_plain_forward_with_the_subject_unchanged() {
    let rules = rules();
    let original = PHISHING_PAYPAL.as_bytes();
    let record = judge_bytes("pp.eml", "", original, &rules);
    assert_eq!(record.verdict.brand.as_deref(), Some("paypal"));
    assert!(record.verdict.trust.is_alarm(), "{:?}", record.verdict);
    let report = report(original, &record, &rules, "me@example.net");
    assert_eq!(report.to, "phishing@paypal.com");
    assert_eq!(report.form, Form::Forward);

    let text = String::from_utf8(report.bytes.clone()).unwrap();
    assert!(
        !text.contains('\r'),
        "the forward keeps the original's LF endings"
    );
    assert!(
        text.contains(
            "\nSubject: =?utf-8?B?WW91ciBQYXlQYWwgYWNjb3VudCBpcyBsaW1pdGVk?=\n =?utf-8?B?IOKAkyBhY3Qgbm93?=\n"
        ),
        "subject header copied as is:\n{text}"
    );
    let parsed = MessageParser::default().parse(&report.bytes).unwrap();
    assert_eq!(
        parsed.subject(),
        MessageParser::default().parse(original).unwrap().subject(),
        "no Fwd:, nothing changed"
    );
    assert_eq!(
        parsed.from().unwrap().first().unwrap().address(),
        Some("me@example.net")
    );
    assert_eq!(parsed.parts.len(), 1, "one inline text part, no attachment");
    assert!(
        report.bytes.ends_with(original),
        "the whole original, headers included, ends the body"
    );
    let body = parsed.body_text(0).unwrap();
    assert!(body.contains("---------- Forwarded message ----------"));
    assert!(body.contains("Received: from relay.example.org"));
}

#[test]
fn no_brand_or_no_address_goes_to_the_apwg_and_says_why() {
    let rules = rules();
    let original = phishing_amazon();
    let mut record = judge_bytes("x.eml", "", &original, &rules);

    record.verdict.brand = None;
    let report = report(&original, &record, &rules, ME);
    assert_eq!(report.to, arf::APWG);
    assert_eq!(report.form, Form::Arf);
    let why = report.fallback.clone().unwrap();
    assert!(why.contains("claims no brand"), "{why}");
    let parsed = MessageParser::default().parse(&report.bytes).unwrap();
    let human = parsed.body_text(0).unwrap();
    assert!(human.contains("Anti-Phishing Working Group because the message claims no brand"));
    assert!(
        human.contains("Links in it:"),
        "every web link is reported: {human}"
    );

    let google = rules.brands.get("google").unwrap();
    assert!(
        google.report.is_none(),
        "the test needs a brand without an address"
    );
    record.verdict.brand = Some("google".into());
    let report = arf::build(&ReportRequest {
        original: &original,
        record: &record,
        rules: &rules,
        identity: ME,
        date: "d",
        message_id: "m@x",
    })
    .unwrap();
    assert_eq!(report.to, arf::APWG);
    assert!(
        report
            .fallback
            .unwrap()
            .contains("Google publishes no address")
    );
}

#[test]
fn only_suspect_messages_from_the_users_address_are_reported() {
    let rules = rules();
    let genuine = GENUINE_AMAZON.as_bytes();
    let record = judge_bytes("g.eml", "", genuine, &rules);
    let request = ReportRequest {
        original: genuine,
        record: &record,
        rules: &rules,
        identity: ME,
        date: "d",
        message_id: "m@x",
    };
    assert_eq!(
        arf::build(&request),
        Err(ReportError::NotSuspect(Trust::Verified))
    );

    // The suspect message has a To address; it is never used in place of the user's own.
    let record = judge_bytes("p.eml", "", PHISHING_AMAZON.as_bytes(), &rules);
    let request = ReportRequest {
        original: PHISHING_AMAZON.as_bytes(),
        record: &record,
        identity: "",
        ..request
    };
    assert!(matches!(
        arf::build(&request),
        Err(ReportError::NoSender(_))
    ));
    let with_identity = ReportRequest {
        identity: "dana@example.net",
        ..request
    };
    assert!(arf::build(&with_identity).is_ok());
}

#[test]
fn hostile_headers_cannot_inject_into_the_report() {
    let rules = rules();
    let hostile = phishing_amazon();
    let mut record = judge_bytes("x.eml", "", &hostile, &rules);
    record.verdict.signals[0].evidence = "evil\r\nBcc: victim@example.org\x1b[2J".into();
    let report = report(&hostile, &record, &rules, "me@example.net\r\nBcc: x@y");
    let head_end = report
        .bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap();
    let head = String::from_utf8_lossy(&report.bytes[..head_end]);
    assert!(!head.contains("\nBcc"), "{head}");
    let parsed = MessageParser::default().parse(&report.bytes).unwrap();
    assert!(parsed.bcc().is_none());
    assert!(!parsed.body_text(0).unwrap().contains('\x1b'));
}

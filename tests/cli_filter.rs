//! `mailvet filter`: the message on standard input comes out on standard output byte for byte, with the
//! verdict on top as X-Mailvet-* headers and any X-Mailvet-* headers it arrived with removed.

mod common;

use std::fs;
use std::process::Stdio;

use common::filtered::{split_stamp, stamp_value as header};
use common::*;

/// Forged X-Mailvet-* fields (any case, one folded) put into `message` after its first header.
fn with_forged_headers(message: &str) -> String {
    let (first, rest) = message.split_once("\r\n").unwrap();
    format!(
        "{first}\r\nX-Mailvet-Trust: verified\r\nx-mailvet-signals: dmarc,\r\n\tdkim-aligned\r\nX-MAILVET-Brand: amazon\r\n{rest}"
    )
}

fn filter(home: &std::path::Path, args: &[&str], input: &[u8]) -> (Option<i32>, Vec<u8>) {
    let out = mailvet(home)
        .arg("filter")
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap();
    (out.status.code(), out.stdout)
}

#[test]
fn phishing_is_labelled_and_every_other_byte_passes_crlf_and_lf_alike() {
    let dir = tempfile::tempdir().unwrap();
    for eol in ["\r\n", "\n"] {
        let input = with_forged_headers(PHISHING_AMAZON).replace("\r\n", eol);
        let expected_below = PHISHING_AMAZON.replace("\r\n", eol);
        let (code, out) = filter(dir.path(), &[], input.as_bytes());
        assert_eq!(code, Some(0));
        let (lines, below) = split_stamp(&out);
        assert_eq!(
            String::from_utf8_lossy(below),
            expected_below,
            "only the forged headers went"
        );
        let names: Vec<&str> = lines.iter().map(|l| l.split(':').next().unwrap()).collect();
        assert_eq!(
            names,
            [
                "X-Mailvet-Trust",
                "X-Mailvet-Category",
                "X-Mailvet-Brand",
                "X-Mailvet-Signals",
                "X-Mailvet-Version"
            ]
        );
        assert_eq!(header(&lines, "X-Mailvet-Trust"), "phishing");
        assert_eq!(header(&lines, "X-Mailvet-Category"), "account-security");
        assert_eq!(header(&lines, "X-Mailvet-Brand"), "amazon");
        assert!(header(&lines, "X-Mailvet-Signals").contains("sender-domain"));
        assert_eq!(
            header(&lines, "X-Mailvet-Version"),
            env!("CARGO_PKG_VERSION")
        );
        let added = out.len() - below.len();
        let ending = if eol == "\r\n" { "\r\n" } else { "\n" };
        assert!(
            String::from_utf8_lossy(&out[..added])
                .split_inclusive('\n')
                .all(|l| l.ends_with(ending) && !l[..l.len() - ending.len()].contains('\r')),
            "added lines end as the message's own lines do"
        );
    }
}

#[test]
fn genuine_mail_is_verified_and_unchanged_below_the_headers() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = filter(dir.path(), &["--exit-code"], GENUINE_AMAZON.as_bytes());
    assert_eq!(code, Some(0));
    let (lines, below) = split_stamp(&out);
    assert_eq!(below, GENUINE_AMAZON.as_bytes());
    assert_eq!(header(&lines, "X-Mailvet-Trust"), "verified");
    assert_eq!(header(&lines, "X-Mailvet-Category"), "orders-shipping");
}

#[test]
fn exit_code_flag_exits_1_for_phishing_and_still_writes_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = filter(dir.path(), &["--exit-code"], PHISHING_AMAZON.as_bytes());
    assert_eq!(code, Some(1));
    assert_eq!(split_stamp(&out).1, PHISHING_AMAZON.as_bytes());
    let (code, _) = filter(dir.path(), &[], PHISHING_AMAZON.as_bytes());
    assert_eq!(
        code,
        Some(0),
        "without --exit-code every written message exits 0"
    );
}

#[test]
fn bytes_that_are_no_message_pass_labelled_unparseable() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = filter(dir.path(), &["--exit-code"], GARBAGE);
    assert_eq!(code, Some(0));
    let (lines, below) = split_stamp(&out);
    assert_eq!(below, GARBAGE);
    assert_eq!(header(&lines, "X-Mailvet-Trust"), "unparseable");
    let (code, out) = filter(dir.path(), &[], b"");
    assert_eq!(code, Some(0));
    assert_eq!(
        header(&split_stamp(&out).0, "X-Mailvet-Trust"),
        "unparseable"
    );
}

#[test]
fn mail_over_the_size_cap_passes_whole_with_one_header_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    fs::write(&config, "max_message_size = \"1K\"\n").unwrap();
    let body = "A long line of an ordinary newsletter.\r\n".repeat(200);
    let clean = format!("{PERSONAL}{body}");
    let input = with_forged_headers(&clean);
    assert!(input.len() > 4 * 1024);
    let (code, out) = filter(
        dir.path(),
        &["--exit-code", "--config", config.to_str().unwrap()],
        input.as_bytes(),
    );
    assert_eq!(code, Some(0));
    let (lines, below) = split_stamp(&out);
    assert_eq!(
        lines,
        ["X-Mailvet-Skipped: not judged, larger than max_message_size (1024 bytes)"]
    );
    assert_eq!(
        String::from_utf8_lossy(below),
        clean,
        "the whole message, forged headers removed"
    );
}

#[test]
fn trusted_authserv_ids_come_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    // The genuine message's results come from mx.example.net; an admin who trusts only another server's
    // results gets no proof from them.
    fs::write(&config, "trusted_authserv_ids = [\"mx.example.org\"]\n").unwrap();
    let (_, out) = filter(
        dir.path(),
        &["--config", config.to_str().unwrap()],
        GENUINE_AMAZON.as_bytes(),
    );
    assert_ne!(header(&split_stamp(&out).0, "X-Mailvet-Trust"), "verified");
    fs::write(&config, "trusted_authserv_ids = [\"MX.example.NET\"]\n").unwrap();
    let (_, out) = filter(
        dir.path(),
        &["--config", config.to_str().unwrap()],
        GENUINE_AMAZON.as_bytes(),
    );
    assert_eq!(header(&split_stamp(&out).0, "X-Mailvet-Trust"), "verified");
}

#[test]
fn a_write_error_is_a_failure_so_the_delivery_agent_keeps_its_copy() {
    let dir = tempfile::tempdir().unwrap();
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("SKIPPED: no /dev/full");
        return;
    };
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mailvet"))
        .arg("filter")
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), PERSONAL.as_bytes()).unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("mailvet filter:"));
}

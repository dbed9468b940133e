//! The README's procmail set-up, for real: procmail delivers into a temp Maildir through a recipe that pipes
//! every message through `mailvet filter` and files phishing into Junk.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::filtered::*;
use common::make_maildir;

/// The README's recipes, with the binary under test and the admin's config.
fn procmailrc(maildir: &Path, config: &Path, log: &Path) -> String {
    format!(
        "SHELL=/bin/sh\nMAILDIR={maildir}/\nDEFAULT=$MAILDIR\nLOGFILE={log}\n\n\
         :0 fw\n| {mailvet} filter --config {config}\n\n\
         :0\n* ^X-Mailvet-Trust: phishing\n.Junk/\n",
        maildir = maildir.display(),
        log = log.display(),
        mailvet = assert_cmd::cargo::cargo_bin("mailvet").display(),
        config = config.display(),
    )
}

/// procmail, or `None` with a message when it is missing (a failure under `CI`).
fn procmail() -> Option<&'static str> {
    let path = "/usr/bin/procmail";
    if Path::new(path).is_file() {
        return Some(path);
    }
    let problem = "procmail is not installed (Debian: apt-get install procmail)";
    assert!(std::env::var_os("CI").is_none(), "CI: {problem}");
    eprintln!("SKIPPED: {problem}");
    None
}

fn deliver(procmail: &str, rc: &Path, message: &str, log: &Path) {
    let mut child = Command::new(procmail)
        .arg("-m")
        .arg(rc)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(message.as_bytes())
        .unwrap();
    let status = child.wait().unwrap();
    let log = fs::read_to_string(log).unwrap_or_default();
    assert!(status.success(), "procmail: {status}: {log}");
}

#[test]
fn procmail_files_phishing_into_junk_and_genuine_mail_into_the_inbox_with_mailvet_headers() {
    let Some(procmail) = procmail() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    let log = dir.path().join("procmail.log");
    let rc = dir.path().join("procmailrc");
    fs::write(&rc, procmailrc(&root, &admin_config(dir.path()), &log)).unwrap();

    deliver(procmail, &rc, &forged(PHISHING_DELIVERY), &log);
    deliver(procmail, &rc, GENUINE_DELIVERY, &log);

    // procmail ends every message with an empty line (as mbox needs) before the filter sees it; mailvet
    // passes that on like every other byte.
    let junked = only_new_message(&root.join(".Junk"));
    let (lines, below) = split_stamp(&junked);
    assert_eq!(stamp_value(&lines, "X-Mailvet-Trust"), "phishing");
    assert_eq!(stamp_value(&lines, "X-Mailvet-Brand"), "paypal");
    assert_eq!(
        String::from_utf8_lossy(below),
        format!("{PHISHING_DELIVERY}\n"),
        "below mailvet's headers: the message as sent, without the forged header"
    );
    let kept = only_new_message(&root);
    let (lines, below) = split_stamp(&kept);
    assert_eq!(stamp_value(&lines, "X-Mailvet-Trust"), "verified");
    assert_eq!(stamp_value(&lines, "X-Mailvet-Category"), "orders-shipping");
    assert_eq!(
        String::from_utf8_lossy(below),
        format!("{GENUINE_DELIVERY}\n")
    );
}

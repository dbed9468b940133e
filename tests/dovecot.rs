//! A real Dovecot agrees with mailvet: after mailvet flags, archives and junks messages, IMAP (FETCH FLAGS,
//! STATUS) through Dovecot shows the same flags and the messages in Archive and Junk; and a flag Dovecot sets
//! (STORE +FLAGS) shows up in mailvet's view of the Maildir.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::dovecot::{Dovecot, give_to_mail_user};
use common::*;

fn message(subject: &str) -> String {
    format!(
        "From: a@example.org\r\nTo: b@example.org\r\nSubject: {subject}\r\nMessage-ID: <{subject}@example.org>\r\n\r\nbody\r\n"
    )
}

fn run(home: &Path, args: &[&str]) {
    let out = mailvet(home).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn dovecot_sees_mailvet_flags_and_moves_and_mailvet_sees_dovecot_flags() {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    fs::write(root.join("new/1700000001.M1P1.host"), message("fresh")).unwrap();
    put(
        &root,
        "1700000002.M2P1.host:2,",
        message("answered").as_bytes(),
    );
    put(
        &root,
        "1700000003.M3P1.host:2,S",
        message("archived").as_bytes(),
    );
    put(
        &root,
        "1700000004.M4P1.host:2,",
        message("junked").as_bytes(),
    );
    put(
        &root,
        "1700000005.M5P1.host:2,S",
        message("starred-by-dovecot").as_bytes(),
    );

    let Some(dovecot) = Dovecot::start(&root, dir.path()) else {
        return;
    };
    let mut imap = dovecot.login();
    imap.run("SELECT INBOX");
    assert_eq!(
        imap.flags_by_subject().len(),
        5,
        "Dovecot indexed the Maildir first"
    );

    let h = dir.path();
    let p = |rel: &str| root.join(rel).to_string_lossy().into_owned();
    run(
        h,
        &[
            "flag",
            &p("new/1700000001.M1P1.host"),
            "--set",
            "seen,flagged",
        ],
    );
    run(
        h,
        &[
            "flag",
            &p("cur/1700000002.M2P1.host:2,"),
            "--set",
            "replied",
        ],
    );
    run(
        h,
        &[
            "move",
            &p("cur/1700000003.M3P1.host:2,S"),
            "--to",
            "Archive",
        ],
    );
    run(
        h,
        &["move", &p("cur/1700000004.M4P1.host:2,"), "--to", "Junk"],
    );
    give_to_mail_user(&root); // the folders mailvet created belong to the user whose mailvet ran

    let mut imap = dovecot.login();
    imap.run("SELECT INBOX");
    let mut seen = imap.flags_by_subject();
    seen.sort();
    let expected = [
        ("answered", "\\Answered"),
        ("fresh", "\\Flagged \\Seen"),
        ("starred-by-dovecot", "\\Seen"),
    ];
    let got: Vec<(&str, &str)> = seen.iter().map(|(s, f)| (s.as_str(), f.as_str())).collect();
    assert_eq!(got, expected);
    assert_eq!(imap.messages_in("Archive"), 1);
    assert_eq!(imap.messages_in("Junk"), 1);
    imap.run("SELECT Junk");
    assert_eq!(
        imap.flags_by_subject(),
        [("junked".to_owned(), String::new())]
    );

    // Dovecot flags a message; mailvet sees the renamed file.
    imap.run("SELECT INBOX");
    let listed = imap.flags_by_subject();
    let seq = 1 + listed
        .iter()
        .position(|(s, _)| s == "starred-by-dovecot")
        .unwrap();
    imap.run(&format!("STORE {seq} +FLAGS (\\Flagged)"));
    imap.run("LOGOUT");
    let out = mailvet(h)
        .args(["scan", "--format", "jsonl"])
        .arg(&root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("1700000005.M5P1.host:2,FS"), "{text}");
    assert!(root.join("cur/1700000005.M5P1.host:2,FS").is_file());
}

//! The pathological set through the real binary's `scan` and `explain`: every message gets its record (one
//! message can no longer abort the run and lose the others), every message is explained, and no escape
//! sequence from a message or a file or folder name reaches the output.

mod hostile;

use std::process::{Command, Output};

fn mailvet(args: &[&std::ffi::OsStr], home: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mailvet"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("MAILVET_CONFIG")
        .output()
        .expect("run mailvet")
}

fn assert_clean(what: &str, out: &Output) {
    for stream in [&out.stdout, &out.stderr] {
        if let Some(found) = hostile::forbidden_in(stream) {
            panic!("{what}: a raw control sequence reached the terminal: {found}");
        }
    }
}

#[test]
fn scan_reports_every_message_of_the_hostile_set() {
    let md = tempfile::tempdir().expect("tempdir");
    let home = tempfile::tempdir().expect("home");
    let count = hostile::write_maildir(md.path());
    let out = mailvet(
        &[
            "scan".as_ref(),
            "--format".as_ref(),
            "jsonl".as_ref(),
            md.path().as_os_str(),
        ],
        home.path(),
    );
    assert_clean("scan", &out);
    assert!(
        out.status.code().is_some(),
        "scan was killed by a signal: {:?}",
        out.status
    );
    let records = String::from_utf8_lossy(&out.stdout).lines().count();
    assert_eq!(
        records,
        count,
        "one record per message; stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = mailvet(&["scan".as_ref(), md.path().as_os_str()], home.path());
    assert_clean("scan (table)", &table);
}

#[test]
fn explain_answers_on_every_message_of_the_hostile_set() {
    let md = tempfile::tempdir().expect("tempdir");
    let home = tempfile::tempdir().expect("home");
    hostile::write_maildir(md.path());
    let mut files: Vec<_> = std::fs::read_dir(md.path().join("cur"))
        .expect("cur")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for file in files {
        for format in ["text", "json"] {
            let out = mailvet(
                &[
                    "explain".as_ref(),
                    "--format".as_ref(),
                    format.as_ref(),
                    file.as_os_str(),
                ],
                home.path(),
            );
            assert_clean(&format!("explain {}", file.display()), &out);
            assert!(
                matches!(out.status.code(), Some(0..=2)),
                "explain {} ended with {:?}: {}",
                file.display(),
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

//! The CLI's defects found by a fault run, each fixed: `export -o` into the Maildir, actions on the printable
//! path instead of the real one, raw escapes from file names in CLI lines, exports cut short by a full disk.
//! (A config path that would block for ever: tests/cannot_use.rs.)

mod common;

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use common::*;

/// A Maildir `Mail` with a phish, a genuine notice and personal mail in cur/.
fn sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    put(&root, "1700000001.M1P1.host:2,S", GENUINE_AMAZON.as_bytes());
    put(
        &root,
        "1700000002.M2P1.host:2,S",
        PHISHING_AMAZON.as_bytes(),
    );
    put(&root, "1700000003.M3P1.host:2,", PERSONAL.as_bytes());
    (dir, root)
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn export_refuses_outputs_inside_the_maildir_read_only_or_not() {
    let (home, root) = sample();
    fs::create_dir_all(root.join(".Junk/cur")).unwrap();
    fs::create_dir_all(root.join(".Junk/new")).unwrap();
    std::os::unix::fs::symlink(root.join("cur"), home.path().join("via-link")).unwrap();
    let before = files(&root);
    let cases: [(&[&str], PathBuf); 4] = [
        (&["--format", "mbox"], root.join("cur/inside.mbox")),
        (&["--format", "eml"], root.join(".Junk")),
        (&["--format", "json"], home.path().join("via-link/x.json")),
        (&["--format", "mbox"], root.join("cur/../new/inside.mbox")),
    ];
    for read_only in [true, false] {
        for (format, output) in &cases {
            let mut cmd = mailvet(home.path());
            if read_only {
                cmd.arg("--read-only");
            }
            cmd.arg("export")
                .arg(&root)
                .args(*format)
                .arg("-o")
                .arg(output)
                .assert()
                .code(2)
                .stderr(predicates::str::contains("inside the Maildir"));
        }
    }
    assert_eq!(files(&root), before, "nothing was written into the Maildir");
    // A folder given on its own still counts as its Maildir.
    mailvet(home.path())
        .arg("export")
        .arg(root.join(".Junk"))
        .args(["--format", "mbox", "-o"])
        .arg(root.join("new/x.mbox"))
        .assert()
        .code(2);
    // Outside it, the export is written.
    let outside = home.path().join("out.mbox");
    mailvet(home.path())
        .arg("export")
        .arg(&root)
        .args(["--format", "mbox", "-o"])
        .arg(&outside)
        .assert()
        .success();
    assert!(fs::metadata(&outside).unwrap().len() > 0);
}

#[test]
fn scan_junk_moves_the_real_file_not_the_one_named_like_its_printable_path() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    // The phish's name has a TAB, which prints as a space: exactly the genuine message's name.
    let phish = put(&root, "1700000003.a\tb.host:2,", PHISHING_AMAZON.as_bytes());
    let genuine = put(&root, "1700000003.a b.host:2,", PERSONAL.as_bytes());
    mailvet(dir.path())
        .arg("scan")
        .arg(&root)
        .args(["--trust", "phishing", "--junk"])
        .assert()
        .code(1);
    assert!(genuine.is_file(), "the genuine message stays in INBOX");
    assert!(!phish.exists(), "the phish left INBOX");
    assert!(root.join(".Junk/cur/1700000003.a\tb.host:2,").is_file());
}

#[test]
fn move_and_flag_lines_never_print_raw_escapes_from_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    let evil = put(
        &root,
        "1700000009.\u{1b}]2;PWNED\u{7}\u{1b}[31m.host:2,",
        PERSONAL.as_bytes(),
    );
    let flagged = mailvet(dir.path())
        .args(["flag", "--set", "flagged"])
        .arg(&evil)
        .assert()
        .success();
    let out = flagged.get_output();
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
    assert!(String::from_utf8_lossy(&out.stdout).contains("flag "));
    let now = fs::read_dir(root.join("cur"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let moved = mailvet(dir.path())
        .args(["move", "--to", "Archive"])
        .arg(&now)
        .assert()
        .success();
    let out = moved.get_output();
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
    // Errors too: the same file again is gone now.
    let gone = mailvet(dir.path())
        .args(["move", "--to", "Archive"])
        .arg(&now)
        .assert()
        .code(2);
    let out = gone.get_output();
    assert!(!out.stderr.is_empty());
    assert!(!out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07));
}

#[test]
fn the_too_large_error_of_export_prints_no_raw_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    put(
        &root,
        "1700000009.\u{1b}[2J\u{7}big.host:2,",
        format!(
            "From: a@example.org\r\nSubject: big\r\n\r\n{}",
            "x".repeat(4096)
        )
        .as_bytes(),
    );
    let config = dir.path().join("config.toml");
    fs::write(&config, "max_message_size = \"1K\"\n").unwrap();
    let out = mailvet(dir.path())
        .arg("--config")
        .arg(&config)
        .arg("export")
        .arg(&root)
        .args(["--format", "mbox", "-o"])
        .arg(dir.path().join("out.mbox"))
        .assert()
        .code(2);
    let stderr = &out.get_output().stderr;
    assert!(String::from_utf8_lossy(stderr).contains("too large"));
    assert!(!stderr.contains(&0x1b) && !stderr.contains(&0x07));
}

/// A tmpfs of `size` mounted on a temp dir, unmounted when dropped; `None` when mounting is not allowed.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let ok = StdCommand::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(SmallDisk { dir })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = StdCommand::new("umount").arg(self.dir.path()).status();
    }
}

/// A Maildir of `n` messages of about 20 KB each.
fn big_sample(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    for i in 0..n {
        let body = format!("line {i} of a long letter\r\n").repeat(800);
        put(
            &root,
            &format!("17000000{i:02}.M{i}P1.host:2,S"),
            format!("From: a@example.org\r\nSubject: letter {i}\r\n\r\n{body}").as_bytes(),
        );
    }
    (dir, root)
}

#[test]
fn exports_on_a_full_disk_leave_only_complete_files_and_name_the_file() {
    let Some(disk) = SmallDisk::mount("64k") else {
        eprintln!("SKIPPED: cannot mount a small tmpfs here (needs root)");
        return;
    };
    let (home, root) = big_sample(12);
    let sources: Vec<Vec<u8>> = files(&root).iter().map(|p| fs::read(p).unwrap()).collect();

    // One file per message: those that fit are whole, the others are not there at all.
    let eml_dir = disk.dir.path().join("eml");
    let out = mailvet(home.path())
        .arg("export")
        .arg(&root)
        .args(["--format", "eml", "-o"])
        .arg(&eml_dir)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&*eml_dir.to_string_lossy()) && stderr.contains(".eml'"),
        "the error names the file: {stderr}"
    );
    let written = files(&eml_dir);
    assert!(!written.is_empty() && written.len() < 12);
    for file in &written {
        let bytes = fs::read(file).unwrap();
        assert!(
            sources.contains(&bytes),
            "'{}' is cut or empty ({} bytes)",
            file.display(),
            bytes.len()
        );
    }
    for file in &written {
        fs::remove_file(file).unwrap();
    }

    // One stream: no cut mbox is left behind, and the error names it.
    let mbox = disk.dir.path().join("all.mbox");
    let out = mailvet(home.path())
        .arg("export")
        .arg(&root)
        .args(["--format", "mbox", "-o"])
        .arg(&mbox)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("all.mbox"),
        "the error names the file: {stderr}"
    );
    assert_eq!(
        files(disk.dir.path()),
        Vec::<PathBuf>::new(),
        "nothing left"
    );
}

#[test]
fn a_stream_export_to_a_full_device_fails_naming_it() {
    let (home, root) = big_sample(4);
    let out = mailvet(home.path())
        .arg("export")
        .arg(&root)
        .args(["--format", "mbox", "-o", "/dev/full"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("'/dev/full'"), "{stderr}");
    // /dev/full is still the device, not replaced by a regular file.
    assert!(
        fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

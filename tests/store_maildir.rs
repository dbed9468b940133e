//! store::collect and store::read_message on real Maildirs and directories in temp dirs.

use std::fs;
use std::path::{Path, PathBuf};

use mailvet::store::{self, Entry, StoreError, maildir};

const MSG: &str = "From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n";

fn write(path: &Path, body: &str) {
    fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
    fs::write(path, body).expect("write");
}

fn make_maildir(dir: &Path) {
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(dir.join(sub)).expect("mkdir");
    }
}

/// A Maildir with INBOX (new + cur), `.Archive`, `.Lists.rust`, a nested `Old/` (with `Old/2019/`), tmp/ files,
/// dotfiles and a non-Maildir dot directory.
fn sample_maildir(root: &Path) {
    make_maildir(root);
    write(&root.join("new/1700000002.M2P1.host"), MSG);
    write(&root.join("new/1700000001.M1P1.host"), MSG);
    write(&root.join("cur/1600000000.M9P1.host:2,FS"), MSG);
    write(&root.join("cur/1650000000.M3P1.host,S=42:2,RS,XEXT"), MSG);
    write(&root.join("tmp/1700000003.M4P1.host"), MSG);
    write(&root.join("cur/.hidden"), MSG);
    write(&root.join("dovecot-uidlist"), "3 V1 N1\n");
    make_maildir(&root.join(".Lists.rust"));
    write(&root.join(".Lists.rust/cur/1500000000.a:2,S"), MSG);
    make_maildir(&root.join(".Archive"));
    write(&root.join(".Archive/cur/1400000000.b:2,S"), MSG);
    write(&root.join(".Archive/new/1400000001.c"), MSG);
    fs::create_dir_all(root.join(".notmaildir/cur")).expect("mkdir");
    make_maildir(&root.join("Old"));
    write(&root.join("Old/cur/1300000000.d:2,S"), MSG);
    make_maildir(&root.join("Old/2019"));
    write(&root.join("Old/2019/new/1200000000.e"), MSG);
}

fn summary(entries: &[Entry]) -> Vec<(String, String, bool, String)> {
    entries
        .iter()
        .map(|e| {
            (
                e.folder.clone(),
                e.path
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned(),
                e.is_new,
                e.flags.clone(),
            )
        })
        .collect()
}

fn row(folder: &str, name: &str, is_new: bool, flags: &str) -> (String, String, bool, String) {
    (folder.into(), name.into(), is_new, flags.into())
}

#[test]
fn maildir_folders_inbox_first_then_sorted() {
    let tmp = tempfile::tempdir().expect("tempdir");
    sample_maildir(tmp.path());
    let mut errors = Vec::new();
    let names: Vec<String> = maildir::folders(tmp.path(), "", &mut errors)
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(names, ["INBOX", "Archive", "Lists.rust", "Old", "Old/2019"]);
    assert!(maildir::is_maildir(tmp.path()));
    assert!(!maildir::is_maildir(&tmp.path().join(".notmaildir")));
}

#[test]
fn maildir_listing_in_stable_order_skipping_tmp_and_dotfiles() {
    let tmp = tempfile::tempdir().expect("tempdir");
    sample_maildir(tmp.path());
    let (entries, errors) = store::collect(&[tmp.path().to_owned()]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        summary(&entries),
        [
            row("INBOX", "1600000000.M9P1.host:2,FS", false, "FS"),
            row("INBOX", "1650000000.M3P1.host,S=42:2,RS,XEXT", false, "RS"),
            row("INBOX", "1700000001.M1P1.host", true, ""),
            row("INBOX", "1700000002.M2P1.host", true, ""),
            row("Archive", "1400000000.b:2,S", false, "S"),
            row("Archive", "1400000001.c", true, ""),
            row("Lists.rust", "1500000000.a:2,S", false, "S"),
            row("Old", "1300000000.d:2,S", false, "S"),
            row("Old/2019", "1200000000.e", true, ""),
        ]
    );
    let first = &entries[0];
    assert_eq!(first.unique, "1600000000.M9P1.host");
    assert_eq!(first.delivered, Some(1_600_000_000));
    assert_eq!(entries[1].unique, "1650000000.M3P1.host,S=42");
    // Listing twice gives the same order.
    assert_eq!(store::collect(&[tmp.path().to_owned()]).0, entries);
}

#[test]
fn directory_of_eml_files_with_subdirectories_and_a_maildir_inside() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    write(&dir.join("b.eml"), MSG);
    write(&dir.join("a.eml"), MSG);
    write(&dir.join("no-extension"), MSG);
    write(&dir.join(".DS_Store"), "junk");
    write(&dir.join("2024/x.eml"), MSG);
    write(&dir.join(".git/config"), "junk");
    make_maildir(&dir.join("mail"));
    write(&dir.join("mail/new/1.m"), MSG);
    make_maildir(&dir.join("mail/.Junk"));
    write(&dir.join("mail/.Junk/cur/2.j:2,S"), MSG);
    let (entries, errors) = store::collect(&[dir.to_owned()]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        summary(&entries),
        [
            row("", "a.eml", false, ""),
            row("", "b.eml", false, ""),
            row("", "no-extension", false, ""),
            row("2024", "x.eml", false, ""),
            row("mail", "1.m", true, ""),
            row("mail/Junk", "2.j:2,S", false, "S"),
        ]
    );
    assert_eq!(entries[0].unique, "a.eml");
    assert_eq!(entries[0].delivered, None);
}

#[test]
fn single_files_missing_paths_and_order_of_inputs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("one.eml");
    write(&file, MSG);
    sample_maildir(&tmp.path().join("Maildir"));
    let in_cur = tmp.path().join("Maildir/cur/1600000000.M9P1.host:2,FS");
    let missing = tmp.path().join("nope");
    let (entries, errors) = store::collect(&[missing.clone(), file.clone(), in_cur.clone()]);
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].path, file);
    assert_eq!(entries[0].folder, "");
    assert_eq!(entries[1].path, in_cur);
    assert_eq!(entries[1].flags, "FS");
    assert_eq!(errors.len(), 1);
    assert!(matches!(&errors[0], StoreError::Missing { path } if *path == missing));
    let message = errors[0].to_string();
    assert!(
        message.contains(&format!("'{}'", missing.display())),
        "{message}"
    );
}

/// What a listing sees when another client renames a message between reading `new/` and `cur/` (or, in
/// `cur/`, to a name the listing had not reached): one file (one inode) under two names. Played with hard
/// links. The message is listed once, under its `cur/` name; two files that only share a unique name are
/// two entries, as before.
#[test]
fn a_message_renamed_while_listed_is_listed_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    make_maildir(root);
    let new = root.join("new/1700000001.M1P1.host");
    write(&new, MSG);
    fs::hard_link(&new, root.join("cur/1700000001.M1P1.host:2,")).expect("link");
    let flagged = root.join("cur/1700000002.M2P1.host:2,FS");
    write(&flagged, MSG);
    fs::hard_link(&flagged, root.join("cur/1700000002.M2P1.host:2,S")).expect("link");
    write(&root.join("new/1700000003.M3P1.host"), MSG);
    write(
        &root.join("cur/1700000003.M3P1.host:2,S"),
        "another file, same unique name",
    );
    let mut errors = Vec::new();
    let entries = maildir::collect(root, "", &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        summary(&entries),
        vec![
            row("INBOX", "1700000001.M1P1.host:2,", false, ""),
            row("INBOX", "1700000002.M2P1.host:2,S", false, "S"),
            row("INBOX", "1700000003.M3P1.host", true, ""),
            row("INBOX", "1700000003.M3P1.host:2,S", false, "S"),
        ]
    );
}

#[cfg(unix)]
#[test]
fn fifo_is_refused_without_blocking() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let fifo = tmp.path().join("fifo");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipped");
        return;
    }
    let (entries, errors) = store::collect(std::slice::from_ref(&fifo));
    assert!(entries.is_empty());
    assert!(matches!(&errors[0], StoreError::NotAFile { .. }));
    assert!(matches!(
        store::read_message(&fifo, 10),
        Err(StoreError::NotAFile { .. })
    ));
    // In a Maildir's cur/: named by the listing (never opened: tests/special_files.rs), not a message.
    let root = tmp.path().join("Mail");
    make_maildir(&root);
    write(&root.join("cur/1700000001.M1P1.host:2,S"), MSG);
    let planted = root.join("cur/1700000002.M2P1.host:2,S");
    fs::rename(&fifo, &planted).expect("rename");
    let (entries, errors) = store::collect(std::slice::from_ref(&root));
    assert_eq!(entries.len(), 1);
    assert!(
        matches!(&errors[..], [StoreError::NotAFile { path }] if *path == planted),
        "{errors:?}"
    );
}

#[test]
fn read_message_caps_the_size() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("big.eml");
    write(&path, &"x".repeat(1000));
    assert_eq!(store::read_message(&path, 1000).expect("fits").len(), 1000);
    let err = store::read_message(&path, 999).expect_err("too large");
    assert!(matches!(
        err,
        StoreError::TooLarge {
            size: 1000,
            limit: 999,
            ..
        }
    ));
    let message = err.to_string();
    assert!(
        message.contains(&format!("'{}'", path.display())),
        "{message}"
    );
    assert!(
        message.contains("1000") && message.contains("999"),
        "{message}"
    );
}

#[test]
fn read_message_names_a_missing_file() {
    let path = PathBuf::from("/nonexistent/mailvet/x.eml");
    let err = store::read_message(&path, 10).expect_err("missing");
    assert!(
        err.to_string().contains("'/nonexistent/mailvet/x.eml'"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_folder_is_reported_and_the_rest_listed() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    sample_maildir(tmp.path());
    let cur = tmp.path().join(".Archive/cur");
    fs::set_permissions(&cur, fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable = fs::read_dir(&cur).is_ok(); // root ignores permissions
    let (entries, errors) = store::collect(&[tmp.path().to_owned()]);
    fs::set_permissions(&cur, fs::Permissions::from_mode(0o755)).expect("chmod back");
    if readable {
        eprintln!("running as root: permissions not enforced; skipped");
        return;
    }
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].to_string().contains(".Archive/cur'"),
        "{}",
        errors[0]
    );
    assert_eq!(entries.len(), 8);
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_entered_is_named_not_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    sample_maildir(tmp.path());
    let archive = tmp.path().join(".Archive");
    fs::set_permissions(&archive, fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable = fs::read_dir(&archive).is_ok(); // root ignores permissions
    let mut errors = Vec::new();
    let folders = maildir::folders(tmp.path(), "", &mut errors);
    fs::set_permissions(&archive, fs::Permissions::from_mode(0o755)).expect("chmod back");
    if readable {
        eprintln!("running as root: permissions not enforced; skipped");
        return;
    }
    assert!(folders.iter().all(|f| f.name != "Archive"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].to_string().contains(".Archive'"), "{}", errors[0]);
}

#[test]
fn a_symlink_in_cur_is_reported_and_never_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    make_maildir(root);
    write(&root.join("cur/1700000000.a:2,S"), MSG);
    let secret = root.join("secret.txt");
    write(&secret, "From: x@example.com\r\n\r\nsecret\r\n");
    std::os::unix::fs::symlink(&secret, root.join("cur/1700000001.link:2,S")).expect("symlink");
    let (entries, errors) = store::collect(&[root.to_path_buf()]);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(
        errors
            .iter()
            .any(|e| matches!(e, StoreError::Symlink { .. })),
        "{errors:?}"
    );
    let read = store::read_message(&root.join("cur/1700000001.link:2,S"), 1 << 20);
    assert!(matches!(read, Err(StoreError::Symlink { .. })), "{read:?}");
}

#[test]
fn a_folder_loop_is_followed_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    make_maildir(root);
    write(&root.join("cur/1700000000.a:2,S"), MSG);
    std::os::unix::fs::symlink(".", root.join(".Loop")).expect("symlink");
    let (entries, _) = store::collect(&[root.to_path_buf()]);
    assert_eq!(entries.len(), 1, "{entries:?}");
}

#[test]
fn a_folder_whose_name_is_not_utf8_is_listed() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    make_maildir(root);
    let bad = root.join(std::ffi::OsStr::from_bytes(b".Bad\xff"));
    make_maildir(&bad);
    write(&bad.join("cur/1700000000.a:2,S"), MSG);
    let mut errors = Vec::new();
    let folders = maildir::folders(root, "", &mut errors);
    assert_eq!(folders.len(), 2, "{folders:?}");
    assert_eq!(folders[1].name, "Bad\u{fffd}");
    assert_eq!(folders[1].path, bad, "the real path is kept");
    let (entries, _) = store::collect(&[root.to_path_buf()]);
    assert_eq!(entries.len(), 1);
}

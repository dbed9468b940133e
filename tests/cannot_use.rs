//! A config, verdict cache or folder mailvet cannot use is named (path and problem, line and column for a
//! config) and mailvet goes on with what it can read: headless on standard error, the interface in its status
//! line. A config it cannot use makes it read-only, since the file may have said `read_only = true`.

mod common;
mod tui_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;
use std::time::Duration;

use common::*;
use tui_support::tmux;
use tui_support::tree::snapshot;

/// A Maildir `Mail` in `home` with a phish, a genuine notice and personal mail in cur/.
fn sample(home: &Path) -> PathBuf {
    let root = home.join("Mail");
    make_maildir(&root);
    put(&root, "1700000001.M1P1.host:2,S", GENUINE_AMAZON.as_bytes());
    put(
        &root,
        "1700000002.M2P1.host:2,S",
        PHISHING_AMAZON.as_bytes(),
    );
    put(&root, "1700000003.M3P1.host:2,", PERSONAL.as_bytes());
    root
}

/// `read_only = true` (the setting a fallback to defaults would drop), then a syntax error on line 3.
const BROKEN: &str = "read_only = true\nutc = true\nfolders = [\n";

#[test]
fn an_invalid_config_is_named_and_scan_goes_on_read_only() {
    let home = tempfile::tempdir().unwrap();
    let root = sample(home.path());
    let config = home.path().join("config.toml");
    fs::write(&config, BROKEN).unwrap();
    let out = mailvet(home.path())
        .arg("--config")
        .arg(&config)
        .args(["scan", "--format", "jsonl"])
        .arg(&root)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // exit 1: the phish was found, so the scan ran.
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
    assert!(
        stderr.contains(&format!("'{}'", config.display())),
        "{stderr}"
    );
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(stderr.contains("read-only"), "{stderr}");
}

#[test]
fn with_an_invalid_config_nothing_in_the_maildir_is_changed() {
    let home = tempfile::tempdir().unwrap();
    let root = sample(home.path());
    let config = home.path().join("config.toml");
    fs::write(&config, BROKEN).unwrap();
    let before = snapshot(&root);
    let phish = root.join("cur/1700000002.M2P1.host:2,S");
    for args in [
        vec![
            "flag".into(),
            "--set".into(),
            "F".into(),
            phish.display().to_string(),
        ],
        vec![
            "move".into(),
            "--to".into(),
            "Junk".into(),
            phish.display().to_string(),
        ],
        vec!["scan".into(), "--junk".into(), root.display().to_string()],
    ] {
        let out = mailvet(home.path())
            .arg("--config")
            .arg(&config)
            .args(&args)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.contains("read-only"), "{args:?}: {stderr}");
        assert_eq!(snapshot(&root), before, "{args:?} changed the Maildir");
    }
}

#[test]
fn an_unreadable_config_is_named_and_mailvet_goes_on() {
    let home = tempfile::tempdir().unwrap();
    let root = sample(home.path());
    // Not UTF-8: the file cannot be read as a config at all.
    let garbled = home.path().join("garbled.toml");
    fs::write(&garbled, b"read_only = \xff\xfe\n").unwrap();
    // A FIFO would block for ever: refused at once.
    let fifo = home.path().join("fifo.toml");
    assert!(
        StdCommand::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for (config, why) in [(garbled, "cannot read"), (fifo, "not a regular file")] {
        let out = mailvet(home.path())
            .arg("--config")
            .arg(&config)
            .arg("scan")
            .arg(&root)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", config.display());
        assert!(String::from_utf8_lossy(&out.stdout).contains("phishing"));
        assert!(
            stderr.contains(&format!("'{}'", config.display())),
            "{stderr}"
        );
        assert!(
            stderr.contains(why) && stderr.contains("read-only"),
            "{stderr}"
        );
    }
}

#[test]
fn the_interface_names_an_invalid_config_and_stays_read_only() {
    if !tmux::present() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let root = sample(home.path());
    let config = home.path().join("config").join("mailvet/config.toml");
    fs::create_dir_all(config.parent().unwrap()).unwrap();
    fs::write(&config, BROKEN).unwrap();
    let before = snapshot(&root);
    let t = tmux::start(home.path(), &[root.to_str().unwrap()]);
    let screen = t.wait_status("warning: invalid config");
    assert!(screen.contains("[read-only]"), "{screen}");
    t.wait_for("Lunch on Friday?");
    // The status line cuts it; the messages view shows it whole.
    t.keys(&["M"]);
    let screen = t.wait_for("line 3");
    assert!(screen.contains("read-only (nothing in the Maildir is changed)"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_gone("line 3");
    t.keys(&["!"]);
    t.wait_status("read-only");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert_eq!(snapshot(&root), before);
}

#[test]
fn the_interface_says_when_it_sets_a_broken_cache_aside() {
    if !tmux::present() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let root = sample(home.path());
    let cache = home.path().join("cache/mailvet/verdicts.sqlite");
    fs::create_dir_all(cache.parent().unwrap()).unwrap();
    fs::write(&cache, b"not a database at all; ".repeat(50)).unwrap();
    let t = tmux::start(home.path(), &[root.to_str().unwrap()]);
    t.wait_for("Lunch on Friday?");
    t.wait_status("setting it aside");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert!(cache.with_extension("sqlite.aside").exists());
}

/// The binary, run as `nobody` through `setpriv` when the tests run as root (root reads any folder);
/// `None`, after saying the test is skipped, when that is not possible.
fn as_nobody(home: &Path) -> Option<StdCommand> {
    let uid = StdCommand::new("id").arg("-u").output().ok()?;
    let mut cmd = if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
        if StdCommand::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("skipped: running as root without setpriv");
            return None;
        }
        let mut cmd = StdCommand::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_mailvet"));
        cmd
    } else {
        StdCommand::new(env!("CARGO_BIN_EXE_mailvet"))
    };
    cmd.env_clear()
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("TZ", "UTC");
    Some(cmd)
}

#[test]
fn a_folder_that_cannot_be_read_is_named_and_the_others_are_scanned() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let root = sample(home.path());
    let locked = root.join(".Locked");
    make_maildir(&locked);
    put(&locked, "1700000004.M4P1.host:2,", PERSONAL.as_bytes());
    for dir in [home.path(), &root, &root.join("cur"), &root.join("new")] {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o777)).unwrap();
    }
    for file in fs::read_dir(root.join("cur")).unwrap() {
        fs::set_permissions(file.unwrap().path(), fs::Permissions::from_mode(0o644)).unwrap();
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let Some(mut cmd) = as_nobody(home.path()) else {
        return;
    };
    let out = cmd
        .args(["--no-cache", "scan"])
        .arg(&root)
        .output()
        .unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(stderr.contains(".Locked"), "stderr: {stderr}");
    assert!(
        stdout.contains("phishing"),
        "stdout: {stdout}\nstderr: {stderr}"
    );
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
}

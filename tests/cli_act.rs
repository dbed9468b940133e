//! The headless actions through the real binary: `flag`, `move`, `scan --junk/--archive`, `--dry-run`, and
//! `--read-only` leaving the whole tree byte-identical (names, mtimes, contents) for every command.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use common::*;

/// A Maildir `Mail` with messages in new/ and cur/, a `.Archive`, and a copy left in tmp/ by a crashed move.
fn sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("Mail");
    make_maildir(&root);
    fs::write(root.join("new/1700000001.M1P1.host"), PHISHING_AMAZON).unwrap();
    put(&root, "1700000002.M2P1.host:2,S", GENUINE_AMAZON.as_bytes());
    put(&root, "1700000003.M3P1.host:2,", PERSONAL.as_bytes());
    make_maildir(&root.join(".Archive"));
    put(
        &root.join(".Archive"),
        "1600000000.M9P1.host:2,S",
        PERSONAL.as_bytes(),
    );
    fs::write(
        root.join(".Archive/tmp/mailvet-move.cur.1700000002.M2P1.host:2,S"),
        "x",
    )
    .unwrap();
    (dir, root)
}

/// Every path under `root` with its mtime and (for files) contents.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (SystemTime, Option<Vec<u8>>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(path) = stack.pop() {
        let meta = fs::symlink_metadata(&path).unwrap();
        let contents = if meta.is_dir() {
            stack.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            None
        } else {
            Some(fs::read(&path).unwrap())
        };
        out.insert(path, (meta.modified().unwrap(), contents));
    }
    out
}

fn message_names(dir: &Path) -> BTreeSet<String> {
    ["cur", "new"]
        .iter()
        .flat_map(|sub| fs::read_dir(dir.join(sub)).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn read_only_runs_of_every_command_leave_the_tree_identical() {
    let (dir, root) = sample();
    let msg = root.join("new/1700000001.M1P1.host");
    let (m, r) = (msg.to_str().unwrap(), root.to_str().unwrap());
    let commands: [&[&str]; 13] = [
        &[r],
        &["scan", r],
        &["scan", r, "--junk"],
        &["scan", r, "--archive", "--trust", "phishing"],
        &["scan", r, "--junk", "--dry-run"],
        &["explain", m],
        &["flag", m, "--set", "seen,F"],
        &["flag", m, "--clear", "S", "--dry-run"],
        &["move", m, "--to", "Junk"],
        &["move", m, "--to", "Archive", "--dry-run"],
        &["recover", r],
        &["scan", "--format", "jsonl", r],
        &["explain", "--format", "json", m],
    ];
    let config = dir.path().join("ro.toml");
    fs::write(&config, "read_only = true\n").unwrap();
    // `--read-only` still keeps verdicts in the cache ($XDG_CACHE_HOME, outside the Maildir): all else stays
    // (the home's own mtime only says the cache folder was made).
    let cache = dir.path().join(".cache");
    let tree = || -> BTreeMap<_, _> {
        let mut all = snapshot(dir.path());
        all.retain(|path, _| !path.starts_with(&cache) && path != dir.path());
        all
    };
    let before = tree();
    for args in commands {
        let writes = !args.contains(&"--dry-run")
            && (args.contains(&"--junk")
                || args.contains(&"--archive")
                || ["flag", "move", "recover"].contains(&args[0]));
        let by_flag = mailvet(dir.path())
            .args(args)
            .arg("--read-only")
            .output()
            .unwrap();
        let by_config = mailvet(dir.path())
            .args(args)
            .arg("--config")
            .arg(&config)
            .output()
            .unwrap();
        let flag_first = mailvet(dir.path())
            .arg("--read-only")
            .args(args)
            .output()
            .unwrap();
        for out in [by_flag, by_config, flag_first] {
            let stderr = String::from_utf8_lossy(&out.stderr);
            if writes {
                assert_eq!(out.status.code(), Some(2), "{args:?} is refused");
                assert!(stderr.contains("read-only"), "{args:?}: {stderr}");
            } else {
                assert_ne!(out.status.code(), Some(2), "{args:?}: {stderr}");
            }
        }
        assert_eq!(tree(), before, "{args:?} changed the tree");
    }
}

#[test]
fn flag_renames_and_reports_each_message_and_dry_run_changes_nothing() {
    let (dir, root) = sample();
    let msg = root.join("new/1700000001.M1P1.host");
    let before = snapshot(&root);
    let out = mailvet(dir.path())
        .args(["flag", "--set", "seen,F", "--dry-run"])
        .arg(&msg)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("would flag "));
    assert_eq!(snapshot(&root), before);

    let gone = root.join("cur/1.gone:2,");
    let out = mailvet(dir.path())
        .args(["flag", "--set", "seen", "--set", "F", "--clear", "replied"])
        .arg(&gone)
        .arg(&msg)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "one message could not be flagged"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1.gone"));
    let flagged = root.join("cur/1700000001.M1P1.host:2,FS");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("flag {} -> {}\n", msg.display(), flagged.display())
    );
    assert!(flagged.is_file());
    mailvet(dir.path())
        .args(["flag", "--set", "S", "--clear", "seen"])
        .arg(&flagged)
        .assert()
        .failure();
}

#[test]
fn move_finds_the_maildir_from_a_subfolder_and_recovers_first() {
    let (dir, root) = sample();
    let archived = root.join(".Archive/cur/1600000000.M9P1.host:2,S");
    let out = mailvet(dir.path())
        .args(["move", "--to", "Lists.rust"])
        .arg(&archived)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("recovered"),
        "the leftover copy was dealt with"
    );
    assert!(
        root.join(".Lists.rust/cur/1600000000.M9P1.host:2,S")
            .is_file()
    );
    assert_eq!(fs::read_dir(root.join(".Archive/tmp")).unwrap().count(), 0);
    mailvet(dir.path())
        .args(["move", "--to", "../x"])
        .arg(&archived)
        .assert()
        .code(2);
}

#[test]
fn scan_junk_moves_exactly_what_it_printed_and_dry_run_only_says_so() {
    let (dir, root) = sample();
    let scan = |extra: &[&str]| {
        mailvet(dir.path())
            .arg("scan")
            .arg(&root)
            .args(["--format", "jsonl"])
            .args(extra)
            .output()
            .unwrap()
    };
    let before = snapshot(&root);
    let dry = scan(&["--junk", "--dry-run"]);
    assert_eq!(snapshot(&root), before);
    let printed = String::from_utf8_lossy(&dry.stdout).lines().count();
    assert_eq!(
        String::from_utf8_lossy(&dry.stderr)
            .matches("would move ")
            .count(),
        printed
    );

    let out = scan(&["--trust", "phishing", "--archive"]);
    let printed: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            Path::new(v["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let archive = message_names(&root.join(".Archive"));
    assert!(printed.is_subset(&archive), "{printed:?} in {archive:?}");
    assert_eq!(
        archive.len(),
        printed.len() + usize::from(!printed.contains("1600000000.M9P1.host:2,S"))
    );

    let out = scan(&["--junk"]);
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        message_names(&root.join(".Junk")).len(),
        4,
        "every message printed is in Junk"
    );
    assert!(message_names(&root).is_empty());
}

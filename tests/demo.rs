//! The demo mailbox unpacks into a real Maildir whose files are exactly the embedded messages.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use mailvet::demo;

/// Files directly under `dir`, sorted by name.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable dir")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn unpack_writes_a_maildir_with_the_expected_folders_and_counts() {
    let dir = demo::unpack().expect("demo unpacks");
    let root = dir.path();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for folder in demo::FOLDERS {
        let base = root.join(demo::folder_dir(folder));
        for sub in ["cur", "new", "tmp"] {
            assert!(base.join(sub).is_dir(), "{folder}/{sub} missing");
        }
        assert!(
            files(&base.join("tmp")).is_empty(),
            "{folder}/tmp not empty"
        );
        assert_eq!(base.join("maildirfolder").is_file(), folder != "INBOX");
        counts.insert(
            folder,
            (
                files(&base.join("cur")).len(),
                files(&base.join("new")).len(),
            ),
        );
    }
    let expected: BTreeMap<&str, (usize, usize)> =
        [("INBOX", (3, 3)), ("Archive", (3, 0)), ("Junk", (6, 2))].into();
    assert_eq!(counts, expected);
    // The root holds only the Maildir and its Maildir++ folders.
    assert_eq!(
        files(root),
        [".Archive", ".Junk", "cur", "new", "tmp"].map(String::from)
    );
}

#[test]
fn unpacked_files_are_byte_identical_to_the_embedded_ones_under_maildir_names() {
    let dir = demo::unpack().expect("demo unpacks");
    let layout = demo::layout();
    assert_eq!(layout.len(), demo::MESSAGES.len());
    for (relative, msg) in &layout {
        let bytes = fs::read(dir.path().join(relative)).expect("unpacked file");
        assert_eq!(bytes, msg.bytes, "{}", relative.display());
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("demo")
            .join(msg.folder)
            .join(msg.name);
        assert_eq!(fs::read(source).expect("demo source"), msg.bytes);
        let name = relative.file_name().expect("file name").to_string_lossy();
        let in_new = relative.parent().is_some_and(|p| p.ends_with("new"));
        match msg.flags {
            None => assert!(in_new && !name.contains(':'), "{name}"),
            Some(flags) => {
                assert!(!in_new && name.ends_with(&format!(":2,{flags}")), "{name}");
                let mut sorted: Vec<char> = flags.chars().collect();
                sorted.sort_unstable();
                assert_eq!(sorted.into_iter().collect::<String>(), flags);
            }
        }
        assert!(name.contains("_demo.mailvet"), "{name}");
    }
    // Some unseen, some flagged.
    assert!(demo::MESSAGES.iter().any(|m| m.flags.is_none()));
    assert!(
        demo::MESSAGES
            .iter()
            .any(|m| m.flags.is_some_and(|f| f.contains('F')))
    );
}

#[test]
fn every_demo_file_is_embedded_once() {
    let mut on_disk = Vec::new();
    for folder in demo::FOLDERS {
        for name in files(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("demo")
                .join(folder),
        ) {
            on_disk.push(format!("{folder}/{name}"));
        }
    }
    let mut embedded: Vec<String> = demo::MESSAGES
        .iter()
        .map(|m| format!("{}/{}", m.folder, m.name))
        .collect();
    on_disk.sort();
    embedded.sort();
    assert_eq!(on_disk, embedded);
}

#[test]
fn the_temporary_maildir_is_deleted_on_drop() {
    let dir = demo::unpack().expect("demo unpacks");
    let path = dir.path().to_path_buf();
    drop(dir);
    assert!(!path.exists());
}

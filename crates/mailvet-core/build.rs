//! Prepares the embedded data files that every process judging mail reads at start-up (`mailvet filter` runs
//! once per delivered message), so that it does not parse them at run time:
//! - `src/analysis/brands.toml` (the file people read and edit) → `brands.json` in `OUT_DIR`: serde_json
//!   reads it several times faster than toml does. Its schema is checked by the unit tests.
//! - `src/analysis/phrases/<language>.toml` → `phrases.rs` in `OUT_DIR`: every distinct phrase folded by the
//!   analysis' own [`fold`] (the same source file), with its lists and languages, as Rust constants.
//!
//! A file that is not TOML fails the build.

#[path = "src/analysis/fold.rs"]
mod fold;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fold::fold;

/// The phrase files (`src/analysis/phrases/<code>.toml`), in the order their phrases are listed: a phrase in
/// several files is listed where it first appears, and lookups that try phrases in turn (greetings) go in
/// this order. A new language file is added here.
const LANGUAGES: [&str; 16] = [
    "en", "de", "pt", "es", "fr", "it", "nl", "pl", "sv", "da", "no", "fi", "tr", "ja", "zh", "ko",
];

fn main() {
    println!("cargo::rerun-if-changed=src/analysis/fold.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    brands(&out);
    phrases(&out);
}

fn read(path: &Path) -> String {
    println!("cargo::rerun-if-changed={}", path.display());
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn brands(out: &Path) {
    let source = Path::new("src/analysis/brands.toml");
    let value: toml::Table =
        toml::from_str(&read(source)).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("brands.json: {e}"));
    std::fs::write(out.join("brands.json"), json).unwrap_or_else(|e| panic!("brands.json: {e}"));
}

/// One distinct folded phrase: its lists (bit i: the i-th list key) and languages (bit i: `LANGUAGES[i]`).
struct Phrase {
    padded: String,
    lists: u32,
    languages: u32,
}

fn phrases(out: &Path) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/analysis/phrases");
    println!("cargo::rerun-if-changed={}", dir.display());
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .path();
        let code = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        assert!(
            path.extension().is_none_or(|e| e != "toml") || LANGUAGES.contains(&code),
            "{}: not in build.rs's LANGUAGES",
            path.display()
        );
    }
    let files: Vec<(PathBuf, BTreeMap<String, Vec<String>>)> = (LANGUAGES.iter())
        .map(|code| {
            let path = dir.join(format!("{code}.toml"));
            let lists =
                toml::from_str(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, lists)
        })
        .collect();
    let mut keys: Vec<&str> = (files.iter())
        .flat_map(|(_, lists)| lists.keys().map(String::as_str))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    assert!(keys.len() <= 32 && LANGUAGES.len() <= 32, "one bit each");
    let mut phrases: Vec<Phrase> = Vec::new();
    let mut at: BTreeMap<String, usize> = BTreeMap::new();
    for (language, (_, lists)) in files.iter().enumerate() {
        for (key, list) in lists {
            let bit = keys.iter().position(|k| k == key).expect("collected above");
            for phrase in list {
                let text = fold(phrase, 256).trim().to_string();
                if text.is_empty() {
                    continue;
                }
                let i = *at.entry(text.clone()).or_insert_with(|| {
                    phrases.push(Phrase {
                        padded: format!(" {text} "),
                        lists: 0,
                        languages: 0,
                    });
                    phrases.len() - 1
                });
                phrases[i].lists |= 1 << bit;
                phrases[i].languages |= 1 << language;
            }
        }
    }
    let mut rust = String::from(
        "/// The embedded phrase files, by language code, in the order their phrases are listed.\n\
         pub const LANGUAGES: &[(&str, &str)] = &[\n",
    );
    for (code, (path, _)) in LANGUAGES.iter().zip(&files) {
        let _ = writeln!(rust, "    ({code:?}, include_str!({:?})),", path.display());
    }
    rust.push_str(
        "];\n\n/// The list keys the files use, sorted.\nconst LIST_KEYS: &[&str] = &[\n",
    );
    for key in &keys {
        let _ = writeln!(rust, "    {key:?},");
    }
    rust.push_str(
        "];\n\n/// Every distinct phrase of the files, folded and padded with a space on both sides, in the order \
         the files\n/// list them (languages in turn, lists by key), with its lists (bit i: `LIST_KEYS[i]`) and \
         languages (bit i:\n/// `LANGUAGES[i]`).\nconst PHRASES: &[(&str, u32, u32)] = &[\n",
    );
    for p in &phrases {
        let _ = writeln!(rust, "    ({:?}, {}, {}),", p.padded, p.lists, p.languages);
    }
    rust.push_str("];\n");
    std::fs::write(out.join("phrases.rs"), rust).unwrap_or_else(|e| panic!("phrases.rs: {e}"));
}

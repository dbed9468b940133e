//! Throughput of parse + analyse, on one thread and on all threads (rayon), over the corpus
//! (`$MAILVET_CORPUS`, else `../shared/corpus`; skipped with a message when missing) and over a Maildir written
//! by the generator (`$MAILVET_BENCH_COUNT` messages, default 2000, seed 1). `cargo bench --bench analyse`
//! prints messages/s (items) and MB/s (bytes) per benchmark; `parse_only` shows what parsing alone costs.

mod mailgen;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::{env, fs};

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use mailvet::analysis::{self, Brands, Rules, Scores};
use mailvet::mail;
use mailvet::model::Trust;
use rayon::prelude::*;

/// Raw messages held in memory, so that the benches measure CPU, not the disk.
struct MailSet {
    messages: Vec<Vec<u8>>,
    bytes: usize,
}

/// Every message file under `dir`: `*.eml`, and files in Maildir `cur/` and `new/`.
fn message_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            message_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "eml")
            || dir.file_name().is_some_and(|d| d == "cur" || d == "new")
        {
            out.push(path);
        }
    }
}

fn load(dir: &Path) -> MailSet {
    let mut paths = Vec::new();
    message_files(dir, &mut paths);
    paths.sort();
    let messages: Vec<Vec<u8>> = paths.iter().filter_map(|p| fs::read(p).ok()).collect();
    let bytes = messages.iter().map(Vec::len).sum();
    MailSet { messages, bytes }
}

static CORPUS: LazyLock<Option<MailSet>> = LazyLock::new(|| {
    let dir = env::var_os("MAILVET_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let set = load(&dir);
    if set.messages.is_empty() {
        eprintln!(
            "skipped: no corpus at {} (set MAILVET_CORPUS)",
            dir.display()
        );
        return None;
    }
    Some(set)
});

static GENERATED: LazyLock<Option<MailSet>> = LazyLock::new(|| {
    let count = env::var("MAILVET_BENCH_COUNT")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2000);
    let dir = tempfile::tempdir().ok()?;
    let root = dir.path().join("Maildir");
    match mailgen::write_maildir(&root, count, 1) {
        Ok(stats) => eprintln!("generated Maildir: {stats}"),
        Err(e) => {
            eprintln!("skipped: cannot generate a Maildir: {e}");
            return None;
        }
    }
    Some(load(&root))
});

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules {
    brands: Brands::embedded(),
    trusted_authserv_ids: Vec::new(),
    scores: Scores::embedded(),
    taught: Vec::new(),
});

fn set(name: &str) -> Option<&'static MailSet> {
    match name {
        "corpus" => CORPUS.as_ref(),
        _ => GENERATED.as_ref(),
    }
}

/// Parses and judges one message, as `scan` does.
fn judge(raw: &[u8]) -> Trust {
    match mail::parse(raw) {
        Ok(msg) => analysis::analyse(&msg, &RULES).trust,
        Err(_) => Trust::Unparseable,
    }
}

/// Runs `work` over the whole set once per iteration, counting messages and bytes.
fn bench_set(bencher: Bencher, name: &str, work: impl Fn(&MailSet) -> usize + Sync) {
    let Some(set) = set(name) else { return };
    bencher
        .counter(ItemsCount::new(set.messages.len()))
        .counter(BytesCount::new(set.bytes))
        .bench(|| work(divan::black_box(set)));
}

#[divan::bench(args = ["corpus", "generated"], sample_count = 10, sample_size = 1)]
fn one_thread(bencher: Bencher, name: &str) {
    bench_set(bencher, name, |set| {
        set.messages.iter().filter(|m| judge(m).is_alarm()).count()
    });
}

#[divan::bench(args = ["corpus", "generated"], sample_count = 10, sample_size = 1)]
fn all_threads(bencher: Bencher, name: &str) {
    bench_set(bencher, name, |set| {
        set.messages
            .par_iter()
            .filter(|m| judge(m).is_alarm())
            .count()
    });
}

#[divan::bench(args = ["corpus", "generated"], sample_count = 10, sample_size = 1)]
fn parse_only(bencher: Bencher, name: &str) {
    bench_set(bencher, name, |set| {
        set.messages
            .iter()
            .filter(|m| mail::parse(m).is_ok())
            .count()
    });
}

fn main() {
    eprintln!("rayon threads: {}", rayon::current_num_threads());
    // Load both sets before divan starts printing its table.
    for name in ["corpus", "generated"] {
        if let Some(set) = set(name) {
            eprintln!(
                "{name}: {} messages, {:.1} MB",
                set.messages.len(),
                set.bytes as f64 / 1e6
            );
        }
    }
    divan::main();
}

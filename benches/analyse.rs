//! Throughput of parse + analyse, on one thread and on all threads (rayon), over the corpora
//! (`$MAILVET_CORPUS`, else `../shared/corpus`, and `$MAILVET_CORPUS2`, else `../shared/corpus-2`; skipped
//! with a message when missing) and over a Maildir written by the generator (`$MAILVET_BENCH_COUNT` messages,
//! default 2000, seed 1). `cargo bench --bench analyse` first prints, per set, the raw read of the files, the
//! parse and the analysis separately in MB/s per core (CPU time of the one thread doing it, so that other
//! load on the machine does not count), then divan's table: messages/s (items) and MB/s (bytes) per
//! benchmark, wall clock.

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
    paths: Vec<PathBuf>,
    messages: Vec<Vec<u8>>,
    bytes: usize,
    /// The generated Maildir's directory, kept until the end so that its files can be read again.
    _dir: Option<tempfile::TempDir>,
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
    MailSet {
        paths,
        messages,
        bytes,
        _dir: None,
    }
}

/// The corpus at `$var`, else `../shared/<name>`; `None` (with a message) when missing.
fn corpus(var: &str, name: &str) -> Option<MailSet> {
    let dir = env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared")
            .join(name)
    });
    let set = load(&dir);
    if set.messages.is_empty() {
        eprintln!("skipped: no corpus at {} (set {var})", dir.display());
        return None;
    }
    Some(set)
}

static CORPUS: LazyLock<Option<MailSet>> = LazyLock::new(|| corpus("MAILVET_CORPUS", "corpus"));

static CORPUS2: LazyLock<Option<MailSet>> = LazyLock::new(|| corpus("MAILVET_CORPUS2", "corpus-2"));

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
    let mut set = load(&root);
    set._dir = Some(dir);
    Some(set)
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
        "corpus-2" => CORPUS2.as_ref(),
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

#[divan::bench(args = ["corpus", "corpus-2", "generated"], sample_count = 10, sample_size = 1)]
fn one_thread(bencher: Bencher, name: &str) {
    bench_set(bencher, name, |set| {
        set.messages.iter().filter(|m| judge(m).is_alarm()).count()
    });
}

#[divan::bench(args = ["corpus", "corpus-2", "generated"], sample_count = 10, sample_size = 1)]
fn all_threads(bencher: Bencher, name: &str) {
    bench_set(bencher, name, |set| {
        set.messages
            .par_iter()
            .filter(|m| judge(m).is_alarm())
            .count()
    });
}

#[divan::bench(args = ["corpus", "corpus-2", "generated"], sample_count = 10, sample_size = 1)]
fn parse_only(bencher: Bencher, name: &str) {
    bench_set(bencher, name, |set| {
        set.messages
            .iter()
            .filter(|m| mail::parse(m).is_ok())
            .count()
    });
}

/// CPU time this thread has used so far (user + system), in seconds.
fn thread_cpu() -> f64 {
    use nix::sys::resource::{UsageWho, getrusage};
    getrusage(UsageWho::RUSAGE_THREAD).map_or(0.0, |u| {
        let secs = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
        secs(u.user_time()) + secs(u.system_time())
    })
}

/// Runs `work` once on this thread; its CPU seconds.
fn cpu_seconds<T>(work: impl FnOnce() -> T) -> (f64, T) {
    let start = thread_cpu();
    let out = divan::black_box(work());
    (thread_cpu() - start, out)
}

/// Prints the raw read, the parse and the analysis of one set, each in MB/s per core.
fn figures(name: &str, set: &MailSet) {
    let mb = set.bytes as f64 / 1e6;
    let (read, read_bytes) = cpu_seconds(|| {
        (set.paths.iter())
            .filter_map(|p| fs::read(p).ok())
            .map(|b| b.len())
            .sum::<usize>()
    });
    let (parse, parsed) = cpu_seconds(|| {
        (set.messages.iter())
            .filter_map(|m| mail::parse(m).ok())
            .collect::<Vec<_>>()
    });
    let (analyse, _) = cpu_seconds(|| {
        (parsed.iter())
            .map(|m| analysis::analyse(m, &RULES).trust)
            .filter(|t| t.is_alarm())
            .count()
    });
    let per_core = |secs: f64| mb / secs.max(1e-9);
    eprintln!(
        "{name:>10}: {:>6} msgs {:>7.1} MB | raw read {:>8.0} MB/s | parse {:>6.1} MB/s | analyse {:>6.1} MB/s ({:>5.0} msgs/s) | parse+analyse {:>6.1} MB/s per core",
        set.messages.len(),
        mb,
        read_bytes as f64 / 1e6 / read.max(1e-9),
        per_core(parse),
        per_core(analyse),
        set.messages.len() as f64 / analyse.max(1e-9),
        per_core(parse + analyse),
    );
}

fn main() {
    eprintln!("rayon threads: {}", rayon::current_num_threads());
    // Warm the rules' lookup tables so that building them is not counted.
    let _ = RULES.brands.index();
    // Load every set before divan starts printing its table.
    for name in ["corpus", "corpus-2", "generated"] {
        if let Some(set) = set(name) {
            figures(name, set);
        }
    }
    divan::main();
}

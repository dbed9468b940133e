//! What `mailvet filter` costs a mail server per delivery, whole process included (start, config, read,
//! judge, write, exit): every message of the corpus (`$MAILVET_CORPUS`, else `../shared/corpus`) is piped
//! through the release binary `$MAILVET_BENCH_FILTER_ROUNDS` times (default 3), one process after another.
//! `cargo bench --bench filter` prints p50, p99 and the slowest latency and CPU time, messages/s, the same
//! figures for `mailvet --version` (what starting the process costs under the same load), and the load
//! average at the start and end (the latencies depend on what else the machine runs).

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::resource::{UsageWho, getrusage};

fn main() {
    let corpus = std::env::var_os("MAILVET_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        PathBuf::from,
    );
    let mut files = Vec::new();
    message_files(&corpus, &mut files);
    if files.is_empty() {
        println!(
            "filter bench skipped: no messages under {}",
            corpus.display()
        );
        return;
    }
    files.sort();
    let rounds: usize = std::env::var("MAILVET_BENCH_FILTER_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let home = tempfile::tempdir().expect("temp dir");
    println!("load average at start: {}", load_average());
    let mut filter = Samples::default();
    let mut baseline = Samples::default();
    let started = Instant::now();
    for _ in 0..rounds {
        for file in &files {
            filter.run(home.path(), "filter", Some(file));
        }
    }
    let total = started.elapsed();
    for _ in 0..rounds {
        for _ in &files {
            baseline.run(home.path(), "--version", None);
        }
    }
    println!(
        "mailvet filter, {} messages x {rounds} rounds, one process per message:",
        files.len()
    );
    filter.print();
    println!(
        "  {:.0} messages/s (one after another)",
        filter.latency.len() as f64 / total.as_secs_f64()
    );
    println!("mailvet --version as often (starting the process alone, under the same load):");
    baseline.print();
    println!("load average at end: {}", load_average());
}

/// Wall time (spawn to exit) and CPU time (user + system) of each process run.
#[derive(Default)]
struct Samples {
    latency: Vec<Duration>,
    cpu: Vec<Duration>,
}

impl Samples {
    /// Runs `mailvet ARG` with the default config and `input` (else nothing) on standard input.
    fn run(&mut self, home: &Path, arg: &str, input: Option<&Path>) {
        let stdin = input.map_or_else(Stdio::null, |file| {
            Stdio::from(File::open(file).expect("message file"))
        });
        let cpu_before = children_cpu();
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_mailvet"))
            .arg(arg)
            .env_clear()
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home)
            .stdin(stdin)
            .output()
            .expect("run mailvet");
        self.latency.push(start.elapsed());
        self.cpu.push(children_cpu().saturating_sub(cpu_before));
        let labelled = out.stdout.starts_with(b"X-Mailvet-Trust:")
            || out.stdout.windows(17).any(|w| w == b"\nX-Mailvet-Trust:");
        assert!(
            out.status.success() && (input.is_none() || labelled),
            "{input:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn print(&mut self) {
        println!("  latency   {}", percentiles(&mut self.latency));
        println!(
            "  CPU time  {}  (user + system: the cost without waiting for a core)",
            percentiles(&mut self.cpu)
        );
    }
}

/// Every `*.eml` file under `dir`.
fn message_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            message_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "eml") {
            out.push(path);
        }
    }
}

/// User + system time of every child reaped so far.
fn children_cpu() -> Duration {
    getrusage(UsageWho::RUSAGE_CHILDREN).map_or(Duration::ZERO, |u| {
        let time = |t: nix::sys::time::TimeVal| {
            Duration::new(t.tv_sec().max(0) as u64, t.tv_usec().max(0) as u32 * 1000)
        };
        time(u.user_time()) + time(u.system_time())
    })
}

/// `p50 … p99 … max …` of `samples` (sorted in place).
fn percentiles(samples: &mut [Duration]) -> String {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    format!(
        "p50 {}  p99 {}  max {}",
        ms(at(0.5)),
        ms(at(0.99)),
        ms(at(1.0))
    )
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

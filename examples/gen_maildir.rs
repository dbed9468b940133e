//! Writes a deterministic test Maildir: `cargo run --release --example gen_maildir -- OUT COUNT [--seed N]`.
//! The same seed and count always give the same bytes. See `benches/mailgen/` for what it writes.

#[path = "../benches/mailgen/mod.rs"]
mod mailgen;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen_maildir OUT COUNT [--seed N]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut positional = Vec::new();
    let mut seed = 1u64;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--seed" {
            match iter.next().and_then(|s| s.parse().ok()) {
                Some(n) => seed = n,
                None => {
                    eprintln!("--seed needs a number\n{USAGE}");
                    return ExitCode::from(2);
                }
            }
        } else {
            positional.push(arg);
        }
    }
    let (Some(out), Some(Ok(count)), None) = (
        positional.first(),
        positional.get(1).map(|c| c.parse::<usize>()),
        positional.get(2),
    ) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let out = PathBuf::from(out);
    match mailgen::write_maildir(&out, count, seed) {
        Ok(stats) => {
            println!("wrote {} (seed {seed}): {stats}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_maildir: cannot write '{}': {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

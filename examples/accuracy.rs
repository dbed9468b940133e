//! Prints mailvet's accuracy on a labelled corpus:
//! `cargo run --release --example accuracy -- ../shared/corpus`.

use std::path::PathBuf;
use std::process::ExitCode;

use mailvet::accuracy;
use mailvet::config::Config;

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("../shared/corpus"), PathBuf::from);
    let rules = match Config::load(None) {
        Ok(config) => config.rules(),
        Err(err) => {
            eprintln!("accuracy: {err}");
            return ExitCode::from(2);
        }
    };
    match accuracy::judge_corpus(&dir, &rules) {
        Ok(outcomes) => {
            print!("{}", accuracy::report(&outcomes));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("accuracy: {err}");
            ExitCode::from(2)
        }
    }
}

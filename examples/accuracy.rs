//! Prints mailvet's accuracy on labelled corpora, as trained (the weights in use) and cross-validated (each
//! message judged with weights fitted on the other folds), per corpus and for all together:
//! `cargo run --release --example accuracy -- ../shared/corpus ../shared/corpus-2`.

use std::path::PathBuf;
use std::process::ExitCode;

use mailvet::accuracy::{self, crossval};
use mailvet::config::Config;
use mailvet::fit;

fn main() -> ExitCode {
    let mut dirs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs = vec!["../shared/corpus".into(), "../shared/corpus-2".into()];
    }
    let rules = match Config::load(None) {
        Ok(config) => config.rules(),
        Err(err) => {
            eprintln!("accuracy: {err}");
            return ExitCode::from(2);
        }
    };
    let samples = match accuracy::load_corpora(&dirs) {
        Ok(samples) => samples,
        Err(err) => {
            eprintln!("accuracy: {err}");
            return ExitCode::from(2);
        }
    };
    let trained = accuracy::judge_all(&samples, &rules);
    let items = fit::items(&samples, &rules);
    let cv = crossval::cross_validated(&samples, &items, &rules);
    print!("{}", accuracy::report(&trained, Some(&cv)));
    ExitCode::SUCCESS
}

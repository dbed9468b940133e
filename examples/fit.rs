//! Refits the signal weights and thresholds and rewrites `crates/mailvet-core/src/analysis/scores.toml`:
//! `cargo run --release --example fit -- ../shared/corpus ../shared/corpus-2`. The procedure is documented in
//! `src/fit/mod.rs`; it uses the embedded rules only (never your config) and is deterministic. Judge the
//! result with the accuracy example, whose cross-validated figures are the ones to report.

use std::path::PathBuf;
use std::process::ExitCode;

use mailvet::accuracy;
use mailvet::config::Config;
use mailvet::fit;

fn main() -> ExitCode {
    let mut dirs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs = vec!["../shared/corpus".into(), "../shared/corpus-2".into()];
    }
    let rules = match Config::defaults() {
        Ok(config) => config.rules(),
        Err(err) => {
            eprintln!("fit: {err}");
            return ExitCode::from(2);
        }
    };
    let samples = match accuracy::load_corpora(&dirs) {
        Ok(samples) => samples,
        Err(err) => {
            eprintln!("fit: {err}");
            return ExitCode::from(2);
        }
    };
    let items = fit::items(&samples, &rules);
    let training: Vec<&fit::Item> = items.iter().flatten().collect();
    let fitted = fit::fit(&training);
    let mut provenance = vec![format!(
        "Fitted on {} parseable messages of {} (intercept {:.2}: even odds at a score of {:.2}).",
        training.len(),
        sets(&samples),
        fitted.intercept,
        -fitted.intercept
    )];
    provenance.push(format!(
        "Start values and bounds: src/fit/prior.rs; penalty λ = {}.",
        fit::LAMBDA
    ));
    let text = fit::write::scores_toml(&fitted.scores, &provenance);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crates/mailvet-core/src/analysis/scores.toml");
    if let Err(err) = std::fs::write(&path, text) {
        eprintln!("fit: cannot write '{}': {err}", path.display());
        return ExitCode::from(2);
    }
    println!(
        "wrote {}: suspicious {}, phishing {}",
        path.display(),
        fitted.scores.suspicious(),
        fitted.scores.phishing()
    );
    ExitCode::SUCCESS
}

/// `corpus (340), corpus-2 (389)`.
fn sets(samples: &[accuracy::Sample]) -> String {
    let mut names: Vec<(&str, usize)> = Vec::new();
    for s in samples {
        match names.iter_mut().find(|(n, _)| *n == s.set) {
            Some((_, count)) => *count += 1,
            None => names.push((&s.set, 1)),
        }
    }
    let parts: Vec<String> = names.iter().map(|(n, c)| format!("{n} ({c})")).collect();
    parts.join(", ")
}

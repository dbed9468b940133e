//! Writes fitted scores as `analysis/scores.toml`: the explaining header, the thresholds, then one line per
//! signal in registry order, outcomes in a fixed order, so a refit shows as a readable diff.

use std::fmt::Write as _;

use crate::analysis::Scores;
use crate::model::{Outcome, SignalId};

use super::OUTCOMES;

const HEADER: &str = "\
# mailvet's scoring: what each signal outcome adds to a message's score, and the thresholds that turn the score
# into a label. The verdict adds the weights of every signal a message shows (an outcome not listed adds 0);
# a total at or above `suspicious` labels it suspicious, at or above `phishing` phishing. `verified` is not a
# score: it needs proof (see DESIGN.md). Signals that an authenticated brand's own mail may carry add nothing
# to such mail (their role in the registry, crates/mailvet-core/src/model/signal.rs).
#
# Written by the fit, never by hand: `cargo run --release --example fit -- ../shared/corpus ../shared/corpus-2`
# (the procedure is documented in src/fit/mod.rs: a regularised logistic regression over the signal outcomes,
# weights in log-odds, thresholds chosen to keep false alarms at most 1 % in each genuine group; judged by
# 5-fold cross-validation, `cargo run --release --example accuracy -- ../shared/corpus ../shared/corpus-2`).
# Override any of it in your config.toml under [scores] (e.g. `[scores.weights]` `link-ip-host = { fail = 4.0 }`).
";

fn name(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Warn => "warn",
        Outcome::Fail => "fail",
        Outcome::Info => "info",
        Outcome::Unknown => "unknown",
    }
}

/// The scores.toml text for `scores`; `provenance` lines become comments under the header.
pub fn scores_toml(scores: &Scores, provenance: &[String]) -> String {
    let mut s = String::from(HEADER);
    for line in provenance {
        let _ = writeln!(s, "# {line}");
    }
    let _ = writeln!(
        s,
        "\n[thresholds]\nsuspicious = {:?}\nphishing = {:?}\n\n[weights]",
        scores.suspicious(),
        scores.phishing()
    );
    for &id in SignalId::ALL {
        let Some(w) = scores.weights.get(&id) else {
            continue;
        };
        let mut parts: Vec<String> = OUTCOMES
            .iter()
            .filter(|&&o| w.of(o) != 0.0)
            .map(|&o| format!("{} = {:?}", name(o), w.of(o)))
            .collect();
        if parts.is_empty() {
            parts.push("info = 0.0".into());
        }
        let _ = writeln!(s, "{} = {{ {} }}", id.as_str(), parts.join(", "));
    }
    s
}

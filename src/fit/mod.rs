//! The documented procedure that chooses the signal weights and thresholds of `analysis/scores.toml` from
//! labelled corpora (`cargo run --release --example fit -- ../shared/corpus ../shared/corpus-2`).
//!
//! 1. **Features.** Every message is analysed once with the current rules; each `(signal, outcome)` that counts
//!    towards its score (`analysis::scored_outcomes`) is a feature, its value how often the message shows it.
//!    Unparseable messages are left out (their label does not depend on weights).
//! 2. **Fit.** A logistic regression (phishing against genuine) over those features, weighted so that each
//!    genuine group (legit-brand, legit-other) counts as much as half of the phishing (false alarms cost more
//!    than misses), with an L2 penalty pulling each weight towards a hand-chosen start value and a hand-chosen
//!    box per outcome ([`prior`]): `warn` and `fail` only count against a message, `pass`, `info` and
//!    `unknown` weigh nothing. Solved by coordinate descent ([`logistic`]); no randomness, a fixed order.
//!    Weights are rounded up to two decimals; they are log-odds.
//!    One strong signal must be enough: while a `fail` weighs less than the suspicious threshold chosen in
//!    step 3, the fit is run again with every `fail` bounded below by that threshold.
//! 3. **Thresholds** ([`thresholds`]), on the scores of the training messages: `suspicious` in the
//!    middle of the first gap above the genuine mail it must leave alone (at most 1 % of each genuine group),
//!    `phishing` in the middle of the first gap above every genuine message and never below the score at which
//!    the fit gives 90 % odds of phishing.
//! 4. **Cross-validation** (`accuracy::crossval`): the same procedure on four fifths of the messages judges
//!    the fifth it never saw, for each of five fixed folds.

pub mod logistic;
mod prior;
pub mod thresholds;
pub mod write;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::accuracy::Sample;
use crate::analysis::{Rules, Scores, scores::Thresholds, scores::Weights};
use crate::mail;
use crate::model::{Outcome, SignalId};

use logistic::{Example, Problem};

/// Every outcome, in the order features are numbered.
pub const OUTCOMES: [Outcome; 5] = [
    Outcome::Pass,
    Outcome::Warn,
    Outcome::Fail,
    Outcome::Info,
    Outcome::Unknown,
];

/// The feature number of a signal outcome.
pub fn feature(id: SignalId, outcome: Outcome) -> usize {
    let i = SignalId::ALL.iter().position(|&s| s == id).unwrap_or(0);
    let o = OUTCOMES.iter().position(|&x| x == outcome).unwrap_or(0);
    i * OUTCOMES.len() + o
}

fn feature_count() -> usize {
    SignalId::ALL.len() * OUTCOMES.len()
}

/// One corpus message as the fit sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Its group: `phishing`, `legit-brand` or `legit-other`.
    pub group: String,
    /// Its features and class.
    pub example: Example,
}

/// The features of every parseable sample, in sample order (`None` for an unparseable one).
pub fn items(samples: &[Sample], rules: &Rules) -> Vec<Option<Item>> {
    samples
        .par_iter()
        .map(|s| {
            let msg = mail::parse(&s.bytes).ok()?;
            let mut counts: BTreeMap<usize, f64> = BTreeMap::new();
            for (id, outcome) in crate::analysis::scored_outcomes(&msg, rules) {
                *counts.entry(feature(id, outcome)).or_default() += 1.0;
            }
            let group = s.label.group().to_string();
            Some(Item {
                example: Example {
                    features: counts.into_iter().collect(),
                    positive: group == "phishing",
                    weight: 1.0,
                },
                group,
            })
        })
        .collect()
}

/// What the fit chose.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// Weights and thresholds, ready for `Rules`.
    pub scores: Scores,
    /// The fitted intercept (the score at which the fit gives even odds is `-intercept`).
    pub intercept: f64,
}

/// Share of the phishing weight each genuine group gets in the loss.
const GENUINE_GROUP_SHARE: f64 = 0.5;
/// The penalty's strength (a Gaussian prior of standard deviation 1/√λ around each start value). Chosen
/// among 0.1, 0.2, 0.3, 0.5, 1 and 3 by the cross-validated figures: 0.1–0.2 catch most with at most one false
/// alarm per genuine group, 1 and more pull the weights back to their start values and miss more.
pub const LAMBDA: f64 = 0.2;

/// Gives each group its share of the loss: phishing messages count 1, each genuine group together as much as
/// [`GENUINE_GROUP_SHARE`] of all phishing.
fn weighted(items: &[&Item]) -> Vec<Example> {
    let count = |g: &str| items.iter().filter(|i| i.group == g).count().max(1) as f64;
    let phishing = count("phishing");
    items
        .iter()
        .map(|i| {
            let mut ex = i.example.clone();
            if !ex.positive {
                ex.weight = GENUINE_GROUP_SHARE * phishing / count(&i.group);
            }
            ex
        })
        .collect()
}

/// Most rounds of raising the `fail` floor to the suspicious threshold.
const FAIL_ROUNDS: usize = 5;

/// Runs steps 2 and 3 of the procedure on `items`: fits, chooses the thresholds, and while some `fail` weighs
/// less than the suspicious threshold (one strong signal alone must make a message suspicious), refits with
/// every `fail` bounded below by it.
pub fn fit(items: &[&Item]) -> Fitted {
    let examples = weighted(items);
    let mut fail_floor: f64 = 0.0;
    let mut fitted = fit_once(items, &examples, fail_floor);
    for _ in 1..FAIL_ROUNDS {
        let suspicious = fitted.scores.suspicious();
        if lightest_fail(&fitted.scores) >= suspicious {
            break;
        }
        fail_floor = fail_floor.max(suspicious);
        fitted = fit_once(items, &examples, fail_floor);
    }
    fitted
}

fn lightest_fail(scores: &Scores) -> f64 {
    scores
        .weights
        .values()
        .filter_map(|w| w.fail)
        .fold(f64::INFINITY, f64::min)
}

/// One fit with every `fail` weight at least `fail_floor`.
fn fit_once(items: &[&Item], examples: &[Example], fail_floor: f64) -> Fitted {
    let n = feature_count();
    let (mut start, mut bounds) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for &id in SignalId::ALL {
        for outcome in OUTCOMES {
            let p = prior::of(id, outcome);
            let low = if outcome == Outcome::Fail && p.is_fitted() {
                p.low.max(fail_floor)
            } else {
                p.low
            };
            start.push(p.start);
            bounds.push((low, p.high.max(low)));
        }
    }
    let model = logistic::fit(&Problem {
        examples,
        start,
        bounds,
        lambda: LAMBDA,
    });
    let mut weights: BTreeMap<SignalId, Weights> = BTreeMap::new();
    for &id in SignalId::ALL {
        let w = weights.entry(id).or_default();
        for outcome in OUTCOMES {
            if prior::of(id, outcome).is_fitted() {
                // Rounded up, so a fail bounded by the floor stays at or above it.
                let value = (model.weights[feature(id, outcome)] * 100.0 - 1e-6).ceil() / 100.0;
                w.set(outcome, value);
            }
        }
        if *w == Weights::default() {
            w.set(Outcome::Info, 0.0);
        }
    }
    let mut scores = Scores {
        thresholds: Thresholds::default(),
        weights,
    };
    let scored: Vec<(f64, &str)> = items
        .iter()
        .map(|i| (score(&scores, &i.example), i.group.as_str()))
        .collect();
    let (suspicious, phishing) = thresholds::choose(&scored, -model.intercept);
    scores.thresholds = Thresholds {
        suspicious: Some(suspicious),
        phishing: Some(phishing),
    };
    scores.weights.insert(SignalId::Taught, taught(phishing));
    Fitted {
        scores,
        intercept: model.intercept,
    }
}

/// What the user taught weighs as much as the phishing threshold: a trust takes a score back below the
/// thresholds, a block is phishing on its own.
fn taught(phishing: f64) -> Weights {
    Weights {
        pass: Some(-phishing),
        fail: Some(phishing),
        ..Weights::default()
    }
}

/// The score `scores` gives a message with these features.
pub fn score(scores: &Scores, example: &Example) -> f64 {
    example
        .features
        .iter()
        .map(|&(j, x)| {
            let id = SignalId::ALL[j / OUTCOMES.len()];
            scores.weight(id, OUTCOMES[j % OUTCOMES.len()]) * x
        })
        .sum()
}

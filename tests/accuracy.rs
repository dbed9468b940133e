//! The accuracy floors of issue 4 on the real-mail corpus (`../shared/corpus`, or `$MAILVET_CORPUS`): phishing
//! caught, false alarms in each genuine group, verification of authenticated brand mail, category agreement.
//! Skipped with a message when the corpus is absent, except under CI where that is a failure. The embedded
//! rules are used, never the user's config. Floors are never lowered.

mod common;

use mailvet::accuracy::{self, Figures};
use mailvet::config::Config;

/// Phishing labelled suspicious or phishing.
const PHISHING_CAUGHT: f64 = 0.95;
/// Genuine mail labelled suspicious, phishing or unparseable, in each group.
const FALSE_ALARMS: f64 = 0.03;
/// Genuine brand mail whose trusted Authentication-Results say dmarc=pass, labelled verified.
const DMARC_PASS_VERIFIED: f64 = 0.80;
/// Category equal to the corpus label.
const CATEGORY_AGREEMENT: f64 = 0.75;

#[test]
fn accuracy_floors_hold_on_the_corpus() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let rules = Config::defaults().unwrap().rules();
    let outcomes = accuracy::judge_corpus(&dir, &rules).unwrap();
    let report = accuracy::report(&outcomes);
    let f: Figures = accuracy::figures(&outcomes);
    let checks = [
        ("phishing caught", f.phishing_caught >= PHISHING_CAUGHT),
        (
            "false alarms, genuine brand",
            f.false_alarms_brand <= FALSE_ALARMS,
        ),
        (
            "false alarms, other genuine",
            f.false_alarms_other <= FALSE_ALARMS,
        ),
        (
            "dmarc=pass brand mail verified",
            f.brand_dmarc_pass_verified >= DMARC_PASS_VERIFIED,
        ),
        (
            "category agreement",
            f.category_agreement >= CATEGORY_AGREEMENT,
        ),
    ];
    let failed: Vec<&str> = checks
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(name, _)| *name)
        .collect();
    assert!(failed.is_empty(), "floors broken: {failed:?}\n{report}");
}

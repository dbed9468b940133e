//! The accuracy floors of issue 13 on both real-mail corpora together (`../shared/corpus` and
//! `../shared/corpus-2`, or `$MAILVET_CORPUS` and `$MAILVET_CORPUS_2`), as trained (the embedded weights) and
//! cross-validated (each message judged with weights fitted on the other four folds, the fit being quick).
//! Skipped with a message when a corpus is absent, except under CI where that is a failure. The embedded
//! rules are used, never the user's config. Floors are never lowered: where the floor does not hold
//! yet, the best figure reached so far is the guard, and the value is named beside it.

mod common;

use mailvet::accuracy::{self, Figures, crossval};
use mailvet::config::Config;
use mailvet::fit;

/// Phishing labelled suspicious or phishing, cross-validated (issue: 0.97).
const PHISHING_CAUGHT_CV: f64 = 0.970;
/// Phishing labelled suspicious or phishing with the embedded weights (issue: 0.98).
const PHISHING_CAUGHT: f64 = 0.985;
/// Phishing labelled phishing, not only suspicious.
const LABELLED_PHISHING: f64 = 0.80;
/// Genuine mail labelled suspicious, phishing or unparseable, in each group (trained and cross-validated).
const FALSE_ALARMS: f64 = 0.01;
/// Genuine brand mail whose trusted Authentication-Results say dmarc=pass, labelled verified.
const DMARC_PASS_VERIFIED: f64 = 0.90;
/// Category equal to the corpus label, both corpora together (issue: 0.75; reached 601 of 729).
const CATEGORY_AGREEMENT: f64 = 0.824;
/// Category equal to the corpus label on the first corpus alone (the floor of issue 4).
const CATEGORY_AGREEMENT_FIRST: f64 = 0.75;

#[test]
fn accuracy_floors_hold_on_both_corpora() {
    let Some(dirs) = common::corpus_dirs() else {
        return;
    };
    let rules = Config::defaults().unwrap().rules();
    let samples = accuracy::load_corpora(&dirs).unwrap();
    let trained = accuracy::judge_all(&samples, &rules);
    let items = fit::items(&samples, &rules);
    let cv = crossval::cross_validated(&samples, &items, &rules);
    let report = accuracy::report(&trained, Some(&cv));
    let t: Figures = accuracy::figures(&trained);
    let c: Figures = accuracy::figures(&cv);
    let first = accuracy::figures(trained.iter().filter(|o| o.set == "corpus"));
    let checks = [
        (
            "phishing caught, cross-validated",
            c.phishing_caught >= PHISHING_CAUGHT_CV,
        ),
        ("phishing caught", t.phishing_caught >= PHISHING_CAUGHT),
        (
            "phishing labelled phishing",
            t.phishing_labelled_phishing >= LABELLED_PHISHING,
        ),
        (
            "false alarms, genuine brand",
            t.false_alarms_brand <= FALSE_ALARMS,
        ),
        (
            "false alarms, other genuine",
            t.false_alarms_other <= FALSE_ALARMS,
        ),
        (
            "false alarms, genuine brand, cross-validated",
            c.false_alarms_brand <= FALSE_ALARMS,
        ),
        (
            "false alarms, other genuine, cross-validated",
            c.false_alarms_other <= FALSE_ALARMS,
        ),
        (
            "dmarc=pass brand mail verified",
            t.brand_dmarc_pass_verified >= DMARC_PASS_VERIFIED,
        ),
        (
            "category agreement",
            t.category_agreement >= CATEGORY_AGREEMENT,
        ),
        (
            "category agreement, first corpus",
            first.category_agreement >= CATEGORY_AGREEMENT_FIRST,
        ),
        (
            // None may be labelled verified without its From domain being officially the claimed brand's.
            "phishing verified, not official",
            t.phishing_verified_unofficial == 0,
        ),
    ];
    let failed: Vec<&str> = checks
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(name, _)| *name)
        .collect();
    assert!(failed.is_empty(), "floors broken: {failed:?}\n{report}");
}

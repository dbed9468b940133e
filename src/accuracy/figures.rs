//! The headline figures of a set of judged corpus messages, as fractions of their groups.

use crate::model::{Outcome as SignalOutcome, SignalId, Trust};

use super::Outcome;

/// The headline figures, as fractions of their groups.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    /// Phishing messages (a count).
    pub phishing: usize,
    /// Genuine brand messages (a count).
    pub genuine_brand: usize,
    /// Other genuine messages (a count).
    pub genuine_other: usize,
    /// Genuine brand messages whose trusted A-R says dmarc=pass (a count).
    pub genuine_brand_dmarc_pass: usize,
    /// Phishing labelled suspicious or phishing.
    pub phishing_caught: f64,
    /// Phishing labelled phishing.
    pub phishing_labelled_phishing: f64,
    /// Genuine brand mail labelled suspicious, phishing or unparseable.
    pub false_alarms_brand: f64,
    /// Other genuine mail labelled suspicious, phishing or unparseable.
    pub false_alarms_other: f64,
    /// Genuine brand mail labelled verified.
    pub brand_verified: f64,
    /// Genuine brand mail whose trusted A-R says dmarc=pass, labelled verified.
    pub brand_dmarc_pass_verified: f64,
    /// Category equal to the (noisy) label.
    pub category_agreement: f64,
    /// Phishing labelled verified without its From domain being officially the claimed brand's (a count).
    pub phishing_verified_unofficial: usize,
    /// Messages labelled unparseable (a count).
    pub unparseable: usize,
}

fn share(outcomes: &[&Outcome], pred: impl Fn(&Outcome) -> bool) -> f64 {
    if outcomes.is_empty() {
        return 0.0;
    }
    outcomes.iter().filter(|o| pred(o)).count() as f64 / outcomes.len() as f64
}

/// Labelled suspicious or phishing.
pub(super) fn alarm(o: &Outcome) -> bool {
    o.record.verdict.trust.is_alarm()
}

/// A false alarm on genuine mail: flagged, or unreadable (unparseable counts against us both ways).
pub(super) fn false_alarm(o: &Outcome) -> bool {
    alarm(o) || o.record.verdict.trust == Trust::Unparseable
}

pub(super) fn verified(o: &Outcome) -> bool {
    o.record.verdict.trust == Trust::Verified
}

/// Verified, but not as the claimed brand's own authenticated domain (no brand, or the From domain not its).
fn verified_unofficial(o: &Outcome) -> bool {
    let v = &o.record.verdict;
    verified(o)
        && !(v.brand.is_some()
            && v.signals
                .iter()
                .any(|s| s.id == SignalId::SenderDomain && s.outcome == SignalOutcome::Pass))
}

/// Computes the headline figures.
pub fn figures<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>) -> Figures {
    let all: Vec<&Outcome> = outcomes.into_iter().collect();
    let group = |g: &str| -> Vec<&Outcome> {
        all.iter()
            .copied()
            .filter(|o| o.label.group() == g)
            .collect()
    };
    let (phishing, brand, other) = (
        group("phishing"),
        group("legit-brand"),
        group("legit-other"),
    );
    let brand_dmarc: Vec<&Outcome> = brand.iter().copied().filter(|o| o.dmarc_pass).collect();
    Figures {
        phishing: phishing.len(),
        genuine_brand: brand.len(),
        genuine_other: other.len(),
        genuine_brand_dmarc_pass: brand_dmarc.len(),
        phishing_caught: share(&phishing, alarm),
        phishing_labelled_phishing: share(&phishing, |o| o.record.verdict.trust == Trust::Phishing),
        false_alarms_brand: share(&brand, false_alarm),
        false_alarms_other: share(&other, false_alarm),
        brand_verified: share(&brand, verified),
        brand_dmarc_pass_verified: share(&brand_dmarc, verified),
        category_agreement: share(&all, |o| {
            o.record.verdict.category.as_str() == o.label.category
        }),
        phishing_verified_unofficial: phishing.iter().filter(|o| verified_unofficial(o)).count(),
        unparseable: all
            .iter()
            .filter(|o| o.record.verdict.trust == Trust::Unparseable)
            .count(),
    }
}

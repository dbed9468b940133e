//! Measures the analysis on a labelled corpus (`labels.csv` beside the messages: file, truth, brand, category,
//! source, notes). Reads files, so it sits with the CLI layer; the accuracy example and the floors test use it.

use std::fmt::Write as _;
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use crate::analysis::Rules;
use crate::mail;
use crate::model::{Record, SignalId, Trust};
use crate::pipeline::judge::judge_bytes;

/// One row of `labels.csv`.
#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    /// Path relative to the corpus folder; its first component is the group (phishing, legit-brand, legit-other).
    pub file: String,
    /// `phishing` or `legitimate`.
    pub truth: String,
    /// The claimed brand id, or `none`.
    pub brand: String,
    /// The expected category (noisy: assigned by keyword rules).
    pub category: String,
    /// `owner/repo@commit:path` it came from.
    pub source: String,
}

impl Label {
    /// `phishing`, `legit-brand` or `legit-other`.
    pub fn group(&self) -> &str {
        self.file.split('/').next().unwrap_or("")
    }

    /// The repository the message came from.
    pub fn repo(&self) -> &str {
        self.source.split('@').next().unwrap_or("")
    }
}

/// One judged corpus message.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Its label.
    pub label: Label,
    /// mailvet's record.
    pub record: Record,
    /// Whether the topmost Authentication-Results header says dmarc=pass.
    pub dmarc_pass: bool,
}

/// Judges every message listed in `dir/labels.csv`, in the file's order.
pub fn judge_corpus(dir: &Path, rules: &Rules) -> Result<Vec<Outcome>, String> {
    let labels_path = dir.join("labels.csv");
    let mut reader = csv::Reader::from_path(&labels_path)
        .map_err(|e| format!("cannot read '{}': {e}", labels_path.display()))?;
    let labels: Vec<Label> = reader
        .deserialize()
        .collect::<Result<_, _>>()
        .map_err(|e| format!("bad row in '{}': {e}", labels_path.display()))?;
    labels
        .into_par_iter()
        .map(|label| {
            let path = dir.join(&label.file);
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("cannot read '{}': {e}", path.display()))?;
            let record = judge_bytes(&label.file, label.group(), &bytes, rules);
            let dmarc_pass = mail::parse(&bytes).is_ok_and(|m| {
                m.auth.first().is_some_and(|ar| {
                    ar.results
                        .iter()
                        .any(|r| r.method == "dmarc" && r.result == "pass")
                })
            });
            Ok(Outcome {
                label,
                record,
                dmarc_pass,
            })
        })
        .collect()
}

/// The headline figures, as fractions of their groups.
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
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
    /// Genuine brand mail whose topmost A-R says dmarc=pass, labelled verified.
    pub brand_dmarc_pass_verified: f64,
    /// Category equal to the (noisy) label.
    pub category_agreement: f64,
    /// Messages labelled unparseable (a count).
    pub unparseable: usize,
}

fn share(outcomes: &[&Outcome], pred: impl Fn(&Outcome) -> bool) -> f64 {
    if outcomes.is_empty() {
        return 0.0;
    }
    outcomes.iter().filter(|o| pred(o)).count() as f64 / outcomes.len() as f64
}

fn in_group<'a>(outcomes: &'a [Outcome], group: &str) -> Vec<&'a Outcome> {
    outcomes
        .iter()
        .filter(|o| o.label.group() == group)
        .collect()
}

fn alarm(o: &Outcome) -> bool {
    o.record.verdict.trust.is_alarm()
}

/// A false alarm on genuine mail: flagged, or unreadable (unparseable counts against us both ways).
fn false_alarm(o: &Outcome) -> bool {
    alarm(o) || o.record.verdict.trust == Trust::Unparseable
}

fn verified(o: &Outcome) -> bool {
    o.record.verdict.trust == Trust::Verified
}

/// Computes the headline figures.
pub fn figures(outcomes: &[Outcome]) -> Figures {
    let phishing = in_group(outcomes, "phishing");
    let brand = in_group(outcomes, "legit-brand");
    let other = in_group(outcomes, "legit-other");
    let brand_dmarc: Vec<&Outcome> = brand.iter().copied().filter(|o| o.dmarc_pass).collect();
    let all: Vec<&Outcome> = outcomes.iter().collect();
    Figures {
        phishing_caught: share(&phishing, alarm),
        phishing_labelled_phishing: share(&phishing, |o| o.record.verdict.trust == Trust::Phishing),
        false_alarms_brand: share(&brand, false_alarm),
        false_alarms_other: share(&other, false_alarm),
        brand_verified: share(&brand, verified),
        brand_dmarc_pass_verified: share(&brand_dmarc, verified),
        category_agreement: share(&all, |o| {
            o.record.verdict.category.as_str() == o.label.category
        }),
        unparseable: outcomes
            .iter()
            .filter(|o| o.record.verdict.trust == Trust::Unparseable)
            .count(),
    }
}

/// The full human report: figures, a breakdown by source, and every miss and false alarm.
pub fn report(outcomes: &[Outcome]) -> String {
    let f = figures(outcomes);
    let count = |g: &str| in_group(outcomes, g).len();
    let brand_dmarc = outcomes
        .iter()
        .filter(|o| o.label.group() == "legit-brand" && o.dmarc_pass)
        .count();
    let pct = |x: f64| format!("{:5.1} %", x * 100.0);
    let rows: [(&str, String); 9] = [
        ("messages", outcomes.len().to_string()),
        (
            "phishing caught (susp.+phish.)",
            format!("{}  of {}", pct(f.phishing_caught), count("phishing")),
        ),
        (
            "phishing labelled phishing",
            pct(f.phishing_labelled_phishing),
        ),
        (
            "false alarms, genuine brand",
            format!("{}  of {}", pct(f.false_alarms_brand), count("legit-brand")),
        ),
        (
            "false alarms, other genuine",
            format!("{}  of {}", pct(f.false_alarms_other), count("legit-other")),
        ),
        ("genuine brand verified", pct(f.brand_verified)),
        (
            "  of those with dmarc=pass",
            format!("{}  of {brand_dmarc}", pct(f.brand_dmarc_pass_verified)),
        ),
        (
            "category agreement (noisy labels)",
            pct(f.category_agreement),
        ),
        ("unparseable", f.unparseable.to_string()),
    ];
    let mut s = String::new();
    for (name, value) in rows {
        let _ = writeln!(s, "{name:<34}{value}");
    }
    let _ = writeln!(s, "\nby source (group: messages, alarms, verified):");
    let mut sources: Vec<(&str, &str)> = outcomes
        .iter()
        .map(|o| (o.label.group(), o.label.repo()))
        .collect();
    sources.sort_unstable();
    sources.dedup();
    for (group, repo) in sources {
        let these: Vec<&Outcome> = outcomes
            .iter()
            .filter(|o| o.label.group() == group && o.label.repo() == repo)
            .collect();
        let alarms = these.iter().filter(|o| alarm(o)).count();
        let verified = these.iter().filter(|o| verified(o)).count();
        let _ = writeln!(
            s,
            "  {group:<12} {repo:<58} {:>4} {alarms:>4} {verified:>4}",
            these.len()
        );
    }
    let _ = writeln!(s, "\nmissed phishing:");
    for o in outcomes
        .iter()
        .filter(|o| o.label.group() == "phishing" && !alarm(o))
    {
        let _ = writeln!(s, "  {}", line(o));
    }
    let _ = writeln!(s, "\nfalse alarms:");
    for o in outcomes
        .iter()
        .filter(|o| o.label.group() != "phishing" && false_alarm(o))
    {
        let _ = writeln!(s, "  {}", line(o));
    }
    s
}

fn line(o: &Outcome) -> String {
    let v = &o.record.verdict;
    format!(
        "{:<34} {:<11} brand={:<14} decisive={}",
        o.label.file,
        v.trust.as_str(),
        v.brand.as_deref().unwrap_or("-"),
        SignalId::join(&v.decisive, ",")
    )
}

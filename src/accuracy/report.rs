//! The human report of the accuracy command: the figures per corpus and for all together, trained beside
//! cross-validated, a breakdown by source, and every miss and false alarm.

use std::fmt::Write as _;

use crate::model::SignalId;

use super::Outcome;
use super::figures::{Figures, alarm, false_alarm, figures, verified};

fn pct(x: f64) -> String {
    format!("{:5.1} %", x * 100.0)
}

type Row = (&'static str, fn(&Figures) -> String);

const ROWS: [Row; 10] = [
    ("messages", |f| {
        (f.phishing + f.genuine_brand + f.genuine_other).to_string()
    }),
    ("phishing caught (susp.+phish.)", |f| pct(f.phishing_caught)),
    ("phishing labelled phishing", |f| {
        pct(f.phishing_labelled_phishing)
    }),
    ("false alarms, genuine brand", |f| pct(f.false_alarms_brand)),
    ("false alarms, other genuine", |f| pct(f.false_alarms_other)),
    ("genuine brand verified", |f| pct(f.brand_verified)),
    ("  of those with dmarc=pass", |f| {
        pct(f.brand_dmarc_pass_verified)
    }),
    ("category agreement (noisy labels)", |f| {
        pct(f.category_agreement)
    }),
    ("phishing verified, not official", |f| {
        f.phishing_verified_unofficial.to_string()
    }),
    ("unparseable", |f| f.unparseable.to_string()),
];

/// The sets in order of first appearance.
fn sets(outcomes: &[Outcome]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for o in outcomes {
        if !out.contains(&o.set.as_str()) {
            out.push(&o.set);
        }
    }
    out
}

fn of_set<'a>(outcomes: &'a [Outcome], set: Option<&'a str>) -> impl Iterator<Item = &'a Outcome> {
    outcomes
        .iter()
        .filter(move |o| set.is_none_or(|s| o.set == s))
}

/// The figures table: one pair of columns (trained, cross-validated) per set, and for all sets together.
fn table(trained: &[Outcome], cv: Option<&[Outcome]>) -> String {
    let mut columns: Vec<(String, Option<&str>)> = sets(trained)
        .into_iter()
        .map(|s| (s.to_string(), Some(s)))
        .collect();
    if columns.len() > 1 {
        columns.push(("together".to_string(), None));
    }
    let figs: Vec<(Figures, Option<Figures>)> = columns
        .iter()
        .map(|(_, set)| {
            (
                figures(of_set(trained, *set)),
                cv.map(|cv| figures(of_set(cv, *set))),
            )
        })
        .collect();
    let mut s = format!("{:<34}", "");
    for (name, _) in &columns {
        let _ = write!(s, " {name:^17}");
    }
    let _ = write!(s, "\n{:<34}", "");
    for _ in &columns {
        let _ = write!(s, " {:>8} {:>8}", "trained", "CV");
    }
    s.push('\n');
    for (name, value) in ROWS {
        let _ = write!(s, "{name:<34}");
        for (t, c) in &figs {
            let cv = c.as_ref().map_or_else(|| "-".to_string(), value);
            let _ = write!(s, " {:>8} {cv:>8}", value(t));
        }
        s.push('\n');
    }
    s
}

/// The full report. `cv` holds the same messages judged with weights fitted without them, when measured.
pub fn report(trained: &[Outcome], cv: Option<&[Outcome]>) -> String {
    let mut s = table(trained, cv);
    if cv.is_some() {
        let _ = writeln!(
            s,
            "(CV: 5-fold cross-validation, each message judged with weights fitted on the other folds)"
        );
    }
    let _ = writeln!(
        s,
        "\nby source, trained (group: messages, alarms, verified):"
    );
    let mut sources: Vec<(&str, &str)> = trained
        .iter()
        .map(|o| (o.label.group(), o.label.repo()))
        .collect();
    sources.sort_unstable();
    sources.dedup();
    for (group, repo) in sources {
        let these: Vec<&Outcome> = trained
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
    let judged = cv.unwrap_or(trained);
    let which = if cv.is_some() {
        "cross-validated"
    } else {
        "trained"
    };
    let _ = writeln!(s, "\nmissed phishing, {which} (* also missed trained):");
    for (o, t) in judged.iter().zip(trained) {
        if o.label.group() == "phishing" && !alarm(o) {
            let _ = writeln!(s, " {}{}", if alarm(t) { ' ' } else { '*' }, line(o));
        }
    }
    let _ = writeln!(s, "\nfalse alarms, {which} (* also trained):");
    for (o, t) in judged.iter().zip(trained) {
        if o.label.group() != "phishing" && false_alarm(o) {
            let _ = writeln!(s, " {}{}", if false_alarm(t) { '*' } else { ' ' }, line(o));
        }
    }
    s
}

fn line(o: &Outcome) -> String {
    let v = &o.record.verdict;
    format!(
        "{:<9} {:<34} {:<11} {:>6.2} brand={:<14} decisive={}",
        o.set,
        o.label.file,
        v.trust.as_str(),
        v.score.total,
        v.brand.as_deref().unwrap_or("-"),
        SignalId::join(&v.decisive, ",")
    )
}

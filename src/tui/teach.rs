//! The teaching keys, pure: "not phishing" trusts the selected message's sender domain (for the brand it
//! claims, or as a sender), "phishing" blocks it; the same key again on a domain taught that way takes it
//! back. The lesson is dated and names the message's Message-ID; every row from the domain is judged again at
//! once (the runner saves the lesson and updates its rules first, [`super::effect`]).

use std::path::PathBuf;

use crate::analysis::{Lesson, Taught, taught};
use crate::config::taught::normalise;

use super::effect::Effect;
use super::state::AppState;

/// What changes in what the user taught.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Learn this lesson (replacing the domain's earlier one).
    Learn(Taught),
    /// Forget what was taught about this domain.
    Forget(String),
}

impl Change {
    /// `taught` with the change applied.
    pub fn apply(&self, taught: &mut Vec<Taught>) {
        match self {
            Change::Learn(lesson) => {
                taught.retain(|t| t.domain != lesson.domain);
                taught.push(lesson.clone());
            }
            Change::Forget(domain) => taught.retain(|t| &t.domain != domain),
        }
    }
}

/// The registrable domain of a From address.
fn domain_of(address: &str) -> Option<String> {
    normalise(address.rsplit_once('@')?.1).ok()
}

/// `+` (trust) or `-` (block) on the selected message.
pub fn teach(s: &mut AppState, verdict: Lesson, effects: &mut Vec<Effect>) {
    let Some(id) = s.selected_row() else {
        s.status = "no message selected".into();
        return;
    };
    let row = &s.rows[id];
    let Some(domain) = row.envelope.as_ref().and_then(|e| domain_of(&e.from_addr)) else {
        s.status = "nothing to teach: the message has no sender domain mailvet can read".into();
        return;
    };
    let brand = row.verdict.as_ref().and_then(|v| v.brand.clone());
    let again = taught::find(&s.taught, &domain).is_some_and(|t| t.verdict == verdict);
    let change = if again {
        Change::Forget(domain.clone())
    } else {
        Change::Learn(Taught {
            domain: domain.clone(),
            verdict,
            brand: brand.clone().filter(|_| verdict == Lesson::Trust),
            date: crate::pipeline::dates::day(s.now),
            message_id: row.envelope.as_ref().and_then(|e| e.message_id.clone()),
        })
    };
    change.apply(&mut s.taught);
    // The runner replaces its rules once per Effect::Teach: results counted under fewer lessons are stale.
    s.lessons += 1;
    let rows: Vec<(usize, PathBuf)> = (s.rows.iter().enumerate())
        .filter(|(_, r)| {
            r.envelope
                .as_ref()
                .and_then(|e| domain_of(&e.from_addr))
                .is_some_and(|d| d == domain)
        })
        .map(|(i, r)| (i, r.path.to_path_buf()))
        .collect();
    if s.open
        .as_ref()
        .is_some_and(|o| rows.iter().any(|(i, _)| *i == o.row))
    {
        // Read again with the new rules, so the detail pane shows the lesson.
        s.open = None;
    }
    // A reading under way judges by the old rules and will not be shown: read again.
    s.loading = None;
    s.status = match (&change, verdict) {
        (Change::Forget(_), _) => format!("forgot what you taught about {domain}"),
        (Change::Learn(_), Lesson::Block) => {
            format!("phishing: {domain} blocked (the same key again undoes)")
        }
        (Change::Learn(_), Lesson::Trust) => format!(
            "not phishing: {domain} trusted{} when authenticated (the same key again undoes)",
            brand.map(|b| format!(" for {b}")).unwrap_or_default()
        ),
    };
    effects.push(Effect::Teach(change, rows));
}

/// The lesson was saved (the config file's path), or why not.
pub fn saved(s: &mut AppState, result: Result<String, String>) {
    if let Err(e) = result {
        s.status = format!("taught until you quit, but not saved: {e}");
    }
}

//! How a judgement is stored in the verdict cache: the head column (everything the list, sort, search and
//! `scan` print) and the signals column (read only when a view needs the evidence), both JSON.

use serde::{Deserialize, Serialize};

use super::judge::{Head, Judgement};
use crate::model::{Signal, Verdict};

/// The head column: the judgement without the verdict's signals.
#[derive(Serialize, Deserialize)]
struct Stored {
    head: Option<Head>,
    verdict: Verdict,
}

/// The head and signals columns of a judgement.
pub(super) fn encode(judgement: &Judgement) -> serde_json::Result<(String, String)> {
    let v = &judgement.verdict;
    let verdict = Verdict {
        brand: v.brand.clone(),
        category: v.category,
        trust: v.trust,
        decisive: v.decisive.clone(),
        score: v.score,
        advice: v.advice.clone(),
        // An unparseable message's one signal is its reason, which the scan table prints: kept here too.
        signals: match judgement.head {
            None => v.signals.clone(),
            Some(_) => Vec::new(),
        },
    };
    let head = serde_json::to_string(&Stored {
        head: judgement.head.clone(),
        verdict,
    })?;
    Ok((head, serde_json::to_string(&v.signals)?))
}

/// The judgement back from its columns (the signals only when read); `None` when they do not decode.
pub(super) fn decode(head: &str, signals: Option<&str>) -> Option<Judgement> {
    let Stored { head, mut verdict } = serde_json::from_str(head).ok()?;
    if let Some(signals) = signals {
        verdict.signals = serde_json::from_str::<Vec<Signal>>(signals).ok()?;
    }
    Some(Judgement { head, verdict })
}

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

/// A judgement as the cache stores it: its head column and, when read or about to be written, its signals
/// column.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub(super) head: String,
    pub(super) signals: Option<String>,
}

impl Row {
    /// The columns of a judgement; `None` when it does not encode.
    pub fn encode(judgement: &Judgement) -> Option<Row> {
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
        })
        .ok()?;
        let signals = serde_json::to_string(&v.signals).ok()?;
        Some(Row {
            head,
            signals: Some(signals),
        })
    }

    /// The judgement back from its columns (the signals only when read); `None` when they do not decode.
    pub fn decode(&self) -> Option<Judgement> {
        let Stored { head, mut verdict } = serde_json::from_str(&self.head).ok()?;
        if let Some(signals) = &self.signals {
            verdict.signals = serde_json::from_str::<Vec<Signal>>(signals).ok()?;
        }
        Some(Judgement { head, verdict })
    }
}

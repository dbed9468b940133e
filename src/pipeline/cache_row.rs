//! How a judgement is stored in the verdict cache: its head (everything the list, sort, search and `scan`
//! print) as plain columns of the `verdicts` table, read with no decoding beyond SQLite's own, and its
//! signals as one column of the `evidence` table ([`super::cache_signals`]), read only when a view needs the evidence.

use rusqlite::types::{ToSqlOutput, Value, ValueRef};

use super::cache::Want;
use super::cache_signals;
use super::judge::{Head, Judgement};
use crate::mail::Address;
use crate::model::{Category, Score, SignalId, Trust, Verdict};

/// The head columns of the `verdicts` table, as created. `reason` holds the signals ([`super::cache_signals`]) of a message
/// that could not be parsed (the scan table prints its reason); the scores have no declared type, so that
/// SQLite keeps each as the exact float written (a REAL column would store -0.0 as the integer 0).
pub(super) const HEAD_SCHEMA: &str = "
        parsed INTEGER NOT NULL,
        message_id TEXT,
        date TEXT,
        timestamp INTEGER,
        from_name TEXT,
        from_address TEXT,
        subject TEXT NOT NULL,
        brand TEXT,
        category TEXT NOT NULL,
        trust TEXT NOT NULL,
        decisive TEXT NOT NULL,
        score_total NOT NULL,
        score_suspicious NOT NULL,
        score_phishing NOT NULL,
        advice TEXT NOT NULL,
        reason TEXT";

/// The head columns, in the order [`Row::head_values`] gives them and [`Row::read_head`] reads them.
pub(super) const HEAD_COLUMNS: &str = "parsed, message_id, date, timestamp, from_name, from_address, \
     subject, brand, category, trust, decisive, score_total, score_suspicious, score_phishing, advice, reason";

/// How many head columns there are.
pub(super) const HEAD_COUNT: usize = 16;

/// A judgement as the cache stores it: its head, and, when read or about to be written, its signals column.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The judgement without the verdict's signals (except for a message that could not be parsed).
    pub(super) head: Judgement,
    /// The signals column ([`super::cache_signals`]).
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
        let signals = cache_signals::encode(&v.signals).ok()?;
        Some(Row {
            head: Judgement {
                head: judgement.head.clone(),
                verdict,
            },
            signals: Some(signals),
        })
    }

    /// The judgement back (with its signals when they were read); `None` when they do not decode.
    pub fn decode(self) -> Option<Judgement> {
        let mut judgement = self.head;
        if let Some(signals) = &self.signals {
            judgement.verdict.signals = cache_signals::decode(signals)?;
        }
        Some(judgement)
    }

    /// The head columns' values, in [`HEAD_COLUMNS`] order.
    pub(super) fn head_values<'a>(&'a self) -> rusqlite::Result<[ToSqlOutput<'a>; HEAD_COUNT]> {
        let head = self.head.head.as_ref();
        let from = head.and_then(|h| h.from.as_ref());
        let v = &self.head.verdict;
        let decisive: Vec<&str> = v.decisive.iter().map(|id| id.as_str()).collect();
        let reason = match v.signals.is_empty() {
            true => None,
            false => Some(
                cache_signals::encode(&v.signals)
                    .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?,
            ),
        };
        let null = || ToSqlOutput::Owned(Value::Null);
        let text = |t: Option<&'a str>| t.map_or_else(null, ToSqlOutput::from);
        Ok([
            ToSqlOutput::from(head.is_some()),
            text(head.and_then(|h| h.message_id.as_deref())),
            text(head.and_then(|h| h.date.as_deref())),
            head.and_then(|h| h.timestamp)
                .map_or_else(null, ToSqlOutput::from),
            text(from.and_then(|a| a.name.as_deref())),
            text(from.map(|a| a.address.as_str())),
            ToSqlOutput::from(head.map_or("", |h| h.subject.as_str())),
            text(v.brand.as_deref()),
            ToSqlOutput::from(v.category.as_str()),
            ToSqlOutput::from(v.trust.as_str()),
            ToSqlOutput::from(decisive.join(",")),
            ToSqlOutput::from(v.score.total),
            ToSqlOutput::from(v.score.suspicious),
            ToSqlOutput::from(v.score.phishing),
            ToSqlOutput::from(v.advice.as_str()),
            reason.map_or_else(null, ToSqlOutput::from),
        ])
    }

    /// The row whose head columns start at column `first` of `row` (no signals; with [`Want::Columns`] no
    /// advice nor Message-ID either); `None` when a value does not read back (a miss).
    pub(super) fn read_head(row: &rusqlite::Row, first: usize, want: Want) -> Option<Row> {
        let text = |i: usize| row.get::<_, Option<String>>(first + i).ok();
        // Values only looked at, not kept: borrowed from the row.
        let borrowed = |i: usize| match row.get_ref(first + i).ok()? {
            ValueRef::Null => Some(None),
            value => value.as_str().ok().map(Some),
        };
        let all = want != Want::Columns;
        let parsed: bool = row.get(first).ok()?;
        let from_address = text(5)?;
        let head = Head {
            message_id: if all { text(1)? } else { None },
            date: text(2)?,
            timestamp: row.get(first + 3).ok()?,
            from: from_address.map(|address| Address {
                name: text(4).flatten(),
                address,
            }),
            subject: text(6)??,
        };
        let category = borrowed(8)??;
        let trust = borrowed(9)??;
        let decisive = borrowed(10)??;
        let reason = borrowed(15)?;
        let verdict = Verdict {
            brand: text(7)?,
            category: *Category::ALL.iter().find(|c| c.as_str() == category)?,
            trust: *Trust::ALL.iter().find(|t| t.as_str() == trust)?,
            decisive: (decisive.split(',').filter(|id| !id.is_empty()))
                .map(|id| id.parse::<SignalId>().ok())
                .collect::<Option<Vec<SignalId>>>()?,
            score: Score {
                total: row.get(first + 11).ok()?,
                suspicious: row.get(first + 12).ok()?,
                phishing: row.get(first + 13).ok()?,
            },
            advice: if all { text(14)?? } else { String::new() },
            signals: match reason {
                Some(stored) => cache_signals::decode(stored)?,
                None => Vec::new(),
            },
        };
        Some(Row {
            head: Judgement {
                head: parsed.then_some(head),
                verdict,
            },
            signals: None,
        })
    }
}

//! How a judgement is stored in the verdict cache: its head (everything the list, sort, search and `scan`
//! print) as plain columns of the `verdicts` table, read with no decoding beyond SQLite's own, and its
//! signals as one column of the `evidence` table ([`super::cache_signals`]), read only when a view needs the evidence.

use std::collections::HashMap;
use std::sync::OnceLock;

use foldhash::fast::FixedState;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};

use super::cache::Want;
use super::cache_signals;
use super::judge::{Head, Judgement, Shown, record_of};
use crate::mail::Address;
use crate::model::{Category, Record, Score, SignalId, Trust, Verdict};

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

/// The head columns, in the order [`Row::head_values`] gives them (written; [`Stored::read`] reads its own
/// selection of them).
pub(super) const HEAD_COLUMNS: &str = "parsed, message_id, date, timestamp, from_name, from_address, \
     subject, brand, category, trust, decisive, score_total, score_suspicious, score_phishing, advice, reason";

/// How many head columns there are.
pub(super) const HEAD_COUNT: usize = 16;

/// The head columns [`Stored::read`] reads, in its order: what every reading wants...
const READ: &str = "parsed, date, timestamp, from_name, from_address, subject, brand, category, trust, \
     decisive, reason";
/// ...and what only [`Want::List`] and [`Want::Full`] want (not printed by `scan`'s table and CSV).
const READ_MORE: &str = "score_total, score_suspicious, score_phishing, message_id, advice";

/// A judgement as the cache writes it: its head and its signals column.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The judgement without the verdict's signals (except for a message that could not be parsed).
    pub(super) head: Judgement,
    /// The signals column ([`super::cache_signals`]).
    pub(super) signals: String,
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
            signals,
        })
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
}

/// A row as SQLite hands it over: the head columns (and, when read, the signals column) borrowed from it,
/// nothing copied, so a hit costs only what its caller makes of it (a [`Judgement`], or a printed [`Record`]
/// straight away).
#[derive(Debug, Clone, Copy)]
pub struct Stored<'r> {
    /// The headers shown (`None`: the message could not be parsed).
    head: Option<Shown<'r>>,
    brand: Option<&'r str>,
    category: Category,
    trust: Trust,
    /// The decisive signals' ids, comma-separated.
    decisive: &'r str,
    /// Zero when not read ([`Want::Columns`]).
    score: Score,
    /// Empty when not read ([`Want::Columns`]).
    advice: &'r str,
    /// The stored signals of a message that could not be parsed ([`HEAD_SCHEMA`]).
    reason: Option<&'r str>,
    /// The signals column, when read ([`Want::Full`]).
    signals: Option<&'r str>,
}

impl<'r> Stored<'r> {
    /// The head columns [`Stored::read`] reads for `want`, as an SQL list.
    pub(super) fn columns(want: Want) -> String {
        match want {
            Want::Columns => READ.to_owned(),
            Want::List | Want::Full => format!("{READ}, {READ_MORE}"),
        }
    }

    /// The row whose head columns ([`Stored::columns`]) start at column `first` of `row`, the signals column
    /// following them with [`Want::Full`]; `None` when a value does not read back (a miss).
    pub(super) fn read(row: &'r rusqlite::Row, first: usize, want: Want) -> Option<Stored<'r>> {
        let value = |i: usize| row.get_ref(first + i).ok();
        let text = |i: usize| match value(i)? {
            ValueRef::Null => Some(None),
            value => value.as_str().ok().map(Some),
        };
        let number = |i: usize| match value(i)? {
            ValueRef::Real(f) => Some(f),
            ValueRef::Integer(n) => Some(n as f64),
            _ => None,
        };
        let all = want != Want::Columns;
        let parsed = match value(0)? {
            ValueRef::Integer(n) => n != 0,
            _ => return None,
        };
        let head = match parsed {
            false => None,
            true => Some(Shown {
                message_id: if all { text(14)? } else { None },
                date: text(1)?,
                timestamp: match value(2)? {
                    ValueRef::Null => None,
                    ValueRef::Integer(n) => Some(n),
                    _ => return None,
                },
                from: text(4)?.map(|address| (text(3).flatten(), address)),
                subject: text(5)??,
            }),
        };
        let category = text(7)??;
        let trust = text(8)??;
        Some(Stored {
            head,
            brand: text(6)?,
            category: *Category::ALL.iter().find(|c| c.as_str() == category)?,
            trust: *Trust::ALL.iter().find(|t| t.as_str() == trust)?,
            decisive: text(9)??,
            score: match all {
                true => Score {
                    total: number(11)?,
                    suspicious: number(12)?,
                    phishing: number(13)?,
                },
                false => Score::default(),
            },
            advice: if all { text(15)?? } else { "" },
            reason: text(10)?,
            signals: match want {
                Want::Full => Some(text(16)??),
                _ => None,
            },
        })
    }

    /// The judgement it keeps, with its signals when they were read; `None` when a value does not decode.
    pub fn judgement(&self) -> Option<Judgement> {
        let head = self.head.map(|h| Head {
            message_id: h.message_id.map(str::to_owned),
            date: h.date.map(str::to_owned),
            timestamp: h.timestamp,
            from: h.from.map(|(name, address)| Address {
                name: name.map(str::to_owned),
                address: address.to_owned(),
            }),
            subject: h.subject.to_owned(),
        });
        Some(Judgement {
            head,
            verdict: self.verdict()?,
        })
    }

    /// The record of the message file at `path` in `folder`, exactly as [`Judgement::record`] makes it, its
    /// strings sanitised straight from the row; `None` when a value does not decode.
    pub fn record(&self, path: &str, folder: &str) -> Option<Record> {
        Some(record_of(self.head, self.verdict()?, path, folder))
    }

    /// The verdict: its signals when they were read, else only a reason kept (an unparseable message's).
    fn verdict(&self) -> Option<Verdict> {
        let signals = match self.signals.or(self.reason) {
            Some(stored) => cache_signals::decode(stored)?,
            None => Vec::new(),
        };
        Some(Verdict {
            brand: self.brand.map(str::to_owned),
            category: self.category,
            trust: self.trust,
            decisive: (self.decisive.split(',').filter(|id| !id.is_empty()))
                .map(signal_id)
                .collect::<Option<Vec<SignalId>>>()?,
            score: self.score,
            advice: self.advice.to_owned(),
            signals,
        })
    }
}

/// The signal named `name` (as [`SignalId`]'s `FromStr` finds it, by a hash rather than a walk through every
/// name: a warm start reads a few per message).
fn signal_id(name: &str) -> Option<SignalId> {
    static IDS: OnceLock<HashMap<&'static str, SignalId, FixedState>> = OnceLock::new();
    let ids = IDS.get_or_init(|| SignalId::ALL.iter().map(|id| (id.as_str(), *id)).collect());
    ids.get(name).copied()
}

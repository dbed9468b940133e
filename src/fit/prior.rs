//! The hand-chosen part of the fit: for each signal outcome, where its weight starts and the box it must stay
//! in. The fit decides the value inside the box. `warn` and `fail` may only raise a score; `pass`, `info` and
//! `unknown` weigh 0: trust is proof (the `verified` label), never a discount on the evidence against a
//! message, so one strong signal alone can always make a message suspicious (tried: letting `pass` lower the
//! score down to -3 gained 0.6 points of cross-validated catch but let an authenticated platform carry another
//! brand's name unflagged, issue 13 class 5).

use crate::model::{Outcome, SignalId};

/// Start value and bounds of one weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prior {
    /// Where the weight starts and what the penalty pulls it towards.
    pub start: f64,
    /// The lowest value allowed.
    pub low: f64,
    /// The highest value allowed.
    pub high: f64,
}

impl Prior {
    /// Whether the fit may move it (a fixed 0 is not written to scores.toml).
    pub fn is_fitted(self) -> bool {
        self.low < self.high
    }
}

const FIXED_ZERO: Prior = Prior {
    start: 0.0,
    low: 0.0,
    high: 0.0,
};

/// The start value and bounds of `id`'s `outcome`.
pub fn of(id: SignalId, outcome: Outcome) -> Prior {
    if matches!(
        id,
        SignalId::MailvetHeader | SignalId::AuthSource | SignalId::Taught
    ) {
        // Information only (anyone can write X-Mailvet headers; which A-R header was used), or what the user
        // taught, which no corpus holds: its weights follow the thresholds (`fit::taught`).
        return FIXED_ZERO;
    }
    match outcome {
        Outcome::Warn => Prior {
            start: 1.0,
            low: 0.0,
            high: 6.0,
        },
        Outcome::Fail => Prior {
            start: 2.0,
            low: 0.0,
            high: 8.0,
        },
        Outcome::Pass | Outcome::Info | Outcome::Unknown => FIXED_ZERO,
    }
}

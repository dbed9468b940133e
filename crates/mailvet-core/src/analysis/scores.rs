//! Scoring as data: every signal outcome's weight and the suspicious / phishing thresholds, from the embedded
//! `scores.toml` with the user's `[scores]` merged over it. The verdict adds up the weights of a message's
//! signals; the total against the thresholds gives the alarm labels.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Outcome, SignalId};

/// The embedded weights and thresholds (written by `examples/fit.rs`).
pub const EMBEDDED: &str = include_str!("scores.toml");

/// The weight of each outcome of one signal; an outcome not given weighs nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Added when the check passes (usually ≤ 0: it speaks for the message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass: Option<f64>,
    /// Added on weak evidence against the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn: Option<f64>,
    /// Added on strong evidence against the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail: Option<f64>,
    /// Added for an informational outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<f64>,
    /// Added when the check could not be made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<f64>,
}

impl Weights {
    /// The weight of `outcome` (0 when not given).
    pub fn of(&self, outcome: Outcome) -> f64 {
        self.slot(outcome).unwrap_or(0.0)
    }

    /// Sets the weight of `outcome`.
    pub fn set(&mut self, outcome: Outcome, weight: f64) {
        *self.slot_mut(outcome) = Some(weight);
    }

    fn slot(&self, outcome: Outcome) -> Option<f64> {
        match outcome {
            Outcome::Pass => self.pass,
            Outcome::Warn => self.warn,
            Outcome::Fail => self.fail,
            Outcome::Info => self.info,
            Outcome::Unknown => self.unknown,
        }
    }

    fn slot_mut(&mut self, outcome: Outcome) -> &mut Option<f64> {
        match outcome {
            Outcome::Pass => &mut self.pass,
            Outcome::Warn => &mut self.warn,
            Outcome::Fail => &mut self.fail,
            Outcome::Info => &mut self.info,
            Outcome::Unknown => &mut self.unknown,
        }
    }

    /// Every outcome given in `other` replaces ours.
    fn merge(&mut self, other: Weights) {
        for outcome in [
            Outcome::Pass,
            Outcome::Warn,
            Outcome::Fail,
            Outcome::Info,
            Outcome::Unknown,
        ] {
            if let Some(w) = other.slot(outcome) {
                self.set(outcome, w);
            }
        }
    }
}

/// Where the score turns into an alarm.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// From this score on, the message is suspicious.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspicious: Option<f64>,
    /// From this score on, the message is phishing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phishing: Option<f64>,
}

/// Weights and thresholds: the embedded file, or a user's `[scores]` that only sets some of them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    /// The thresholds.
    #[serde(default)]
    pub thresholds: Thresholds,
    /// Each signal's weights by outcome.
    #[serde(default)]
    pub weights: BTreeMap<SignalId, Weights>,
}

/// The suspicious threshold when no file sets one (only if scores.toml lost it; a test checks it has it).
const FALLBACK_SUSPICIOUS: f64 = 2.0;
/// The phishing threshold when no file sets one.
const FALLBACK_PHISHING: f64 = 3.0;

impl Scores {
    /// Parses a scores file.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// The embedded weights and thresholds.
    pub fn embedded() -> Self {
        // The embedded file is checked by a unit test, so this never falls back in a release.
        Self::from_toml(EMBEDDED).unwrap_or_default()
    }

    /// Merges `other` over `self`: every threshold and outcome weight it sets replaces ours.
    pub fn merge(&mut self, other: Scores) {
        if other.thresholds.suspicious.is_some() {
            self.thresholds.suspicious = other.thresholds.suspicious;
        }
        if other.thresholds.phishing.is_some() {
            self.thresholds.phishing = other.thresholds.phishing;
        }
        for (id, w) in other.weights {
            self.weights.entry(id).or_default().merge(w);
        }
    }

    /// What `outcome` of signal `id` adds to the score.
    pub fn weight(&self, id: SignalId, outcome: Outcome) -> f64 {
        self.weights.get(&id).map_or(0.0, |w| w.of(outcome))
    }

    /// The suspicious threshold.
    pub fn suspicious(&self) -> f64 {
        self.thresholds.suspicious.unwrap_or(FALLBACK_SUSPICIOUS)
    }

    /// The phishing threshold (never below the suspicious one).
    pub fn phishing(&self) -> f64 {
        self.thresholds
            .phishing
            .unwrap_or(FALLBACK_PHISHING)
            .max(self.suspicious())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_scores_weigh_every_registered_signal() {
        let scores = Scores::from_toml(EMBEDDED).expect("scores.toml parses");
        assert!(scores.thresholds.suspicious.is_some() && scores.thresholds.phishing.is_some());
        assert!(scores.suspicious() <= scores.phishing());
        let missing: Vec<&str> = SignalId::ALL
            .iter()
            .filter(|id| !scores.weights.contains_key(id))
            .map(|id| id.as_str())
            .collect();
        assert!(
            missing.is_empty(),
            "scores.toml has no weights for {missing:?}"
        );
    }

    #[test]
    fn every_fail_alone_makes_a_message_suspicious() {
        let scores = Scores::embedded();
        for (&id, w) in &scores.weights {
            if let Some(fail) = w.fail {
                assert!(
                    fail >= scores.suspicious(),
                    "{id}: fail weight {fail} is below the suspicious threshold {}",
                    scores.suspicious()
                );
            }
        }
    }

    #[test]
    fn user_scores_replace_only_what_they_set() {
        let mut scores = Scores::embedded();
        let before = scores.weight(SignalId::LinkIpHost, Outcome::Warn);
        let user = Scores::from_toml(
            "[thresholds]\nphishing = 9.5\n[weights]\nlink-ip-host = { fail = 7.25 }\n",
        )
        .unwrap();
        scores.merge(user);
        assert_eq!(scores.phishing(), 9.5);
        assert_eq!(scores.suspicious(), Scores::embedded().suspicious());
        assert_eq!(scores.weight(SignalId::LinkIpHost, Outcome::Fail), 7.25);
        assert_eq!(scores.weight(SignalId::LinkIpHost, Outcome::Warn), before);
    }

    #[test]
    fn unknown_signal_ids_are_errors() {
        let err = Scores::from_toml("[weights]\nno-such-signal = { fail = 1.0 }\n").unwrap_err();
        assert!(err.to_string().contains("no-such-signal"), "{err}");
    }
}

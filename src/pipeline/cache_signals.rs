//! How the verdict cache stores a list of signals: JSON, each signal an array (id, outcome, title,
//! evidence, weight) rather than an object, so no field name is written, stored or matched per signal
//! (about a fifth of the bytes of a judgement's evidence).

use serde::Deserialize;
use serde::ser::{Serialize, Serializer};

use crate::model::{Outcome, Signal, SignalId};

/// A signal as written.
#[derive(serde::Serialize)]
struct Written<'a>(SignalId, Outcome, &'a str, &'a str, f64);

/// A signal as read back.
#[derive(Deserialize)]
struct Read(SignalId, Outcome, String, String, f64);

/// The signals, serialised as stored.
struct Stored<'a>(&'a [Signal]);

impl Serialize for Stored<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            (self.0.iter()).map(|s| Written(s.id, s.outcome, &s.title, &s.evidence, s.weight)),
        )
    }
}

/// The stored form of `signals`.
pub(super) fn encode(signals: &[Signal]) -> serde_json::Result<String> {
    serde_json::to_string(&Stored(signals))
}

/// The signals back from their stored form; `None` when it does not decode.
pub(super) fn decode(stored: &str) -> Option<Vec<Signal>> {
    let read: Vec<Read> = serde_json::from_str(stored).ok()?;
    Some(
        read.into_iter()
            .map(|Read(id, outcome, title, evidence, weight)| Signal {
                id,
                outcome,
                title,
                evidence,
                weight,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::{decode, encode};
    use crate::model::{Outcome, Signal, SignalId};

    #[test]
    fn signals_come_back_exactly() {
        let mut odd = Signal::new(
            SignalId::ALL[0],
            Outcome::Warn,
            "a \"title\"\n",
            "é\u{0} <x>",
        );
        odd.weight = -0.0;
        let mut weighed = Signal::new(SignalId::ALL[1], Outcome::Fail, "", "");
        weighed.weight = 0.1 + 0.2;
        let signals = vec![odd, weighed];
        let stored = encode(&signals).unwrap();
        let back = decode(&stored).unwrap();
        assert_eq!(back, signals);
        assert!(back[0].weight.is_sign_negative());
        assert_eq!(back[1].weight.to_bits(), (0.1f64 + 0.2).to_bits());
        assert_eq!(decode("[]"), Some(Vec::new()));
        assert_eq!(
            decode("[[\"no-such-signal\",\"pass\",\"\",\"\",0.0]]"),
            None
        );
        assert_eq!(decode("{"), None);
    }
}

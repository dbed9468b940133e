//! The human checklist of `explain`: the message's identity, the label with the score and its thresholds, every
//! signal with what it added to the score and its evidence (decisive ones marked), and the advice. Colour is optional (ANSI SGR only, never other sequences).

use std::io::{self, Write};

use crate::model::{Outcome, Record, Trust};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BLUE: &str = "\x1b[34m";

/// Writes the checklist of one record; `colour` adds ANSI colours for a terminal.
pub fn write(out: &mut dyn Write, record: &Record, colour: bool) -> io::Result<()> {
    let paint = |code: &'static str, text: &str| {
        if colour {
            format!("{code}{text}{RESET}")
        } else {
            text.to_owned()
        }
    };
    let verdict = &record.verdict;
    for (label, value) in [
        ("From", record.from.as_deref()),
        ("Subject", record.subject.as_deref()),
        ("Date", record.date.as_deref()),
        ("Path", Some(record.path.as_str())),
    ] {
        writeln!(out, "{:<9}{}", format!("{label}:"), value.unwrap_or("-"))?;
    }
    writeln!(out)?;
    let claim = verdict
        .brand
        .as_deref()
        .map_or_else(|| "claims no brand".to_owned(), |b| format!("claims {b}"));
    let trust_word = verdict.trust.as_str().to_uppercase();
    let trust_word = if colour {
        format!("{BOLD}{}{trust_word}{RESET}", trust_colour(verdict.trust))
    } else {
        trust_word
    };
    let score = &verdict.score;
    writeln!(
        out,
        "{trust_word} · {} · {claim} · score {:.1} (suspicious from {:.1}, phishing from {:.1})",
        verdict.category.as_str(),
        score.total,
        score.suspicious,
        score.phishing
    )?;
    writeln!(out)?;
    for signal in &verdict.signals {
        let decisive = verdict.decisive.contains(&signal.id);
        let icon = paint(outcome_colour(signal.outcome), outcome_icon(signal.outcome));
        let mark = if decisive {
            paint(BOLD, "  [decisive]")
        } else {
            String::new()
        };
        // What it added to the score; blank when nothing.
        let weight = if signal.weight == 0.0 {
            String::new()
        } else {
            format!("{:+.1}", signal.weight)
        };
        writeln!(
            out,
            "  {icon} {weight:>5}  {}{mark}  {}",
            signal.title,
            paint(DIM, &format!("({})", signal.id))
        )?;
        if !signal.evidence.is_empty() {
            writeln!(out, "      {}", signal.evidence)?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{} {}", paint(BOLD, "What to do:"), verdict.advice)
}

/// The one-character mark of an outcome, readable without colour.
pub fn outcome_icon(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass => "✓",
        Outcome::Warn => "!",
        Outcome::Fail => "✗",
        Outcome::Info => "·",
        Outcome::Unknown => "?",
    }
}

fn outcome_colour(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass => GREEN,
        Outcome::Warn => YELLOW,
        Outcome::Fail => RED,
        Outcome::Info => BLUE,
        Outcome::Unknown => DIM,
    }
}

fn trust_colour(trust: Trust) -> &'static str {
    match trust {
        Trust::Verified => GREEN,
        Trust::Unverified => BLUE,
        Trust::Suspicious => YELLOW,
        Trust::Phishing | Trust::Unparseable => RED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn plain_checklist_is_byte_exact() {
        let mut out = Vec::new();
        write(&mut out, &fixtures::phishing(), false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "From:    Amazon <security@amaz0n-alerts.example>\n\
             Subject: =Verify your account, now\n\
             Date:    2026-11-20T10:32:00+00:00\n\
             Path:    /mail/INBOX/cur/1.host:2,S\n\
             \n\
             PHISHING · account-security · claims amazon · score 3.0 (suspicious from 2.0, phishing from 3.0)\n\
             \n  \
             ✗  +3.0  Sender domain is not Amazon's  [decisive]  (sender-domain)\n      \
             amaz0n-alerts.example\n  \
             ?        No SPF result  (spf)\n\
             \n\
             What to do: Do not click. Report it to Amazon: stop-spoofing@amazon.com, as an attachment.\n"
        );
    }

    #[test]
    fn colour_uses_only_sgr_sequences() {
        let mut out = Vec::new();
        write(&mut out, &fixtures::phishing(), true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("\x1b[31m✗\x1b[0m"));
        for (i, _) in text.match_indices('\x1b') {
            let rest = &text[i + 1..];
            let end = rest.find('m').unwrap();
            assert!(rest.starts_with('[') && rest[1..end].chars().all(|c| c.is_ascii_digit()));
        }
        assert!(!text.contains('\0'));
    }
}

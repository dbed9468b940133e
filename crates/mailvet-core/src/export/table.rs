//! The human table of `scan --format table`: one line per message, fixed-width columns.

use std::io::{self, Write};

use crate::model::Record;

/// Writes a header line and one line per record: trust, category, brand, date, from, subject.
pub fn write(out: &mut dyn Write, records: &[Record]) -> io::Result<()> {
    write_header(out)?;
    records.iter().try_for_each(|record| write_row(out, record))
}

/// Writes the header line (the columns have fixed widths, so rows can follow one at a time).
pub fn write_header(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{:<11} {:<18} {:<14} {:<10} {:<40} SUBJECT",
        "TRUST", "CATEGORY", "BRAND", "DATE", "FROM"
    )
}

/// Writes one record's line, in one write: the columns as [`write_header`] lays them out (each padded to its
/// width in characters, as `{:<N}` pads), the subject last.
pub fn write_row(out: &mut dyn Write, record: &Record) -> io::Result<()> {
    let verdict = &record.verdict;
    let mut line = String::with_capacity(192);
    padded(&mut line, verdict.trust.as_str(), 11, usize::MAX);
    padded(&mut line, verdict.category.as_str(), 18, usize::MAX);
    padded(&mut line, verdict.brand.as_deref().unwrap_or("-"), 14, 14);
    let date = record.date.as_deref();
    padded(
        &mut line,
        date.map_or("-", |d| d.get(..10).unwrap_or(d)),
        10,
        usize::MAX,
    );
    padded(&mut line, record.from.as_deref().unwrap_or("-"), 40, 40);
    match &record.subject {
        Some(subject) => line.push_str(subject),
        // For unreadable files, the path and the reason instead.
        None => {
            let reason = verdict.signals.first().map_or("", |s| s.evidence.as_str());
            line.push_str(&record.path);
            line.push_str(" (");
            line.push_str(reason);
            line.push(')');
        }
    }
    line.push('\n');
    out.write_all(line.as_bytes())
}

/// Appends `s` cut to at most `most` characters (the cut marked with `…`), then spaces up to `width`
/// characters, then the space between columns.
fn padded(line: &mut String, s: &str, width: usize, most: usize) {
    let chars = s.chars().count();
    let shown = match chars > most {
        true => {
            let cut = s
                .char_indices()
                .nth(most.saturating_sub(1))
                .map_or(s.len(), |(i, _)| i);
            line.push_str(&s[..cut]);
            line.push('…');
            most
        }
        false => {
            line.push_str(s);
            chars
        }
    };
    let mut spaces = width.saturating_sub(shown) + 1;
    while spaces > 0 {
        let run = spaces.min(SPACES.len());
        line.push_str(&SPACES[..run]);
        spaces -= run;
    }
}

/// Spaces to pad with.
const SPACES: &str = "                                                ";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn one_line_per_record_under_a_header() {
        let mut out = Vec::new();
        write(&mut out, &[fixtures::phishing()]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("TRUST"));
        assert_eq!(
            lines[1],
            "phishing    account-security   amazon         2026-11-20 Amazon <security@amaz0n-alerts.example>  =Verify your account, now"
        );
    }

    #[test]
    fn long_values_are_clipped_and_short_ones_padded_by_characters() {
        let cell = |s: &str, width: usize, most: usize| {
            let mut line = String::new();
            padded(&mut line, s, width, most);
            line
        };
        assert_eq!(cell("abcdef", 4, 4), "abc… ");
        assert_eq!(cell("abcd", 4, 4), "abcd ");
        assert_eq!(cell("abc", 4, 4), "abc  ");
        assert_eq!(cell("Grüße", 6, usize::MAX), "Grüße  ");
        assert_eq!(cell("ééééé", 4, 4), "ééé… ");
        assert_eq!(cell("", 2, 2), "   ");
    }
}

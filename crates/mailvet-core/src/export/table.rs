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

/// Writes one record's line.
pub fn write_row(out: &mut dyn Write, record: &Record) -> io::Result<()> {
    let verdict = &record.verdict;
    writeln!(
        out,
        "{:<11} {:<18} {:<14} {:<10} {:<40} {}",
        verdict.trust.as_str(),
        verdict.category.as_str(),
        clip(verdict.brand.as_deref().unwrap_or("-"), 14),
        record
            .date
            .as_deref()
            .map_or("-", |d| d.get(..10).unwrap_or(d)),
        clip(record.from.as_deref().unwrap_or("-"), 40),
        subject_or_path(record),
    )
}

/// The subject; for unreadable files, the path and the reason instead.
fn subject_or_path(record: &Record) -> String {
    match &record.subject {
        Some(subject) => subject.clone(),
        None => {
            let reason = record
                .verdict
                .signals
                .first()
                .map_or("", |s| s.evidence.as_str());
            format!("{} ({reason})", record.path)
        }
    }
}

/// Cuts `s` to at most `width` characters, marking the cut with `…`.
fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_owned();
    }
    let mut cut: String = s.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

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
    fn long_values_are_clipped() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
    }
}

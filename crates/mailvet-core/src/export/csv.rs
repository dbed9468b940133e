//! CSV (RFC 4180): a header row, then one row per message. Every cell is sanitised (no control characters,
//! whatever the record holds), and cells that a spreadsheet would run as a formula (starting with `=`, `+`,
//! `-`, `@`, tab or CR) are prefixed with `'`.

use std::io::{self, Write};

use crate::mail::sanitise::sanitise;
use crate::model::{Record, SignalId};

/// The columns, in order.
pub const COLUMNS: [&str; 9] = [
    "date", "from", "domain", "subject", "brand", "category", "trust", "decisive", "path",
];

/// Writes the header row and one row per record.
pub fn write(out: &mut dyn Write, records: &[Record]) -> io::Result<()> {
    let mut rows = Rows::new(out)?;
    records.iter().try_for_each(|record| rows.push(record))?;
    rows.finish()
}

/// A CSV stream: the header row first, then rows one record at a time.
pub struct Rows<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> Rows<W> {
    /// Starts the stream with the header row.
    pub fn new(out: W) -> io::Result<Rows<W>> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(COLUMNS).map_err(into_io)?;
        Ok(Rows { writer })
    }

    /// Writes one record's row.
    pub fn push(&mut self, record: &Record) -> io::Result<()> {
        let from = record.from.as_deref().unwrap_or("");
        let verdict = &record.verdict;
        let row = [
            record.date.as_deref().unwrap_or(""),
            from,
            &super::from_domain(from),
            record.subject.as_deref().unwrap_or(""),
            verdict.brand.as_deref().unwrap_or(""),
            verdict.category.as_str(),
            verdict.trust.as_str(),
            &SignalId::join(&verdict.decisive, " "),
            &record.path,
        ];
        self.writer
            .write_record(row.iter().map(|cell| defuse_formula(cell)))
            .map_err(into_io)
    }

    /// Writes out what is still buffered.
    pub fn finish(mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// The csv crate's error as the I/O error it wraps, so a closed pipe stays a broken pipe for the caller.
fn into_io(err: csv::Error) -> io::Error {
    if !err.is_io_error() {
        return io::Error::other(err);
    }
    match err.into_kind() {
        csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Sanitises a cell and prefixes it when a spreadsheet would evaluate it as a formula.
fn defuse_formula(cell: &str) -> String {
    let cell = sanitise(cell);
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn header_then_rows_with_formulas_defused() {
        let mut out = Vec::new();
        write(&mut out, &[fixtures::phishing()]).unwrap();
        let expected = "date,from,domain,subject,brand,category,trust,decisive,path\n\
            2026-11-20T10:32:00+00:00,Amazon <security@amaz0n-alerts.example>,amaz0n-alerts.example,\
            \"'=Verify your account, now\",amazon,account-security,phishing,sender-domain,\
            \"/mail/INBOX/cur/1.host:2,S\"\n";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}

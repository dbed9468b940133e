//! JSON Lines: one record per line, the fields of DESIGN.md in their documented order.

use std::io::{self, Write};

use crate::model::Record;

/// Writes one JSON object per record, each on its own line.
pub fn write(out: &mut dyn Write, records: &[Record]) -> io::Result<()> {
    records
        .iter()
        .try_for_each(|record| write_line(out, record))
}

/// Writes one record as one line.
pub fn write_line(out: &mut dyn Write, record: &Record) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}

/// Writes one record as a pretty-printed JSON object.
pub fn write_pretty(out: &mut dyn Write, record: &Record) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, record)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn one_line_per_record_with_documented_field_order() {
        let mut out = Vec::new();
        write(&mut out, &[fixtures::phishing(), fixtures::phishing()]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 2);
        let first = text.lines().next().unwrap();
        let keys = [
            "\"path\"",
            "\"folder\"",
            "\"message_id\"",
            "\"date\"",
            "\"from\"",
            "\"subject\"",
            "\"brand\"",
            "\"category\"",
            "\"trust\"",
            "\"decisive\"",
            "\"advice\"",
            "\"signals\"",
        ];
        let positions: Vec<usize> = keys.iter().map(|k| first.find(k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "order: {first}");
        let back: Record = serde_json::from_str(first).unwrap();
        assert_eq!(back, fixtures::phishing());
    }
}

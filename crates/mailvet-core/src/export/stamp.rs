//! The message as `mailvet filter` passes it on: the original bytes with the verdict on top as `X-Mailvet-*`
//! headers. Every `X-Mailvet-*` header already in the message (anyone can send them) is removed first, with
//! its folded continuation lines; no other byte changes. Added values keep only printable ASCII, and the
//! labels and ids in them only `[a-z0-9.-]`, so nothing derived from mail can start a line of its own.

use std::io::{self, Write};
use std::ops::Range;

use crate::model::Verdict;

/// The prefix of every header mailvet adds (and removes), compared without regard to case.
pub const PREFIX: &str = "X-Mailvet-";

/// Added header lines are folded before this many characters.
const FOLD_AT: usize = 78;

/// The headers that carry `verdict`: Trust, Category, Brand (`none` without one), Signals (the decisive ids,
/// `none` when there are none) and Version (`version`, mailvet's own).
pub fn verdict_headers(verdict: &Verdict, version: &str) -> Vec<(&'static str, String)> {
    let signals: Vec<String> = verdict
        .decisive
        .iter()
        .map(|id| token(id.as_str()))
        .collect();
    vec![
        ("X-Mailvet-Trust", token(verdict.trust.as_str())),
        ("X-Mailvet-Category", token(verdict.category.as_str())),
        (
            "X-Mailvet-Brand",
            token(verdict.brand.as_deref().unwrap_or("")),
        ),
        ("X-Mailvet-Signals", or_none(signals.join(", "))),
        ("X-Mailvet-Version", token(version)),
    ]
}

/// Writes `raw` with every `X-Mailvet-*` header of its header block removed and `headers` added at the top
/// (after an mbox `From ` envelope line when the message starts with one), in the message's own line ending.
pub fn write(out: &mut dyn Write, raw: &[u8], headers: &[(&str, String)]) -> io::Result<()> {
    let start = envelope_len(raw);
    out.write_all(&raw[..start])?;
    let eol = line_ending(&raw[start..]);
    for (name, value) in headers {
        write_header(out, name, value, eol)?;
    }
    let mut at = start;
    for removed in mailvet_fields(raw, start) {
        out.write_all(&raw[at..removed.start])?;
        at = removed.end;
    }
    out.write_all(&raw[at..])
}

/// A label or id reduced to `[a-z0-9.-]` (other characters dropped); `none` when nothing is left.
fn token(s: &str) -> String {
    or_none(
        s.chars()
            .map(|c| c.to_ascii_lowercase())
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'))
            .collect(),
    )
}

fn or_none(s: String) -> String {
    if s.is_empty() { "none".to_owned() } else { s }
}

/// One header, printable ASCII only, folded at the spaces of its value to stay under [`FOLD_AT`].
fn write_header(out: &mut dyn Write, name: &str, value: &str, eol: &[u8]) -> io::Result<()> {
    let clean = |s: &str| -> String { s.chars().filter(|c| matches!(c, ' '..='~')).collect() };
    let mut line = format!("{}:", clean(name));
    for word in clean(value).split(' ').filter(|w| !w.is_empty()) {
        if line.len() + 1 + word.len() > FOLD_AT && !line.ends_with(':') {
            out.write_all(line.as_bytes())?;
            out.write_all(eol)?;
            line.clear();
        }
        line.push(' ');
        line.push_str(word);
    }
    out.write_all(line.as_bytes())?;
    out.write_all(eol)
}

/// The length of a leading mbox `From ` envelope line (procmail passes one on), else 0.
fn envelope_len(raw: &[u8]) -> usize {
    if !raw.starts_with(b"From ") {
        return 0;
    }
    raw.iter()
        .position(|&b| b == b'\n')
        .map_or(raw.len(), |i| i + 1)
}

/// CRLF when the first line ends in CRLF (or there is no line ending at all), else LF.
fn line_ending(raw: &[u8]) -> &'static [u8] {
    match raw.iter().position(|&b| b == b'\n') {
        Some(i) if i == 0 || raw[i - 1] != b'\r' => b"\n",
        _ => b"\r\n",
    }
}

/// The byte ranges of the `X-Mailvet-*` fields (each with its continuation lines) in the header block that
/// starts at `start`. The block ends at the first empty line, or at the first line that is neither a field
/// (`Name:`) nor a continuation (leading space or tab).
fn mailvet_fields(raw: &[u8], start: usize) -> Vec<Range<usize>> {
    let mut removed: Vec<Range<usize>> = Vec::new();
    let mut in_removed = false;
    let mut at = start;
    while at < raw.len() {
        let end = raw[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(raw.len(), |i| at + i + 1);
        let line = &raw[at..end];
        if line.starts_with(b" ") || line.starts_with(b"\t") {
            if in_removed {
                extend(&mut removed, at..end);
            }
        } else {
            match field_name(line) {
                Some(name) => {
                    in_removed = name.len() >= PREFIX.len()
                        && name[..PREFIX.len()].eq_ignore_ascii_case(PREFIX.as_bytes());
                    if in_removed {
                        extend(&mut removed, at..end);
                    }
                }
                None => break, // an empty line, or body text: the header block is over
            }
        }
        at = end;
    }
    removed
}

/// Adds `range` to `ranges`, joining it to the last one when they touch.
fn extend(ranges: &mut Vec<Range<usize>>, range: Range<usize>) {
    match ranges.last_mut() {
        Some(last) if last.end == range.start => last.end = range.end,
        _ => ranges.push(range),
    }
}

/// The name of a header field line (`Name:` or the obsolete `Name :`), or `None` when the line is not one.
fn field_name(line: &[u8]) -> Option<&[u8]> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = line[..colon].trim_ascii_end();
    (!name.is_empty() && name.iter().all(|b| (b'!'..=b'~').contains(b))).then_some(name)
}

#[cfg(test)]
#[path = "stamp_tests.rs"]
mod tests;

//! mbox (mboxrd): every message behind a `From sender date` line, its lines that start with `From ` (after
//! any number of `>`) quoted with one more `>`, so that any reader can split the file and undo the quoting.

use std::io::{self, Write};

use mail_parser::{DateTime, HeaderValue, MessageParser};

/// Appends one message to an mbox stream. The envelope line takes the Return-Path (else From) address and
/// the Date of the message; the bytes are otherwise copied unchanged.
pub fn write_message(out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
    let (sender, timestamp) = envelope(bytes);
    writeln!(
        out,
        "From {sender} {}",
        asctime(&DateTime::from_timestamp(timestamp))
    )?;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let unquoted = line.iter().position(|&b| b != b'>').unwrap_or(line.len());
        if line[unquoted..].starts_with(b"From ") {
            out.write_all(b">")?;
        }
        out.write_all(line)?;
    }
    if !bytes.ends_with(b"\n") {
        out.write_all(b"\n")?;
    }
    out.write_all(b"\n")
}

/// The envelope sender (no spaces or controls; `MAILER-DAEMON` when unknown) and the Unix time of the Date
/// header (0 when missing).
fn envelope(bytes: &[u8]) -> (String, i64) {
    let Some(msg) = MessageParser::new().parse_headers(bytes) else {
        return ("MAILER-DAEMON".to_owned(), 0);
    };
    let return_path = match msg.header("Return-Path") {
        Some(HeaderValue::Text(t)) => Some(t.to_string()),
        Some(HeaderValue::Address(a)) => a.first().and_then(|a| a.address()).map(str::to_owned),
        _ => None,
    };
    let from = || {
        msg.from()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(str::to_owned)
    };
    let sender: String = return_path
        .or_else(from)
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>'))
        .take(254)
        .collect();
    let sender = if sender.is_empty() {
        "MAILER-DAEMON".to_owned()
    } else {
        sender
    };
    let timestamp = msg.date().map_or(0, DateTime::to_timestamp).max(0);
    (sender, timestamp)
}

/// `Thu Nov 24 10:32:00 2026`, the C `asctime` form of the mbox envelope line (UTC).
fn asctime(t: &DateTime) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{} {} {:>2} {:02}:{:02}:{:02} {}",
        DAYS.get(usize::from(t.day_of_week())).unwrap_or(&"Sun"),
        MONTHS
            .get(usize::from(t.month.saturating_sub(1)))
            .unwrap_or(&"Jan"),
        t.day,
        t.hour,
        t.minute,
        t.second,
        t.year
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_lines_are_quoted_mboxrd_style() {
        let msg = b"Return-Path: <bounce@evil.example>\nFrom: a@b.example\nDate: Tue, 24 Nov 2026 08:00:00 +0100\n\nFrom here\n>From there\nno From\n>>From x";
        let mut out = Vec::new();
        write_message(&mut out, msg).unwrap();
        write_message(&mut out, b"Subject: none\n\nbody\n").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "From bounce@evil.example Tue Nov 24 07:00:00 2026\n\
             Return-Path: <bounce@evil.example>\nFrom: a@b.example\nDate: Tue, 24 Nov 2026 08:00:00 +0100\n\n\
             >From here\n>>From there\nno From\n>>>From x\n\n\
             From MAILER-DAEMON Thu Jan  1 00:00:00 1970\nSubject: none\n\nbody\n\n"
        );
    }
}

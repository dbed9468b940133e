//! The plain forward some brands ask for instead of an attachment. PayPal's page (faq1895) says: forward the
//! whole email, do not change the subject line, do not send it as an attachment. So the forward keeps the
//! original Subject header value exactly (no `Fwd:`), and its body is one text part: mailvet's short
//! explanation, then the whole original message (headers and body, byte for byte) inline under a
//! `Forwarded message` line, as a mail client's inline forward with full headers would show it.

use std::fmt::Write as _;

use super::arf::{Destination, ReportRequest, envelope, human_text};
use super::facts::Facts;
use super::mime::{self, header};

/// Writes the forward of `req.original` to `dest`, from `from`.
pub fn write(
    req: &ReportRequest<'_>,
    dest: &Destination<'_>,
    facts: &Facts,
    from: &str,
) -> Vec<u8> {
    let eol = mime::line_ending(req.original);
    let mut out = envelope(req, from, &dest.address, eol);
    out.push_str(&subject(facts.raw_subject.as_deref(), eol));
    let charset = if std::str::from_utf8(req.original).is_ok() {
        "utf-8"
    } else {
        "unknown-8bit"
    };
    let text = human_text(req, dest, facts).replace('\n', eol);
    let encoding = match mime::identity_encoding(req.original) {
        "7bit" if text.is_ascii() => "7bit",
        "binary" => "binary",
        _ => "8bit",
    };
    let _ = write!(
        out,
        "Content-Type: text/plain; charset={charset}{eol}Content-Transfer-Encoding: {encoding}{eol}{eol}\
         {text}{eol}---------- Forwarded message ----------{eol}"
    );
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(req.original);
    if !req.original.ends_with(b"\n") {
        bytes.extend_from_slice(eol.as_bytes());
    }
    bytes
}

/// The Subject header carrying the original's value unchanged (its encoded words and folding kept), or a
/// fresh empty one when the value cannot be copied safely.
fn subject(raw: Option<&str>, eol: &str) -> String {
    let Some(raw) = raw else {
        return format!("Subject:{eol}");
    };
    let value = raw.trim_end_matches(['\r', '\n']);
    let lines: Vec<&str> = value.split(eol).collect();
    let well_folded = lines.iter().skip(1).all(|l| l.starts_with([' ', '\t']))
        && lines
            .iter()
            .all(|l| l.len() <= 990 && !l.contains(['\r', '\n', '\0']));
    if well_folded {
        format!("Subject:{value}{eol}")
    } else {
        header("Subject", &mime::ascii_value(value), eol)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_is_copied_with_its_folding_or_cleaned() {
        assert_eq!(
            subject(Some(" =?utf-8?q?A?=\r\n\tb\r\n"), "\r\n"),
            "Subject: =?utf-8?q?A?=\r\n\tb\r\n"
        );
        assert_eq!(subject(None, "\n"), "Subject:\n");
        assert_eq!(subject(Some(" a\nb\n"), "\n"), "Subject: a b\n");
    }
}

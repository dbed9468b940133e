//! Undoing a text body's Content-Transfer-Encoding (base64, quoted-printable) byte for byte as mail-parser
//! 0.11 does it, but faster: its decoders go one byte at a time through a state machine, which was most of
//! the cost of reading a message. Each function answers `None` where it cannot promise mail-parser's bytes;
//! the caller then leaves the body to mail-parser. The tests compare both with mail-parser's own decoders
//! (`MessageStream::decode_*_mime`, which are public) on generated and hostile input.

use std::sync::LazyLock;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use mail_parser::decoders::quoted_printable::HEX_MAP;

/// The standard alphabet, lenient where mail-parser is (for what base64-simd's strict decoder refuses): the
/// unused low bits of the last letter may be set, and the padding may be short (`QQ=`), as mail-parser flushes
/// at the first `=`.
static BASE64: LazyLock<GeneralPurpose> = LazyLock::new(|| {
    GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::Indifferent),
    )
});

/// The bytes mail-parser decodes from a base64 `body` (everything between the header block and the line
/// break before the boundary, or the end of the message). Only the plain form is taken: lines of base64
/// letters ending in LF or CRLF, with `=` padding at the very end only, and no letters left over without
/// padding (mail-parser drops those where the `base64` crate would decode them). Anything else, blanks inside
/// a line, a `=` in the middle, a stray `-`, is `None`.
pub fn base64(body: &[u8]) -> Option<Vec<u8>> {
    let mut letters = Vec::with_capacity(body.len());
    let mut rest = body;
    while !rest.is_empty() {
        let (line, next) = match memchr::memchr(b'\n', rest) {
            Some(nl) => (&rest[..nl], &rest[nl + 1..]),
            None => (rest, &[][..]),
        };
        letters.extend_from_slice(line.strip_suffix(b"\r").unwrap_or(line));
        rest = next;
    }
    if !letters.len().is_multiple_of(4) && letters.last() != Some(&b'=') {
        return None;
    }
    // The canonical form (as mailers write it) on SIMD; where that refuses, the lenient decoder (any bytes
    // the strict one gives, the lenient one gives too).
    (base64_simd::STANDARD.decode_to_vec(&letters).ok()).or_else(|| BASE64.decode(&letters).ok())
}

/// Where mail-parser's quoted-printable decoder is between bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Escape {
    /// Outside an escape.
    None,
    /// After `=`.
    Equals,
    /// After `=` and one hex digit (its value).
    Hex(u8),
}

/// The bytes mail-parser decodes from a quoted-printable `body`. With `before_boundary`, `body` ends with the
/// line break that precedes the closing boundary line (mail-parser drops that break), and a body that ends
/// inside an escape or with a soft break is `None` (there mail-parser's result depends on the boundary line);
/// without, `body` runs to the end of the message. `None` too where mail-parser gives up on the part (an `=`
/// inside an escape).
///
/// Written by hand: mail-parser's rules are its own (every line break written as the message's first CRLF or
/// LF, `\r` dropped, blanks before a line break dropped, a bad escape kept as written, blanks after `=`
/// skipped), and the `quoted_printable` crate differs on each of them (and filters its input through a
/// `String` char by char). What makes it fast: plain text between `=` and line breaks is copied in runs.
pub fn quoted_printable(body: &[u8], before_boundary: bool) -> Option<Vec<u8>> {
    let hex = |c: u8| u8::try_from(HEX_MAP[usize::from(c)]).ok();
    let blank = |c: &u8| matches!(c, b' ' | b'\t' | b'\x0C');
    let mut out = Vec::with_capacity(body.len());
    let mut state = Escape::None;
    // Blanks at the end of `out` since the last other byte: dropped at a hard line break.
    let mut blanks = 0;
    let mut crlf: &[u8] = b"\n";
    let mut last = 0u8;
    let mut soft_break = false;
    let mut i = 0;
    while let Some(&ch) = body.get(i) {
        if state == Escape::None && !matches!(ch, b'=' | b'\n' | b'\r') {
            let run = &body[i..];
            let len = memchr::memchr3(b'=', b'\n', b'\r', run).unwrap_or(run.len());
            let run = &run[..len];
            out.extend_from_slice(run);
            let trailing = run.iter().rev().take_while(|c| blank(c)).count();
            blanks = if trailing == len {
                blanks + len
            } else {
                trailing
            };
            last = run[len - 1];
            i += len;
            continue;
        }
        match ch {
            b'=' if state == Escape::None => state = Escape::Equals,
            b'=' => return None,
            b'\n' => {
                soft_break = state == Escape::Equals;
                if soft_break {
                    state = Escape::None;
                } else {
                    out.truncate(out.len().saturating_sub(blanks));
                    out.extend_from_slice(crlf);
                }
                blanks = 0;
            }
            b'\r' => crlf = b"\r\n",
            _ => match state {
                Escape::Equals => {
                    if let Some(h) = hex(ch) {
                        state = Escape::Hex(h);
                    } else if !ch.is_ascii_whitespace() {
                        state = Escape::None;
                        out.extend_from_slice(&[b'=', ch]);
                        blanks = 0;
                    }
                }
                Escape::Hex(high) => {
                    state = Escape::None;
                    match hex(ch) {
                        Some(low) => out.push(high << 4 | low),
                        None => out.extend_from_slice(&[b'=', last, ch]),
                    }
                    blanks = 0;
                }
                // Plain bytes are taken in runs above; this is the same rule one byte at a time.
                Escape::None => {
                    blanks = if blank(&ch) { blanks + 1 } else { 0 };
                    out.push(ch);
                }
            },
        }
        last = ch;
        i += 1;
    }
    if before_boundary {
        // mail-parser drops the line break it wrote for the break before the boundary line.
        let hard_break_last = body.last() == Some(&b'\n') && !soft_break;
        if state != Escape::None || !hard_break_last {
            return None;
        }
        out.truncate(out.len() - crlf.len());
    }
    Some(out)
}

#[cfg(test)]
#[path = "transfer_tests.rs"]
pub(super) mod tests;

//! Text bodies decoded ahead of mail-parser. Of every text/plain and text/html part written in base64 or
//! quoted-printable, [`text_body`] decodes the body with the faster decoders of [`super::transfer`] (which
//! give mail-parser's bytes or nothing) and [`super::hollow`] cuts the body out of the message, so mail-parser
//! parses an empty part; [`fill`] then checks on its result that the cut part is that very part, ended where
//! the cut says, and puts the decoded text in, turned into a string as mail-parser does (the part's charset).
//!
//! Why the result is the same as mail-parser's own: the bytes before the cut are unchanged, so mail-parser
//! reaches the part's body in the same state; [`fill`] accepts only a part of the right kind and transfer
//! encoding whose decoding went through, whose body starts at the cut, and whose closing boundary line is the
//! first place after the body start where mail-parser looks for one (`--` and the parent's boundary; or, for
//! a message that is one text part, the end of the message). So in the whole message mail-parser decodes
//! exactly the cut bytes and resumes at the same boundary line, whatever the decoded text holds.

use std::ops::Range;
use std::sync::LazyLock;

use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::{Encoding, MimeHeaders, PartType};
use memchr::memmem::Finder;

use super::transfer;

/// Text bodies shorter than this many bytes are left to mail-parser: not worth a cut.
pub const MIN_TEXT_CUT: usize = 256;

/// A text body decoded ahead of mail-parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBody {
    /// The decoded bytes (before the charset).
    bytes: Vec<u8>,
    /// The transfer encoding undone.
    encoding: Encoding,
    /// The body in the message as given to [`super::hollow::hollow`]: from its start to the start of the
    /// boundary line after it (or the end of the message).
    region: Range<usize>,
    /// Whether the body runs to the end of the message (no boundary line follows).
    to_end: bool,
}

/// `boundary=` as mailers write it (`boundary=`, `Boundary=`, `BOUNDARY=`): the searcher for the letters
/// after the first, and the first letters allowed before them. A boundary written in another case is not
/// found, and a body it ends is left to mail-parser. Plain substring searches, so they skip on SIMD through
/// quoted-printable text full of `=`.
static BOUNDARY: LazyLock<[(Finder<'static>, &[u8]); 2]> = LazyLock::new(|| {
    [
        (Finder::new(b"oundary="), b"bB"),
        (Finder::new(b"OUNDARY="), b"B"),
    ]
});

/// Searchers for the `boundary=` values declared (quoted or not) in the part of a message read so far, for
/// finding where a body ends. A multipart's boundary is declared in its header block, before any of its
/// parts, so the text before a body holds its parent's: [`Boundaries::before`] reads only that far, and each
/// byte once per message (the attachments after the last text body, most of a message's bytes, are never
/// read). A boundary declared further on is left out, which at worst leaves the body to mail-parser:
/// [`fill`] checks on mail-parser's result that the body ended at its parent's boundary.
#[derive(Default)]
pub struct Boundaries {
    /// Where the declarations were looked for: the message up to here.
    read: usize,
    found: Vec<Finder<'static>>,
}

impl Boundaries {
    /// The boundaries declared in `message` before `end` (and any found earlier).
    pub fn before(&mut self, message: &[u8], end: usize) -> &[Finder<'static>] {
        let end = end.min(message.len());
        let found = &mut self.found;
        for (key, first) in BOUNDARY.iter() {
            // A declaration that straddles the last end is found again (and kept once).
            let from = self.read.saturating_sub(key.needle().len());
            let Some(searched) = message.get(from..end) else {
                continue;
            };
            let hits = (key.find_iter(searched)).map(|at| from + at).filter(|&at| {
                at.checked_sub(1)
                    .is_some_and(|before| first.contains(&message[before]))
            });
            for hit in hits {
                let value = boundary_value(&message[hit + key.needle().len()..]);
                if !value.is_empty() && !found.iter().any(|b| b.needle() == value) {
                    found.push(Finder::new(value).into_owned());
                }
            }
        }
        self.read = self.read.max(end);
        &self.found
    }
}

/// The boundary value at the start of `value` (just after `boundary=`): quoted, or up to a blank or `;`.
fn boundary_value(value: &[u8]) -> &[u8] {
    match value.strip_prefix(b"\"") {
        Some(quoted) => &quoted[..memchr::memchr(b'"', quoted).unwrap_or(0)],
        None => {
            let end = value
                .iter()
                .position(|&b| matches!(b, b';' | b' ' | b'\t' | b'\r' | b'\n'))
                .unwrap_or(value.len());
            &value[..end]
        }
    }
}

/// Whether a header block's first Content-Type (in `lower`, the block lowercased) is text/plain or
/// text/html: the text bodies the analysis reads.
pub fn is_text_block(lower: &[u8]) -> bool {
    matches!(
        first_content_type(lower),
        Some(b"text/plain" | b"text/html")
    )
}

/// The MIME type of a header block's first Content-Type (in `lower`, the block lowercased), without its
/// parameters and blanks.
pub fn first_content_type(lower: &[u8]) -> Option<&[u8]> {
    let at = memchr::memmem::find(lower, b"content-type:")?;
    let value = &lower[at + 13..];
    let end = value
        .iter()
        .position(|&b| matches!(b, b';' | b'\r' | b'\n'))
        .unwrap_or(value.len());
    Some(value[..end].trim_ascii())
}

/// The text body starting at `body` in `message`, decoded: it runs to the line break before the first
/// `--boundary` of `boundaries` after it, or to the end when none is declared before it ([`Boundaries`]).
/// Gives the range to cut out (the line break before the boundary line stays) and the body; `None` when it is short or not in the plain form
/// [`transfer`] decodes.
pub fn text_body(
    message: &[u8],
    body: usize,
    base64: bool,
    boundaries: &[Finder<'static>],
) -> Option<(Range<usize>, TextBody)> {
    let rest = &message[body..];
    let next_boundary = boundaries
        .iter()
        .filter_map(|finder| {
            let mut from = 0;
            while let Some(i) = finder.find(&rest[from..]) {
                let at = from + i;
                if at >= 2 && &rest[at - 2..at] == b"--" {
                    return Some(at - 2);
                }
                from = at + 1;
            }
            None
        })
        .min();
    let (end, cut_end, to_end) = match next_boundary {
        Some(at) => {
            let before = rest[..at].strip_suffix(b"\n")?;
            let break_start = before.strip_suffix(b"\r").unwrap_or(before).len();
            (body + at, body + break_start, false)
        }
        // A body inside a multipart whose closing boundary line is missing: mail-parser gives up on it.
        None if !boundaries.is_empty() => return None,
        None => (message.len(), message.len(), true),
    };
    if end - body < MIN_TEXT_CUT {
        return None;
    }
    let text = &message[body..end];
    let (bytes, encoding) = if base64 {
        (transfer::base64(text)?, Encoding::Base64)
    } else {
        (
            transfer::quoted_printable(text, !to_end)?,
            Encoding::QuotedPrintable,
        )
    };
    let decoded = TextBody {
        bytes,
        encoding,
        region: body..end,
        to_end,
    };
    Some((body..cut_end, decoded))
}

/// Puts `text`, cut out at `at` of the message mail-parser parsed into `msg`, into its part; `None` when the
/// part is not what the cut assumed (see the module doc), and the whole message must be parsed instead.
/// `original` is the message given to [`super::hollow::hollow`].
pub fn fill(
    msg: &mut mail_parser::Message<'_>,
    at: usize,
    text: TextBody,
    original: &[u8],
) -> Option<()> {
    let mut at_cut = msg.parts.iter().enumerate().filter(|(_, p)| {
        p.offset_body as usize == at
            && p.offset_end as usize == at
            && matches!(p.body, PartType::Text(_) | PartType::Html(_))
    });
    let (i, part) = at_cut.next()?;
    if at_cut.next().is_some() || part.encoding != text.encoding || part.is_encoding_problem {
        return None;
    }
    let parent = msg.parts.iter().find(|p| match &p.body {
        PartType::Multipart(children) => children.iter().any(|&c| c as usize == i),
        _ => false,
    });
    match parent {
        Some(parent) => {
            let boundary = parent.content_type()?.attribute("boundary")?;
            let closing = [b"--", boundary.as_bytes()].concat();
            let first = memchr::memmem::find(&original[text.region.start..], &closing);
            if boundary.is_empty() || text.to_end || first != Some(text.region.len()) {
                return None;
            }
        }
        None if !(text.to_end && at == msg.raw_message.len()) => return None,
        None => {}
    }
    let charset = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .and_then(|c| charset_decoder(c.as_bytes()));
    // As mail-parser turns decoded bytes into text.
    let decoded = match charset {
        Some(decode) => decode(&text.bytes),
        None => String::from_utf8(text.bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    };
    let part = msg.parts.get_mut(i)?;
    part.body = match part.body {
        PartType::Html(_) => PartType::Html(decoded.into()),
        _ => PartType::Text(decoded.into()),
    };
    Some(())
}

#[cfg(test)]
#[path = "predecode_tests.rs"]
mod tests;

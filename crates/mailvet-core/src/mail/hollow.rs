//! Skipping mail-parser's decoding of bodies. mail-parser decodes every base64 part, but of a binary
//! attachment the analysis needs only its name, type and decoded size (zip archives aside: their central
//! directory is read). [`hollow`] cuts whole lines of pure base64 out of the bodies that look like such
//! attachments before mail-parser sees the message, remembering how many decoded bytes each cut held; it also
//! cuts out whole the base64 and quoted-printable text bodies it decoded faster itself ([`predecode`]).
//! [`Cuts::fit`] then checks, on what mail-parser made of the shortened message, that every cut fell inside
//! the base64 body of a binary attachment whose content is not read, giving each such part's missing size,
//! and puts the decoded text bodies in ([`predecode::fill`], which has its own checks and argument). When any
//! cut fails its check the caller parses the whole message instead.
//!
//! Why the result is the same for an attachment's cut: the bytes before a cut are unchanged, so mail-parser
//! is at the same point of the same part's base64 decoding when it reaches it; a cut holds only whole lines
//! of base64 letters (a multiple of four letters, no `=`, no `-`), which in the original only extend the
//! decoded bytes by three per four letters and move no part boundary; after a cut's closing line break the
//! decoder is in the same state as before it. So the parts, their headers, flags and every decoded byte of
//! every other part are those of the whole message, and the hollowed part is shorter by exactly the bytes
//! counted.

use std::ops::Range;
use std::sync::LazyLock;

use mail_parser::{Encoding, PartType};
use memchr::memmem::Finder;

use super::predecode::{self, Boundaries, TextBody};

/// Bodies shorter than this many bytes of base64 lines are decoded as they are: not worth a cut.
const MIN_CUT: usize = 2048;

/// One run of a body removed from the message.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cut {
    /// Where the run was, in the shortened message (it ran from here up to the byte now here).
    at: usize,
    /// What the run held.
    held: Held,
}

/// What a cut run held.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Held {
    /// Whole lines of base64 of a binary attachment: this many decoded bytes.
    Binary(usize),
    /// A whole text body, decoded ([`predecode`]).
    Text(TextBody),
}

/// The runs cut out of a message by [`hollow`].
#[derive(Debug, Default)]
pub struct Cuts(Vec<Cut>);

/// A line break followed by `--`: the start of a boundary line (or of text that looks like one). Base64 has
/// no `-`, so the search skips through an attachment's body on SIMD without stopping.
static DASH_LINE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\n--"));

/// `message` with the base64 bodies of likely binary attachments cut out (their first line kept) and the
/// text bodies decoded ahead ([`predecode`]) cut out whole, and the cuts made; `None` when nothing was cut.
///
/// Header blocks are looked for where MIME puts them: at the start, after each line starting with `--`,
/// and at the start of each body (a forwarded message's headers). Each search starts where the last one
/// stopped, so the message is read about once, whatever it holds.
pub fn hollow(message: &[u8]) -> Option<(Vec<u8>, Cuts)> {
    let mut out: Vec<u8> = Vec::new();
    let mut cuts = Vec::new();
    let mut copied = 0;
    let mut boundaries = Boundaries::default();
    let mut next = Some(0);
    while let Some(start) = next {
        let block = HeaderBlock::at(message, start);
        let cut = block
            .body
            .zip(block.base64)
            .and_then(|(body, base64)| cut_at(message, start..body, base64, &mut boundaries));
        next = match (cut, block.body) {
            (Some((range, held)), _) => {
                out.extend_from_slice(&message[copied..range.start]);
                cuts.push(Cut {
                    at: out.len(),
                    held,
                });
                copied = range.end;
                block_after_dash_line(message, range.end)
            }
            (None, Some(body)) => Some(body),
            (None, None) => block_after_dash_line(message, block.stop),
        };
    }
    if cuts.is_empty() {
        return None;
    }
    out.extend_from_slice(&message[copied..]);
    Some((out, Cuts(cuts)))
}

/// What [`HeaderBlock::at`] found in the lines at a place where a header block may start.
struct HeaderBlock {
    /// Where the body starts (just after the blank line ending the block); `None` when a line that is no
    /// header field ended it first, or the message did.
    body: Option<usize>,
    /// The first transfer encoding declared that is cut: base64 (`true`) or quoted-printable (`false`).
    base64: Option<bool>,
    /// Where the walk stopped: the start of the first line not read as part of the block.
    stop: usize,
}

impl HeaderBlock {
    /// Reads the lines from `start` while they are header fields (a `:` in them) or their continuations,
    /// up to the blank line that ends a header block.
    fn at(message: &[u8], start: usize) -> HeaderBlock {
        let mut base64 = None;
        let mut at = start;
        while let Some(line) = line_at(message, at) {
            let content = without_eol(line);
            if content.is_empty() {
                let body = at + line.len();
                return HeaderBlock {
                    body: Some(body),
                    base64,
                    stop: body,
                };
            }
            let continuation = matches!(content[0], b' ' | b'\t');
            if !continuation && memchr::memchr(b':', content).is_none() {
                break;
            }
            base64 = base64.or_else(|| transfer_encoding(content));
            at += line.len();
        }
        HeaderBlock {
            body: None,
            base64,
            stop: at,
        }
    }
}

/// The transfer encoding a `Content-Transfer-Encoding` header line declares, when it is one whose bodies are
/// cut: base64 (`true`) or quoted-printable (`false`).
fn transfer_encoding(line: &[u8]) -> Option<bool> {
    let starts = |text: &[u8], word: &[u8]| {
        text.get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    };
    const NAME: &[u8] = b"content-transfer-encoding:";
    if !starts(line, NAME) {
        return None;
    }
    let value = line[NAME.len()..].trim_ascii_start();
    if starts(value, b"base64") {
        Some(true)
    } else if starts(value, b"quoted-printable") {
        Some(false)
    } else {
        None
    }
}

/// Where the header block after the next line starting with `--` at or after `from` starts (the line
/// after it); `None` when there is none.
fn block_after_dash_line(message: &[u8], from: usize) -> Option<usize> {
    // The line break before the dashes may be the byte just before `from`.
    let from = from.saturating_sub(1);
    let line_start = from + DASH_LINE.find(message.get(from..)?)? + 1;
    Some(line_start + line_at(message, line_start)?.len())
}

/// The run to cut out of the body of the header block `block` (base64 when `base64`, else
/// quoted-printable), and what it holds; `boundaries` are those the message declares, read as far as needed.
fn cut_at(
    message: &[u8],
    block: Range<usize>,
    base64: bool,
    boundaries: &mut Boundaries,
) -> Option<(Range<usize>, Held)> {
    let body = block.end;
    let lower = message[block].to_ascii_lowercase();
    if base64 && binary_type(&lower) {
        base64_run(message, body)
            .map(|(start, end, letters)| (start..end, Held::Binary(letters / 4 * 3)))
    } else if predecode::is_text_block(&lower) {
        predecode::text_body(message, body, base64, boundaries.before(message, body))
            .map(|(range, text)| (range, Held::Text(text)))
    } else {
        None
    }
}

/// Whether a header block (lowercased) declares a type whose content the attachment list does not read.
fn binary_type(lower: &[u8]) -> bool {
    let Some(mime) = predecode::first_content_type(lower) else {
        return false;
    };
    let read = [&b"text/"[..], b"multipart/", b"message/"];
    mime.contains(&b'/')
        && !read.iter().any(|r| mime.starts_with(r))
        && !super::attachments::ZIP_TYPES
            .iter()
            .any(|z| mime == z.as_bytes())
        && memchr::memmem::find(lower, b"zip").is_none()
}

/// The run of whole base64 lines after the first line of the body at `body` (itself base64 of at least six
/// bytes, so that the part's decoded content starts the same without the run): its start and end offsets
/// and how many base64 letters it holds (a multiple of four); `None` when shorter than [`MIN_CUT`].
fn base64_run(message: &[u8], body: usize) -> Option<(usize, usize, usize)> {
    let first = line_at(message, body)?;
    if first.len() < 8 + 1 || !is_base64_letters(without_eol(first)) {
        return None;
    }
    let start = body + first.len();
    // Each line taken: its length with the line break, and its letters.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut end = start;
    // Lines are mostly as long as the first: try that length before looking for the line break.
    let width = first.len();
    loop {
        let line = match message.get(end..end + width) {
            Some(same) if same.last() == Some(&b'\n') => same,
            _ => match line_at(message, end) {
                Some(line) => line,
                None => break,
            },
        };
        let letters = without_eol(line);
        if letters.is_empty() || !is_base64_letters(letters) {
            break;
        }
        taken.push((line.len(), letters.len()));
        end += line.len();
    }
    let mut letters: usize = taken.iter().map(|(_, letters)| letters).sum();
    // Whole groups of four only, so the decoder's state after the cut is the one it had before it.
    while !letters.is_multiple_of(4) {
        let (len, last) = taken.pop()?;
        end -= len;
        letters -= last;
    }
    (end - start >= MIN_CUT).then_some((start, end, letters))
}

/// The line starting at `at`, with its line break; `None` at the end or when the last line has none.
fn line_at(message: &[u8], at: usize) -> Option<&[u8]> {
    let rest = message.get(at..)?;
    let nl = memchr::memchr(b'\n', rest)?;
    Some(&rest[..=nl])
}

/// A line without its `\n` or `\r\n`.
fn without_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Whether every byte is a base64 letter (`A–Z a–z 0–9 + /`); no padding, no blanks. Read in windows of 32
/// bytes (the last one overlapping the one before it), each tested without branches, so the compiler tests a
/// window with a few SIMD instructions: a line of 76 letters is three windows, where a loop over the bytes
/// spends most of its time on the tail that fills no vector.
fn is_base64_letters(bytes: &[u8]) -> bool {
    const WINDOW: usize = 32;
    let not_letter = |b: u8| {
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        u8::from(!(letter | digit | (b == b'+') | (b == b'/')))
    };
    let bad = |window: &[u8; WINDOW]| window.iter().fold(0, |bad, &b| bad | not_letter(b));
    let Some(last) = bytes.len().checked_sub(WINDOW) else {
        return bytes.iter().fold(0, |bad, &b| bad | not_letter(b)) == 0;
    };
    let found =
        (bytes.chunks_exact(WINDOW)).fold(0, |found, w| found | w.try_into().map_or(1, bad));
    found | bytes[last..].try_into().map_or(1, bad) == 0
}

impl Cuts {
    /// Fits the cuts to `msg` (parsed from the hollowed message; `original` is the message [`hollow`] was
    /// given): puts each decoded text body into its part ([`predecode::fill`]) and gives, for each part, the
    /// decoded bytes of binary attachments cut out of it. `None` when a cut did not fall where it assumed
    /// (inside the base64 body of a binary part whose content is not read; at a text part's body), and the
    /// whole message must be parsed instead.
    pub fn fit(self, msg: &mut mail_parser::Message<'_>, original: &[u8]) -> Option<Vec<usize>> {
        let mut missing = vec![0; msg.parts.len()];
        for cut in self.0 {
            let decoded = match cut.held {
                Held::Binary(decoded) => decoded,
                Held::Text(text) => {
                    predecode::fill(msg, cut.at, text, original)?;
                    continue;
                }
            };
            // A cut may end the body, just before or just after the line break that ends the part's content
            // (`offset_end`) and precedes its boundary line: the decoder reads letters, a line break, the
            // boundary line in both messages.
            let inside = |p: &mail_parser::MessagePart<'_>| {
                let (body, end) = (p.offset_body as usize, p.offset_end as usize);
                let after_break = matches!(msg.raw_message.get(end..cut.at), Some(b"\n" | b"\r\n"));
                body < cut.at && (cut.at <= end || after_break)
            };
            let (i, part) = msg
                .parts
                .iter()
                .enumerate()
                .find(|(_, p)| !matches!(p.body, PartType::Multipart(_)) && inside(p))?;
            let binary = matches!(part.body, PartType::Binary(_) | PartType::InlineBinary(_));
            let base64 = part.encoding == Encoding::Base64 && !part.is_encoding_problem;
            if !binary || !base64 || super::attachments::reads_content(part) {
                return None;
            }
            missing[i] += decoded;
        }
        Some(missing)
    }
}

/// Whether `raw` is parsed in its cut form, every cut fitting: the tests' way to see that no cut fell back
/// to the whole parse.
#[cfg(test)]
pub(super) fn taken_apart(raw: &[u8]) -> bool {
    let Some((short, cuts)) = hollow(raw) else {
        return false;
    };
    let Some(mut msg) = super::parse::PARSER.parse(&short) else {
        return false;
    };
    cuts.fit(&mut msg, raw).is_some()
}

#[cfg(test)]
#[path = "hollow_tests.rs"]
mod tests;

//! Skipping the decoding of attachment bodies nobody reads. mail-parser decodes every base64 part, but of a
//! binary attachment the analysis needs only its name, type and decoded size (zip archives aside: their
//! central directory is read). [`hollow`] cuts whole lines of pure base64 out of the bodies that look like
//! such attachments before mail-parser sees the message, remembering how many decoded bytes each cut held;
//! [`Cuts::fit`] then checks, on what mail-parser made of the shortened message, that every cut fell inside
//! the base64 body of a binary attachment whose content is not read, and gives each such part's missing
//! size. When any cut fails that check the caller parses the whole message instead.
//!
//! Why the result is the same as decoding everything: the bytes before a cut are unchanged, so mail-parser
//! is at the same point of the same part's base64 decoding when it reaches it; a cut holds only whole lines
//! of base64 letters (a multiple of four letters, no `=`, no `-`), which in the original only extend the
//! decoded bytes by three per four letters and move no part boundary; after a cut's closing line break the
//! decoder is in the same state as before it. So the parts, their headers, flags and every decoded byte of
//! every other part are those of the whole message, and the hollowed part is shorter by exactly the bytes
//! counted.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use mail_parser::{Encoding, PartType};

/// Bodies shorter than this many bytes of base64 lines are decoded as they are: not worth a cut.
const MIN_CUT: usize = 2048;

/// How far before a `base64` mention the start of its header block is looked for.
const HEADER_REACH: usize = 4096;

/// One run of base64 lines removed from the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cut {
    /// Where the run was, in the shortened message (it ran from here up to the byte now here).
    at: usize,
    /// The decoded bytes the run held.
    decoded: usize,
}

/// The runs cut out of a message by [`hollow`].
#[derive(Debug, Default)]
pub struct Cuts(Vec<Cut>);

/// `base64` in any case (one literal: it always builds).
static BASE64: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["base64"])
        .ok()
});

/// `message` with the base64 bodies of likely binary attachments cut out (their first line kept), and the
/// cuts made; `None` when nothing was cut.
pub fn hollow(message: &[u8]) -> Option<(Vec<u8>, Cuts)> {
    let mut out: Vec<u8> = Vec::new();
    let mut cuts = Vec::new();
    let mut copied = 0;
    let mut from = 0;
    let base64 = BASE64.as_ref()?;
    while let Some(hit) = base64.find(&message[from..]) {
        let hit = from + hit.start();
        from = hit + 1;
        let Some(body) = binary_base64_body(message, hit) else {
            continue;
        };
        let Some((start, end, letters)) = base64_run(message, body) else {
            continue;
        };
        out.extend_from_slice(&message[copied..start]);
        cuts.push(Cut {
            at: out.len(),
            decoded: letters / 4 * 3,
        });
        copied = end;
        from = end;
    }
    if cuts.is_empty() {
        return None;
    }
    out.extend_from_slice(&message[copied..]);
    Some((out, Cuts(cuts)))
}

/// Where the body starts when `hit` (a `base64`) is the value of a Content-Transfer-Encoding header in a
/// header block whose Content-Type names a binary type whose content is not read (no text, multipart,
/// message or zip part).
fn binary_base64_body(message: &[u8], hit: usize) -> Option<usize> {
    let line_start = message[..hit]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = &message[line_start..hit];
    let is_encoding_header = line.len() >= 26
        && line[..26].eq_ignore_ascii_case(b"content-transfer-encoding:")
        && line[26..].iter().all(|b| matches!(b, b' ' | b'\t'));
    if !is_encoding_header {
        return None;
    }
    let reach = line_start.saturating_sub(HEADER_REACH);
    let block_start = block_start(&message[reach..line_start]).map_or(reach, |i| reach + i);
    let body = blank_line_after(message, hit)?;
    let block = &message[block_start..body];
    binary_type(block).then_some(body)
}

/// Where the header block ending `text` starts: just after the last blank line or boundary line (`--...`).
fn block_start(text: &[u8]) -> Option<usize> {
    (1..text.len())
        .rev()
        .find(|&i| {
            text[i] == b'\n'
                && (text[i - 1] == b'\n'
                    || text[..i].ends_with(b"\n\r")
                    || text[i + 1..].starts_with(b"--"))
        })
        .map(|i| i + 1)
}

/// The offset just after the first blank line following `from`.
fn blank_line_after(message: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(nl) = message[i..].iter().position(|&b| b == b'\n') {
        let next = i + nl + 1;
        match message.get(next..) {
            Some([b'\n', ..]) => return Some(next + 1),
            Some([b'\r', b'\n', ..]) => return Some(next + 2),
            _ => i = next,
        }
    }
    None
}

/// Whether a header block declares a type whose content the attachment list does not read.
fn binary_type(block: &[u8]) -> bool {
    let lower = block.to_ascii_lowercase();
    let Some(at) = find(&lower, b"content-type:") else {
        return false;
    };
    let value = &lower[at + 13..];
    let end = value
        .iter()
        .position(|&b| matches!(b, b';' | b'\r' | b'\n'))
        .unwrap_or(value.len());
    let mime = value[..end].trim_ascii();
    let read = [&b"text/"[..], b"multipart/", b"message/"];
    mime.contains(&b'/')
        && !read.iter().any(|r| mime.starts_with(r))
        && !super::attachments::ZIP_TYPES
            .iter()
            .any(|z| mime == z.as_bytes())
        && find(&lower, b"zip").is_none()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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
    let nl = rest.iter().position(|&b| b == b'\n')?;
    Some(&rest[..=nl])
}

/// A line without its `\n` or `\r\n`.
fn without_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Whether every byte is a base64 letter (`A–Z a–z 0–9 + /`); no padding, no blanks.
fn is_base64_letters(bytes: &[u8]) -> bool {
    bytes.iter().fold(true, |ok, &b| {
        ok & (b.is_ascii_alphanumeric() | (b == b'+') | (b == b'/'))
    })
}

impl Cuts {
    /// For each part of `msg` (parsed from the hollowed message), the decoded bytes cut out of it; `None`
    /// when a cut did not fall inside the base64 body of a binary part whose content is not read, and the
    /// whole message must be parsed instead.
    pub fn fit(&self, msg: &mail_parser::Message<'_>) -> Option<Vec<usize>> {
        let mut missing = vec![0; msg.parts.len()];
        for cut in &self.0 {
            let inside = |p: &mail_parser::MessagePart<'_>| {
                (p.offset_body as usize) < cut.at && cut.at < p.offset_end as usize
            };
            let (i, part) = msg
                .parts
                .iter()
                .enumerate()
                .find(|(_, p)| !matches!(p.body, PartType::Multipart(_)) && inside(p))?;
            let binary = matches!(part.body, PartType::Binary(_) | PartType::InlineBinary(_));
            let decoded = part.encoding == Encoding::Base64 && !part.is_encoding_problem;
            if !binary || !decoded || super::attachments::reads_content(part) {
                return None;
            }
            missing[i] += cut.decoded;
        }
        Some(missing)
    }
}

#[cfg(test)]
#[path = "hollow_tests.rs"]
mod tests;

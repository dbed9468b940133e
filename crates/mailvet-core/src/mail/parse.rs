//! Bytes → [`Message`]: decides whether the bytes are a message at all, runs mail-parser and fills every
//! field from its result.
//!
//! The rule for [`ParseError`]: empty input, or input whose first line (after leading blank lines and an
//! mbox `From ` separator) is not a header (`Name: value`), is an error with a reason a person understands.
//! Everything else parses; what went wrong along the way lands in `problems`.

use std::borrow::Cow;
use std::sync::LazyLock;

use mail_parser::{HeaderName, MessageParser, PartType};

use super::authres::parse_auth_results;
use super::bodies::bodies;
use super::headers::{self, raw_values, unfold};
use super::message::Message;
use super::sanitise::sanitise;
use super::{ParseError, attachments, hollow};

/// mail-parser decodes only the headers read through its API; every other header (Received,
/// Authentication-Results, DKIM-Signature, ...) is skipped and read raw by offset when needed.
pub(super) static PARSER: LazyLock<MessageParser> = LazyLock::new(|| {
    MessageParser::new()
        .with_mime_headers()
        .header_date(HeaderName::Date)
        .header_text(HeaderName::Subject)
        .header_id(HeaderName::MessageId)
        .header_address(HeaderName::From)
        .header_address(HeaderName::Sender)
        .header_address(HeaderName::ReplyTo)
        .header_address(HeaderName::To)
        .header_address(HeaderName::Cc)
        .default_header_ignore()
});

/// Parses one RFC 5322 message; see the module doc for what is an error.
pub fn parse(raw: &[u8]) -> Result<Message, ParseError> {
    parse_hollowing(raw, true)
}

/// [`parse`] leaving every body to mail-parser (no attachment skipped, no text decoded ahead): what `parse`
/// must equal (the tests and the `hollow_same` fuzz target compare them).
#[cfg(any(test, feature = "fuzzing"))]
pub fn parse_decoding_all(raw: &[u8]) -> Result<Message, ParseError> {
    parse_hollowing(raw, false)
}

/// [`parse`], with the bodies of binary attachments and of encoded text parts cut out first ([`hollow`])
/// when `hollowing`.
fn parse_hollowing(raw: &[u8], hollowing: bool) -> Result<Message, ParseError> {
    let start = header_block_start(raw)?;
    let mut problems = Vec::new();
    let bytes = with_header_separator(&raw[start..], &mut problems);
    let (shortened, cuts) = match hollowing.then(|| hollow::hollow(&bytes)).flatten() {
        Some((shortened, cuts)) => (Some(shortened), Some(cuts)),
        None => (None, None),
    };
    let shortened = shortened
        .as_deref()
        .zip(cuts)
        .and_then(|(shortened, cuts)| {
            let mut msg = PARSER.parse(shortened)?;
            let missing = cuts.fit(&mut msg, &bytes)?;
            Some((msg, missing))
        });
    let (msg, missing) = match shortened {
        Some(parsed) => parsed,
        None => (
            PARSER.parse(&bytes).ok_or_else(|| {
                ParseError::NoHeaders("mail-parser found no header block".to_owned())
            })?,
            Vec::new(),
        ),
    };
    let (date, timestamp) = date(&msg, &mut problems);
    let first_raw = |name: &'static str| raw_values(&msg, name).next();
    let (text, html, links, forms) = bodies(&msg);
    let attachments = attachments::collect(&msg, &missing, &mut problems);
    for (i, part) in msg.parts.iter().enumerate() {
        if part.is_encoding_problem {
            problems.push(format!(
                "part {i}: content could not be fully decoded (unknown charset or broken transfer encoding)"
            ));
        }
    }
    let message = Message {
        message_id: headers::message_id(&msg),
        date,
        timestamp,
        from: headers::first_mailbox(msg.from(), first_raw("From").as_deref()),
        from_detached_name: headers::detached_name(msg.from()),
        sender: headers::first_mailbox(msg.sender(), first_raw("Sender").as_deref()),
        reply_to: headers::addresses(msg.reply_to()),
        return_path: first_raw("Return-Path").map(|v| headers::return_path(&v)),
        to: headers::addresses(msg.to()),
        cc: headers::addresses(msg.cc()),
        subject: msg
            .subject()
            .map(|s| capped_subject(s, &mut problems))
            .unwrap_or_default(),
        list_id: first_raw("List-Id")
            .map(|v| unfold(&v).trim().to_owned())
            .filter(|v| !v.is_empty()),
        is_reply: headers::has_any(&msg, &["In-Reply-To", "References"]),
        has_arc: headers::has_any(&msg, &["ARC-Seal", "ARC-Authentication-Results"]),
        auth: raw_values(&msg, "Authentication-Results")
            .map(|v| parse_auth_results(&v))
            .collect(),
        mailvet_labels: raw_values(&msg, "X-Mailvet-Trust")
            .map(|v| unfold(&v).trim().to_owned())
            .collect(),
        dkim_domains: raw_values(&msg, "DKIM-Signature")
            .filter_map(|v| headers::dkim_domain(&v))
            .collect(),
        text,
        html,
        links,
        forms,
        attachments,
        raw_len: raw.len(),
        problems,
    };
    Ok(with_nesting_checked(message, msg))
}

/// The longest Subject kept, in characters (RFC 5322 lines stop at 998; the rest is an attack on the cost of
/// everything that reads the subject).
pub const MAX_SUBJECT_CHARS: usize = 2000;

/// The subject unfolded and trimmed, cut to [`MAX_SUBJECT_CHARS`] (noted in `problems`) before any other work.
fn capped_subject(subject: &str, problems: &mut Vec<String>) -> String {
    let subject = match subject.char_indices().nth(MAX_SUBJECT_CHARS) {
        Some((end, _)) => {
            problems.push(format!(
                "subject cut to its first {MAX_SUBJECT_CHARS} characters (it has more)"
            ));
            &subject[..end]
        }
        None => subject,
    };
    unfold(subject).trim().to_owned()
}

/// MIME nesting beyond this many levels is labelled "nested too deep" (real mail stays under ten).
pub const MAX_NESTING: usize = 100;

/// `message` with a "nested too deep" problem when `msg`'s parts nest deeper than [`MAX_NESTING`]. Takes
/// `msg` apart level by level on the heap: mail-parser builds one nested `Message` per `message/rfc822`
/// level, and dropping 50,000 of them the ordinary (recursive) way overflows the stack.
fn with_nesting_checked(mut message: Message, msg: mail_parser::Message<'_>) -> Message {
    let depth = dismantle(msg);
    if depth > MAX_NESTING {
        message.problems.push(format!(
            "nested too deep: MIME parts {depth} levels deep (only the outer levels are read, limit {MAX_NESTING})"
        ));
    }
    message
}

/// The deepest nesting of multipart and `message/rfc822` parts in `msg`, measured while moving every nested
/// message onto an explicit stack so that none is dropped recursively.
fn dismantle(msg: mail_parser::Message<'_>) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(msg, 0usize)];
    while let Some((mut m, base)) = stack.pop() {
        let levels = multipart_levels(&m);
        for (i, part) in m.parts.iter_mut().enumerate() {
            let level = base + levels.get(i).copied().unwrap_or(0);
            deepest = deepest.max(level);
            if matches!(part.body, PartType::Message(_))
                && let PartType::Message(inner) =
                    std::mem::replace(&mut part.body, PartType::Multipart(Vec::new()))
            {
                stack.push((inner, level + 1));
            }
        }
    }
    deepest
}

/// For each part of `m`, how many multipart ancestors it has (parts are listed flat, children by index).
fn multipart_levels(m: &mail_parser::Message<'_>) -> Vec<usize> {
    let mut levels = vec![0; m.parts.len()];
    for (i, part) in m.parts.iter().enumerate() {
        if let PartType::Multipart(children) = &part.body {
            let level = levels[i] + 1;
            for &child in children {
                // Children always come after their parent in mail-parser's list; ignore anything else.
                if let Some(slot) = levels
                    .get_mut(child as usize)
                    .filter(|_| child as usize > i)
                {
                    *slot = level;
                }
            }
        }
    }
    levels
}

/// Where the header block starts, or why there is none.
fn header_block_start(raw: &[u8]) -> Result<usize, ParseError> {
    if raw.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut pos = raw
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .ok_or_else(|| ParseError::NoHeaders("the file holds only blank lines".to_owned()))?;
    let mbox_separator = raw[pos..]
        .strip_prefix(b"From ")
        .is_some_and(|after| after.trim_ascii_start().first() != Some(&b':'));
    if mbox_separator {
        let nl = raw[pos..].iter().position(|&b| b == b'\n').ok_or_else(|| {
            ParseError::NoHeaders("only an mbox 'From ' line, no headers".to_owned())
        })?;
        pos += nl + 1;
    }
    let rest = &raw[pos..];
    let line = rest.split(|&b| b == b'\n').next().unwrap_or_default();
    if is_header_line(line) {
        return Ok(pos);
    }
    let head = &rest[..rest.len().min(512)];
    let binary = head
        .iter()
        .filter(|&&b| b < 9 || (14..32).contains(&b))
        .count();
    if binary > 0 && binary * 10 >= head.len().min(64) {
        return Err(ParseError::NoHeaders(
            "binary data where the headers should be".to_owned(),
        ));
    }
    let excerpt = String::from_utf8_lossy(&line[..line.len().min(60)]);
    Err(ParseError::NoHeaders(format!(
        "the first line is not a header ('Name: value'): '{}'",
        sanitise(excerpt.trim_end())
    )))
}

/// Whether `line` starts a header field: a printable name, optional blanks, then `:`.
fn is_header_line(line: &[u8]) -> bool {
    let name_len = line
        .iter()
        .take_while(|&&b| (33..=126).contains(&b) && b != b':')
        .count();
    let after_name = line[name_len..]
        .iter()
        .position(|&b| b != b' ' && b != b'\t');
    name_len > 0 && after_name.is_some_and(|i| line[name_len + i] == b':')
}

/// The message with a blank line inserted where the header block ends without one: the first line that is
/// neither a header field nor a continuation starts the body (as Python's `email` package reads it; some
/// generators drop the blank line before the first MIME boundary). Borrowed when nothing is missing.
fn with_header_separator<'a>(message: &'a [u8], problems: &mut Vec<String>) -> Cow<'a, [u8]> {
    let mut offset = 0;
    for line in message.split_inclusive(|&b| b == b'\n') {
        let content = line.strip_suffix(b"\n").unwrap_or(line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if content.is_empty() {
            return Cow::Borrowed(message);
        }
        let continuation = matches!(content.first(), Some(b' ' | b'\t'));
        if !continuation && !is_header_line(content) {
            let eol: &[u8] = if line.ends_with(b"\r\n") {
                b"\r\n"
            } else {
                b"\n"
            };
            problems.push("no blank line between the headers and the body".to_owned());
            return Cow::Owned([&message[..offset], eol, &message[offset..]].concat());
        }
        offset += line.len();
    }
    Cow::Borrowed(message)
}

/// The Date header as RFC 3339 and Unix seconds; a problem when present but unreadable.
fn date(
    msg: &mail_parser::Message<'_>,
    problems: &mut Vec<String>,
) -> (Option<String>, Option<i64>) {
    match msg.date().filter(|d| d.is_valid()) {
        Some(d) => (Some(d.to_rfc3339()), Some(d.to_timestamp())),
        None => {
            if let Some(raw) = raw_values(msg, "Date").next() {
                problems.push(format!(
                    "unreadable Date header: '{}'",
                    sanitise(unfold(&raw).trim())
                ));
            }
            (None, None)
        }
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;

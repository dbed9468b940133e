//! The body of the one message on screen, laid out as lines of pieces: the text part, or the HTML rendered
//! with html2text, every link numbered with its real destination beside its visible text. Every string is
//! sanitised here, so the body view only styles pieces.
//!
//! The work is bounded whatever the message: at most [`MAX_TEXT`] bytes of text and [`MAX_HTML`] of HTML are
//! laid out, long lines are cut into rows, URLs are found in one pass, and HTML nested deeper than
//! [`MAX_HTML_DEPTH`] is shown as its text rendition instead of being rendered. Each cap says so in the body.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use html2text::render::RichAnnotation;

use crate::mail::{LinkOrigin, Message};

use super::wording::clean;

/// Largest HTML rendered (bytes); the rest is cut with a note.
const MAX_HTML: usize = 2 * 1024 * 1024;
/// Largest text laid out (bytes); the rest is cut with a note.
const MAX_TEXT: usize = 2 * 1024 * 1024;
/// HTML whose elements nest deeper than this is not rendered (html2text's work grows with the depth).
const MAX_HTML_DEPTH: usize = 256;
/// Most lines kept.
const MAX_LINES: usize = 50_000;
/// A text line longer than this many characters is cut into rows of this length.
const MAX_LINE_CHARS: usize = 1_000;
/// Most distinct text URLs numbered in the body.
const MAX_TEXT_URLS: usize = 50_000;
/// Longest destination shown beside a link.
const MAX_URL: usize = 100;

/// A run of text with its meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Plain text.
    Text(String),
    /// Emphasised text.
    Strong(String),
    /// The visible text of link number `.1`.
    LinkText(String, usize),
    /// The number and real destination of a link, shown after its text (`url` empty when the text is the URL).
    LinkRef(usize, String),
}

/// The laid-out body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyText {
    /// Lines of pieces.
    pub lines: Vec<Vec<Piece>>,
    /// Rendered from the HTML part.
    pub from_html: bool,
    /// The width it was laid out for.
    pub width: usize,
}

/// Lays out the body for `width` columns: the HTML part when there is one, else the text part.
pub fn layout(msg: &Message, width: usize) -> BodyText {
    BodyText {
        width,
        ..html_or_text(msg, width)
    }
}

fn html_or_text(msg: &Message, width: usize) -> BodyText {
    let numbers = Numbers::new(msg);
    let mut note = None;
    if let Some(html) = msg.html.as_deref().filter(|h| !h.trim().is_empty()) {
        let depth = nesting_depth(cut(html, MAX_HTML));
        if depth > MAX_HTML_DEPTH {
            note = Some(format!(
                "[HTML nested too deep to render ({depth} levels): its text is shown]"
            ));
        } else if let Some(body) = from_html(html, width.max(20), numbers) {
            return body;
        }
    }
    let mut body = from_text(msg, &Numbers::new(msg));
    if let Some(note) = note {
        body.lines.insert(0, vec![Piece::Strong(note)]);
    }
    body
}

/// The longest prefix of `s` of at most `max` bytes ending on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// How deep elements nest in `html`, estimated in one pass over its tags (void and self-closed elements do
/// not nest; end tags close one level). Enough to refuse the pathological, never a parser.
fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    for (i, _) in html.match_indices('<') {
        let rest = &bytes[i + 1..];
        if rest.first() == Some(&b'/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = &html[i + 1..i + 1 + name_len];
        let end = rest.iter().position(|&b| b == b'>');
        let self_closed = end.is_some_and(|e| e > 0 && rest[e - 1] == b'/');
        if !self_closed && !VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Link numbers: as the link table numbers the message's links, new hrefs numbered after those.
struct Numbers {
    known: HashMap<String, usize>,
    next: usize,
}

impl Numbers {
    fn new(msg: &Message) -> Numbers {
        let known: HashMap<String, usize> = super::linkinfo::numbers(msg)
            .into_iter()
            .map(|(href, n)| (href.to_string(), n))
            .collect();
        Numbers {
            next: known.len() + 1,
            known,
        }
    }

    fn of(&mut self, href: &str) -> usize {
        if let Some(&n) = self.known.get(href) {
            return n;
        }
        let n = self.next;
        self.next += 1;
        self.known.insert(href.to_string(), n);
        n
    }

    fn get(&self, href: &str) -> Option<usize> {
        self.known.get(href).copied()
    }
}

fn short_url(href: &str) -> String {
    let url = clean(href);
    if url.chars().count() <= MAX_URL {
        return url;
    }
    let mut s: String = url.chars().take(MAX_URL - 1).collect();
    s.push('…');
    s
}

fn from_html(html: &str, width: usize, mut numbers: Numbers) -> Option<BodyText> {
    let end = cut(html, MAX_HTML).len();
    let tagged = html2text::from_read_rich(&html.as_bytes()[..end], width).ok()?;
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for tline in tagged.into_iter().take(MAX_LINES) {
        let mut line = Vec::new();
        for ts in tline.tagged_strings() {
            let href = ts.tag.iter().rev().find_map(|a| match a {
                RichAnnotation::Link(h) => Some(h.clone()),
                _ => None,
            });
            if open.as_ref().map(|(_, h)| h) != href.as_ref() {
                if let Some((n, h)) = open.take() {
                    close_link(&mut lines, &mut line, n, &h);
                }
                open = href.map(|h| (numbers.of(&h), h));
            }
            let text = clean(&ts.s);
            let strong = ts
                .tag
                .iter()
                .any(|a| matches!(a, RichAnnotation::Strong | RichAnnotation::Emphasis));
            line.push(match &open {
                Some((n, _)) => Piece::LinkText(text, *n),
                None if strong => Piece::Strong(text),
                None => Piece::Text(text),
            });
        }
        lines.push(line);
    }
    if let Some((n, h)) = open {
        let mut last = lines.pop().unwrap_or_default();
        last.push(Piece::LinkRef(n, short_url(&h)));
        lines.push(last);
    }
    if end < html.len() {
        lines.push(vec![Piece::Strong(format!("[HTML cut at {end} bytes]"))]);
    }
    Some(BodyText {
        lines,
        from_html: true,
        width: 0,
    })
}

/// Puts a link's reference after its text: on this line, or, when this line has nothing yet (the link
/// ended at a line break), after the link's text on one of the last few lines.
fn close_link(lines: &mut [Vec<Piece>], line: &mut Vec<Piece>, n: usize, href: &str) {
    let piece = Piece::LinkRef(n, short_url(href));
    let has_text = |l: &Vec<Piece>| {
        l.iter()
            .any(|p| matches!(p, Piece::LinkText(_, m) if *m == n))
    };
    let earlier = lines.iter_mut().rev().take(4).find(|l| has_text(l));
    match earlier {
        Some(prev) if line.is_empty() => prev.push(piece),
        _ => line.push(piece),
    }
}

fn from_text(msg: &Message, numbers: &Numbers) -> BodyText {
    let mut hrefs: Vec<(&str, usize)> = Vec::new();
    for l in msg
        .links
        .iter()
        .filter(|l| l.origin == LinkOrigin::Text && !l.href.is_empty())
    {
        if hrefs.len() == MAX_TEXT_URLS {
            break;
        }
        if let Some(n) = numbers.get(&l.href) {
            hrefs.push((l.href.as_str(), n));
        }
    }
    hrefs.sort_unstable();
    hrefs.dedup();
    // Leftmost match first, the longest at the same place: a URL that extends another is shown whole.
    let finder = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(hrefs.iter().map(|(u, _)| u))
        .ok();
    let text = cut(&msg.text, MAX_TEXT);
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    'all: for line in text.lines() {
        for row in rows_of(line) {
            if lines.len() == MAX_LINES {
                break 'all;
            }
            lines.push(text_line(row, finder.as_ref(), &hrefs));
        }
    }
    if lines.len() == MAX_LINES {
        lines.push(vec![Piece::Strong(format!(
            "[first {MAX_LINES} lines shown]"
        ))]);
    } else if text.len() < msg.text.len() {
        lines.push(vec![Piece::Strong(format!(
            "[text cut at {} of {} bytes]",
            text.len(),
            msg.text.len()
        ))]);
    }
    BodyText {
        lines,
        from_html: false,
        width: 0,
    }
}

/// `line` in rows of at most [`MAX_LINE_CHARS`] characters (a 2 MB line would otherwise be wrapped anew on
/// every frame).
fn rows_of(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    let mut first = true;
    std::iter::from_fn(move || {
        if rest.is_empty() && !std::mem::take(&mut first) {
            return None;
        }
        first = false;
        let end = rest
            .char_indices()
            .nth(MAX_LINE_CHARS)
            .map_or(rest.len(), |(i, _)| i);
        let (row, tail) = rest.split_at(end);
        rest = tail;
        Some(row)
    })
}

/// Splits one text line around the URLs in it; a bare URL is its own destination, so it only gets a number.
fn text_line(line: &str, finder: Option<&AhoCorasick>, hrefs: &[(&str, usize)]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut done = 0;
    for m in finder.into_iter().flat_map(|f| f.find_iter(line)) {
        let (url, n) = hrefs[m.pattern().as_usize()];
        if m.start() > done {
            pieces.push(Piece::Text(clean(&line[done..m.start()])));
        }
        pieces.push(Piece::LinkText(clean(url), n));
        pieces.push(Piece::LinkRef(n, String::new()));
        done = m.end();
    }
    if done < line.len() || pieces.is_empty() && !line.is_empty() {
        pieces.push(Piece::Text(clean(&line[done..])));
    }
    pieces
}

#[cfg(test)]
#[path = "bodytext_tests.rs"]
mod tests;

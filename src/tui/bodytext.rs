//! The body of the one message on screen, laid out as lines of pieces: the text part, or the HTML rendered
//! with html2text, every link numbered with its real destination beside its visible text. Every string is
//! sanitised here, so the body view only styles pieces.

use html2text::render::RichAnnotation;

use crate::mail::{LinkOrigin, Message};

use super::wording::clean;

/// Largest HTML rendered (bytes); the rest is cut with a note.
const MAX_HTML: usize = 2 * 1024 * 1024;
/// Most lines kept.
const MAX_LINES: usize = 50_000;
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
}

/// Lays out the body for `width` columns: the HTML part when there is one, else the text part.
pub fn layout(msg: &Message, width: usize) -> BodyText {
    let numbers = Numbers::new(msg);
    if let Some(html) = msg.html.as_deref().filter(|h| !h.trim().is_empty())
        && let Some(body) = from_html(html, width.max(20), numbers)
    {
        return body;
    }
    from_text(msg, &Numbers::new(msg))
}

/// Link numbers: a link's position in the message's link list, new hrefs numbered after those.
struct Numbers {
    known: Vec<String>,
    extra: Vec<String>,
}

impl Numbers {
    fn new(msg: &Message) -> Numbers {
        Numbers {
            known: msg.links.iter().map(|l| l.href.clone()).collect(),
            extra: Vec::new(),
        }
    }

    fn of(&mut self, href: &str) -> usize {
        if let Some(i) = self.known.iter().position(|h| h == href) {
            return i + 1;
        }
        if let Some(i) = self.extra.iter().position(|h| h == href) {
            return self.known.len() + i + 1;
        }
        self.extra.push(href.to_string());
        self.known.len() + self.extra.len()
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
    let mut end = html.len().min(MAX_HTML);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
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
    let urls: Vec<(&str, usize)> = msg
        .links
        .iter()
        .filter(|l| l.origin == LinkOrigin::Text && !l.href.is_empty())
        .take(500)
        .filter_map(|l| {
            let n = numbers.known.iter().position(|h| *h == l.href)? + 1;
            Some((l.href.as_str(), n))
        })
        .collect();
    let lines = msg
        .text
        .lines()
        .take(MAX_LINES)
        .map(|line| text_line(line, &urls))
        .collect();
    BodyText {
        lines,
        from_html: false,
    }
}

/// Splits one text line around the URLs in it; a bare URL is its own destination, so it only gets a number.
fn text_line(line: &str, urls: &[(&str, usize)]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let next = urls
            .iter()
            .filter_map(|(u, n)| rest.find(u).map(|at| (at, *u, *n)))
            .min_by_key(|(at, u, _)| (*at, std::cmp::Reverse(u.len())));
        let Some((at, url, n)) = next else {
            pieces.push(Piece::Text(clean(rest)));
            break;
        };
        if at > 0 {
            pieces.push(Piece::Text(clean(&rest[..at])));
        }
        pieces.push(Piece::LinkText(clean(url), n));
        pieces.push(Piece::LinkRef(n, String::new()));
        rest = &rest[at + url.len()..];
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::Link;

    fn link(href: &str, text: &str, origin: LinkOrigin) -> Link {
        Link {
            href: href.into(),
            text: text.into(),
            origin,
        }
    }

    #[test]
    fn html_links_show_their_real_destination_beside_the_text() {
        let msg = Message {
            html: Some(
                "<p>Hello <a href=\"http://evil.example/login\">https://www.paypal.com/</a> now</p>".into(),
            ),
            links: vec![link("http://evil.example/login", "https://www.paypal.com/", LinkOrigin::HtmlAnchor)],
            ..Message::default()
        };
        let body = layout(&msg, 80);
        assert!(body.from_html);
        let flat: Vec<&Piece> = body.lines.iter().flatten().collect();
        assert!(flat.contains(&&Piece::LinkText("https://www.paypal.com/".into(), 1)));
        assert!(flat.contains(&&Piece::LinkRef(1, "http://evil.example/login".into())));
    }

    #[test]
    fn text_urls_are_numbered_and_controls_removed() {
        let msg = Message {
            text: "see https://a.example/x and \u{1b}[31mred".into(),
            links: vec![link(
                "https://a.example/x",
                "https://a.example/x",
                LinkOrigin::Text,
            )],
            ..Message::default()
        };
        let body = layout(&msg, 80);
        assert_eq!(
            body.lines[0][..3],
            [
                Piece::Text("see ".into()),
                Piece::LinkText("https://a.example/x".into(), 1),
                Piece::LinkRef(1, String::new())
            ]
        );
        let all: String = body.lines[0]
            .iter()
            .map(|p| match p {
                Piece::Text(s)
                | Piece::Strong(s)
                | Piece::LinkText(s, _)
                | Piece::LinkRef(_, s) => s.as_str(),
            })
            .collect();
        assert!(!all.contains('\u{1b}'));
    }
}

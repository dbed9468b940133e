//! A streaming HTML tokenizer for bulk analysis: one pass, no DOM, linear in the input.
//!
//! It yields the links (`<a href>` and `<area href>` with their visible text; an anchor holding only an image
//! shows the image's `alt`), the `<base href>`, the forms with their inputs, and (on request) the text
//! rendition: tags dropped, entities decoded, `<script>`/`<style>`/`<title>` skipped, whitespace collapsed.
//! Tolerates uppercase tags, unquoted/single/double-quoted attributes, comments, CDATA, unclosed tags and
//! stray `<`. Every step moves forward, and every search starts where the last one stopped.

use super::entities::{decode_attr, decode_with};
use super::html_lex::{attributes, skip_raw_text, tag_name};
use super::html_tags::Tag;
use super::message::{Form, Link, LinkOrigin};
use super::text_sink::TextSink;

/// Longest visible text kept for one link, in bytes.
const LINK_TEXT_CAP: usize = 1024;

/// What one pass over an HTML body found.
#[derive(Debug, Default)]
pub struct HtmlScan {
    /// Anchors and areas in document order (href decoded and trimmed, not resolved).
    pub links: Vec<Link>,
    /// The first `<base href>`, if any.
    pub base: Option<String>,
    /// Every `<form>`.
    pub forms: Vec<Form>,
    /// The text rendition (empty unless asked for).
    pub text: String,
}

/// Scans `html` in one pass; builds the text rendition only when `want_text` is set.
pub fn scan(html: &str, want_text: bool) -> HtmlScan {
    let mut sc = Scanner {
        want_text,
        text: TextSink::with_cap(usize::MAX),
        anchor: None,
        out: HtmlScan::default(),
        in_form: false,
    };
    let b = html.as_bytes();
    let mut pos = 0;
    while pos < b.len() {
        let lt = memchr::memchr(b'<', &b[pos..]).map_or(b.len(), |i| pos + i);
        if lt > pos {
            sc.text(&html[pos..lt]);
        }
        if lt >= b.len() {
            break;
        }
        pos = sc.markup(html, lt);
    }
    sc.close_anchor();
    let mut out = sc.out;
    if want_text {
        out.text = sc.text.finish();
    }
    out
}

struct OpenAnchor {
    href: String,
    text: TextSink,
    alt: Option<String>,
}

struct Scanner {
    want_text: bool,
    text: TextSink,
    anchor: Option<OpenAnchor>,
    out: HtmlScan,
    in_form: bool,
}

impl Scanner {
    /// Text content between tags.
    fn text(&mut self, s: &str) {
        let want_text = self.want_text;
        let (body, anchor) = (&mut self.text, self.anchor.as_mut().map(|a| &mut a.text));
        match (want_text, anchor) {
            (true, Some(a)) => decode_with(s, |p| {
                body.push(p);
                a.push(p);
            }),
            (true, None) => decode_with(s, |p| body.push(p)),
            (false, Some(a)) => decode_with(s, |p| a.push(p)),
            (false, None) => {}
        }
    }

    /// Handles the markup starting at `lt` (a `<`); returns where scanning goes on.
    fn markup(&mut self, html: &str, lt: usize) -> usize {
        let rest = &html[lt + 1..];
        let b = rest.as_bytes();
        if let Some(comment) = rest.strip_prefix("!--") {
            return comment
                .find("-->")
                .map_or(html.len(), |i| lt + 1 + 3 + i + 3);
        }
        if b.len() >= 8 && b[..8].eq_ignore_ascii_case(b"![CDATA[") {
            let body = &rest[8..];
            let end = body.find("]]>").unwrap_or(body.len());
            let cdata = &body[..end];
            if self.want_text {
                self.text.push(cdata);
            }
            if let Some(a) = self.anchor.as_mut() {
                a.text.push(cdata);
            }
            return (lt + 1 + 8 + end + 3).min(html.len());
        }
        match b.first() {
            // Declarations, processing instructions and `</` + non-letter are bogus comments.
            Some(b'!' | b'?') => memchr::memchr(b'>', b).map_or(html.len(), |i| lt + 1 + i + 1),
            Some(b'/') if !b.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                memchr::memchr(b'>', b).map_or(html.len(), |i| lt + 1 + i + 1)
            }
            Some(b'/') => {
                let name = tag_name(&rest[1..]);
                self.end_tag(name);
                let after = lt + 2 + name.len();
                memchr::memchr(b'>', &html.as_bytes()[after..])
                    .map_or(html.len(), |i| after + i + 1)
            }
            Some(c) if c.is_ascii_alphabetic() => self.start_tag(html, lt),
            _ => {
                self.text("<");
                lt + 1
            }
        }
    }

    fn start_tag(&mut self, html: &str, lt: usize) -> usize {
        let name = tag_name(&html[lt + 1..]);
        let tag = Tag::of(name);
        let mut attrs = Attrs::default();
        let wanted = tag.wants_attributes();
        let end = attributes(html, lt + 1 + name.len(), |n, v| {
            if wanted {
                attrs.set(n, v);
            }
        });
        self.element(tag, &attrs);
        if tag == Tag::RawText {
            return skip_raw_text(html, end, name);
        }
        end
    }

    fn element(&mut self, tag: Tag, attrs: &Attrs<'_>) {
        match tag {
            Tag::A => {
                self.close_anchor();
                if let Some(href) = attrs.href.map(clean_href).filter(|h| !h.is_empty()) {
                    self.anchor = Some(OpenAnchor {
                        href,
                        text: TextSink::with_cap(LINK_TEXT_CAP),
                        alt: None,
                    });
                }
            }
            Tag::Area => {
                if let Some(href) = attrs.href.map(clean_href).filter(|h| !h.is_empty()) {
                    let mut text = TextSink::with_cap(LINK_TEXT_CAP);
                    text.push(&decode_attr(attrs.alt.unwrap_or_default()));
                    self.push_link(href, text.finish());
                }
            }
            Tag::Img => {
                let alt = attrs.alt.map(decode_attr).filter(|a| !a.trim().is_empty());
                if let (Some(a), Some(alt)) = (self.anchor.as_mut(), alt) {
                    a.text.space();
                    a.alt.get_or_insert(alt);
                }
                self.text.space();
            }
            Tag::Base if self.out.base.is_none() => {
                self.out.base = attrs.href.map(clean_href);
            }
            Tag::Form => {
                self.in_form = true;
                self.out.forms.push(Form {
                    action: attrs.action.map(|a| decode_attr(a).trim().to_owned()),
                    inputs: Vec::new(),
                });
            }
            Tag::Input => self.input("", attrs),
            Tag::Select => self.input("select", attrs),
            Tag::Textarea => self.input("textarea", attrs),
            Tag::Cell => self.text.space(),
            _ => {}
        }
        self.breaks(tag);
    }

    /// An input of the open form; `kind` is the element name, empty for `<input>` (then its `type`).
    fn input(&mut self, kind: &str, attrs: &Attrs<'_>) {
        let Some(form) = self.out.forms.last_mut().filter(|_| self.in_form) else {
            return;
        };
        let kind = if kind.is_empty() {
            attrs.kind.unwrap_or("text")
        } else {
            kind
        };
        form.inputs.push(kind.trim().to_ascii_lowercase());
        for extra in [attrs.name, attrs.autocomplete].into_iter().flatten() {
            let extra = extra.trim().to_ascii_lowercase();
            if !extra.is_empty() && extra != "on" && extra != "off" {
                form.inputs.push(extra);
            }
        }
    }

    fn end_tag(&mut self, name: &str) {
        let tag = Tag::of(name);
        match tag {
            Tag::A => self.close_anchor(),
            Tag::Form => self.in_form = false,
            Tag::Cell => self.text.space(),
            _ => {}
        }
        self.breaks(tag);
    }

    fn breaks(&mut self, tag: Tag) {
        if !self.want_text {
            return;
        }
        match tag {
            Tag::Paragraph => self.text.line_break(2),
            Tag::Br => self.text.newline(),
            Tag::Line | Tag::Form => self.text.line_break(1),
            _ => {}
        }
    }

    fn close_anchor(&mut self) {
        if let Some(a) = self.anchor.take() {
            let mut text = a.text.finish();
            if text.is_empty() {
                text = a.alt.unwrap_or_default();
            }
            self.push_link(a.href, text);
        }
    }

    fn push_link(&mut self, href: String, text: String) {
        self.out.links.push(Link {
            href,
            text,
            origin: LinkOrigin::HtmlAnchor,
        });
    }
}

/// The attributes the scanner looks at, borrowed raw (entities not yet decoded).
#[derive(Default)]
struct Attrs<'h> {
    href: Option<&'h str>,
    alt: Option<&'h str>,
    action: Option<&'h str>,
    kind: Option<&'h str>,
    name: Option<&'h str>,
    autocomplete: Option<&'h str>,
}

impl<'h> Attrs<'h> {
    /// Keeps the first value of each attribute, as browsers do.
    fn set(&mut self, name: &str, value: &'h str) {
        let slot = match name.len() {
            3 if name.eq_ignore_ascii_case("alt") => &mut self.alt,
            4 if name.eq_ignore_ascii_case("href") => &mut self.href,
            4 if name.eq_ignore_ascii_case("type") => &mut self.kind,
            4 if name.eq_ignore_ascii_case("name") => &mut self.name,
            6 if name.eq_ignore_ascii_case("action") => &mut self.action,
            12 if name.eq_ignore_ascii_case("autocomplete") => &mut self.autocomplete,
            _ => return,
        };
        slot.get_or_insert(value);
    }
}

/// Decodes an href and removes the whitespace browsers ignore (leading/trailing, and tabs/newlines inside).
fn clean_href(raw: &str) -> String {
    let decoded = decode_attr(raw.trim());
    if decoded.contains(['\t', '\n', '\r']) {
        decoded
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect()
    } else {
        decoded
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;

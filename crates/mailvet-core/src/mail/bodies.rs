//! A message's bodies as a person reads them: the text, the HTML, the links (HTML anchors resolved against
//! `<base href>`, then bare URLs of the text, deduplicated) and the forms, from mail-parser's parts.

use std::borrow::Cow;
use std::collections::HashSet;

use mail_parser::{MessagePart, MimeHeaders, PartType};

use super::message::Link;
use super::{html, text_links};

/// What [`bodies`] finds: the text, the HTML, the links and the forms.
type Bodies = (String, Option<String>, Vec<Link>, Vec<super::Form>);

/// Text, HTML, links and forms. The text is the first text/plain part (CRLF turned into LF); when it is missing or blank, the
/// text rendition of the HTML. Links: HTML anchors first, then bare URLs of the text part, deduplicated.
pub(super) fn bodies(msg: &mail_parser::Message<'_>) -> Bodies {
    let part = |id: &u32| msg.parts.get(*id as usize);
    let text_part = msg
        .text_body
        .iter()
        .filter_map(part)
        .find_map(|p| match &p.body {
            PartType::Text(t) if is_plain(p) => Some(t.as_ref()),
            _ => None,
        })
        .filter(|t| !t.trim().is_empty());
    let html_part = msg
        .html_body
        .iter()
        .filter_map(part)
        .find_map(|p| match &p.body {
            PartType::Html(h) => Some(Cow::Borrowed(h.as_ref())),
            _ => None,
        })
        .or_else(|| text_part.is_none().then(|| stray_html(msg)).flatten());
    let scan = html_part
        .as_deref()
        .map(|h| html::scan(h, text_part.is_none()))
        .unwrap_or_default();
    let mut links = scan.links;
    if let Some(base) = scan.base.as_deref() {
        resolve_against(base, &mut links);
    }
    if let Some(t) = text_part {
        text_links::find(t, &mut links);
    }
    dedupe(&mut links);
    let text = text_part.map_or(scan.text, |t| {
        if t.contains('\r') {
            t.replace("\r\n", "\n")
        } else {
            t.to_owned()
        }
    });
    (text, html_part.map(Cow::into_owned), links, scan.forms)
}

/// An HTML body the parser did not take for one: a `text/html` part it could not fully decode (left
/// quoted-printable: it is decoded here, leniently), or whose Content-Type lacks the `;` before its parameters
/// (`text/html charset=...`). Mail clients still show it.
fn stray_html<'a>(msg: &'a mail_parser::Message<'_>) -> Option<Cow<'a, str>> {
    msg.parts.iter().find_map(|p| {
        let attached = p.content_disposition().is_some_and(|d| d.is_attachment());
        let html = p.content_type().is_some_and(|ct| {
            ct.ctype().eq_ignore_ascii_case("text")
                && ct
                    .subtype()
                    .is_some_and(|s| s.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("html")))
        });
        let quoted = p
            .content_transfer_encoding()
            .is_some_and(|e| e.trim().eq_ignore_ascii_case("quoted-printable"));
        match &p.body {
            PartType::Text(t) if html && !attached => Some(
                if quoted && (t.contains("=3D") || t.contains("=\n") || t.contains("=\r\n")) {
                    Cow::Owned(lenient_quoted_printable(t))
                } else {
                    Cow::Borrowed(t.as_ref())
                },
            ),
            _ => None,
        }
    })
}

/// Quoted-printable decoding that keeps what it cannot decode as written (an `=` not followed by two hex digits
/// or a line break), where a strict decoder gives up on the whole part.
fn lenient_quoted_printable(text: &str) -> String {
    let b = text.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            let pair = b.get(i + 1..i + 3);
            if let Some(v) = pair.and_then(|p| Some(hex(p[0])? * 16 + hex(p[1])?)) {
                out.push(v as u8);
                i += 3;
                continue;
            }
            let soft_break = [&b"\n"[..], b"\r\n"]
                .into_iter()
                .find(|nl| b[i + 1..].starts_with(nl));
            if let Some(nl) = soft_break {
                i += 1 + nl.len();
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_plain(p: &MessagePart<'_>) -> bool {
    p.content_type().is_none_or(|ct| {
        ct.ctype().eq_ignore_ascii_case("text")
            && ct.subtype().is_none_or(|s| s.eq_ignore_ascii_case("plain"))
    })
}

/// Resolves relative hrefs against `<base href>`: the destination a click would really reach.
fn resolve_against(base: &str, links: &mut [Link]) {
    let Ok(base) = url::Url::parse(base) else {
        return;
    };
    for link in links {
        let has_scheme = link
            .href
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|first| first.contains(':'));
        if !has_scheme && let Ok(joined) = base.join(&link.href) {
            link.href = joined.into();
        }
    }
}

/// Removes repeated (href, text) pairs, keeping the first.
fn dedupe(links: &mut Vec<Link>) {
    let keep: Vec<bool> = {
        let mut seen = HashSet::with_capacity(links.len());
        links
            .iter()
            .map(|l| seen.insert((l.href.as_str(), l.text.as_str())))
            .collect()
    };
    let mut keep = keep.into_iter();
    links.retain(|_| keep.next().unwrap_or(true));
}

#[cfg(test)]
#[path = "bodies_tests.rs"]
mod tests;

//! Lexing helpers of the HTML scanner: tag names, attributes, raw-text skipping. Each returns the offset
//! where scanning goes on, always past what it read.

/// The tag name at the start of `s`: up to whitespace, `/` or `>`.
pub fn tag_name(s: &str) -> &str {
    let end = s
        .bytes()
        .position(|b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .unwrap_or(s.len());
    &s[..end]
}

/// Reads attributes from `pos` to the end of the tag, calling `each(name, raw_value)`; returns the offset
/// just past `>` (or the end of input).
pub fn attributes<'h>(
    html: &'h str,
    mut pos: usize,
    mut each: impl FnMut(&'h str, &'h str),
) -> usize {
    let b = html.as_bytes();
    let skip_ws = |p: &mut usize| {
        while b
            .get(*p)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            *p += 1;
        }
    };
    loop {
        skip_ws(&mut pos);
        match b.get(pos) {
            None => return b.len(),
            Some(b'>') => return pos + 1,
            _ => {}
        }
        let start = pos;
        pos += 1; // the first byte belongs to the name, even `=` or a quote
        while b
            .get(pos)
            .is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'=' | b'>' | b'/'))
        {
            pos += 1;
        }
        let name = html.get(start..pos).unwrap_or("");
        let mut value = "";
        let mut p = pos;
        while b.get(p).is_some_and(u8::is_ascii_whitespace) {
            p += 1;
        }
        if b.get(p) == Some(&b'=') {
            p += 1;
            while b.get(p).is_some_and(u8::is_ascii_whitespace) {
                p += 1;
            }
            let (v, next) = attr_value(html, p);
            value = v;
            pos = next;
        }
        each(name, value);
    }
}

/// An attribute value at `p` (quoted or not) and the offset after it.
fn attr_value(html: &str, p: usize) -> (&str, usize) {
    let b = html.as_bytes();
    match b.get(p) {
        Some(&q @ (b'"' | b'\'')) => {
            let body = &html[p + 1..];
            match memchr::memchr(q, body.as_bytes()) {
                Some(i) => (&body[..i], p + 1 + i + 1),
                None => (body, html.len()),
            }
        }
        _ => {
            let end = b[p.min(b.len())..]
                .iter()
                .position(|c| c.is_ascii_whitespace() || *c == b'>')
                .map_or(b.len(), |i| p + i);
            (html.get(p..end).unwrap_or(""), end)
        }
    }
}

/// Skips the content of a raw-text element up to and including its end tag.
pub fn skip_raw_text(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut pos = from;
    while let Some(i) = html.get(pos..).and_then(|r| r.find("</")) {
        let at = pos + i + 2;
        let candidate = b.get(at..at + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            return html[at..].find('>').map_or(html.len(), |j| at + j + 1);
        }
        pos = at;
    }
    html.len()
}

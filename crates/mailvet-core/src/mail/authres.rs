//! RFC 8601 Authentication-Results parser, written by hand.
//!
//! Why by hand: no maintained crate parses these headers. msg-auth-status pins mail-parser 0.9 (a second,
//! old copy) and has no DMARC field; mail-auth only *writes* them. The grammar we need is small:
//! `authserv-id [version] ; method[/version]=result [reason=value] ptype.property=value ... ; ...`
//! with CFWS comments `( ... )` (nested) and quoted strings anywhere.
//!
//! It is lenient where real servers are sloppy: a missing authserv-id (Microsoft 365 starts straight with
//! `spf=pass ...`) gives `authserv_id: None`; a key without a ptype (Microsoft's `action=none`) is kept as a
//! property with an empty ptype; a malformed method entry is skipped up to the next `;`. Every step
//! consumes input, so it is linear and never panics.

use super::headers::unfold;
use super::message::{AuthMethodResult, AuthProperty, AuthResults};

/// Parses one Authentication-Results header value (folded or not).
pub fn parse_auth_results(value: &str) -> AuthResults {
    let raw = unfold(value).trim().to_owned();
    let mut cur = Cursor { s: &raw, pos: 0 };
    let authserv_id = cur.authserv_id();
    let mut results = Vec::new();
    loop {
        cur.skip_cfws();
        if cur.at_end() {
            break;
        }
        if cur.peek() == Some(b';') {
            cur.pos += 1;
            continue;
        }
        match cur.method_result() {
            Some(r) => results.push(r),
            None => cur.skip_past_semicolon(),
        }
    }
    AuthResults {
        authserv_id,
        results,
        raw,
    }
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

/// Bytes that end a token: whitespace and the specials of the grammar.
fn ends_token(b: u8, extra: &[u8]) -> bool {
    b.is_ascii_whitespace() || matches!(b, b';' | b'(' | b'"') || extra.contains(&b)
}

impl<'a> Cursor<'a> {
    fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    /// Skips whitespace and (nested) comments.
    fn skip_cfws(&mut self) {
        let bytes = self.s.as_bytes();
        let mut depth = 0usize;
        while let Some(&b) = bytes.get(self.pos) {
            match b {
                b'(' => depth += 1,
                b')' if depth > 0 => depth -= 1,
                b'\\' if depth > 0 => self.pos += 1,
                _ if depth > 0 || b.is_ascii_whitespace() => {}
                _ => return,
            }
            self.pos += 1;
        }
        self.pos = self.pos.min(self.s.len());
    }

    /// Reads a token up to whitespace, `;`, `(`, `"` or one of `extra`. Empty when none.
    fn token(&mut self, extra: &[u8]) -> &'a str {
        let start = self.pos;
        let bytes = self.s.as_bytes();
        while bytes.get(self.pos).is_some_and(|&b| !ends_token(b, extra)) {
            self.pos += 1;
        }
        self.s.get(start..self.pos).unwrap_or("")
    }

    /// Reads a quoted string (the cursor is on `"`), unescaping `\x`.
    fn quoted(&mut self) -> String {
        let rest = self.s.get(self.pos + 1..).unwrap_or("");
        let mut out = String::new();
        let mut escaped = false;
        for (i, c) in rest.char_indices() {
            if escaped {
                out.push(c);
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                self.pos += 1 + i + 1;
                return out;
            } else {
                out.push(c);
            }
        }
        self.pos = self.s.len();
        out
    }

    /// A value: a quoted string or a token (which may contain `=`, `.`, `@`, `/`).
    fn value(&mut self) -> String {
        if self.peek() == Some(b'"') {
            self.quoted()
        } else {
            self.token(&[]).to_owned()
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.skip_cfws();
        let hit = self.peek() == Some(b);
        if hit {
            self.pos += 1;
            self.skip_cfws();
        }
        hit
    }

    fn skip_past_semicolon(&mut self) {
        let rest = self.s.as_bytes().get(self.pos..).unwrap_or_default();
        self.pos = rest
            .iter()
            .position(|&b| b == b';')
            .map_or(self.s.len(), |i| self.pos + i + 1);
    }

    /// The authserv-id and optional version, or `None` when the header starts with `method=`.
    fn authserv_id(&mut self) -> Option<String> {
        self.skip_cfws();
        let start = self.pos;
        let id = match self.peek() {
            None | Some(b';') => return None,
            Some(b'"') => self.quoted(),
            _ => self.token(b"=/").to_owned(),
        };
        self.skip_cfws();
        if matches!(self.peek(), Some(b'=' | b'/')) {
            self.pos = start;
            return None;
        }
        let version_start = self.pos;
        let version = self.token(&[]);
        if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
            self.pos = version_start;
        }
        (!id.is_empty()).then(|| id.to_ascii_lowercase())
    }

    /// One `method=result ...` entry, or `None` for `none` and for junk (the caller skips to the next `;`).
    fn method_result(&mut self) -> Option<AuthMethodResult> {
        let method = self.token(b"=/").to_ascii_lowercase();
        if method.is_empty() {
            return None;
        }
        if self.eat(b'/') {
            self.token(b"=");
        }
        if !self.eat(b'=') {
            return None;
        }
        let result = self.token(&[]).to_ascii_lowercase();
        if result.is_empty() {
            return None;
        }
        let mut entry = AuthMethodResult {
            method,
            result,
            reason: None,
            props: Vec::new(),
        };
        self.properties(&mut entry);
        Some(entry)
    }

    /// `reason=...` and `ptype.property=value` up to the next `;`.
    fn properties(&mut self, entry: &mut AuthMethodResult) {
        loop {
            self.skip_cfws();
            match self.peek() {
                None | Some(b';') => return,
                Some(b'"') => {
                    self.quoted();
                    continue;
                }
                _ => {}
            }
            let before = self.pos;
            let key = self.token(b"=.");
            let (ptype, property) = if self.eat(b'.') {
                (key, self.token(b"="))
            } else {
                ("", key)
            };
            if !self.eat(b'=') {
                if self.pos == before {
                    self.pos += 1; // a stray `=`, `.` or `)`: step over it
                }
                continue;
            }
            let value = self.value();
            if ptype.is_empty() && property.eq_ignore_ascii_case("reason") {
                entry.reason = Some(value);
            } else {
                entry.props.push(AuthProperty {
                    ptype: ptype.to_ascii_lowercase(),
                    property: property.to_ascii_lowercase(),
                    value,
                });
            }
        }
    }
}

#[cfg(test)]
#[path = "authres_tests.rs"]
mod tests;

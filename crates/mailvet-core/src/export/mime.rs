//! The small pieces of MIME that abuse reports need: line endings matching the original, base64, RFC 2047
//! encoded words, header folding, and a boundary that is derived from the content (no randomness) and
//! never occurs in it.

/// The line ending of `original`: CRLF when its first line ends with one, else LF.
pub fn line_ending(original: &[u8]) -> &'static str {
    match original.iter().position(|&b| b == b'\n') {
        Some(i) if i > 0 && original[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// Standard base64 with `=` padding, in lines of 76 characters separated by `eol`.
pub fn base64(bytes: &[u8], eol: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + bytes.len() / 38 + 4);
    for (i, chunk) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str(eol);
        }
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// An unstructured header value: as is when printable ASCII, else RFC 2047 `=?utf-8?B?...?=` words of at
/// most 45 bytes of text each (so every word fits in a 76-character line).
pub fn header_text(value: &str) -> String {
    if value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return value.to_owned();
    }
    let mut words = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for (i, c) in value.char_indices() {
        if i + c.len_utf8() - start > 45 {
            words.push(&value[start..end]);
            start = i;
        }
        end = i + c.len_utf8();
    }
    words.push(&value[start..end]);
    words
        .iter()
        .map(|w| format!("=?utf-8?B?{}?=", base64(w.as_bytes(), "")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Name: value` folded at spaces into lines of about 78 characters, each ended by `eol`. A single word
/// longer than a line stays whole (cut at 900 bytes so no line passes RFC 5322's 998).
pub fn header(name: &str, value: &str, eol: &str) -> String {
    let mut out = format!("{name}:");
    let mut line_len = out.len();
    for word in value.split(' ').filter(|w| !w.is_empty()) {
        let word = cut(word, 900);
        if line_len + 1 + word.len() > 78 && line_len > name.len() + 1 {
            out.push_str(eol);
            line_len = 0;
        }
        out.push(' ');
        out.push_str(word);
        line_len += 1 + word.len();
    }
    out.push_str(eol);
    out
}

/// At most `max` bytes of `s`, cut at a character boundary.
fn cut(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `s` made a one-line ASCII header value: controls dropped, other non-ASCII characters as `?`.
pub fn ascii_value(s: &str) -> String {
    crate::mail::sanitise::sanitise(s)
        .chars()
        .map(|c| if c.is_ascii() { c } else { '?' })
        .collect()
}

/// A boundary that does not occur in `content`: `mailvet-` and a hash of the content, re-hashed on the
/// (astronomically unlikely) chance that it occurs. `None` only if 64 tries all occur.
pub fn boundary(content: &[u8]) -> Option<String> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in content {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..64u64).find_map(|salt| {
        let candidate = format!(
            "mailvet-{:016x}",
            hash.wrapping_add(salt.wrapping_mul(0x9e37_79b9))
        );
        let needle = candidate.as_bytes();
        (!content.windows(needle.len()).any(|w| w == needle)).then_some(candidate)
    })
}

/// The Content-Transfer-Encoding that carries `bytes` unchanged: `7bit`, `8bit`, or `binary` when it has
/// NUL bytes, bare CRs or lines longer than 998 bytes.
pub fn identity_encoding(bytes: &[u8]) -> &'static str {
    let long_line = bytes.split(|&b| b == b'\n').any(|l| l.len() > 998);
    let bare_cr = bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
    if long_line || bare_cr || bytes.contains(&0) {
        "binary"
    } else if bytes.is_ascii() {
        "7bit"
    } else {
        "8bit"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes(), "\n"), coded);
        }
        let long = base64(&[0u8; 100], "\n");
        assert!(long.lines().all(|l| l.len() <= 76));
    }

    #[test]
    fn headers_encode_and_fold() {
        assert_eq!(header_text("plain"), "plain");
        assert_eq!(header_text("Grüße"), "=?utf-8?B?R3LDvMOfZQ==?=");
        let folded = header("Subject", &"word ".repeat(40), "\r\n");
        assert!(folded.split("\r\n").all(|l| l.len() <= 78));
        assert!(folded.ends_with("\r\n") && folded.starts_with("Subject: word"));
    }

    #[test]
    fn boundary_avoids_content_and_encodings_fit() {
        let b = boundary(b"hello").unwrap();
        assert!(b.starts_with("mailvet-"));
        assert_eq!(boundary(b"hello"), Some(b), "deterministic");
        assert_eq!(line_ending(b"a: b\r\n\r\n"), "\r\n");
        assert_eq!(line_ending(b"a: b\n\n"), "\n");
        assert_eq!(identity_encoding(b"a\r\nb"), "7bit");
        assert_eq!(identity_encoding("é".as_bytes()), "8bit");
        assert_eq!(identity_encoding(b"a\rb"), "binary");
    }
}

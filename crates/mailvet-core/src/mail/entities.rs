//! HTML character references: numeric (`&#65;`, `&#x41;`) and the common named ones. Unknown references
//! stay as written. Linear, no allocation beyond the output.

/// Named references we decode; the `bool` says whether the name also works without its `;` (legacy).
const NAMED: &[(&str, char, bool)] = &[
    ("amp", '&', true),
    ("lt", '<', true),
    ("gt", '>', true),
    ("quot", '"', true),
    ("apos", '\'', false),
    ("nbsp", '\u{a0}', true),
    ("copy", '©', true),
    ("reg", '®', true),
    ("shy", '\u{ad}', true),
    ("trade", '™', false),
    ("hellip", '…', false),
    ("mdash", '—', false),
    ("ndash", '–', false),
    ("lsquo", '‘', false),
    ("rsquo", '’', false),
    ("ldquo", '“', false),
    ("rdquo", '”', false),
    ("bull", '•', false),
    ("middot", '·', true),
    ("euro", '€', false),
    ("pound", '£', true),
    ("laquo", '«', true),
    ("raquo", '»', true),
    ("zwnj", '\u{200c}', false),
    ("zwj", '\u{200d}', false),
];

/// Decodes text content `s`, handing each literal run or decoded character to `emit`.
pub fn decode_with(s: &str, emit: impl FnMut(&str)) {
    decode_impl(s, false, emit);
}

fn decode_impl(s: &str, in_attr: bool, mut emit: impl FnMut(&str)) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        emit(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after, in_attr) {
            Some((c, used)) => {
                let mut buf = [0u8; 4];
                emit(c.encode_utf8(&mut buf));
                rest = after.get(used..).unwrap_or("");
            }
            None => {
                emit("&");
                rest = after;
            }
        }
    }
    emit(rest);
}

/// Decodes an attribute value into a new string. As in browsers, a legacy reference without `;` followed
/// by `=` or a letter or digit stays as written (`?a=1&reg=2` is a query, not `®=2`).
pub fn decode_attr(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    decode_impl(s, true, |p| out.push_str(p));
    out
}

/// The character of the reference at the start of `s` (just after `&`) and the bytes it used.
fn reference(s: &str, in_attr: bool) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let hex = matches!(b.get(1), Some(b'x' | b'X'));
        let start = if hex { 2 } else { 1 };
        let digits = b
            .iter()
            .skip(start)
            .take_while(|d| {
                if hex {
                    d.is_ascii_hexdigit()
                } else {
                    d.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let text = s.get(start..start + digits)?;
        let value = u32::from_str_radix(text, if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
        let c = char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{fffd}');
        let end = start + digits;
        return Some((c, end + usize::from(b.get(end) == Some(&b';'))));
    }
    let len = b
        .iter()
        .take(8)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let name = s.get(..len)?;
    if b.get(len) == Some(&b';')
        && let Some(&(_, c, _)) = NAMED.iter().find(|(n, _, _)| *n == name)
    {
        return Some((c, len + 1));
    }
    // Legacy references also work without `;`, as a prefix (`&lt3` is `<3`), except in attributes when a
    // letter, digit or `=` follows.
    let &(n, c, _) = NAMED
        .iter()
        .find(|(n, _, legacy)| *legacy && s.starts_with(n))?;
    let next = b.get(n.len());
    let guarded = in_attr && next.is_some_and(|&x| x == b'=' || x.is_ascii_alphanumeric());
    (!guarded).then_some((c, n.len()))
}

#[cfg(test)]
mod tests {
    use super::{decode_attr, decode_with};

    fn decode(s: &str) -> String {
        let mut out = String::new();
        decode_with(s, |p| out.push_str(p));
        out
    }

    #[test]
    fn attributes_keep_query_parameters() {
        assert_eq!(
            decode_attr("https://x.example/?a=1&reg=2&amp;b=3&lt"),
            "https://x.example/?a=1&reg=2&b=3<"
        );
        assert_eq!(decode("a=1&reg=2"), "a=1®=2");
    }

    #[test]
    fn named_and_numeric() {
        assert_eq!(
            decode("a&amp;b &lt;x&gt; &quot;q&quot; &apos;"),
            "a&b <x> \"q\" '"
        );
        assert_eq!(
            decode("&#65;&#x42;&#X43;&#0;&#xD800;&#99999999999;"),
            "ABC\u{fffd}\u{fffd}\u{fffd}"
        );
        assert_eq!(decode("&nbsp;&copy;"), "\u{a0}©");
    }

    #[test]
    fn legacy_without_semicolon_and_unknown() {
        assert_eq!(decode("?a=1&amp=2&lt3"), "?a=1&=2<3");
        assert_eq!(decode("&foo; & &# &x"), "&foo; & &# &x");
        assert_eq!(decode("&apos"), "&apos");
        assert_eq!(decode("fin&"), "fin&");
    }
}

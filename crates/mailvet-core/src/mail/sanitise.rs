//! The terminal sanitiser: every string from mail goes through here before it reaches a terminal or a
//! text export.
//!
//! It removes ESC and every other C0/C1 control character (together with the parameter bytes of the escape
//! sequences they start, so no CSI/OSC/DCS survives), and it shows bidi overrides/isolates and zero-width
//! characters as visible `<U+202E>` markers: a reader must see that they are there, never what they do.

use std::fmt::Write as _;

/// Returns `s` as one safe line: newlines and tabs become spaces, controls and escape sequences are
/// dropped, invisible formatting characters are shown as `<U+XXXX>`.
pub fn sanitise(s: &str) -> String {
    clean(s, false)
}

/// A file or folder path as one safe line, like [`sanitise`]: a name can carry escapes as easily as a
/// Subject. Bytes that are not UTF-8 show as U+FFFD.
pub fn shown_path(path: &std::path::Path) -> String {
    sanitise(&path.to_string_lossy())
}

/// Returns `s` safe to print as several lines: like [`sanitise`], but `\n` is kept (`\r\n` and lone `\r`
/// become `\n`); tabs become spaces.
pub fn sanitise_text(s: &str) -> String {
    clean(s, true)
}

/// Whether `c` is a bidi control or an invisible (zero-width) character that must be shown as a marker.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
    )
}

fn clean(s: &str, keep_newlines: bool) -> String {
    if unchanged(s, keep_newlines) {
        s.to_owned()
    } else {
        rewrite(s, keep_newlines)
    }
}

/// Whether [`rewrite`] would give `s` back as it is: no ASCII control (but a kept newline), and beyond ASCII
/// no control, line separator or invisible formatting character. Most strings are plain text, many with a
/// dash, a quote or a letter beyond ASCII: telling so costs far less than rewriting them.
fn unchanged(s: &str, keep_newlines: bool) -> bool {
    // Without branches, so the compiler checks many bytes at once: bit 0 an ASCII control, bit 1 a byte
    // beyond ASCII.
    let found = s.bytes().fold(0u8, |found, b| {
        let printable = b.wrapping_sub(0x20) < 0x5f;
        let wide = b >= 0x80;
        let control = !(printable | wide | (keep_newlines & (b == b'\n')));
        found | u8::from(control) | (u8::from(wide) << 1)
    });
    let kept = |c: char| {
        c.is_ascii()
            || !(c.is_control() || is_invisible_format(c) || matches!(c, '\u{2028}' | '\u{2029}'))
    };
    found & 1 == 0 && (found & 2 == 0 || s.chars().all(kept))
}

/// `s` with every control, escape sequence and line break rewritten (see [`sanitise`]).
fn rewrite(s: &str, keep_newlines: bool) -> String {
    let newline = if keep_newlines { '\n' } else { ' ' };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\r' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
                out.push(newline);
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(newline),
            '\t' => out.push(' '),
            '\u{1b}' | '\u{90}' | '\u{9b}' | '\u{9d}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                let end = escape_end(s, i, c);
                while chars.peek().is_some_and(|&(j, _)| j < end) {
                    chars.next();
                }
            }
            c if c.is_control() => {}
            c if is_invisible_format(c) => {
                let _ = write!(out, "<U+{:04X}>", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Byte offset just past the escape sequence that starts at `start` with `intro` (ESC or a C1 introducer).
/// When a string sequence (OSC, DCS, ...) has no terminator, only the introducer is dropped.
fn escape_end(s: &str, start: usize, intro: char) -> usize {
    let bytes = s.as_bytes();
    let after = start + intro.len_utf8();
    let (kind, body) = if intro == '\u{1b}' {
        match bytes.get(after) {
            Some(b'[') => (b'[', after + 1),
            Some(&k @ (b']' | b'P' | b'X' | b'^' | b'_')) => (k, after + 1),
            _ => (0, after),
        }
    } else {
        let kind = match intro {
            '\u{9b}' => b'[',
            '\u{9d}' => b']',
            _ => b'P',
        };
        (kind, after)
    };
    match kind {
        b'[' => {
            // CSI: parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, one final byte 0x40-0x7E.
            let mut j = body;
            while bytes.get(j).is_some_and(|b| (0x20..=0x3f).contains(b)) {
                j += 1;
            }
            if bytes.get(j).is_some_and(|b| (0x40..=0x7e).contains(b)) {
                j += 1;
            }
            j
        }
        0 => {
            // Plain ESC: intermediates 0x20-0x2F, then a final byte 0x30-0x7E.
            let mut j = body;
            while bytes.get(j).is_some_and(|b| (0x20..=0x2f).contains(b)) {
                j += 1;
            }
            if bytes.get(j).is_some_and(|b| (0x30..=0x7e).contains(b)) {
                j += 1;
            }
            j
        }
        _ => string_terminator(s, body).unwrap_or(body),
    }
}

/// End of an OSC/DCS/SOS/PM/APC string: just past BEL, ESC `\` or U+009C.
fn string_terminator(s: &str, from: usize) -> Option<usize> {
    let rest = s.get(from..)?;
    for (k, c) in rest.char_indices() {
        match c {
            '\u{7}' | '\u{9c}' => return Some(from + k + c.len_utf8()),
            '\u{1b}' => {
                let n = from + k + 1;
                return Some(if s.as_bytes().get(n) == Some(&b'\\') {
                    n + 1
                } else {
                    n
                });
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(sanitise("Your order #123"), "Your order #123");
        assert_eq!(sanitise_text("a\nb"), "a\nb");
    }

    #[test]
    fn newlines_and_tabs() {
        assert_eq!(sanitise("a\r\nb\tc\nd"), "a b c d");
        assert_eq!(sanitise_text("a\r\nb\tc\rd"), "a\nb c\nd");
    }

    #[test]
    fn csi_and_osc_are_removed_with_their_parameters() {
        assert_eq!(sanitise("a\u{1b}[31;1mred\u{1b}[0m"), "ared");
        assert_eq!(sanitise("x\u{1b}]52;c;ZXZpbA==\u{7}y"), "xy");
        assert_eq!(
            sanitise("x\u{1b}]8;;http://e\u{1b}\\link\u{1b}]8;;\u{1b}\\y"),
            "xlinky"
        );
        assert_eq!(sanitise("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitise("x\u{1b}Pq#0;2\u{1b}\\y"), "xy");
        assert_eq!(sanitise("x\u{1b}(By\u{1b}c"), "xy");
    }

    #[test]
    fn unterminated_osc_keeps_the_text() {
        assert_eq!(sanitise("x\u{1b}]0;title"), "x0;title");
    }

    #[test]
    fn controls_are_dropped() {
        assert_eq!(sanitise("a\u{0}\u{7}\u{8}\u{7f}\u{85}b"), "a b");
        assert_eq!(sanitise("a\u{9c}\u{80}b"), "ab");
    }

    #[test]
    fn bidi_and_zero_width_are_shown() {
        assert_eq!(sanitise("invoice\u{202E}fdp.exe"), "invoice<U+202E>fdp.exe");
        assert_eq!(sanitise("pay\u{200B}pal"), "pay<U+200B>pal");
        assert_eq!(sanitise("\u{FEFF}x\u{2066}"), "<U+FEFF>x<U+2066>");
        assert_eq!(sanitise_text("\u{61C}\n\u{180E}"), "<U+061C>\n<U+180E>");
    }

    #[test]
    fn unicode_text_is_kept() {
        assert_eq!(sanitise("pаypal — 日本"), "pаypal — 日本");
    }

    #[test]
    fn text_beyond_ascii_still_has_its_controls_and_separators_rewritten() {
        for (c, shown) in [
            ('\u{85}', " "),
            ('\u{2028}', " "),
            ('\u{2029}', " "),
            ('\u{9f}', ""),
            ('\u{200B}', "<U+200B>"),
            ('\u{FEFF}', "<U+FEFF>"),
        ] {
            assert_eq!(sanitise(&format!("é—{c}x")), format!("é—{shown}x"), "{c:?}");
        }
        assert_eq!(sanitise_text("é\u{2028}x"), "é\nx");
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        fn is_forbidden(c: char, keep_newlines: bool) -> bool {
            (c.is_control() && !(keep_newlines && c == '\n')) || is_invisible_format(c)
        }

        proptest! {
            #[test]
            fn output_has_no_control_or_invisible(s in "\\PC*|[\\x00-\\x20\\x7f-\\u{a0}\\u{200b}-\\u{206f}\\u{feff}a\\[\\]]*") {
                prop_assert!(!sanitise(&s).chars().any(|c| is_forbidden(c, false)));
                prop_assert!(!sanitise_text(&s).chars().any(|c| is_forbidden(c, true)));
            }

            #[test]
            fn what_is_told_unchanged_is_what_a_rewrite_gives_back(
                s in "\\PC*|[\\x00-\\x20\\x7f-\\u{a0}\\u{2000}-\\u{206f}\\u{feff}aé—\\[\\]]*",
            ) {
                for keep in [false, true] {
                    prop_assert_eq!(clean(&s, keep), rewrite(&s, keep));
                }
            }

            #[test]
            fn arbitrary_strings(s in any::<String>()) {
                prop_assert!(!sanitise(&s).chars().any(|c| is_forbidden(c, false)));
                prop_assert!(!sanitise_text(&s).chars().any(|c| is_forbidden(c, true)));
            }
        }
    }
}

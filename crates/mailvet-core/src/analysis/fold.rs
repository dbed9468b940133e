//! The folding itself (see [`super::text`]): plain std, so that `build.rs` folds the embedded phrase lists
//! with the very same function before the crate is built.

/// Whether `c` belongs to a script written without spaces between words (Chinese and Japanese) or with
/// particles glued to words (Korean Hangul): each such character is folded as a word of its own, so that
/// phrases match inside longer runs (`注 文` in `注文済み`, `계 정` in `계정이`).
pub(super) fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11ff | 0x3040..=0x30ff | 0x3130..=0x318f | 0x3400..=0x4dbf | 0x4e00..=0x9fff
        | 0xac00..=0xd7a3 | 0xf900..=0xfaff)
}

/// Whether `c` is invisible in rendered text and so may sit inside a word unseen.
pub(super) fn invisible(c: char) -> bool {
    matches!(c as u32,
        0xad | 0x300..=0x36f | 0x180e | 0x200b..=0x200f | 0x2060..=0x2064 | 0xfe00..=0xfe0f | 0xfeff)
}

/// What [`fold`] makes of each byte: an ASCII letter lowercased, a digit as it is, [`GAP`] for other ASCII
/// (a gap between words), [`WIDE`] for a byte of a character beyond ASCII (read whole). One table lookup a
/// byte costs fewer instructions than decoding characters and testing their class.
const FOLDED: [u8; 256] = {
    let mut folded = [GAP; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            folded[b] = byte.to_ascii_lowercase();
        } else if !byte.is_ascii() {
            folded[b] = WIDE;
        }
        b += 1;
    }
    folded
};
const GAP: u8 = 0;
const WIDE: u8 = 0x80;

/// What a fold wrote last: a space (or nothing yet), a letter or a digit. A letter and a digit side by side
/// are split apart: `LETTER | DIGIT` is the one combination that takes a space between.
const SPACE: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;

/// Folds `s` (at most `limit` bytes of it, cut at a char boundary) for phrase matching.
pub fn fold(s: &str, limit: usize) -> String {
    let mut end = s.len().min(limit);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let s = &s[..end];
    let mut out = String::with_capacity(end + 2);
    out.push(' ');
    let mut last = SPACE;
    let mut at = 0;
    while let Some(&b) = s.as_bytes().get(at) {
        let folded = FOLDED[usize::from(b)];
        if folded == WIDE {
            let Some(c) = s.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            at += c.len_utf8();
            fold_wide(c, &mut out, &mut last);
            continue;
        }
        at += 1;
        if folded == GAP {
            if last != SPACE {
                out.push(' ');
                last = SPACE;
            }
            continue;
        }
        let kind = if folded.is_ascii_digit() {
            DIGIT
        } else {
            LETTER
        };
        if last | kind == LETTER | DIGIT {
            out.push(' ');
        }
        last = kind;
        out.push(char::from(folded));
    }
    if last != SPACE {
        out.push(' ');
    }
    out
}

/// Folds `c`, a character beyond ASCII, onto `out` after `last` (see [`fold`]).
fn fold_wide(c: char, out: &mut String, last: &mut u8) {
    if invisible(c) {
        return;
    }
    if unspaced(c) {
        if *last != SPACE {
            out.push(' ');
        }
        out.push(c);
        out.push(' ');
        *last = SPACE;
    } else if c.is_alphanumeric() {
        let kind = if c.is_numeric() { DIGIT } else { LETTER };
        if *last | kind == LETTER | DIGIT {
            out.push(' ');
        }
        *last = kind;
        out.extend(c.to_lowercase());
    } else if *last != SPACE {
        out.push(' ');
        *last = SPACE;
    }
}

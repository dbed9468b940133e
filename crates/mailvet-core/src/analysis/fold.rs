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

/// What [`fold`] makes of each byte: the kind of byte it is ([`GAP`], [`LETTER`], [`DIGIT`] or [`WIDE`]) and
/// the byte written for it (an ASCII letter lowercased, a digit as it is). One table lookup a byte costs fewer
/// instructions than decoding characters and testing their class.
const FOLDED: [(u8, u8); 256] = {
    let mut folded = [(GAP, b' '); 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphabetic() {
            folded[b] = (LETTER, byte.to_ascii_lowercase());
        } else if byte.is_ascii_digit() {
            folded[b] = (DIGIT, byte);
        } else if !byte.is_ascii() {
            folded[b] = (WIDE, byte);
        }
        b += 1;
    }
    folded
};

/// The kinds of byte, and what a fold wrote last: a space (or nothing yet), a letter or a digit. A letter and
/// a digit side by side are split apart: `LETTER | DIGIT` is the one combination that takes a space between.
const GAP: u8 = 0;
const SPACE: u8 = GAP;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
/// A byte of a character beyond ASCII (read whole).
const WIDE: u8 = 4;

/// Folds `s` (at most `limit` bytes of it, cut at a char boundary) for phrase matching.
pub fn fold(s: &str, limit: usize) -> String {
    let mut end = s.len().min(limit);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let s = &s[..end];
    // Bytes, not chars: an ASCII byte is pushed without encoding a char; whole characters only are pushed,
    // so the bytes are UTF-8.
    let mut out: Vec<u8> = Vec::with_capacity(end + 2);
    out.push(b' ');
    let mut last = SPACE;
    let mut at = 0;
    while let Some(&b) = s.as_bytes().get(at) {
        let (kind, folded) = FOLDED[usize::from(b)];
        if kind == WIDE {
            let Some(c) = s.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            at += c.len_utf8();
            let (written, len) = fold_wide(c, &mut last);
            out.extend_from_slice(&written[..len]);
            continue;
        }
        at += 1;
        if kind == GAP {
            if last != SPACE {
                out.push(b' ');
                last = SPACE;
            }
            continue;
        }
        if last | kind == LETTER | DIGIT {
            out.push(b' ');
        }
        last = kind;
        out.push(folded);
    }
    if last != SPACE {
        out.push(b' ');
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Folds `c`, a character beyond ASCII, after `last` (see [`fold`]): the bytes to write (the first `len`).
/// Returned rather than pushed, so that [`fold`]'s buffer never leaves it and stays in registers.
fn fold_wide(c: char, last: &mut u8) -> ([u8; 16], usize) {
    let mut written = [0; 16];
    let mut len = 0;
    // At most a space, three lowercase characters and a space: 14 bytes.
    let mut push = |c: char| len += c.encode_utf8(&mut written[len..]).len();
    if invisible(c) {
        return (written, 0);
    }
    if unspaced(c) {
        if *last != SPACE {
            push(' ');
        }
        push(c);
        push(' ');
        *last = SPACE;
    } else if c.is_alphanumeric() {
        let kind = if c.is_numeric() { DIGIT } else { LETTER };
        if *last | kind == LETTER | DIGIT {
            push(' ');
        }
        *last = kind;
        c.to_lowercase().for_each(push);
    } else if *last != SPACE {
        push(' ');
        *last = SPACE;
    }
    (written, len)
}

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

/// Folds `s` (at most `limit` bytes of it, cut at a char boundary) for phrase matching.
pub fn fold(s: &str, limit: usize) -> String {
    let mut end = s.len().min(limit);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = String::with_capacity(end + 2);
    out.push(' ');
    let mut prev_digit = None;
    // Whether `out` ends with a space.
    let mut spaced = true;
    for c in s[..end].chars() {
        if c.is_ascii() {
            // The common case, by bytes: a letter or digit is kept lowercased, anything else is a space.
            let b = c as u8;
            if b.is_ascii_alphanumeric() {
                let digit = b.is_ascii_digit();
                if prev_digit.is_some_and(|p| p != digit) {
                    out.push(' ');
                }
                prev_digit = Some(digit);
                out.push(b.to_ascii_lowercase() as char);
                spaced = false;
            } else {
                prev_digit = None;
                if !spaced {
                    out.push(' ');
                    spaced = true;
                }
            }
            continue;
        }
        if invisible(c) {
            continue;
        }
        if unspaced(c) {
            if !spaced {
                out.push(' ');
            }
            out.push(c);
            out.push(' ');
            prev_digit = None;
        } else if c.is_alphanumeric() {
            let digit = c.is_numeric();
            if prev_digit.is_some_and(|p| p != digit) {
                out.push(' ');
            }
            prev_digit = Some(digit);
            out.extend(c.to_lowercase());
        } else {
            prev_digit = None;
            if !spaced {
                out.push(' ');
            }
        }
        spaced = out.ends_with(' ');
    }
    if !spaced {
        out.push(' ');
    }
    out
}

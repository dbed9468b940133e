//! Text folding for phrase matching: lowercase, every run of non-alphanumeric characters becomes one space, and
//! letters and digits glued together are split (`Netflix1V01F` → `netflix 1 v 01 f`); padded with spaces so
//! that `" dear customer "` matches whole words only. Invisible characters that phishers put between letters to
//! hide words from filters (zero-width spaces and joiners, soft hyphens, U+034F, combining marks) are dropped, so
//! `pas\u{AD}sword` reads `password`. Chinese and Japanese characters are one word each. Bounded by the input
//! size.

use std::sync::OnceLock;

/// Whether `c` belongs to a script written without spaces between words (Chinese and Japanese): each such
/// character is folded as a word of its own, so that phrases match inside longer runs (`注 文` in `注文済み`).
fn unspaced(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff)
}

/// Whether `c` is invisible in rendered text and so may sit inside a word unseen.
fn invisible(c: char) -> bool {
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
    for c in s[..end].chars() {
        if !c.is_ascii() && invisible(c) {
            continue;
        }
        if !c.is_ascii() && unspaced(c) {
            if !out.ends_with(' ') {
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
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            prev_digit = None;
            if !out.ends_with(' ') {
                out.push(' ');
            }
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// One folded phrase with the hash of its first word.
#[derive(Debug)]
struct Phrase {
    text: &'static str,
    hash: u64,
}

/// A `|`-separated list of folded phrases, split and hashed once, on first use: lists are looked up for every
/// message, so splitting them each time would cost more than the lookups.
#[derive(Debug)]
pub struct Phrases {
    list: &'static str,
    parsed: OnceLock<Vec<Phrase>>,
}

impl Phrases {
    /// A list of phrases (`"dear customer|dear client"`), lowercase and folded as [`fold`] folds text.
    pub const fn new(list: &'static str) -> Self {
        Phrases {
            list,
            parsed: OnceLock::new(),
        }
    }

    fn parsed(&self) -> &[Phrase] {
        self.parsed.get_or_init(|| {
            self.list
                .split('|')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|text| Phrase {
                    text,
                    hash: word_hash(text.split(' ').next().unwrap_or_default()),
                })
                .collect()
        })
    }

    /// The phrases, in the list's order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.parsed().iter().map(|p| p.text)
    }
}

/// The first phrase of `phrases` found as whole words in `folded` (text folded by [`fold`], not indexed).
pub fn find(folded: &str, phrases: &Phrases) -> Option<&'static str> {
    phrases.iter().find(|p| has(folded, p))
}

/// Whether `phrase` (folded, without padding) occurs as whole words in `folded`.
pub fn has(folded: &str, phrase: &str) -> bool {
    let phrase = phrase.trim();
    if phrase.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(pos) = folded[from..].find(phrase) {
        let start = from + pos;
        let end = start + phrase.len();
        let before = folded[..start].ends_with(' ');
        let after = folded[end..].starts_with(' ');
        if before && after {
            return true;
        }
        from = start + phrase.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Folded text with an index of where each word starts, so that looking up hundreds of phrases costs one
/// pass over the text instead of one per phrase.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    text: String,
    /// (hash of a word, where it starts), sorted.
    starts: Vec<(u64, u32)>,
}

/// FNV-1a over a word's bytes: words are short, and a collision only costs a string comparison.
fn word_hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Folded {
    /// Folds `s` (at most `limit` bytes) and indexes its words.
    pub fn new(s: &str, limit: usize) -> Self {
        Self::index(fold(s, limit))
    }

    /// Indexes text already folded by [`fold`] (or several folds joined).
    pub fn index(text: String) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 5);
        let mut pos = 1;
        for word in text.get(1..).unwrap_or_default().split(' ') {
            if let Ok(p) = u32::try_from(pos)
                && !word.is_empty()
            {
                starts.push((word_hash(word), p));
            }
            pos += word.len() + 1;
        }
        starts.sort_unstable();
        Folded { text, starts }
    }

    /// Whether `phrase` (folded, without padding) occurs as whole words.
    pub fn has(&self, phrase: &str) -> bool {
        self.has_before(phrase, usize::MAX)
    }

    /// Whether `phrase` occurs as whole words starting within the first `limit` bytes of the folded text.
    pub fn has_before(&self, phrase: &str, limit: usize) -> bool {
        let phrase = phrase.trim();
        let first = phrase.split(' ').next().unwrap_or_default();
        if first.is_empty() {
            return false;
        }
        self.has_hashed(phrase, word_hash(first), limit)
    }

    /// [`Folded::has_before`] with the hash of the phrase's first word already known.
    fn has_hashed(&self, phrase: &str, hash: u64, limit: usize) -> bool {
        let from = self.starts.partition_point(|&(h, _)| h < hash);
        self.starts[from..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .any(|&(_, p)| {
                (p as usize) < limit
                    && self.text.get(p as usize..).is_some_and(|rest| {
                        rest.starts_with(phrase) && rest[phrase.len()..].starts_with(' ')
                    })
            })
    }

    /// Whether a phrase of a list occurs.
    fn has_phrase(&self, p: &Phrase) -> bool {
        self.has_hashed(p.text, p.hash, usize::MAX)
    }

    /// The first phrase of `phrases` found.
    pub fn find(&self, phrases: &Phrases) -> Option<&'static str> {
        phrases
            .parsed()
            .iter()
            .find(|p| self.has_phrase(p))
            .map(|p| p.text)
    }

    /// How many phrases of `phrases` are found.
    pub fn count(&self, phrases: &Phrases) -> usize {
        phrases
            .parsed()
            .iter()
            .filter(|p| self.has_phrase(p))
            .count()
    }
}

/// A message's subject, body and body opening, folded and indexed once for every phrase check.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    /// The subject.
    pub subject: Folded,
    /// The start of the text body.
    pub body: Folded,
}

impl Texts {
    /// How much of the body is read.
    const BODY_LIMIT: usize = 8 * 1024;

    /// Folds and indexes a message's subject and body.
    pub fn new(subject: &str, body: &str) -> Self {
        Texts {
            subject: Folded::new(subject, 1024),
            body: Folded::new(body, Self::BODY_LIMIT),
        }
    }

    /// How much of the folded body counts as its opening, where greetings are.
    pub const OPENING: usize = 1500;

    /// Every phrase of `phrases` found in the subject or the body.
    pub fn find_all(&self, phrases: &Phrases) -> Vec<&'static str> {
        phrases
            .parsed()
            .iter()
            .filter(|p| self.subject.has_phrase(p) || self.body.has_phrase(p))
            .map(|p| p.text)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_matches_whole_words() {
        let f = fold("Dear  Customer,\r\nPlease VERIFY-your account!", 1000);
        assert_eq!(f, " dear customer please verify your account ");
        assert!(has(&f, "dear customer"));
        assert!(has(&f, "verify your account"));
        assert!(!has(&f, "custom"));
        assert_eq!(find(&f, &Phrases::new("nothing|please")), Some("please"));
    }

    #[test]
    fn indexed_text_finds_the_same_phrases() {
        let f = Folded::new(
            "Dear  Customer, please verify your account now. Your account!",
            1000,
        );
        assert!(f.has("dear customer"));
        assert!(f.has("your account"));
        assert!(f.has("account"));
        assert!(!f.has("custom"));
        assert!(!f.has("your account now please"));
        assert_eq!(f.find(&Phrases::new("nothing|please|now")), Some("please"));
        assert_eq!(f.count(&Phrases::new("nothing|please|now")), 2);
    }

    #[test]
    fn letters_and_digits_glued_together_are_split() {
        assert_eq!(fold("Netflix1V01F", 100), " netflix 1 v 01 f ");
    }

    #[test]
    fn invisible_characters_inside_words_are_dropped() {
        assert_eq!(
            fold(
                "pas\u{AD}sw\u{34F}ord ve\u{200B}rify your acc\u{200D}ount",
                100
            ),
            " password verify your account "
        );
        assert_eq!(fold("a\u{200B} b", 100), " a b ");
    }

    #[test]
    fn chinese_and_japanese_characters_are_words_of_their_own() {
        let f = fold("注文済み: iPhone", 100);
        assert_eq!(f, " 注 文 済 み iphone ");
        assert!(has(&f, "注 文"));
    }

    #[test]
    fn fold_respects_the_limit_at_char_boundaries() {
        assert_eq!(fold("ääää", 3), " ä ");
    }
}

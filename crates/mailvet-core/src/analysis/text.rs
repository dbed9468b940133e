//! Text folding for phrase matching: lowercase, every run of non-alphanumeric characters becomes one space, and
//! letters and digits glued together are split (`Netflix1V01F` → `netflix 1 v 01 f`); padded with spaces so
//! that `" dear customer "` matches whole words only. Invisible characters that phishers put between letters to
//! hide words from filters (zero-width spaces and joiners, soft hyphens, U+034F, combining marks) are dropped, so
//! `pas\u{AD}sword` reads `password`. Chinese and Japanese characters are one word each. Bounded by the input
//! size.

pub use super::fold::fold;
use super::fold::{invisible, unspaced};
use super::names::NameSet;
use super::phrases::{Hits, List};

/// Text folded by [`fold`] with runs of three or more single letters joined into one word (`n e t f l i x` →
/// `netflix`): how "N e t f l i x", "U.P.S" and letters split by emoji or zero-width characters read. `None`
/// when there is no such run.
pub fn join_spaced(folded: &str) -> Option<String> {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let single = |w: &str| {
        let mut chars = w.chars();
        chars
            .next()
            .is_some_and(|c| c.is_alphanumeric() && !unspaced(c))
            && chars.next().is_none()
    };
    let mut out = String::from(" ");
    let mut joined = false;
    let mut i = 0;
    while i < words.len() {
        let run = words[i..].iter().take_while(|w| single(w)).count();
        if run >= 3 {
            words[i..i + run].iter().for_each(|w| out.push_str(w));
            joined = true;
            i += run;
        } else {
            out.push_str(words[i]);
            i += 1;
        }
        out.push(' ');
    }
    joined.then_some(out)
}

/// How a name reads once obfuscation is undone (look-alike letters from other scripts, styled letters, letters
/// spaced or dotted apart, invisible characters), when that differs from how it is written: shown beside the
/// raw form in evidence.
pub fn reading(raw: &str) -> Option<String> {
    let deconfused: String = raw
        .chars()
        .take(256)
        .map(|c| {
            if c.is_ascii() || unspaced(c) {
                c.to_string()
            } else {
                super::domains::confusable_key(c.encode_utf8(&mut [0; 4]))
            }
        })
        .collect();
    let folded = fold(&deconfused, 1024);
    let read = join_spaced(&folded).unwrap_or(folded);
    let hidden = raw.chars().any(|c| !c.is_ascii() && invisible(c));
    (hidden || read != fold(raw, 1024)).then(|| read.trim().to_string())
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

/// Folded text, for whole-word phrase lookups.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    text: String,
}

impl Folded {
    /// Folds `s` (at most `limit` bytes).
    pub fn new(s: &str, limit: usize) -> Self {
        Folded {
            text: fold(s, limit),
        }
    }

    /// The folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether `phrase` (folded, without padding) occurs as whole words.
    pub fn has(&self, phrase: &str) -> bool {
        self.has_before(phrase, usize::MAX)
    }

    /// Whether `phrase` occurs as whole words starting within the first `limit` bytes of the folded text.
    pub fn has_before(&self, phrase: &str, limit: usize) -> bool {
        let phrase = phrase.trim();
        if phrase.is_empty() {
            return false;
        }
        // Words are separated by single spaces and the text is padded, so a whole-word occurrence is the
        // phrase between two spaces; the first one found starts earliest. One that starts in time ends
        // within `limit + phrase.len() + 1` bytes: the rest of the text need not be searched.
        let end = limit.saturating_add(phrase.len() + 1).min(self.text.len());
        let searched = self.text.as_bytes().get(..end).unwrap_or_default();
        let mut needle = Vec::with_capacity(phrase.len() + 2);
        needle.push(b' ');
        needle.extend_from_slice(phrase.as_bytes());
        needle.push(b' ');
        memchr::memmem::find(searched, &needle).is_some_and(|space| space + 1 < limit)
    }
}

impl Folded {
    /// The first of `words` (folded phrases) that occurs as whole words right before `then`, starting within
    /// the first `limit` bytes: what `words.find(|w| self.has_before(&format!("{w} {then}"), limit))` gives,
    /// with one search for `then` instead of one per word.
    pub fn first_before<'w>(
        &self,
        mut words: impl Iterator<Item = &'w str>,
        then: &str,
        limit: usize,
    ) -> Option<&'w str> {
        let joined = |w: &str| self.has_before(&format!("{w} {then}"), limit);
        if then.is_empty() || then.trim() != then {
            return words.find(|w| joined(w));
        }
        // Where ` then ` starts (its leading space), everywhere in the text.
        let needle = format!(" {then} ");
        let finder = memchr::memmem::Finder::new(&needle);
        let mut at = Vec::new();
        let mut from = 0;
        // Overlapping occurrences too: ` a ` twice in ` a a `.
        while let Some(i) = self
            .text
            .as_bytes()
            .get(from..)
            .and_then(|t| finder.find(t))
        {
            at.push(from + i);
            from += i + 1;
        }
        let text = self.text.as_bytes();
        words.find(|w| {
            if w.is_empty() || w.trim() != *w {
                return joined(w);
            }
            // ` w then ` starts one space and `w` before a ` then `.
            at.iter().any(|&p| {
                p > w.len()
                    && p - w.len() < limit
                    && text[p - w.len() - 1] == b' '
                    && &text[p - w.len()..p] == w.as_bytes()
            })
        })
    }
}

/// A message's subject and body, folded and scanned for every phrase list once.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    /// The subject.
    pub subject: Folded,
    /// The start of the text body.
    pub body: Folded,
    /// The phrases found in the subject.
    pub subject_hits: Hits,
    /// The phrases found in the body.
    pub body_hits: Hits,
    /// The brand (index in [`super::brands::Brands::brands`]) of the first body name (see
    /// [`super::index::Index::body_names`]) found in the body.
    pub body_brand: Option<usize>,
}

impl Texts {
    /// How much of the body is read.
    pub const BODY_LIMIT: usize = 8 * 1024;

    /// Folds and scans a message's subject and body; the body for `body_names` too, in the same pass.
    pub fn new(subject: &str, body: &str, body_names: &NameSet) -> Self {
        let subject = Folded::new(subject, 1024);
        let body = Folded::new(body, Self::BODY_LIMIT);
        let (body_hits, named) = Hits::scan_with(&body.text, body_names);
        Texts {
            subject_hits: Hits::scan(&subject.text),
            body_hits,
            body_brand: body_names.first_brand_among(&named),
            subject,
            body,
        }
    }

    /// How much of the folded body counts as its opening, where greetings are.
    pub const OPENING: usize = 1500;

    /// Every distinct phrase of `list` found in the subject or the body (subject first).
    pub fn find_all(&self, list: List) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self.subject_hits.all(list).collect();
        for p in self.body_hits.all(list) {
            if !out.contains(&p) {
                out.push(p);
            }
        }
        out
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
    }

    #[test]
    fn the_word_before_a_name_is_found_as_phrase_by_phrase_lookups_find_it() {
        let f = Folded::new("Dear Anna, hello Anna! Hi Bob. Good morning Anna", 1000);
        let words = ["hello", "dear", "good morning", "hi", "anna", " dear", ""];
        for then in ["anna", "bob", "carl", "anna hi", " anna"] {
            for limit in [0, 1, 2, 3, 10, 12, 20, 1000] {
                let slow = words
                    .iter()
                    .copied()
                    .find(|w| f.has_before(&format!("{w} {then}"), limit));
                assert_eq!(
                    f.first_before(words.iter().copied(), then, limit),
                    slow,
                    "{then} within {limit}"
                );
            }
        }
        assert_eq!(
            f.first_before(words.iter().copied(), "anna", 3),
            Some("dear")
        );
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
    fn letters_spaced_apart_are_joined_and_read() {
        assert_eq!(
            join_spaced(&fold("N e t f l i x: your account", 100)).as_deref(),
            Some(" netflix your account ")
        );
        assert_eq!(join_spaced(&fold("U.P.S.", 100)).as_deref(), Some(" ups "));
        assert_eq!(join_spaced(&fold("a b or c", 100)), None);
        assert_eq!(reading("_✔️ U P S._").as_deref(), Some("ups"));
        assert_eq!(reading("Pay\u{200B}Pal").as_deref(), Some("paypal"));
        assert_eq!(reading("Αmazοn").as_deref(), Some("amazon"));
        assert_eq!(reading("三井住友カード"), None);
        assert_eq!(reading("𝗣𝗮𝘆𝗣𝗮𝗹").as_deref(), Some("paypal"));
        assert_eq!(reading("Jane Doe"), None);
    }

    #[test]
    fn letters_beyond_ascii_are_lowercased_whole() {
        // İ lowercases to two characters, Ⱥ to a longer encoding; digits beyond ASCII split from letters.
        assert_eq!(fold("İSTANBUL Ⱥb ǅ٣x", 100), " i\u{307}stanbul ⱥb ǆ ٣ x ");
    }

    #[test]
    fn fold_respects_the_limit_at_char_boundaries() {
        assert_eq!(fold("ääää", 3), " ä ");
    }
}

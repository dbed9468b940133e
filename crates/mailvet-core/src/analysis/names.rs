//! Brand names and labels matched in one pass: [`NameSet`] finds which of many (brand, name) entries occur as
//! whole words in folded text (see [`super::text::fold`]) without a loop over brands; [`Substrings`] tells
//! which brand labels occur inside a domain.
//!
//! A [`NameSet`] reads the text once, word by word, hashing each word as it reads it, and looks the word up
//! among the names' first words: no automaton to build, so `mailvet filter` (one process per delivered
//! message) starts at once, and it costs fewer instructions per byte than an aho-corasick automaton (whose
//! overlapping search over folded text, a space every few bytes, gains nothing from its prefilters).
//! [`Substrings`] looks up every substring as long as some pattern at first and builds an aho-corasick
//! automaton once it has looked up enough text to pay for it (several milliseconds, more than a whole message
//! takes to judge). The two ways give the same answers (tested).

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, MatchKind};

/// Table lookups a set makes before it builds its automaton: roughly what the automaton costs to build.
const LOOKUPS_BEFORE_AUTOMATON: usize = 100_000;

/// An aho-corasick automaton built on demand, once [`LOOKUPS_BEFORE_AUTOMATON`] lookups have been made.
#[derive(Debug, Default)]
struct Deferred {
    lookups: AtomicUsize,
    automaton: OnceLock<Option<AhoCorasick>>,
}

impl Deferred {
    /// The automaton, if it is built or `lookups` more bring the count to the budget (then `build` makes it);
    /// `None` otherwise (or when it cannot be built), and the caller looks the text up instead.
    fn get(
        &self,
        lookups: usize,
        build: impl FnOnce() -> Option<AhoCorasick>,
    ) -> Option<&AhoCorasick> {
        if let Some(built) = self.automaton.get() {
            return built.as_ref();
        }
        let before = self.lookups.fetch_add(lookups, Ordering::Relaxed);
        if before.saturating_add(lookups) < LOOKUPS_BEFORE_AUTOMATON {
            return None;
        }
        self.automaton.get_or_init(build).as_ref()
    }
}

impl Clone for Deferred {
    fn clone(&self) -> Self {
        Deferred {
            lookups: AtomicUsize::new(self.lookups.load(Ordering::Relaxed)),
            automaton: self.automaton.clone(),
        }
    }
}

/// Ids by a string key, as one array of (hash of the key, id) sorted by hash, with where each bucket of hashes
/// (their top bits) starts in it: built without an allocation per key (the sets are built in every process,
/// once per delivered message), looked up with one hash and a short run of the array. A lookup yields the ids
/// whose key has the same hash: the caller compares the actual text, so a collision costs a comparison, never
/// a wrong answer.
#[derive(Debug, Clone)]
struct Keyed {
    table: Vec<(u64, usize)>,
    /// Where each bucket's entries start in `table`, and one past the last.
    starts: Vec<usize>,
    /// A hash's bucket is `hash >> shift`.
    shift: u32,
}

impl Default for Keyed {
    fn default() -> Self {
        Keyed::build(std::iter::empty())
    }
}

impl Keyed {
    fn build<'a>(keys: impl Iterator<Item = &'a str>) -> Self {
        let mut table: Vec<(u64, usize)> = (keys.enumerate())
            .map(|(id, k)| (hash(k.as_bytes()), id))
            .collect();
        table.sort_unstable();
        // About a bucket per key, so that most lookups of a word no key has meet an empty bucket.
        let bits = table.len().max(2).ilog2().min(24) + 1;
        let shift = 64 - bits;
        let mut starts = Vec::with_capacity((1 << bits) + 1);
        let mut at = 0;
        for bucket in 0..=(1u64 << bits) {
            while table.get(at).is_some_and(|&(h, _)| h >> shift < bucket) {
                at += 1;
            }
            starts.push(at);
        }
        Keyed {
            table,
            starts,
            shift,
        }
    }

    /// The ids whose key may be the one hashed to `h` (by [`hash`]), in id order.
    fn get(&self, h: u64) -> impl Iterator<Item = usize> + '_ {
        let bucket = usize::try_from(h >> self.shift).unwrap_or(usize::MAX);
        let from = self.starts.get(bucket).copied().unwrap_or(0);
        let to = self.starts.get(bucket + 1).copied().unwrap_or(0);
        (self.table.get(from..to).unwrap_or_default().iter())
            .filter(move |&&(k, _)| k == h)
            .map(|&(_, id)| id)
    }
}

/// The hash of a key: FNV-1a byte by byte ([`hash_step`], so that a scan hashes each word as it finds its end),
/// then mixed so that its top bits, the bucket, depend on every byte ([`hash_finish`]).
fn hash(key: &[u8]) -> u64 {
    hash_finish(key.iter().fold(HASH_SEED, |h, &b| hash_step(h, b)))
}

const HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;

fn hash_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

fn hash_finish(h: u64) -> u64 {
    (h ^ (h >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Folded names with the brand each belongs to, in knowledge-base order.
#[derive(Debug, Clone, Default)]
pub struct NameSet {
    /// The names, each padded with a space on both sides so that it matches whole words only.
    padded: Vec<Cow<'static, str>>,
    /// The brand (index in [`super::brands::Brands::brands`]) of each name, by pattern id.
    brands: Vec<usize>,
    /// The pattern ids by the first word of the name.
    by_first_word: Keyed,
}

impl NameSet {
    /// The set of `entries`: (brand, name folded and trimmed, not empty), in the order lookups prefer.
    pub fn build(entries: &[(usize, String)]) -> Self {
        Self::of_padded(
            (entries.iter()).map(|(brand, name)| (*brand, Cow::Owned(format!(" {name} ")))),
        )
    }

    /// The set of `entries`: (brand, name folded, not empty, with one space before and after it).
    pub fn of_padded(entries: impl Iterator<Item = (usize, Cow<'static, str>)>) -> Self {
        let (brands, padded): (Vec<usize>, Vec<Cow<'static, str>>) = entries.unzip();
        let first_words = (padded.iter()).map(|p| {
            p.get(1..)
                .unwrap_or_default()
                .split(' ')
                .next()
                .unwrap_or_default()
        });
        NameSet {
            by_first_word: Keyed::build(first_words),
            padded,
            brands,
        }
    }

    /// Every name found in `folded` (text folded by [`super::text::fold`], or several folds joined), once per
    /// occurrence: its id (position in the entries) and the offset of the space before it.
    pub fn occurrences(&self, folded: &str) -> Vec<(usize, usize)> {
        let [found] = Self::occurrences_of_each([self], folded);
        found
    }

    /// [`NameSet::occurrences`] of each of `sets` in `folded`, reading the text once for all of them.
    pub fn occurrences_of_each<const N: usize>(
        sets: [&NameSet; N],
        folded: &str,
    ) -> [Vec<(usize, usize)>; N] {
        // A name occurs where a space is followed by its first word and then by the rest of it: look up
        // the word after each space (hashed as it is read), then compare the few names that start with it.
        let bytes = folded.as_bytes();
        let mut hits = [(); N].map(|()| Vec::new());
        let Some(mut at) = bytes.iter().position(|&b| b == b' ') else {
            return hits;
        };
        loop {
            let mut h = HASH_SEED;
            let mut end = at + 1;
            while let Some(&b) = bytes.get(end).filter(|&&b| b != b' ') {
                h = hash_step(h, b);
                end += 1;
            }
            let h = hash_finish(h);
            let here = bytes.get(at..).unwrap_or_default();
            for (set, hits) in sets.iter().zip(&mut hits) {
                hits.extend(
                    (set.by_first_word.get(h))
                        .filter(|&id| {
                            (set.padded.get(id)).is_some_and(|p| here.starts_with(p.as_bytes()))
                        })
                        .map(|id| (id, at)),
                );
            }
            if end >= bytes.len() {
                return hits;
            }
            at = end;
        }
    }

    /// Every pattern id found in `folded`, once per occurrence.
    fn hits(&self, folded: &str) -> impl Iterator<Item = usize> {
        self.occurrences(folded).into_iter().map(|(id, _)| id)
    }

    /// The brand of the first entry (in `entries` order) that occurs in `folded`.
    pub fn first_brand(&self, folded: &str) -> Option<usize> {
        self.first_brand_among(&self.occurrences(folded))
    }

    /// The brand of the first entry (in `entries` order) among `occurrences` (of this set's names).
    pub fn first_brand_among(&self, occurrences: &[(usize, usize)]) -> Option<usize> {
        let first = occurrences.iter().map(|&(id, _)| id).min()?;
        self.brands.get(first).copied()
    }

    /// Whether any name of `brand` occurs in `folded`.
    pub fn names_brand(&self, folded: &str, brand: usize) -> bool {
        self.hits(folded)
            .any(|p| self.brands.get(p) == Some(&brand))
    }
}

/// Which of many strings occur anywhere inside a text.
#[derive(Debug, Clone, Default)]
pub struct Substrings {
    patterns: Vec<String>,
    /// The positions of the patterns, by pattern.
    at: Keyed,
    /// The distinct pattern lengths in bytes, shortest first.
    lengths: Vec<usize>,
    automaton: Deferred,
}

impl Substrings {
    /// The set of `patterns`.
    pub fn build<'a>(patterns: impl Iterator<Item = &'a str>) -> Self {
        let patterns: Vec<String> = patterns.map(str::to_string).collect();
        let at = Keyed::build(patterns.iter().map(String::as_str));
        let mut lengths: Vec<usize> = patterns.iter().map(String::len).collect();
        lengths.sort_unstable();
        lengths.dedup();
        Substrings {
            patterns,
            at,
            lengths,
            automaton: Deferred::default(),
        }
    }

    /// The positions of the patterns that occur in one of `texts`, in ascending order.
    pub fn within(&self, texts: &[&str]) -> Vec<usize> {
        let mut found = Vec::new();
        let lookups = texts.iter().map(|t| t.len() + 1).sum::<usize>() * self.lengths.len();
        let build = || {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&self.patterns)
                .ok()
        };
        let mut mark = |id: usize| found.push(id);
        if let Some(ac) = self.automaton.get(lookups, build) {
            for text in texts {
                ac.find_overlapping_iter(*text)
                    .for_each(|m| mark(m.pattern().as_usize()));
            }
            found.sort_unstable();
            found.dedup();
            return found;
        }
        // Look up every substring as long as some pattern, at every character boundary.
        for text in texts {
            for start in (0..=text.len()).filter(|&s| text.is_char_boundary(s)) {
                for &len in &self.lengths {
                    let Some(sub) = text.get(start..start + len) else {
                        if start + len > text.len() {
                            break;
                        }
                        continue;
                    };
                    (self.at.get(hash(sub.as_bytes())))
                        .filter(|&id| self.patterns.get(id).is_some_and(|p| p == sub))
                        .for_each(&mut mark);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::fold;
    use proptest::prelude::*;

    fn set() -> NameSet {
        NameSet::build(&[
            (0, "amazon".into()),
            (0, "prime video".into()),
            (1, "royal mail".into()),
            (2, "mail".into()),
        ])
    }

    /// `deferred` with its lookup budget spent, so that its next search builds and uses the automaton.
    fn spent(deferred: &mut Deferred) {
        deferred.lookups = AtomicUsize::new(LOOKUPS_BEFORE_AUTOMATON);
    }

    #[test]
    fn finds_whole_words_and_prefers_the_earlier_entry() {
        let s = set();
        assert_eq!(s.first_brand(&fold("Your Royal Mail parcel", 100)), Some(1));
        assert_eq!(s.first_brand(&fold("mail from amazon", 100)), Some(0));
        assert_eq!(s.first_brand(&fold("amazonia mailbox", 100)), None);
        assert!(s.names_brand(&fold("watch Prime Video", 100), 0));
        assert!(!s.names_brand(&fold("watch Prime Videos", 100), 0));
    }

    #[test]
    fn substrings_found_in_any_text() {
        let mut automaton = Substrings::build(["paypal", "amazon", "pal"].into_iter());
        spent(&mut automaton.automaton);
        for s in [
            Substrings::build(["paypal", "amazon", "pal"].into_iter()),
            automaton,
        ] {
            assert_eq!(s.within(&["secure-paypal", "login."]), [0, 2]);
            assert!(s.within(&[]).is_empty());
        }
    }

    #[test]
    fn the_automaton_is_built_once_enough_text_was_looked_up() {
        let s = Substrings::build(["paypal", "amazon", "pal"].into_iter());
        assert_eq!(s.within(&["secure-paypal"]), [0, 2]);
        assert!(s.automaton.automaton.get().is_none());
        while s.automaton.automaton.get().is_none() {
            assert_eq!(s.within(&["secure-paypal"]), [0, 2]);
        }
        assert_eq!(s.within(&["secure-paypal"]), [0, 2]);
    }

    #[test]
    fn an_empty_set_finds_nothing() {
        assert_eq!(NameSet::default().first_brand(" amazon "), None);
        assert!(Substrings::default().within(&["amazon"]).is_empty());
    }

    /// Text made of a few pieces, so that patterns and texts share words, spaces and multi-byte characters.
    fn pieces(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![" ", "a", "b", "ab", "é", "  "]),
            0..max,
        )
        .prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn lookups_find_what_an_automaton_finds(
            names in prop::collection::vec(pieces(4), 0..8),
            text in pieces(24),
        ) {
            let entries: Vec<(usize, String)> = names.iter().cloned().enumerate().collect();
            let mut looked_up = NameSet::build(&entries).occurrences(&text);
            looked_up.sort_unstable();
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(entries.iter().map(|(_, n)| format!(" {n} ")))
                .expect("automaton");
            let mut found: Vec<(usize, usize)> = (automaton.find_overlapping_iter(&text))
                .map(|m| (m.pattern().as_usize(), m.start()))
                .collect();
            found.sort_unstable();
            prop_assert_eq!(looked_up, found);

            // Two sets read in one pass find what each finds alone.
            let (a, b) = entries.split_at(entries.len() / 2);
            let (a, b) = (NameSet::build(a), NameSet::build(b));
            let together = NameSet::occurrences_of_each([&a, &b], &text);
            prop_assert_eq!(together, [a.occurrences(&text), b.occurrences(&text)]);

            let looked_up = Substrings::build(names.iter().map(String::as_str));
            let mut automaton = Substrings::build(names.iter().map(String::as_str));
            spent(&mut automaton.automaton);
            prop_assert_eq!(looked_up.within(&[&text, "ab"]), automaton.within(&[&text, "ab"]));
        }
    }
}

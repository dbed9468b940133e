//! Brand names and labels matched in one pass: one aho-corasick automaton over every (brand, name) of the
//! knowledge base, built once per [`super::index::Index`], finds which names occur as whole words in folded
//! text (see [`super::text::fold`]) without a loop over brands; another tells which brand labels occur inside
//! a domain.

use aho_corasick::{AhoCorasick, MatchKind};

/// Folded names with the brand each belongs to, in knowledge-base order.
#[derive(Debug, Clone, Default)]
pub struct NameSet {
    /// The names, each padded with a space on both sides so that it matches whole words only.
    automaton: Option<AhoCorasick>,
    /// The brand (index in [`super::brands::Brands::brands`]) of each name, by pattern id.
    brands: Vec<usize>,
}

impl NameSet {
    /// One automaton over `entries`: (brand, name folded and trimmed), in the order lookups prefer.
    pub fn build(entries: &[(usize, String)]) -> Self {
        let padded = entries.iter().map(|(_, n)| format!(" {n} "));
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(padded)
            .ok();
        NameSet {
            automaton,
            brands: entries.iter().map(|&(b, _)| b).collect(),
        }
    }

    /// Every pattern id found in `folded` (text folded by [`super::text::fold`], or several folds joined).
    fn hits<'a>(&'a self, folded: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.automaton.iter().flat_map(move |ac| {
            ac.find_overlapping_iter(folded)
                .map(|m| m.pattern().as_usize())
        })
    }

    /// The brand of the first entry (in `entries` order) that occurs in `folded`.
    pub fn first_brand(&self, folded: &str) -> Option<usize> {
        let first = self.hits(folded).min()?;
        self.brands.get(first).copied()
    }

    /// Whether any name of `brand` occurs in `folded`.
    pub fn names_brand(&self, folded: &str, brand: usize) -> bool {
        self.hits(folded)
            .any(|p| self.brands.get(p) == Some(&brand))
    }
}

/// Which of many strings occur anywhere inside a text, found in one pass.
#[derive(Debug, Clone, Default)]
pub struct Substrings {
    automaton: Option<AhoCorasick>,
    len: usize,
}

impl Substrings {
    /// One automaton over `patterns`.
    pub fn build<'a>(patterns: impl ExactSizeIterator<Item = &'a str>) -> Self {
        let len = patterns.len();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .ok();
        Substrings { automaton, len }
    }

    /// For each pattern, by position, whether it occurs in one of `texts`.
    pub fn within(&self, texts: &[&str]) -> Vec<bool> {
        let Some(ac) = &self.automaton else {
            // Without an automaton every pattern counts as present, so callers check them all.
            return vec![true; self.len];
        };
        let mut found = vec![false; self.len];
        for text in texts {
            for m in ac.find_overlapping_iter(*text) {
                if let Some(f) = found.get_mut(m.pattern().as_usize()) {
                    *f = true;
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::fold;

    fn set() -> NameSet {
        NameSet::build(&[
            (0, "amazon".into()),
            (0, "prime video".into()),
            (1, "royal mail".into()),
            (2, "mail".into()),
        ])
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
        let s = Substrings::build(["paypal", "amazon", "pal"].into_iter());
        assert_eq!(s.within(&["secure-paypal", "login."]), [true, false, true]);
        assert_eq!(s.within(&[]), [false, false, false]);
    }

    #[test]
    fn an_empty_set_finds_nothing() {
        assert_eq!(NameSet::default().first_brand(" amazon "), None);
    }
}

//! Phrase lists per language, as data (`phrases/<language>.toml`), compiled once into one [`NameSet`] and
//! matched against folded text in a single pass: the cost of a lookup does not grow with the number of lists
//! or languages. Phrases are folded as the text is ([`super::text::fold`]), so they match whole words only,
//! and Chinese, Japanese and Korean character by character.

use std::borrow::Cow;
#[cfg(test)]
use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::names::NameSet;
#[cfg(test)]
use super::text::fold;

/// What a phrase list is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List {
    /// Generic greetings ("Dear Customer").
    Generic,
    /// Greeting words that open a letter ("Hello"), for greetings by name or address.
    Greeting,
    /// Pressure and threats.
    Urgency,
    /// Requests for credentials or data that are a warning on their own.
    Credentials,
    /// Sensitive things asked for (password, card number).
    CredentialNouns,
    /// Prizes, gifts and rewards.
    Prize,
    /// Money, as scams name it.
    Money,
    /// Money handed out for nothing (inheritances, compensation, giveaways).
    Gift,
    /// Words asking the reader to write somewhere.
    Contact,
    /// Money or subscription talk of callback scams.
    Callback,
    /// Words asking the reader to call.
    CallWords,
    /// Second-person words ("your"), for notices addressed to the reader.
    You,
    /// Keywords of account and security mail.
    Account,
    /// Keywords of seller mail.
    Seller,
    /// Keywords of order and shipping mail.
    Orders,
    /// Keywords of promotions.
    Promo,
    /// Words that present an organisation in a display name (bank, support team, 銀行, Kundenservice).
    Organisation,
}

impl List {
    /// Every list with its key in the data files.
    pub const ALL: [(List, &'static str); 17] = [
        (List::Generic, "generic"),
        (List::Greeting, "greeting"),
        (List::Urgency, "urgency"),
        (List::Credentials, "credentials"),
        (List::CredentialNouns, "credential_nouns"),
        (List::Prize, "prize"),
        (List::Money, "money"),
        (List::Gift, "gift"),
        (List::Contact, "contact"),
        (List::Callback, "callback"),
        (List::CallWords, "call_words"),
        (List::You, "you"),
        (List::Account, "account"),
        (List::Seller, "seller"),
        (List::Orders, "orders"),
        (List::Promo, "promo"),
        (List::Organisation, "organisation"),
    ];

    fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// The list a data file calls `key`.
    pub(super) fn from_key(key: &str) -> Option<List> {
        List::ALL.iter().find(|(_, k)| *k == key).map(|(l, _)| *l)
    }
}

// `LANGUAGES` (the embedded phrase files), `LIST_KEYS` and `PHRASES` (every distinct phrase, folded), written
// by build.rs: no file is parsed nor phrase folded at run time.
include!(concat!(env!("OUT_DIR"), "/phrases.rs"));

/// One distinct folded phrase (the one at the same position in `PHRASES`), with the lists it belongs to.
#[derive(Debug)]
struct Pattern {
    /// Folded, without the padding spaces.
    text: &'static str,
    lists: u32,
}

/// Every phrase of every language, compiled.
#[derive(Debug)]
struct Lexicon {
    patterns: Vec<Pattern>,
    /// The patterns' texts, by pattern id, found by word lookups (see [`NameSet`]).
    set: NameSet,
}

/// Reads one language file; `Err` names what is wrong.
#[cfg(test)]
fn parse(source: &str) -> Result<Vec<(List, String)>, String> {
    let table: BTreeMap<String, Vec<String>> = toml::from_str(source).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (key, phrases) in table {
        let list = List::from_key(&key).ok_or_else(|| format!("unknown list '{key}'"))?;
        out.extend(phrases.into_iter().map(|p| (list, p)));
    }
    Ok(out)
}

impl Lexicon {
    fn build() -> Self {
        // A list key no list has is caught by the tests (`parse`).
        let bits: Vec<u32> = (LIST_KEYS.iter())
            .map(|key| List::from_key(key).map_or(0, List::bit))
            .collect();
        let lists = |keys: u32| {
            (bits.iter().enumerate())
                .filter(|&(i, _)| keys & (1 << i) != 0)
                .fold(0, |lists, (_, bit)| lists | bit)
        };
        let patterns = (PHRASES.iter())
            .map(|&(padded, keys, _)| Pattern {
                text: padded.trim_matches(' '),
                lists: lists(keys),
            })
            .collect();
        Lexicon {
            set: NameSet::of_padded(
                PHRASES
                    .iter()
                    .map(|&(padded, ..)| (0, Cow::Borrowed(padded))),
            ),
            patterns,
        }
    }
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::build)
}

/// Every phrase of `list`, in every language (folded).
pub fn phrases(list: List) -> impl Iterator<Item = &'static str> {
    lexicon()
        .patterns
        .iter()
        .filter(move |p| p.lists & list.bit() != 0)
        .map(|p| p.text)
}

/// The language codes a folded phrase belongs to (empty when it is in no list).
#[cfg(test)]
pub fn languages_of(phrase: &str) -> Vec<&'static str> {
    let phrase = fold(phrase, 256);
    let Some(&(_, _, languages)) = PHRASES.iter().find(|p| p.0.trim() == phrase.trim()) else {
        return Vec::new();
    };
    LANGUAGES
        .iter()
        .enumerate()
        .filter(|(i, _)| languages & (1 << i) != 0)
        .map(|(_, (code, _))| *code)
        .collect()
}

/// The phrases found in one folded text: each distinct phrase once, with where it first starts, in text order.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    found: Vec<(usize, usize)>,
}

impl Hits {
    /// At most this many distinct phrases are kept per text.
    const MAX: usize = 512;

    /// Finds every phrase in `folded` (text folded by [`super::text::fold`]) in one pass.
    pub fn scan(folded: &str) -> Self {
        let [phrases] = NameSet::occurrences_of_each([&lexicon().set], folded);
        Self::from_occurrences(phrases)
    }

    /// [`Hits::scan`], and in the same pass every occurrence of the names of `names` (see
    /// [`NameSet::occurrences`]).
    pub fn scan_with(folded: &str, names: &NameSet) -> (Self, Vec<(usize, usize)>) {
        let [phrases, named] = NameSet::occurrences_of_each([&lexicon().set, names], folded);
        (Self::from_occurrences(phrases), named)
    }

    /// The hits of the phrase occurrences `phrases`.
    fn from_occurrences(phrases: Vec<(usize, usize)>) -> Self {
        let lexicon = lexicon();
        let length = |id: usize| lexicon.patterns.get(id).map_or(0, |p| p.text.len());
        Hits {
            found: first_found(phrases, length, Self::MAX),
        }
    }

    /// The distinct phrases of `list` found, in text order, each with where it starts.
    fn of(&self, list: List) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        let patterns = &lexicon().patterns;
        self.found.iter().filter_map(move |&(i, start)| {
            let p = patterns.get(i)?;
            (p.lists & list.bit() != 0).then_some((p.text, start))
        })
    }

    /// The distinct phrases of `list` found, in text order.
    pub fn all(&self, list: List) -> impl Iterator<Item = &'static str> + '_ {
        self.of(list).map(|(p, _)| p)
    }

    /// The first phrase of `list` found.
    pub fn first(&self, list: List) -> Option<&'static str> {
        self.all(list).next()
    }

    /// The first phrase of `list` starting within the first `limit` bytes of the folded text.
    pub fn first_before(&self, list: List, limit: usize) -> Option<&'static str> {
        self.of(list).find(|&(_, s)| s < limit).map(|(p, _)| p)
    }

    /// How many distinct phrases of `list` were found.
    pub fn count(&self, list: List) -> usize {
        self.of(list).count()
    }
}

/// The distinct phrases among `occurrences` ((pattern id, offset of the space before it), in any order), each
/// with where its first occurrence starts, in text order (a shorter phrase first where two start together):
/// the first `max` phrases in the order their first occurrences end, as a scan from the start of the text
/// meets them (where two end together, the longer first).
fn first_found(
    mut occurrences: Vec<(usize, usize)>,
    length: impl Fn(usize) -> usize,
    max: usize,
) -> Vec<(usize, usize)> {
    occurrences.sort_unstable();
    occurrences.dedup_by_key(|&mut (id, _)| id);
    let mut found: Vec<(usize, usize, usize)> = (occurrences.into_iter())
        .map(|(id, space)| (id, space + 1, space + 1 + length(id)))
        .collect();
    found.sort_unstable_by_key(|&(_, start, end)| (end, start));
    found.truncate(max);
    found.sort_unstable_by_key(|&(_, start, end)| (start, end));
    found
        .into_iter()
        .map(|(id, start, _)| (id, start))
        .collect()
}

#[cfg(test)]
#[path = "phrases_tests.rs"]
mod tests;

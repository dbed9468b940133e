//! Lookup keys precomputed once per knowledge base: each brand's distinctive domain labels with their
//! confusable keys (for look-alike domains) and its names folded for display-name, subject and body matching.

use std::collections::HashMap;

use super::brands::Brands;
use super::names::{NameSet, Substrings};
use super::{domains, text};

/// One distinctive label of a brand (`amazon`, `paypal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Index of the brand in [`Brands::brands`].
    pub brand: usize,
    /// The label.
    pub label: String,
    /// Its confusable key.
    pub key: String,
}

/// What a domain of the knowledge base is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A brand's sender domain (its genuine mail comes from it; links may go there too).
    Sender(usize),
    /// A brand's link-only domain.
    Link(usize),
    /// A shared sending platform.
    Shared,
    /// A free-mail provider.
    Freemail,
}

/// Precomputed keys of a knowledge base.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every listed domain (lowercase) with its roles (keys from the knowledge base only: a fixed fast hash
    /// is safe).
    pub domains: HashMap<String, Vec<Role>, foldhash::fast::FixedState>,
    /// Distinctive domain labels (four letters or more).
    pub labels: Vec<Label>,
    /// The labels, for finding which occur inside a domain.
    pub label_texts: Substrings,
    /// The labels' confusable keys, likewise.
    pub label_keys: Substrings,
    /// The labels (positions in `labels`) by their first byte, by their last byte and by their key.
    labels_by_first: HashMap<u8, Vec<usize>>,
    labels_by_last: HashMap<u8, Vec<usize>>,
    labels_by_key: HashMap<String, Vec<usize>>,
    /// Names folded by confusable key: names, id and display form, for display names and subjects.
    pub name_keys: NameSet,
    /// Names folded plainly, four letters or more, for body text.
    pub body_names: NameSet,
}

/// `s` folded for name matching, twice: by confusable skeleton (so that `Αmazοn` and `PaypaI` count) and
/// plainly (so that digits glued to a name, `Netflix1V01F`, still split off); each also with letters spaced
/// apart joined. `skeleton` is `s`'s [`domains::confusable_key`], which callers need besides.
pub fn name_key(s: &str, skeleton: &str) -> String {
    let mut key = text::fold(skeleton, 1024);
    let plain = text::fold(s, 1024);
    // Letters spaced apart ("N e t f l i x") read as the word they spell.
    if let Some(joined) = text::join_spaced(&plain) {
        key.push_str(&text::fold(&domains::confusable_key(&joined), 1024));
        key.push_str(&joined);
    }
    key.push_str(&plain);
    key
}

impl Index {
    /// The roles of `host` (lowercase ASCII) and of each domain it is under, nearest first.
    pub fn roles<'a>(&'a self, host: &'a str) -> impl Iterator<Item = Role> + 'a {
        let mut rest = Some(host);
        std::iter::from_fn(move || {
            let h = rest?;
            rest = h.split_once('.').map(|(_, r)| r);
            Some(h)
        })
        .take(16)
        .filter_map(|h| self.domains.get(h))
        .flat_map(|roles| roles.iter().copied())
    }

    /// The labels (positions in `labels`, in no particular order, perhaps repeated) that start or end with
    /// the same byte as `label` or whose key is `key`: every label that `label` spells alike, equals or
    /// misses by an edit or two (which keep its first or its last byte) is among them.
    pub fn labels_near<'a>(&'a self, label: &str, key: &str) -> impl Iterator<Item = usize> + 'a {
        let bytes = label.as_bytes();
        let of = |map: &'a HashMap<u8, Vec<usize>>, b: Option<&u8>| {
            b.and_then(|b| map.get(b)).into_iter().flatten().copied()
        };
        (of(&self.labels_by_first, bytes.first()))
            .chain(of(&self.labels_by_last, bytes.last()))
            .chain(self.labels_by_key.get(key).into_iter().flatten().copied())
    }

    /// Builds the index of a knowledge base.
    pub fn build(brands: &Brands) -> Self {
        let mut index = Index::default();
        let listed = (brands.brands.iter())
            .map(|b| b.sender_domains.len() + b.link_domains.len())
            .sum::<usize>()
            + brands.shared_platforms.len()
            + brands.freemail.len();
        index.domains.reserve(listed);
        let mut name_keys = Vec::new();
        let mut body_names = Vec::new();
        let mut add = |d: &str, role| {
            let d = d.trim().trim_end_matches('.').to_ascii_lowercase();
            index.domains.entry(d).or_insert_with(Vec::new).push(role);
        };
        for (i, brand) in brands.brands.iter().enumerate() {
            brand
                .sender_domains
                .iter()
                .for_each(|d| add(d, Role::Sender(i)));
            brand
                .link_domains
                .iter()
                .for_each(|d| add(d, Role::Link(i)));
        }
        brands
            .shared_platforms
            .iter()
            .for_each(|d| add(d, Role::Shared));
        brands.freemail.iter().for_each(|d| add(d, Role::Freemail));
        for (i, brand) in brands.brands.iter().enumerate() {
            let mut labels: Vec<String> = Vec::new();
            for d in brand.sender_domains.iter().chain(&brand.link_domains) {
                if let Some(reg) = domains::registrable_of(d) {
                    labels.push(domains::reg_label(&reg).to_string());
                }
            }
            for n in brand.names.iter().chain([&brand.id]) {
                let compact: String = n.chars().filter(|c| !c.is_whitespace()).collect();
                if compact.chars().all(|c| c.is_ascii_alphanumeric()) {
                    labels.push(compact.to_ascii_lowercase());
                }
            }
            labels.retain(|l| l.len() >= 4 && !l.contains('.'));
            labels.sort();
            labels.dedup();
            index.labels.extend(labels.into_iter().map(|label| Label {
                brand: i,
                key: domains::confusable_key(&label),
                label,
            }));
            let mut keys: Vec<String> = brand
                .names
                .iter()
                .chain([&brand.id, &brand.display])
                .flat_map(|n| [folded(&domains::confusable_key(n)), folded(n)])
                .filter(|k| !k.is_empty())
                .collect();
            keys.sort();
            keys.dedup();
            name_keys.extend(keys.into_iter().map(|k| (i, k)));
            body_names.extend(
                (brand.names.iter())
                    .map(|n| folded(n))
                    .filter(|n| n.chars().count() >= 4)
                    .map(|n| (i, n)),
            );
        }
        for (i, l) in index.labels.iter().enumerate() {
            if let (Some(&first), Some(&last)) =
                (l.label.as_bytes().first(), l.label.as_bytes().last())
            {
                index.labels_by_first.entry(first).or_default().push(i);
                index.labels_by_last.entry(last).or_default().push(i);
            }
            index
                .labels_by_key
                .entry(l.key.clone())
                .or_default()
                .push(i);
        }
        index.label_texts = Substrings::build(index.labels.iter().map(|l| l.label.as_str()));
        index.label_keys = Substrings::build(index.labels.iter().map(|l| l.key.as_str()));
        index.name_keys = NameSet::build(&name_keys);
        index.body_names = NameSet::build(&body_names);
        index
    }
}

/// `s` folded (at most 256 bytes) and trimmed, in the string the fold made.
fn folded(s: &str) -> String {
    let mut folded = text::fold(s, 256);
    folded.truncate(folded.trim_end().len());
    folded.drain(..folded.len() - folded.trim_start().len());
    folded
}

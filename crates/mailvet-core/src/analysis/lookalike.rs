//! Look-alikes of brand domains: edit distance, UTS #39 confusable skeletons, punycode, brand names inside a
//! foreign domain, TLD swaps. Pure string work: no DNS.

use super::brands::{Brand, Brands};
use super::domains::{confusable_key, reg_label, registrable};
use crate::model::SignalId;

/// How a domain imitates a brand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookalikeKind {
    /// A near-miss spelling (`amazom.com`, `paypa1.com`).
    Spelling,
    /// Letters from other scripts that look the same (`pаypal.com` with a Cyrillic а).
    Homoglyph,
    /// The brand's name inside someone else's registrable domain (`amazon-support.com`, `amaz0n-orders.com`).
    BrandInForeign,
    /// The brand's name under a TLD the brand does not use (`paypal.xyz`).
    TldSwap,
    /// The brand's name only as a subdomain of someone else's domain (`amazon.com.secure-login.ru`, but also
    /// how mail platforms name their tenants: `brand.some-esp.io`).
    BrandInSubdomain,
}

impl LookalikeKind {
    /// The signal id for this kind.
    pub fn signal_id(self) -> SignalId {
        match self {
            LookalikeKind::Spelling => SignalId::LookalikeDomain,
            LookalikeKind::Homoglyph => SignalId::HomoglyphDomain,
            LookalikeKind::BrandInForeign | LookalikeKind::BrandInSubdomain => {
                SignalId::BrandInForeignDomain
            }
            LookalikeKind::TldSwap => SignalId::TldSwap,
        }
    }
}

/// A domain that imitates a brand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike<'a> {
    /// The brand imitated.
    pub brand: &'a Brand,
    /// How.
    pub kind: LookalikeKind,
    /// The official label it imitates (`amazon`).
    pub imitated: String,
}

/// Whether `label` is within the spelling distance allowed for a brand label of this length.
fn near_miss(label: &str, official: &str) -> bool {
    // Edits leave the rest of the word alone: a cheap bound on shared prefix and suffix skips most pairs.
    let (a, b) = (label.as_bytes(), official.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    if prefix + suffix + 2 * allowed_distance(official) < a.len().max(b.len()) {
        return false;
    }
    let d = strsim::damerau_levenshtein(label, official);
    d > 0 && d <= allowed_distance(official)
}

/// How many edits a look-alike of `official` may be away: none for short labels, then one, then two.
fn allowed_distance(official: &str) -> usize {
    match official.len() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Whether `word` holds `official` as a whole token (split on `-`, `_` and digits), or as a substring when the
/// brand label is long enough not to occur by chance inside ordinary words.
fn holds_brand(word: &str, official: &str) -> bool {
    if word
        .split(|c: char| c == '-' || c == '_' || c.is_ascii_digit())
        .any(|t| t == official)
    {
        return true;
    }
    official.len() >= 6 && word.contains(official)
}

/// Which brand a normalised host imitates, if any. Hosts official for a brand (sender or link domains) never
/// imitate one; shared platforms and free-mail providers never do.
pub fn lookalike<'a>(ascii_host: &str, brands: &'a Brands) -> Option<Lookalike<'a>> {
    let reg = registrable(ascii_host)?;
    if brands.is_known_site(ascii_host) || brands.is_freemail(ascii_host) {
        return None;
    }
    let label = reg_label(reg);
    let (unicode_label, _) = idna::domain_to_unicode(label);
    let key = confusable_key(&unicode_label);
    let sub = &ascii_host[..ascii_host.len().saturating_sub(reg.len())];
    let index = brands.index();
    // Which labels occur inside the label or the subdomains, and which keys inside the key: a label that
    // occurs in neither can only be a spelling near miss, so the substring checks below skip it.
    let mut inside = index.label_texts.within(&[label, sub]);
    inside.extend(index.label_keys.within(&[&key]));
    inside.sort_unstable();
    inside.dedup();
    // Any other label is neither equal, nor alike by key, nor a near miss (see `Index::labels_near`), nor
    // inside: only these can be imitated, and they are tried in the labels' order as before.
    let mut candidates: Vec<usize> = (inside.iter().copied())
        .chain(index.labels_near(label, &key))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let ascii = label.is_ascii();
    let kind = |i: usize, l: &super::index::Label| {
        let inside = inside.binary_search(&i).is_ok();
        if label == l.label {
            Some(LookalikeKind::TldSwap)
        } else if key == l.key {
            Some(if unicode_label.is_ascii() {
                LookalikeKind::Spelling
            } else {
                LookalikeKind::Homoglyph
            })
        } else if ascii
            && label.len().abs_diff(l.label.len()) <= allowed_distance(&l.label)
            && near_miss(label, &l.label)
        {
            Some(LookalikeKind::Spelling)
        } else if !inside {
            None
        } else if holds_brand(label, &l.label) || key.split('-').any(|t| t == l.key) {
            Some(LookalikeKind::BrandInForeign)
        } else if sub.split('.').any(|w| holds_brand(w, &l.label)) {
            Some(LookalikeKind::BrandInSubdomain)
        } else {
            None
        }
    };
    candidates.iter().find_map(|&i| {
        let l = index.labels.get(i)?;
        let brand = brands.brands.get(l.brand)?;
        kind(i, l).map(|kind| Lookalike {
            brand,
            kind,
            imitated: l.label.clone(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::domains::{normalise_host, shown};

    #[test]
    fn labels_near_holds_every_label_a_host_label_equals_shares_a_key_with_or_nearly_misses() {
        let brands = Brands::embedded();
        let index = brands.index();
        let mut checked = 0;
        for l in index.labels.iter().step_by(3) {
            let chars: Vec<char> = l.label.chars().collect();
            let n = chars.len();
            let mut variants: Vec<String> = vec![l.label.clone(), l.key.clone()];
            for (i, with) in [(0, 'x'), (n - 1, 'x'), (0, 'q'), (n / 2, '0')] {
                let mut v = chars.clone();
                v[i] = with;
                variants.push(v.iter().collect());
            }
            variants.push(chars[1..].iter().collect());
            variants.push(chars[..n - 1].iter().collect());
            variants.push(format!("z{}", l.label));
            variants.push(format!("{}z", l.label));
            variants.push(chars[1..n - 1].iter().collect());
            for v in variants {
                let key = confusable_key(&v);
                let near: Vec<usize> = index.labels_near(&v, &key).collect();
                for (j, other) in index.labels.iter().enumerate() {
                    if v == other.label || key == other.key || near_miss(&v, &other.label) {
                        assert!(near.contains(&j), "{v} near {}", other.label);
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > index.labels.len());
    }

    fn brands() -> Brands {
        Brands::from_toml(
            r#"
shared_platforms = ["amazonses.com"]
freemail = ["gmail.com"]
[[brand]]
id = "amazon"
display = "Amazon"
names = ["amazon"]
sender_domains = ["amazon.com", "amazon.co.uk", "amazon.de"]
[[brand]]
id = "paypal"
display = "PayPal"
names = ["paypal"]
sender_domains = ["paypal.com"]
[[brand]]
id = "ups"
display = "UPS"
names = ["ups"]
sender_domains = ["ups.com"]
"#,
        )
        .expect("test brands parse")
    }

    fn kind(host: &str) -> Option<(String, LookalikeKind)> {
        let b = brands();
        let ascii = normalise_host(host)?;
        lookalike(&ascii, &b).map(|l| (l.brand.id.clone(), l.kind))
    }

    #[test]
    fn official_domains_are_not_lookalikes() {
        assert_eq!(kind("amazon.co.uk"), None);
        assert_eq!(kind("bounces.amazon.com"), None);
        assert_eq!(kind("example.org"), None);
        assert_eq!(kind("amazonses.com"), None);
        assert_eq!(kind("groups.io"), None);
        assert_eq!(kind("startups.com"), None);
    }

    #[test]
    fn spelling_lookalikes() {
        use LookalikeKind::*;
        assert_eq!(kind("amazom.com"), Some(("amazon".into(), Spelling)));
        assert_eq!(kind("paypa1.com"), Some(("paypal".into(), Spelling)));
        assert_eq!(kind("arnazon.com"), Some(("amazon".into(), Spelling)));
    }

    #[test]
    fn homoglyph_punycode_and_shown_raw() {
        let host = normalise_host("pаypal.com").expect("idna"); // Cyrillic а
        assert!(host.starts_with("xn--"));
        assert_eq!(
            kind("pаypal.com"),
            Some(("paypal".into(), LookalikeKind::Homoglyph))
        );
        assert!(shown(&host).contains("raw xn--"));
    }

    #[test]
    fn brand_in_foreign_domain_and_tld_swap() {
        use LookalikeKind::*;
        assert_eq!(
            kind("amazon.com.secure-login.ru"),
            Some(("amazon".into(), BrandInSubdomain))
        );
        assert_eq!(
            kind("amazon-support-center.com"),
            Some(("amazon".into(), BrandInForeign))
        );
        assert_eq!(kind("paypal.xyz"), Some(("paypal".into(), TldSwap)));
    }
}

//! Which brand a message claims to come from, and how strongly: the From domain being official, the display
//! name, a look-alike From domain, a copyright line signing as the brand, the subject, where the links go, and
//! (weakest) mentions in the body.

use super::brands::{Brand, Brands};
use super::domains;
use super::index;
use super::lookalike::{self, Lookalike};
use super::text::Texts;
use super::urls::Urls;
use crate::mail::Message;

/// Where the claim was read, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClaimSource {
    /// The From domain is one of the brand's official sender domains.
    FromDomain,
    /// The display name names the brand.
    DisplayName,
    /// The From domain imitates the brand's domains.
    Lookalike,
    /// The text signs as the brand: a copyright line or "all rights reserved" naming it.
    Signature,
    /// The subject names the brand.
    Subject,
    /// Most links go to the brand's domains.
    Links,
    /// The body names the brand (a mention, not a claim of origin).
    Body,
}

impl ClaimSource {
    /// Whether the message presents itself as coming from the brand (not merely mentioning it).
    pub fn is_origin(self) -> bool {
        matches!(
            self,
            ClaimSource::FromDomain
                | ClaimSource::DisplayName
                | ClaimSource::Lookalike
                | ClaimSource::Signature
        )
    }

    /// Human words for evidence.
    pub fn describe(self) -> &'static str {
        match self {
            ClaimSource::FromDomain => "the From domain",
            ClaimSource::DisplayName => "the display name",
            ClaimSource::Lookalike => "a look-alike From domain",
            ClaimSource::Signature => "the copyright line",
            ClaimSource::Subject => "the subject",
            ClaimSource::Links => "the links",
            ClaimSource::Body => "the body text",
        }
    }
}

/// The brand a message claims.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    /// The brand.
    pub brand: &'a Brand,
    /// Where the claim was read.
    pub source: ClaimSource,
    /// The From-domain look-alike, when there is one.
    pub lookalike: Option<Lookalike<'a>>,
}

/// Whether `s` names `brand`.
pub fn is_named_in(brands: &Brands, brand: &Brand, s: &str) -> bool {
    let keyed = index::name_key(s, &domains::confusable_key(s));
    brands
        .brands
        .iter()
        .position(|b| b.id == brand.id)
        .is_some_and(|i| brands.index().name_keys.names_brand(&keyed, i))
}

/// The brand named in `s` (display name or subject): its names, id or display form, compared by confusable key.
pub fn brand_named_in<'a>(s: &str, brands: &'a Brands) -> Option<&'a Brand> {
    if s.trim().is_empty() {
        return None;
    }
    let compact = domains::confusable_key(s);
    if let Some(i) = (brands.index().name_keys).first_brand(&index::name_key(s, &compact)) {
        return brands.brands.get(i);
    }
    // A long, distinctive brand label glued into a word (`PepebyBinance`, `PayPalService`).
    let words: Vec<&str> = compact.split(|c: char| !c.is_alphanumeric()).collect();
    let index = brands.index();
    // Only keys found somewhere in the text can be inside one of its words.
    let present = index.label_keys.within(&[&compact]);
    let label = (present.iter())
        .filter_map(|&i| index.labels.get(i))
        .find(|l| {
            l.label.len() >= 6
                && words
                    .iter()
                    .any(|w| w.len() > l.key.len() && w.contains(l.key.as_str()))
        })?;
    brands.brands.get(label.brand)
}

/// How much of the end of the text is searched for a copyright line.
const FOOTER: usize = 4 * 1024;

/// Words that sign a text: a copyright mark before the owner, or "all rights reserved" after it.
const SIGNS_BEFORE: &[&str] = &["©", "copyright", "(c) 20"];
const SIGNS_AFTER: &[&str] = &[
    "rights reserved",
    "direitos reservados",
    "derechos reservados",
    "rechte vorbehalten",
    "droits réservés",
    "diritti riservati",
];

/// The brand the text signs as: named within a few words after a copyright mark or before "all rights
/// reserved", in the last few kilobytes of the text.
fn brand_in_signature<'a>(text: &str, brands: &'a Brands) -> Option<&'a Brand> {
    let mut start = text.len().saturating_sub(FOOTER);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let tail = text[start..].to_lowercase();
    let window = |from: usize, to: usize| {
        let (mut a, mut b) = (from.min(tail.len()), to.min(tail.len()));
        while !tail.is_char_boundary(a) {
            a -= 1;
        }
        while !tail.is_char_boundary(b) {
            b -= 1;
        }
        &tail[a..b]
    };
    // Most texts hold none of the signs: a vectorised search for each says which to look for.
    let present = |sign: &&str| memchr::memmem::find(tail.as_bytes(), sign.as_bytes()).is_some();
    let present_before = SIGNS_BEFORE.iter().map(present);
    let present_after = SIGNS_AFTER.iter().map(present);
    // The owner's name sits on the same line as the mark, next to it.
    let breaks = |c: char| matches!(c, '\n' | '©' | '|');
    let after = SIGNS_BEFORE
        .iter()
        .zip(present_before)
        .filter(|(_, p)| *p)
        .flat_map(|(sign, _)| {
            tail.match_indices(sign).take(4).map(|(i, m)| {
                let w = window(i + m.len(), i + m.len() + 48);
                w.split(breaks).next().unwrap_or_default()
            })
        });
    let before = SIGNS_AFTER
        .iter()
        .zip(present_after)
        .filter(|(_, p)| *p)
        .flat_map(|(sign, _)| {
            tail.match_indices(sign).take(4).map(|(i, _)| {
                let w = window(i.saturating_sub(48), i);
                w.rsplit(breaks).next().unwrap_or_default()
            })
        });
    after.chain(before).find_map(|w| brand_named_in(w, brands))
}

/// The brand first named in the body (its names of four letters or more, plain words), found by
/// [`Texts::new`].
fn brand_in_body<'a>(texts: &Texts, brands: &'a Brands) -> Option<&'a Brand> {
    brands.brands.get(texts.body_brand?)
}

/// The brand most of the web links go to (at least half of them, shorteners aside); `urls`: the links parsed.
fn brand_of_links<'a>(msg: &Message, urls: &Urls, brands: &'a Brands) -> Option<&'a Brand> {
    let hosts: Vec<String> = (msg.links.iter().enumerate())
        .filter_map(|(i, l)| {
            // Each href as written: the URL parser strips ASCII spaces and controls at either end itself, so
            // the trimmed parse serves unless `trim` took more (Unicode spaces).
            if l.href.trim() == l.href.trim_ascii() {
                host_of(urls.get(i)?)
            } else {
                host_of(&url::Url::parse(&l.href).ok()?)
            }
        })
        // A brand's shortener (t.co, amzn.to) carries anyone's links.
        .filter(|h| !super::links::is_shortener(h))
        .take(200)
        .collect();
    let owners: Vec<&Brand> = hosts.iter().filter_map(|h| brands.link_brand(h)).collect();
    let best = owners
        .iter()
        .max_by_key(|b| owners.iter().filter(|o| o.id == b.id).count())?;
    let count = owners.iter().filter(|o| o.id == best.id).count();
    (count * 2 >= hosts.len()).then_some(*best)
}

/// The normalised host of a link's URL.
fn host_of(url: &url::Url) -> Option<String> {
    url.host_str().and_then(domains::normalise_host)
}

/// The claim a message makes, strongest source first; `urls`: its links parsed; `from_host`: the normalised
/// From domain.
pub fn claim<'a>(
    msg: &Message,
    texts: &Texts,
    urls: &Urls,
    brands: &'a Brands,
    from_host: Option<&str>,
) -> Option<Claim<'a>> {
    let plain = |brand, source| Claim {
        brand,
        source,
        lookalike: None,
    };
    if let Some(b) = from_host.and_then(|h| brands.sender_brand(h)) {
        return Some(plain(b, ClaimSource::FromDomain));
    }
    let lookalike = from_host.and_then(|h| lookalike::lookalike(h, brands));
    let display = msg.from.as_ref().and_then(|a| a.name.as_deref());
    if let Some(b) = display.and_then(|d| brand_named_in(d, brands)) {
        let lookalike = lookalike.filter(|l| l.brand.id == b.id);
        return Some(Claim {
            brand: b,
            source: ClaimSource::DisplayName,
            lookalike,
        });
    }
    if let Some(l) = lookalike {
        return Some(Claim {
            brand: l.brand,
            source: ClaimSource::Lookalike,
            lookalike: Some(l),
        });
    }
    if let Some(b) = brand_in_signature(&msg.text, brands) {
        return Some(plain(b, ClaimSource::Signature));
    }
    if let Some(b) = brand_named_in(&msg.subject, brands) {
        return Some(plain(b, ClaimSource::Subject));
    }
    if let Some(b) = brand_of_links(msg, urls, brands) {
        return Some(plain(b, ClaimSource::Links));
    }
    brand_in_body(texts, brands).map(|b| plain(b, ClaimSource::Body))
}

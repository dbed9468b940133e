//! The brand knowledge base: embedded `brands.toml`, with the user's brands merged over it by id.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use super::index::{Index, Role};

/// The embedded knowledge base.
pub const EMBEDDED: &str = include_str!("brands.toml");

/// [`EMBEDDED`] as JSON, written by `build.rs`: the same data, read several times faster at start-up.
const EMBEDDED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/brands.json"));

/// How a brand wants phishing reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportHow {
    /// Send the suspicious mail as an attachment (message/rfc822).
    Attach,
    /// Forward the mail whole, subject unchanged.
    Forward,
}

/// Where and how a brand takes phishing reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The address reports go to.
    pub address: String,
    /// Attach or forward.
    pub how: ReportHow,
    /// The brand's own page that says so.
    pub source: String,
}

/// The DMARC policy a brand publishes for its sending domains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DmarcPolicy {
    /// Monitoring only: receivers deliver mail that fails.
    None,
    /// Receivers put mail that fails in spam.
    Quarantine,
    /// Receivers refuse mail that fails.
    Reject,
}

/// A brand's published DMARC policy, with what the fact rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dmarc {
    /// The policy (`p=`).
    pub policy: DmarcPolicy,
    /// Where it was read: a page, or the Authentication-Results of genuine mail that recorded it.
    pub source: String,
}

/// A web form where a brand takes phishing reports, for brands that publish no mailbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportForm {
    /// The form's address (https).
    pub url: String,
    /// The brand's own page that says so.
    pub source: String,
}

/// One brand that phishers imitate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// Lowercase letters and digits: `amazon`, `royalmail`.
    pub id: String,
    /// How people write it: `Amazon`, `Royal Mail`.
    pub display: String,
    /// Lowercase aliases that claim the brand in a display name or text (`amazon`, `prime video`).
    pub names: Vec<String>,
    /// Registrable domains (or exact hosts) its genuine mail comes from.
    pub sender_domains: Vec<String>,
    /// Registrable domains its genuine links go to (sender domains count too).
    #[serde(default)]
    pub link_domains: Vec<String>,
    /// Official hosts that relay mail written by third parties (`marketplace.amazon.com`): official, but they
    /// do not vouch for the content.
    #[serde(default)]
    pub relay_domains: Vec<String>,
    /// Where to report phishing that imitates it.
    pub report: Option<Report>,
    /// Its web form for phishing reports, when it publishes one (with or without a mailbox).
    pub report_form: Option<ReportForm>,
    /// The DMARC policy it publishes, where known.
    pub dmarc: Option<Dmarc>,
    /// Domains its genuine mail is DKIM-signed with (`d=`), where known. With an enforcing DMARC policy this
    /// marks a brand that always signs its mail (see [`Brand::always_signs`]).
    #[serde(default)]
    pub dkim_domains: Vec<String>,
}

/// The whole knowledge base.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brands {
    /// Every brand.
    #[serde(default, rename = "brand")]
    pub brands: Vec<Brand>,
    /// Shared sending platforms whose authentication proves nothing about a brand (amazonses.com, sendgrid.net).
    #[serde(default)]
    pub shared_platforms: Vec<String>,
    /// Free-mail providers (gmail.com, outlook.com): anyone can have an address there.
    #[serde(default)]
    pub freemail: Vec<String>,
    /// Lookup keys, built on first use. Change the brands through [`Brands::merge`], which resets them.
    #[serde(skip)]
    index: LazyIndex,
}

/// The lazily built [`Index`]; it is derived data, so comparisons ignore it.
#[derive(Debug, Clone, Default)]
struct LazyIndex(OnceLock<Index>);

impl PartialEq for LazyIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LazyIndex {}

impl Brands {
    /// Parses a knowledge-base file.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// The embedded knowledge base.
    pub fn embedded() -> Self {
        // The embedded file is checked by a unit test, so this never falls back in a release.
        serde_json::from_str(EMBEDDED_JSON).unwrap_or_default()
    }

    /// Merges `other` over `self`: a brand with the same id replaces ours, new ones are added, and the
    /// platform lists are extended.
    pub fn merge(&mut self, other: Brands) {
        for brand in other.brands {
            match self.brands.iter_mut().find(|b| b.id == brand.id) {
                Some(existing) => *existing = brand,
                None => self.brands.push(brand),
            }
        }
        self.shared_platforms.extend(other.shared_platforms);
        self.freemail.extend(other.freemail);
        self.index = LazyIndex::default();
    }

    /// The precomputed lookup keys.
    pub fn index(&self) -> &Index {
        self.index.0.get_or_init(|| Index::build(self))
    }

    /// The brand with this id.
    pub fn get(&self, id: &str) -> Option<&Brand> {
        self.brands.iter().find(|b| b.id == id)
    }
}

/// Whether `host` is `domain` or one of its subdomains (both lowercase ASCII).
pub fn within(host: &str, domain: &str) -> bool {
    let (h, d) = (host.as_bytes(), domain.trim_end_matches('.').as_bytes());
    !d.is_empty()
        && h.len() >= d.len()
        && h[h.len() - d.len()..].eq_ignore_ascii_case(d)
        && (h.len() == d.len() || h[h.len() - d.len() - 1] == b'.')
}

/// Whether `host` is one of `domains` or under one (all lowercase ASCII, without a trailing dot): what
/// `domains.iter().any(|d| within(host, d))` says, by comparing `host` and each domain it is under with the
/// list (a length compare rejects most entries) instead of testing every entry's suffix.
pub fn within_any(host: &str, domains: &[&str]) -> bool {
    let mut rest = Some(host);
    while let Some(h) = rest {
        if domains.contains(&h) {
            return true;
        }
        rest = h.split_once('.').map(|(_, parent)| parent);
    }
    false
}

impl Brand {
    /// Whether genuine mail of this brand may come from `host` (lowercase ASCII).
    pub fn owns_sender(&self, host: &str) -> bool {
        self.sender_domains.iter().any(|d| within(host, d))
    }

    /// Whether this brand's genuine links may go to `host` (sender domains count too).
    pub fn owns_link(&self, host: &str) -> bool {
        self.owns_sender(host) || self.link_domains.iter().any(|d| within(host, d))
    }

    /// Whether the brand signs all its mail: it publishes an enforcing DMARC policy (quarantine or reject) and
    /// its DKIM signing domains are known.
    pub fn always_signs(&self) -> bool {
        !self.dkim_domains.is_empty()
            && self
                .dmarc
                .as_ref()
                .is_some_and(|d| matches!(d.policy, DmarcPolicy::Quarantine | DmarcPolicy::Reject))
    }

    /// Whether `domain` (a DKIM `d=`, lowercase) is one of the brand's own signing domains or under one.
    pub fn signs_with(&self, domain: &str) -> bool {
        self.dkim_domains.iter().any(|d| within(domain, d))
    }

    /// Whether `host` is one of the brand's relays for mail written by third parties.
    pub fn is_relay(&self, host: &str) -> bool {
        self.relay_domains.iter().any(|d| within(host, d))
    }
}

impl Brands {
    /// The brand whose genuine mail comes from `host` (lowercase ASCII), if any.
    pub fn sender_brand(&self, host: &str) -> Option<&Brand> {
        self.index().roles(host).find_map(|r| match r {
            Role::Sender(i) => self.brands.get(i),
            _ => None,
        })
    }

    /// The brand whose genuine links may go to `host` (sender or link domain), if any.
    pub fn link_brand(&self, host: &str) -> Option<&Brand> {
        self.index().roles(host).find_map(|r| match r {
            Role::Sender(i) | Role::Link(i) => self.brands.get(i),
            _ => None,
        })
    }

    /// Whether `host` belongs to a shared sending platform (its authentication proves nothing about a brand).
    pub fn is_shared_platform(&self, host: &str) -> bool {
        self.index().roles(host).any(|r| r == Role::Shared)
    }

    /// Whether `host` is a known party's own: a known brand's site or a shared platform (where a link or a form
    /// going there sends nothing to an unknown stranger).
    pub fn is_known_site(&self, host: &str) -> bool {
        self.is_shared_platform(host) || self.link_brand(host).is_some()
    }

    /// Whether `host` is a free-mail provider.
    pub fn is_freemail(&self, host: &str) -> bool {
        self.index().roles(host).any(|r| r == Role::Freemail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_is_the_toml_file() {
        let toml = Brands::from_toml(EMBEDDED).expect("brands.toml parses");
        let json: Brands = serde_json::from_str(EMBEDDED_JSON).expect("brands.json parses");
        assert!(!json.brands.is_empty());
        assert_eq!(json, toml);
        assert_eq!(Brands::embedded(), toml);
    }

    #[test]
    fn user_brand_replaces_embedded_one_with_same_id() {
        let mut base = Brands::embedded();
        let user = Brands::from_toml(
            "[[brand]]\nid = \"amazon\"\ndisplay = \"Amazon\"\nnames = [\"amazon\"]\nsender_domains = [\"amazon.example\"]\n",
        )
        .expect("parses");
        base.merge(user);
        let amazon = base.get("amazon").expect("still there");
        assert_eq!(amazon.sender_domains, vec!["amazon.example".to_string()]);
    }

    #[test]
    fn within_matches_the_domain_and_its_subdomains_only() {
        assert!(within("amazon.com", "amazon.com"));
        assert!(within("bounces.amazon.com", "amazon.com"));
        assert!(!within("notamazon.com", "amazon.com"));
        assert!(!within("amazon.com.evil.ru", "amazon.com"));
    }

    #[test]
    fn within_any_says_what_within_says_of_each_domain() {
        let domains = ["amazon.com", "t.co", "s3.amazonaws.com", "ly"];
        for host in [
            "amazon.com",
            "bounces.amazon.com",
            "notamazon.com",
            "amazon.com.evil.ru",
            "t.co",
            "at.co",
            "x.t.co",
            "bucket.s3.amazonaws.com",
            "amazonaws.com",
            "bit.ly",
            ".t.co",
            "",
        ] {
            let each = domains.iter().any(|d| within(host, d));
            assert_eq!(within_any(host, &domains), each, "{host}");
        }
    }
}

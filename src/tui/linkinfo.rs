//! The link table of one message: visible text, real URL, registrable domain, whether the link is official
//! for the claimed brand (the analysis decides: `analysis::link_official`), and the warnings the analysis
//! raised about it. Pure; strings sanitised.

use std::collections::{HashMap, HashSet};

use crate::analysis::{self, Brands};
use crate::mail::{Link, LinkOrigin, Message};
use crate::model::{Group, Outcome, Verdict};

use super::wording::clean;

/// Most links listed.
const MAX_LINKS: usize = 1000;

/// One line of the link table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    /// Its number (as in the body view).
    pub n: usize,
    /// What the reader sees.
    pub text: String,
    /// Where it really goes.
    pub url: String,
    /// The registrable domain (with the Unicode form beside punycode), or what kind of host it is.
    pub domain: String,
    /// Official for the claimed brand, as the analysis judges links (redirectors unwrapped); `None` when no
    /// brand is claimed or there is no domain.
    pub official: Option<bool>,
    /// Warnings from the analysis about this link.
    pub warnings: Vec<String>,
}

/// The number of every distinct href, from 1 in order of first appearance; the body view numbers its links
/// the same way, so a link has one number in both.
pub fn numbers(msg: &Message) -> HashMap<&str, usize> {
    let mut known = HashMap::with_capacity(msg.links.len());
    for l in &msg.links {
        let next = known.len() + 1;
        known.entry(l.href.as_str()).or_insert(next);
    }
    known
}

/// The links worth a line each: a bare URL in the text part that an HTML anchor of the same message also has
/// (the same link in the message's two versions) is left out, and so is a repeat of the same href and text.
fn distinct(msg: &Message) -> Vec<&Link> {
    let anchors: HashSet<&str> = msg
        .links
        .iter()
        .filter(|l| l.origin == LinkOrigin::HtmlAnchor)
        .map(|l| l.href.as_str())
        .collect();
    let mut seen = HashSet::new();
    msg.links
        .iter()
        .filter(|l| !(l.origin == LinkOrigin::Text && anchors.contains(l.href.as_str())))
        .filter(|l| seen.insert((l.href.as_str(), l.text.as_str())))
        .collect()
}

/// How many lines the link table has before its cap.
pub fn distinct_count(msg: &Message) -> usize {
    distinct(msg).len()
}

/// The link table for a message and its verdict.
pub fn link_rows(msg: &Message, verdict: Option<&Verdict>, brands: &Brands) -> Vec<LinkRow> {
    let brand = verdict
        .and_then(|v| v.brand.as_deref())
        .and_then(|id| brands.get(id));
    let numbers = numbers(msg);
    distinct(msg)
        .into_iter()
        .take(MAX_LINKS)
        .map(|link| {
            let host = host_of(&link.href);
            let domain = host.as_deref().and_then(registrable);
            let official = brand.and_then(|b| analysis::link_official(&link.href, b));
            LinkRow {
                n: numbers.get(link.href.as_str()).copied().unwrap_or_default(),
                text: clean(&link.text),
                url: clean(&link.href),
                domain: clean(&describe(host.as_deref(), domain.as_deref())),
                official,
                warnings: warnings(
                    &link.href,
                    host.as_deref().filter(|_| official != Some(true)),
                    verdict,
                ),
            }
        })
        .collect()
}

/// The host of a URL, lowercased; `mailto:` gives the address's domain.
fn host_of(href: &str) -> Option<String> {
    let url = url::Url::parse(href.trim()).ok()?;
    if url.scheme() == "mailto" {
        let (_, domain) = url.path().rsplit_once('@')?;
        return Some(domain.to_ascii_lowercase());
    }
    Some(url.host_str()?.trim_end_matches('.').to_ascii_lowercase())
}

fn is_ip(host: &str) -> bool {
    host.starts_with('[') || host.parse::<std::net::IpAddr>().is_ok()
}

/// The registrable domain, never for IP literals (the public suffix list makes nonsense of them).
fn registrable(host: &str) -> Option<String> {
    if is_ip(host) {
        return None;
    }
    psl::domain_str(host).map(str::to_string)
}

fn describe(host: Option<&str>, domain: Option<&str>) -> String {
    match (host, domain) {
        (Some(h), _) if is_ip(h) => format!("IP address {h}"),
        (_, Some(d)) if d.split('.').any(|l| l.starts_with("xn--")) => {
            let (unicode, _) = idna::domain_to_unicode(d);
            format!("{d} ({unicode})")
        }
        (_, Some(d)) => d.to_string(),
        (Some(h), None) => h.to_string(),
        (None, None) => "—".to_string(),
    }
}

/// Titles of the link signals that warn or fail and whose evidence names this link, or its host when
/// that host is not official (an official host also appears in evidence as the text a fake link shows).
fn warnings(href: &str, host: Option<&str>, verdict: Option<&Verdict>) -> Vec<String> {
    let Some(v) = verdict else {
        return Vec::new();
    };
    let mut out: Vec<String> = v
        .signals
        .iter()
        .filter(|s| {
            s.id.group() == Group::Links && matches!(s.outcome, Outcome::Warn | Outcome::Fail)
        })
        .filter(|s| s.evidence.contains(href) || host.is_some_and(|h| s.evidence.contains(h)))
        .map(|s| clean(&s.title))
        .collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Score, Signal, SignalId, Trust};

    #[test]
    fn link_rows_judge_domains_against_the_brand() {
        let msg = Message {
            links: vec![
                Link {
                    href: "https://www.amazon.com/orders".into(),
                    text: "Orders".into(),
                    origin: LinkOrigin::HtmlAnchor,
                },
                Link {
                    href: "http://amaz0n-login.example.ru/x".into(),
                    text: "Sign in".into(),
                    origin: LinkOrigin::HtmlAnchor,
                },
                Link {
                    href: "http://192.168.1.1/a".into(),
                    text: "here".into(),
                    origin: LinkOrigin::HtmlAnchor,
                },
                Link {
                    href: "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.amazon.com%2Fgp%2Fcss&data=1".into(),
                    text: "Your orders".into(),
                    origin: LinkOrigin::HtmlAnchor,
                },
            ],
            ..Message::default()
        };
        let verdict = Verdict {
            brand: Some("amazon".into()),
            category: Category::AccountSecurity,
            trust: Trust::Phishing,
            decisive: vec![],
            score: Score::default(),
            advice: String::new(),
            signals: vec![Signal::new(
                SignalId::LinkOffbrand,
                Outcome::Fail,
                "Link goes off-brand",
                "http://amaz0n-login.example.ru/x",
            )],
        };
        let rows = link_rows(&msg, Some(&verdict), &Brands::embedded());
        assert_eq!(rows[0].domain, "amazon.com");
        assert_eq!(rows[0].official, Some(true));
        assert_eq!(rows[1].domain, "example.ru");
        assert_eq!(rows[1].official, Some(false));
        assert_eq!(rows[1].warnings, vec!["Link goes off-brand".to_string()]);
        assert_eq!(rows[2].domain, "IP address 192.168.1.1");
        assert_eq!(rows[2].official, None);
        // The analysis unwraps Safe Links: the table says what the verdict judged, not the wrapper's domain.
        assert_eq!(rows[3].domain, "outlook.com");
        assert_eq!(rows[3].official, Some(true));
    }

    #[test]
    fn a_link_in_both_the_html_and_the_text_part_is_listed_once() {
        let link = |href: &str, text: &str, origin| Link {
            href: href.into(),
            text: text.into(),
            origin,
        };
        let msg = Message {
            links: vec![
                link("https://evil.example/a", "Sign in", LinkOrigin::HtmlAnchor),
                link("https://shop.example/b", "Orders", LinkOrigin::HtmlAnchor),
                link("https://evil.example/a", "Sign in", LinkOrigin::HtmlAnchor),
                link(
                    "https://evil.example/a",
                    "https://evil.example/a",
                    LinkOrigin::Text,
                ),
                link(
                    "https://other.example/c",
                    "https://other.example/c",
                    LinkOrigin::Text,
                ),
                link(
                    "https://other.example/c",
                    "https://other.example/c",
                    LinkOrigin::Text,
                ),
            ],
            ..Message::default()
        };
        let rows = link_rows(&msg, None, &Brands::embedded());
        let listed: Vec<(usize, &str)> = rows.iter().map(|r| (r.n, r.url.as_str())).collect();
        assert_eq!(
            listed,
            [
                (1, "https://evil.example/a"),
                (2, "https://shop.example/b"),
                (3, "https://other.example/c")
            ]
        );
    }
}

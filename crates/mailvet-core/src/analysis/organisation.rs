//! Brand-agnostic sender checks, for the many organisations brands.toml does not know (regional banks, tax
//! offices, toll services, shops): a display name that presents an organisation — an organisation word (bank,
//! support team, 銀行, Kundenservice) or a name the subject repeats — which the From domain does not match; a
//! From domain that looks machine-made or sits on a TLD registered mostly for abuse; and, from such a sender,
//! links that all go to domains unrelated to it.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::Rules;
use super::auth::AuthFacts;
use super::brands::within;
use super::claim::{Claim, ClaimSource};
use super::destinations::web_hosts;
use super::phrases::{Hits, List, phrases};
use super::text::{self, Texts};
use super::{domains, hosts};
use crate::mail::Message;
use crate::model::{Outcome, Signal, SignalId};

/// Words of a display name that say nothing about whose it is.
const FILLER: &[&str] = &[
    "the",
    "and",
    "of",
    "for",
    "from",
    "your",
    "you",
    "our",
    "de",
    "do",
    "da",
    "del",
    "des",
    "du",
    "la",
    "le",
    "van",
    "von",
    "der",
    "den",
    "het",
    "di",
    "info",
    "no",
    "not",
    "reply",
    "noreply",
    "donotreply",
    "mail",
    "email",
    "news",
    "newsletter",
    "message",
    "bericht",
    "inc",
    "ltd",
    "llc",
    "gmbh",
    "co",
    "com",
    "www",
];

/// The organisation a display name presents, and how it reads.
struct Presented {
    /// The display name as written (before a list's " via ...").
    raw: String,
    /// Folded, with obfuscation undone.
    read: String,
    /// Why it reads as an organisation: the organisation word, or the name the subject repeats.
    why: String,
    /// It reads as one by an organisation word (stronger than the subject repeating it).
    by_word: bool,
    /// Its distinctive words (ASCII letters and digits, three or more).
    words: Vec<String>,
}

/// The display name without a mailing list's " via List" (the list rewrote the From; the name is the sender's).
fn own_name(name: &str) -> &str {
    let lower = name.to_lowercase();
    match lower.find(" via ") {
        Some(i) if name.is_char_boundary(i) => &name[..i],
        _ => name,
    }
}

/// The organisation the sender presents, if it presents one: by its display name, else by a 【tag】 opening the
/// subject, the way Japanese and Chinese organisations title their mail (【○○銀行】).
fn presented(msg: &Message, texts: &Texts) -> Option<Presented> {
    let name = msg.from.as_ref().and_then(|a| a.name.as_deref());
    name.and_then(|n| presented_by(own_name(n).trim(), texts))
        .or_else(|| {
            let tag = subject_tag(&msg.subject)?;
            let mut p = presented_by(tag, texts).filter(|p| p.by_word)?;
            p.why = format!("the subject opens with 【{tag}】");
            Some(p)
        })
}

/// What a subject's 【...】 tags hold that names an organisation word (`【重要】` does not).
fn subject_tag(subject: &str) -> Option<&str> {
    subject
        .split('【')
        .skip(1)
        .filter_map(|rest| rest.split_once('】').map(|(tag, _)| tag.trim()))
        .take(4)
        .find(|tag| {
            let padded = format!(" {} ", text::fold(tag, 256).trim());
            Hits::scan(&padded).first(List::Organisation).is_some()
        })
}

/// Phrases that are not a name of their own: organisation words, and words of the you, greeting and contact
/// lists. Gathered once.
static NOT_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    phrases(List::Organisation)
        .chain(phrases(List::You))
        .chain(phrases(List::Greeting))
        .chain(phrases(List::Contact))
        .collect()
});

/// The organisation the name `raw` presents, if it presents one.
fn presented_by(raw: &str, texts: &Texts) -> Option<Presented> {
    let read = text::reading(raw).unwrap_or_else(|| text::fold(raw, 256).trim().to_string());
    if read.is_empty() {
        return None;
    }
    let padded = format!(" {read} ");
    let words: Vec<String> = read
        .split(' ')
        .filter(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_alphanumeric()))
        .filter(|w| !FILLER.contains(w) && !NOT_NAMES.contains(w))
        .map(str::to_string)
        .collect();
    // The organisation word as read (obfuscation undone) or as written: reading drops accents along with
    // look-alike letters, and the word lists keep them ("ASSISTÊNCIA", "Sécurité").
    let plain = format!(" {} ", text::fold(raw, 256).trim());
    let word = Hits::scan(&padded)
        .first(List::Organisation)
        .or_else(|| Hits::scan(&plain).first(List::Organisation));
    let why = word.map(|p| format!("\"{p}\"")).or_else(|| {
        // A name the subject repeats ("Kraken" sending "[Kraken] ..."): people do not title their mail
        // with their own name, organisations do.
        let unspaced: String = read.chars().filter(|c| !c.is_whitespace()).collect();
        let cjk = !unspaced.is_ascii() && unspaced.chars().count() >= 2;
        let subject = texts.subject.text();
        words
            .iter()
            .find(|w| texts.subject.has(w))
            .map(|w| format!("the subject names \"{w}\" too"))
            .or_else(|| {
                (cjk && subject.replace(' ', "").contains(&unspaced))
                    .then(|| "the subject names it too".to_string())
            })
    })?;
    Some(Presented {
        raw: raw.to_string(),
        read,
        why,
        by_word: word.is_some(),
        words,
    })
}

/// Whether the From domain matches the presented name: a distinctive word inside the domain's label, the label
/// inside the name, or the name's initials.
fn matches(p: &Presented, label: &str) -> bool {
    let label: String = label.chars().filter(char::is_ascii_alphanumeric).collect();
    if label.len() < 2 {
        return false;
    }
    let compact: String = p.read.chars().filter(char::is_ascii_alphanumeric).collect();
    let initials: String = p
        .read
        .split(' ')
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_alphanumeric)
        .collect();
    p.words
        .iter()
        .any(|w| label.contains(w.as_str()) || acronym_of(w, &label))
        || (label.len() >= 3 && compact.contains(&label))
        || (initials.len() >= 2 && label.starts_with(&initials))
}

/// Whether a short word is an acronym of `label`: same first letter, and its letters appear in order
/// (`NOI` for `networksonline`).
fn acronym_of(word: &str, label: &str) -> bool {
    if word.len() > 4 || word.bytes().next() != label.bytes().next() {
        return false;
    }
    let mut rest = label.bytes();
    word.bytes().all(|b| rest.any(|l| l == b))
}

/// The checks.
pub fn check(
    msg: &Message,
    texts: &Texts,
    rules: &Rules,
    from_host: Option<&str>,
    claim: Option<&Claim>,
    auth: &AuthFacts,
) -> Vec<Signal> {
    let mut out = Vec::new();
    out.extend(throwaway_domain(rules, from_host));
    // A known brand named by the From domain or the display name has checks of its own.
    if claim.is_some_and(|c| matches!(c.source, ClaimSource::FromDomain | ClaimSource::DisplayName))
    {
        return out;
    }
    let Some(p) = presented(msg, texts) else {
        return out;
    };
    let Some(host) = from_host else {
        return out;
    };
    let reg = domains::registrable(host).unwrap_or(host);
    let free = rules.brands.is_freemail(host);
    let mut labels = vec![domains::reg_label(reg)];
    if rules.brands.is_shared_platform(host) {
        // A tenant of a shared platform is named in its subdomain (brand.some-esp.io).
        labels.extend(host[..host.len().saturating_sub(reg.len())].split(['.', '-']));
    }
    if !free && labels.iter().any(|l| matches(&p, l)) {
        out.extend(unrelated_links(msg, rules, host, &p));
        return out;
    }
    let outcome = if auth.from_authenticated && !free && !p.by_word {
        Outcome::Warn
    } else {
        Outcome::Fail
    };
    let shown = if p.read == text::fold(&p.raw, 256).trim() {
        format!("\"{}\"", p.raw)
    } else {
        format!("\"{}\" (reads \"{}\")", p.raw, p.read)
    };
    let title = if free {
        format!(
            "The display name presents an organisation ({}), from a free-mail address",
            p.why
        )
    } else {
        format!(
            "The display name presents an organisation ({}) that the From domain {} does not match",
            p.why,
            domains::shown(reg)
        )
    };
    out.push(Signal::new(
        SignalId::DisplayNameOrganisation,
        outcome,
        title,
        shown,
    ));
    out
}

/// `throwaway-domain`: a From domain that looks machine-made or sits on a TLD registered mostly for abuse.
fn throwaway_domain(rules: &Rules, from_host: Option<&str>) -> Option<Signal> {
    let host = from_host?;
    if rules.brands.sender_brand(host).is_some()
        || rules.brands.is_freemail(host)
        || rules.brands.is_shared_platform(host)
    {
        return None;
    }
    let why = hosts::random_label(host).map(str::to_string).or_else(|| {
        hosts::abused_tld(host).map(|t| format!("a .{t} domain, a TLD registered mostly for abuse"))
    })?;
    Some(Signal::new(
        SignalId::ThrowawayDomain,
        Outcome::Warn,
        format!("The From domain looks throw-away ({why})"),
        domains::shown(host),
    ))
}

/// `link-unrelated`: a sender presenting an organisation whose every web link goes to domains that are neither
/// its own nor named like it — the page asking for your data is somebody else's.
fn unrelated_links(msg: &Message, rules: &Rules, from_host: &str, p: &Presented) -> Option<Signal> {
    let from_reg = domains::registrable(from_host)?;
    // Hosts as written: an IP-literal host is unrelated to anyone.
    let hosts = web_hosts(msg);
    let unrelated = |h: &String| {
        let Some(h) = domains::normalise_host(h) else {
            return true;
        };
        // A domain that merely contains the name (`online-banking-northfield.com`) is how phishers borrow it.
        !within(&h, from_reg)
            && !rules.brands.is_shared_platform(&h)
            && !domains::registrable(&h)
                .is_some_and(|r| p.words.iter().any(|w| w == domains::reg_label(r)))
    };
    let first = hosts.first()?;
    hosts.iter().all(unrelated).then(|| {
        Signal::new(
            SignalId::LinkUnrelated,
            Outcome::Warn,
            format!(
                "Every link goes to domains unrelated to the sender {} (first: {})",
                domains::shown(from_reg),
                domains::shown(first)
            ),
            first.clone(),
        )
    })
}

/// `platform-abuse`: an authenticated notification of a platform where anyone writes the content (forms,
/// calendars, file sharing, code hosts, newsletter services) carrying a prize, money or credential lure whose
/// links all leave the platform. Authentication proves the platform sent it, not that the content is its own.
pub fn platform_abuse(
    signals: &[Signal],
    msg: &Message,
    rules: &Rules,
    claim: Option<&Claim>,
    auth: &AuthFacts,
) -> Option<Signal> {
    let c = claim.filter(|c| c.source == ClaimSource::FromDomain && auth.from_authenticated)?;
    let lure = signals.iter().find(|s| {
        matches!(
            s.id,
            SignalId::PrizeLure | SignalId::MoneyLure | SignalId::CredentialRequest
        ) && s.outcome == Outcome::Warn
    })?;
    let hosts: Vec<String> = web_hosts(msg)
        .iter()
        .filter_map(|h| domains::normalise_host(h))
        .filter(|h| !rules.brands.is_shared_platform(h))
        .collect();
    let first = hosts.first()?;
    hosts.iter().all(|h| !c.brand.owns_link(h)).then(|| {
        Signal::new(
            SignalId::PlatformAbuse,
            Outcome::Fail,
            format!(
                "Sent through {}, but its lure ({}) sends you off {} to {}",
                c.brand.display,
                lure.title.to_lowercase(),
                c.brand.display,
                domains::shown(first)
            ),
            lure.evidence.clone(),
        )
    })
}

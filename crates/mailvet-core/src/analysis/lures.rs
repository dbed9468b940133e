//! What the text offers or where it sends you off the channel: prizes, money (crypto giveaways, donations,
//! inheritances, compensation), a phone number to call about a charge, or a free-mail address to write to
//! instead of the sender. Phrases are data, per language (`phrases/`).

use super::Rules;
use super::content::phrases;
use super::domains;
use super::phrases::{Hits, List};
use super::text::Texts;
use crate::mail::Message;
use crate::model::{Outcome, Signal, SignalId};

/// How much of the body is searched for a phone number or a contact address.
const BODY_LIMIT: usize = 8 * 1024;

/// The lure signals.
pub fn check(msg: &Message, texts: &Texts, rules: &Rules, from_host: Option<&str>) -> Vec<Signal> {
    let mut out = Vec::new();
    out.extend(callback(texts, &msg.text));
    out.extend(phrases(
        texts,
        List::Prize,
        SignalId::PrizeLure,
        "Prize, gift or reward lure",
        2,
    ));
    out.extend(money(texts));
    out.extend(contact_elsewhere(msg, rules, from_host));
    out.extend(file_share_lure(msg, texts, rules, from_host));
    out
}

/// Whether the text names one of the recipients by their first name (folded).
fn names_recipient(msg: &Message, texts: &Texts) -> bool {
    msg.to.iter().take(8).any(|to| {
        to.name
            .as_deref()
            .and_then(|n| {
                n.split(|c: char| !c.is_alphabetic())
                    .find(|w| w.chars().count() >= 2)
            })
            .is_some_and(|first| texts.body.has(&first.to_lowercase()))
    })
}

/// `file-share-lure`: a free-mail stranger whose whole message is a few words and a link to a file-sharing or
/// document host — the "see the attached document" lure that leads to a sign-in page. Fails unless the text
/// names the recipient.
fn file_share_lure(
    msg: &Message,
    texts: &Texts,
    rules: &Rules,
    from_host: Option<&str>,
) -> Option<Signal> {
    /// At most this much folded text, links aside, counts as "a few words".
    const SHORT: usize = 600;
    from_host.filter(|h| rules.brands.is_freemail(h))?;
    let subject = msg.subject.trim_start().to_lowercase();
    if msg.list_id.is_some() || subject.starts_with("re:") || subject.starts_with("aw:") {
        return None;
    }
    let hosts: Vec<(String, &str)> = msg
        .links
        .iter()
        .take(50)
        .filter_map(|l| {
            let url = url::Url::parse(l.href.trim()).ok()?;
            let host = url.host_str().and_then(domains::normalise_host)?;
            Some((host, l.href.as_str()))
        })
        .collect();
    let (_, href) = hosts
        .iter()
        .find(|(h, _)| super::hosts::is_file_sharing(h))?;
    let words = texts
        .body
        .text()
        .len()
        .saturating_sub(msg.links.iter().map(|l| l.href.len()).sum());
    let few_hosts = hosts
        .iter()
        .all(|(h, _)| Some(h) == hosts.first().map(|(f, _)| f));
    if words > SHORT || !few_hosts {
        return None;
    }
    let outcome = if names_recipient(msg, texts) {
        Outcome::Warn
    } else {
        Outcome::Fail
    };
    Some(Signal::new(
        SignalId::FileShareLure,
        outcome,
        "A free-mail stranger sends only a few words and a link to a file-sharing or document host",
        *href,
    ))
}

/// `money-lure`: money handed out for nothing (two such phrases, or one with money named).
fn money(texts: &Texts) -> Option<Signal> {
    let gifts = texts.find_all(List::Gift);
    let sums = texts.find_all(List::Money);
    if gifts.is_empty() {
        return None;
    }
    let outcome = if gifts.len() >= 2 || !sums.is_empty() {
        Outcome::Warn
    } else {
        Outcome::Info
    };
    let quoted: Vec<String> = gifts
        .iter()
        .chain(&sums)
        .take(4)
        .map(|p| format!("\"{p}\""))
        .collect();
    Some(Signal::new(
        SignalId::MoneyLure,
        outcome,
        "Offers money for nothing: a giveaway, donation, inheritance or compensation",
        quoted.join(", "),
    ))
}

/// A phone number: 10 to 13 digits in one run of digits, spaces, dots, dashes, parentheses and a leading `+`.
fn phone_number(raw: &str) -> Option<String> {
    let mut run = String::new();
    let mut digits = 0;
    for c in raw.chars().take(BODY_LIMIT).chain([' ', '\n']) {
        let joiner = matches!(c, ' ' | '-' | '.' | '(' | ')' | '+');
        if c.is_ascii_digit() || (joiner && (digits > 0 || matches!(c, '+' | '('))) {
            digits += usize::from(c.is_ascii_digit());
            run.push(c);
            continue;
        }
        if (10..=13).contains(&digits) {
            return Some(run.trim().to_string());
        }
        run.clear();
        digits = 0;
    }
    None
}

/// `callback-lure`: money or subscription talk with a phone number to call (the "call us to cancel" scam).
fn callback(texts: &Texts, raw: &str) -> Option<Signal> {
    let money = texts.find_all(List::Callback);
    if money.len() < 2 || texts.find_all(List::CallWords).is_empty() {
        return None;
    }
    let number = phone_number(raw)?;
    Some(Signal::new(
        SignalId::CallbackLure,
        Outcome::Warn,
        "Talks money or renewals and gives a number to call",
        format!(
            "{number}; \"{}\"",
            money
                .iter()
                .take(3)
                .copied()
                .collect::<Vec<_>>()
                .join("\", \"")
        ),
    ))
}

/// The e-mail addresses written in `text` (at most `limit` bytes of it), each with the text just before it.
fn addresses(text: &str, limit: usize) -> impl Iterator<Item = (&str, &str)> {
    let mut end = text.len().min(limit);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
    text.match_indices('@').take(50).filter_map(move |(at, _)| {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| word(*c))
            .last()
            .map(|(i, _)| i)?;
        let rest = &text[at + 1..];
        let len = rest.find(|c: char| !word(c)).unwrap_or(rest.len());
        let addr = text[start..at + 1 + len].trim_end_matches('.');
        let mut before = start.saturating_sub(80);
        while !text.is_char_boundary(before) {
            before -= 1;
        }
        Some((addr, &text[before..start]))
    })
}

/// `contact-elsewhere`: the text asks you to write to a free-mail address while the sender writes from a domain
/// of its own — the scammer's real mailbox behind a borrowed or compromised one. A Reply-To doing the same is
/// `reply-to-mismatch`; list mail is left alone.
fn contact_elsewhere(msg: &Message, rules: &Rules, from_host: Option<&str>) -> Option<Signal> {
    let from_host = from_host.filter(|h| !rules.brands.is_freemail(h))?;
    if msg.list_id.is_some() {
        return None;
    }
    let known = |a: &str| {
        msg.reply_to
            .iter()
            .chain(&msg.to)
            .chain(&msg.cc)
            .any(|r| r.address.eq_ignore_ascii_case(a))
    };
    let (addr, _) = addresses(&msg.text, BODY_LIMIT).find(|(addr, before)| {
        let host = addr
            .rsplit_once('@')
            .and_then(|(_, d)| domains::normalise_host(d));
        host.is_some_and(|h| rules.brands.is_freemail(&h) && h != from_host)
            && !known(addr)
            && Hits::scan(&super::text::fold(before, 256))
                .first(List::Contact)
                .is_some()
    })?;
    Some(Signal::new(
        SignalId::ContactElsewhere,
        Outcome::Warn,
        "Asks you to write to a free-mail address instead of the sender",
        addr,
    ))
}

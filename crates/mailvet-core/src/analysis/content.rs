//! What the text asks for: generic vs personal greeting, urgency and threats, requests for credentials, card
//! or personal data, and HTML forms (what it offers is in `lures`). Phrase lists are data, per language
//! (`phrases/`); matching is on whole folded words.

use super::Rules;
use super::domains;
use super::phrases::List;
use super::text::{self, Folded, Texts};
use crate::mail::Message;
use crate::model::{Outcome, Signal, SignalId};

const SENSITIVE_INPUTS: &str = "password|pass|pwd|card|cc|cvv|cvc|pin|ssn|otp";

/// The content signals; `from_host` is the normalised From domain.
pub fn check(msg: &Message, texts: &Texts, rules: &Rules, from_host: Option<&str>) -> Vec<Signal> {
    let mut out = Vec::new();
    out.extend(greeting(msg, texts));
    out.extend(urgency(texts));
    out.extend(mixed_script(msg));
    out.extend(credentials(texts));
    out.extend(forms(msg, rules, from_host));
    out
}

/// `urgency`: pressure in the subject, or two pressing phrases anywhere.
fn urgency(texts: &Texts) -> Option<Signal> {
    let mut signal = phrases(
        texts,
        List::Urgency,
        SignalId::Urgency,
        "Pressure or threats",
        2,
    )?;
    if let Some(p) = texts.subject_hits.first(List::Urgency) {
        signal.outcome = Outcome::Warn;
        signal.title = format!("Pressure in the subject (\"{p}\")");
    }
    Some(signal)
}

/// Which alphabet a letter belongs to, for the few that phishers mix: 0 Latin, 1 Cyrillic, 2 Greek, 3 styled
/// mathematical letters; `None` for anything else.
fn alphabet(c: char) -> Option<u8> {
    match c as u32 {
        0x41..=0x5a | 0x61..=0x7a | 0xc0..=0x24f => Some(0),
        0x400..=0x4ff => Some(1),
        0x370..=0x3ff => Some(2),
        0x1d400..=0x1d7ff => Some(3),
        _ => None,
    }
}

/// `mixed-script`: a word of the subject or sender name mixing alphabets (`Prоmo` with a Cyrillic о), which no
/// genuine sender writes and filters fail to read.
fn mixed_script(msg: &Message) -> Option<Signal> {
    let name = msg
        .from
        .as_ref()
        .and_then(|a| a.name.as_deref())
        .unwrap_or("");
    let words = msg
        .subject
        .split_whitespace()
        .chain(name.split_whitespace())
        .take(200);
    let word = words.into_iter().find(|w| {
        let mut seen = [false; 4];
        for c in w.chars().take(64) {
            if let Some(a) = alphabet(c) {
                seen[usize::from(a)] = true;
            }
        }
        seen[3] || (seen[0] && (seen[1] || seen[2]))
    })?;
    Some(Signal::new(
        SignalId::MixedScript,
        Outcome::Fail,
        "Look-alike letters from another alphabet in the subject or sender name",
        word,
    ))
}

/// `credential-request`: one request phrase, or two sensitive things named.
fn credentials(texts: &Texts) -> Option<Signal> {
    let mut found = texts.find_all(List::Credentials);
    let strong = !found.is_empty();
    found.extend(texts.find_all(List::CredentialNouns));
    if found.is_empty() {
        return None;
    }
    let outcome = if strong || found.len() >= 2 {
        Outcome::Warn
    } else {
        Outcome::Info
    };
    let quoted: Vec<String> = found.iter().take(4).map(|p| format!("\"{p}\"")).collect();
    Some(Signal::new(
        SignalId::CredentialRequest,
        outcome,
        "Asks for credentials, card or personal data",
        quoted.join(", "),
    ))
}

/// A warning when at least `warn_at` distinct phrases are found, info for fewer.
pub fn phrases(
    texts: &Texts,
    list: List,
    id: SignalId,
    title: &str,
    warn_at: usize,
) -> Option<Signal> {
    let found = texts.find_all(list);
    if found.is_empty() {
        return None;
    }
    let outcome = if found.len() >= warn_at {
        Outcome::Warn
    } else {
        Outcome::Info
    };
    let quoted: Vec<String> = found.iter().take(4).map(|p| format!("\"{p}\"")).collect();
    Some(Signal::new(id, outcome, title, quoted.join(", ")))
}

/// A greeting word followed by `who` in the opening of `opening`, if any.
fn greets(opening: &Folded, who: &str) -> Option<String> {
    // Most texts never name `who`: one lookup spares building a phrase per greeting word.
    if !opening.has_before(who, Texts::OPENING) {
        return None;
    }
    opening
        .first_before(super::phrases::phrases(List::Greeting), who, Texts::OPENING)
        .map(|g| format!("{g} {who}"))
}

/// The local part of `address` folded, when it is not a plain name (`anne.compras`, `jsmith72`): a greeting by
/// it is a greeting by mailbox, which a sender who knows you does not write.
fn mailbox_name(address: &str) -> Option<String> {
    let local = address.rsplit_once('@')?.0;
    let folded = text::fold(local, 128).trim().to_string();
    (folded.contains(' ') || folded.chars().any(|c| c.is_ascii_digit())).then_some(folded)
}

/// `personal-greeting` when the text greets the recipient by name, `generic-greeting` for "Dear Customer", a
/// greeting by e-mail address or mailbox name (body or subject), or by a web address.
fn greeting(msg: &Message, texts: &Texts) -> Option<Signal> {
    let opening = &texts.body;
    for to in msg.to.iter().take(8) {
        let first = to
            .name
            .as_deref()
            .and_then(|n| {
                n.split(|c: char| !c.is_alphabetic())
                    .find(|w| w.chars().count() >= 2)
            })
            .map(str::to_lowercase);
        let addr = text::fold(&to.address, 256);
        if to.address.contains('@')
            && msg
                .subject
                .to_lowercase()
                .contains(&to.address.to_lowercase())
        {
            return Some(Signal::new(
                SignalId::GenericGreeting,
                Outcome::Warn,
                "Addresses you by e-mail address in the subject",
                msg.subject.clone(),
            ));
        }
        if let Some(hit) = Some(addr.trim())
            .filter(|a| !a.is_empty())
            .and_then(|a| greets(opening, a))
        {
            return Some(Signal::new(
                SignalId::GenericGreeting,
                Outcome::Warn,
                "Greets you by e-mail address",
                hit,
            ));
        }
        if let Some(hit) = mailbox_name(&to.address)
            .and_then(|m| greets(opening, &m).or_else(|| greets(&texts.subject, &m)))
        {
            return Some(Signal::new(
                SignalId::GenericGreeting,
                Outcome::Warn,
                "Greets you by the name of your mailbox",
                hit,
            ));
        }
        if let Some(hit) = first.and_then(|f| greets(opening, &f)) {
            return Some(Signal::new(
                SignalId::PersonalGreeting,
                Outcome::Pass,
                "Greets you by name",
                hit,
            ));
        }
    }
    if let Some(hit) = ["www", "http", "https"]
        .iter()
        .find_map(|w| greets(opening, w))
    {
        return Some(Signal::new(
            SignalId::GenericGreeting,
            Outcome::Warn,
            "Greets you with a web address",
            hit,
        ));
    }
    texts
        .body_hits
        .first_before(List::Generic, Texts::OPENING)
        .map(|p| {
            Signal::new(
                SignalId::GenericGreeting,
                Outcome::Warn,
                "Generic greeting",
                format!("\"{p}\""),
            )
        })
}

/// The host a form sends what you type to, when it is not the sender's own domain, a shared platform nor a known
/// brand's site (an IP-literal host belongs to nobody).
fn foreign_action(action: &str, rules: &Rules, from_host: Option<&str>) -> Option<String> {
    let url = url::Url::parse(action.trim()).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    let from_label = from_host
        .and_then(domains::registrable)
        .map(domains::reg_label);
    // The sender's own domain, under any of its TLDs (a newsletter's form may post to its .com).
    let own = domains::normalise_host(&host).is_some_and(|h| {
        domains::registrable(&h).is_some_and(|r| Some(domains::reg_label(r)) == from_label)
            || rules.brands.is_known_site(&h)
    });
    (!own).then_some(host)
}

/// `html-form`: forms inside a mail; ones asking for passwords or cards fail, and so do ones that send what you
/// type to another domain than the sender's.
fn forms(msg: &Message, rules: &Rules, from_host: Option<&str>) -> Option<Signal> {
    let form = msg.forms.first()?;
    let sensitive = msg.forms.iter().flat_map(|f| f.inputs.iter()).find(|i| {
        i.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| SENSITIVE_INPUTS.split('|').any(|s| s == w))
    });
    let action = form.action.clone().unwrap_or_else(|| "(no action)".into());
    Some(match sensitive {
        Some(input) => Signal::new(
            SignalId::HtmlForm,
            Outcome::Fail,
            format!("Form asks for \"{input}\" inside the mail"),
            action,
        ),
        None => match msg
            .forms
            .iter()
            .find_map(|f| foreign_action(f.action.as_deref()?, rules, from_host))
        {
            Some(host) => Signal::new(
                SignalId::HtmlForm,
                Outcome::Fail,
                format!(
                    "A form inside the mail sends what you type to {}, not to the sender",
                    domains::shown(&host)
                ),
                action,
            ),
            None => Signal::new(
                SignalId::HtmlForm,
                Outcome::Info,
                "The mail contains a form",
                action,
            ),
        },
    })
}

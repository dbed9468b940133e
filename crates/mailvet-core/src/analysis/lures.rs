//! What the text offers or where it sends you off the channel: prizes, money (crypto giveaways, donations,
//! inheritances, compensation), a phone number to call about a charge, or a free-mail address to write to
//! instead of the sender. Phrases are whole folded words, in the dev set's languages.

use super::Rules;
use super::content::phrases;
use super::domains;
use super::text::{Phrases, Texts};
use crate::mail::Message;
use crate::model::{Outcome, Signal, SignalId};

/// How much of the body is searched for a phone number or a contact address.
const BODY_LIMIT: usize = 8 * 1024;

/// Money or subscription talk that, with a phone number to call, makes a callback scam.
static CALLBACK: Phrases = Phrases::new(
    "renewal|auto renewal|automatic renewal|subscription|will be charged|has been charged|\
    payment of|will be processed|been processed|refund|cancel|invoice|transaction|order|purchase|\
    membership|charged|billing",
);

static CALL_WORDS: Phrases = Phrases::new(
    "call|phone|helpline|help line|help center|toll free|support number|contact us|\
    customer care|customer service|hotline",
);

static PRIZE: Phrases = Phrases::new(
    "you have won|you ve won|you won|winner|congratulations|gift card|claim your|free gift|prize|lottery|\
    selected to receive|mystery box|survey|reward|gewonnen|gewinnspiel|gutschein|geschenkkarte|gewinner|\
    glückwunsch|belohnung|prämie|parabéns|prêmio|ganhou|brinde|recompensa|sorteio|felicidades|premio|\
    ganador|félicitations|gagné|cadeau",
);

/// Money, as scams name it.
static MONEY: Phrases = Phrases::new(
    "crypto|cryptocurrency|bitcoin|bitcoins|btc|usdt|ethereum|tokens|coin|coins|virtual assets|\
    digital assets|million|millions|us dollar|us dollars|usd|millionen|milhões|millones",
);

/// Money handed to the reader for nothing: giveaways, donations, inheritances, compensation, "did you get it?".
static GIFT: Phrases = Phrases::new(
    "giveaway|airdrop|cashback|cash back|compensation|inheritance|beneficiary|next of kin|\
    unclaimed|donation|been selected|entitled to|collect your|ready for collection|have you received|\
    has been transmitted|double your|spende|ausgewählt|erbschaft|entschädigung|\
    doação|herança|indenização|selecionado|donación|herencia|indemnización|seleccionado|héritage|\
    indemnisation|sélectionné|eredità|donazione",
);

/// Words that ask the reader to write somewhere.
static CONTACT: Phrases = Phrases::new(
    "contact|email|e mail|mail|write|reply|respond|send|reach|kontaktieren|kontakt|schreiben|\
    contato|contacte|contacto|escreva|escriba|écrivez|contattare",
);

/// The lure signals.
pub fn check(msg: &Message, texts: &Texts, rules: &Rules, from_host: Option<&str>) -> Vec<Signal> {
    let mut out = Vec::new();
    out.extend(callback(texts, &msg.text));
    out.extend(phrases(
        texts,
        &PRIZE,
        SignalId::PrizeLure,
        "Prize, gift or reward lure",
        2,
    ));
    out.extend(money(texts));
    out.extend(contact_elsewhere(msg, rules, from_host));
    out
}

/// `money-lure`: money handed out for nothing (two such phrases, or one with money named).
fn money(texts: &Texts) -> Option<Signal> {
    let gifts = texts.find_all(&GIFT);
    let sums = texts.find_all(&MONEY);
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
    let money = texts.find_all(&CALLBACK);
    if money.len() < 2 || texts.find_all(&CALL_WORDS).is_empty() {
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
            && super::text::find(&super::text::fold(before, 256), &CONTACT).is_some()
    })?;
    Some(Signal::new(
        SignalId::ContactElsewhere,
        Outcome::Warn,
        "Asks you to write to a free-mail address instead of the sender",
        addr,
    ))
}

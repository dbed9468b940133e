//! `lure-offsite`: a lure (a request for credentials or payment, threats, a prize, money) on mail that claims no
//! brand, whose every link goes to domains unrelated to the sender's — the attacker's own, freshly
//! authenticated domain sends it, and the page it wants you on is somewhere else again. Works with and without
//! Authentication-Results and in every language the lure phrases cover.

use super::Rules;
use super::brands::within;
use super::claim::Claim;
use super::destinations::web_hosts;
use super::domains;
use crate::mail::Message;
use crate::model::{Outcome, Signal, SignalId};

/// The signals that carry a lure.
const LURES: &[SignalId] = &[
    SignalId::CredentialRequest,
    SignalId::Urgency,
    SignalId::PrizeLure,
    SignalId::MoneyLure,
    SignalId::CallbackLure,
];

/// The check, over the signals found so far. Fails when a lure is a warning already, warns when several kinds
/// of lure are only mentioned (information).
pub fn check(
    signals: &[Signal],
    msg: &Message,
    rules: &Rules,
    from_host: Option<&str>,
    claim: Option<&Claim>,
) -> Option<Signal> {
    // A brand claim has its own link check (`link-offbrand`); list mail links to the list.
    if claim.is_some_and(|c| c.source.is_origin()) || msg.list_id.is_some() {
        return None;
    }
    let from_reg = from_host.and_then(domains::registrable)?;
    let lures: Vec<&Signal> = signals
        .iter()
        .filter(|s| LURES.contains(&s.id) && matches!(s.outcome, Outcome::Warn | Outcome::Info))
        .collect();
    // One lure mentioned in passing (a news item's "prize") is no lure; several kinds together are.
    let strong = lures.iter().find(|s| s.outcome == Outcome::Warn);
    let lure = strong.or(lures.first().filter(|_| lures.len() >= 2))?;
    // Hosts as written, a sending platform's click trackers and known brands' own sites aside (a link to a real
    // brand's site leads to no phishing page); an IP-literal host belongs to nobody.
    let hosts: Vec<String> = web_hosts(msg)
        .into_iter()
        .filter(|h| !rules.brands.is_known_site(h))
        .collect();
    let first = hosts.first()?;
    let unrelated = |h: &String| domains::normalise_host(h).is_none_or(|h| !within(&h, from_reg));
    if !hosts.iter().all(unrelated) {
        return None;
    }
    let outcome = if lure.outcome == Outcome::Warn {
        Outcome::Fail
    } else {
        Outcome::Warn
    };
    Some(Signal::new(
        SignalId::LureOffsite,
        outcome,
        format!(
            "{} — and every link leaves the sender's domain {} (first: {})",
            lure.title,
            domains::shown(from_reg),
            domains::shown(first)
        ),
        lure.evidence.clone(),
    ))
}

//! The display-name checks of the sender: a brand or an address shown in the name that the From address does
//! not back, and a name written apart from its mailbox.

use super::Rules;
use super::claim::{Claim, ClaimSource};
use super::domains;
use super::text;
use crate::mail::Message;
use crate::model::{Outcome, Signal, SignalId};

pub(super) fn display_name_brand(
    msg: &Message,
    rules: &Rules,
    from_host: Option<&str>,
    claim: Option<&Claim>,
) -> Option<Signal> {
    let name = msg.from.as_ref()?.name.as_deref()?;
    let c =
        claim.filter(|c| matches!(c.source, ClaimSource::DisplayName | ClaimSource::FromDomain))?;
    let owned = from_host.is_some_and(|h| c.brand.owns_sender(h));
    if c.source == ClaimSource::FromDomain
        && !super::claim::is_named_in(&rules.brands, c.brand, name)
    {
        // A platform's own address whose display name claims another brand: the platform carried someone
        // else's mail (a form, a shared file, a newsletter) dressed as that brand.
        let label = from_host
            .and_then(domains::registrable)
            .map(domains::reg_label)
            .unwrap_or_default();
        let other = super::claim::brand_named_in(name, &rules.brands).filter(|o| {
            // A renamed or sister brand whose name the domain carries (Hermes on myhermes.co.uk) is no claim.
            o.id != c.brand.id
                && !o
                    .names
                    .iter()
                    .chain([&o.id])
                    .any(|n| label.contains(n.as_str()))
        })?;
        let read = text::reading(name).map_or_else(String::new, |r| format!(" (reads \"{r}\")"));
        return Some(Signal::new(
            SignalId::DisplayNameBrand,
            Outcome::Fail,
            format!(
                "Display name names {}, but the mail comes from {}'s platform",
                other.display, c.brand.display
            ),
            format!("{name}{read}"),
        ));
    }
    let relay = from_host.is_some_and(|h| c.brand.is_relay(h));
    let (outcome, title) = if relay {
        (
            Outcome::Info,
            format!(
                "Display name names {}, sent through its relay",
                c.brand.display
            ),
        )
    } else if owned {
        (
            Outcome::Pass,
            format!(
                "Display name names {} and the domain is theirs",
                c.brand.display
            ),
        )
    } else {
        (
            Outcome::Fail,
            format!(
                "Display name names {}, the address is not theirs",
                c.brand.display
            ),
        )
    };
    let read = text::reading(name).map_or_else(String::new, |r| format!(" (reads \"{r}\")"));
    Some(Signal::new(
        SignalId::DisplayNameBrand,
        outcome,
        title,
        format!("{name}{read}"),
    ))
}

/// Domains written in a display name (`"service@paypal.com" <x@evil.ru>`, `Amazon.de`).
fn domains_in(name: &str) -> Vec<String> {
    name.split(|c: char| {
        c.is_whitespace() || matches!(c, '<' | '>' | '"' | '(' | ')' | ',' | ';' | ':' | '\'')
    })
    .filter_map(|w| {
        let host = w.rsplit_once('@').map_or(w, |(_, d)| d);
        let host = host.trim_end_matches('.');
        (host.contains('.') && host.chars().any(|c| c.is_alphabetic())).then_some(host)
    })
    .filter_map(domains::registrable_of)
    .take(8)
    .collect()
}

pub(super) fn display_name_address(msg: &Message, from_host: Option<&str>) -> Option<Signal> {
    let name = msg.from.as_ref()?.name.as_deref()?;
    let from_reg = from_host.and_then(domains::registrable);
    let foreign = domains_in(name)
        .into_iter()
        .find(|d| Some(d.as_str()) != from_reg && domains::has_known_suffix(d))?;
    Some(Signal::new(
        SignalId::DisplayNameAddress,
        Outcome::Fail,
        format!(
            "Display name shows another domain ({})",
            domains::shown(&foreign)
        ),
        name,
    ))
}

/// `display-name-detached`: a name written in From with no address of its own beside the real mailbox.
pub(super) fn display_name_detached(msg: &Message) -> Option<Signal> {
    let name = msg.from_detached_name.as_deref()?;
    let address = msg.from.as_ref().map_or("", |a| a.address.as_str());
    Some(Signal::new(
        SignalId::DisplayNameDetached,
        Outcome::Fail,
        "The From header shows a name that belongs to no address, beside the real sender",
        format!("\"{name}\" shown; sent by {address}"),
    ))
}

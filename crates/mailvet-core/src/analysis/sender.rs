//! Who the message says it is from: the From domain against the claimed brand, the display name (brand names,
//! embedded addresses), free-mail senders claiming a brand, and Reply-To / Return-Path domains.

use super::Rules;
use super::claim::{Claim, ClaimSource};
use super::display_name::{display_name_address, display_name_brand, display_name_detached};
use super::domains;
use super::phrases::List;
use super::text::{self, Texts};
use crate::mail::Message;
use crate::model::{Category, Outcome, Signal, SignalId};

/// The sender signals; `from_host` is the normalised From domain.
pub fn check(
    msg: &Message,
    texts: &Texts,
    rules: &Rules,
    from_host: Option<&str>,
    claim: Option<&Claim>,
    category: Category,
) -> Vec<Signal> {
    let mut out = Vec::new();
    let from_addr = msg.from.as_ref().map_or("", |a| a.address.as_str());
    out.push(sender_domain(msg, texts, rules, from_host, claim, category));
    if let Some(s) = lookalike(from_host, claim) {
        out.push(s);
    }
    out.extend(display_name_brand(msg, rules, from_host, claim));
    out.extend(display_name_address(msg, from_host));
    out.extend(display_name_detached(msg));
    out.extend(freemail_brand(rules, from_addr, from_host, claim));
    out.extend(freemail_business(msg, rules, from_host, claim, category));
    out.extend(reply_to(msg, rules, from_host, claim));
    out.extend(return_path(msg, rules, from_host, claim));
    out
}

/// Whether the display name says a platform sent it for someone else (`Jane Doe (via Google Docs)`).
pub fn sent_via(msg: &Message) -> bool {
    msg.from
        .as_ref()
        .and_then(|a| a.name.as_deref())
        .is_some_and(|n| text::has(&text::fold(n, 256), "via"))
}

/// Whether naming a brand in passing is ordinary here: list mail always, replies for mentions in the body
/// (a subject's "Re:" is too easy to fake to excuse a brand in it).
fn conversational(msg: &Message, source: ClaimSource) -> bool {
    let subject = msg.subject.trim_start().to_lowercase();
    let reply = subject.starts_with("re:") || subject.starts_with("aw:");
    msg.list_id.is_some() || (reply && source == ClaimSource::Body)
}

/// Whether the category is an order, account or seller notice rather than news or chat.
fn business(category: Category) -> bool {
    matches!(
        category,
        Category::AccountSecurity | Category::OrdersShipping | Category::SellerPerformance
    )
}

/// Whether the subject reads as an order, account or seller notice addressed to the reader ("Your ... order").
fn notice_to_you(texts: &Texts, category: Category) -> bool {
    business(category) && texts.subject_hits.first(List::You).is_some()
}

fn sender_domain(
    msg: &Message,
    texts: &Texts,
    rules: &Rules,
    from_host: Option<&str>,
    claim: Option<&Claim>,
    category: Category,
) -> Signal {
    let id = SignalId::SenderDomain;
    let from_addr = msg.from.as_ref().map_or("", |a| a.address.as_str());
    // Naming a brand in passing is ordinary in list mail, and links alone claim nothing.
    let claimed = claim.filter(|c| {
        c.source.is_origin() || (c.source != ClaimSource::Links && !conversational(msg, c.source))
    });
    let Some(host) = from_host else {
        // Genuine mail about a brand always has a real From domain, whatever claims the brand (links too).
        let outcome = if claimed.is_some() || claim.is_some_and(|c| c.source == ClaimSource::Links)
        {
            Outcome::Fail
        } else {
            Outcome::Warn
        };
        return Signal::new(id, outcome, "From has no real domain", from_addr);
    };
    let shown = domains::shown(host);
    if claimed.is_none_or(|c| !c.source.is_origin()) && rules.brands.is_shared_platform(host) {
        let title =
            format!("From a shared platform's default domain ({shown}), which anyone can get");
        return Signal::new(id, Outcome::Warn, title, from_addr);
    }
    let Some(c) = claimed else {
        return Signal::new(id, Outcome::Info, format!("From domain {shown}"), from_addr);
    };
    let brand = &c.brand.display;
    let how = c.source.describe();
    let (outcome, title) = if c.brand.is_relay(host) || (c.brand.owns_sender(host) && sent_via(msg))
    {
        (
            Outcome::Info,
            format!("Sent through {brand}'s platform for a third party, who wrote it"),
        )
    } else if c.brand.owns_sender(host) {
        (
            Outcome::Pass,
            format!("From domain {shown} is official for {brand}"),
        )
    } else if c.source.is_origin()
        || (c.source == ClaimSource::Subject && notice_to_you(texts, category))
    {
        (
            Outcome::Fail,
            format!("Claims {brand} ({how}) but From domain {shown} is not one of its domains"),
        )
    } else {
        (
            Outcome::Warn,
            format!("{how} names {brand} but From domain {shown} is not one of its domains"),
        )
    };
    Signal::new(id, outcome, title, from_addr)
}

fn lookalike(from_host: Option<&str>, claim: Option<&Claim>) -> Option<Signal> {
    let l = claim?.lookalike.as_ref()?;
    let host = from_host?;
    Some(Signal::new(
        l.kind.signal_id(),
        Outcome::Fail,
        format!("From domain imitates {} ({})", l.brand.display, l.imitated),
        domains::shown(host),
    ))
}

fn freemail_brand(
    rules: &Rules,
    from_addr: &str,
    from_host: Option<&str>,
    claim: Option<&Claim>,
) -> Option<Signal> {
    let c =
        claim.filter(|c| matches!(c.source, ClaimSource::DisplayName | ClaimSource::Subject))?;
    let host = from_host?;
    rules.brands.is_freemail(host).then(|| {
        Signal::new(
            SignalId::FreemailBrand,
            Outcome::Fail,
            format!("Claims {} from a free-mail address", c.brand.display),
            from_addr,
        )
    })
}

/// `freemail-business`: a free-mail address sending what reads as an order, payment or account notice, which
/// businesses send from their own domains.
fn freemail_business(
    msg: &Message,
    rules: &Rules,
    from_host: Option<&str>,
    claim: Option<&Claim>,
    category: Category,
) -> Option<Signal> {
    let host = from_host.filter(|h| rules.brands.is_freemail(h))?;
    let brand_claim =
        claim.is_some_and(|c| matches!(c.source, ClaimSource::DisplayName | ClaimSource::Subject));
    (business(category) && !brand_claim && !conversational(msg, ClaimSource::Body)).then(|| {
        if undisclosed(msg) {
            Signal::new(
                SignalId::FreemailBusiness,
                Outcome::Fail,
                format!(
                    "A free-mail address ({host}) mass-mails an order, payment or account notice to hidden recipients"
                ),
                msg.subject.chars().take(120).collect::<String>(),
            )
        } else {
            Signal::new(
                SignalId::FreemailBusiness,
                Outcome::Warn,
                format!("A free-mail address ({host}) sends an order, payment or account notice"),
                msg.subject.chars().take(120).collect::<String>(),
            )
        }
    })
}

/// Whether the recipients are hidden: no address in To or Cc (`undisclosed-recipients:;`), or only the sender's
/// own — how one message goes to many people in Bcc.
fn undisclosed(msg: &Message) -> bool {
    let from = msg.from.as_ref().map(|a| a.address.as_str());
    msg.to
        .iter()
        .chain(&msg.cc)
        .all(|a| !a.address.contains('@') || Some(a.address.as_str()) == from)
}

/// Whether `host` may stand for the sender of `from_host`: same registrable domain, an official domain of the
/// claimed brand, or a shared platform.
fn same_party(rules: &Rules, host: &str, from_host: Option<&str>, claim: Option<&Claim>) -> bool {
    let reg = domains::registrable(host);
    from_host.and_then(domains::registrable) == reg
        || claim.is_some_and(|c| c.brand.owns_link(host))
        || rules.brands.is_shared_platform(host)
}

fn reply_to(
    msg: &Message,
    rules: &Rules,
    from_host: Option<&str>,
    claim: Option<&Claim>,
) -> Option<Signal> {
    let other = msg.reply_to.iter().find_map(|a| {
        let host = a.domain().as_deref().and_then(domains::normalise_host)?;
        (!same_party(rules, &host, from_host, claim)).then(|| (a.address.clone(), host))
    })?;
    let from_free = from_host.is_some_and(|h| rules.brands.is_freemail(h));
    let (outcome, title) = if msg.list_id.is_some() {
        (
            Outcome::Info,
            "Reply-To points elsewhere (usual for a mailing list)".to_string(),
        )
    } else if rules.brands.is_freemail(&other.1) && !from_free {
        let outcome = if claim.is_some_and(|c| c.source.is_origin()) {
            Outcome::Fail
        } else {
            Outcome::Warn
        };
        (
            outcome,
            "Replies go to a free-mail address, not to the sender's domain".to_string(),
        )
    } else if from_free && !rules.brands.is_freemail(&other.1) {
        // People who write from free mail get their replies there; a free-mail address whose replies go to
        // some company's domain is a borrowed mailbox fronting for that domain.
        (
            Outcome::Warn,
            format!(
                "A free-mail sender whose replies go to another domain ({})",
                domains::shown(&other.1)
            ),
        )
    } else {
        let outcome = if claim.is_some_and(|c| c.source.is_origin()) {
            Outcome::Warn
        } else {
            Outcome::Info
        };
        (
            outcome,
            format!(
                "Replies go to another domain ({})",
                domains::shown(&other.1)
            ),
        )
    };
    Some(Signal::new(
        SignalId::ReplyToMismatch,
        outcome,
        title,
        other.0,
    ))
}

fn return_path(
    msg: &Message,
    rules: &Rules,
    from_host: Option<&str>,
    claim: Option<&Claim>,
) -> Option<Signal> {
    let rp = msg.return_path.as_deref().filter(|r| !r.is_empty())?;
    let host = rp
        .rsplit_once('@')
        .and_then(|(_, d)| domains::normalise_host(d))?;
    if same_party(rules, &host, from_host, claim) || msg.list_id.is_some() {
        return None;
    }
    // Genuine bulk mail bounces to its sending platform; only a brand claim makes a foreign bounce address
    // worth a warning.
    let outcome = if claim.is_some_and(|c| c.source.is_origin()) {
        Outcome::Warn
    } else {
        Outcome::Info
    };
    Some(Signal::new(
        SignalId::ReturnPathMismatch,
        outcome,
        format!("Bounces go to another domain ({})", domains::shown(&host)),
        rp,
    ))
}

//! Brands that sign all their mail (issue class 6): a brand that publishes an enforcing DMARC policy and whose
//! DKIM signing domains are known never sends mail without its own signature. Mail From such a brand's domain
//! that carries only other domains' signatures (an email service provider's, the sender's own) is a spoof,
//! even when the receiving server wrote no DMARC result to say so.

use super::auth::{dkim_domain, results};
use super::brands::{Brand, DmarcPolicy};
use super::{Rules, domains};
use crate::mail::{AuthResults, Message};
use crate::model::{Outcome, Signal, SignalId};

/// `brand-unsigned`: fails when the From domain belongs to a brand that always signs, no DMARC result was
/// written, and every DKIM signature comes from another domain. `headers` are the trusted
/// Authentication-Results; `forwarded` mail is left alone (lists and forwarders re-sign honestly).
pub fn check(
    msg: &Message,
    rules: &Rules,
    from_host: Option<&str>,
    headers: &[&AuthResults],
    forwarded: bool,
) -> Option<Signal> {
    let host = from_host?;
    let brand = rules.brands.sender_brand(host)?;
    if !brand.always_signs() || forwarded || !results(headers, "dmarc").is_empty() {
        return None;
    }
    let from_reg = domains::registrable(host)?;
    let own = |d: &str| domains::registrable(d) == Some(from_reg) || brand.signs_with(d);
    let spf_aligned = results(headers, "spf").iter().any(|r| {
        r.result == "pass"
            && r.prop("smtp.mailfrom")
                .and_then(|m| domains::normalise_host(m.rsplit('@').next().unwrap_or(m)))
                .is_some_and(|h| domains::registrable(&h) == Some(from_reg))
    });
    let dkim = results(headers, "dkim");
    // Without the server's DKIM results, the signatures' d= tags say who signed (unverified, so only their
    // absence of the brand counts against the message).
    let (signers, verified): (Vec<String>, bool) = if dkim.is_empty() {
        (msg.dkim_domains.clone(), false)
    } else {
        let passing = dkim.iter().filter(|r| r.result == "pass");
        (passing.filter_map(|r| dkim_domain(r)).collect(), true)
    };
    if signers.is_empty() || spf_aligned || signers.iter().any(|d| own(d)) {
        return None;
    }
    Some(failure(brand, host, &signers, verified))
}

/// The failing signal, naming the brand's policy and the signatures found.
fn failure(brand: &Brand, host: &str, signers: &[String], verified: bool) -> Signal {
    let policy = match brand.dmarc.as_ref().map(|d| d.policy) {
        Some(DmarcPolicy::Reject) => "reject",
        _ => "quarantine",
    };
    let source = brand.dmarc.as_ref().map_or("", |d| d.source.as_str());
    let how = if verified {
        "valid signatures, from the receiving server's DKIM results"
    } else {
        "DKIM-Signature d= tags; no server result"
    };
    Signal::new(
        SignalId::BrandUnsigned,
        Outcome::Fail,
        format!(
            "{} signs all its mail (DMARC p={policy}), but this mail from {host} is signed only by {}",
            brand.display,
            signers.join(", ")
        ),
        format!(
            "{how}: d={}; {}'s own signing domains: {}; policy source: {source}",
            signers.join(", "),
            brand.display,
            brand.dkim_domains.join(", ")
        ),
    )
}

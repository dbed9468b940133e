//! Signals → trust label, the decisive signals and the advice sentence. Fails are strong evidence, warnings
//! weak: two fails, or a fail and a warning, make phishing; one fail or two warnings make suspicious.
//! `verified` needs the From domain authenticated, official for the claimed brand (or no brand claimed),
//! and nothing failed.

use super::auth::AuthFacts;
use super::claim::{Claim, ClaimSource};
use crate::model::{Category, Outcome, Signal, Trust, Verdict};

/// Content signals that an authenticated brand's own mail may carry without being suspect.
const CONTENT: &[&str] = &[
    "urgency",
    "credential-request",
    "prize-lure",
    "money-lure",
    "generic-greeting",
    "link-offbrand",
    "link-shortener",
];

/// Signals about who sent the message: a warning among them leaves the sender unproven.
const IDENTITY: &[&str] = &[
    "sender-domain",
    "reply-to-mismatch",
    "display-name-brand",
    "display-name-address",
    "dkim-aligned",
    "contact-elsewhere",
];

/// What the verdict needs besides the signals.
pub struct Facts<'a> {
    /// The claim, if any.
    pub claim: Option<&'a Claim<'a>>,
    /// What authentication proved.
    pub auth: &'a AuthFacts,
    /// The From domain's registrable domain, for advice.
    pub from_domain: Option<&'a str>,
    /// The category.
    pub category: Category,
    /// The From domain is a free-mail provider or shared platform: authenticating it proves nobody in particular.
    pub anyone_can_send: bool,
}

fn ids(signals: &[&Signal]) -> Vec<String> {
    let mut out: Vec<String> = signals.iter().map(|s| s.id.clone()).collect();
    out.dedup();
    out
}

/// Builds the verdict.
pub fn decide(signals: Vec<Signal>, f: &Facts) -> Verdict {
    let official_auth = f.auth.from_authenticated
        && f.claim.is_some_and(|c| c.source == ClaimSource::FromDomain)
        && !signals
            .iter()
            .any(|s| s.id == "sender-domain" && s.outcome != Outcome::Pass);
    let fails: Vec<&Signal> = signals
        .iter()
        .filter(|s| s.outcome == Outcome::Fail)
        .collect();
    let warns: Vec<&Signal> = signals
        .iter()
        .filter(|s| s.outcome == Outcome::Warn)
        .filter(|s| !(official_auth && CONTENT.contains(&s.id.as_str())))
        .collect();
    let origin_claim = f.claim.filter(|c| c.source.is_origin());
    let (trust, decisive) = if fails.len() >= 2 || (!fails.is_empty() && !warns.is_empty()) {
        (
            Trust::Phishing,
            ids(&[fails.clone(), warns.clone()].concat()),
        )
    } else if !fails.is_empty() || warns.len() >= 2 {
        (
            Trust::Suspicious,
            ids(&[fails.clone(), warns.clone()].concat()),
        )
    } else if f.auth.from_authenticated
        && !f.anyone_can_send
        && (origin_claim.is_none() || official_auth)
        && !signals
            .iter()
            .any(|s| IDENTITY.contains(&s.id.as_str()) && s.outcome == Outcome::Warn)
    {
        let proof: Vec<&Signal> = signals
            .iter()
            .filter(|s| {
                matches!(s.id.as_str(), "dmarc" | "dkim-aligned" | "sender-domain")
                    && s.outcome == Outcome::Pass
            })
            .collect();
        (Trust::Verified, ids(&proof))
    } else {
        let open: Vec<&Signal> = signals
            .iter()
            .filter(|s| {
                matches!(s.id.as_str(), "dmarc" | "dkim-aligned") || s.outcome == Outcome::Warn
            })
            .collect();
        (Trust::Unverified, ids(&open))
    };
    let brand = f
        .claim
        .filter(|c| c.source != ClaimSource::Body || trust.is_alarm())
        .map(|c| c.brand.id.clone());
    let advice = advice(trust, f, &signals, &fails, &warns);
    Verdict {
        brand,
        category: f.category,
        trust,
        decisive,
        advice,
        signals,
    }
}

fn advice(
    trust: Trust,
    f: &Facts,
    signals: &[Signal],
    fails: &[&Signal],
    warns: &[&Signal],
) -> String {
    let brand = f.claim.map(|c| c.brand);
    let why = fails
        .first()
        .or(warns.first())
        .map(|s| s.title.to_lowercase())
        .unwrap_or_default();
    match trust {
        Trust::Phishing => match brand.and_then(|b| b.report.as_ref().map(|r| (b, r))) {
            Some((b, r)) => {
                let how = match r.how {
                    super::brands::ReportHow::Attach => "as an attachment",
                    super::brands::ReportHow::Forward => "forwarded whole, subject unchanged",
                };
                format!(
                    "Do not click its links or open its attachments ({why}). Report it to {}: {}, {how}.",
                    b.display, r.address
                )
            }
            None => format!(
                "Do not click its links or open its attachments ({why}). Report it as phishing (reportphishing@apwg.org) and delete it."
            ),
        },
        Trust::Suspicious => {
            let check = brand.map_or_else(
                || "check with the sender through a channel you already know".to_string(),
                |b| {
                    format!(
                        "sign in to your {} account by typing its address yourself",
                        b.display
                    )
                },
            );
            format!("Be careful: {why}. Do not use its links; {check}.")
        }
        Trust::Verified => {
            let domain = f.from_domain.unwrap_or("its sender");
            let links = signals.iter().find(|s| s.id == "link-offbrand");
            match (brand, links) {
                (Some(b), Some(l)) if l.outcome == Outcome::Pass => {
                    format!("Authenticated as {domain}; its links go to {}.", b.display)
                }
                (_, Some(l)) if l.outcome != Outcome::Pass => format!(
                    "Authenticated as {domain}; some links go elsewhere ({}).",
                    l.title
                ),
                _ => format!(
                    "Authenticated as {domain}; still check where links go before you sign in anywhere."
                ),
            }
        }
        _ => {
            let what = if f.anyone_can_send && f.auth.from_authenticated {
                "it comes from a free-mail or shared platform address, which anyone can have"
                    .to_string()
            } else if f.auth.from_authenticated {
                // Authenticated, yet unproven: say what stands in the way (a relay, a foreign Reply-To, ...).
                let but = warns
                    .first()
                    .copied()
                    .or_else(|| signals.iter().find(|s| s.id == "sender-domain"))
                    .map_or_else(|| "that is all".to_string(), |s| s.title.to_lowercase());
                format!(
                    "its domain {} is authenticated, but {but}",
                    f.from_domain.unwrap_or("of the sender")
                )
            } else if f.auth.any {
                "the sender's domain is not authenticated".to_string()
            } else {
                "the message carries no authentication results from your server".to_string()
            };
            match brand.filter(|_| f.claim.is_some_and(|c| c.source.is_origin())) {
                Some(b) => format!(
                    "Nothing proves it comes from {}: {what}. Check in your {} account rather than through its links.",
                    b.display, b.display
                ),
                None => format!(
                    "Nothing proves who sent it: {what}. Check the sender's address and where links really go before acting."
                ),
            }
        }
    }
}

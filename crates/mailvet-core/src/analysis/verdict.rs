//! Signals → score → trust label, the decisive signals and the advice sentence. Each signal adds its outcome's
//! weight from scores.toml; a total at or above the suspicious threshold is suspicious, at or above the phishing
//! threshold phishing, and `decisive` names the signals that carried it there. `verified` is proof, not a score:
//! the From domain authenticated, official for the claimed brand (or no brand claimed), and nothing failed.

use super::auth::AuthFacts;
use super::claim::{Claim, ClaimSource};
use super::scores::Scores;
use crate::model::{Category, Outcome, Role, Score, Signal, SignalId, Trust, Verdict};

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

fn ids(signals: &[&Signal]) -> Vec<SignalId> {
    let mut out: Vec<SignalId> = signals.iter().map(|s| s.id).collect();
    out.dedup();
    out
}

/// The From domain is authenticated and official for a brand claimed by the From domain itself.
fn official_auth(signals: &[Signal], f: &Facts) -> bool {
    f.auth.from_authenticated
        && f.claim.is_some_and(|c| c.source == ClaimSource::FromDomain)
        && !signals
            .iter()
            .any(|s| s.id == SignalId::SenderDomain && s.outcome != Outcome::Pass)
}

/// Whether `signal` counts towards the score: brand content does not in the brand's own authenticated mail.
fn counts(signal: &Signal, official_auth: bool) -> bool {
    !(official_auth && signal.id.role() == Role::BrandContent)
}

/// The signal outcomes that count towards the score: what the weights are fitted on.
pub fn scored(signals: &[Signal], f: &Facts) -> Vec<(SignalId, Outcome)> {
    let official = official_auth(signals, f);
    signals
        .iter()
        .filter(|s| counts(s, official))
        .map(|s| (s.id, s.outcome))
        .collect()
}

/// The fewest signals, heaviest first, whose weights with every negative one reach `threshold`.
fn carried_past(signals: &[Signal], threshold: f64) -> Vec<SignalId> {
    let mut positive: Vec<&Signal> = signals.iter().filter(|s| s.weight > 0.0).collect();
    positive.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let mut sum: f64 = signals.iter().map(|s| s.weight.min(0.0)).sum();
    let mut out = Vec::new();
    for s in positive {
        if sum >= threshold {
            break;
        }
        sum += s.weight;
        if !out.contains(&s.id) {
            out.push(s.id);
        }
    }
    out
}

/// Builds the verdict.
pub fn decide(mut signals: Vec<Signal>, f: &Facts, scores: &Scores) -> Verdict {
    let official_auth = official_auth(&signals, f);
    for s in &mut signals {
        s.weight = if counts(s, official_auth) {
            scores.weight(s.id, s.outcome)
        } else {
            0.0
        };
    }
    let score = Score {
        total: signals.iter().map(|s| s.weight).sum(),
        suspicious: scores.suspicious(),
        phishing: scores.phishing(),
    };
    let fails: Vec<&Signal> = signals
        .iter()
        .filter(|s| s.outcome == Outcome::Fail)
        .collect();
    let warns: Vec<&Signal> = signals
        .iter()
        .filter(|s| s.outcome == Outcome::Warn && s.weight > 0.0)
        .collect();
    // The brand the verdict will name: a claim by the From, the name, the signature, the subject or the links
    // (a mere mention in the body is not shown). Verified mail naming a brand must come from that brand.
    let shown_claim = f.claim.filter(|c| c.source != ClaimSource::Body);
    let (trust, decisive) = if score.total >= score.phishing {
        (Trust::Phishing, carried_past(&signals, score.phishing))
    } else if score.total >= score.suspicious {
        (Trust::Suspicious, carried_past(&signals, score.suspicious))
    } else if f.auth.from_authenticated
        && !f.anyone_can_send
        && fails.is_empty()
        && (shown_claim.is_none() || official_auth)
        && !signals
            .iter()
            .any(|s| s.id.role() == Role::Identity && s.outcome == Outcome::Warn)
    {
        let proof: Vec<&Signal> = signals
            .iter()
            .filter(|s| {
                matches!(
                    s.id,
                    SignalId::Dmarc | SignalId::DkimAligned | SignalId::SenderDomain
                ) && s.outcome == Outcome::Pass
            })
            .collect();
        (Trust::Verified, ids(&proof))
    } else {
        let open: Vec<&Signal> = signals
            .iter()
            .filter(|s| {
                matches!(s.id, SignalId::Dmarc | SignalId::DkimAligned)
                    || matches!(s.outcome, Outcome::Warn | Outcome::Fail)
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
        score,
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
            let links = signals.iter().find(|s| s.id == SignalId::LinkOffbrand);
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
                    .or_else(|| signals.iter().find(|s| s.id == SignalId::SenderDomain))
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

//! Message → Verdict, pure and deterministic: the same message and rules always give the same verdict.
//! Never opens files, reads the clock or touches the terminal.

mod attachments;
mod auth;
pub mod brands;
mod category;
mod claim;
mod content;
mod destinations;
mod display_name;
mod dmarc_report;
pub mod domains;
mod fold;
mod hosts;
mod index;
mod labels;
mod links;
mod lookalike;
mod lures;
mod names;
mod offsite;
mod organisation;
mod partial;
mod phrases;
pub mod scores;
mod sender;
mod signed;
pub mod taught;
mod text;
mod urls;
mod verdict;

use crate::mail::Message;
use crate::model::{Outcome, Signal, SignalId, Verdict};

pub use auth::trusted_headers;
pub use brands::{Brand, Brands, Dmarc, DmarcPolicy, Report, ReportForm, ReportHow};
pub use destinations::official_for as link_official;
pub use scores::Scores;
pub use taught::{Lesson, Taught};

/// Everything besides the message that shapes a verdict.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The brand knowledge base (embedded, with the user's brands merged over it).
    pub brands: Brands,
    /// Authserv-ids of the user's own receiving servers, lowercased. Empty: trust the topmost header.
    pub trusted_authserv_ids: Vec<String>,
    /// Signal weights and thresholds (embedded, with the user's merged over them).
    pub scores: Scores,
    /// What the user taught about senders' domains (config `[[taught]]`), oldest first.
    pub taught: Vec<Taught>,
}

/// The version of the analysis: with [`embedded_data`] and the [`Rules`], what a stored verdict depends on.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Every data file the analysis embeds besides those [`Rules`] carries (phrase lists, host facts), so a cache
/// of verdicts can tell when they changed.
pub fn embedded_data() -> impl Iterator<Item = &'static str> {
    phrases::LANGUAGES
        .iter()
        .map(|(_, text)| *text)
        .chain([hosts::EMBEDDED, category::EMBEDDED])
}

/// Judges one message.
pub fn analyse(msg: &Message, rules: &Rules) -> Verdict {
    examine(msg, rules, |signals, facts| {
        verdict::decide(signals, facts, &rules.scores)
    })
}

/// The signal outcomes of `msg` that count towards its score, whatever the weights: what the fit learns from.
pub fn scored_outcomes(msg: &Message, rules: &Rules) -> Vec<(SignalId, Outcome)> {
    examine(msg, rules, |signals, facts| {
        verdict::scored(&signals, facts)
    })
}

/// Runs every check on `msg` and hands the signals and the facts besides them to `finish`.
fn examine<T>(
    msg: &Message,
    rules: &Rules,
    finish: impl FnOnce(Vec<Signal>, &verdict::Facts) -> T,
) -> T {
    let from_host = msg
        .from
        .as_ref()
        .and_then(|a| a.domain())
        .and_then(|d| domains::normalise_host(&d))
        .filter(|h| domains::registrable(h).is_some_and(domains::has_known_suffix));
    let from_host = from_host.as_deref();
    let texts = text::Texts::new(&msg.subject, &msg.text, &rules.brands.index().body_names);
    let urls = urls::Urls::new(msg);
    let claim = claim::claim(msg, &texts, &urls, &rules.brands, from_host);
    let category = category::categorise(msg, &texts);
    let mut signals = sender::check(msg, &texts, rules, from_host, claim.as_ref(), category);
    let (auth_signals, auth) = auth::check(msg, rules, from_host);
    signals.extend(auth_signals);
    signals.extend(organisation::check(
        msg,
        &texts,
        rules,
        from_host,
        claim.as_ref(),
        &auth,
    ));
    signals.extend(links::check(msg, &urls, rules, claim.as_ref()));
    signals.extend(content::check(msg, &texts, rules, from_host));
    signals.extend(lures::check(msg, &texts, rules, from_host));
    signals.extend(attachments::check(msg));
    signals.extend(labels::check(msg));
    signals.extend(partial::check(msg));
    let abuse = organisation::platform_abuse(&signals, msg, rules, claim.as_ref(), &auth);
    signals.extend(abuse);
    links::decoys(&mut signals, msg, &urls, rules, claim.as_ref());
    let offsite = offsite::check(&signals, msg, rules, from_host, claim.as_ref());
    signals.extend(offsite);
    signals.extend(taught::check(&rules.taught, from_host, &auth));
    let facts = verdict::Facts {
        claim: claim.as_ref(),
        auth: &auth,
        from_domain: from_host.and_then(domains::registrable),
        category,
        anyone_can_send: from_host
            .is_some_and(|h| rules.brands.is_freemail(h) || rules.brands.is_shared_platform(h)),
    };
    finish(signals, &facts)
}

#[cfg(test)]
mod tests;

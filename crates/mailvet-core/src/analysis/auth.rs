//! SPF / DKIM / DMARC as the receiving server recorded them. Only trusted Authentication-Results count: those
//! whose authserv-id the user configured, else the topmost header alone (lower ones can be added by anyone).
//! DKIM counts for the From domain only when aligned (same registrable domain); a shared platform's signature
//! proves nothing about a brand.

use std::fmt::Write as _;

use super::Rules;
use super::{domains, signed};
use crate::mail::{AuthMethodResult, AuthResults, Message};
use crate::model::{Outcome, Signal, SignalId};

/// What authentication proved, for the verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthFacts {
    /// The From domain is authenticated: DMARC pass for it, or an aligned DKIM pass.
    pub from_authenticated: bool,
    /// DMARC failed for the From domain.
    pub dmarc_failed: bool,
    /// The message came through a mailing list or forwarder, which can break DMARC honestly.
    pub forwarded: bool,
    /// Any trusted Authentication-Results header was found.
    pub any: bool,
}

/// The Authentication-Results headers that count: those of the configured authserv-ids, else the topmost only
/// (a sender can forge headers lower down).
pub fn trusted_headers<'m>(msg: &'m Message, rules: &Rules) -> Vec<&'m AuthResults> {
    let ids = &rules.trusted_authserv_ids;
    if ids.is_empty() {
        return msg.auth.iter().take(1).collect();
    }
    msg.auth
        .iter()
        .filter(|a| {
            a.authserv_id
                .as_deref()
                .is_some_and(|id| ids.iter().any(|t| t.eq_ignore_ascii_case(id)))
        })
        .collect()
}

/// The trusted headers and which they are, in a few words for the evidence of each result.
fn trusted<'m>(msg: &'m Message, rules: &Rules) -> (Vec<&'m AuthResults>, String) {
    let picked = trusted_headers(msg, rules);
    if !rules.trusted_authserv_ids.is_empty() {
        let why = format!(
            "headers from the configured authserv-id ({})",
            rules.trusted_authserv_ids.join(", ")
        );
        return (picked, why);
    }
    let why = if picked.is_empty() {
        "no Authentication-Results header".to_string()
    } else {
        format!("topmost header ({})", topmost_id(msg))
    };
    (picked, why)
}

/// The authserv-id of the topmost Authentication-Results header, as written.
fn topmost_id(msg: &Message) -> &str {
    msg.auth
        .first()
        .and_then(|a| a.authserv_id.as_deref())
        .unwrap_or("no authserv-id")
}

/// `auth-source`: with no authserv-id configured, the caveat about trusting the topmost header, said once and
/// naming the authserv-id seen, so the user can configure it.
fn source(msg: &Message, rules: &Rules) -> Option<Signal> {
    if !rules.trusted_authserv_ids.is_empty() || msg.auth.is_empty() {
        return None;
    }
    let forged = "a topmost header can be forged where the receiving server adds none";
    let (title, evidence) = match msg.auth.first().and_then(|a| a.authserv_id.as_deref()) {
        Some(id) => (
            format!(
                "Authentication-Results from the topmost header ({id}); no authserv-id configured"
            ),
            format!("{forged}; if {id} is your own mail server, add it to trusted_authserv_ids"),
        ),
        None => (
            "Authentication-Results from the topmost header, which names no server".to_string(),
            format!("{forged}; without an authserv-id, trusted_authserv_ids cannot pick it"),
        ),
    };
    Some(Signal::new(
        SignalId::AuthSource,
        Outcome::Info,
        title,
        evidence,
    ))
}

/// Results of `method` in the trusted headers.
pub(super) fn results<'m>(headers: &[&'m AuthResults], method: &str) -> Vec<&'m AuthMethodResult> {
    headers
        .iter()
        .flat_map(|h| h.results.iter())
        .filter(|r| r.method == method)
        .collect()
}

/// The signing domain of a DKIM result: `header.d`, else the domain of `header.i`.
pub(super) fn dkim_domain(r: &AuthMethodResult) -> Option<String> {
    let d = r.prop("header.d").or_else(|| {
        r.prop("header.i")
            .and_then(|i| i.rsplit_once('@').map(|(_, d)| d))
    })?;
    domains::normalise_host(d)
}

/// Whether the mail came through a list or forwarder. ARC headers count only when the receiving server found
/// a chain on arrival (an `arc=` result in its header): big providers seal every message they receive, so
/// ARC headers alone prove no forwarding.
fn forwarded(msg: &Message, headers: &[&AuthResults]) -> Option<String> {
    if let Some(id) = &msg.list_id {
        return Some(format!("List-Id {id}"));
    }
    let chain = results(headers, "arc")
        .iter()
        .any(|r| matches!(r.result.as_str(), "pass" | "fail"));
    if msg.has_arc && chain {
        return Some("ARC headers (a forwarder sealed it)".into());
    }
    None
}

/// One method's signal from its results: pass / fail words mapped to outcomes.
fn method_signal(id: SignalId, rs: &[&AuthMethodResult], why: &str, fail: Outcome) -> Signal {
    let title_of = |res: &str| format!("{} {res}", id.as_str().to_ascii_uppercase());
    let Some(first) = rs.iter().find(|r| r.result == "pass").or(rs.first()) else {
        return Signal::new(
            id,
            Outcome::Unknown,
            format!("No {} result", id.as_str().to_ascii_uppercase()),
            why,
        );
    };
    let outcome = match first.result.as_str() {
        "pass" => Outcome::Pass,
        "fail" | "permerror" => fail,
        "softfail" => Outcome::Warn,
        _ => Outcome::Info,
    };
    // `id=result ptype.property=value … — from the why`, written into one string.
    let mut evidence = format!("{id}={} ", first.result);
    for (i, p) in first.props.iter().enumerate() {
        let gap = if i == 0 { "" } else { " " };
        let _ = write!(evidence, "{gap}{}.{}={}", p.ptype, p.property, p.value);
    }
    let _ = write!(evidence, " — from the {why}");
    Signal::new(id, outcome, title_of(&first.result), evidence)
}

/// The authentication signals and what they prove; `from_host` is the normalised From domain.
pub fn check(msg: &Message, rules: &Rules, from_host: Option<&str>) -> (Vec<Signal>, AuthFacts) {
    let (headers, why) = trusted(msg, rules);
    let from_reg = from_host.and_then(domains::registrable);
    let via = forwarded(msg, &headers);
    let mut facts = AuthFacts {
        forwarded: via.is_some(),
        any: !headers.is_empty(),
        ..AuthFacts::default()
    };
    let mut signals = Vec::new();

    // SPF failing for a brand's own domain is a spoof; elsewhere it is often a forwarder's doing.
    let brand_domain = from_host.is_some_and(|h| rules.brands.sender_brand(h).is_some());
    let spf_fail = if brand_domain && via.is_none() {
        Outcome::Fail
    } else {
        Outcome::Warn
    };
    signals.push(method_signal(
        SignalId::Spf,
        &results(&headers, "spf"),
        &why,
        spf_fail,
    ));
    // Lists and forwarders often break signatures honestly.
    let dkim_fail = if via.is_none() {
        Outcome::Warn
    } else {
        Outcome::Info
    };
    signals.push(method_signal(
        SignalId::Dkim,
        &results(&headers, "dkim"),
        &why,
        dkim_fail,
    ));

    let dmarc = results(&headers, "dmarc");
    let mut dmarc_sig = method_signal(SignalId::Dmarc, &dmarc, &why, Outcome::Fail);
    if let Some(r) = dmarc.iter().find(|r| r.result == "pass").or(dmarc.first()) {
        // The From host as written counts too, for domains whose suffix the public list lacks.
        let shown = msg
            .from
            .as_ref()
            .and_then(|a| a.domain())
            .and_then(|d| domains::normalise_host(&d));
        let for_from = r
            .prop("header.from")
            .and_then(domains::normalise_host)
            .is_none_or(|h| {
                Some(&h) == shown.as_ref()
                    || (from_reg.is_some() && domains::registrable(&h) == from_reg)
            });
        if r.result == "pass" && for_from && from_reg.is_some() {
            facts.from_authenticated = true;
        } else if r.result == "pass" && !for_from {
            // The server checked another From than the one shown: the header was changed after it arrived.
            dmarc_sig.outcome = Outcome::Warn;
            dmarc_sig.title =
                "DMARC pass for another domain than the From shown: From was changed after the check".into();
        } else if r.result == "fail" {
            facts.dmarc_failed = true;
            if let Some(v) = &via {
                dmarc_sig.outcome = Outcome::Warn;
                dmarc_sig.evidence = format!(
                    "{}; came through {v}, which can break DMARC honestly",
                    dmarc_sig.evidence
                );
            }
        }
    }
    signals.push(dmarc_sig);
    signals.push(aligned(
        &results(&headers, "dkim"),
        from_reg,
        rules,
        &why,
        brand_domain,
        &mut facts,
    ));
    // Mail services expect senders to authenticate today: when the receiving server checked and nothing
    // vouches for the From domain, that is worth a warning (lists, forwarders and DMARC reporters excepted: a
    // report about your own domain asks nothing of you).
    let unproven = facts.any
        && !facts.from_authenticated
        && !facts.forwarded
        && from_reg.is_some()
        && !super::dmarc_report::is_aggregate_report(msg, from_reg);
    if let Some(s) = signals.iter_mut().find(|s| {
        unproven
            && s.id == SignalId::DkimAligned
            && matches!(s.outcome, Outcome::Unknown | Outcome::Info)
    }) {
        s.outcome = Outcome::Warn;
        s.title = format!(
            "Nothing authenticates the From domain: no DMARC pass, no aligned DKIM ({})",
            s.title
        );
    }
    signals.extend(signed::check(
        msg,
        rules,
        from_host,
        &headers,
        via.is_some(),
    ));
    if let Some(s) = untrusted(msg, &headers) {
        signals.push(s);
    }
    signals.extend(source(msg, rules));
    (signals, facts)
}

/// `dkim-aligned`: a DKIM pass whose domain is the From domain's registrable domain.
fn aligned(
    dkim: &[&AuthMethodResult],
    from_reg: Option<&str>,
    rules: &Rules,
    why: &str,
    brand_domain: bool,
    facts: &mut AuthFacts,
) -> Signal {
    let passing: Vec<String> = dkim
        .iter()
        .filter(|r| r.result == "pass")
        .filter_map(|r| dkim_domain(r))
        .collect();
    let id = SignalId::DkimAligned;
    if let Some(d) = passing
        .iter()
        .find(|d| from_reg.is_some() && domains::registrable(d) == from_reg)
    {
        facts.from_authenticated = true;
        return Signal::new(
            id,
            Outcome::Pass,
            "DKIM signature aligned with From",
            format!("d={d} — from the {why}"),
        );
    }
    let Some(first) = passing.first() else {
        return Signal::new(id, Outcome::Unknown, "No passing DKIM signature", why);
    };
    let all = passing.join(", ");
    if passing.iter().all(|d| rules.brands.is_shared_platform(d)) {
        // A brand's own domain signed only by a shared platform is what a spoof through it looks like.
        return Signal::new(
            id,
            if brand_domain {
                Outcome::Warn
            } else {
                Outcome::Info
            },
            "DKIM only from a shared platform, which proves nothing about the sender",
            format!("d={all}"),
        );
    }
    Signal::new(
        id,
        Outcome::Info,
        "DKIM signed by another domain than From",
        format!("d={first} (all: {all})"),
    )
}

/// `auth-header-untrusted`: lower Authentication-Results that claim a pass were ignored.
fn untrusted(msg: &Message, used: &[&AuthResults]) -> Option<Signal> {
    let claims: Vec<&AuthResults> = msg
        .auth
        .iter()
        .filter(|a| !used.iter().any(|u| std::ptr::eq(*u, *a)))
        .filter(|a| a.results.iter().any(|r| r.result == "pass"))
        .collect();
    let first = claims.first()?;
    let raw: String = first.raw.chars().take(200).collect();
    Some(Signal::new(
        SignalId::AuthHeaderUntrusted,
        Outcome::Info,
        format!(
            "{} lower Authentication-Results header(s) claiming pass were ignored",
            claims.len()
        ),
        raw,
    ))
}

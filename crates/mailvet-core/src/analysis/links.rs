//! The link signals: visible text vs destination (see `destinations` for where a link really goes),
//! destinations off the claimed brand's domains, look-alike destinations, IP-literal hosts, userinfo tricks and
//! shorteners. No link is ever opened.

use super::Rules;
use super::claim::Claim;
use super::destinations::{Dest, destinations, host_of, ip_host};
use super::domains;
use super::lookalike;
use super::urls::Urls;
use crate::mail::Message;
use crate::model::{Outcome, Signal, SignalId};

/// At most this many links are looked at.
pub const MAX_LINKS: usize = 300;
/// At most this many distinct link domains are checked for look-alikes.
const MAX_DOMAINS: usize = 24;

const SHORTENERS: &[&str] = &[
    "bit.ly",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "buff.ly",
    "rebrand.ly",
    "cutt.ly",
    "shorturl.at",
    "rb.gy",
    "t.ly",
    "tiny.cc",
    "s.id",
    "bit.do",
    "v.gd",
    "shorte.st",
    "lnkd.in",
    "qrco.de",
    "tiny.one",
    "u.to",
    "clck.ru",
    "short.io",
    "bl.ink",
    "ead.me",
    "x.gd",
    "cutt.us",
    "naver.me",
    "me2.do",
    "han.gl",
    "url.kr",
    "t.cn",
    "dwz.cn",
];

/// Whether `host` is a URL shortener: it hides where a link goes, and anyone can make one.
pub fn is_shortener(host: &str) -> bool {
    super::brands::within_any(host, SHORTENERS)
}

/// Hosts where anyone can publish a page in minutes: cloud storage buckets, free site builders, app hosting,
/// tunnels and dynamic DNS. Genuine senders link to their own sites.
const FREE_HOSTING: &[&str] = &[
    "storage.googleapis.com",
    "firebasestorage.googleapis.com",
    "firebaseapp.com",
    "web.app",
    "digitaloceanspaces.com",
    "r2.dev",
    "pages.dev",
    "workers.dev",
    "blob.core.windows.net",
    "azurewebsites.net",
    "s3.amazonaws.com",
    "github.io",
    "gitlab.io",
    "netlify.app",
    "vercel.app",
    "herokuapp.com",
    "glitch.me",
    "weebly.com",
    "wixsite.com",
    "blogspot.com",
    "sites.google.com",
    "ipfs.io",
    "dweb.link",
    "000webhostapp.com",
    "webflow.io",
    "ngrok.io",
    "ngrok-free.app",
    "trycloudflare.com",
    "duckdns.org",
    "chickenkiller.com",
    "no-ip.org",
    "ddns.net",
    "hopto.org",
    "zapto.org",
    "translate.goog",
    "framer.app",
    "godaddysites.com",
    "square.site",
    "fleek.co",
    "on-fleek.app",
    "w3s.link",
    "cloudflare-ipfs.com",
    "surge.sh",
    "onrender.com",
    "replit.app",
    "repl.co",
    "backblazeb2.com",
    "linodeobjects.com",
    "mystrikingly.com",
    "jimdosite.com",
    "yolasite.com",
    "webnode.page",
    "carrd.co",
    "typedream.app",
];

/// Whether `host` is an Amazon S3 bucket in any region (`bucket.s3.us-east-2.amazonaws.com`,
/// `s3-eu-west-1.amazonaws.com/bucket`): storage anyone can publish a page in.
fn is_s3(host: &str) -> bool {
    host.strip_suffix(".amazonaws.com").is_some_and(|rest| {
        rest.split('.')
            .any(|label| label == "s3" || label.starts_with("s3-"))
    })
}

/// The domain a visible link text shows, when it looks like a URL or a bare domain.
fn shown_domain(text: &str) -> Option<String> {
    let word = text.split_whitespace().next()?;
    let word =
        word.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | '"' | '\''));
    let rest = word.split_once("://").map_or(word, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    if host.contains('@') || !host.contains('.') || host.ends_with('.') {
        return None;
    }
    let reg = domains::registrable_of(host)?;
    domains::has_known_suffix(&reg).then_some(reg)
}

/// The link signals of `msg` (`urls`: its links parsed).
pub fn check(msg: &Message, urls: &Urls, rules: &Rules, claim: Option<&Claim>) -> Vec<Signal> {
    let dests = destinations(msg, urls);
    let from_reg = msg
        .from
        .as_ref()
        .and_then(|a| a.domain())
        .and_then(|d| domains::registrable_of(&d));
    let from_reg = from_reg.as_deref();
    let mut out = Vec::new();
    let mut push_first = |id: SignalId, outcome, title: String, evidence: String| {
        if !out.iter().any(|s: &Signal| s.id == id) {
            out.push(Signal::new(id, outcome, title, evidence));
        }
    };
    for d in &dests {
        let url = d.url.as_str();
        if let Some(via) = &d.via {
            push_first(
                SignalId::LinkRedirector,
                Outcome::Info,
                format!("Link wrapped by {via}, unwrapped offline"),
                url.into(),
            );
        }
        if let Some(public) = ip_host(&d.url) {
            // A page on a public address with no name is no organisation's site; a private one is a device.
            let (outcome, title) = if public {
                (Outcome::Fail, "Link goes to a bare public IP address")
            } else {
                (Outcome::Info, "Link goes to a private or local IP address")
            };
            push_first(SignalId::LinkIpHost, outcome, title.into(), url.into());
        }
        if !d.url.username().is_empty() || d.url.password().is_some() {
            push_first(
                SignalId::LinkUserinfo,
                Outcome::Fail,
                "Link hides its real host after an @".into(),
                url.into(),
            );
        }
        let Some(host) = host_of(&d.url) else {
            continue;
        };
        let brand_short = claim.is_some_and(|c| c.brand.owns_link(&host));
        if !brand_short && is_shortener(&host) {
            push_first(
                SignalId::LinkShortener,
                Outcome::Warn,
                "Link goes through a URL shortener".into(),
                url.into(),
            );
        }
        if super::brands::within_any(&host, FREE_HOSTING) || is_s3(&host) {
            push_first(
                SignalId::LinkFreeHosting,
                Outcome::Warn,
                "Link goes to a free hosting or storage site where anyone can publish".into(),
                url.into(),
            );
        }
        if let Some(shown) = shown_domain(&d.text) {
            let real = domains::registrable(&host);
            let shown_brand = rules.brands.link_brand(&shown);
            let same_brand = shown_brand.is_some_and(|b| b.owns_link(&host));
            if real != Some(shown.as_str())
                && !same_brand
                && !rules.brands.is_shared_platform(&host)
            {
                let own = from_reg.is_some_and(|f| f == shown);
                let outcome = if shown_brand.is_some() || own {
                    Outcome::Fail
                } else {
                    Outcome::Warn
                };
                push_first(
                    SignalId::LinkTextMismatch,
                    outcome,
                    format!(
                        "Link text shows {shown} but goes to {}",
                        domains::shown(&host)
                    ),
                    format!("{} → {url}", d.text.chars().take(120).collect::<String>()),
                );
            }
        }
    }
    out.extend(lookalikes(&dests, rules));
    out.extend(offbrand(&dests, rules, claim));
    out
}

/// Links whose domain imitates a brand.
fn lookalikes(dests: &[Dest], rules: &Rules) -> Option<Signal> {
    let mut seen: Vec<String> = Vec::new();
    for d in dests {
        let Some(host) = host_of(&d.url) else {
            continue;
        };
        let Some(reg) = domains::registrable(&host).map(str::to_string) else {
            continue;
        };
        if seen.contains(&reg) {
            continue;
        }
        if seen.len() >= MAX_DOMAINS {
            break;
        }
        if let Some(l) = lookalike::lookalike(&host, &rules.brands) {
            // A brand name only in a subdomain (brand.some-esp.io) is how email platforms name tenants.
            let subdomain_only = l.kind == lookalike::LookalikeKind::BrandInSubdomain;
            return Some(Signal::new(
                l.kind.signal_id(),
                if subdomain_only {
                    Outcome::Warn
                } else {
                    Outcome::Fail
                },
                format!(
                    "Link goes to a domain imitating {} ({})",
                    l.brand.display,
                    domains::shown(&host)
                ),
                d.url.as_str(),
            ));
        }
        seen.push(reg);
    }
    None
}

/// `link-offbrand`: how many links leave the claimed brand's domains.
fn offbrand(dests: &[Dest], rules: &Rules, claim: Option<&Claim>) -> Option<Signal> {
    let c = claim?;
    let hosts: Vec<(String, &Dest)> = dests
        .iter()
        .filter_map(|d| host_of(&d.url).map(|h| (h, d)))
        .collect();
    if hosts.is_empty() {
        return None;
    }
    let off: Vec<&(String, &Dest)> = hosts
        .iter()
        .filter(|(h, _)| !c.brand.owns_link(h) && !rules.brands.is_shared_platform(h))
        .collect();
    let id = SignalId::LinkOffbrand;
    let Some((host, first)) = off.first() else {
        return Some(Signal::new(
            id,
            Outcome::Pass,
            format!("Every link goes to {}", c.brand.display),
            "",
        ));
    };
    let outcome = if off.len() == hosts.len() && c.source.is_origin() {
        Outcome::Warn
    } else {
        Outcome::Info
    };
    Some(Signal::new(
        id,
        outcome,
        format!(
            "{} of {} link{} leave{} {}'s domains (first: {})",
            off.len(),
            hosts.len(),
            if hosts.len() == 1 { "" } else { "s" },
            if off.len() == 1 { "s" } else { "" },
            c.brand.display,
            domains::shown(host)
        ),
        first.url.as_str(),
    ))
}

/// The decoy pattern: mail presenting itself as a brand that asks for your data (`credential-request` at warning
/// level) and mixes the brand's own links with one or more to a domain no known brand or sending platform owns —
/// the genuine links lend credibility, the other one takes the data. Raises `link-offbrand` from information to
/// a warning.
pub fn decoys(
    signals: &mut [Signal],
    msg: &Message,
    urls: &Urls,
    rules: &Rules,
    claim: Option<&Claim>,
) {
    let Some(c) = claim.filter(|c| c.source.is_origin()) else {
        return;
    };
    let asks = signals
        .iter()
        .any(|s| s.id == SignalId::CredentialRequest && s.outcome == Outcome::Warn);
    if !asks {
        return;
    }
    let hosts: Vec<String> = destinations(msg, urls)
        .iter()
        .filter_map(|d| host_of(&d.url))
        .collect();
    let decoy = hosts.iter().any(|h| c.brand.owns_link(h));
    let foreign = hosts.iter().find(|h| !rules.brands.is_known_site(h));
    let (true, Some(foreign)) = (decoy, foreign) else {
        return;
    };
    if let Some(s) = signals
        .iter_mut()
        .find(|s| s.id == SignalId::LinkOffbrand && s.outcome == Outcome::Info)
    {
        s.outcome = Outcome::Warn;
        s.title = format!(
            "Asks for your data, and beside {}'s own links one goes to {}",
            c.brand.display,
            domains::shown(foreign)
        );
    }
}

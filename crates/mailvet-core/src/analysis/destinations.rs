//! Where a web link really goes: redirectors unwrapped offline (Microsoft Safe Links, Proofpoint URL Defense
//! v2/v3, Google /url?q=), hosts normalised, IP-literal hosts told apart. No link is ever opened.

use super::brands::Brand;
use super::domains;
use super::links::MAX_LINKS;
use super::urls::Urls;
use crate::mail::Message;
use url::{Host, Url};

/// A web link after unwrapping, with what the reader saw.
pub(super) struct Dest {
    pub(super) url: Url,
    pub(super) text: String,
    pub(super) via: Option<String>,
}

/// Decodes `%XX` escapes (invalid ones are kept as written).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The destination a redirector wraps, if `url` is one.
fn unwrap_once(url: &Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    if host.contains(".safelinks.protection.") {
        return param("url");
    }
    if (host == "www.google.com" || host == "google.com") && url.path() == "/url" {
        return param("q").or_else(|| param("url"));
    }
    if host == "urldefense.proofpoint.com" && url.path().starts_with("/v2/url") {
        let u = param("u")?.replace('-', "%").replace('_', "/");
        return Some(percent_decode(&u));
    }
    if host == "urldefense.com" && url.path().starts_with("/v3/__") {
        let rest = url.as_str().split_once("/v3/__")?.1;
        return rest.split_once("__;").map(|(inner, _)| inner.to_string());
    }
    None
}

/// A web link's real destination, redirectors unwrapped (at most three levels), and the first redirector's
/// host; `None` when it is not an http(s) URL.
fn destination(href: &str) -> Option<(Url, Option<String>)> {
    unwrapped(Url::parse(href.trim()).ok()?)
}

/// [`destination`] of a link already parsed.
fn unwrapped(mut url: Url) -> Option<(Url, Option<String>)> {
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let mut via = None;
    for _ in 0..3 {
        let Some(inner) = unwrap_once(&url).and_then(|s| Url::parse(s.trim()).ok()) else {
            break;
        };
        via.get_or_insert_with(|| url.host_str().unwrap_or_default().to_string());
        url = inner;
    }
    Some((url, via))
}

/// Every web link of the message (`urls`, its links parsed), redirectors unwrapped.
pub(super) fn destinations(msg: &Message, urls: &Urls) -> Vec<Dest> {
    (msg.links.iter().enumerate())
        .take(MAX_LINKS)
        .filter_map(|(i, link)| {
            let (url, via) = unwrapped(urls.get(i)?.clone())?;
            Some(Dest {
                url,
                text: link.text.clone(),
                via,
            })
        })
        .collect()
}

/// Whether a link goes to `brand`'s own domains, judged as the link checks judge it: redirectors unwrapped,
/// a `mailto:` by its address's domain. `None` when it has no domain to judge (an IP address, not a URL).
pub fn official_for(href: &str, brand: &Brand) -> Option<bool> {
    let host = match destination(href) {
        Some((url, _)) => host_of(&url)?,
        None => {
            let url = Url::parse(href.trim()).ok()?;
            if url.scheme() != "mailto" {
                return None;
            }
            let (_, domain) = url.path().rsplit_once('@')?;
            domains::normalise_host(domain)?
        }
    };
    Some(brand.owns_link(&host))
}

/// The hosts of the message's first 200 web (http, https) links, lowercased, as written (not
/// unwrapped, not normalised: an IP-literal host stays one).
pub(super) fn web_hosts(msg: &Message) -> Vec<String> {
    msg.links
        .iter()
        .take(200)
        .filter_map(|l| url::Url::parse(l.href.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .filter_map(|u| u.host_str().map(str::to_ascii_lowercase))
        .collect()
}

/// The normalised host of a parsed URL, `None` for IP literals.
pub(super) fn host_of(url: &Url) -> Option<String> {
    match url.host()? {
        Host::Domain(d) => domains::normalise_host(d),
        _ => None,
    }
}

/// For an IP-literal host: whether the address is public (not private, loopback, link-local or unspecified).
pub(super) fn ip_host(url: &Url) -> Option<bool> {
    match url.host()? {
        Host::Ipv4(ip) => Some(
            !(ip.is_private()
                || ip.is_loopback()
                || ip.is_link_local()
                || ip.is_unspecified()
                || ip.is_documentation()),
        ),
        Host::Ipv6(ip) => Some(!(ip.is_loopback() || ip.is_unspecified())),
        Host::Domain(_) => None,
    }
}

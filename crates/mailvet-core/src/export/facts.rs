//! What an abuse report states about the original message, read from its bytes: envelope sender, recipients,
//! arrival date and source IP from the topmost Received header, the trusted Authentication-Results, the
//! sender's domain, and the links that leave the claimed brand's domains.

use std::net::IpAddr;

use mail_parser::{HeaderValue, MessageParser, Received};
use url::{Host, Url};

use crate::analysis::{Brand, Rules, domains};
use crate::mail::{self, Message};

/// At most this many Reported-URI fields.
const MAX_URIS: usize = 20;
/// At most this many Received headers are read.
const MAX_HOPS: usize = 50;
/// At most this many Original-Rcpt-To fields.
const MAX_RCPTS: usize = 10;

/// The facts, every string still raw (the writers make them safe).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The parsed message.
    pub message: Message,
    /// Return-Path, else the From address.
    pub mail_from: Option<String>,
    /// The To addresses.
    pub rcpt_to: Vec<String>,
    /// When the receiving server took it: the date of the topmost Received, else the Date header.
    pub arrival: Option<String>,
    /// The address the user's own receiving server got the message from ([`super::source`]).
    pub source_ip: Option<IpAddr>,
    /// The From domain (ASCII).
    pub reported_domain: Option<String>,
    /// Web links off the claimed brand's domains (every web link when no brand is claimed), deduplicated.
    pub uris: Vec<String>,
    /// Values of the trusted Authentication-Results headers (the ones the verdict used).
    pub auth_results: Vec<String>,
    /// The raw Subject value exactly as the original has it (folding included), for forwards.
    pub raw_subject: Option<String>,
}

/// Reads the facts of `original`; `None` when it is not a message mailvet can parse.
pub fn gather(original: &[u8], rules: &Rules, brand: Option<&Brand>) -> Option<Facts> {
    let message = mail::parse(original).ok()?;
    let headers = MessageParser::new().parse_headers(original);
    let received: Vec<Received<'_>> = headers
        .as_ref()
        .map(|h| {
            h.header_values("Received")
                .take(MAX_HOPS)
                .filter_map(HeaderValue::as_received)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let arrival = received
        .first()
        .and_then(|r| r.date.as_ref())
        .map(mail_parser::DateTime::to_rfc822)
        .or_else(|| {
            message
                .timestamp
                .map(|t| mail_parser::DateTime::from_timestamp(t).to_rfc822())
        });
    let source_ip = super::source::source_ip(&received, &message, rules);
    let raw_subject = headers
        .as_ref()
        .and_then(|h| h.header_raw("Subject"))
        .map(str::to_owned);
    let from_address = message.from.as_ref().map(|a| a.address.clone());
    let mail_from = message
        .return_path
        .clone()
        .filter(|r| !r.is_empty())
        .or_else(|| from_address.clone());
    let reported_domain = message
        .from
        .as_ref()
        .and_then(|a| a.domain())
        .and_then(|d| domains::normalise_host(&d));
    Some(Facts {
        mail_from,
        rcpt_to: message
            .to
            .iter()
            .take(MAX_RCPTS)
            .map(|a| a.address.clone())
            .collect(),
        arrival,
        source_ip,
        reported_domain,
        uris: offbrand_uris(&message, rules, brand),
        auth_results: crate::analysis::trusted_headers(&message, rules)
            .into_iter()
            .map(|a| a.raw.clone())
            .collect(),
        raw_subject,
        message,
    })
}

/// Web links whose host the brand does not own (IP literals included), in order, deduplicated.
fn offbrand_uris(message: &Message, rules: &Rules, brand: Option<&Brand>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for link in message.links.iter().take(300) {
        let Ok(url) = Url::parse(link.href.trim()) else {
            continue;
        };
        if !matches!(url.scheme(), "http" | "https") {
            continue;
        }
        let off = match (url.host(), brand) {
            (None, _) => false,
            (Some(_), None) | (Some(Host::Ipv4(_) | Host::Ipv6(_)), Some(_)) => true,
            (Some(Host::Domain(d)), Some(b)) => domains::normalise_host(d)
                .is_some_and(|h| !b.owns_link(&h) && !rules.brands.is_shared_platform(&h)),
        };
        let uri = url.as_str().to_owned();
        if off && !out.contains(&uri) {
            out.push(uri);
            if out.len() == MAX_URIS {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Brands, Rules, Scores};

    const MSG: &str = "Received: from mx.evil.example (mx.evil.example [198.51.100.9])\r\n\tby mx.example.net with ESMTPS id 1; Tue, 24 Nov 2026 08:00:05 +0000\r\nAuthentication-Results: mx.example.net; spf=pass smtp.mailfrom=evil.example\r\nAuthentication-Results: forged.example; dkim=pass\r\nReturn-Path: <bounce@evil.example>\r\nFrom: PayPal <service@evil.example>\r\nTo: dana@example.net\r\nSubject: =?utf-8?q?Your_account?=\r\n\tis limited\r\nDate: Tue, 24 Nov 2026 08:00:00 +0000\r\nContent-Type: text/html\r\n\r\n<a href=\"https://www.paypal.com/x\">a</a><a href=\"https://evil.example/login\">b</a><a href=\"http://203.0.113.5/\">c</a><a href=\"https://evil.example/login\">d</a>\r\n";

    #[test]
    fn facts_come_from_the_trusted_headers_and_offbrand_links() {
        let rules = Rules {
            brands: Brands::embedded(),
            trusted_authserv_ids: Vec::new(),
            scores: Scores::embedded(),
            taught: Vec::new(),
        };
        let paypal = rules.brands.get("paypal");
        let facts = gather(MSG.as_bytes(), &rules, paypal).unwrap();
        assert_eq!(facts.mail_from.as_deref(), Some("bounce@evil.example"));
        assert_eq!(facts.rcpt_to, vec!["dana@example.net".to_owned()]);
        assert_eq!(
            facts.arrival.as_deref(),
            Some("Tue, 24 Nov 2026 08:00:05 +0000")
        );
        assert_eq!(facts.source_ip, Some("198.51.100.9".parse().unwrap()));
        assert_eq!(facts.reported_domain.as_deref(), Some("evil.example"));
        assert_eq!(
            facts.uris,
            vec!["https://evil.example/login", "http://203.0.113.5/"]
        );
        assert_eq!(facts.auth_results.len(), 1);
        assert!(facts.auth_results[0].starts_with("mx.example.net"));
        assert_eq!(
            facts.raw_subject.as_deref(),
            Some(" =?utf-8?q?Your_account?=\r\n\tis limited\r\n")
        );
    }
}

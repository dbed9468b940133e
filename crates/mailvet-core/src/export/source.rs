//! The Source-IP of an abuse report (RFC 5965 §3.2): the address the user's own receiving server got the
//! message from. Received headers are read top-down only while they were added by the user's own servers
//! (the registrable domains of the trusted authserv-ids, else of the topmost Authentication-Results
//! header, as the verdict trusts them); hops between those servers are passed over, and the first hop that
//! came from outside them gives the address. Anything below could have been written by the sender, so
//! without such a hop there is no Source-IP.

use std::net::IpAddr;

use mail_parser::{Host, Received};

use crate::analysis::{Rules, domains};
use crate::mail::Message;

/// The connecting address of the hop into the user's own servers, when it is a public address.
pub fn source_ip(received: &[Received<'_>], message: &Message, rules: &Rules) -> Option<IpAddr> {
    let own = own_domains(message, rules);
    if own.is_empty() {
        return None;
    }
    let is_own = |host: Option<&Host<'_>>| match host {
        Some(Host::Name(name)) => {
            domains::registrable_of(name).is_some_and(|reg| own.contains(&reg))
        }
        _ => false,
    };
    for (i, hop) in received.iter().enumerate() {
        if !is_own(hop.by.as_ref()) {
            return None;
        }
        let Some(ip) = hop.from_ip.filter(is_public) else {
            continue;
        };
        let from_own = is_own(hop.from.as_ref())
            || is_own(hop.helo.as_ref())
            || (hop.from_iprev.as_deref())
                .is_some_and(|name| is_own(Some(&Host::Name(name.into()))));
        let relayed_inside = received
            .get(i + 1)
            .is_some_and(|below| is_own(below.by.as_ref()));
        if from_own && relayed_inside {
            continue;
        }
        return Some(ip);
    }
    None
}

/// The registrable domains of the user's own servers: those of the configured authserv-ids, else of the
/// topmost Authentication-Results header's.
fn own_domains(message: &Message, rules: &Rules) -> Vec<String> {
    let ids: Vec<&str> = if rules.trusted_authserv_ids.is_empty() {
        (message.auth.first())
            .and_then(|a| a.authserv_id.as_deref())
            .into_iter()
            .collect()
    } else {
        rules
            .trusted_authserv_ids
            .iter()
            .map(String::as_str)
            .collect()
    };
    ids.into_iter()
        .filter_map(domains::registrable_of)
        .collect()
}

/// Whether an address is worth reporting: not loopback, private, link-local or unspecified.
pub(super) fn is_public(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast())
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Brands, Scores};
    use mail_parser::{HeaderValue, MessageParser};

    fn rules(ids: &[&str]) -> Rules {
        Rules {
            brands: Brands::embedded(),
            trusted_authserv_ids: ids.iter().map(|s| (*s).to_owned()).collect(),
            scores: Scores::embedded(),
            taught: Vec::new(),
        }
    }

    fn source(raw: &str, ids: &[&str]) -> Option<IpAddr> {
        let message = crate::mail::parse(raw.as_bytes()).unwrap();
        let headers = MessageParser::new().parse_headers(raw.as_bytes()).unwrap();
        let received: Vec<Received<'_>> = headers
            .header_values("Received")
            .filter_map(HeaderValue::as_received)
            .cloned()
            .collect();
        source_ip(&received, &message, &rules(ids))
    }

    const INTERNAL_HOPS: &str = "Received: from mx1.example.net (mx1.example.net [203.0.113.7])\r\n\tby store.example.net with LMTP; Tue, 24 Nov 2026 08:00:06 +0000\r\n\
Received: from evil.example (evil.example [198.51.100.9])\r\n\tby mx1.example.net with ESMTPS; Tue, 24 Nov 2026 08:00:05 +0000\r\n\
Received: from forged.example (forged.example [192.0.2.99])\r\n\tby evil.example; Tue, 24 Nov 2026 08:00:01 +0000\r\n\
Authentication-Results: mx1.example.net; spf=fail smtp.mailfrom=evil.example\r\n\
From: PayPal <service@evil.example>\r\nTo: dana@example.net\r\nSubject: x\r\n\r\nbody\r\n";

    #[test]
    fn the_hop_into_the_users_own_servers_gives_the_source() {
        // The provider's own relay (mx1 → store) is passed over; the sender's forged hop is never reached.
        let want: IpAddr = "198.51.100.9".parse().unwrap();
        assert_eq!(source(INTERNAL_HOPS, &["mx1.example.net"]), Some(want));
        // Without configured ids, the topmost Authentication-Results header names the receiving server.
        assert_eq!(source(INTERNAL_HOPS, &[]), Some(want));
    }

    #[test]
    fn no_source_without_a_hop_added_by_the_users_servers() {
        assert_eq!(source(INTERNAL_HOPS, &["mx.other.example"]), None);
        let no_auth = INTERNAL_HOPS.replace("Authentication-Results", "X-Not-Auth");
        assert_eq!(source(&no_auth, &[]), None);
    }

    #[test]
    fn private_source_ips_are_not_reported() {
        assert!(!is_public(&"10.0.0.1".parse().unwrap()));
        assert!(!is_public(&"::1".parse().unwrap()));
        assert!(is_public(&"198.51.100.9".parse().unwrap()));
    }
}

//! Signal tests on small messages written here: each signal fires where it should and stays quiet on
//! genuine-looking mail.

mod brands_data;
mod categories;
mod channels;
mod classes;
mod content_links;
mod languages;
mod lures;
mod offsite;
mod sender_auth;
mod signed;

use super::{Brands, Rules, Scores, analyse};
use crate::mail::{
    Address, AuthMethodResult, AuthProperty, AuthResults, Link, LinkOrigin, Message,
};
use crate::model::{Outcome, SignalId, Trust, Verdict};

pub fn rules() -> Rules {
    Rules {
        brands: Brands::embedded(),
        trusted_authserv_ids: vec![],
        scores: Scores::embedded(),
        taught: Vec::new(),
    }
}

pub fn addr(name: Option<&str>, address: &str) -> Address {
    Address {
        name: name.map(str::to_string),
        address: address.to_string(),
    }
}

/// `(method, result, [(ptype.property, value)])`.
pub type MethodSpec<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

/// One Authentication-Results header.
pub fn ar(id: Option<&str>, results: &[MethodSpec]) -> AuthResults {
    AuthResults {
        authserv_id: id.map(str::to_string),
        results: results
            .iter()
            .map(|(method, result, props)| AuthMethodResult {
                method: method.to_string(),
                result: result.to_string(),
                reason: None,
                props: props
                    .iter()
                    .map(|(k, v)| {
                        let (ptype, property) = k.split_once('.').unwrap_or((k, ""));
                        AuthProperty {
                            ptype: ptype.into(),
                            property: property.into(),
                            value: v.to_string(),
                        }
                    })
                    .collect(),
            })
            .collect(),
        raw: String::new(),
    }
}

pub fn link(href: &str, text: &str) -> Link {
    Link {
        href: href.into(),
        text: text.into(),
        origin: LinkOrigin::HtmlAnchor,
    }
}

/// Authenticated results for `domain` from the receiving server.
pub fn passing(domain: &str) -> AuthResults {
    ar(
        Some("mx.google.com"),
        &[
            ("dkim", "pass", &[("header.d", domain)]),
            ("spf", "pass", &[("smtp.mailfrom", domain)]),
            ("dmarc", "pass", &[("header.from", domain)]),
        ],
    )
}

/// A genuine Amazon shipping notice: authenticated, personal, links to amazon.com.
pub fn genuine_amazon() -> Message {
    Message {
        from: Some(addr(Some("Amazon.com"), "shipment-tracking@amazon.com")),
        to: vec![addr(Some("Jane Doe"), "jane@example.org")],
        return_path: Some("2024-abc@bounces.amazon.com".into()),
        subject: "Your Amazon.com order #123-1234567-1234567 has shipped".into(),
        auth: vec![passing("amazon.com")],
        text: "Hello Jane, your package is on its way. Track your package on Amazon.".into(),
        links: vec![link(
            "https://www.amazon.com/gp/your-account/order-details?orderID=123",
            "View order",
        )],
        ..Message::default()
    }
}

/// A genuine personal message from a small domain, no brand.
pub fn genuine_other() -> Message {
    Message {
        from: Some(addr(Some("Bob Smith"), "bob@smith-family.org")),
        to: vec![addr(Some("Jane Doe"), "jane@example.org")],
        subject: "Dinner on Saturday".into(),
        auth: vec![passing("smith-family.org")],
        text: "Hi Jane, are you free on Saturday? Bob".into(),
        ..Message::default()
    }
}

/// Genuine personal mail with another subject and text.
pub fn with_text(subject: &str, text: &str) -> Message {
    Message {
        subject: subject.into(),
        text: text.into(),
        ..genuine_other()
    }
}

pub fn outcome(v: &Verdict, id: SignalId) -> Option<Outcome> {
    v.signals.iter().find(|s| s.id == id).map(|s| s.outcome)
}

/// Asserts the outcome of signal `id` in `v`, showing every signal when it is another.
#[track_caller]
pub fn assert_outcome(v: &Verdict, id: SignalId, want: Option<Outcome>) {
    assert_eq!(outcome(v, id), want, "{:?}", v.signals);
}

pub fn alarms(v: &Verdict) -> Vec<SignalId> {
    v.signals
        .iter()
        .filter(|s| matches!(s.outcome, Outcome::Warn | Outcome::Fail))
        .map(|s| s.id)
        .collect()
}

#[test]
fn genuine_brand_mail_is_verified_and_quiet() {
    let v = analyse(&genuine_amazon(), &rules());
    assert_eq!(v.trust, Trust::Verified, "{:?}", v.signals);
    assert!(alarms(&v).is_empty(), "{:?}", alarms(&v));
    assert_eq!(v.brand.as_deref(), Some("amazon"));
    assert!(
        v.advice.contains("Authenticated as amazon.com"),
        "{}",
        v.advice
    );
    assert_eq!(outcome(&v, SignalId::PersonalGreeting), Some(Outcome::Pass));
}

#[test]
fn genuine_other_mail_is_verified_without_a_brand() {
    let v = analyse(&genuine_other(), &rules());
    assert_eq!(v.trust, Trust::Verified, "{:?}", v.signals);
    assert_eq!(v.brand, None);
    assert!(alarms(&v).is_empty());
}

#[test]
fn same_message_same_verdict_and_advice_for_every_label() {
    let r = rules();
    for msg in [genuine_amazon(), genuine_other(), Message::default()] {
        let v = analyse(&msg, &r);
        assert_eq!(v, analyse(&msg, &r));
        assert!(
            v.advice.ends_with('.') && v.advice.len() > 20,
            "{}",
            v.advice
        );
    }
}

//! Class 6: brands that sign all their mail.

use super::*;

/// Mail From PayPal's own domain, written for the test: a payment notice with the given headers.
fn from_paypal(auth: Vec<AuthResults>, dkim_domains: &[&str]) -> Message {
    Message {
        from: Some(addr(Some("PayPal"), "service@paypal.com")),
        to: vec![addr(Some("Jane Doe"), "jane@example.org")],
        subject: "You sent a payment".into(),
        auth,
        dkim_domains: dkim_domains.iter().map(|d| d.to_string()).collect(),
        text: "Hello Jane Doe, you sent a payment of 10.00 EUR.".into(),
        ..Message::default()
    }
}

/// DKIM and SPF results without a DMARC result, as some receiving servers write them.
fn no_dmarc(dkim_d: &str, mailfrom: &str) -> AuthResults {
    ar(
        Some("mx.example.net"),
        &[
            ("dkim", "pass", &[("header.d", dkim_d)]),
            ("spf", "pass", &[("smtp.mailfrom", mailfrom)]),
        ],
    )
}

#[test]
fn paypal_signed_only_by_an_email_service_provider_fails_without_a_dmarc_result() {
    let msg = from_paypal(
        vec![no_dmarc("sendgrid.net", "bounces@em123.sendgrid.net")],
        &[],
    );
    let v = analyse(&msg, &rules());
    assert_outcome(&v, SignalId::BrandUnsigned, Some(Outcome::Fail));
    assert!(v.trust.is_alarm(), "{:?}", v.trust);
    assert_ne!(v.trust, Trust::Verified);
}

#[test]
fn without_authentication_results_the_signature_tags_decide() {
    let spoof = from_paypal(vec![], &["mailgun.org"]);
    let v = analyse(&spoof, &rules());
    assert_outcome(&v, SignalId::BrandUnsigned, Some(Outcome::Fail));
    let s = v
        .signals
        .iter()
        .find(|s| s.id == SignalId::BrandUnsigned)
        .expect("signal");
    assert!(s.evidence.contains("d=mailgun.org"), "{}", s.evidence);
    // The brand's own signature beside a provider's is what genuine mail sent through a provider looks like.
    let genuine = from_paypal(vec![], &["paypal.com", "sendgrid.net"]);
    assert_eq!(
        outcome(&analyse(&genuine, &rules()), SignalId::BrandUnsigned),
        None
    );
    // No signature at all says nothing about which era or path the mail took.
    assert_eq!(
        outcome(
            &analyse(&from_paypal(vec![], &[]), &rules()),
            SignalId::BrandUnsigned
        ),
        None
    );
}

#[test]
fn the_brands_own_signature_or_aligned_spf_passes() {
    let r = rules();
    let signed = from_paypal(vec![no_dmarc("paypal.com", "bounce@paypal.com")], &[]);
    assert_eq!(
        outcome(&analyse(&signed, &r), SignalId::BrandUnsigned),
        None
    );
    let sub = from_paypal(vec![no_dmarc("e.paypal.com", "x@sendgrid.net")], &[]);
    assert_eq!(outcome(&analyse(&sub, &r), SignalId::BrandUnsigned), None);
    let spf = from_paypal(
        vec![no_dmarc("sendgrid.net", "bounce@mail.paypal.com")],
        &[],
    );
    assert_eq!(outcome(&analyse(&spf, &r), SignalId::BrandUnsigned), None);
}

#[test]
fn a_dmarc_result_or_a_mailing_list_leaves_the_judgement_to_the_dmarc_check() {
    let r = rules();
    let dmarc = ar(
        Some("mx.example.net"),
        &[
            ("dkim", "pass", &[("header.d", "sendgrid.net")]),
            ("dmarc", "fail", &[("header.from", "paypal.com")]),
        ],
    );
    let v = analyse(&from_paypal(vec![dmarc], &[]), &r);
    assert_eq!(outcome(&v, SignalId::BrandUnsigned), None);
    assert_eq!(outcome(&v, SignalId::Dmarc), Some(Outcome::Fail));
    let listed = Message {
        list_id: Some("friends.lists.example.org".into()),
        ..from_paypal(
            vec![no_dmarc("lists.example.org", "bounce@lists.example.org")],
            &[],
        )
    };
    assert_eq!(
        outcome(&analyse(&listed, &r), SignalId::BrandUnsigned),
        None
    );
}

#[test]
fn a_brand_without_a_known_signing_policy_is_not_judged_by_it() {
    let mut r = rules();
    r.brands = Brands::from_toml(
        "[[brand]]\nid = \"shop\"\ndisplay = \"Shop\"\nnames = [\"shop example\"]\nsender_domains = [\"shop.example\"]\n\
         dmarc = { policy = \"none\", source = \"test\" }\ndkim_domains = [\"shop.example\"]\n",
    )
    .expect("parses");
    let msg = Message {
        from: Some(addr(Some("Shop"), "news@shop.example")),
        ..from_paypal(vec![no_dmarc("sendgrid.net", "x@sendgrid.net")], &[])
    };
    assert_eq!(outcome(&analyse(&msg, &r), SignalId::BrandUnsigned), None);
}

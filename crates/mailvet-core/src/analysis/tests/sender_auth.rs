//! Sender and authentication signals.

use super::*;

fn from(name: Option<&str>, address: &str) -> Message {
    Message {
        from: Some(addr(name, address)),
        auth: vec![],
        ..genuine_amazon()
    }
}

#[test]
fn brand_display_name_from_a_foreign_domain_is_phishing_with_report_advice() {
    let v = analyse(&from(Some("Amazon"), "notice@shop-deals.ru"), &rules());
    assert_eq!(outcome(&v, SignalId::SenderDomain), Some(Outcome::Fail));
    assert_eq!(outcome(&v, SignalId::DisplayNameBrand), Some(Outcome::Fail));
    assert_eq!(v.trust, Trust::Phishing);
    assert!(
        v.advice.contains("stop-spoofing@amazon.com"),
        "{}",
        v.advice
    );
    assert!(v.decisive.contains(&SignalId::SenderDomain));
}

#[test]
fn lookalike_homoglyph_foreign_and_tld_swap_from_domains() {
    let r = rules();
    for (address, id) in [
        ("service@amazom.com", SignalId::LookalikeDomain),
        ("service@pаypal.com", SignalId::HomoglyphDomain),
        (
            "service@amazon.com.secure-login.ru",
            SignalId::BrandInForeignDomain,
        ),
        (
            "service@amazon-support-center.com",
            SignalId::BrandInForeignDomain,
        ),
        ("service@paypal.xyz", SignalId::TldSwap),
    ] {
        let v = analyse(&from(None, address), &r);
        assert_eq!(
            outcome(&v, id),
            Some(Outcome::Fail),
            "{address}: {:?}",
            v.signals
        );
        assert!(v.trust.is_alarm(), "{address}");
    }
    let v = analyse(&genuine_amazon(), &r);
    for id in [
        SignalId::LookalikeDomain,
        SignalId::HomoglyphDomain,
        SignalId::BrandInForeignDomain,
        SignalId::TldSwap,
    ] {
        assert_eq!(outcome(&v, id), None);
    }
}

#[test]
fn display_name_with_another_address() {
    let v = analyse(
        &from(Some("service@paypal.com"), "x@mailer.example.net"),
        &rules(),
    );
    assert_eq!(
        outcome(&v, SignalId::DisplayNameAddress),
        Some(Outcome::Fail)
    );
    assert_eq!(
        outcome(
            &analyse(&genuine_amazon(), &rules()),
            SignalId::DisplayNameAddress
        ),
        None
    );
}

#[test]
fn freemail_claiming_a_brand() {
    let v = analyse(
        &from(Some("PayPal Service"), "paypal.help.desk@gmail.com"),
        &rules(),
    );
    assert_eq!(outcome(&v, SignalId::FreemailBrand), Some(Outcome::Fail));
    assert_eq!(v.trust, Trust::Phishing);
}

#[test]
fn freemail_sending_business_notices() {
    let mut msg = genuine_other();
    msg.from = Some(addr(Some("Billing"), "billing.dept.2024@gmail.com"));
    msg.subject = "Your order 48213 payment is confirmed, delivery invoice".into();
    let v = analyse(&msg, &rules());
    assert_eq!(outcome(&v, SignalId::FreemailBusiness), Some(Outcome::Warn));
    assert_eq!(
        outcome(
            &analyse(&genuine_other(), &rules()),
            SignalId::FreemailBusiness
        ),
        None
    );
}

#[test]
fn reply_to_and_return_path() {
    let mut msg = genuine_amazon();
    msg.reply_to = vec![addr(None, "refunds.amazon@gmail.com")];
    assert_eq!(
        outcome(&analyse(&msg, &rules()), SignalId::ReplyToMismatch),
        Some(Outcome::Fail)
    );
    msg.reply_to = vec![addr(None, "help@amazon.co.uk")];
    assert_eq!(
        outcome(&analyse(&msg, &rules()), SignalId::ReplyToMismatch),
        None
    );

    // Bulk mail bounces through its sending platform: not a mismatch.
    msg.return_path = Some("0101abc@eu-west-1.amazonses.com".into());
    assert_eq!(
        outcome(&analyse(&msg, &rules()), SignalId::ReturnPathMismatch),
        None
    );
    let mut spoof = from(Some("Amazon"), "notice@shop-deals.ru");
    spoof.return_path = Some("bounce@another-host.example".into());
    assert_eq!(
        outcome(&analyse(&spoof, &rules()), SignalId::ReturnPathMismatch),
        Some(Outcome::Warn)
    );
}

#[test]
fn dmarc_fail_for_a_brand_domain_and_the_list_exception() {
    let mut msg = genuine_amazon();
    msg.auth = vec![ar(
        Some("mx.example.net"),
        &[
            ("spf", "fail", &[("smtp.mailfrom", "amazon.com")]),
            ("dmarc", "fail", &[("header.from", "amazon.com")]),
        ],
    )];
    let v = analyse(&msg, &rules());
    assert_eq!(outcome(&v, SignalId::Dmarc), Some(Outcome::Fail));
    assert_eq!(outcome(&v, SignalId::Spf), Some(Outcome::Fail));
    assert_eq!(v.trust, Trust::Phishing);

    msg.list_id = Some("<deals.lists.example.org>".into());
    let v = analyse(&msg, &rules());
    let dmarc = v
        .signals
        .iter()
        .find(|s| s.id == SignalId::Dmarc)
        .expect("dmarc signal");
    assert_eq!(dmarc.outcome, Outcome::Warn);
    assert!(dmarc.evidence.contains("List-Id"), "{}", dmarc.evidence);
    assert_ne!(v.trust, Trust::Phishing);
}

#[test]
fn dkim_alignment_and_shared_platforms() {
    let mut msg = genuine_amazon();
    msg.auth = vec![ar(
        Some("mx.google.com"),
        &[("dkim", "pass", &[("header.i", "@amazon.com")])],
    )];
    let v = analyse(&msg, &rules());
    assert_eq!(outcome(&v, SignalId::DkimAligned), Some(Outcome::Pass));
    assert_eq!(v.trust, Trust::Verified);

    msg.auth = vec![ar(
        Some("mx.google.com"),
        &[("dkim", "pass", &[("header.d", "amazonses.com")])],
    )];
    let v = analyse(&msg, &rules());
    assert_eq!(outcome(&v, SignalId::DkimAligned), Some(Outcome::Warn));
    assert_ne!(v.trust, Trust::Verified);
}

#[test]
fn spf_alone_never_verifies() {
    let mut msg = genuine_amazon();
    msg.auth = vec![ar(
        Some("mx.google.com"),
        &[("spf", "pass", &[("smtp.mailfrom", "amazon.com")])],
    )];
    let v = analyse(&msg, &rules());
    assert_eq!(outcome(&v, SignalId::Spf), Some(Outcome::Pass));
    assert_ne!(v.trust, Trust::Verified);
}

#[test]
fn only_the_topmost_or_configured_header_counts() {
    let mut msg = genuine_amazon();
    let forged = ar(
        Some("mx.attacker.example"),
        &[("dmarc", "pass", &[("header.from", "amazon.com")])],
    );
    msg.auth = vec![
        ar(Some("mx.home.example"), &[("dkim", "none", &[])]),
        forged,
    ];
    let v = analyse(&msg, &rules());
    assert_eq!(
        outcome(&v, SignalId::AuthHeaderUntrusted),
        Some(Outcome::Info)
    );
    assert_ne!(v.trust, Trust::Verified);
    let dmarc = v
        .signals
        .iter()
        .find(|s| s.id == SignalId::Dmarc)
        .expect("dmarc");
    assert!(
        dmarc.evidence.contains("topmost header (mx.home.example)"),
        "{}",
        dmarc.evidence
    );
    // The caveat is said once, naming the authserv-id to configure, not in every result's evidence.
    let caveats: Vec<_> = v
        .signals
        .iter()
        .filter(|s| s.evidence.contains("can be forged"))
        .collect();
    assert_eq!(caveats.len(), 1, "{caveats:?}");
    assert_eq!(caveats[0].id, SignalId::AuthSource);
    assert!(
        caveats[0].evidence.contains("mx.home.example")
            && caveats[0].evidence.contains("trusted_authserv_ids")
    );

    let mut r = rules();
    r.trusted_authserv_ids = vec!["mx.attacker.example".into()];
    let configured = analyse(&msg, &r);
    assert_eq!(configured.trust, Trust::Verified);
    assert_eq!(
        outcome(&configured, SignalId::AuthSource),
        None,
        "configured: no caveat"
    );
}

#[test]
fn a_from_without_a_real_domain() {
    let v = analyse(&from(Some("Amazon"), "no-reply@amazon-notice"), &rules());
    assert_eq!(outcome(&v, SignalId::SenderDomain), Some(Outcome::Fail));
}

#[test]
fn sent_via_a_brand_platform_is_not_verified_as_the_brand() {
    let mut msg = genuine_amazon();
    msg.from = Some(addr(
        Some("Jo Bloggs (via Google Docs)"),
        "drive-shares-noreply@google.com",
    ));
    msg.auth = vec![passing("google.com")];
    let v = analyse(&msg, &rules());
    assert_eq!(outcome(&v, SignalId::SenderDomain), Some(Outcome::Info));
    assert_ne!(v.trust, Trust::Verified);
    msg.return_path = None;
    msg.links = vec![];
    let v = analyse(&msg, &rules());
    assert_eq!(v.trust, Trust::Unverified);
    assert!(
        v.advice
            .contains("google.com is authenticated, but sent through"),
        "{}",
        v.advice
    );
}

#[test]
fn a_from_without_a_real_domain_whose_links_claim_a_brand_fails() {
    let mut msg = from(None, "someone@localhost");
    msg.subject = "Someone tried to log in".into();
    let v = analyse(&msg, &rules());
    assert_eq!(outcome(&v, SignalId::SenderDomain), Some(Outcome::Fail));
    // Local system mail naming no brand only warns.
    let mut cron = from(None, "root@buildhost");
    cron.links = vec![];
    cron.text = "Backup finished.".into();
    cron.subject = "Cron <root@buildhost> backup".into();
    assert_eq!(
        outcome(&analyse(&cron, &rules()), SignalId::SenderDomain),
        Some(Outcome::Warn)
    );
}

#[test]
fn arc_headers_alone_are_not_forwarding() {
    let mut msg = genuine_other();
    msg.has_arc = true;
    msg.auth = vec![ar(
        Some("mx.example.net"),
        &[("spf", "none", &[]), ("dmarc", "none", &[])],
    )];
    let v = analyse(&msg, &rules());
    assert_eq!(outcome(&v, SignalId::DkimAligned), Some(Outcome::Warn));
    // The receiving server found a chain on arrival: a forwarder, which may break authentication honestly.
    msg.auth = vec![ar(
        Some("mx.example.net"),
        &[("arc", "pass", &[]), ("dmarc", "none", &[])],
    )];
    let v = analyse(&msg, &rules());
    assert_ne!(outcome(&v, SignalId::DkimAligned), Some(Outcome::Warn));
}

#[test]
fn dmarc_pass_for_another_from_than_shown_warns() {
    let mut msg = genuine_other();
    msg.auth = vec![passing("hotmail.com")];
    let v = analyse(&msg, &rules());
    assert_eq!(outcome(&v, SignalId::Dmarc), Some(Outcome::Warn));
    assert_ne!(v.trust, Trust::Verified);
    // A pass for the very host shown, even one under a suffix the public list lacks, is no mismatch.
    let mut local = genuine_other();
    local.from = Some(addr(Some("Ingrid"), "ingrid@fjordbyte.example"));
    local.auth = vec![passing("fjordbyte.example")];
    assert_ne!(
        outcome(&analyse(&local, &rules()), SignalId::Dmarc),
        Some(Outcome::Warn)
    );
    // The same pass for the From shown is proof.
    assert_eq!(
        outcome(&analyse(&genuine_other(), &rules()), SignalId::Dmarc),
        Some(Outcome::Pass)
    );
}

#[test]
fn freemail_business_notices_to_hidden_recipients_fail() {
    let mut msg = genuine_other();
    msg.from = Some(addr(Some("Billing"), "billing.dept.2024@gmail.com"));
    msg.subject = "Your order 48213 payment is confirmed, delivery invoice".into();
    for to in [vec![], vec![addr(None, "billing.dept.2024@gmail.com")]] {
        msg.to = to;
        let v = analyse(&msg, &rules());
        assert_eq!(outcome(&v, SignalId::FreemailBusiness), Some(Outcome::Fail));
        assert!(v.trust.is_alarm());
    }
    // Personal mail from free-mail to hidden recipients is no business notice.
    let mut party = genuine_other();
    party.from = Some(addr(Some("Bob"), "bob.smith@gmail.com"));
    party.to = vec![];
    assert_eq!(
        outcome(&analyse(&party, &rules()), SignalId::FreemailBusiness),
        None
    );
}

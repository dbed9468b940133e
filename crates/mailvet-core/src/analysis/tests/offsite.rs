//! Phishing from the attacker's own domain, with or without Authentication-Results: a lure whose links all
//! leave the sender's domain, a display name written apart from the mailbox, an organisation named only in a
//! subject's 【tag】, pages on storage buckets. Messages written for the test.

use super::*;

/// Mail from a freshly made, authenticated domain that claims no brand.
fn own_domain(subject: &str, text: &str, href: &str) -> Message {
    Message {
        from: Some(addr(
            Some("Accounts"),
            "hello@brightmeadow-mail.example.com",
        )),
        to: vec![addr(None, "jane@example.org")],
        subject: subject.into(),
        auth: vec![passing("brightmeadow-mail.example.com")],
        text: text.into(),
        links: vec![link(href, "Continue")],
        ..Message::default()
    }
}

#[test]
fn a_lure_whose_links_all_leave_the_sender_fails_in_every_language() {
    let r = rules();
    for (subject, text) in [
        (
            "Action required",
            "Please verify your account within 24 hours or it will be closed.",
        ),
        (
            "Aviso",
            "Verifique su cuenta hoy para evitar la suspensión.",
        ),
        (
            "Hinweis",
            "Bitte bestätigen Sie Ihre Daten, sonst wird Ihr Konto gesperrt.",
        ),
        ("Avviso", "Verifica il tuo account entro oggi."),
        ("Melding", "Verifieer uw account vandaag nog."),
        (
            "Powiadomienie",
            "Zweryfikuj swoje konto, aby uniknąć blokady.",
        ),
        ("お知らせ", "お客様の本人確認が必要です。"),
    ] {
        let v = analyse(
            &own_domain(subject, text, "https://secure-check.example.net/start"),
            &r,
        );
        assert_eq!(
            outcome(&v, SignalId::LureOffsite),
            Some(Outcome::Fail),
            "{text}: {:?}",
            v.signals
        );
        assert_ne!(v.trust, Trust::Verified, "{text}");
        assert!(v.trust.is_alarm(), "{text}: {:?}", v.signals);
    }
}

#[test]
fn the_same_lure_on_the_senders_own_site_or_no_lure_stays_quiet() {
    let r = rules();
    let own = own_domain(
        "Action required",
        "Please verify your account within 24 hours.",
        "https://www.brightmeadow-mail.example.com/verify",
    );
    assert_eq!(outcome(&analyse(&own, &r), SignalId::LureOffsite), None);
    let plain = own_domain(
        "Our spring catalogue",
        "Have a look at what is new this season.",
        "https://shop.otherplace.example.net/spring",
    );
    let v = analyse(&plain, &r);
    assert_eq!(outcome(&v, SignalId::LureOffsite), None);
    assert_eq!(v.trust, Trust::Verified, "{:?}", v.signals);
    // List mail links to its list and its posters' sites.
    let mut list = own_domain(
        "Re: phishing that says verify your account within 24 hours",
        "This one asked people to verify your account within 24 hours, see the sample.",
        "https://archive.otherplace.example.net/msg/1",
    );
    list.list_id = Some("antispam.lists.example.org".into());
    assert_eq!(outcome(&analyse(&list, &r), SignalId::LureOffsite), None);
}

#[test]
fn a_display_name_written_apart_from_the_mailbox_fails() {
    let mut msg = genuine_other();
    msg.from_detached_name = Some("Harbor Savings Bank".into());
    let v = analyse(&msg, &rules());
    assert_eq!(
        outcome(&v, SignalId::DisplayNameDetached),
        Some(Outcome::Fail)
    );
    assert_ne!(v.trust, Trust::Verified);
    assert!(v.trust.is_alarm(), "{:?}", v.signals);
    assert_eq!(
        outcome(
            &analyse(&genuine_other(), &rules()),
            SignalId::DisplayNameDetached
        ),
        None
    );
}

#[test]
fn an_organisation_named_only_in_a_subject_tag_is_checked_against_the_from_domain() {
    let mut msg = Message {
        from: Some(addr(Some("ご案内"), "info@relay-point.example.com")),
        to: vec![addr(None, "jane@example.org")],
        subject: "【みなと銀行】お取引内容のご確認".into(),
        text: "ご確認ください。".into(),
        ..Message::default()
    };
    let v = analyse(&msg, &rules());
    assert_outcome(&v, SignalId::DisplayNameOrganisation, Some(Outcome::Fail));
    // A tag that names no organisation says nothing.
    msg.subject = "【重要】お知らせ".into();
    let v = analyse(&msg, &rules());
    assert_eq!(outcome(&v, SignalId::DisplayNameOrganisation), None);
}

#[test]
fn pages_on_storage_buckets_and_ipfs_gateways_are_free_hosting() {
    for href in [
        "https://files-4821.s3.us-east-2.amazonaws.com/index.html",
        "https://s3-eu-west-1.amazonaws.com/bucket/login.html",
        "https://quiet-river.on.fleek.co/",
    ] {
        let mut msg = genuine_other();
        msg.links = vec![link(href, "Open")];
        assert_eq!(
            outcome(&analyse(&msg, &rules()), SignalId::LinkFreeHosting),
            Some(Outcome::Warn),
            "{href}"
        );
    }
    let mut msg = genuine_other();
    msg.links = vec![link("https://aws.amazon.com/s3/", "Amazon S3")];
    assert_eq!(
        outcome(&analyse(&msg, &rules()), SignalId::LinkFreeHosting),
        None
    );
}

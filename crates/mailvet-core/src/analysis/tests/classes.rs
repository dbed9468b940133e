//! The classes of misses of issue 13, each on small messages written for the test: mail without
//! Authentication-Results, organisations brands.toml does not know, obfuscated names, abused platforms and
//! free-mail strangers sharing a file.

use super::*;

/// A message with no Authentication-Results at all.
fn unauthenticated(name: &str, from: &str, subject: &str, text: &str, links: Vec<Link>) -> Message {
    Message {
        from: Some(addr(Some(name), from)),
        to: vec![addr(Some("Jane Doe"), "jane@example.org")],
        subject: subject.into(),
        text: text.into(),
        links,
        ..Message::default()
    }
}

fn evidence(v: &Verdict, id: SignalId) -> &str {
    v.signals
        .iter()
        .find(|s| s.id == id)
        .map_or("", |s| s.evidence.as_str())
}

#[test]
fn without_authentication_one_strong_warning_is_enough() {
    let r = rules();
    let bank = "Northfield Savings Bank";
    let from = "alerts@northfieldsavings.com";
    // The link text shows the sender's own site; the link goes elsewhere.
    let shown = link(
        "https://login.parcel-verify.example.net/x",
        "https://www.northfieldsavings.com/login",
    );
    let v = analyse(
        &unauthenticated(
            bank,
            from,
            "Statement",
            "Your statement is ready.",
            vec![shown],
        ),
        &r,
    );
    assert_outcome(&v, SignalId::LinkTextMismatch, Some(Outcome::Fail));
    assert!(v.trust.is_alarm());
    // A link to a bare public IP address.
    let ip = link("http://93.184.216.34/northfield/login.php", "Sign in");
    let v = analyse(
        &unauthenticated(
            bank,
            from,
            "Statement",
            "Your statement is ready.",
            vec![ip],
        ),
        &r,
    );
    assert!(v.trust.is_alarm(), "{:?}", v.signals);
    // An organisation's name on an unrelated domain.
    let v = analyse(
        &unauthenticated(
            "Harbor Credit Union Security",
            "notice@mail-zone.net",
            "Notice",
            "Please read.",
            vec![],
        ),
        &r,
    );
    assert_eq!(
        outcome(&v, SignalId::DisplayNameOrganisation),
        Some(Outcome::Fail)
    );
    assert!(v.trust.is_alarm());
}

#[test]
fn list_mail_relayed_with_a_rewritten_from_stays_quiet() {
    let mut msg = unauthenticated(
        "Jan Novak via Linux-Widgets",
        "linux-widgets@lists.example.org",
        "Re: [PATCH v2 1/3] widgets: fix the reference count on unload",
        "On Monday Ana wrote:\n> looks good\nThanks, applied. Jan",
        vec![link(
            "https://git.example.org/widgets/commit/?id=abc",
            "https://git.example.org/widgets/commit/?id=abc",
        )],
    );
    msg.list_id = Some("linux-widgets.lists.example.org".into());
    let v = analyse(&msg, &rules());
    assert!(!v.trust.is_alarm(), "{:?}", alarms(&v));
    assert_eq!(outcome(&v, SignalId::DisplayNameOrganisation), None);
}

#[test]
fn organisations_unknown_to_brands_toml_are_checked_against_the_from_domain() {
    let r = rules();
    let mut msg = genuine_other();
    // An organisation word in the display name, an unrelated (authenticated) domain.
    msg.from = Some(addr(Some("Kundenservice Talbank"), "info@smith-family.org"));
    let v = analyse(&msg, &r);
    assert_outcome(&v, SignalId::DisplayNameOrganisation, Some(Outcome::Fail));
    assert_ne!(v.trust, Trust::Verified);
    // A name the subject repeats, unrelated to the authenticated domain: a warning, and never verified.
    msg.from = Some(addr(Some("Kestrelwallet"), "bob@smith-family.org"));
    msg.subject = "Kestrelwallet: review the new terms".into();
    let v = analyse(&msg, &r);
    assert_eq!(
        outcome(&v, SignalId::DisplayNameOrganisation),
        Some(Outcome::Warn)
    );
    assert_ne!(v.trust, Trust::Verified);
    // From a free-mail address: organisations do not write from there.
    msg.from = Some(addr(Some("Security Team"), "alerts.team@gmail.com"));
    let v = analyse(&msg, &r);
    assert_eq!(
        outcome(&v, SignalId::DisplayNameOrganisation),
        Some(Outcome::Fail)
    );
    // The same names on their own domains, or an acronym of it: nothing.
    for (name, address) in [
        ("Talbank Kundenservice", "service@talbank.de"),
        ("Kestrel Wallet Support", "support@mail.kestrelwallet.io"),
        ("TFC Administrator", "admin@thefoxcompany.com"),
        ("Bob Smith", "bob@smith-family.org"),
    ] {
        let mut ok = genuine_other();
        ok.from = Some(addr(Some(name), address));
        ok.auth = vec![passing(address.rsplit_once('@').map_or("", |(_, d)| d))];
        let v = analyse(&ok, &r);
        assert_eq!(
            outcome(&v, SignalId::DisplayNameOrganisation),
            None,
            "{name}"
        );
        assert_eq!(v.trust, Trust::Verified, "{name}: {:?}", alarms(&v));
    }
}

#[test]
fn machine_made_sender_domains_and_links_elsewhere_warn() {
    let r = rules();
    let mut msg = genuine_other();
    msg.from = Some(addr(Some("Rewards"), "promo@dfltsv9vf.com"));
    msg.auth = vec![passing("dfltsv9vf.com")];
    let v = analyse(&msg, &r);
    assert_eq!(outcome(&v, SignalId::ThrowawayDomain), Some(Outcome::Warn));
    assert_ne!(v.trust, Trust::Verified);
    // A bank writing from its own domain whose every link goes somewhere else.
    let msg = unauthenticated(
        "Northfield Savings Bank",
        "alerts@northfieldsavings.com",
        "Important notice",
        "Please review your details.",
        vec![link("https://review-portal.example.net/a", "Review")],
    );
    let v = analyse(&msg, &r);
    assert_outcome(&v, SignalId::LinkUnrelated, Some(Outcome::Warn));
}

#[test]
fn obfuscated_brand_names_are_read_and_shown_raw_and_folded() {
    let r = rules();
    for name in [
        "N e t f l i x",
        "N.e.t.f.l.i.x",
        "Net\u{200B}flix",
        "𝐍𝐞𝐭𝐟𝐥𝐢𝐱",
        "🎬 N-e-t-f-l-i-x 🎬",
    ] {
        let mut msg = genuine_other();
        msg.from = Some(addr(Some(name), "billing@renew-now.example.com"));
        let v = analyse(&msg, &r);
        assert_eq!(
            v.brand.as_deref(),
            Some("netflix"),
            "{name}: {:?}",
            v.signals
        );
        assert_eq!(
            outcome(&v, SignalId::DisplayNameBrand),
            Some(Outcome::Fail),
            "{name}"
        );
        let shown = evidence(&v, SignalId::DisplayNameBrand);
        assert!(
            shown.contains(name) && shown.contains("reads \"netflix\""),
            "{shown}"
        );
    }
    // In the subject too.
    let mut msg = genuine_other();
    msg.subject = "Your N e t f l i x membership is on hold".into();
    let v = analyse(&msg, &r);
    assert_eq!(v.brand.as_deref(), Some("netflix"), "{:?}", v.signals);
}

#[test]
fn an_abused_platform_is_never_verified() {
    let r = rules();
    // Google's own authenticated address, a display name claiming PayPal.
    let mut msg = genuine_other();
    msg.from = Some(addr(
        Some("PayPal Security"),
        "forms-receipts-noreply@google.com",
    ));
    msg.auth = vec![passing("google.com")];
    let v = analyse(&msg, &r);
    assert_outcome(&v, SignalId::DisplayNameBrand, Some(Outcome::Fail));
    assert!(v.trust.is_alarm());
    // A giveaway sent through the platform, whose links leave it.
    msg.from = Some(addr(
        Some("Google Forms"),
        "forms-receipts-noreply@google.com",
    ));
    msg.subject = "Congratulations".into();
    msg.text = "Congratulations, you have won a gift card! Claim your prize today.".into();
    msg.links = vec![link("https://prize-claim.example.net/x", "Claim")];
    let v = analyse(&msg, &r);
    assert_outcome(&v, SignalId::PlatformAbuse, Some(Outcome::Fail));
    assert_ne!(v.trust, Trust::Verified);
    // The platform's own notice with its own links stays verified.
    let mut own = genuine_other();
    own.from = Some(addr(Some("Google"), "no-reply@accounts.google.com"));
    own.auth = vec![passing("google.com")];
    own.subject = "Security alert".into();
    own.text = "Hi Jane, a new sign-in on Linux. Check activity in your Google Account.".into();
    own.links = vec![link(
        "https://myaccount.google.com/notifications",
        "Check activity",
    )];
    let v = analyse(&own, &r);
    assert_eq!(v.trust, Trust::Verified, "{:?}", alarms(&v));
}

#[test]
fn a_free_mail_stranger_sharing_only_a_file_link() {
    let r = rules();
    let share = |text: &str| Message {
        from: Some(addr(Some("M. Keller"), "m.keller.office@gmail.com")),
        to: vec![addr(Some("Jane Doe"), "jane@example.org")],
        subject: "Shared document".into(),
        auth: vec![passing("gmail.com")],
        text: text.into(),
        links: vec![link(
            "https://www.dropbox.com/scl/fi/abc/Invoice.pdf",
            "View document",
        )],
        ..Message::default()
    };
    let v = analyse(
        &share("Hello,\nplease find the document below.\nView document\nRegards"),
        &r,
    );
    assert_outcome(&v, SignalId::FileShareLure, Some(Outcome::Fail));
    assert!(v.trust.is_alarm());
    // Someone who names you: a warning only.
    let v = analyse(
        &share("Hi Jane, here are the photos from Saturday. Markus"),
        &r,
    );
    assert_eq!(outcome(&v, SignalId::FileShareLure), Some(Outcome::Warn));
    // A long personal message with a link is not the lure.
    let long = format!(
        "Hi, {} Here is the link.",
        "we talked about the garden plans and the fence. ".repeat(20)
    );
    let v = analyse(&share(&long), &r);
    assert_eq!(outcome(&v, SignalId::FileShareLure), None);
}

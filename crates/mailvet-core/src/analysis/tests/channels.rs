//! Where a message sends the reader besides its sender: replies to another company's domain from a free-mail
//! address, forms that post elsewhere, a brand's own links as decoys beside a foreign one, get-rich offers, and
//! organisation words written with accents; and a DMARC report that asks nothing. Messages written for the test.

use super::*;
use crate::mail::{Attachment, Form};

#[test]
fn a_free_mail_sender_whose_replies_go_to_a_company_domain_warns() {
    let r = rules();
    let mut msg = with_text(
        "Quotation",
        "Please find our request attached and reply with prices.",
    );
    msg.from = Some(addr(Some("Paul Grant"), "p.grant1987@gmail.com"));
    msg.auth = vec![passing("gmail.com")];
    msg.reply_to = vec![addr(None, "purchasing@harbour-supplies.example.com")];
    let v = analyse(&msg, &r);
    assert_outcome(&v, SignalId::ReplyToMismatch, Some(Outcome::Warn));
    // Replies to another free-mail box of the same person, or a list's Reply-To, are ordinary.
    msg.reply_to = vec![addr(None, "paul.grant@outlook.com")];
    let v = analyse(&msg, &r);
    assert_ne!(outcome(&v, SignalId::ReplyToMismatch), Some(Outcome::Warn));
    msg.reply_to = vec![addr(None, "widgets@lists.example.org")];
    msg.list_id = Some("widgets.lists.example.org".into());
    let v = analyse(&msg, &r);
    assert_ne!(outcome(&v, SignalId::ReplyToMismatch), Some(Outcome::Warn));
}

#[test]
fn a_form_that_posts_to_another_domain_than_the_senders_fails() {
    let r = rules();
    let mut msg = with_text("Account notice", "Sign in below to keep your access.");
    msg.from = Some(addr(Some("Northfield Bank"), "alerts@northfieldbank.com"));
    msg.auth = vec![];
    msg.forms = vec![Form {
        action: Some("http://host-4411.cheap-vps.net/bank/login.php".into()),
        inputs: vec!["user".into(), "code".into()],
    }];
    let v = analyse(&msg, &r);
    assert_outcome(&v, SignalId::HtmlForm, Some(Outcome::Fail));
    assert!(v.trust.is_alarm());
    // A newsletter's poll posting to its own site, under another TLD of the same name, is information.
    msg.forms[0].action = Some("https://www.northfieldbank.org/poll".into());
    msg.from = Some(addr(Some("Northfield News"), "news@northfieldbank.com"));
    let v = analyse(&msg, &r);
    assert_outcome(&v, SignalId::HtmlForm, Some(Outcome::Info));
}

#[test]
fn the_brands_own_links_beside_a_foreign_one_under_a_data_request_warn() {
    let r = rules();
    let mut msg = genuine_amazon();
    msg.auth = vec![];
    msg.subject = "Billing problem".into();
    msg.text = "We could not charge your card. Please update your billing information and verify your identity."
        .into();
    msg.links = vec![
        link("https://www.amazon.com/gp/help", "Help"),
        link("http://billing-fix.example.net/a/", "Update now"),
    ];
    let v = analyse(&msg, &r);
    assert_outcome(&v, SignalId::LinkOffbrand, Some(Outcome::Warn));
    assert!(v.trust.is_alarm(), "{:?}", v.signals);
    // The same links without a data request: a footer link elsewhere is information.
    msg.text = "Your order has shipped.".into();
    let v = analyse(&msg, &r);
    assert_outcome(&v, SignalId::LinkOffbrand, Some(Outcome::Info));
}

#[test]
fn get_rich_offers_are_money_for_nothing_in_several_languages() {
    let r = rules();
    for text in [
        "Become a millionaire with this passive income method, bitcoin does the work.",
        "Hágase millonario con ingresos pasivos: invierta en bitcoin hoy.",
        "Fique milionário com renda passiva: invista em bitcoin.",
        "Werden Sie Millionär mit passives Einkommen aus Bitcoin.",
        "Devenez millionnaire grâce au revenu passif en bitcoin.",
        "Diventa milionario con il reddito passivo in bitcoin.",
        "Word miljonair met passief inkomen uit bitcoin.",
    ] {
        let v = analyse(&with_text("Nieuws", text), &r);
        assert_eq!(
            outcome(&v, SignalId::MoneyLure),
            Some(Outcome::Warn),
            "{text}: {:?}",
            v.signals
        );
    }
}

#[test]
fn english_dont_and_a_lot_are_no_french_lure_words() {
    let v = analyse(
        &with_text(
            "Notes",
            "I don't think a lot has changed since the meeting.",
        ),
        &rules(),
    );
    assert_outcome(&v, SignalId::MoneyLure, None);
    assert_outcome(&v, SignalId::PrizeLure, None);
}

#[test]
fn organisation_words_with_accents_are_read_in_display_names() {
    let r = rules();
    for name in ["ASSISTÊNCIA TÉCNICA", "Sécurité Clients", "NOTIFICAÇÃO"] {
        let mut msg = genuine_other();
        msg.from = Some(addr(Some(name), "someone.1990@gmail.com"));
        msg.auth = vec![passing("gmail.com")];
        let v = analyse(&msg, &r);
        assert_eq!(
            outcome(&v, SignalId::DisplayNameOrganisation),
            Some(Outcome::Fail),
            "{name}: {:?}",
            v.signals
        );
    }
}

/// A DMARC aggregate report as reporters send it: RFC 7489's subject, the XML gzipped.
fn dmarc_report() -> Message {
    Message {
        from: Some(addr(Some("Mailhost DMARC"), "noreply-dmarc@mailhost.net")),
        to: vec![addr(None, "dmarc@example.org")],
        subject: "Report Domain: example.org Submitter: mailhost.net Report-ID: 5521".into(),
        // The receiving server checked, and nothing authenticates the reporter.
        auth: vec![ar(
            Some("mx.example.org"),
            &[
                ("dkim", "none", &[]),
                ("dmarc", "none", &[("header.from", "mailhost.net")]),
            ],
        )],
        text: "This is a DMARC aggregate report for example.org.".into(),
        links: vec![link("https://www.mailhost.net/privacy", "Privacy")],
        attachments: vec![Attachment {
            name: Some("mailhost.net!example.org!1700000000!1700086400.xml.gz".into()),
            mime: "application/gzip".into(),
            size: 900,
            archive_entries: vec![],
        }],
        ..Message::default()
    }
}

#[test]
fn a_dmarc_aggregate_report_is_not_faulted_for_its_authentication() {
    let r = rules();
    let v = analyse(&dmarc_report(), &r);
    assert_ne!(
        outcome(&v, SignalId::DkimAligned),
        Some(Outcome::Warn),
        "{:?}",
        v.signals
    );
    assert!(!v.trust.is_alarm(), "{:?}", v.signals);
    // The same subject with a link elsewhere or another attachment is ordinary mail again.
    let mut msg = dmarc_report();
    msg.links = vec![link(
        "https://report-viewer.example.net/open",
        "Open report",
    )];
    let v = analyse(&msg, &r);
    assert_outcome(&v, SignalId::DkimAligned, Some(Outcome::Warn));
    let mut msg = dmarc_report();
    msg.attachments[0].name = Some("report.xml.exe".into());
    let v = analyse(&msg, &r);
    assert_outcome(&v, SignalId::DkimAligned, Some(Outcome::Warn));
}

#[test]
fn mail_whose_links_name_a_brand_is_not_verified_from_another_domain() {
    let r = rules();
    // An authenticated shop whose links mostly go to a brand's site: the verdict names the brand, so the
    // shop's authentication proves nothing about it.
    let mut msg = with_text("Deals of the week", "Our best prices this week.");
    msg.from = Some(addr(Some("Deal Corner"), "offers@dealcorner-shop.com"));
    msg.auth = vec![passing("dealcorner-shop.com")];
    msg.links = vec![
        link("https://www.apple.com/shop/buy-iphone", "iPhone"),
        link("https://www.apple.com/shop/buy-mac", "Mac"),
        link("https://dealcorner-shop.com/cart", "Cart"),
    ];
    let v = analyse(&msg, &r);
    assert_eq!(v.brand.as_deref(), Some("apple"), "{:?}", v.signals);
    assert_ne!(v.trust, Trust::Verified, "{:?}", v.signals);
    // Without the brand's links it is the shop's own mail, and verified.
    msg.links = vec![link("https://dealcorner-shop.com/cart", "Cart")];
    let v = analyse(&msg, &r);
    assert_eq!(v.trust, Trust::Verified, "{:?}", v.signals);
}

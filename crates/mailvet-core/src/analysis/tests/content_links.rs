//! Link, content, attachment and category signals.

use super::*;
use crate::mail::{Attachment, Form};
use crate::model::Category;

fn with_links(links: Vec<crate::mail::Link>) -> Message {
    Message {
        links,
        ..genuine_amazon()
    }
}

fn with_attachment(name: &str, mime: &str, entries: &[&str]) -> Message {
    Message {
        attachments: vec![Attachment {
            name: Some(name.into()),
            mime: mime.into(),
            size: 1000,
            archive_entries: entries.iter().map(|e| e.to_string()).collect(),
        }],
        ..genuine_other()
    }
}

#[test]
fn link_signals_fire_on_tricks_and_stay_quiet_on_brand_links() {
    let r = rules();
    for (href, text, id, expected) in [
        (
            "http://login-check.example/pp",
            "https://www.paypal.com/signin",
            SignalId::LinkTextMismatch,
            Outcome::Fail,
        ),
        (
            "http://93.184.216.34/login",
            "Sign in",
            SignalId::LinkIpHost,
            Outcome::Fail,
        ),
        (
            "http://192.168.1.1/setup",
            "Router",
            SignalId::LinkIpHost,
            Outcome::Info,
        ),
        (
            "https://www.amazon.com@evil.example/x",
            "Sign in",
            SignalId::LinkUserinfo,
            Outcome::Fail,
        ),
        (
            "https://bit.ly/3abcd",
            "Track",
            SignalId::LinkShortener,
            Outcome::Warn,
        ),
        (
            "https://storage.googleapis.com/b/amazon.html",
            "Track",
            SignalId::LinkFreeHosting,
            Outcome::Warn,
        ),
        (
            "https://amaz0n-orders.com/x",
            "Track",
            SignalId::BrandInForeignDomain,
            Outcome::Fail,
        ),
    ] {
        let v = analyse(&with_links(vec![link(href, text)]), &r);
        assert_eq!(outcome(&v, id), Some(expected), "{href}: {:?}", v.signals);
    }
    let v = analyse(&genuine_amazon(), &r);
    assert_eq!(outcome(&v, SignalId::LinkOffbrand), Some(Outcome::Pass));
    for id in [
        SignalId::LinkTextMismatch,
        SignalId::LinkIpHost,
        SignalId::LinkUserinfo,
        SignalId::LinkShortener,
        SignalId::LinkFreeHosting,
    ] {
        assert_eq!(outcome(&v, id), None, "{id}");
    }
}

#[test]
fn redirectors_are_unwrapped_offline() {
    let safe = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.example%2Flogin&data=1";
    let v = analyse(&with_links(vec![link(safe, "Sign in")]), &rules());
    assert_eq!(outcome(&v, SignalId::LinkRedirector), Some(Outcome::Info));
    let off = v
        .signals
        .iter()
        .find(|s| s.id == SignalId::LinkOffbrand)
        .expect("offbrand");
    assert!(off.evidence.contains("evil.example"), "{}", off.evidence);

    let pp = "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.amazon.com_orders&d=x";
    let v = analyse(&with_links(vec![link(pp, "Orders")]), &rules());
    assert_outcome(&v, SignalId::LinkOffbrand, Some(Outcome::Pass));
}

#[test]
fn links_off_the_claimed_brand() {
    let mut msg = with_links(vec![link("https://evil.example/a", "Track")]);
    msg.auth = vec![];
    msg.from = Some(addr(Some("Amazon"), "x@evil.example"));
    assert_eq!(
        outcome(&analyse(&msg, &rules()), SignalId::LinkOffbrand),
        Some(Outcome::Warn)
    );
}

#[test]
fn greetings() {
    let v = analyse(
        &with_text("Notice", "Dear Customer, we noticed something."),
        &rules(),
    );
    assert_eq!(outcome(&v, SignalId::GenericGreeting), Some(Outcome::Warn));
    let v = analyse(
        &with_text("Notice", "Hello jane@example.org, we noticed something."),
        &rules(),
    );
    assert_eq!(outcome(&v, SignalId::GenericGreeting), Some(Outcome::Warn));
    let v = analyse(&genuine_other(), &rules());
    assert_eq!(outcome(&v, SignalId::PersonalGreeting), Some(Outcome::Pass));
    assert_eq!(outcome(&v, SignalId::GenericGreeting), None);
}

#[test]
fn pressure_requests_and_lures() {
    let r = rules();
    for (subject, text, id) in [
        (
            "Urgent: action required",
            "Your account has been suspended.",
            SignalId::Urgency,
        ),
        (
            "Notice",
            "Please verify your account to keep using it.",
            SignalId::CredentialRequest,
        ),
        (
            "Congratulations!",
            "You have won a gift card. Claim your prize.",
            SignalId::PrizeLure,
        ),
        (
            "Renewal",
            "Your subscription renewal: a payment of $499.00 will be processed today. To cancel call us at 1 (859) 402-7270.",
            SignalId::CallbackLure,
        ),
        ("Wе Havе a Surprisе", "Hi", SignalId::MixedScript),
    ] {
        let v = analyse(&with_text(subject, text), &r);
        assert!(
            matches!(outcome(&v, id), Some(Outcome::Warn | Outcome::Fail)),
            "{id}: {:?}",
            v.signals
        );
    }
    let v = analyse(&genuine_other(), &r);
    for id in [
        SignalId::Urgency,
        SignalId::CredentialRequest,
        SignalId::PrizeLure,
        SignalId::CallbackLure,
        SignalId::MixedScript,
    ] {
        assert_eq!(outcome(&v, id), None, "{id}");
    }
}

#[test]
fn forms_asking_for_passwords() {
    let mut msg = genuine_other();
    msg.forms = vec![Form {
        action: Some("https://evil.example/post".into()),
        inputs: vec!["email".into(), "password".into()],
    }];
    assert_eq!(
        outcome(&analyse(&msg, &rules()), SignalId::HtmlForm),
        Some(Outcome::Fail)
    );
    msg.forms = vec![Form {
        action: Some("https://news.smith-family.org/subscribe".into()),
        inputs: vec!["email".into()],
    }];
    assert_eq!(
        outcome(&analyse(&msg, &rules()), SignalId::HtmlForm),
        Some(Outcome::Info)
    );
}

#[test]
fn dangerous_attachments() {
    let r = rules();
    for (name, mime, entries, id) in [
        (
            "invoice.pdf.exe",
            "application/octet-stream",
            &[][..],
            SignalId::DoubleExtension,
        ),
        (
            "setup.scr",
            "application/octet-stream",
            &[][..],
            SignalId::DangerousAttachment,
        ),
        (
            "report\u{202e}fdp.exe",
            "application/octet-stream",
            &[][..],
            SignalId::BidiFilename,
        ),
        (
            "statement.html",
            "text/html",
            &[][..],
            SignalId::HtmlAttachment,
        ),
        (
            "docs.zip",
            "application/zip",
            &["readme.txt", "invoice.js"][..],
            SignalId::ArchiveExecutable,
        ),
    ] {
        let v = analyse(&with_attachment(name, mime, entries), &r);
        assert!(outcome(&v, id).is_some(), "{name}: {:?}", v.signals);
    }
    let v = analyse(&with_attachment("invoice.pdf", "application/pdf", &[]), &r);
    assert!(alarms(&v).is_empty(), "{:?}", alarms(&v));
}

#[test]
fn categories() {
    let r = rules();
    for (subject, text, category) in [
        (
            "Your order has shipped",
            "Track your package delivery.",
            Category::OrdersShipping,
        ),
        (
            "Password reset request",
            "Use this code to sign in to your account.",
            Category::AccountSecurity,
        ),
        (
            "Black Friday deals: 40% off",
            "Exclusive offers, save now.",
            Category::Promotions,
        ),
        (
            "Listing policy violation",
            "Your seller account health needs attention.",
            Category::SellerPerformance,
        ),
        ("Dinner on Saturday", "Are you free?", Category::Other),
    ] {
        assert_eq!(
            analyse(&with_text(subject, text), &r).category,
            category,
            "{subject}"
        );
    }
}

#[test]
fn a_brands_shortener_does_not_claim_the_brand() {
    let msg = Message {
        links: vec![link("https://t.co/AbCdEf", "Claim now")],
        ..genuine_other()
    };
    let v = analyse(&msg, &rules());
    assert_eq!(v.brand, None);
    assert_eq!(outcome(&v, SignalId::LinkShortener), Some(Outcome::Warn));
}

#[test]
fn categories_in_japanese_and_common_promotion_words() {
    let r = rules();
    let v = analyse(
        &with_text(
            "注文済み: 「Example 256GB」",
            "ご注文ありがとうございます。",
        ),
        &r,
    );
    assert_eq!(v.category, Category::OrdersShipping);
    let v = analyse(&with_text("30 Tage kostenlos testen", "Jetzt starten."), &r);
    assert_eq!(v.category, Category::Promotions);
    let v = analyse(
        &with_text("Minutes of the meeting", "Attached, thanks."),
        &r,
    );
    assert_eq!(v.category, Category::Other);
}

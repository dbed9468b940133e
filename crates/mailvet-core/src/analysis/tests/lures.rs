//! Lures, greetings by mailbox or web address, and brand claims signed in a copyright line.

use super::*;

#[test]
fn money_for_nothing_warns_and_ordinary_money_talk_does_not() {
    let r = rules();
    for (subject, text) in [
        (
            "Good news",
            "You can now collect your crypto tokens as soon as your application is approved.",
        ),
        (
            "Aw:",
            "Sie wurden für eine Spende von 1 Million US-Dollar ausgewählt.",
        ),
        (
            "Confirm the receipt",
            "The coin has been transmitted, have you received it?",
        ),
        (
            "Legal notice",
            "You are entitled to receive the compensation you deserve.",
        ),
    ] {
        let v = analyse(&with_text(subject, text), &r);
        assert_eq!(
            outcome(&v, SignalId::MoneyLure),
            Some(Outcome::Warn),
            "{text}"
        );
    }
    for text in [
        "The project raised 2 million USD last year; minutes attached.",
        "Thanks for your donation to the school fair!",
        "Your refund of 20 USD has been issued to your card.",
    ] {
        let v = analyse(&with_text("Update", text), &r);
        assert_ne!(
            outcome(&v, SignalId::MoneyLure),
            Some(Outcome::Warn),
            "{text}"
        );
        assert_eq!(v.trust, Trust::Verified, "{text}");
    }
}

#[test]
fn a_free_mail_address_to_write_to_instead_of_the_sender() {
    let r = rules();
    let msg = with_text(
        "Monday",
        "I have been trying to reach you. Email me for details: someone.else@gmail.com Thanks.",
    );
    let v = analyse(&msg, &r);
    assert_eq!(outcome(&v, SignalId::ContactElsewhere), Some(Outcome::Warn));
    assert_ne!(v.trust, Trust::Verified);
    // A quoted reply header, the recipient's own address, or a free-mail sender: nothing.
    for (from, text) in [
        (
            "bob@smith-family.org",
            "On Monday, someone.else@gmail.com wrote: see you soon",
        ),
        (
            "bob@smith-family.org",
            "Write to jane@gmail.com if you like.",
        ),
        (
            "bob@gmail.com",
            "Or email me at bob.smith@yahoo.com instead.",
        ),
    ] {
        let mut msg = with_text("Re: plans", text);
        msg.from = Some(addr(Some("Bob"), from));
        msg.to = vec![addr(Some("Jane Doe"), "jane@gmail.com")];
        let v = analyse(&msg, &r);
        assert_eq!(outcome(&v, SignalId::ContactElsewhere), None, "{text}");
    }
}

#[test]
fn greetings_by_mailbox_name_or_web_address_are_generic() {
    let r = rules();
    let mut msg = with_text(
        "Ola anne.compras, tuesday 30 May",
        "Your mailbox password has expired.",
    );
    msg.to = vec![addr(None, "anne.compras@example.com.br")];
    let v = analyse(&msg, &r);
    assert_eq!(outcome(&v, SignalId::GenericGreeting), Some(Outcome::Warn));

    let msg = with_text(
        "Welcome",
        "Hi www.example.blogspot.cl - 180 USD, thanks for joining.",
    );
    assert_eq!(
        outcome(&analyse(&msg, &r), SignalId::GenericGreeting),
        Some(Outcome::Warn)
    );

    // A mailbox that is a plain first name greets personally.
    let mut msg = with_text("Hello", "Hi anne, lunch?");
    msg.to = vec![addr(None, "anne@example.org")];
    assert_ne!(
        outcome(&analyse(&msg, &r), SignalId::GenericGreeting),
        Some(Outcome::Warn)
    );
}

#[test]
fn a_copyright_line_signing_as_a_brand_claims_it() {
    let r = rules();
    let mut msg = with_text(
        "Convite exclusivo",
        "Bem-vindo! Clique aqui para começar.\n© 2024 Itaú Personnalité. Todos os direitos reservados.",
    );
    msg.links = vec![link("https://bonus.example.com/x", "Clique aqui")];
    let v = analyse(&msg, &r);
    assert_eq!(v.brand.as_deref(), Some("itau"));
    assert_eq!(outcome(&v, SignalId::SenderDomain), Some(Outcome::Fail));
    assert!(v.trust.is_alarm());

    // Naming a brand elsewhere in the text, with the sender's own copyright, claims nothing.
    let msg = with_text(
        "Our news",
        "We now ship with Amazon and PayPal.\n© 2024 Smith Family Bakery. All rights reserved.",
    );
    let v = analyse(&msg, &r);
    assert_ne!(outcome(&v, SignalId::SenderDomain), Some(Outcome::Fail));
    assert!(!v.trust.is_alarm(), "{:?}", alarms(&v));
}

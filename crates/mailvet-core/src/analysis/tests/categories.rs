//! Categories (category.toml): each rule, and the evidence in every language of the phrase files, on small
//! messages written for the test.

use super::*;
use crate::model::Category;

fn category(subject: &str, text: &str) -> Category {
    analyse(&with_text(subject, text), &rules()).category
}

#[test]
fn one_word_in_the_subject_outweighs_a_word_in_the_body() {
    assert_eq!(
        category("Your parcel", "See you soon."),
        Category::OrdersShipping
    );
    assert_eq!(category("Hello", "The parcel is here."), Category::Other);
}

#[test]
fn the_body_alone_needs_several_distinct_phrases() {
    assert_eq!(
        category(
            "Hello",
            "The parcel left the warehouse; tracking shows the delivery for Monday."
        ),
        Category::OrdersShipping
    );
}

#[test]
fn prize_and_giveaway_phrases_are_promotion_evidence() {
    assert_eq!(
        category(
            "Good news",
            "You have won! Claim your mystery box, a lottery prize."
        ),
        Category::Promotions
    );
}

#[test]
fn credential_requests_are_account_evidence() {
    assert_eq!(
        category(
            "Notice",
            "Please verify your identity and enter your password and card number."
        ),
        Category::AccountSecurity
    );
}

#[test]
fn replies_on_a_mailing_list_need_stronger_evidence() {
    let mut msg = with_text("Re: shipping the next release", "Looks good to me.");
    assert_eq!(analyse(&msg, &rules()).category, Category::OrdersShipping);
    msg.list_id = Some("<dev.lists.example.org>".into());
    assert_eq!(
        analyse(&msg, &rules()).category,
        Category::OrdersShipping,
        "a list's own post is no discussion"
    );
    msg.is_reply = true;
    assert_eq!(analyse(&msg, &rules()).category, Category::Other);
}

#[test]
fn ordinary_mail_stays_other() {
    for (subject, text) in [
        ("Minutes of the meeting", "Attached, thanks."),
        ("Dinner on Saturday", "Are you free? Bring the kids."),
        (
            "Patch v2: fix the build",
            "This fixes the warning on 32-bit targets.",
        ),
    ] {
        assert_eq!(category(subject, text), Category::Other, "{subject}");
    }
}

/// One subject per language and category, each naming the category in that language's words.
#[test]
fn every_language_names_the_three_common_categories() {
    use Category::{AccountSecurity as A, OrdersShipping as O, Promotions as P};
    for (language, subject, expected) in [
        ("en", "Your account has been blocked", A),
        ("en", "Delivery attempt failed", O),
        ("en", "You won a voucher", P),
        ("de", "Ihr Zugang wurde eingeschränkt", A),
        ("de", "Ihre Bestellung ist unterwegs", O),
        ("de", "Sie haben gewonnen", P),
        ("fr", "Votre compte est suspendu", A),
        ("fr", "Votre colis est en route", O),
        ("fr", "Participez à notre sondage", P),
        ("es", "Su cuenta ha sido bloqueada", A),
        ("es", "Su paquete está en camino", O),
        ("es", "Ha ganado un premio", P),
        ("it", "Il tuo accesso è bloccato", A),
        ("it", "Il pacco è in consegna", O),
        ("it", "Hai vinto un premio", P),
        ("pt", "Sua senha expirou", A),
        ("pt", "Sua encomenda foi enviada", O),
        ("pt", "Parabéns, você ganhou", P),
        ("nl", "Uw account is geblokkeerd", A),
        ("nl", "Uw pakket is onderweg", O),
        ("nl", "U hebt gewonnen", P),
        ("pl", "Konto zostało zablokowane", A),
        ("pl", "Twoja przesyłka jest w drodze", O),
        ("pl", "Gratulacje, nagroda czeka", P),
        ("sv", "Ditt konto är spärrat", A),
        ("sv", "Ditt paket är på väg", O),
        ("sv", "Grattis, du har vunnit", P),
        ("da", "Din konto er spærret", A),
        ("da", "Din pakke er på vej", O),
        ("da", "Tillykke, du har vundet", P),
        ("no", "Kontoen din er sperret", A),
        ("no", "Sporing av din pakke", O),
        ("no", "Gratulerer, du har vunnet", P),
        ("fi", "Tilisi on lukittu", A),
        ("fi", "Pakettisi seuranta: paketti matkalla", O),
        ("fi", "Onnittelut, olet voittanut", P),
        ("tr", "Hesabınız engellendi", A),
        ("tr", "Kargo teslimat bilgisi", O),
        ("tr", "Tebrikler, kazandınız", P),
        ("ja", "アカウントの利用制限のお知らせ", A),
        ("ja", "お荷物の配達予定", O),
        ("ja", "抽選で当選しました", P),
        ("zh", "您的账户已被冻结", A),
        ("zh", "您的包裹正在派送", O),
        ("zh", "恭喜您中奖", P),
        ("ko", "계정이 정지되었습니다", A),
        ("ko", "택배 배송 안내", O),
        ("ko", "경품 당첨 안내", P),
    ] {
        assert_eq!(category(subject, ""), expected, "{language}: {subject}");
    }
}

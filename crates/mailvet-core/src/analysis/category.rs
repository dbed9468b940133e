//! What a message is about — account-security, seller-performance, orders-shipping, promotions or other —
//! from keywords in the subject (weighted) and the start of the body, in the dev set's languages. Discussion
//! mail (mailing lists) needs stronger evidence before it leaves `other`.

use super::text::{Phrases, Texts};
use crate::mail::Message;
use crate::model::Category;

static ACCOUNT: Phrases = Phrases::new(
    "transaction|withdrawal|transação|saque|wallet|carteira|cybersecurity|suspension|password|sign in|signin|login|log in|verify|verification|security|secure|account|suspended|locked|\
    unusual activity|two factor|2 fa|one time password|otp|passcode|identity|unauthorized|new device|pin|\
    kontos|konto|passwort|sicherheit|anmeldung|gesperrt|senha|conta|segurança|bloqueio|cuenta|\
    contraseña|compte|mot de passe|sécurité|account verification|cnh|cpf",
);
static SELLER: Phrases = Phrases::new(
    "seller|seller central|listing|listings|account health|policy violation|asin|\
    performance notification|storefront|merchant|verkäufer|vendedor",
);
static ORDERS: Phrases = Phrases::new(
    "payment|pagamento|order|orders|shipped|shipment|shipping|delivery|delivered|package|parcel|tracking|dispatched|\
    arriving|courier|receipt|invoice|trip|purchase|refund|bestellung|lieferung|paket|sendung|zustellung|\
    pedido|entrega|encomenda|rastreio|envío|commande|colis|livraison|ordine|consegna|spedizione|注 文|配 達|\
    発 送|配 送|お 届 け",
);
static PROMO: Phrases = Phrases::new(
    "deal|deals|offer|offers|sale|off|discount|save|free|win|winner|gift card|prize|survey|reward|\
    rewards|exclusive|newsletter|coupon|promo|black friday|congratulations|gewinnspiel|gutschein|\
    angebot|rabatt|gewinnen|geschenkkarte|promoção|oferta|desconto|ofertas|prêmio|promotion|soldes|\
    offerta|you have won|free trial|cashback|bonus|kostenlos|gratis|grátis|offre|offres|korting|aanbieding",
);

/// The category of a message.
pub fn categorise(msg: &Message, texts: &Texts) -> Category {
    let (subject, body) = (&texts.subject, &texts.body);
    let score = |list: &Phrases| -> usize { 3 * subject.count(list) + body.count(list) };
    let scored = [
        (Category::AccountSecurity, score(&ACCOUNT)),
        (Category::SellerPerformance, score(&SELLER)),
        (Category::OrdersShipping, score(&ORDERS)),
        (Category::Promotions, score(&PROMO)),
    ];
    let threshold = if msg.list_id.is_some() { 6 } else { 3 };
    scored
        .iter()
        .filter(|(_, s)| *s >= threshold)
        .max_by_key(|(c, s)| (*s, std::cmp::Reverse(*c)))
        .map_or(Category::Other, |(c, _)| *c)
}

//! What a message is about — account-security, seller-performance, orders-shipping, promotions or other —
//! from keywords in the subject (weighted) and the start of the body (the phrase lists of `phrases/`). Discussion
//! mail (mailing lists) needs stronger evidence before it leaves `other`.

use super::phrases::List;
use super::text::Texts;
use crate::mail::Message;
use crate::model::Category;

/// The category of a message.
pub fn categorise(msg: &Message, texts: &Texts) -> Category {
    let score = |list| 3 * texts.subject_hits.count(list) + texts.body_hits.count(list);
    let scored = [
        (Category::AccountSecurity, score(List::Account)),
        (Category::SellerPerformance, score(List::Seller)),
        (Category::OrdersShipping, score(List::Orders)),
        (Category::Promotions, score(List::Promo)),
    ];
    let threshold = if msg.list_id.is_some() { 6 } else { 3 };
    scored
        .iter()
        .filter(|(_, s)| *s >= threshold)
        .max_by_key(|(c, s)| (*s, std::cmp::Reverse(*c)))
        .map_or(Category::Other, |(c, _)| *c)
}

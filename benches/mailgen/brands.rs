//! Genuine brand senders (the table) and the mail they send, authenticated for their own domain.

use super::kinds::{auth_pass, body, file, ip, subject};
use super::pools::*;
use super::rng::Rng;
use super::{Layout, Mail, RECIPIENT};

/// A genuine sender of a brand: display name, address, link host, image host, topics it writes about.
pub(super) struct BrandSender {
    pub(super) brand: &'static str,
    pub(super) display: &'static str,
    pub(super) local: &'static str,
    pub(super) domain: &'static str,
    pub(super) links: &'static str,
    pub(super) images: &'static str,
    pub(super) topic: Topic,
}

/// What a genuine sender writes about.
#[derive(Clone, Copy)]
pub(super) enum Topic {
    Order,
    Receipt,
    Security,
    Seller,
    Promo,
}

impl Topic {
    pub(super) fn pools(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Topic::Order => (ORDER, SUBJECTS_ORDER),
            Topic::Receipt => (RECEIPT, SUBJECTS_RECEIPT),
            Topic::Security => (SECURITY, SUBJECTS_SECURITY),
            Topic::Seller => (SELLER, SUBJECTS_SELLER),
            Topic::Promo => (PROMO, SUBJECTS_PROMO),
        }
    }
}

const fn sender(
    brand: &'static str,
    display: &'static str,
    local: &'static str,
    domain: &'static str,
    links: &'static str,
    images: &'static str,
    topic: Topic,
) -> BrandSender {
    BrandSender {
        brand,
        display,
        local,
        domain,
        links,
        images,
        topic,
    }
}

/// Genuine senders: brand id, display name, local part, domain, link host, image host, topic.
#[rustfmt::skip]
pub(super) const BRANDS: &[BrandSender] = &[
    sender("amazon", "Amazon.com", "shipment-tracking", "amazon.com", "www.amazon.com", "m.media-amazon.com", Topic::Order),
    sender("amazon", "Amazon.com", "auto-confirm", "amazon.com", "www.amazon.com", "m.media-amazon.com", Topic::Order),
    sender("amazon", "Amazon.com", "account-update", "amazon.com", "www.amazon.com", "m.media-amazon.com", Topic::Security),
    sender("amazon", "Amazon.com", "store-news", "amazon.com", "www.amazon.com", "m.media-amazon.com", Topic::Promo),
    sender("amazon", "Amazon Seller Central", "seller-notification", "amazon.com", "sellercentral.amazon.com", "m.media-amazon.com", Topic::Seller),
    sender("amazon", "Amazon.de", "versandbestaetigung", "amazon.de", "www.amazon.de", "m.media-amazon.com", Topic::Order),
    sender("paypal", "PayPal", "service", "paypal.com", "www.paypal.com", "www.paypalobjects.com", Topic::Receipt),
    sender("apple", "Apple", "no_reply", "email.apple.com", "www.apple.com", "www.apple.com", Topic::Receipt),
    sender("apple", "Apple", "appleid", "id.apple.com", "account.apple.com", "www.apple.com", Topic::Security),
    sender("microsoft", "Microsoft account team", "account-security-noreply", "accountprotection.microsoft.com", "account.microsoft.com", "img-prod-cms-rt-microsoft-com.akamaized.net", Topic::Security),
    sender("ups", "UPS", "mcinfo", "ups.com", "www.ups.com", "www.ups.com", Topic::Order),
    sender("dhl", "DHL Paket", "noreply", "dhl.de", "www.dhl.de", "www.dhl.de", Topic::Order),
    sender("netflix", "Netflix", "info", "mailer.netflix.com", "www.netflix.com", "assets.nflxext.com", Topic::Promo),
];

pub(super) fn genuine_brand(rng: &mut Rng) -> Mail {
    let s = rng.pick(BRANDS);
    let (pool, subjects) = s.topic.pools();
    let path = rng.token(b"abcdefghijklmnopqrstuvwxyz0123456789", 12);
    let links = (0..rng.range(1, 5))
        .map(|i| {
            (
                format!("https://{}/gp/r/{path}?ref_=pe_{i}", s.links),
                format!("View details {}", i + 1),
            )
        })
        .collect();
    let body = body(
        rng,
        "Hello Alex Morgan,".to_owned(),
        pool,
        (900, 4000),
        links,
    );
    let amazon = s.brand == "amazon";
    let mut attachments = Vec::new();
    if matches!(s.topic, Topic::Receipt) && rng.chance(20) {
        attachments.push(file(
            rng,
            "invoice.pdf".into(),
            "application/pdf",
            b"%PDF-1.7\n",
            (30_000, 250_000),
        ));
    }
    let promo = matches!(s.topic, Topic::Promo);
    Mail {
        from: format!("\"{}\" <{}@{}>", s.display, s.local, s.domain),
        to: RECIPIENT.to_owned(),
        reply_to: None,
        return_path: format!(
            "bounces-{}@bounces.{}",
            rng.token(b"0123456789abcdef", 20),
            s.domain
        ),
        subject: subject(rng, subjects),
        auth: Some(auth_pass(
            s.domain,
            &format!("bounces.{}", s.domain),
            amazon.then_some("amazonses.com"),
        )),
        dkim: Some(s.domain.to_owned()),
        relay: (format!("out-{}.mail.{}", rng.below(99), s.domain), ip(rng)),
        extra: if promo {
            vec![format!(
                "List-Unsubscribe: <https://{}/unsubscribe/{path}>",
                s.links
            )]
        } else {
            vec![]
        },
        body,
        layout: if rng.chance(90) {
            Layout::Alternative
        } else {
            Layout::HtmlOnly
        },
        html_rows: if promo {
            rng.range(6, 30)
        } else {
            rng.range(0, 6)
        },
        image_host: s.images.to_owned(),
        attachments,
        folder: if rng.chance(30) { "Archive" } else { "INBOX" },
        id_domain: s.domain.to_owned(),
    }
}

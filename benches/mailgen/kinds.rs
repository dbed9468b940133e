//! The scenarios: who sends a message, how the receiving server authenticated it, what it says, what it
//! attaches and which folder it lands in.

use super::pools::*;
use super::rng::Rng;
use super::text::{self, Body};
use super::{Attachment, Layout, Mail, RECIPIENT};

/// A genuine sender of a brand: display name, address, link host, image host, topics it writes about.
struct BrandSender {
    brand: &'static str,
    display: &'static str,
    local: &'static str,
    domain: &'static str,
    links: &'static str,
    images: &'static str,
    topic: Topic,
}

#[derive(Clone, Copy)]
enum Topic {
    Order,
    Receipt,
    Security,
    Seller,
    Promo,
}

impl Topic {
    fn pools(self) -> (&'static [&'static str], &'static [&'static str]) {
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

const BRANDS: &[BrandSender] = &[
    sender(
        "amazon",
        "Amazon.com",
        "shipment-tracking",
        "amazon.com",
        "www.amazon.com",
        "m.media-amazon.com",
        Topic::Order,
    ),
    sender(
        "amazon",
        "Amazon.com",
        "auto-confirm",
        "amazon.com",
        "www.amazon.com",
        "m.media-amazon.com",
        Topic::Order,
    ),
    sender(
        "amazon",
        "Amazon.com",
        "account-update",
        "amazon.com",
        "www.amazon.com",
        "m.media-amazon.com",
        Topic::Security,
    ),
    sender(
        "amazon",
        "Amazon.com",
        "store-news",
        "amazon.com",
        "www.amazon.com",
        "m.media-amazon.com",
        Topic::Promo,
    ),
    sender(
        "amazon",
        "Amazon Seller Central",
        "seller-notification",
        "amazon.com",
        "sellercentral.amazon.com",
        "m.media-amazon.com",
        Topic::Seller,
    ),
    sender(
        "amazon",
        "Amazon.de",
        "versandbestaetigung",
        "amazon.de",
        "www.amazon.de",
        "m.media-amazon.com",
        Topic::Order,
    ),
    sender(
        "paypal",
        "PayPal",
        "service",
        "paypal.com",
        "www.paypal.com",
        "www.paypalobjects.com",
        Topic::Receipt,
    ),
    sender(
        "apple",
        "Apple",
        "no_reply",
        "email.apple.com",
        "www.apple.com",
        "www.apple.com",
        Topic::Receipt,
    ),
    sender(
        "apple",
        "Apple",
        "appleid",
        "id.apple.com",
        "account.apple.com",
        "www.apple.com",
        Topic::Security,
    ),
    sender(
        "microsoft",
        "Microsoft account team",
        "account-security-noreply",
        "accountprotection.microsoft.com",
        "account.microsoft.com",
        "img-prod-cms-rt-microsoft-com.akamaized.net",
        Topic::Security,
    ),
    sender(
        "ups",
        "UPS",
        "mcinfo",
        "ups.com",
        "www.ups.com",
        "www.ups.com",
        Topic::Order,
    ),
    sender(
        "dhl",
        "DHL Paket",
        "noreply",
        "dhl.de",
        "www.dhl.de",
        "www.dhl.de",
        Topic::Order,
    ),
    sender(
        "netflix",
        "Netflix",
        "info",
        "mailer.netflix.com",
        "www.netflix.com",
        "assets.nflxext.com",
        Topic::Promo,
    ),
];

const SHORTENERS: &[&str] = &["bit.ly", "tinyurl.com", "t.ly", "rb.gy"];
const BAD_TLDS: &[&str] = &["ru", "top", "xyz", "info", "online", "shop", "click"];
const WORDS: &[&str] = &[
    "secure", "verify", "login", "support", "account", "update", "service", "center", "billing",
];

fn person(rng: &mut Rng) -> (String, String) {
    let (first, last) = (*rng.pick(FIRST), *rng.pick(LAST));
    let domain = match rng.below(4) {
        0 => "example.com".to_owned(),
        1 => "example.org".to_owned(),
        2 => "example.net".to_owned(),
        _ => format!("{}.example", last.to_ascii_lowercase()),
    };
    (
        format!("{first} {last}"),
        format!(
            "{}.{}@{domain}",
            first.to_ascii_lowercase(),
            last.to_ascii_lowercase()
        ),
    )
}

fn ip(rng: &mut Rng) -> String {
    format!(
        "{}.{}.{}.{}",
        rng.range(23, 223),
        rng.below(256),
        rng.below(256),
        rng.range(1, 255)
    )
}

fn auth_pass(domain: &str, mailfrom: &str, extra_dkim: Option<&str>) -> String {
    let mut s = format!("dkim=pass header.d={domain} header.s=s1;\n");
    if let Some(d) = extra_dkim {
        s.push_str(&format!("\tdkim=pass header.d={d} header.s=s2;\n"));
    }
    s.push_str(&format!(
        "\tspf=pass smtp.mailfrom={mailfrom};\n\tdmarc=pass (p=REJECT) header.from={domain}"
    ));
    s
}

/// A body of about `size` bytes (log-uniform between the bounds).
fn body(
    rng: &mut Rng,
    greeting: String,
    pool: &[&str],
    size: (usize, usize),
    links: Vec<(String, String)>,
) -> Body {
    let target = rng.log_range(size.0, size.1);
    let paragraphs = text::paragraphs(rng, pool, target);
    Body {
        greeting,
        paragraphs,
        links,
        signature: "Kind regards".to_owned(),
    }
}

fn subject(rng: &mut Rng, pool: &[&str]) -> String {
    let mut s = String::new();
    let template = *rng.pick(pool);
    text::fill(rng, template, &mut s);
    s
}

/// An attachment of `header` plus random bytes, about `size` bytes long (log-uniform between the bounds).
fn file(
    rng: &mut Rng,
    name: String,
    mime: &'static str,
    header: &[u8],
    size: (usize, usize),
) -> Attachment {
    let mut data = header.to_vec();
    let n = rng.log_range(size.0, size.1);
    rng.fill(&mut data, n);
    Attachment { name, mime, data }
}

fn genuine_brand(rng: &mut Rng) -> Mail {
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

/// A domain imitating `brand` (`amazon`): digits for letters, brand-in-subdomain, brand-hyphen-word,
/// punycode homoglyphs.
fn lookalike(rng: &mut Rng, brand: &str) -> String {
    match rng.below(4) {
        0 => {
            let swapped = brand
                .replacen('o', "0", 1)
                .replacen('l', "1", 1)
                .replacen('i', "1", 1);
            let swapped = if swapped == brand {
                brand.replacen('m', "rn", 1)
            } else {
                swapped
            };
            let swapped = if swapped == brand {
                format!("{brand}{brand}")
            } else {
                swapped
            };
            format!("{swapped}-{}.com", rng.pick(WORDS))
        }
        1 => format!(
            "{brand}.com.{}-{}.{}",
            rng.pick(WORDS),
            rng.token(b"abcdefghijklmnopqrstuvwxyz", 5),
            rng.pick(BAD_TLDS)
        ),
        2 => format!(
            "{brand}-{}-{}.{}",
            rng.pick(WORDS),
            rng.pick(WORDS),
            rng.pick(BAD_TLDS)
        ),
        _ => match brand {
            "amazon" => "xn--mazon-3ve.com".to_owned(),
            "paypal" => "xn--pypal-4ve.com".to_owned(),
            "apple" => "xn--pple-43d.com".to_owned(),
            _ => format!(
                "xn--{brand}-{}.com",
                rng.token(b"abcdefghijklmnopqrstuvwxyz0123456789", 3)
            ),
        },
    }
}

fn phishing(rng: &mut Rng) -> Mail {
    let s = rng.pick(BRANDS);
    let freemail = rng.chance(15);
    let domain = if freemail {
        (*rng.pick(&["gmail.com", "outlook.com", "yahoo.com"])).to_owned()
    } else {
        lookalike(rng, s.brand)
    };
    let local = if freemail {
        format!("{}.{}.team{}", s.brand, rng.pick(WORDS), rng.below(100))
    } else {
        (*rng.pick(&["no-reply", "service", "security", "alert"])).to_owned()
    };
    let (pool, subjects) = match s.topic {
        Topic::Seller => (PHISH_SELLER, SUBJECTS_PHISH_SELLER),
        Topic::Order | Topic::Receipt => (PHISH_ORDER, SUBJECTS_PHISH_ORDER),
        Topic::Security | Topic::Promo => (PHISH_SECURITY, SUBJECTS_PHISH_SECURITY),
    };
    let host = match rng.below(5) {
        0 | 1 => ip(rng),
        2 => domain.clone(),
        3 => (*rng.pick(SHORTENERS)).to_owned(),
        _ => format!("www.google.com/url?q=https://{}", lookalike(rng, s.brand)),
    };
    let target = format!(
        "http://{host}/{}",
        rng.token(b"abcdefghijklmnopqrstuvwxyz0123456789", 10)
    );
    let shown = if rng.chance(40) {
        format!("https://{}/account", s.links)
    } else {
        "Verify now".to_owned()
    };
    let greeting = (*rng.pick(&[
        "Dear Customer,",
        "Dear valued member,",
        "Hello alex.morgan@home.example,",
        "Dear user,",
    ]))
    .to_owned();
    let mut body = body(
        rng,
        greeting,
        pool,
        (300, 1500),
        vec![(target.clone(), shown)],
    );
    body.signature = format!("{} Security Team", s.display);
    let passes = freemail || rng.chance(35);
    let auth = if passes {
        auth_pass(&domain, &domain, None)
    } else {
        format!(
            "dkim=none (message not signed);\n\tspf={} smtp.mailfrom={domain};\n\tdmarc={} header.from={domain}",
            rng.pick(&["fail", "softfail", "neutral"]),
            rng.pick(&["fail", "none"])
        )
    };
    let mut attachments = Vec::new();
    match rng.below(10) {
        0 => attachments.push(Attachment {
            name: format!("Invoice_{}.html", rng.range(1000, 9999)),
            mime: "text/html",
            data: format!("<html><body><form action=\"{target}\" method=\"post\"><input type=\"email\" name=\"email\"><input type=\"password\" name=\"pass\"><input type=\"submit\" value=\"Sign in\"></form></body></html>\n").into_bytes(),
        }),
        1 => {
            let mut exe = b"MZ".to_vec();
            let n = rng.log_range(20_000, 150_000);
            rng.fill(&mut exe, n);
            let name = format!("Documents_{}.pdf.exe", rng.range(1000, 9999));
            attachments.push(Attachment { name: name.replace(".pdf.exe", ".zip"), mime: "application/zip", data: super::encode::zip_stored(&[(&name, &exe)]) });
        }
        2 => {
            let name = format!("Statement_{}.pdf.exe", rng.range(1000, 9999));
            attachments.push(file(rng, name, "application/octet-stream", b"MZ", (20_000, 120_000)));
        }
        _ => {}
    }
    Mail {
        from: format!("\"{}\" <{local}@{domain}>", s.display),
        to: RECIPIENT.to_owned(),
        reply_to: rng
            .chance(30)
            .then(|| format!("{}.help{}@gmail.com", s.brand, rng.below(1000))),
        return_path: format!("{local}@{domain}"),
        subject: subject(rng, subjects),
        auth: Some(auth),
        dkim: passes.then(|| domain.clone()),
        relay: (format!("vps{}.hosting.example", rng.below(9999)), ip(rng)),
        extra: vec![format!(
            "X-Mailer: PHPMailer 6.{}.{}",
            rng.below(9),
            rng.below(9)
        )],
        body,
        layout: match rng.below(3) {
            0 => Layout::Plain,
            1 => Layout::Alternative,
            _ => Layout::HtmlOnly,
        },
        html_rows: 0,
        image_host: s.images.to_owned(),
        attachments,
        folder: if rng.chance(50) { "Junk" } else { "INBOX" },
        id_domain: domain,
    }
}

fn personal(rng: &mut Rng, list: bool) -> Mail {
    let (name, address) = person(rng);
    let domain = address
        .rsplit('@')
        .next()
        .unwrap_or("example.com")
        .to_owned();
    let (pool, subjects) = if list {
        (LIST, SUBJECTS_LIST)
    } else {
        (PERSONAL, SUBJECTS_PERSONAL)
    };
    let mut body = body(rng, "Hi Alex,".to_owned(), pool, (500, 8000), Vec::new());
    body.signature = name.split(' ').next().unwrap_or("").to_owned();
    let mut attachments = Vec::new();
    if !list && rng.chance(15) {
        let a = if rng.chance(50) {
            let name = format!("IMG_{}.jpg", rng.range(1000, 9999));
            file(
                rng,
                name,
                "image/jpeg",
                b"\xff\xd8\xff\xe0",
                (60_000, 900_000),
            )
        } else {
            file(
                rng,
                "notes.pdf".into(),
                "application/pdf",
                b"%PDF-1.5\n",
                (20_000, 400_000),
            )
        };
        attachments.push(a);
    }
    let (auth, dkim) = match rng.below(3) {
        0 => (None, None),
        1 if list => (
            Some(format!(
                "dkim=fail (body hash did not verify) header.d={domain};\n\tspf=pass smtp.mailfrom=lists.example.org;\n\tdmarc=fail (p=NONE) header.from={domain};\n\tarc=pass"
            )),
            Some(domain.clone()),
        ),
        _ => (
            Some(auth_pass(&domain, &domain, None)),
            Some(domain.clone()),
        ),
    };
    let extra = if list {
        vec![
            "List-Id: Rust users <rust-users.lists.example.org>".to_owned(),
            "List-Unsubscribe: <https://lists.example.org/mailman/options/rust-users>".to_owned(),
            "Precedence: list".to_owned(),
        ]
    } else {
        vec!["User-Agent: Mozilla Thunderbird".to_owned()]
    };
    Mail {
        from: format!("{name} <{address}>"),
        to: if list {
            "rust-users@lists.example.org".to_owned()
        } else {
            RECIPIENT.to_owned()
        },
        reply_to: None,
        return_path: if list {
            "rust-users-bounces@lists.example.org".to_owned()
        } else {
            address.clone()
        },
        subject: subject(rng, subjects),
        auth,
        dkim,
        relay: if list {
            ("lists.example.org".to_owned(), "192.0.2.25".to_owned())
        } else {
            (format!("smtp.{domain}"), ip(rng))
        },
        extra,
        body,
        layout: if rng.chance(75) {
            Layout::Plain
        } else {
            Layout::Alternative
        },
        html_rows: 0,
        image_host: domain.clone(),
        attachments,
        folder: match (list, rng.chance(80)) {
            (true, true) => "Lists.rust",
            (false, false) => "Archive",
            _ => "INBOX",
        },
        id_domain: domain,
    }
}

fn newsletter(rng: &mut Rng) -> Mail {
    let shop = *rng.pick(&[
        "Northwind Outdoor",
        "Contoso Coffee",
        "Fabrikam Books",
        "Tailspin Travel",
        "Wingtip Toys",
        "Litware Audio",
    ]);
    let domain = format!("{}.example", shop.to_ascii_lowercase().replace(' ', "-"));
    let esp = *rng.pick(&["sendgrid.net", "mcsv.net", "mailgun.org"]);
    let aligned = rng.chance(60);
    let links = (0..rng.range(2, 8))
        .map(|i| {
            (
                format!(
                    "https://click.{esp}/ls/click?upn={}",
                    rng.token(b"abcdefghijklmnopqrstuvwxyz0123456789", 40)
                ),
                format!("Shop offer {}", i + 1),
            )
        })
        .collect();
    let body = body(rng, "Hi there,".to_owned(), PROMO, (400, 2500), links);
    let auth = if aligned {
        auth_pass(&domain, &format!("bounce.{esp}"), Some(esp))
    } else {
        format!(
            "dkim=pass header.d={esp} header.s=s1;\n\tspf=pass smtp.mailfrom=bounce.{esp};\n\tdmarc=none header.from={domain}"
        )
    };
    Mail {
        from: format!("{shop} <news@{domain}>"),
        to: RECIPIENT.to_owned(),
        reply_to: rng.chance(20).then(|| {
            format!(
                "{}.offers@gmail.com",
                shop.to_ascii_lowercase().replace(' ', ".")
            )
        }),
        return_path: format!("bounce-{}@bounce.{esp}", rng.token(b"0123456789", 8)),
        subject: subject(rng, SUBJECTS_PROMO),
        auth: Some(auth),
        dkim: Some(if aligned {
            domain.clone()
        } else {
            esp.to_owned()
        }),
        relay: (format!("o{}.{esp}", rng.below(50)), ip(rng)),
        extra: vec![format!(
            "List-Unsubscribe: <https://click.{esp}/unsubscribe?u={}>",
            rng.token(b"0123456789", 10)
        )],
        body,
        layout: Layout::Alternative,
        html_rows: rng.range(8, 40),
        image_host: format!("img.{esp}"),
        attachments: Vec::new(),
        folder: if rng.chance(85) { "INBOX" } else { "Archive" },
        id_domain: domain,
    }
}

/// One message's scenario: genuine brand mail, phishing, personal, mailing list or newsletter.
pub fn scenario(rng: &mut Rng) -> Mail {
    match rng.weighted(&[25, 15, 25, 20, 15]) {
        0 => genuine_brand(rng),
        1 => phishing(rng),
        2 => personal(rng, false),
        3 => personal(rng, true),
        _ => newsletter(rng),
    }
}

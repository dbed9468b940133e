//! Phishing that imitates a brand: look-alike or free-mail senders, failing (or self-serving) authentication,
//! links to IP hosts, look-alikes and shorteners, dangerous attachments.

use super::brands::{BRANDS, Topic};
use super::kinds::{auth_pass, body, file, ip, subject};
use super::pools::*;
use super::rng::Rng;
use super::{Attachment, Layout, Mail, RECIPIENT};

const SHORTENERS: &[&str] = &["bit.ly", "tinyurl.com", "t.ly", "rb.gy"];
const BAD_TLDS: &[&str] = &["ru", "top", "xyz", "info", "online", "shop", "click"];
const WORDS: &[&str] = &[
    "secure", "verify", "login", "support", "account", "update", "service", "center", "billing",
];

/// A domain imitating `brand` (`amazon`): digits for letters, brand-in-subdomain, brand-hyphen-word,
/// punycode homoglyphs.
pub(super) fn lookalike(rng: &mut Rng, brand: &str) -> String {
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

pub(super) fn phishing(rng: &mut Rng) -> Mail {
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

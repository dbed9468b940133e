//! The scenarios: who sends a message, how the receiving server authenticated it, what it says, what it
//! attaches and which folder it lands in. Brand mail and phishing live in `brands.rs` and `phish.rs`.

use super::pools::*;
use super::rng::Rng;
use super::text::{self, Body};
use super::{Attachment, Layout, Mail, RECIPIENT, brands, phish};

pub(super) fn person(rng: &mut Rng) -> (String, String) {
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

pub(super) fn ip(rng: &mut Rng) -> String {
    format!(
        "{}.{}.{}.{}",
        rng.range(23, 223),
        rng.below(256),
        rng.below(256),
        rng.range(1, 255)
    )
}

pub(super) fn auth_pass(domain: &str, mailfrom: &str, extra_dkim: Option<&str>) -> String {
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
pub(super) fn body(
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

pub(super) fn subject(rng: &mut Rng, pool: &[&str]) -> String {
    let mut s = String::new();
    let template = *rng.pick(pool);
    text::fill(rng, template, &mut s);
    s
}

/// An attachment of `header` plus random bytes, about `size` bytes long (log-uniform between the bounds).
pub(super) fn file(
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
        0 => brands::genuine_brand(rng),
        1 => phish::phishing(rng),
        2 => personal(rng, false),
        3 => personal(rng, true),
        _ => newsletter(rng),
    }
}

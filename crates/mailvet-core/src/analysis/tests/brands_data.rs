//! The embedded knowledge base is well-formed: ids, names, domains, report addresses and the class-6 facts.

use std::collections::HashMap;

use crate::analysis::brands::{Brands, EMBEDDED, within};

fn embedded() -> Brands {
    Brands::from_toml(EMBEDDED).expect("brands.toml parses")
}

/// A domain as the file must write it: lowercase ASCII labels of letters, digits and hyphens, at least two.
fn is_domain(d: &str) -> bool {
    let labels: Vec<&str> = d.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

/// `local@domain` with a plain local part.
fn is_address(a: &str) -> bool {
    a.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c))
            && is_domain(domain)
    })
}

#[test]
fn there_are_at_least_250_brands_with_well_formed_ids_and_names() {
    let brands = embedded();
    assert!(brands.brands.len() >= 250, "{} brands", brands.brands.len());
    let mut ids = HashMap::new();
    for b in &brands.brands {
        assert!(
            !b.id.is_empty()
                && b.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
            "bad brand id {:?}",
            b.id
        );
        assert!(
            ids.insert(b.id.as_str(), ()).is_none(),
            "duplicate id {}",
            b.id
        );
        assert!(!b.display.trim().is_empty(), "{}: no display name", b.id);
        assert!(!b.sender_domains.is_empty(), "{}: no sender domain", b.id);
        for n in &b.names {
            assert!(
                !n.trim().is_empty() && n.to_lowercase() == *n,
                "{}: name {n:?} must be lowercase",
                b.id
            );
        }
    }
}

#[test]
fn every_domain_is_well_formed_and_no_sender_domain_belongs_to_two_brands() {
    let brands = embedded();
    let mut owner: HashMap<&str, &str> = HashMap::new();
    for b in &brands.brands {
        let all = b
            .sender_domains
            .iter()
            .chain(&b.link_domains)
            .chain(&b.relay_domains)
            .chain(&b.dkim_domains);
        for d in all {
            assert!(is_domain(d), "{}: bad domain {d:?}", b.id);
        }
        for d in &b.sender_domains {
            if let Some(other) = owner.insert(d, &b.id) {
                panic!("{d} is a sender domain of both {other} and {}", b.id);
            }
        }
    }
    for d in brands.shared_platforms.iter().chain(&brands.freemail) {
        assert!(is_domain(d), "bad platform domain {d:?}");
    }
}

#[test]
fn no_shared_platform_or_free_mail_domain_is_official_for_a_brand() {
    let brands = embedded();
    let platforms: Vec<&String> = brands
        .shared_platforms
        .iter()
        .chain(&brands.freemail)
        .collect();
    for b in &brands.brands {
        // A sender or signing domain on a platform anyone can use would make a stranger's mail look official.
        for d in b.sender_domains.iter().chain(&b.dkim_domains) {
            for p in &platforms {
                assert!(
                    !within(d, p) && !within(p, d),
                    "{}: {d} is (or covers) the shared or free-mail domain {p}",
                    b.id
                );
            }
        }
        // A link domain may be the brand's own host on a platform (usps.force.com), never the platform itself.
        for d in &b.link_domains {
            for p in &brands.shared_platforms {
                assert!(
                    !within(p, d),
                    "{}: link domain {d} covers the shared platform {p}",
                    b.id
                );
            }
        }
    }
}

#[test]
fn report_addresses_forms_and_dmarc_facts_are_well_formed_and_sourced() {
    let brands = embedded();
    for b in &brands.brands {
        if let Some(r) = &b.report {
            assert!(
                is_address(&r.address),
                "{}: bad report address {:?}",
                b.id,
                r.address
            );
            assert!(
                r.source.starts_with("https://"),
                "{}: report source {:?}",
                b.id,
                r.source
            );
        }
        if let Some(f) = &b.report_form {
            assert!(
                f.url.starts_with("https://"),
                "{}: report form {:?}",
                b.id,
                f.url
            );
            assert!(
                !f.source.trim().is_empty(),
                "{}: report form without a source",
                b.id
            );
        }
        if let Some(d) = &b.dmarc {
            assert!(
                !d.source.trim().is_empty(),
                "{}: DMARC policy without a source",
                b.id
            );
        }
        // Signing domains are the brand's own: each is one of its sender domains or under one.
        for d in &b.dkim_domains {
            assert!(
                b.owns_sender(d),
                "{}: DKIM domain {d} is not a sender domain",
                b.id
            );
        }
    }
    let signers = brands.brands.iter().filter(|b| b.always_signs()).count();
    assert!(
        signers >= 10,
        "only {signers} brands known to sign all their mail"
    );
}

#[test]
fn a_brand_file_with_an_unknown_field_is_refused() {
    let bad = "[[brand]]\nid = \"x\"\ndisplay = \"X\"\nnames = []\nsender_domains = [\"x.example\"]\ndmarc = { policy = \"reject\", source = \"s\", pct = 100 }\n";
    assert!(Brands::from_toml(bad).is_err());
    let typo = "[[brand]]\nid = \"x\"\ndisplay = \"X\"\nnames = []\nsender_domains = [\"x.example\"]\ndkim_domain = [\"x.example\"]\n";
    assert!(Brands::from_toml(typo).is_err());
}

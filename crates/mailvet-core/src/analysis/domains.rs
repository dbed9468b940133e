//! Domain facts: host normalisation (lowercase, IDNA A-label), registrable domain via the public suffix list,
//! and UTS #39 confusable keys; the look-alikes of brand domains built on them are in [`super::lookalike`].
//! Pure string work: no DNS.

use std::sync::LazyLock;

/// A host lowercased and in ASCII (IDNA A-label) form; `None` for IP literals, empty or invalid hosts.
pub fn normalise_host(host: &str) -> Option<String> {
    let host = host
        .trim()
        .trim_matches(|c| c == '[' || c == ']')
        .trim_end_matches('.');
    if host.is_empty() || is_ip_literal(host) {
        return None;
    }
    let ascii = if host.is_ascii() {
        host.to_ascii_lowercase()
    } else {
        idna::domain_to_ascii(host).ok()?
    };
    let valid = ascii
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_');
    (valid && ascii.contains('.') && !ascii.starts_with('.')).then_some(ascii)
}

/// Whether a host is an IPv4 or IPv6 literal (psl would give nonsense for these).
pub fn is_ip_literal(host: &str) -> bool {
    let host = host.trim_matches(|c| c == '[' || c == ']');
    // Only digits and dots can be an IPv4 address, and an IPv6 one has a colon: most names need no parse.
    let may_be = host.contains(':') || host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    may_be && host.parse::<std::net::IpAddr>().is_ok()
}

/// The registrable domain (`mail.amazon.co.uk` → `amazon.co.uk`) of a normalised host. A host that is itself a
/// private-section suffix of two labels or more (`iki.fi`, which runs mail for its members) is its own.
pub fn registrable(ascii_host: &str) -> Option<&str> {
    psl::domain_str(ascii_host).or_else(|| {
        let suffix = psl::suffix(ascii_host.as_bytes())?;
        (suffix.typ() == Some(psl::Type::Private)
            && suffix.as_bytes() == ascii_host.as_bytes()
            && ascii_host.contains('.'))
        .then_some(ascii_host)
    })
}

/// Whether the domain ends in a suffix the public suffix list knows (`.com`, `.co.uk`), not a made-up one.
pub fn has_known_suffix(ascii: &str) -> bool {
    psl::suffix(ascii.as_bytes()).is_some_and(|s| s.is_known())
}

/// The registrable domain of any host, normalised first.
pub fn registrable_of(host: &str) -> Option<String> {
    let ascii = normalise_host(host)?;
    registrable(&ascii).map(str::to_string)
}

/// The domain as people read it: the Unicode form, plus the raw A-label when they differ.
pub fn shown(ascii: &str) -> String {
    let (unicode, _) = idna::domain_to_unicode(ascii);
    if unicode == ascii {
        ascii.to_string()
    } else {
        format!("{unicode} (raw {ascii})")
    }
}

/// Comparison key for confusables: `lower(skeleton(lower(skeleton(s))))` (skeleton alone is case-sensitive
/// and not idempotent).
pub fn confusable_key(s: &str) -> String {
    ascii_confusable_key(s).unwrap_or_else(|| unicode_confusable_key(s))
}

/// [`confusable_key`] by the UTS #39 algorithm in full.
fn unicode_confusable_key(s: &str) -> String {
    let once: String = unicode_security::skeleton(s)
        .collect::<String>()
        .to_lowercase();
    unicode_security::skeleton(&once)
        .collect::<String>()
        .to_lowercase()
}

/// [`confusable_key`] of an ASCII string without the Unicode machinery, which costs microseconds a name and
/// would dominate building the brand index at start-up. NFD leaves ASCII unchanged and no ASCII character is
/// default-ignorable, so the skeleton of ASCII text is its characters' prototypes in turn. `None` when `s`
/// is not ASCII or a prototype is not (`%`).
fn ascii_confusable_key(s: &str) -> Option<String> {
    /// Each ASCII character's prototype, when ASCII too; read once from unicode-security's table.
    static PROTOTYPES: LazyLock<Vec<Option<String>>> = LazyLock::new(|| {
        (0..128u8)
            .map(|b| {
                let prototype: String =
                    unicode_security::skeleton(&char::from(b).to_string()).collect();
                prototype.is_ascii().then_some(prototype)
            })
            .collect()
    });
    let skeleton = |s: &str| -> Option<String> {
        let mut out = String::with_capacity(s.len() + 4);
        for b in s.bytes() {
            out.push_str(PROTOTYPES.get(usize::from(b))?.as_deref()?);
        }
        out.make_ascii_lowercase();
        Some(out)
    };
    if !s.is_ascii() {
        return None;
    }
    skeleton(&skeleton(s)?)
}

/// The label of a registrable domain without its public suffix (`amazon.co.uk` → `amazon`).
pub fn reg_label(reg: &str) -> &str {
    match psl::suffix_str(reg) {
        Some(suffix) if reg.len() > suffix.len() + 1 => &reg[..reg.len() - suffix.len() - 1],
        _ => reg.split('.').next().unwrap_or(reg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_confusable_keys_are_the_full_algorithms() {
        let ascii: Vec<char> = (0..128u8).map(char::from).collect();
        for a in &ascii {
            for b in &ascii {
                let s = format!("{a}{b}");
                if let Some(fast) = ascii_confusable_key(&s) {
                    assert_eq!(fast, unicode_confusable_key(&s), "{s:?}");
                }
            }
        }
        for s in [
            "PayPal",
            "amazon",
            "rnicrosoft",
            "App1e",
            "Royal Mail",
            "0ffice 365",
            "I|l1",
        ] {
            assert_eq!(
                ascii_confusable_key(s),
                Some(unicode_confusable_key(s)),
                "{s:?}"
            );
        }
        assert_eq!(ascii_confusable_key("100%"), None);
        assert_eq!(ascii_confusable_key("Αmazοn"), None);
        assert_eq!(confusable_key("Αmazοn"), confusable_key("amazon"));
    }

    proptest::proptest! {
        #[test]
        fn ascii_confusable_keys_match_on_any_ascii_text(s in "[ -~]{0,24}") {
            if let Some(fast) = ascii_confusable_key(&s) {
                proptest::prop_assert_eq!(fast, unicode_confusable_key(&s));
            }
        }
    }

    #[test]
    fn registrable_domain_is_lowercase_ascii_and_ips_are_not_domains() {
        assert_eq!(
            registrable_of("WWW.PayPal.COM").as_deref(),
            Some("paypal.com")
        );
        assert_eq!(
            registrable_of("mail.bücher.de").as_deref(),
            Some("xn--bcher-kva.de")
        );
        assert_eq!(registrable_of("iki.fi").as_deref(), Some("iki.fi"));
        assert_eq!(registrable_of("co.uk"), None);
        assert_eq!(registrable_of("192.168.1.1"), None);
        assert_eq!(registrable_of("[::1]"), None);
        assert_eq!(
            registrable_of("a.amazon.co.uk").as_deref(),
            Some("amazon.co.uk")
        );
    }
}

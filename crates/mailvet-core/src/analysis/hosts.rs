//! Host facts for the brand-agnostic checks, as data (`hosts.toml`): top-level domains registered mostly for
//! abuse, and file-sharing and document hosts.

use std::sync::OnceLock;

use serde::Deserialize;

use super::brands::within;
use super::domains;

/// The embedded host facts.
pub(super) const EMBEDDED: &str = include_str!("hosts.toml");

/// The parsed host facts.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Hosts {
    abused_tlds: Vec<String>,
    file_sharing: Vec<String>,
}

fn hosts() -> &'static Hosts {
    static HOSTS: OnceLock<Hosts> = OnceLock::new();
    // A broken file is caught by the tests; at run time it only turns these checks off.
    HOSTS.get_or_init(|| toml::from_str(EMBEDDED).unwrap_or_default())
}

/// The abused top-level domain `ascii_host` ends in, if any.
pub fn abused_tld(ascii_host: &str) -> Option<&'static str> {
    let suffix = psl::suffix_str(ascii_host)?;
    hosts()
        .abused_tlds
        .iter()
        .find(|t| t.as_str() == suffix)
        .map(String::as_str)
}

/// Whether `ascii_host` is a file-sharing or document host.
pub fn is_file_sharing(ascii_host: &str) -> bool {
    hosts().file_sharing.iter().any(|d| within(ascii_host, d))
}

/// Why the registrable label of `ascii_host` looks machine-made (`dfltsv9vf`, `41x53rii`, `166jl`), if it does:
/// hardly any vowels, or digits and letters alternating.
pub fn random_label(ascii_host: &str) -> Option<&'static str> {
    let reg = domains::registrable(ascii_host)?;
    let label = domains::reg_label(reg);
    if label.starts_with("xn--") {
        return None;
    }
    let letters: Vec<u8> = label.bytes().filter(u8::is_ascii_alphabetic).collect();
    let vowel = |c: &u8| b"aeiouy".contains(c);
    let vowels = letters.iter().filter(|c| vowel(c)).count();
    let run = letters
        .split(vowel)
        .map(<[u8]>::len)
        .max()
        .unwrap_or_default();
    if (letters.len() >= 6 && vowels * 6 < letters.len()) || run >= 6 {
        return Some("hardly any vowels");
    }
    let alnum: Vec<bool> = label
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.is_ascii_digit())
        .collect();
    let switches = alnum.windows(2).filter(|w| w[0] != w[1]).count();
    let digits = alnum.iter().filter(|d| **d).count();
    (switches >= 3 || (switches >= 1 && digits >= 3 && alnum.first() == Some(&true)))
        .then_some("digits and letters mixed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_parses() {
        let parsed: Hosts = toml::from_str(EMBEDDED).expect("hosts.toml parses");
        assert!(parsed.abused_tlds.len() > 20 && parsed.file_sharing.len() > 20);
    }

    #[test]
    fn machine_made_labels_and_abused_tlds() {
        for host in [
            "dfltsv9vf.com",
            "mail.41x53rii.gq",
            "166jl.cn",
            "xqzrtkp.net",
        ] {
            assert!(random_label(host).is_some(), "{host}");
        }
        for host in [
            "amazon.com",
            "deutschland.de",
            "office365.com",
            "mail.example.org",
            "1und1.de",
            "shipwright.com",
            "svanstrom.com",
            "python.ca",
        ] {
            assert_eq!(random_label(host), None, "{host}");
        }
        assert_eq!(abused_tld("promo.top1lithiumbattery.cfd"), Some("cfd"));
        assert_eq!(abused_tld("example.com"), None);
        assert!(is_file_sharing("www.dropbox.com"));
        assert!(!is_file_sharing("example.com"));
    }
}

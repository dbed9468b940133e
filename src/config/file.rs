//! The config file's schema: every key optional, so the user's file can be merged over the embedded defaults.
//! Unknown keys are errors; values are checked as they are read, so errors carry the TOML span of the key.

use serde::{Deserialize, Deserializer};
use toml::Spanned;

use crate::analysis::{Brand, Scores, Taught};

/// One config file as written (the embedded defaults or the user's).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    pub maildir: Option<String>,
    pub trusted_authserv_ids: Option<Vec<String>>,
    pub read_only: Option<bool>,
    pub utc: Option<bool>,
    pub reports: Option<ReportsTo>,
    pub max_message_size: Option<ByteSize>,
    pub theme: Option<Spanned<String>>,
    pub keys: Option<Spanned<toml::Table>>,
    #[serde(default)]
    pub folders: FoldersFile,
    #[serde(default)]
    pub identity: IdentityFile,
    #[serde(default)]
    pub brand: Vec<Spanned<Brand>>,
    pub scores: Option<Spanned<Scores>>,
    #[serde(default)]
    pub taught: Vec<Taught>,
}

/// A value that reads fine but is not allowed: its dotted key, the problem, its span in the file.
#[derive(Debug)]
pub(super) struct Invalid {
    pub key: String,
    pub problem: String,
    pub span: std::ops::Range<usize>,
}

impl File {
    /// Checks what the types cannot: the theme name, the key bindings, brand ids and the identity address.
    pub fn check(&self, text: &str) -> Result<(), Invalid> {
        if let Some(theme) = &self.theme {
            super::themes::text(theme.get_ref()).map_err(|problem| Invalid {
                key: "theme".into(),
                problem,
                span: theme.span(),
            })?;
        }
        if let Some(keys) = &self.keys {
            super::keys::entries(keys.get_ref()).map_err(|e| {
                let mut path = vec!["keys", e.mode.as_str()];
                path.extend(e.key.as_deref());
                Invalid {
                    key: e.path("keys."),
                    problem: e.problem.clone(),
                    span: super::locate::span_of(text, &path).unwrap_or_else(|| keys.span()),
                }
            })?;
        }
        for (i, brand) in self.brand.iter().enumerate() {
            let id = &brand.get_ref().id;
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            {
                return Err(Invalid {
                    key: format!("brand[{i}].id"),
                    problem: format!(
                        "brand id '{}' must be lowercase letters and digits only",
                        id.escape_debug()
                    ),
                    span: brand.span(),
                });
            }
        }
        if let Some(address) = &self.identity.address {
            super::identity::check_address(address.get_ref()).map_err(|problem| Invalid {
                key: "identity.address".into(),
                problem,
                span: address.span(),
            })?;
        }
        Ok(())
    }

    /// Every key set in `self`, the others from `base`; brands of both, ours last (they win by id).
    pub fn over(self, base: File) -> File {
        File {
            maildir: self.maildir.or(base.maildir),
            trusted_authserv_ids: self.trusted_authserv_ids.or(base.trusted_authserv_ids),
            read_only: self.read_only.or(base.read_only),
            utc: self.utc.or(base.utc),
            reports: self.reports.or(base.reports),
            max_message_size: self.max_message_size.or(base.max_message_size),
            theme: self.theme.or(base.theme),
            keys: self.keys.or(base.keys),
            folders: FoldersFile {
                archive: self.folders.archive.or(base.folders.archive),
                junk: self.folders.junk.or(base.folders.junk),
                drafts: self.folders.drafts.or(base.folders.drafts),
            },
            identity: IdentityFile {
                address: self.identity.address.or(base.identity.address),
            },
            brand: base.brand.into_iter().chain(self.brand).collect(),
            scores: self.scores.or(base.scores),
            taught: base.taught.into_iter().chain(self.taught).collect(),
        }
    }
}

/// `[folders]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FoldersFile {
    pub archive: Option<FolderName>,
    pub junk: Option<FolderName>,
    pub drafts: Option<FolderName>,
}

/// `[identity]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IdentityFile {
    pub address: Option<Spanned<String>>,
}

/// `reports`: where abuse reports are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportsTo {
    /// Drafts in the Maildir's Drafts folder, for the user's mail client to send.
    Drafts,
    /// `.eml` files in the outbox directory.
    Outbox,
}

/// A Maildir++ folder name without its leading dot (`Archive`, `Lists.rust`).
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub(super) struct FolderName(pub String);

impl TryFrom<String> for FolderName {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        let problem = if name.is_empty() {
            "is empty"
        } else if name.starts_with('.') {
            "starts with '.' (write the Maildir++ name without its dot)"
        } else if name.contains('/') {
            "contains '/'"
        } else if name.chars().any(char::is_control) {
            "contains a control character"
        } else {
            return Ok(FolderName(name));
        };
        Err(format!("folder name '{}' {problem}", name.escape_debug()))
    }
}

/// A size in bytes: an integer, or a string with a K, M or G suffix (powers of 1024).
#[derive(Debug, Clone, Copy)]
pub(super) struct ByteSize(pub u64);

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ByteSize;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a size in bytes: an integer, or a string like '64M' or '512K'")
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ByteSize, E> {
                match u64::try_from(v) {
                    Ok(n) if n > 0 => Ok(ByteSize(n)),
                    _ => Err(E::custom(format!("size {v} must be at least 1 byte"))),
                }
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ByteSize, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ByteSize, E> {
                parse_size(v).map(ByteSize).ok_or_else(|| {
                    E::custom(format!(
                        "bad size '{}': expected a number of bytes with an optional K, M or G suffix, like '64M'",
                        v.escape_debug()
                    ))
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `"64M"` → 67108864; `"512K"`, `"1G"`, `"1000"`, `"64MB"`, `"64MiB"` too; zero and overflow are `None`.
pub(super) fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number.parse().ok()?;
    let shift = match unit.trim_start().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return None,
    };
    number.checked_mul(1 << shift).filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Some(64 << 20));
        assert_eq!(parse_size("512K"), Some(512 << 10));
        assert_eq!(parse_size("512k"), Some(512 << 10));
        assert_eq!(parse_size("1G"), Some(1 << 30));
        assert_eq!(parse_size("64 MiB"), Some(64 << 20));
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size("0"), None);
        assert_eq!(parse_size("M"), None);
        assert_eq!(parse_size("12X"), None);
        assert_eq!(parse_size("-1M"), None);
        assert_eq!(parse_size("1.5M"), None);
        assert_eq!(parse_size("99999999999999999999G"), None);
        assert_eq!(parse_size("17179869184G"), None);
    }

    #[test]
    fn folder_names() {
        assert!(FolderName::try_from("Archive".to_owned()).is_ok());
        assert!(FolderName::try_from("Lists.rust".to_owned()).is_ok());
        for bad in ["", ".Junk", "a/b", "a\nb"] {
            assert!(FolderName::try_from(bad.to_owned()).is_err(), "{bad:?}");
        }
    }
}

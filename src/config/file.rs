//! The config file's schema: every key optional, so the user's file can be merged over the embedded defaults.
//! Unknown keys are errors; values are checked as they are read, so errors carry the TOML span of the key.

use serde::{Deserialize, Deserializer};
use toml::Spanned;

use crate::analysis::Brand;

/// One config file as written (the embedded defaults or the user's).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    pub maildir: Option<String>,
    pub trusted_authserv_ids: Option<Vec<String>>,
    pub read_only: Option<bool>,
    pub max_message_size: Option<ByteSize>,
    #[serde(default)]
    pub folders: FoldersFile,
    #[serde(default)]
    pub identity: IdentityFile,
    #[serde(default)]
    pub brand: Vec<Spanned<Brand>>,
}

/// `[folders]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FoldersFile {
    pub archive: Option<FolderName>,
    pub junk: Option<FolderName>,
}

/// `[identity]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IdentityFile {
    pub address: Option<Spanned<String>>,
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

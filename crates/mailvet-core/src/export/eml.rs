//! Names for raw `.eml` copies and abuse reports: ASCII letters, digits and `-` only, numbered so that the
//! files of one export never collide. The bytes are copied by the caller, unchanged.

use crate::model::Record;

/// The file name of the `index`th copy (from 1): `00001-your-account-has-been-locked.eml`.
pub fn copy_name(index: usize, record: &Record) -> String {
    format!(
        "{index:05}-{}.eml",
        slug(record.subject.as_deref().unwrap_or(""), "message")
    )
}

/// `s` as a lowercase ASCII slug of at most 48 characters (`-` between words), or `fallback` when nothing
/// is left.
pub fn slug(s: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if out.len() >= 48 {
            break;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        fallback.to_owned()
    } else {
        out.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn names_are_safe_and_numbered() {
        assert_eq!(
            copy_name(7, &fixtures::phishing()),
            "00007-verify-your-account-now.eml"
        );
        assert_eq!(slug("../../etc/passwd\u{202e}", "x"), "etc-passwd");
        assert_eq!(slug("Привет", "message"), "message");
        assert!(slug(&"a ".repeat(100), "x").len() <= 48);
    }
}

//! How things read in the status line: text from mail made safe, and the results of writes.

use crate::store::ops::OpError;

/// One line of text from mail, safe for a terminal cell.
pub fn clean(s: &str) -> String {
    crate::mail::sanitise::sanitise(s)
}

/// Why a message was left alone, for the status line.
pub fn why(e: &OpError) -> String {
    match e {
        OpError::NotFound { .. } => "message was moved or deleted by another client".into(),
        other => other.to_string(),
    }
}

/// `s` cut to `width` characters, the cut marked with `…`.
pub fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    if width > 0 {
        out.push('…');
    }
    out
}

/// `1 message`, `2 messages`.
pub fn count(n: usize) -> String {
    plural(n, "message")
}

/// `1 link`, `2 links`: `n` and the word, with an `s` unless `n` is one.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The status line after a write: `flagged 2 messages`, `archived 1 message; 1 left alone: message was moved or deleted by another client`.
pub fn summary(verb: &str, ok: usize, failed: &[String]) -> String {
    match failed.first() {
        None => format!("{verb} {}", count(ok)),
        Some(first) if ok == 0 => format!("nothing changed: {first}"),
        Some(first) => format!("{verb} {}; {} left alone: {first}", count(ok), failed.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_name_the_first_failure() {
        assert_eq!(summary("flagged", 2, &[]), "flagged 2 messages");
        assert_eq!(
            summary("archived", 0, &["gone".into()]),
            "nothing changed: gone"
        );
        assert_eq!(
            summary("archived", 1, &["gone".into(), "x".into()]),
            "archived 1 message; 2 left alone: gone"
        );
    }
}

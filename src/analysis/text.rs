//! Text folding for phrase matching: lowercase, every run of non-alphanumeric characters becomes one space, and
//! letters and digits glued together are split (`Netflix1V01F` → `netflix 1 v 01 f`); padded with spaces so
//! that `" dear customer "` matches whole words only. Bounded by the input size.

/// Folds `s` (at most `limit` bytes of it, cut at a char boundary) for phrase matching.
pub fn fold(s: &str, limit: usize) -> String {
    let mut end = s.len().min(limit);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = String::with_capacity(end + 2);
    out.push(' ');
    let mut prev_digit = None;
    for c in s[..end].chars() {
        if c.is_alphanumeric() {
            let digit = c.is_numeric();
            if prev_digit.is_some_and(|p| p != digit) {
                out.push(' ');
            }
            prev_digit = Some(digit);
            out.extend(c.to_lowercase());
        } else {
            prev_digit = None;
            if !out.ends_with(' ') {
                out.push(' ');
            }
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// The first phrase of `phrases` (`|`-separated, already folded) found as whole words in `folded`.
pub fn find<'p>(folded: &str, phrases: &'p str) -> Option<&'p str> {
    phrases.split('|').find(|p| has(folded, p))
}

/// Every phrase of `phrases` (`|`-separated, already folded) found as whole words in `folded`.
pub fn find_all<'p>(folded: &str, phrases: &'p str) -> Vec<&'p str> {
    phrases.split('|').filter(|p| has(folded, p)).collect()
}

/// Whether `phrase` (folded, without padding) occurs as whole words in `folded`.
pub fn has(folded: &str, phrase: &str) -> bool {
    let phrase = phrase.trim();
    if phrase.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(pos) = folded[from..].find(phrase) {
        let start = from + pos;
        let end = start + phrase.len();
        let before = folded[..start].ends_with(' ');
        let after = folded[end..].starts_with(' ');
        if before && after {
            return true;
        }
        from = start + phrase.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_matches_whole_words() {
        let f = fold("Dear  Customer,\r\nPlease VERIFY-your account!", 1000);
        assert_eq!(f, " dear customer please verify your account ");
        assert!(has(&f, "dear customer"));
        assert!(has(&f, "verify your account"));
        assert!(!has(&f, "custom"));
        assert_eq!(find(&f, "nothing|please"), Some("please"));
    }

    #[test]
    fn letters_and_digits_glued_together_are_split() {
        assert_eq!(fold("Netflix1V01F", 100), " netflix 1 v 01 f ");
    }

    #[test]
    fn fold_respects_the_limit_at_char_boundaries() {
        assert_eq!(fold("ääää", 3), " ä ");
    }
}

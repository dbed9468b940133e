//! The query language of the interface's search and limit prompts, whose label values the command line's
//! `--trust` / `--category` read too: `trust:phish,susp cat:orders amazon`. Keys and values are accepted by
//! unique prefix (`t:`, `c:ord`), comma-separated values are alternatives, and other words must all appear in
//! the text searched. Pure: it parses and matches, and knows nothing of rows or files.

use super::{Category, Trust};

/// A parsed query: labels (any of each list) and words (all of them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Any of these trust labels; empty: any label.
    pub trust: Vec<Trust>,
    /// Any of these categories; empty: any category.
    pub category: Vec<Category>,
    /// Words that must all appear (matched case-insensitively).
    pub words: Vec<String>,
}

const KEYS: [(&str, Key); 3] = [
    ("trust", Key::Trust),
    ("category", Key::Category),
    ("cat", Key::Category),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Trust,
    Category,
}

impl Query {
    /// Parses `trust:<labels> cat:<categories> words...`; the error quotes the word it could not read.
    pub fn parse(text: &str) -> Result<Query, String> {
        let mut query = Query::default();
        for word in text.split_whitespace() {
            let Some((key, values)) = word.split_once(':') else {
                query.words.push(word.to_lowercase());
                continue;
            };
            let quote = |e: String| format!("'{word}': {e}");
            match by_prefix(&KEYS, key, "filter (use trust: or cat:)").map_err(quote)? {
                Key::Trust => query.trust.extend(trusts(values).map_err(quote)?),
                Key::Category => query.category.extend(categories(values).map_err(quote)?),
            }
        }
        query.trust.dedup();
        query.category.dedup();
        Ok(query)
    }

    /// The query as the prompt would read it back (full names).
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.trust.is_empty() {
            let names: Vec<&str> = self.trust.iter().map(|t| t.as_str()).collect();
            parts.push(format!("trust:{}", names.join(",")));
        }
        if !self.category.is_empty() {
            let names: Vec<&str> = self.category.iter().map(|c| c.as_str()).collect();
            parts.push(format!("cat:{}", names.join(",")));
        }
        parts.extend(self.words.iter().cloned());
        parts.join(" ")
    }

    /// Whether it asks for nothing.
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }

    /// Whether the labels pass: `None` (not analysed yet) passes only when no label is asked for.
    pub fn labels_match(&self, trust: Option<Trust>, category: Option<Category>) -> bool {
        let ok_trust = self.trust.is_empty() || trust.is_some_and(|t| self.trust.contains(&t));
        let ok_cat =
            self.category.is_empty() || category.is_some_and(|c| self.category.contains(&c));
        ok_trust && ok_cat
    }

    /// Whether every word appears in `haystack`, which the caller has lowercased.
    pub fn words_match(&self, haystack: &str) -> bool {
        self.words.iter().all(|w| haystack.contains(w.as_str()))
    }
}

/// One trust label by name or unique prefix (`phish`).
pub fn trust(s: &str) -> Result<Trust, String> {
    let names = Trust::ALL.map(|t| (t.as_str(), t));
    by_prefix(&names, s, "trust label").map_err(|e| format!("'{s}' {e}"))
}

/// One category by name, short word or unique prefix (`ord`, `orders`, `orders-shipping`).
pub fn category(s: &str) -> Result<Category, String> {
    let mut names: Vec<(&str, Category)> = Category::ALL.map(|c| (c.as_str(), c)).to_vec();
    names.extend(Category::ALL.map(|c| (c.short(), c)));
    by_prefix(&names, s, "category").map_err(|e| format!("'{s}' {e}"))
}

/// Comma-separated trust labels (`phish,susp`), any of which passes.
pub fn trusts(s: &str) -> Result<Vec<Trust>, String> {
    s.split(',').map(trust).collect()
}

/// Comma-separated categories (`orders,promo`), any of which passes.
pub fn categories(s: &str) -> Result<Vec<Category>, String> {
    s.split(',').map(category).collect()
}

/// The one value whose name `prefix` starts (an exact name wins; names of the same value count once).
fn by_prefix<T: Copy + PartialEq>(
    names: &[(&str, T)],
    prefix: &str,
    what: &str,
) -> Result<T, String> {
    let wanted = prefix.trim().to_ascii_lowercase();
    if let Some((_, exact)) = names.iter().find(|(n, _)| *n == wanted) {
        return Ok(*exact);
    }
    let mut hits: Vec<(&str, T)> = Vec::new();
    for &(name, value) in names {
        if !wanted.is_empty() && name.starts_with(&wanted) && !hits.iter().any(|(_, v)| *v == value)
        {
            hits.push((name, value));
        }
    }
    match hits.as_slice() {
        [(_, one)] => Ok(*one),
        [] => {
            let all: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
            Err(format!("is not a {what}: one of {}", all.join(", ")))
        }
        many => {
            let all: Vec<&str> = many.iter().map(|(n, _)| *n).collect();
            Err(format!("is ambiguous: {}", all.join(", ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_parse_by_unique_prefix() {
        let q = Query::parse("trust:phish c:ord Amazon prime").expect("valid");
        assert_eq!(q.trust, vec![Trust::Phishing]);
        assert_eq!(q.category, vec![Category::OrdersShipping]);
        assert_eq!(q.words, vec!["amazon", "prime"]);
        assert_eq!(
            q.describe(),
            "trust:phishing cat:orders-shipping amazon prime"
        );
        let q = Query::parse("t:v cat:account-security").expect("valid");
        assert_eq!(q.trust, vec![Trust::Verified]);
        assert_eq!(q.category, vec![Category::AccountSecurity]);
        assert_eq!(category("promo"), Ok(Category::Promotions));
        assert_eq!(category("s"), Ok(Category::SellerPerformance));
    }

    #[test]
    fn commas_are_alternatives() {
        let q = Query::parse("t:phish,susp").expect("valid");
        assert_eq!(q.trust, vec![Trust::Phishing, Trust::Suspicious]);
        assert!(q.labels_match(Some(Trust::Suspicious), None));
        assert!(q.labels_match(Some(Trust::Phishing), Some(Category::Other)));
        assert!(!q.labels_match(Some(Trust::Verified), None));
        assert!(
            !q.labels_match(None, None),
            "not analysed yet: no label to match"
        );
        assert_eq!(
            trusts("phish,unv"),
            Ok(vec![Trust::Phishing, Trust::Unverified])
        );
    }

    #[test]
    fn ambiguous_and_unknown_values_quote_the_word() {
        assert_eq!(
            Query::parse("trust:u").expect_err("ambiguous"),
            "'trust:u': 'u' is ambiguous: unverified, unparseable"
        );
        assert!(
            Query::parse("colour:red")
                .expect_err("unknown")
                .starts_with("'colour:red'")
        );
        let err = Query::parse("cat:zzz").expect_err("unknown");
        assert!(
            err.starts_with("'cat:zzz'") && err.contains("orders-shipping"),
            "{err}"
        );
        assert!(
            category("o")
                .expect_err("orders or other")
                .contains("ambiguous")
        );
        assert!(trust("").is_err());
    }

    #[test]
    fn words_must_all_appear() {
        let q = Query::parse("PayPal limited").expect("valid");
        assert!(q.words_match("paypal: your account is limited"));
        assert!(!q.words_match("paypal: receipt"));
        assert!(Query::parse("").expect("empty").is_empty());
    }
}

//! The filter: trust label, category and search words, parsed from a prompt such as
//! `trust:phish cat:orders amazon` (unique prefixes accepted), and matched against rows.

use crate::model::{Category, Trust};

use super::state::Row;

/// What the list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this trust label.
    pub trust: Option<Trust>,
    /// Only this category.
    pub category: Option<Category>,
    /// Words that must all appear in the sender, subject or domain (case-insensitive).
    pub search: String,
}

/// The short word of a category, as the list's chip shows it.
pub fn category_word(c: Category) -> &'static str {
    match c {
        Category::AccountSecurity => "account",
        Category::SellerPerformance => "seller",
        Category::OrdersShipping => "orders",
        Category::Promotions => "promo",
        Category::Other => "other",
    }
}

impl Filter {
    /// Parses `trust:<label> cat:<category> words...`; the error quotes the word it could not read.
    pub fn parse(text: &str) -> Result<Filter, String> {
        let mut filter = Filter::default();
        let mut words = Vec::new();
        for word in text.split_whitespace() {
            let Some((key, value)) = word.split_once(':') else {
                words.push(word);
                continue;
            };
            let key = if key.eq_ignore_ascii_case("cat") {
                "category"
            } else {
                key
            };
            match unique(
                key,
                &["trust", "category"],
                word,
                "filter (use trust: or cat:)",
            )? {
                "trust" => {
                    let names: Vec<&str> = Trust::ALL.iter().map(|t| t.as_str()).collect();
                    let name = unique(value, &names, word, "value")?;
                    filter.trust = Trust::ALL.into_iter().find(|t| t.as_str() == name);
                }
                _ => {
                    let mut names: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
                    names.extend(Category::ALL.iter().map(|c| category_word(*c)));
                    let name = unique(value, &names, word, "value")?;
                    filter.category = Category::ALL
                        .into_iter()
                        .find(|c| c.as_str() == name || category_word(*c) == name);
                }
            }
        }
        filter.search = words.join(" ");
        Ok(filter)
    }

    /// The filter as the prompt would read it back.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = self.trust {
            parts.push(format!("trust:{}", t.as_str()));
        }
        if let Some(c) = self.category {
            parts.push(format!("cat:{}", c.as_str()));
        }
        if !self.search.is_empty() {
            parts.push(self.search.clone());
        }
        parts.join(" ")
    }

    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether the row passes. Rows not analysed yet pass only filters that need no verdict.
    pub fn matches(&self, row: &Row) -> bool {
        let verdict = row.verdict.as_ref();
        if self.trust.is_some() && verdict.map(|v| v.trust) != self.trust {
            return false;
        }
        if self.category.is_some() && verdict.map(|v| v.category) != self.category {
            return false;
        }
        if self.search.is_empty() {
            return true;
        }
        if row.envelope.is_none() {
            return false;
        }
        self.search.split_whitespace().all(|w| {
            if w.chars().any(char::is_uppercase) {
                row.search_text.contains(&w.to_lowercase())
            } else {
                row.search_text.contains(w)
            }
        })
    }
}

/// The one name `prefix` starts (an exact match wins); the error quotes the whole word.
fn unique<'a>(prefix: &str, names: &[&'a str], word: &str, what: &str) -> Result<&'a str, String> {
    let prefix = prefix.to_ascii_lowercase();
    if let Some(exact) = names.iter().find(|n| **n == prefix) {
        return Ok(exact);
    }
    let mut hits: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| !prefix.is_empty() && n.starts_with(&prefix))
        .collect();
    hits.dedup();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("'{word}': no such {what}")),
        many => Err(format!("'{word}' is ambiguous: {}", many.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_words_parse() {
        let f = Filter::parse("trust:phish cat:orders amazon prime").expect("valid");
        assert_eq!(f.trust, Some(Trust::Phishing));
        assert_eq!(f.category, Some(Category::OrdersShipping));
        assert_eq!(f.search, "amazon prime");
        assert_eq!(
            f.describe(),
            "trust:phishing cat:orders-shipping amazon prime"
        );
        let f = Filter::parse("t:v c:account-security").expect("valid");
        assert_eq!(f.trust, Some(Trust::Verified));
        assert_eq!(f.category, Some(Category::AccountSecurity));
    }

    #[test]
    fn ambiguous_and_unknown_values_quote_the_word() {
        assert_eq!(
            Filter::parse("trust:u").expect_err("ambiguous"),
            "'trust:u' is ambiguous: unverified, unparseable"
        );
        assert!(
            Filter::parse("colour:red")
                .expect_err("unknown")
                .contains("'colour:red'")
        );
        assert!(
            Filter::parse("cat:zzz")
                .expect_err("unknown")
                .contains("'cat:zzz'")
        );
    }
}

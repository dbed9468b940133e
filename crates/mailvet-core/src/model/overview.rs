//! The overview of a folder or an export: counts by trust × category, the brands most claimed, the sender
//! domains behind suspicious and phishing mail, and the labels per week. Pure: each face feeds it one message
//! at a time (the interface from its rows, the Markdown report from its records) and draws the tables.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::Date;

use super::{Category, Trust};

/// What the overview needs of one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen<'a> {
    /// Its label.
    pub trust: Trust,
    /// Its category.
    pub category: Category,
    /// The brand it claims.
    pub brand: Option<&'a str>,
    /// The domain of its From address.
    pub domain: Option<&'a str>,
    /// Its calendar day.
    pub day: Option<Date>,
}

/// Counts of one sender domain behind suspicious or phishing mail.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bad {
    /// Messages labelled phishing.
    pub phishing: usize,
    /// Messages labelled suspicious.
    pub suspicious: usize,
}

/// The counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overview {
    /// Messages counted.
    pub total: usize,
    /// Messages by trust (in [`Trust::ALL`] order) and category (in [`Category::ALL`] order).
    pub grid: [[usize; 5]; 5],
    /// Messages per brand claimed.
    pub brands: BTreeMap<String, usize>,
    /// Sender domains of suspicious and phishing mail.
    pub domains: BTreeMap<String, Bad>,
    /// Messages per label (in [`Trust::ALL`] order) per week, keyed by the week's Monday.
    pub weeks: BTreeMap<Date, [usize; 5]>,
}

fn index<T: PartialEq>(all: &[T], x: &T) -> usize {
    all.iter().position(|a| a == x).unwrap_or(0)
}

impl Overview {
    /// Counts one message.
    pub fn add(&mut self, m: Seen<'_>) {
        let t = index(&Trust::ALL, &m.trust);
        self.total += 1;
        self.grid[t][index(&Category::ALL, &m.category)] += 1;
        if let Some(b) = m.brand {
            *self.brands.entry(b.to_string()).or_default() += 1;
        }
        if let Some(d) = m
            .domain
            .filter(|_| matches!(m.trust, Trust::Phishing | Trust::Suspicious))
        {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            let bad = self.domains.entry(d).or_default();
            if m.trust == Trust::Phishing {
                bad.phishing += 1;
            } else {
                bad.suspicious += 1;
            }
        }
        if let Some(day) = m.day {
            let monday =
                day.saturating_sub(i64::from(day.weekday().to_monday_zero_offset()).days());
            self.weeks.entry(monday).or_default()[t] += 1;
        }
    }

    /// Messages with this label.
    pub fn of_trust(&self, t: Trust) -> usize {
        self.grid[index(&Trust::ALL, &t)].iter().sum()
    }

    /// The `n` brands most claimed, most first (then by name).
    pub fn top_brands(&self, n: usize) -> Vec<(&str, usize)> {
        let mut all: Vec<(&str, usize)> =
            self.brands.iter().map(|(b, c)| (b.as_str(), *c)).collect();
        all.sort_by_key(|&(b, c)| (std::cmp::Reverse(c), b));
        all.truncate(n);
        all
    }

    /// The `n` sender domains with the most suspicious and phishing mail, most first (then by name).
    pub fn top_domains(&self, n: usize) -> Vec<(&str, Bad)> {
        let mut all: Vec<(&str, Bad)> =
            self.domains.iter().map(|(d, b)| (d.as_str(), *b)).collect();
        all.sort_by_key(|&(d, b)| {
            (
                std::cmp::Reverse((b.phishing + b.suspicious, b.phishing)),
                d,
            )
        });
        all.truncate(n);
        all
    }
}

/// The domain of a `Name <local@domain>` or bare address, lowercased.
pub fn domain_of(from: &str) -> Option<String> {
    let addr = match (from.rfind('<'), from.rfind('>')) {
        (Some(a), Some(b)) if a < b => &from[a + 1..b],
        _ => from,
    };
    let (_, domain) = addr.trim().rsplit_once('@')?;
    (!domain.is_empty()).then(|| domain.to_ascii_lowercase())
}

/// The calendar day of a date written `YYYY-MM-DD…` (an RFC 3339 date keeps its own calendar day).
pub fn day_of(date: &str) -> Option<Date> {
    date.get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(
        trust: Trust,
        brand: Option<&'static str>,
        domain: &'static str,
        date: &str,
    ) -> Seen<'static> {
        Seen {
            trust,
            category: Category::AccountSecurity,
            brand,
            domain: Some(domain),
            day: day_of(date),
        }
    }

    #[test]
    fn counts_brands_bad_domains_and_weeks() {
        let mut o = Overview::default();
        o.add(seen(
            Trust::Phishing,
            Some("paypal"),
            "evil.example",
            "2026-11-24T08:00:00+01:00",
        ));
        o.add(seen(
            Trust::Suspicious,
            Some("paypal"),
            "Evil.example.",
            "2026-11-23",
        ));
        o.add(seen(
            Trust::Verified,
            Some("amazon"),
            "amazon.com",
            "2026-11-22",
        ));
        o.add(seen(Trust::Phishing, None, "other.example", "2026-11-30"));
        assert_eq!(o.total, 4);
        assert_eq!(o.of_trust(Trust::Phishing), 2);
        assert_eq!(
            o.grid[0][0] + o.grid[1][0] + o.grid[2][0] + o.grid[3][0] + o.grid[4][0],
            4
        );
        assert_eq!(o.top_brands(5), [("paypal", 2), ("amazon", 1)]);
        let domains = o.top_domains(5);
        assert_eq!(domains[0].0, "evil.example");
        assert_eq!(
            domains[0].1,
            Bad {
                phishing: 1,
                suspicious: 1
            }
        );
        assert_eq!(domains.len(), 2, "a verified sender is not listed");
        let weeks: Vec<String> = o.weeks.keys().map(Date::to_string).collect();
        assert_eq!(
            weeks,
            ["2026-11-16", "2026-11-23", "2026-11-30"],
            "weeks start on Mondays"
        );
    }

    #[test]
    fn dates_and_domains_parse() {
        assert_eq!(day_of("1970-01-01"), Some(jiff::civil::date(1970, 1, 1)));
        assert_eq!(
            day_of("2000-02-29T23:59:59+09:00"),
            Some(jiff::civil::date(2000, 2, 29))
        );
        assert_eq!(day_of("garbage"), None);
        assert_eq!(day_of("2026-13-01"), None);
        assert_eq!(day_of("2026-02-30"), None);
        assert_eq!(
            domain_of("PayPal <service@PayPa1.example>").as_deref(),
            Some("paypa1.example")
        );
        assert_eq!(domain_of("x@y.example").as_deref(), Some("y.example"));
        assert_eq!(domain_of("no address"), None);
    }
}

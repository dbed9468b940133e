//! The verdict on one message: what kind of mail it is, how far it can be trusted, and the signals behind that.

use serde::{Deserialize, Serialize};

use super::SignalId;

/// How far a message can be trusted. Ordered from most to least trustworthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trust {
    /// The From domain is authenticated, official for the claimed brand, and no signal failed.
    Verified,
    /// Nothing proves it either way.
    Unverified,
    /// Weaker evidence of deceit.
    Suspicious,
    /// Strong evidence of impersonation or fraud.
    Phishing,
    /// The bytes are not a message we can read.
    Unparseable,
}

impl Trust {
    /// Every label, in order.
    pub const ALL: [Trust; 5] = [
        Trust::Verified,
        Trust::Unverified,
        Trust::Suspicious,
        Trust::Phishing,
        Trust::Unparseable,
    ];

    /// The stable lowercase name used in output and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Trust::Verified => "verified",
            Trust::Unverified => "unverified",
            Trust::Suspicious => "suspicious",
            Trust::Phishing => "phishing",
            Trust::Unparseable => "unparseable",
        }
    }

    /// Whether this label is a finding a user must look at (`scan` exits 1 for these).
    pub fn is_alarm(self) -> bool {
        matches!(self, Trust::Suspicious | Trust::Phishing)
    }
}

/// What a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Account notifications and security alerts.
    AccountSecurity,
    /// Seller performance and policy.
    SellerPerformance,
    /// Orders, shipping and delivery.
    OrdersShipping,
    /// Promotions and marketing.
    Promotions,
    /// Anything else.
    Other,
}

impl Category {
    /// Every category, in order.
    pub const ALL: [Category; 5] = [
        Category::AccountSecurity,
        Category::SellerPerformance,
        Category::OrdersShipping,
        Category::Promotions,
        Category::Other,
    ];

    /// The stable kebab-case name used in output and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::AccountSecurity => "account-security",
            Category::SellerPerformance => "seller-performance",
            Category::OrdersShipping => "orders-shipping",
            Category::Promotions => "promotions",
            Category::Other => "other",
        }
    }

    /// The short word the list's chip shows (`orders`); the query parser accepts it too.
    pub fn short(self) -> &'static str {
        match self {
            Category::AccountSecurity => "account",
            Category::SellerPerformance => "seller",
            Category::OrdersShipping => "orders",
            Category::Promotions => "promo",
            Category::Other => "other",
        }
    }
}

/// How one check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The check speaks for the message.
    Pass,
    /// Weak evidence against the message.
    Warn,
    /// Strong evidence against the message.
    Fail,
    /// A fact worth showing that speaks neither way.
    Info,
    /// The check could not be made (no data).
    Unknown,
}

impl Outcome {
    /// The stable lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Warn => "warn",
            Outcome::Fail => "fail",
            Outcome::Info => "info",
            Outcome::Unknown => "unknown",
        }
    }
}

/// One check with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// Its registry id (`sender-domain`, `dkim-aligned`, ...).
    pub id: SignalId,
    /// How the check came out.
    pub outcome: Outcome,
    /// A short human title.
    pub title: String,
    /// The header value, URL or phrase that fired it (sanitised before display).
    pub evidence: String,
    /// What it added to the message's score (its outcome's weight in scores.toml; 0 when it does not count).
    #[serde(default)]
    pub weight: f64,
}

impl Signal {
    /// Builds a signal; the verdict sets its weight.
    pub fn new(
        id: SignalId,
        outcome: Outcome,
        title: impl Into<String>,
        evidence: impl Into<String>,
    ) -> Self {
        Signal {
            id,
            outcome,
            title: title.into(),
            evidence: evidence.into(),
            weight: 0.0,
        }
    }
}

/// The message's score: the sum of its signals' weights, and the thresholds it was judged against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// The sum of every signal's weight.
    pub total: f64,
    /// From this total on, the message is suspicious.
    pub suspicious: f64,
    /// From this total on, the message is phishing.
    pub phishing: f64,
}

/// The whole judgement on one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The brand the message claims to come from (`amazon`, `royalmail`), if any.
    pub brand: Option<String>,
    /// What the message is about.
    pub category: Category,
    /// How far it can be trusted.
    pub trust: Trust,
    /// Ids of the signals that set the trust label: for an alarm, those that carried the score past the threshold.
    pub decisive: Vec<SignalId>,
    /// The score and the thresholds it was judged against.
    #[serde(default)]
    pub score: Score,
    /// What to do next, always one or two sentences.
    pub advice: String,
    /// Every check made, with its evidence.
    pub signals: Vec<Signal>,
}

impl Verdict {
    /// The verdict for bytes that are not a message we can read.
    pub fn unparseable(reason: &str) -> Self {
        Verdict {
            brand: None,
            category: Category::Other,
            trust: Trust::Unparseable,
            decisive: vec![SignalId::Unparseable],
            score: Score::default(),
            advice: "mailvet could not read this message; open it with care in another client, or delete it."
                .into(),
            signals: vec![Signal::new(
                SignalId::Unparseable,
                Outcome::Fail,
                "Message could not be read",
                reason,
            )],
        }
    }
}

/// Parses a label by its name or a unique prefix of it (`phish` → phishing).
impl std::str::FromStr for Trust {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        super::query::trust(s)
    }
}

impl std::str::FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        super::query::category(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_parse_by_name_or_unique_prefix() {
        assert_eq!("phishing".parse::<Trust>(), Ok(Trust::Phishing));
        assert_eq!("PHISH".parse::<Trust>(), Ok(Trust::Phishing));
        assert_eq!("orders".parse::<Category>(), Ok(Category::OrdersShipping));
        assert!(
            "u".parse::<Trust>().is_err(),
            "unverified and unparseable share 'u'"
        );
        assert!("".parse::<Category>().is_err());
        assert!(
            "bogus"
                .parse::<Category>()
                .unwrap_err()
                .contains("account-security")
        );
    }

    #[test]
    fn json_names_match_as_str() {
        for t in Trust::ALL {
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.as_str())
            );
        }
        for c in Category::ALL {
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
        }
    }
}

//! What a message is about — account-security, seller-performance, orders-shipping, promotions or other —
//! from the phrases of each category's evidence lists in the subject (weighted) and the start of the body. The
//! weights, thresholds and lists are data (`category.toml`). Discussion mail (replies on mailing lists) needs
//! stronger evidence before it leaves `other`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::phrases::List;
use super::text::Texts;
use crate::mail::Message;
use crate::model::Category;

/// The embedded rules (`category.toml`).
pub(super) const EMBEDDED: &str = include_str!("category.toml");

/// The category rules as written in `category.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    subject: u32,
    body: u32,
    threshold: u32,
    discussion_threshold: u32,
    evidence: BTreeMap<Category, Vec<String>>,
}

/// The category rules, with list names resolved.
#[derive(Debug)]
struct Weights {
    subject: u32,
    body: u32,
    threshold: u32,
    discussion_threshold: u32,
    evidence: Vec<(Category, Vec<List>)>,
}

/// Reads `category.toml`; `Err` names what is wrong.
fn parse(source: &str) -> Result<Weights, String> {
    let s: Source = toml::from_str(source).map_err(|e| e.to_string())?;
    let mut evidence = Vec::new();
    for (category, keys) in s.evidence {
        if category == Category::Other {
            return Err("'other' is what is left, it takes no evidence".to_string());
        }
        let lists = keys
            .iter()
            .map(|k| List::from_key(k).ok_or_else(|| format!("unknown list '{k}'")))
            .collect::<Result<Vec<_>, _>>()?;
        evidence.push((category, lists));
    }
    Ok(Weights {
        subject: s.subject,
        body: s.body,
        threshold: s.threshold,
        discussion_threshold: s.discussion_threshold,
        evidence,
    })
}

fn weights() -> &'static Weights {
    static WEIGHTS: OnceLock<Weights> = OnceLock::new();
    // A broken file is caught by the tests; at run time every message is then `other`.
    WEIGHTS.get_or_init(|| {
        parse(EMBEDDED).unwrap_or(Weights {
            subject: 0,
            body: 0,
            threshold: 1,
            discussion_threshold: 1,
            evidence: Vec::new(),
        })
    })
}

/// Whether `msg` is part of a discussion: a reply sent through a mailing list, where naming an order, a
/// password or a prize in passing is ordinary. A list's own announcements are not replies.
fn discussion(msg: &Message) -> bool {
    msg.list_id.is_some() && msg.is_reply
}

/// The category of a message.
pub fn categorise(msg: &Message, texts: &Texts) -> Category {
    let w = weights();
    let score = |lists: &[List]| -> u32 {
        lists
            .iter()
            .map(|&l| {
                let subject = u32::try_from(texts.subject_hits.count(l)).unwrap_or(u32::MAX);
                let body = u32::try_from(texts.body_hits.count(l)).unwrap_or(u32::MAX);
                w.subject
                    .saturating_mul(subject)
                    .saturating_add(w.body.saturating_mul(body))
            })
            .fold(0, u32::saturating_add)
    };
    let threshold = if discussion(msg) {
        w.discussion_threshold
    } else {
        w.threshold
    };
    w.evidence
        .iter()
        .map(|(c, lists)| (*c, score(lists)))
        .filter(|(_, s)| *s >= threshold)
        .max_by_key(|(c, s)| (*s, std::cmp::Reverse(*c)))
        .map_or(Category::Other, |(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_rules_parse_and_cover_every_category_but_other() {
        let w = parse(EMBEDDED).unwrap_or_else(|e| panic!("category.toml: {e}"));
        for c in Category::ALL {
            let has = w
                .evidence
                .iter()
                .any(|(e, lists)| *e == c && !lists.is_empty());
            assert_eq!(has, c != Category::Other, "{c:?}");
        }
        assert!(w.subject > w.body, "a subject says more than a body");
    }

    #[test]
    fn unknown_lists_and_evidence_for_other_are_refused() {
        let base = "subject = 3\nbody = 1\nthreshold = 3\ndiscussion_threshold = 6\n[evidence]\n";
        assert!(parse(&format!("{base}promotions = [\"promo\"]")).is_ok());
        let err = parse(&format!("{base}promotions = [\"nonsense\"]")).unwrap_err();
        assert!(err.contains("nonsense"), "{err}");
        assert!(parse(&format!("{base}other = [\"promo\"]")).is_err());
    }
}

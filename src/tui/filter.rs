//! Which rows a query picks, for the limit (`l`) and the search (`/`, `n`): the labels from the verdict, the
//! words in the sender's name and address (so its domain), the subject and the brand claimed. The query
//! language itself is [`crate::model::query`], shared with the command line.

use crate::model::Query;

use super::state::Row;

/// Whether the row passes. Rows not analysed yet pass only queries that ask for nothing.
pub fn matches(q: &Query, row: &Row) -> bool {
    let verdict = row.verdict.as_ref();
    if !q.labels_match(verdict.map(|v| v.trust), verdict.map(|v| v.category)) {
        return false;
    }
    if q.words.is_empty() {
        return true;
    }
    row.envelope.is_some() && q.words_match(&row.search)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Trust, Verdict};
    use crate::tui::state::Envelope;

    fn row(subject: &str, brand: Option<&str>, trust: Trust) -> Row {
        let mut row = Row::new("/m/cur/1:2,S".into(), 0, "S".into(), None);
        let envelope = Envelope {
            date: None,
            from_name: "Service".into(),
            from_addr: "info@mail.example.net".into(),
            subject: subject.into(),
            message_id: None,
        };
        let mut v = Verdict::unparseable("x");
        v.trust = trust;
        v.category = Category::Other;
        v.brand = brand.map(Into::into);
        row.judged(Some(envelope), v, &mut crate::tui::state::Texts::default());
        row
    }

    #[test]
    fn words_search_sender_domain_subject_and_brand() {
        let r = row("Your parcel", Some("royalmail"), Trust::Suspicious);
        let q = |t: &str| Query::parse(t).expect("valid");
        assert!(matches(&q("example.net"), &r));
        assert!(matches(&q("PARCEL service"), &r));
        assert!(matches(&q("royalmail"), &r));
        assert!(matches(&q("t:phish,susp royal"), &r));
        assert!(!matches(&q("t:phish royal"), &r));
        assert!(!matches(&q("invoice"), &r));
    }

    #[test]
    fn rows_not_analysed_pass_only_empty_queries() {
        let r = Row::new("/m/cur/1".into(), 0, String::new(), None);
        assert!(matches(&Query::default(), &r));
        assert!(!matches(&Query::parse("t:v").expect("valid"), &r));
        assert!(!matches(&Query::parse("word").expect("valid"), &r));
    }
}

//! The Markdown report for people: summary counts by trust and by category, then per message the checklist
//! with evidence. Text from mail is escaped and every URL, domain and address is a code span, URLs defanged
//! (`hxxps[:]//evil[.]example`): nothing in the report renders as a clickable link or as formatting.

use std::io::{self, Write};

use super::checklist::outcome_icon;
use super::inert::{markdown_code, markdown_text};
use crate::model::overview::{Seen, day_of, domain_of};
use crate::model::{Category, Overview, Record, Trust};

/// Writes the report of `records`, stamped with `generated_at` (given by the caller, never read here).
pub fn write(out: &mut dyn Write, records: &[Record], generated_at: &str) -> io::Result<()> {
    let plural = if records.len() == 1 { "" } else { "s" };
    writeln!(out, "# mailvet report")?;
    writeln!(out)?;
    writeln!(
        out,
        "Generated {} by mailvet {}: {} message{plural}.",
        markdown_code(generated_at),
        env!("CARGO_PKG_VERSION"),
        records.len()
    )?;
    writeln!(out)?;
    writeln!(out, "## Summary")?;
    writeln!(out)?;
    let trusts = Trust::ALL.map(|t| (t.as_str(), count(records, |r| r.verdict.trust == t)));
    summary(out, "trust", &trusts)?;
    let categories =
        Category::ALL.map(|c| (c.as_str(), count(records, |r| r.verdict.category == c)));
    summary(out, "category", &categories)?;
    if records.is_empty() {
        return Ok(());
    }
    overview(out, records)?;
    writeln!(out, "## Messages")?;
    for (i, record) in records.iter().enumerate() {
        writeln!(out)?;
        message(out, i + 1, record)?;
    }
    Ok(())
}

fn count(records: &[Record], pred: impl Fn(&Record) -> bool) -> usize {
    records.iter().filter(|r| pred(r)).count()
}

/// A two-column table of the labels that occur, in their fixed order.
fn summary(out: &mut dyn Write, what: &str, counts: &[(&str, usize)]) -> io::Result<()> {
    writeln!(out, "| {what} | messages |")?;
    writeln!(out, "| --- | ---: |")?;
    for (name, n) in counts.iter().filter(|(_, n)| *n > 0) {
        writeln!(out, "| {name} | {n} |")?;
    }
    writeln!(out)
}

/// How many brands and sender domains the overview lists.
const TOP: usize = 10;

/// The overview tables, as the interface's overview shows them: trust × category, the brands most claimed, the
/// sender domains behind suspicious and phishing mail, and the labels per week.
fn overview(out: &mut dyn Write, records: &[Record]) -> io::Result<()> {
    let mut o = Overview::default();
    for r in records {
        let domain = r.from.as_deref().and_then(domain_of);
        o.add(Seen {
            trust: r.verdict.trust,
            category: r.verdict.category,
            brand: r.verdict.brand.as_deref(),
            domain: domain.as_deref(),
            day: r.date.as_deref().and_then(day_of),
        });
    }
    writeln!(out, "## Overview")?;
    writeln!(out)?;
    let shorts: Vec<&str> = Category::ALL.iter().map(|c| c.short()).collect();
    writeln!(out, "| trust by category | {} | all |", shorts.join(" | "))?;
    writeln!(out, "| --- |{} ---: |", " ---: |".repeat(shorts.len()))?;
    for (t, row) in Trust::ALL.iter().zip(o.grid) {
        let cells: Vec<String> = row.iter().map(usize::to_string).collect();
        let all: usize = row.iter().sum();
        writeln!(out, "| {} | {} | {all} |", t.as_str(), cells.join(" | "))?;
    }
    writeln!(out)?;
    let brands = o.top_brands(TOP);
    if !brands.is_empty() {
        writeln!(out, "| brand claimed | messages |")?;
        writeln!(out, "| --- | ---: |")?;
        for (b, n) in brands {
            writeln!(out, "| {} | {n} |", markdown_text(b))?;
        }
        writeln!(out)?;
    }
    let domains = o.top_domains(TOP);
    if !domains.is_empty() {
        writeln!(out, "| sender domain | phishing | suspicious |")?;
        writeln!(out, "| --- | ---: | ---: |")?;
        for (d, bad) in domains {
            writeln!(
                out,
                "| {} | {} | {} |",
                markdown_code(d),
                bad.phishing,
                bad.suspicious
            )?;
        }
        writeln!(out)?;
    }
    if !o.weeks.is_empty() {
        let names: Vec<&str> = Trust::ALL.iter().map(|t| t.as_str()).collect();
        writeln!(out, "| week of | {} |", names.join(" | "))?;
        writeln!(out, "| --- |{}", " ---: |".repeat(names.len()))?;
        for (monday, counts) in &o.weeks {
            let cells: Vec<String> = counts.iter().map(usize::to_string).collect();
            writeln!(out, "| {monday} | {} |", cells.join(" | "))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// One message: heading, identity, checks with evidence, advice.
fn message(out: &mut dyn Write, n: usize, record: &Record) -> io::Result<()> {
    let verdict = &record.verdict;
    let claim = verdict.brand.as_deref().map_or_else(
        || "claims no brand".to_owned(),
        |b| format!("claims {}", markdown_text(b)),
    );
    writeln!(
        out,
        "### {n}. {} · {} · {claim}",
        verdict.trust.as_str().to_uppercase(),
        verdict.category.as_str()
    )?;
    writeln!(out)?;
    let text = |v: Option<&str>| v.map_or_else(|| "\\-".to_owned(), markdown_text);
    let code = |v: Option<&str>| v.map_or_else(|| "\\-".to_owned(), markdown_code);
    writeln!(out, "- From: {}", text(record.from.as_deref()))?;
    writeln!(out, "- Subject: {}", text(record.subject.as_deref()))?;
    writeln!(out, "- Date: {}", code(record.date.as_deref()))?;
    writeln!(out, "- Message-ID: {}", code(record.message_id.as_deref()))?;
    writeln!(out, "- Path: {}", code(Some(&record.path)))?;
    writeln!(out)?;
    writeln!(out, "Checks:")?;
    writeln!(out)?;
    for signal in &verdict.signals {
        let decisive = if verdict.decisive.contains(&signal.id) {
            " · **decisive**"
        } else {
            ""
        };
        writeln!(
            out,
            "- {} {} · {} · {}{decisive}",
            outcome_icon(signal.outcome),
            signal.outcome.as_str(),
            markdown_text(&signal.title),
            markdown_code(signal.id.as_str()),
        )?;
        if !signal.evidence.is_empty() {
            writeln!(out, "  - evidence: {}", markdown_code(&signal.evidence))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "What to do: {}", markdown_text(&verdict.advice))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn report_is_byte_exact() {
        let mut out = Vec::new();
        write(&mut out, &[fixtures::phishing()], "2026-11-24T09:00:00Z").unwrap();
        let expected = format!(
            "# mailvet report\n\n\
             Generated `2026-11-24T09:00:00Z` by mailvet {}: 1 message.\n\n\
             ## Summary\n\n\
             | trust | messages |\n| --- | ---: |\n| phishing | 1 |\n\n\
             | category | messages |\n| --- | ---: |\n| account-security | 1 |\n\n\
             ## Overview\n\n\
             | trust by category | account | seller | orders | promo | other | all |\n\
             | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n\
             | verified | 0 | 0 | 0 | 0 | 0 | 0 |\n\
             | unverified | 0 | 0 | 0 | 0 | 0 | 0 |\n\
             | suspicious | 0 | 0 | 0 | 0 | 0 | 0 |\n\
             | phishing | 1 | 0 | 0 | 0 | 0 | 1 |\n\
             | unparseable | 0 | 0 | 0 | 0 | 0 | 0 |\n\n\
             | brand claimed | messages |\n| --- | ---: |\n| amazon | 1 |\n\n\
             | sender domain | phishing | suspicious |\n| --- | ---: | ---: |\n\
             | `amaz0n-alerts.example` | 1 | 0 |\n\n\
             | week of | verified | unverified | suspicious | phishing | unparseable |\n\
             | --- | ---: | ---: | ---: | ---: | ---: |\n\
             | 2026-11-16 | 0 | 0 | 0 | 1 | 0 |\n\n\
             ## Messages\n\n\
             ### 1. PHISHING · account-security · claims amazon\n\n\
             - From: Amazon `<security@amaz0n-alerts.example>`\n\
             - Subject: \\=Verify your account, now\n\
             - Date: `2026-11-20T10:32:00+00:00`\n\
             - Message-ID: `abc@evil.example`\n\
             - Path: `/mail/INBOX/cur/1.host:2,S`\n\n\
             Checks:\n\n\
             - ✗ fail · Sender domain is not Amazon's · `sender-domain` · **decisive**\n  \
             - evidence: `amaz0n-alerts.example`\n\
             - ? unknown · No SPF result · `spf`\n\n\
             What to do: Do not click\\. Report it to Amazon\\: `stop-spoofing@amazon.com`, as an attachment\\.\n",
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn empty_export_has_a_summary_only() {
        let mut out = Vec::new();
        write(&mut out, &[], "t").unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("0 messages"));
        assert!(!text.contains("## Messages"));
    }
}

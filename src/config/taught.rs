//! `[[taught]]`: what the user taught about senders' domains (the interface's "not phishing" / "phishing"
//! keys, `mailvet trust` / `mailvet block`), kept in the user's config file — written with toml_edit, so the
//! rest of the file stays as the user wrote it — and applied to the rules: a domain trusted for a brand
//! becomes one of that brand's own sender domains. The signal itself is [`crate::analysis::taught`].

use std::path::Path;

use toml_edit::{ArrayOfTables, Item, Table, value};

use crate::analysis::{Brand, Brands, Lesson, Taught};

/// Makes every domain trusted for a brand one of that brand's own sender domains.
pub fn apply(brands: &mut Brands, taught: &[Taught]) {
    let mut changed: Vec<Brand> = Vec::new();
    for lesson in taught.iter().filter(|l| l.verdict == Lesson::Trust) {
        let Some(id) = lesson.brand.as_deref() else {
            continue;
        };
        if !changed.iter().any(|b| b.id == id) {
            match brands.get(id) {
                Some(brand) => changed.push(brand.clone()),
                None => continue,
            }
        }
        if let Some(brand) = changed.iter_mut().find(|b| b.id == id) {
            brand.sender_domains.push(lesson.domain.clone());
        }
    }
    if !changed.is_empty() {
        let mut extra = Brands::default();
        extra.brands = changed;
        brands.merge(extra);
    }
}

/// The registrable domain of `domain` as lessons store it (lowercase ASCII), or why it is not a domain.
pub fn normalise(domain: &str) -> Result<String, String> {
    let ascii = crate::analysis::domains::normalise_host(domain.trim())
        .filter(|h| !crate::analysis::domains::is_ip_literal(h))
        .ok_or_else(|| format!("'{}' is not a domain", domain.escape_debug()))?;
    crate::analysis::domains::registrable(&ascii)
        .filter(|r| crate::analysis::domains::has_known_suffix(r))
        .map(str::to_owned)
        .ok_or_else(|| format!("'{}' is not a registered domain", domain.escape_debug()))
}

/// Saves `lesson` in the config file at `path` (created when missing), replacing what was taught about the
/// same domain before.
pub fn teach(path: &Path, lesson: &Taught) -> Result<(), String> {
    super::identity::edit(path, |doc| {
        let taught = taught_array(doc)?;
        taught.retain(|t| !same_domain(t, &lesson.domain));
        let mut table = Table::new();
        table.insert("domain", value(lesson.domain.as_str()));
        table.insert("verdict", value(lesson.verdict.as_str()));
        if let Some(brand) = &lesson.brand {
            table.insert("brand", value(brand.as_str()));
        }
        table.insert("date", value(lesson.date.as_str()));
        if let Some(id) = &lesson.message_id {
            table.insert("message_id", value(id.as_str()));
        }
        taught.push(table);
        Ok(())
    })
}

/// Removes what was taught about `domain` from the config file at `path`; whether there was anything.
pub fn forget(path: &Path, domain: &str) -> Result<bool, String> {
    let mut found = false;
    super::identity::edit(path, |doc| {
        let taught = taught_array(doc)?;
        let before = taught.len();
        taught.retain(|t| !same_domain(t, domain));
        found = taught.len() != before;
        if taught.is_empty() {
            doc.remove("taught");
        }
        Ok(())
    })?;
    Ok(found)
}

fn taught_array(doc: &mut toml_edit::DocumentMut) -> Result<&mut ArrayOfTables, String> {
    doc.entry("taught")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
        .ok_or_else(|| "'taught' in the config is not a list of [[taught]] tables".to_owned())
}

fn same_domain(table: &Table, domain: &str) -> bool {
    table
        .get("domain")
        .and_then(Item::as_str)
        .is_some_and(|d| d.eq_ignore_ascii_case(domain))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(domain: &str, verdict: Lesson, brand: Option<&str>) -> Taught {
        Taught {
            domain: domain.into(),
            verdict,
            brand: brand.map(Into::into),
            date: "2026-11-24".into(),
            message_id: Some("m1@example.org".into()),
        }
    }

    #[test]
    fn teaching_replaces_the_domains_lesson_and_forgetting_removes_it_keeping_the_rest() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        let mine = "# mine\ntheme = \"light\"\n";
        std::fs::write(&path, mine).expect("write");
        teach(
            &path,
            &lesson("shop.example", Lesson::Trust, Some("amazon")),
        )
        .expect("taught");
        teach(&path, &lesson("shop.example", Lesson::Block, None)).expect("taught again");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with(mine), "{text}");
        assert_eq!(text.matches("[[taught]]").count(), 1, "{text}");
        assert!(text.contains("verdict = \"block\""), "{text}");
        let config = crate::config::Config::parse(&text, &path).expect("still a valid config");
        assert_eq!(config.taught.len(), 1);
        assert!(forget(&path, "shop.example").expect("forgot"));
        assert!(!forget(&path, "shop.example").expect("nothing left"));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), mine);
    }

    #[test]
    fn a_domain_trusted_for_a_brand_becomes_its_own() {
        let mut brands = Brands::embedded();
        assert!(
            !brands
                .get("amazon")
                .expect("amazon")
                .owns_sender("shop.example")
        );
        apply(
            &mut brands,
            &[lesson("shop.example", Lesson::Trust, Some("amazon"))],
        );
        assert!(
            brands
                .get("amazon")
                .expect("amazon")
                .owns_sender("shop.example")
        );
        apply(
            &mut brands,
            &[lesson("evil.example", Lesson::Block, Some("amazon"))],
        );
        assert!(
            !brands
                .get("amazon")
                .expect("amazon")
                .owns_sender("evil.example")
        );
    }

    #[test]
    fn domains_are_stored_registrable_and_lowercase() {
        assert_eq!(
            normalise("Mail.Shop.Example.co.uk"),
            Ok("example.co.uk".into())
        );
        assert!(normalise("192.0.2.1").is_err());
        assert!(normalise("not a domain").is_err());
    }
}

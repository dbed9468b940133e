//! Turns a TOML or schema error into a user-facing message naming the key (dotted path, `brand[2].id`), the
//! problem and the line and column. toml's errors carry a byte span; the key is found by walking the
//! document's spanned tree for the deepest entry containing it.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// The message for an error toml reported while reading the user's file `text`.
pub(super) fn describe(text: &str, err: &toml::de::Error) -> String {
    let span = err.span();
    let (doc, syntax_errors) = DeTable::parse_recoverable(text);
    // A syntax error at the end of a value (an unclosed array) sits just past it: look one byte back too.
    let mut key = span.as_ref().and_then(|span| {
        key_in_table(doc.get_ref(), span.start)
            .or_else(|| key_in_table(doc.get_ref(), span.start.checked_sub(1)?))
    });
    let problem = err
        .message()
        .replace('`', "'")
        .replace("unknown field", "unknown key")
        .replace("expected a sequence", "expected a list");
    if let Some(missing) = quoted_after(err.message(), "missing field `") {
        key = Some(match key {
            Some(parent) => format!("{parent}.{missing}"),
            None => missing.to_owned(),
        });
    }
    let at = span.map(|s| position(text, s.start)).unwrap_or_default();
    let key = key.map(|k| format!("key '{k}': ")).unwrap_or_default();
    if syntax_errors.is_empty() {
        format!("{key}{problem}{at}")
    } else {
        format!("{key}bad TOML: {problem}{at}")
    }
}

/// The message for a value that read fine but is not allowed.
pub(super) fn at_key(text: &str, key: &str, problem: &str, span: Option<Range<usize>>) -> String {
    let at = span.map(|s| position(text, s.start)).unwrap_or_default();
    format!("key '{key}': {problem}{at}")
}

/// ` (line L, column C)` for a byte offset, both counted from 1, columns in characters.
fn position(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!(" (line {line}, column {column})")
}

fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    rest.split('`').next()
}

fn key_in_table(table: &DeTable<'_>, offset: usize) -> Option<String> {
    for (key, value) in table.iter() {
        let name = key.get_ref();
        if let Some(rest) = key_in_value(value.get_ref(), offset) {
            return Some(format!("{name}{rest}"));
        }
        if key.span().contains(&offset) || covers(&value.span(), offset) {
            return Some(name.to_string());
        }
    }
    None
}

/// The path below `value` (`.key`, `[i]`, ...) of the deepest entry containing `offset`.
fn key_in_value(value: &DeValue<'_>, offset: usize) -> Option<String> {
    match value {
        DeValue::Table(table) => key_in_table(table, offset).map(|k| format!(".{k}")),
        DeValue::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| match key_in_value(item.get_ref(), offset) {
                Some(rest) => Some(format!("[{i}]{rest}")),
                None if covers(&item.span(), offset) => Some(format!("[{i}]")),
                None => None,
            }),
        _ => None,
    }
}

/// Whether `span` contains `offset`, counting an empty span (an unclosed value) at its start.
fn covers(span: &Range<usize>, offset: usize) -> bool {
    span.contains(&offset) || span.start == offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_at(text: &str, needle: &str) -> Option<String> {
        let offset = text.find(needle)?;
        key_in_table(DeTable::parse(text).ok()?.get_ref(), offset)
    }

    #[test]
    fn finds_nested_keys_and_array_items() {
        let text = "a = 1\n[folders]\njunk = 3\n[[brand]]\nid = 'x'\n[[brand]]\nid = 'y'\nnames = ['p', 9]\n";
        assert_eq!(key_at(text, "1").as_deref(), Some("a"));
        assert_eq!(key_at(text, "3").as_deref(), Some("folders.junk"));
        assert_eq!(key_at(text, "'y'").as_deref(), Some("brand[1].id"));
        assert_eq!(key_at(text, "9").as_deref(), Some("brand[1].names[1]"));
    }

    #[test]
    fn positions_count_from_one() {
        assert_eq!(position("ab\ncd", 4), " (line 2, column 2)");
        assert_eq!(position("é = 1", 4), " (line 1, column 4)");
    }
}

//! Text from mail made inert for human reports. Plain text: URLs, domains and addresses defanged
//! (`hxxps://evil[.]example`) so no reader turns them into links. Markdown: domains and addresses become code
//! spans, which no renderer links, so only URLs are defanged (a report address or `header.d=` stays usable),
//! and metacharacters are escaped so mail cannot format the report. Every function first runs the text
//! through the display sanitiser.

use crate::mail::sanitise::sanitise;

/// `s` as one safe line with every link-like word defanged (for plain-text reports).
pub fn defang_text(s: &str) -> String {
    map_words(&sanitise(s), |word| {
        if looks_linky(word) {
            defang(word)
        } else {
            word.to_owned()
        }
    })
}

/// `s` as Markdown inline text: link-like words become code spans (trailing punctuation left outside), URLs
/// among them defanged; everything else is escaped.
pub fn markdown_text(s: &str) -> String {
    map_words(&sanitise(s), |word| {
        if looks_linky(word) {
            let core = word.trim_end_matches([',', ';', ':', '.', '!', '?', ')', '"', '\'']);
            let tail = &word[core.len()..];
            format!("{}{}", code_span(&defang_url(core)), escape_markdown(tail))
        } else {
            escape_markdown(word)
        }
    })
}

/// `s` (sanitised, URLs defanged) as one Markdown code span, whatever backticks it holds.
pub fn markdown_code(s: &str) -> String {
    code_span(&map_words(&sanitise(s), defang_url))
}

/// A word defanged when it is a URL (a scheme, or a `www.` host), else as it is.
fn defang_url(word: &str) -> String {
    if word.contains("://") || word.to_ascii_lowercase().contains("www.") {
        defang(word)
    } else {
        word.to_owned()
    }
}

/// Applies `f` to every space-separated word, keeping the spaces.
fn map_words(s: &str, f: impl Fn(&str) -> String) -> String {
    s.split(' ').map(f).collect::<Vec<_>>().join(" ")
}

/// Whether a word could become a link in a renderer or a mail client: a URL, a `www.` host, an address, or
/// a dotted name ending in a label of two or more letters (`amazon.com`, but not `e.g.`).
fn looks_linky(word: &str) -> bool {
    if word.contains("://") || word.to_ascii_lowercase().contains("www.") || word.contains('@') {
        return true;
    }
    let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
    match trimmed.rsplit_once('.') {
        Some((head, tld)) => {
            !head.is_empty()
                && head.chars().last().is_some_and(char::is_alphanumeric)
                && tld.chars().count() >= 2
                && tld.chars().all(char::is_alphabetic)
        }
        None => false,
    }
}

/// Defangs one word: `http`/`https`/`ftp` schemes become `hxxp`/`hxxps`/`fxp`, every `.` becomes `[.]`
/// and `:` after a scheme becomes `[:]`.
pub fn defang(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 8);
    let lower = word.to_ascii_lowercase();
    let mut rest = word;
    for (scheme, inert) in [
        ("https://", "hxxps[:]//"),
        ("http://", "hxxp[:]//"),
        ("ftp://", "fxp[:]//"),
    ] {
        if let Some(at) = lower.find(scheme) {
            out.push_str(&word[..at]);
            out.push_str(inert);
            rest = &word[at + scheme.len()..];
            break;
        }
    }
    out.push_str(&rest.replace('.', "[.]"));
    out
}

/// Escapes every character Markdown (CommonMark and GFM) could read as syntax.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '('
                | ')'
                | '#'
                | '+'
                | '-'
                | '.'
                | '!'
                | '|'
                | '~'
                | '&'
                | '='
                | ':'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A code span that holds `s` literally: the fence is one backtick longer than the longest run inside.
fn code_span(s: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_domains_and_addresses_are_defanged() {
        assert_eq!(
            defang("https://evil.example/login"),
            "hxxps[:]//evil[.]example/login"
        );
        assert_eq!(
            defang_text("go to HTTP://a.b/c or www.x.io, mail me@x.io; e.g. fine"),
            "go to hxxp[:]//a[.]b/c or www[.]x[.]io, mail me@x[.]io; e.g. fine"
        );
        assert_eq!(defang_text("Amazon.com order"), "Amazon[.]com order");
    }

    #[test]
    fn markdown_text_escapes_and_fences_links() {
        assert_eq!(
            markdown_text("[click](https://evil.example) *now*"),
            "`[click](hxxps[:]//evil[.]example`\\) \\*now\\*"
        );
        assert_eq!(markdown_text("<b>hi</b>"), "\\<b\\>hi\\</b\\>");
        assert_eq!(markdown_code("a``b"), "```a``b```");
        assert_eq!(markdown_code("`x"), "`` `x ``");
        assert_eq!(markdown_code("bell\x07\x1b[31m"), "`bell`");
    }

    #[test]
    fn markdown_defangs_urls_only() {
        assert_eq!(
            markdown_code("spf=pass smtp.mailfrom=evil.example header.d=evil.example"),
            "`spf=pass smtp.mailfrom=evil.example header.d=evil.example`"
        );
        assert_eq!(
            markdown_text("Report it to stop-spoofing@amazon.com, or see https://evil.example/x"),
            "Report it to `stop-spoofing@amazon.com`, or see `hxxps[:]//evil[.]example/x`"
        );
        assert_eq!(markdown_code("www.evil.example"), "`www[.]evil[.]example`");
    }
}

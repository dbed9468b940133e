//! Header helpers over mail-parser's parsed message: unfolding, raw values of repeated headers, addresses,
//! Return-Path and DKIM `d=`.
//!
//! mail-parser keeps folding in raw values and `header()` returns only the first header of a name
//! (DEPS.md pitfall 4), so everything that can repeat is read through `headers_raw()` and unfolded here.

use std::borrow::Cow;

use super::message::Address;

/// Removes the line breaks of a folded header value (`CRLF` + WSP → WSP); lone CR/LF become spaces.
pub fn unfold(s: &str) -> Cow<'_, str> {
    if !s.contains(['\r', '\n']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                if !chars.peek().is_some_and(|n| *n == ' ' || *n == '\t') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The raw values of every top-level header called `name` (case-insensitive), in header order, decoded
/// lossily. Only matching headers are converted, so repeated lookups stay cheap.
pub fn raw_values<'m>(
    msg: &'m mail_parser::Message<'_>,
    name: &'m str,
) -> impl Iterator<Item = Cow<'m, str>> + 'm {
    let raw: &'m [u8] = msg.raw_message.as_ref();
    msg.headers()
        .iter()
        .filter(move |h| h.name().eq_ignore_ascii_case(name))
        .filter_map(move |h| raw.get(h.offset_start() as usize..h.offset_end() as usize))
        .map(String::from_utf8_lossy)
}

/// Whether any header has one of these names.
pub fn has_any(msg: &mail_parser::Message<'_>, names: &[&str]) -> bool {
    msg.headers()
        .iter()
        .any(|h| names.iter().any(|n| h.name().eq_ignore_ascii_case(n)))
}

/// Converts a mail-parser address (list or group) into mailboxes, keeping display-name-only entries.
pub fn addresses(value: Option<&mail_parser::Address<'_>>) -> Vec<Address> {
    let Some(value) = value else {
        return Vec::new();
    };
    value
        .iter()
        .filter(|a| a.address().is_some() || a.name().is_some())
        .map(|a| Address {
            name: a
                .name()
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty()),
            address: clean_address(a.address().unwrap_or_default()),
        })
        .collect()
}

/// A display name written without an address beside a mailbox that has one (`"Bank" , x <x@example.org>`).
pub fn detached_name(value: Option<&mail_parser::Address<'_>>) -> Option<String> {
    let list = addresses(value);
    if !list.iter().any(|a| !a.address.is_empty()) {
        return None;
    }
    list.into_iter()
        .find(|a| a.address.is_empty())
        .and_then(|a| a.name)
}

/// Trims an address and removes quotes around the whole of it (`<"no-reply@shop.example">`), which some
/// senders write so that naive parsers see a different address. A quoted local part stays as written.
fn clean_address(raw: &str) -> String {
    let a = raw.trim();
    let unquoted = a
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .filter(|inner| inner.contains('@') && !inner.contains('"'));
    unquoted.unwrap_or(a).trim().to_owned()
}

/// The first mailbox of an address header: the first one with an address, else the first at all, else
/// whatever can be salvaged from the raw value (`raw`).
pub fn first_mailbox(
    parsed: Option<&mail_parser::Address<'_>>,
    raw: Option<&str>,
) -> Option<Address> {
    let list = addresses(parsed);
    if let Some(a) = list.iter().find(|a| !a.address.is_empty()) {
        return Some(a.clone());
    }
    let salvaged = raw.and_then(salvage_mailbox);
    salvaged.or_else(|| list.into_iter().next())
}

/// Salvages a mailbox from an unparsable header value: the `<...>` part or the first word with `@`.
fn salvage_mailbox(raw: &str) -> Option<Address> {
    let raw = unfold(raw);
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let (address, rest) = if let Some((before, after)) = raw.split_once('<') {
        let addr = after.split('>').next().unwrap_or_default();
        (addr.trim().to_owned(), before.to_owned())
    } else if let Some(word) = raw.split_whitespace().find(|w| w.contains('@')) {
        (
            word.trim_matches(['"', ',', ';']).to_owned(),
            raw.replacen(word, "", 1),
        )
    } else {
        (String::new(), raw.to_owned())
    };
    let name = rest.trim().trim_matches('"').trim();
    Some(Address {
        name: (!name.is_empty()).then(|| name.to_owned()),
        address,
    })
}

/// The Return-Path address without angle brackets (empty for the null path `<>`).
pub fn return_path(raw: &str) -> String {
    let raw = unfold(raw);
    let raw = raw.trim();
    match raw.split_once('<') {
        Some((_, after)) => after
            .split('>')
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned(),
        None => raw.split_whitespace().next().unwrap_or_default().to_owned(),
    }
}

/// The `d=` tag of a DKIM-Signature value, lowercased, whitespace removed.
pub fn dkim_domain(raw: &str) -> Option<String> {
    raw.split(';').find_map(|tag| {
        let (name, value) = tag.split_once('=')?;
        if name.trim() != "d" {
            return None;
        }
        let domain: String = value
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        (!domain.is_empty()).then_some(domain)
    })
}

/// The Message-ID without angle brackets.
pub fn message_id(msg: &mail_parser::Message<'_>) -> Option<String> {
    if let Some(id) = msg.message_id() {
        return Some(id.trim().to_owned()).filter(|s| !s.is_empty());
    }
    let raw = raw_values(msg, "Message-ID").next()?;
    let raw = unfold(&raw);
    let id = raw
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim();
    (!id.is_empty()).then(|| id.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfold_keeps_the_whitespace_after_a_fold() {
        assert_eq!(unfold("a;\r\n b;\n\tc"), "a; b;\tc");
        assert_eq!(unfold("a\r\nb"), "a b");
        assert!(matches!(unfold("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn whole_quoted_address_is_unquoted() {
        assert_eq!(
            clean_address(" \"no-reply@shop.example\" "),
            "no-reply@shop.example"
        );
        assert_eq!(
            clean_address("\"john doe\"@x.example"),
            "\"john doe\"@x.example"
        );
    }

    #[test]
    fn return_path_forms() {
        assert_eq!(return_path(" <bounce@x.example>\r\n"), "bounce@x.example");
        assert_eq!(return_path(" <>"), "");
        assert_eq!(
            return_path(" bounce@x.example (comment)"),
            "bounce@x.example"
        );
    }

    #[test]
    fn dkim_d_tag() {
        let v = " v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n d=Amazon.COM ; s=sel; h=from:to; bh=abc=; b=x\r\n yz";
        assert_eq!(dkim_domain(v).as_deref(), Some("amazon.com"));
        assert_eq!(dkim_domain("v=1; s=x"), None);
    }

    #[test]
    fn salvage_garbage_from() {
        let a = salvage_mailbox("PayPal Service <service@evil.example").unwrap_or_default();
        assert_eq!(a.address, "service@evil.example");
        assert_eq!(a.name.as_deref(), Some("PayPal Service"));
        let a = salvage_mailbox("\"Bank\" alerts@bank.example,").unwrap_or_default();
        assert_eq!(a.address, "alerts@bank.example");
        let a = salvage_mailbox("Just A Name").unwrap_or_default();
        assert_eq!(a.address, "");
        assert_eq!(a.name.as_deref(), Some("Just A Name"));
    }
}

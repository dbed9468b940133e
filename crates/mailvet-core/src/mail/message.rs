//! The parsed message: everything the analysis looks at, already decoded. Strings here are NOT sanitised;
//! printers run them through [`super::sanitise`].

use serde::{Deserialize, Serialize};

/// A mailbox: optional display name and the address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// The decoded display name, if any.
    pub name: Option<String>,
    /// The address (`local@domain`), as written.
    pub address: String,
}

impl Address {
    /// The domain part, lowercased, without a trailing dot; `None` when there is no `@`.
    pub fn domain(&self) -> Option<String> {
        let (_, domain) = self.address.rsplit_once('@')?;
        let domain = domain.trim().trim_end_matches('.').trim_end_matches('>');
        (!domain.is_empty()).then(|| domain.to_ascii_lowercase())
    }
}

/// One `method=result` entry of an Authentication-Results header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthMethodResult {
    /// Lowercase method: `spf`, `dkim`, `dmarc`, `arc`, `iprev`, `auth`, ...
    pub method: String,
    /// Lowercase result: `pass`, `fail`, `softfail`, `neutral`, `none`, `temperror`, `permerror`, `policy`, ...
    pub result: String,
    /// The `reason=` value, if any.
    pub reason: Option<String>,
    /// `ptype.property=value` entries, in order (`smtp.mailfrom`, `header.d`, `header.i`, `header.from`, ...).
    pub props: Vec<AuthProperty>,
}

impl AuthMethodResult {
    /// The value of `ptype.property` (e.g. `"header.d"`), compared case-insensitively.
    pub fn prop(&self, key: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|p| format!("{}.{}", p.ptype, p.property).eq_ignore_ascii_case(key))
            .map(|p| p.value.as_str())
    }
}

/// One `ptype.property=value` of a method result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthProperty {
    /// Lowercase ptype: `smtp`, `header`, `body`, `policy`.
    pub ptype: String,
    /// Lowercase property: `mailfrom`, `d`, `i`, `from`, ...
    pub property: String,
    /// The value, as written (quotes removed).
    pub value: String,
}

/// One Authentication-Results header (RFC 8601).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthResults {
    /// The authserv-id (`mx.google.com`), lowercased; `None` when missing (Microsoft 365 omits it).
    pub authserv_id: Option<String>,
    /// The method results, in order.
    pub results: Vec<AuthMethodResult>,
    /// The unfolded header value, for evidence.
    pub raw: String,
}

/// Where a link was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkOrigin {
    /// An `<a href>` (or `<area href>`) in the HTML body.
    HtmlAnchor,
    /// A bare URL found in the text body.
    Text,
}

/// A link with its real destination and what the reader sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The destination as written (entities decoded, whitespace trimmed).
    pub href: String,
    /// The visible text (tags stripped, whitespace collapsed); for bare URLs, the URL itself.
    pub text: String,
    /// Where it was found.
    pub origin: LinkOrigin,
}

/// An HTML form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    /// The `action` attribute, if any.
    pub action: Option<String>,
    /// Lowercased `type`s / `name`s of the form's inputs (`password`, `email`, `cc-number`, ...).
    pub inputs: Vec<String>,
}

/// An attachment (or inline non-text part with a file name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The decoded file name, if any.
    pub name: Option<String>,
    /// The declared MIME type, lowercased (`application/zip`).
    pub mime: String,
    /// Decoded size in bytes.
    pub size: usize,
    /// For zip archives: the file names in the central directory (never unpacked).
    pub archive_entries: Vec<String>,
}

/// A parsed message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Message-ID without angle brackets.
    pub message_id: Option<String>,
    /// The Date header as RFC 3339 (with its own offset).
    pub date: Option<String>,
    /// The Date header as Unix seconds.
    pub timestamp: Option<i64>,
    /// The first From mailbox.
    pub from: Option<Address>,
    /// A display name written in From apart from any mailbox (`"Bank" , x <x@example.org>`): what many mail
    /// clients show as the sender while the address belongs to someone else.
    #[serde(default)]
    pub from_detached_name: Option<String>,
    /// The Sender header, if any.
    pub sender: Option<Address>,
    /// Every Reply-To mailbox.
    pub reply_to: Vec<Address>,
    /// The Return-Path address (angle brackets removed; empty for the null path `<>`).
    pub return_path: Option<String>,
    /// Every To mailbox.
    pub to: Vec<Address>,
    /// Every Cc mailbox.
    pub cc: Vec<Address>,
    /// The decoded Subject (empty when missing).
    pub subject: String,
    /// The List-Id header, if the message came through a mailing list.
    pub list_id: Option<String>,
    /// Whether the message answers another (it has In-Reply-To or References).
    #[serde(default)]
    pub is_reply: bool,
    /// Whether the message carries ARC headers (it passed through a forwarder that sealed it).
    pub has_arc: bool,
    /// Every Authentication-Results header, topmost first.
    pub auth: Vec<AuthResults>,
    /// The values of `X-Mailvet-Trust` headers in the message (a mail server's `mailvet filter` wrote them, or
    /// the sender did): information, never a verdict.
    #[serde(default)]
    pub mailvet_labels: Vec<String>,
    /// `d=` of every DKIM-Signature header, lowercased, topmost first.
    pub dkim_domains: Vec<String>,
    /// The text body (first text/plain part; derived from HTML when there is none).
    pub text: String,
    /// The HTML body, if any.
    pub html: Option<String>,
    /// Every link: HTML anchors first, then bare URLs in the text.
    pub links: Vec<Link>,
    /// Every HTML form.
    pub forms: Vec<Form>,
    /// Every attachment.
    pub attachments: Vec<Attachment>,
    /// Size of the raw message in bytes.
    pub raw_len: usize,
    /// Things that went wrong while parsing but did not stop it (bad encodings, truncated parts).
    pub problems: Vec<String>,
}

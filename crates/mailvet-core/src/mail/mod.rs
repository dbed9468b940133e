//! Bytes → [`Message`]: decoded headers, addresses, Authentication-Results, bodies, links, forms and
//! attachments, plus the terminal sanitiser. Pure: no files, no clock, no terminal.
//!
//! ```
//! let raw = b"From: Shop <news@shop.example>\r\nSubject: =?utf-8?q?Hall=C3=B6?=\r\n\r\nSee https://shop.example/x\r\n";
//! let msg = mailvet_core::mail::parse(raw).expect("a message");
//! assert_eq!(msg.subject, "Hallö");
//! assert_eq!(msg.links[0].href, "https://shop.example/x");
//! ```

mod attachments;
mod authres;
mod bodies;
mod entities;
mod headers;
mod hollow;
mod html;
mod html_lex;
mod html_tags;
mod message;
mod parse;
mod predecode;
pub mod sanitise;
mod text_links;
mod text_sink;
mod transfer;
mod zip;

pub use authres::parse_auth_results;
pub use message::{
    Address, Attachment, AuthMethodResult, AuthProperty, AuthResults, Form, Link, LinkOrigin,
    Message,
};
pub use parse::parse;

/// Internal parsers exposed only to the fuzz targets in `fuzz/` (feature `fuzzing`): the HTML scanner, the zip
/// lister, and the parse that decodes every attachment, which [`parse`] must equal.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    pub use super::html::scan as scan_html;
    pub use super::parse::parse_decoding_all;
    pub use super::zip::list as list_zip;
}

/// Why bytes could not be read as a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The input is empty.
    #[error("the file is empty")]
    Empty,
    /// The bytes have no header block that mail-parser can read.
    #[error("no readable message headers: {0}")]
    NoHeaders(String),
}

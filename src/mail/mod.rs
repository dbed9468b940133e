//! Bytes → [`Message`]: decoded headers, addresses, Authentication-Results, bodies, links, forms and
//! attachments, plus the terminal sanitiser. Pure: no files, no clock, no terminal.

mod message;
pub mod sanitise;

pub use message::{
    Address, Attachment, AuthMethodResult, AuthProperty, AuthResults, Form, Link, LinkOrigin,
    Message,
};

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

/// Parses one RFC 5322 message.
pub fn parse(raw: &[u8]) -> Result<Message, ParseError> {
    let _ = raw;
    Err(ParseError::Empty) // SKELETON: replaced by the mail module owner
}

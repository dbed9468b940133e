//! Each link's URL parsed at most once per message: the claim (where most links go) and the link checks read
//! the same links, and a parse costs thousands of instructions.

use std::cell::OnceCell;

use url::Url;

use crate::mail::Message;

/// The URLs of a message's links (each href trimmed), parsed when first asked for.
pub(super) struct Urls<'m> {
    msg: &'m Message,
    parsed: Vec<OnceCell<Option<Url>>>,
}

impl<'m> Urls<'m> {
    /// The links of `msg`, none parsed yet.
    pub(super) fn new(msg: &'m Message) -> Self {
        Urls {
            msg,
            parsed: msg.links.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    /// The URL of the `i`-th link (its href trimmed and parsed); `None` when that is no URL.
    pub(super) fn get(&self, i: usize) -> Option<&Url> {
        let href = self.msg.links.get(i)?.href.trim();
        (self.parsed.get(i)?)
            .get_or_init(|| Url::parse(href).ok())
            .as_ref()
    }
}

//! The prompt line (search, limit, folder picker, the user's address) and the yes/no question before an
//! effect that cannot be undone. Plain data.

use tui_textarea::TextArea;

use super::effect::Effect;

/// What the prompt line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// A search: the list stays, the selection jumps to the next match.
    Search,
    /// A search backwards: the selection jumps to the previous match.
    SearchReverse,
    /// A limit: the list shows only matching messages (mutt's `l`).
    Limit,
    /// The folder picker: a folder name, existing or new.
    Move,
    /// The user's own address, asked before the first report (saved as config `identity.address`).
    Identity,
}

/// The open prompt.
#[derive(Debug, Clone)]
pub struct Prompt {
    /// Its purpose.
    pub kind: PromptKind,
    /// The text field.
    pub input: TextArea<'static>,
    /// The folder picker's cursor (an index into its entries).
    pub sel: usize,
}

impl Prompt {
    /// The text typed.
    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }
}

/// A question before an effect that cannot be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// What is asked (`Delete 3 trashed messages of INBOX for good?`).
    pub question: String,
    /// What a yes does.
    pub effect: Effect,
}

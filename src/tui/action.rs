//! Every user intent (bindable commands) and every background result, as one enum that `update` consumes.
//! Imports no terminal code except the key event type the prompt forwards to its text field.

use ratatui::crossterm::event::{Event, KeyEvent};

use super::bodytext::BodyText;
use super::changes::Changes;
use super::jobs::{Finished, Report, Step};
use super::slots::Slot;
use super::state::Content;
use super::sync::Prepared;
pub use crate::config::keys::COMMANDS;
use crate::pipeline::Summary;

/// Something that changes the state: a command from a key, or a result from the background.
#[derive(Debug)]
pub enum Action {
    /// Move the selection (or scroll) down one line.
    Down,
    /// Move the selection (or scroll) up one line.
    Up,
    /// Jump to the first line.
    Top,
    /// Jump to the last line.
    Bottom,
    /// One screen down.
    PageDown,
    /// One screen up.
    PageUp,
    /// Next pane (sidebar → list → detail).
    FocusNext,
    /// Previous pane.
    FocusPrev,
    /// Open the selected message's body (or the selected folder in the sidebar).
    Open,
    /// Show the link table of the selected message.
    ShowLinks,
    /// Show the raw headers.
    ShowHeaders,
    /// Show the attachment list.
    ShowAttachments,
    /// Show the help screen.
    ShowHelp,
    /// Show the earlier status messages.
    ShowMessages,
    /// Show the overview of the folder: counts by trust and category, brands, bad senders, labels per week.
    ShowOverview,
    /// Close the overlay (or clear the search and filters in the main view).
    Close,
    /// Leave mailvet.
    Quit,
    /// Close the overlay, or quit from the main view.
    CloseOrQuit,
    /// Show or hide the folder sidebar.
    ToggleSidebar,
    /// Show or hide the detail pane.
    ToggleDetail,
    /// Open the search prompt: the selection moves to the next match, the list stays.
    Search,
    /// Move to the next match of the last search, in that search's direction (mutt's search-next).
    SearchNext,
    /// Move to the next match of the last search the other way (mutt's search-opposite).
    SearchPrev,
    /// Open the search prompt searching backwards: the selection moves to the previous match (mutt's
    /// search-reverse, Esc-/ or Alt-/).
    SearchReverse,
    /// Open the limit prompt (`trust:phish,susp cat:orders words`): only matching messages are listed.
    Limit,
    /// Cycle the trust filter.
    CycleTrust,
    /// Cycle the category filter.
    CycleCategory,
    /// Cycle the sort order (date, trust, sender).
    CycleSort,
    /// Mark or unmark the selected message.
    ToggleMark,
    /// Mark every message shown (unmark them when all are marked).
    MarkAllShown,
    /// Copy the selected link's URL to the clipboard (OSC 52).
    CopyLink,
    /// Toggle the seen flag of the selected or marked messages.
    ToggleSeen,
    /// Toggle the flagged flag.
    ToggleFlagged,
    /// Toggle the replied flag (Maildir `R`).
    ToggleReplied,
    /// Toggle the trashed flag (trashed messages are hidden unless shown, and only purging deletes them).
    ToggleTrashed,
    /// Move to the archive folder.
    Archive,
    /// Move to the Junk folder.
    Junk,
    /// Open the folder picker to move to any folder.
    MoveTo,
    /// Undo the last action (or bulk action) that changed something.
    Undo,
    /// Show or hide trashed messages.
    ShowTrashed,
    /// Ask to delete the shown folder's trashed messages for good.
    Purge,
    /// Answer yes to the open question.
    Confirm,
    /// Open the export dialog (marked messages, else the selected one; or every flagged one in the folder).
    Export,
    /// Write the abuse report for the selected message (as a draft in the Drafts folder, or into the
    /// outbox); asks for the user's address the first time.
    Report,
    /// Not phishing: trust the selected message's sender domain (again: undo).
    TeachTrust,
    /// Phishing: block the selected message's sender domain (again: undo).
    TeachBlock,
    /// The export dialog's next format.
    FormatNext,
    /// The export dialog's previous format.
    FormatPrev,
    /// The export dialog: switch between the selection and every flagged message in the folder.
    ExportScope,
    /// Submit the prompt.
    PromptSubmit,
    /// Cancel the prompt.
    PromptCancel,
    /// A key typed into the prompt.
    PromptKey(KeyEvent),
    /// A raw terminal event from the input thread, with the moment it was read; the loop maps it through
    /// the keymap before `update`, which ignores it.
    Input(Event, std::time::Instant),
    /// The terminal has a new size (columns, rows).
    Resize(u16, u16),
    /// Time passes (Unix seconds now): re-sorts rows that changed.
    Tick(i64),
    /// The Maildir was listed (and its rows made).
    Listed(Box<Prepared>),
    /// A row was analysed in the background.
    Analysed(usize, Box<Summary>),
    /// Rows were analysed in the background, by the rules as they were after this many lessons (what the
    /// user taught in this session): (row id, summary), and the batch's place among those on their way.
    AnalysedMany(u64, Vec<(usize, Summary)>, Slot),
    /// A message was read for the detail pane and the message views, and judged by the rules as they were
    /// after this many lessons: (row id, lessons, content).
    Loaded(usize, u64, Box<Result<Content, String>>),
    /// The open message's body was laid out again for a new width: (row id, width, body).
    LaidOut(usize, usize, Box<BodyText>),
    /// A write (flags, move, undo, purge) finished: what changed on disk.
    Acted(Box<Report>),
    /// An export or report is under way.
    ExportProgress(Step),
    /// An export or report finished.
    Exported(Box<Finished>),
    /// What the user taught was saved to the config file (its path), or why not.
    Taught(Result<String, String>),
    /// The user's address was saved to the config file (its path), or why not.
    IdentitySaved(Result<String, String>),
    /// Something the user must know that is not about a message (a config that cannot be used, a verdict
    /// cache set aside): shown in the status line and kept in the messages view.
    Warned(String),
    /// Folders were listed again after a change on disk (another client, or our own write): the files that
    /// appeared and disappeared.
    Rescanned(Box<Changes>),
}

macro_rules! commands {
    ($($variant:ident => $name:literal;)*) => {
        /// The keymap names of the commands an Action answers (the table with descriptions is
        /// [`COMMANDS`]).
        pub const COMMAND_NAMES: &[&str] = &[$($name),*];

        impl Action {
            /// The command with this keymap name.
            pub fn from_name(name: &str) -> Option<Action> {
                match name {
                    $($name => Some(Action::$variant),)*
                    _ => None,
                }
            }

            /// The keymap name of a bindable command; `None` for background results and prompt keys.
            pub fn name(&self) -> Option<&'static str> {
                match self {
                    $(Action::$variant => Some($name),)*
                    _ => None,
                }
            }
        }
    };
}

commands! {
    Down => "down";
    Up => "up";
    Top => "top";
    Bottom => "bottom";
    PageDown => "page-down";
    PageUp => "page-up";
    FocusNext => "focus-next";
    FocusPrev => "focus-prev";
    Open => "open";
    ShowLinks => "links";
    ShowHeaders => "headers";
    ShowAttachments => "attachments";
    ShowHelp => "help";
    ShowMessages => "messages";
    ShowOverview => "overview";
    Close => "close";
    Quit => "quit";
    CloseOrQuit => "close-or-quit";
    ToggleSidebar => "toggle-sidebar";
    ToggleDetail => "toggle-detail";
    Search => "search";
    SearchNext => "search-next";
    SearchPrev => "search-prev";
    SearchReverse => "search-reverse";
    Limit => "limit";
    CycleTrust => "cycle-trust";
    CycleCategory => "cycle-category";
    CycleSort => "cycle-sort";
    ToggleMark => "mark";
    MarkAllShown => "mark-all";
    CopyLink => "copy-link";
    ToggleSeen => "toggle-seen";
    ToggleFlagged => "toggle-flagged";
    ToggleReplied => "toggle-replied";
    ToggleTrashed => "toggle-trashed";
    Archive => "archive";
    Junk => "junk";
    MoveTo => "move";
    Undo => "undo";
    ShowTrashed => "show-trashed";
    Purge => "purge";
    PromptSubmit => "submit";
    PromptCancel => "cancel";
    Confirm => "confirm";
    Export => "export";
    Report => "report";
    TeachTrust => "not-phishing";
    TeachBlock => "phishing";
    FormatNext => "format-next";
    FormatPrev => "format-prev";
    ExportScope => "export-scope";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_name_round_trips() {
        for (name, desc) in COMMANDS {
            let action = Action::from_name(name).expect("known name");
            assert_eq!(action.name(), Some(*name));
            assert!(!desc.is_empty());
        }
        assert_eq!(COMMAND_NAMES.len(), COMMANDS.len());
        assert!(Action::from_name("no-such").is_none());
        assert!(Action::Tick(0).name().is_none());
    }
}

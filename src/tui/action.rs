//! Every user intent (bindable commands) and every background result, as one enum that `update` consumes.
//! Imports no terminal code except the key event type the prompt forwards to its text field.

use ratatui::crossterm::event::{Event, KeyEvent};

use super::bodytext::BodyText;
use super::changes::Changes;
use super::exporter::{Finished, Step};
use super::source::{Listing, Report, Summary};
use super::state::Content;

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
    /// Open the search prompt.
    Search,
    /// Open the filter prompt (`trust:phishing cat:orders`).
    FilterPrompt,
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
    /// Write the abuse report for the selected message into the outbox.
    Report,
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
    /// A raw terminal event from the input thread; the loop maps it through the keymap before `update`,
    /// which ignores it.
    Input(Event),
    /// The terminal has a new size (columns, rows).
    Resize(u16, u16),
    /// Time passes (Unix seconds now): re-sorts rows that changed.
    Tick(i64),
    /// The Maildir was listed.
    Listed(Box<Listing>),
    /// A row was analysed in the background.
    Analysed(usize, Box<Summary>),
    /// A message was read for the detail pane and the message views.
    Loaded(usize, Box<Result<Content, String>>),
    /// The open message's body was laid out again for a new width: (row id, width, body).
    LaidOut(usize, usize, Box<BodyText>),
    /// A write (flags, move, undo, purge) finished: what changed on disk.
    Acted(Box<Report>),
    /// An export or report is under way.
    ExportProgress(Step),
    /// An export or report finished.
    Exported(Box<Finished>),
    /// Folders were listed again after a change on disk (another client, or our own write): the files that
    /// appeared and disappeared.
    Rescanned(Box<Changes>),
}

macro_rules! commands {
    ($($variant:ident => $name:literal, $desc:literal;)*) => {
        /// Bindable commands: (name used in keymap files, description shown in help).
        pub const COMMANDS: &[(&str, &str)] = &[$(($name, $desc)),*];

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
    Down => "down", "Move down";
    Up => "up", "Move up";
    Top => "top", "Go to the first line";
    Bottom => "bottom", "Go to the last line";
    PageDown => "page-down", "One screen down";
    PageUp => "page-up", "One screen up";
    FocusNext => "focus-next", "Next pane";
    FocusPrev => "focus-prev", "Previous pane";
    Open => "open", "Open the message body (or the folder)";
    ShowLinks => "links", "Link table: where every link really goes";
    ShowHeaders => "headers", "Raw headers";
    ShowAttachments => "attachments", "Attachments";
    ShowHelp => "help", "This help";
    Close => "close", "Close the view / clear search and filters";
    Quit => "quit", "Quit";
    CloseOrQuit => "close-or-quit", "Close the view, or quit";
    ToggleSidebar => "toggle-sidebar", "Show or hide the folders";
    ToggleDetail => "toggle-detail", "Show or hide the detail pane";
    Search => "search", "Search sender, subject, domain";
    FilterPrompt => "filter", "Filter: trust:phishing cat:orders";
    CycleTrust => "cycle-trust", "Filter by trust (cycles)";
    CycleCategory => "cycle-category", "Filter by category (cycles)";
    CycleSort => "cycle-sort", "Sort by date, trust, sender";
    ToggleMark => "mark", "Mark the message";
    MarkAllShown => "mark-all", "Mark every message shown";
    CopyLink => "copy-link", "Copy the link's URL (OSC 52)";
    ToggleSeen => "toggle-seen", "Mark read / unread (marked messages, else this one)";
    ToggleFlagged => "toggle-flagged", "Flag / unflag";
    ToggleReplied => "toggle-replied", "Mark replied / not replied";
    ToggleTrashed => "toggle-trashed", "Trash / untrash (hidden; only purge deletes)";
    Archive => "archive", "Archive";
    Junk => "junk", "Move to Junk";
    MoveTo => "move", "Move to a folder (type a new name to create it)";
    Undo => "undo", "Undo the last action";
    ShowTrashed => "show-trashed", "Show or hide trashed messages";
    Purge => "purge", "Delete this folder's trashed messages for good (asks)";
    PromptSubmit => "submit", "Apply the prompt / pick the folder";
    PromptCancel => "cancel", "Cancel the prompt, or answer no";
    Confirm => "confirm", "Answer yes";
    Export => "export", "Export marked messages (else this one) as json, csv, md, eml, mbox, arf";
    Report => "report", "Write the abuse report for this message into the outbox";
    FormatNext => "format-next", "Next export format";
    FormatPrev => "format-prev", "Previous export format";
    ExportScope => "export-scope", "Export the selection, or every flagged message in the folder";
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
        assert!(Action::from_name("no-such").is_none());
        assert!(Action::Tick(0).name().is_none());
    }
}

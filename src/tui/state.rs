//! AppState: every fact the screen shows: folders, rows, verdicts, selection, filter, marks, the open
//! message and the status line. Plain data plus pure helpers; no I/O, no terminal.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::analysis::Brands;
use crate::model::Query;

pub use super::opened::{Content, Opened};
pub use super::prompt::{Confirm, Prompt, PromptKind};
pub use super::row::{Envelope, Row, Texts};

use super::export::{Dialog, Places};
use super::jobs::Step;
use super::keymap::{Keymap, Mode};
use super::order::Order;

/// A folder with its counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderStat {
    /// `INBOX`, `Archive`, `Lists.rust`.
    pub name: String,
    /// The folder's directory (holding `cur/` and `new/`).
    pub dir: PathBuf,
    /// Messages.
    pub total: usize,
    /// Without the seen flag.
    pub unread: usize,
    /// Labelled suspicious.
    pub suspicious: usize,
    /// Labelled phishing.
    pub phishing: usize,
}

/// The pane with the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Folder sidebar.
    Sidebar,
    /// Message list.
    List,
    /// Detail pane.
    Detail,
}

/// A full-screen view over the main panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The message body.
    Body,
    /// The link table.
    Links,
    /// The raw headers.
    Headers,
    /// The attachment list.
    Attachments,
    /// Key help.
    Help,
    /// The earlier status messages.
    Messages,
    /// Counts and charts of the folder shown.
    Overview,
}

/// List order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Newest first.
    Date,
    /// Worst first (phishing, suspicious, unparseable, unverified, verified, pending).
    Trust,
    /// By sender address.
    Sender,
}

impl SortKey {
    /// The next order in the cycle.
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Date => SortKey::Trust,
            SortKey::Trust => SortKey::Sender,
            SortKey::Sender => SortKey::Date,
        }
    }

    /// Its name in the status bar.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Trust => "trust",
            SortKey::Sender => "sender",
        }
    }
}

/// Most status messages kept.
pub const MAX_MESSAGES: usize = 500;

/// Everything the screen shows.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Title bar text (the Maildir path).
    pub title: String,
    /// The built-in demo mailbox is open.
    pub demo: bool,
    /// Writes are refused.
    pub read_only: bool,
    /// The folder archive moves to.
    pub archive: String,
    /// The folder Junk moves to.
    pub junk: String,
    /// Trashed messages are listed.
    pub show_trashed: bool,
    /// The open yes/no question.
    pub confirm: Option<Confirm>,
    /// The open export dialog.
    pub export: Option<Dialog>,
    /// Where exports go by default, and the Maildir they stay out of.
    pub places: Places,
    /// The export or report under way, if any.
    pub exporting: Option<Step>,
    /// What the user taught about senders' domains (config `[[taught]]`), as the rules apply it.
    pub taught: Vec<crate::analysis::Taught>,
    /// Lessons given in this session (each one changes the rules: results judged before it are stale).
    pub lessons: u64,
    /// The user's address reports are sent from (config `identity.address`); asked for when missing.
    pub identity: Option<String>,
    /// Key bindings (help and hints are generated from them).
    pub keymap: Keymap,
    /// Brand knowledge (for the link table's "official" column).
    pub brands: Brands,
    /// Every message, in listing order; row ids are indexes here.
    pub rows: Vec<Row>,
    /// The texts rows share (their advice).
    pub texts: Texts,
    /// Every folder with counts.
    pub folders: Vec<FolderStat>,
    /// The folder shown.
    pub folder: usize,
    /// The sidebar's cursor.
    pub sidebar_sel: usize,
    /// Row ids shown, in order.
    pub shown: Vec<usize>,
    /// Index into `shown`.
    pub selected: usize,
    /// The user moved the selection (or mail arrived); until then it stays on the first row (the newest).
    pub moved: bool,
    /// First list line on screen.
    pub offset: usize,
    /// Marked row ids.
    pub marks: BTreeSet<usize>,
    /// The limit: only rows matching it are shown.
    pub limit: Query,
    /// The last search, which `n` and `P` repeat.
    pub search: Query,
    /// Whether the last search went backwards (`Alt-/`): `n` keeps its direction, `P` goes the other way.
    pub search_backwards: bool,
    /// The order.
    pub sort: SortKey,
    /// Every row in sort order, kept sorted as verdicts arrive.
    pub order: Order,
    /// The pane with the keyboard.
    pub focus: Focus,
    /// The full-screen view, if any.
    pub overlay: Option<Overlay>,
    /// Scroll of the overlay, in lines.
    pub scroll: usize,
    /// Selected line of the link table.
    pub link_sel: usize,
    /// Scroll of the detail pane.
    pub detail_scroll: usize,
    /// The sidebar as the user toggled it; `None`: shown when the terminal is wide enough.
    pub sidebar: Option<bool>,
    /// Detail pane visible.
    pub show_detail: bool,
    /// The prompt line, if open.
    pub prompt: Option<Prompt>,
    /// The message read for display.
    pub open: Option<Opened>,
    /// The row being read for display.
    pub loading: Option<usize>,
    /// The listing has arrived.
    pub listed: bool,
    /// Rows analysed so far.
    pub analysed: usize,
    /// A one-line message for the status bar.
    pub status: String,
    /// Earlier status messages, oldest first (the messages view shows them).
    pub messages: Vec<String>,
    /// Terminal size.
    pub width: u16,
    /// Terminal size.
    pub height: u16,
    /// Unix seconds, for dates in the list.
    pub now: i64,
    /// The user asked to quit.
    pub quit: bool,
}

impl AppState {
    /// An empty state before the listing arrives.
    pub fn new(title: impl Into<String>, keymap: Keymap, brands: Brands) -> AppState {
        AppState {
            title: title.into(),
            demo: false,
            read_only: false,
            archive: "Archive".into(),
            junk: "Junk".into(),
            show_trashed: false,
            confirm: None,
            export: None,
            places: Places::default(),
            exporting: None,
            taught: Vec::new(),
            lessons: 0,
            identity: None,
            keymap,
            brands,
            rows: Vec::new(),
            texts: Texts::default(),
            folders: Vec::new(),
            folder: 0,
            sidebar_sel: 0,
            shown: Vec::new(),
            selected: 0,
            moved: false,
            offset: 0,
            marks: BTreeSet::new(),
            limit: Query::default(),
            search: Query::default(),
            search_backwards: false,
            sort: SortKey::Date,
            order: Order::default(),
            focus: Focus::List,
            overlay: None,
            scroll: 0,
            link_sel: 0,
            detail_scroll: 0,
            sidebar: None,
            show_detail: true,
            prompt: None,
            open: None,
            loading: None,
            listed: false,
            analysed: 0,
            status: String::new(),
            messages: Vec::new(),
            width: 80,
            height: 24,
            now: 0,
            quit: false,
        }
    }

    /// Keeps the status message for the messages view (the latest [`MAX_MESSAGES`]).
    pub fn remember_status(&mut self) {
        if self.messages.len() >= MAX_MESSAGES {
            self.messages.remove(0);
        }
        self.messages.push(self.status.clone());
    }

    /// Whether the folder sidebar is shown: as toggled, else from `layout::SIDEBAR_FROM` columns.
    pub fn sidebar_shown(&self) -> bool {
        self.sidebar
            .unwrap_or(self.width >= super::layout::SIDEBAR_FROM)
    }

    /// Which key table applies.
    pub fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::Confirm
        } else if self.export.is_some() {
            Mode::Export
        } else if self.prompt.is_some() {
            Mode::Prompt
        } else if self.overlay.is_some() {
            Mode::View
        } else {
            Mode::Main
        }
    }

    /// The selected row id.
    pub fn selected_row(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }

    /// The opened content, if it belongs to the selected row and could be read.
    pub fn content(&self) -> Option<&Content> {
        let open = self.open.as_ref()?;
        (Some(open.row) == self.selected_row())
            .then_some(open.content.as_ref().ok())
            .flatten()
    }

    /// The name of the folder holding `row`.
    pub fn folder_of(&self, row: &Row) -> &str {
        self.folders
            .get(row.folder_idx)
            .map_or("", |f| f.name.as_str())
    }

    /// Whether the list shows this row (its folder, not gone, trashed only when asked, the limit).
    pub fn visible(&self, row: &Row) -> bool {
        row.folder_idx == self.folder
            && !row.gone
            && (self.show_trashed || !row.trashed())
            && super::filter::matches(&self.limit, row)
    }

    /// Rebuilds `shown` from folder, limit and sort, keeping the selected row when it is still shown, else
    /// the selection's place in the list; before the user moves it, the selection stays on the first row.
    pub fn refresh(&mut self) {
        let keep = self.selected_row();
        let mut order = std::mem::take(&mut self.order);
        // Which rows are visible, in row order (the rows' memory order), then picked in sort order.
        let visible: Vec<bool> = self.rows.iter().map(|r| self.visible(r)).collect();
        let shown: Vec<usize> = order
            .sorted(&self.rows, self.sort)
            .iter()
            .copied()
            .filter(|&i| visible[i])
            .collect();
        self.order = order;
        self.selected = if self.moved {
            keep.and_then(|id| shown.iter().position(|&i| i == id))
                .unwrap_or(self.selected.min(shown.len().saturating_sub(1)))
        } else {
            0
        };
        self.shown = shown;
    }
}

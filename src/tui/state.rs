//! AppState: every fact the screen shows: folders, rows, verdicts, selection, filter, marks, the open
//! message and the status line. Plain data plus pure helpers; no I/O, no terminal.

use std::collections::BTreeSet;
use std::path::PathBuf;

use tui_textarea::TextArea;

use crate::analysis::Brands;
use crate::mail::Message;
use crate::model::{Trust, Verdict};

use super::bodytext::BodyText;
use super::filter::Filter;
use super::keymap::{Keymap, Mode};
use super::linkinfo::LinkRow;

/// Date, sender and subject of a parsed message (raw: views sanitise them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Envelope {
    /// The Date header as Unix seconds.
    pub date: Option<i64>,
    /// The From display name (may be empty).
    pub from_name: String,
    /// The From address.
    pub from_addr: String,
    /// The decoded subject.
    pub subject: String,
}

impl Envelope {
    /// The envelope of a parsed message.
    pub fn of(msg: &Message) -> Envelope {
        let from = msg.from.clone().unwrap_or_default();
        Envelope {
            date: msg.timestamp,
            from_name: from.name.unwrap_or_default(),
            from_addr: from.address,
            subject: msg.subject.clone(),
        }
    }
}

/// One message in the list: known from its file name at once, filled in when analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The message file.
    pub path: PathBuf,
    /// Its folder's name.
    pub folder: String,
    /// Index into [`AppState::folders`].
    pub folder_idx: usize,
    /// Maildir flag letters (`FS`).
    pub flags: String,
    /// Delivery time from the unique name.
    pub delivered: Option<i64>,
    /// Filled in by the background analysis.
    pub envelope: Option<Envelope>,
    /// Filled in by the background analysis: the verdict without its signals (the full one comes with the
    /// opened message), so 100,000 rows stay small.
    pub verdict: Option<Verdict>,
}

impl Row {
    /// A row known from its file name only.
    pub fn new(path: PathBuf, folder: String, flags: String, delivered: Option<i64>) -> Row {
        Row {
            path,
            folder,
            folder_idx: 0,
            flags,
            delivered,
            envelope: None,
            verdict: None,
        }
    }

    /// The Date header when parsed, else the delivery time.
    pub fn time(&self) -> Option<i64> {
        self.envelope
            .as_ref()
            .and_then(|e| e.date)
            .or(self.delivered)
    }

    /// Not yet seen (no `S` flag).
    pub fn unread(&self) -> bool {
        !self.flags.contains('S')
    }

    /// The trust label, once analysed.
    pub fn trust(&self) -> Option<Trust> {
        self.verdict.as_ref().map(|v| v.trust)
    }
}

/// A folder with its counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderStat {
    /// `INBOX`, `Archive`, `Lists.rust`.
    pub name: String,
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

/// What the prompt line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Search words.
    Search,
    /// A filter expression.
    Filter,
}

/// The open prompt.
#[derive(Debug, Clone)]
pub struct Prompt {
    /// Its purpose.
    pub kind: PromptKind,
    /// The text field.
    pub input: TextArea<'static>,
}

/// The message shown in the detail pane and the message views.
#[derive(Debug, Clone)]
pub struct Opened {
    /// Its row.
    pub row: usize,
    /// The message, or why it could not be read.
    pub content: Result<Content, String>,
}

/// A readable message prepared for display.
#[derive(Debug, Clone)]
pub struct Content {
    /// The parsed message.
    pub message: Message,
    /// Raw header lines, sanitised.
    pub headers: Vec<String>,
    /// The full verdict with every signal.
    pub verdict: Verdict,
    /// The body laid out for the current width.
    pub body: BodyText,
    /// The link table.
    pub links: Vec<LinkRow>,
}

/// Everything the screen shows.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Title bar text (the Maildir path).
    pub title: String,
    /// The built-in demo mailbox is open.
    pub demo: bool,
    /// Writes are refused.
    pub read_only: bool,
    /// Key bindings (help and hints are generated from them).
    pub keymap: Keymap,
    /// Brand knowledge (for the link table's "official" column).
    pub brands: Brands,
    /// Every message, in listing order; row ids are indexes here.
    pub rows: Vec<Row>,
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
    /// First list line on screen.
    pub offset: usize,
    /// Marked row ids.
    pub marks: BTreeSet<usize>,
    /// The filter.
    pub filter: Filter,
    /// The order.
    pub sort: SortKey,
    /// Rows changed since the last sort.
    pub dirty: bool,
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
    /// Sidebar visible.
    pub show_sidebar: bool,
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
            keymap,
            brands,
            rows: Vec::new(),
            folders: Vec::new(),
            folder: 0,
            sidebar_sel: 0,
            shown: Vec::new(),
            selected: 0,
            offset: 0,
            marks: BTreeSet::new(),
            filter: Filter::default(),
            sort: SortKey::Date,
            dirty: false,
            focus: Focus::List,
            overlay: None,
            scroll: 0,
            link_sel: 0,
            detail_scroll: 0,
            show_sidebar: true,
            show_detail: true,
            prompt: None,
            open: None,
            loading: None,
            listed: false,
            analysed: 0,
            status: String::new(),
            width: 80,
            height: 24,
            now: 0,
            quit: false,
        }
    }

    /// Which key table applies.
    pub fn mode(&self) -> Mode {
        if self.prompt.is_some() {
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

    /// Rebuilds `shown` from folder, filter and sort, keeping the selected row when it is still shown.
    pub fn refresh(&mut self) {
        let keep = self.selected_row();
        let folder = self.folder;
        let filter = &self.filter;
        let mut shown: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.rows[i].folder_idx == folder && filter.matches(&self.rows[i]))
            .collect();
        let rows = &self.rows;
        match self.sort {
            SortKey::Date => shown.sort_by_key(|&i| std::cmp::Reverse((rows[i].time(), i))),
            SortKey::Trust => shown.sort_by_cached_key(|&i| {
                (
                    trust_rank(rows[i].trust()),
                    std::cmp::Reverse(rows[i].time()),
                    i,
                )
            }),
            SortKey::Sender => shown.sort_by_cached_key(|&i| {
                let env = rows[i].envelope.as_ref();
                (env.is_none(), env.map(|e| e.from_addr.to_lowercase()), i)
            }),
        }
        self.selected = keep
            .and_then(|id| shown.iter().position(|&i| i == id))
            .unwrap_or(0);
        self.shown = shown;
        self.dirty = false;
    }
}

/// Sort rank for "worst first".
fn trust_rank(t: Option<Trust>) -> u8 {
    match t {
        Some(Trust::Phishing) => 0,
        Some(Trust::Suspicious) => 1,
        Some(Trust::Unparseable) => 2,
        Some(Trust::Unverified) => 3,
        Some(Trust::Verified) => 4,
        None => 5,
    }
}

//! Key binding names as config files write them: modes (`main`), keys (`j`, `Ctrl-d`, `PageDown`) and
//! commands (`page-down`). The config loader checks a `[keys]` table with [`entries`] and points at the
//! offending line; the interface builds its keymap from the same entries. Knows nothing of the interface.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Bindable commands: (name used in keymap files, description shown in help), in help order.
pub const COMMANDS: &[(&str, &str)] = &[
    ("down", "Move down"),
    ("up", "Move up"),
    ("top", "Go to the first line"),
    ("bottom", "Go to the last line"),
    ("page-down", "One screen down"),
    ("page-up", "One screen up"),
    ("focus-next", "Next pane"),
    ("focus-prev", "Previous pane"),
    ("open", "Open the message body (or the folder)"),
    ("links", "Link table: where every link really goes"),
    ("headers", "Raw headers"),
    ("attachments", "Attachments"),
    ("help", "This help"),
    ("messages", "Earlier status messages"),
    (
        "overview",
        "Overview: labels by category, brands, bad senders, weeks",
    ),
    ("close", "Close the view / clear the limit"),
    ("quit", "Quit"),
    ("close-or-quit", "Close the view, or quit"),
    ("toggle-sidebar", "Show or hide the folders"),
    ("toggle-detail", "Show or hide the detail pane"),
    ("search", "Search sender, subject, domain, brand, labels"),
    ("search-next", "Next match, in the last search's direction"),
    (
        "search-prev",
        "Next match the other way (mutt's search-opposite)",
    ),
    ("search-reverse", "Search backwards (mutt's Esc-/)"),
    ("limit", "Limit the list (t:phish,susp c:ord words; all)"),
    ("cycle-trust", "Limit by trust (cycles)"),
    ("cycle-category", "Limit by category (cycles)"),
    ("cycle-sort", "Sort by date, trust, sender"),
    ("mark", "Mark the message"),
    ("mark-all", "Mark every message shown"),
    ("copy-link", "Copy the link's URL (OSC 52)"),
    (
        "toggle-seen",
        "Mark read / unread (marked messages, else this one)",
    ),
    ("toggle-flagged", "Flag / unflag"),
    ("toggle-replied", "Mark replied / not replied"),
    (
        "toggle-trashed",
        "Trash / untrash (hidden; only purge deletes)",
    ),
    ("archive", "Archive"),
    ("junk", "Move to Junk"),
    ("move", "Move to a folder (type a new name to create it)"),
    ("undo", "Undo the last action"),
    ("show-trashed", "Show or hide trashed messages"),
    (
        "purge",
        "Delete this folder's trashed messages for good (asks)",
    ),
    ("submit", "Apply the prompt / pick the folder"),
    ("cancel", "Cancel the prompt, or answer no"),
    ("confirm", "Answer yes"),
    (
        "export",
        "Export marked messages (else this one) as json, csv, md, eml, mbox, arf",
    ),
    (
        "report",
        "Report this message to the brand (a draft in Drafts; asks your address once)",
    ),
    (
        "not-phishing",
        "Not phishing: trust this sender's domain (for its brand); again: undo",
    ),
    (
        "phishing",
        "Phishing: block this sender's domain; again: undo",
    ),
    ("format-next", "Next export format"),
    ("format-prev", "Previous export format"),
    (
        "export-scope",
        "Export the selection, or every flagged message in the folder",
    ),
];

/// Where keys are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Sidebar, list and detail pane.
    Main,
    /// The full-screen views of one message, and help.
    View,
    /// The search / filter line and the folder picker.
    Prompt,
    /// A yes/no question (before purging).
    Confirm,
    /// The export dialog (unbound keys edit its path).
    Export,
}

impl Mode {
    /// Every mode, in help order.
    pub const ALL: [Mode; 5] = [
        Mode::Main,
        Mode::View,
        Mode::Prompt,
        Mode::Confirm,
        Mode::Export,
    ];

    /// The table name in keymap files.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Main => "main",
            Mode::View => "view",
            Mode::Prompt => "prompt",
            Mode::Confirm => "confirm",
            Mode::Export => "export",
        }
    }

    /// The mode with this table name.
    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == name)
    }
}

/// A key with its modifiers (Shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl / Alt.
    pub mods: KeyModifiers,
}

impl Key {
    /// The key of a terminal event, normalised so `G` matches `Shift+g` as terminals send it.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        Key {
            code: ev.code,
            mods,
        }
    }

    /// Parses `j`, `G`, `Space`, `PageDown`, `Ctrl-d`, `Alt-x`, `F5`.
    pub fn parse(text: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            if let Some(r) = rest.strip_prefix("Ctrl-").filter(|r| !r.is_empty()) {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("Alt-").filter(|r| !r.is_empty()) {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => named(rest)?,
        };
        Some(Key { code, mods })
    }
}

fn named(name: &str) -> Option<KeyCode> {
    let code = match name {
        "Space" => KeyCode::Char(' '),
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "BackTab" => KeyCode::BackTab,
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "PageUp" => KeyCode::PageUp,
        "PageDown" => KeyCode::PageDown,
        "Backspace" => KeyCode::Backspace,
        "Delete" => KeyCode::Delete,
        _ => KeyCode::F(
            name.strip_prefix('F')?
                .parse()
                .ok()
                .filter(|n| (1..=12).contains(n))?,
        ),
    };
    Some(code)
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// An invalid `[keys]` entry: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    /// The mode table as written (`main`).
    pub mode: String,
    /// The key as written (`Ctrl-q`), when the entry and not the table is wrong.
    pub key: Option<String>,
    /// What is wrong.
    pub problem: String,
}

impl KeyError {
    /// The dotted path of the entry under `prefix` (`keys.main.x`, `keys.main."?"`), quoted the TOML way.
    pub fn path(&self, prefix: &str) -> String {
        let quote = |k: &str| {
            if !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                k.to_string()
            } else {
                format!("{k:?}")
            }
        };
        match &self.key {
            Some(key) => format!("{prefix}{}.{}", quote(&self.mode), quote(key)),
            None => format!("{prefix}{}", quote(&self.mode)),
        }
    }
}

/// One entry of a `[keys]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Where it applies.
    pub mode: Mode,
    /// The key.
    pub key: Key,
    /// The command bound (name, description); `None` unbinds the key (`"none"`).
    pub command: Option<(&'static str, &'static str)>,
}

/// The entries of a `[keys]` table (`{ main = { x = "quit" }, view = {...} }`), in the table's order; the
/// error says which entry is wrong and why.
pub fn entries(table: &toml::Table) -> Result<Vec<Entry>, KeyError> {
    let mut found = Vec::new();
    for (mode_name, keys) in table {
        let err = |key: Option<&str>, problem: String| KeyError {
            mode: mode_name.clone(),
            key: key.map(str::to_string),
            problem,
        };
        let mode = Mode::from_name(mode_name).ok_or_else(|| {
            err(
                None,
                "unknown mode (expected main, view, prompt, confirm or export)".into(),
            )
        })?;
        let keys = keys
            .as_table()
            .ok_or_else(|| err(None, "expected a table of key = \"command\"".into()))?;
        for (key_text, value) in keys {
            let at = Some(key_text.as_str());
            let key = Key::parse(key_text).ok_or_else(|| err(at, "unknown key name".into()))?;
            let name = value
                .as_str()
                .ok_or_else(|| err(at, "expected a command name in quotes".into()))?;
            let command = if name == "none" {
                None
            } else {
                let found = COMMANDS.iter().find(|(n, _)| *n == name);
                Some(*found.ok_or_else(|| err(at, format!("unknown command '{name}'")))?)
            };
            found.push(Entry { mode, key, command });
        }
    }
    Ok(found)
}

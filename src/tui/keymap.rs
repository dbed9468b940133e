//! The key table: (mode, key) → command, with the command's description, loaded from the embedded
//! `keymap.toml` with the user's overrides on top. The help screen and the status hints are generated
//! from it; nothing else in the TUI looks at key codes (the prompt forwards unbound keys to its text field).

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, COMMANDS};

/// The embedded default bindings.
pub const DEFAULT: &str = include_str!("keymap.toml");

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

    fn from_name(name: &str) -> Option<Mode> {
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

/// One binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Where it applies.
    pub mode: Mode,
    /// The key.
    pub key: Key,
    /// The command's keymap name.
    pub command: &'static str,
    /// What it does (shown in help).
    pub desc: &'static str,
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

/// The whole key table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Keymap {
    /// The embedded defaults (checked by a unit test, so the empty fallback never ships).
    pub fn embedded() -> Keymap {
        DEFAULT
            .parse::<toml::Table>()
            .ok()
            .and_then(|t| Keymap::default().apply(&t).ok())
            .unwrap_or_default()
    }

    /// The defaults with the user's `[keys]` table applied: `{ main = { x = "quit" }, view = {...} }`.
    /// The error names the offending key, e.g. `keys.main.'Ctrl-q': unknown command 'quitt'`.
    pub fn with_overrides(table: &toml::Table) -> Result<Keymap, String> {
        Keymap::try_overrides(table).map_err(|e| {
            let at = match &e.key {
                Some(key) => format!("keys.{}.'{key}'", e.mode),
                None => format!("keys.{}", e.mode),
            };
            format!("{at}: {}", e.problem)
        })
    }

    /// As [`Keymap::with_overrides`], the error saying which entry (for the config loader's messages).
    pub fn try_overrides(table: &toml::Table) -> Result<Keymap, KeyError> {
        Keymap::embedded().apply(table)
    }

    fn apply(mut self, table: &toml::Table) -> Result<Keymap, KeyError> {
        for (mode_name, entries) in table {
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
            let entries = entries
                .as_table()
                .ok_or_else(|| err(None, "expected a table of key = \"command\"".into()))?;
            for (key_text, value) in entries {
                let at = Some(key_text.as_str());
                let key = Key::parse(key_text).ok_or_else(|| err(at, "unknown key name".into()))?;
                let name = value
                    .as_str()
                    .ok_or_else(|| err(at, "expected a command name in quotes".into()))?;
                self.bindings.retain(|b| !(b.mode == mode && b.key == key));
                if name == "none" {
                    continue;
                }
                let (command, desc) = COMMANDS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .ok_or_else(|| err(at, format!("unknown command '{name}'")))?;
                self.bindings.push(Binding {
                    mode,
                    key,
                    command,
                    desc,
                });
            }
        }
        Ok(self)
    }

    /// The action bound to this key in this mode.
    pub fn lookup(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(ev);
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.key == key)
            .and_then(|b| Action::from_name(b.command))
    }

    /// Every binding.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The keys bound to `command` in `mode`, for hints and help (`j/Down`).
    pub fn keys_for(&self, mode: Mode, command: &str) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .bindings
            .iter()
            .filter(|b| b.mode == mode && b.command == command)
            .map(|b| b.key)
            .collect();
        keys.sort_by_key(|k| (k.to_string().chars().count() > 1, k.to_string()));
        keys
    }

    /// Help rows for one mode, in command order: (keys, description).
    pub fn help(&self, mode: Mode) -> Vec<(String, &'static str)> {
        COMMANDS
            .iter()
            .filter_map(|(name, desc)| {
                let keys = self.keys_for(mode, name);
                (!keys.is_empty()).then(|| {
                    let text: Vec<String> = keys.iter().map(Key::to_string).collect();
                    (text.join(" "), *desc)
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn embedded_keymap_parses_fully() {
        let table: toml::Table = DEFAULT.parse().expect("valid toml");
        let map = Keymap::default().apply(&table).expect("valid keymap");
        assert!(map.bindings().len() > 40);
        assert_eq!(Keymap::embedded(), map);
    }

    #[test]
    fn shifted_letters_and_ctrl_keys_match() {
        let map = Keymap::embedded();
        let g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            map.lookup(Mode::Main, &g).and_then(|a| a.name()),
            Some("bottom")
        );
        let c = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            map.lookup(Mode::Main, &c).and_then(|a| a.name()),
            Some("quit")
        );
        let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            map.lookup(Mode::View, &q).and_then(|a| a.name()),
            Some("close-or-quit")
        );
    }

    #[test]
    fn overrides_rebind_and_unbind() {
        let table: toml::Table = "[main]\nx = \"quit\"\nq = \"none\"\n"
            .parse()
            .expect("toml");
        let map = Keymap::with_overrides(&table).expect("valid");
        let x = ev(KeyCode::Char('x'), KeyModifiers::NONE);
        let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            map.lookup(Mode::Main, &x).and_then(|a| a.name()),
            Some("quit")
        );
        assert!(map.lookup(Mode::Main, &q).is_none());
    }

    #[test]
    fn invalid_overrides_name_the_key() {
        let bad_cmd: toml::Table = "[main]\nx = \"quitt\"\n".parse().expect("toml");
        let err = Keymap::with_overrides(&bad_cmd).expect_err("invalid");
        assert_eq!(err, "keys.main.'x': unknown command 'quitt'");
        let bad_key: toml::Table = "[view]\nCtrl-Foo = \"quit\"\n".parse().expect("toml");
        assert!(
            Keymap::with_overrides(&bad_key)
                .expect_err("invalid")
                .contains("'Ctrl-Foo'")
        );
        let bad_mode: toml::Table = "[mian]\nx = \"quit\"\n".parse().expect("toml");
        assert!(
            Keymap::with_overrides(&bad_mode)
                .expect_err("invalid")
                .starts_with("keys.mian")
        );
    }

    #[test]
    fn help_is_generated_from_the_table() {
        let help = Keymap::embedded().help(Mode::Main);
        assert!(
            help.iter()
                .any(|(keys, desc)| keys == "j Down" && *desc == "Move down")
        );
    }
}

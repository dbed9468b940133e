//! The key table: (mode, key) → command, with the command's description, loaded from the embedded
//! `keymap.toml` with the user's overrides on top. The help screen and the status hints are generated
//! from it; nothing else in the TUI looks at key codes (the prompt forwards unbound keys to its text field).

use ratatui::crossterm::event::KeyEvent;

use super::action::{Action, COMMANDS};
pub use crate::config::keys::{Key, KeyError, Mode};

/// The embedded default bindings.
pub const DEFAULT: &str = include_str!("keymap.toml");

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
        Keymap::embedded().apply(table).map_err(|e| {
            let at = match &e.key {
                Some(key) => format!("keys.{}.'{key}'", e.mode),
                None => format!("keys.{}", e.mode),
            };
            format!("{at}: {}", e.problem)
        })
    }

    fn apply(mut self, table: &toml::Table) -> Result<Keymap, KeyError> {
        for entry in crate::config::keys::entries(table)? {
            let (mode, key) = (entry.mode, entry.key);
            self.bindings.retain(|b| !(b.mode == mode && b.key == key));
            if let Some((command, desc)) = entry.command {
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
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

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

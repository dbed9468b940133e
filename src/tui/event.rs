//! Terminal events → Actions through the keymap (the prompt receives unbound keys as text), and the wait
//! for the next one. Background results arrive as Actions on a channel that the loop drains beside this.

use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::action::Action;
use super::keymap::{Keymap, Mode};

/// The Action for one terminal event in `mode`, if any.
pub fn map_event(ev: &Event, keymap: &Keymap, mode: Mode) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => keymap
            .lookup(mode, key)
            .or_else(|| (mode == Mode::Prompt).then_some(Action::PromptKey(*key))),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Waits up to `timeout` for a terminal event and maps it.
pub fn next(keymap: &Keymap, mode: Mode, timeout: Duration) -> std::io::Result<Option<Action>> {
    if !event::poll(timeout)? {
        return Ok(None);
    }
    Ok(map_event(&event::read()?, keymap, mode))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn keys_map_through_the_table_and_prompt_gets_the_rest() {
        let map = Keymap::embedded();
        let x = Event::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
        assert!(map_event(&x, &map, Mode::Main).is_none());
        assert!(matches!(
            map_event(&x, &map, Mode::Prompt),
            Some(Action::PromptKey(_))
        ));
        let q = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
        assert!(matches!(
            map_event(&q, &map, Mode::Main),
            Some(Action::Quit)
        ));
        assert!(matches!(
            map_event(&Event::Resize(100, 30), &map, Mode::Main),
            Some(Action::Resize(100, 30))
        ));
    }
}

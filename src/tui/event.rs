//! Terminal events → Actions through the keymap (the prompt and the export dialog receive unbound keys as
//! text). Events are read
//! on their own thread and arrive on the same channel as the background results, so the loop never blocks
//! inside the terminal library (crossterm spins on a closed terminal; the loop must still see SIGHUP).

use std::sync::mpsc::Sender;
use std::time::Instant;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::action::Action;
use super::keymap::{Keymap, Mode};

/// The Action for one terminal event in `mode`, if any.
pub fn map_event(ev: &Event, keymap: &Keymap, mode: Mode) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap.lookup(mode, key).or_else(|| {
                matches!(mode, Mode::Prompt | Mode::Export).then_some(Action::PromptKey(*key))
            })
        }
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Starts the thread that reads terminal events and sends them as [`Action::Input`], stamped with the moment
/// they were read (the frame log measures a key's time inside mailvet from there). When the terminal is
/// lost (reading fails) it ends mailvet at once, however busy the UI thread is; it ends quietly when the
/// loop has gone.
pub fn spawn_input(tx: Sender<Action>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("mailvet-input".into())
        .spawn(move || {
            loop {
                let Ok(ev) = event::read() else {
                    super::term::hard_stop()
                };
                if tx.send(Action::Input(ev, Instant::now())).is_err() {
                    return;
                }
            }
        })
        .map(drop)
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

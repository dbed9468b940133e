//! The only code that touches the real terminal: enter and restore (alternate screen, raw mode), an RAII
//! guard and a panic hook that restore it first, the hard stop on SIGTERM/SIGHUP or a lost terminal, and
//! OSC 52 copy.

use std::io::{self, Stdout, Write};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// The terminal type the app draws on.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Restores the terminal when dropped (normal exit, `?` errors and unwinding panics).
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves the alternate screen and raw mode; safe to call twice.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// Ends mailvet at once, whatever the UI thread is doing: restores the terminal and exits with status 0, as
/// a quit does.
/// Safe for the Maildir: every move is an atomic rename (as after SIGKILL, `mailvet recover` finishes a bulk
/// move cut short), and an export is renamed into place only once it is complete.
pub fn hard_stop() -> ! {
    restore();
    std::process::exit(0)
}

/// Enters raw mode and the alternate screen, installs the panic hook and the thread that ends mailvet on
/// SIGTERM or SIGHUP (from its own thread, so a busy UI thread cannot delay it).
pub fn enter() -> io::Result<(Term, Guard)> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ])?;
    std::thread::Builder::new()
        .name("mailvet-signals".into())
        .spawn(move || {
            if signals.forever().next().is_some() {
                hard_stop();
            }
        })?;
    let guard = Guard;
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok((terminal, guard))
}

/// Puts `text` (already sanitised) on the clipboard with OSC 52, where the terminal supports it.
pub fn copy_osc52(text: &str) -> io::Result<()> {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{}\x07", base64(clean.as_bytes()))?;
    out.flush()
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (input, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(super::base64(input.as_bytes()), want);
        }
    }
}

//! Warnings shown in the status line: the interface's standard error is the screen, so what headless commands
//! print on it (a config that cannot be used, a verdict cache set aside) becomes an [`Action::Warned`].

use std::io::{self, Write};
use std::sync::mpsc::Sender;

use super::action::Action;

/// Sends `tracing` warnings of every thread to the status line, for as long as the process runs.
pub fn to_status_line(tx: &Sender<Action>) {
    let tx = tx.clone();
    let _ = tracing_subscriber::fmt()
        .with_writer(move || Line {
            tx: tx.clone(),
            text: Vec::new(),
        })
        .with_max_level(tracing::Level::WARN)
        .without_time()
        .with_target(false)
        .with_level(false)
        .with_ansi(false)
        .try_init();
}

/// One warning as it is formatted; sent when the formatter is done with it.
struct Line {
    tx: Sender<Action>,
    text: Vec<u8>,
}

impl Write for Line {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.text.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.text).trim().to_owned();
        if !text.is_empty() {
            let _ = self.tx.send(Action::Warned(text));
        }
    }
}

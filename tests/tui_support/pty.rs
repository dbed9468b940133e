//! The real binary in a pseudo-terminal (portable-pty + vt100): start `mailvet` on a directory with a clean
//! home and config, send keys, wait for text on the screen.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 120;

pub struct Screen {
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte mailvet wrote to the terminal, as written.
    pub raw: Arc<Mutex<Vec<u8>>>,
}

impl Screen {
    pub fn text(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Waits until `needle` is on the screen; returns the screen.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |text| text.contains(needle))
    }

    /// Waits until `needle` is no longer on the screen.
    pub fn wait_gone(&self, needle: &str) {
        self.wait_until(&format!("{needle:?} gone"), |text| !text.contains(needle));
    }

    fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if check(&text) {
                return text;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{what:?} never appeared; screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

pub struct Session {
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub keys: Box<dyn Write + Send>,
    pub screen: Screen,
    _home: tempfile::TempDir,
}

/// Starts `mailvet <maildir>` in a pty with a clean home and config.
pub fn spawn(maildir: &Path) -> Session {
    spawn_with(maildir, &[])
}

/// Starts `mailvet ARGS... <maildir>`.
pub fn spawn_with(maildir: &Path, args: &[&str]) -> Session {
    let home = tempfile::tempdir().expect("home");
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mailvet"));
    cmd.args(args);
    cmd.arg(maildir);
    cmd.env("HOME", home.path());
    cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
    cmd.env("XDG_CACHE_HOME", home.path().join("cache"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("MAILVET_CONFIG");
    let child = pair.slave.spawn_command(cmd).expect("spawn mailvet");
    drop(pair.slave);
    let rows = NonZeroU16::new(ROWS).expect("rows");
    let cols = NonZeroU16::new(COLS).expect("cols");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let sink = Arc::clone(&parser);
    let raw = Arc::new(Mutex::new(Vec::new()));
    let raw_sink = Arc::clone(&raw);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut p) = sink.lock() {
                p.process(&buf[..n]);
            }
            if let Ok(mut r) = raw_sink.lock() {
                r.extend_from_slice(&buf[..n]);
            }
        }
    });
    let keys = pair.master.take_writer().expect("writer");
    Session {
        child,
        keys,
        screen: Screen { parser, raw },
        _home: home,
    }
}

impl Session {
    pub fn send(&mut self, bytes: &[u8]) {
        self.keys.write_all(bytes).expect("send keys");
        self.keys.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(120));
    }

    pub fn exit_status(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "mailvet did not exit; screen:\n{}",
                self.screen.text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

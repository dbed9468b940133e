//! The real binary in a pseudo-terminal (portable-pty + vt100): open a temp Maildir, move, search, filter,
//! open a message, view links and help, quit with status 0 — asserting what the screen shows.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 120;

fn write_message(dir: &Path, name: &str, from: &str, subject: &str) {
    let body = format!(
        "From: {from}\r\nTo: you@example.org\r\nSubject: {subject}\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\
         Message-ID: <{name}@example.org>\r\nContent-Type: text/html\r\n\r\n\
         <p>Hello, see <a href=\"http://203.0.113.7/login\">https://www.example.com/account</a></p>\r\n"
    );
    std::fs::write(dir.join(name), body).expect("write message");
}

fn maildir() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("tempdir");
    for folder in ["", ".Junk"] {
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(root.path().join(folder).join(sub)).expect("mkdir");
        }
    }
    let cur = root.path().join("cur");
    write_message(
        &cur,
        "1795400000.M1P1.host:2,S",
        "Shop <orders@shop.example>",
        "Your order shipped",
    );
    write_message(
        &cur,
        "1795410000.M2P1.host:2,",
        "Support <help@bank-secure.example>",
        "Verify your account",
    );
    write_message(
        &root.path().join(".Junk/new"),
        "1795420000.M3P1.host",
        "X <x@spam.example>",
        "Prize",
    );
    root
}

struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Screen {
    fn text(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if text.contains(needle) {
                return text;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{needle:?} never appeared; screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

struct Session {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    keys: Box<dyn Write + Send>,
    screen: Screen,
    _home: tempfile::TempDir,
}

/// Starts `mailvet <maildir>` in a pty with a clean home and config.
fn spawn(maildir: &Path) -> Session {
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
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut p) = sink.lock() {
                p.process(&buf[..n]);
            }
        }
    });
    let keys = pair.master.take_writer().expect("writer");
    Session {
        child,
        keys,
        screen: Screen { parser },
        _home: home,
    }
}

impl Session {
    fn send(&mut self, bytes: &[u8]) {
        self.keys.write_all(bytes).expect("send keys");
        self.keys.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(120));
    }

    fn exit_status(&mut self) -> portable_pty::ExitStatus {
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

#[test]
fn real_binary_opens_moves_searches_filters_shows_links_and_quits() {
    let md = maildir();
    let mut session = spawn(md.path());

    // Open: the sidebar lists both folders, the list fills in, and analysis finishes.
    let text = session.screen.wait_for("3 messages");
    assert!(text.contains("INBOX") && text.contains("Junk"), "{text}");
    assert!(text.contains("2 shown"), "{text}");

    // Move and search for something absent, then clear.
    session.send(b"j");
    session.send(b"/");
    session.screen.wait_for("search:");
    session.send(b"zzzz-no-such-thing\r");
    session.screen.wait_for("no message matches");
    session.send(b"\x1b");
    session.screen.wait_for("2 shown");

    // Filter by trust with the cycling key, then clear.
    session.send(b"t");
    session.screen.wait_for("filter: trust:phishing");
    session.send(b"\x1b");
    session.screen.wait_for("2 shown");

    // Open the message body, the link table and help; q leaves each view.
    session.send(b"\r");
    session.screen.wait_for("Body");
    session.send(b"q");
    session.send(b"L");
    session.screen.wait_for("Links");
    session.send(b"q");
    session.send(b"?");
    session.screen.wait_for("Help");
    session.send(b"q");

    // Other folder from the sidebar.
    session.send(b"\t\t");
    session.send(b"j\r");
    session.screen.wait_for("1 shown");

    // q in the main view quits with status 0 and leaves the alternate screen.
    session.send(b"q");
    let status = session.exit_status();
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("-TERM");
}

#[test]
fn sighup_ends_the_interface() {
    signal_restores_the_terminal("-HUP");
}

fn signal_restores_the_terminal(signal: &str) {
    let md = maildir();
    let mut session = spawn(md.path());
    session.screen.wait_for("INBOX");
    let alternate = |s: &Session| {
        s.screen
            .parser
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(true)
    };
    assert!(
        alternate(&session),
        "the interface uses the alternate screen"
    );
    let pid = session.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = session.exit_status();
    assert!(status.success(), "exit status {status:?}");
    std::thread::sleep(Duration::from_millis(200));
    assert!(!alternate(&session), "alternate screen left after {signal}");
}

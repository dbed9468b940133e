//! The real binary in tmux: a server of our own (its own socket, killed when dropped), `mailvet ARGS...` in a
//! 160x48 session with HOME and XDG dirs in a temp dir, keys sent by tmux name, the screen captured, the exit
//! status kept. Tests skip with a message when tmux is missing, unless `CI` is set (then they fail).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long a screen may take to show what a test waits for.
const PATIENCE: Duration = Duration::from_secs(10);

/// A tmux server of our own with one session `t` running mailvet; the server is killed when dropped,
/// whatever the test did.
pub struct Tmux {
    socket: PathBuf,
    /// Where the shell running mailvet writes its exit status.
    status: PathBuf,
}

impl Tmux {
    /// Runs a tmux command against our server.
    pub fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("run tmux")
    }

    /// The pane's text.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Sends tmux key names (`Enter`, `Home`, `C-k`, `Space`, `!`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.cmd(&args).status.success(), "send-keys {keys:?}");
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        assert!(
            self.cmd(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
    }

    /// Waits until `needle` is on the screen; returns the screen.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |text| text.contains(needle))
    }

    /// Waits until the status bar (the bottom line) shows `needle`; returns the screen.
    pub fn wait_status(&self, needle: &str) -> String {
        self.wait_until(needle, |text| {
            text.lines()
                .rfind(|l| !l.trim().is_empty())
                .is_some_and(|l| l.contains(needle))
        })
    }

    /// Waits until `needle` is no longer on the screen.
    pub fn wait_gone(&self, needle: &str) {
        self.wait_until(&format!("{needle:?} gone"), |text| !text.contains(needle));
    }

    /// Waits until the screen passes `check` (`what` names it in the failure); returns the screen.
    pub fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = self.screen();
            if check(&text) {
                return text;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "{what:?} never appeared; screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits for mailvet to end; returns its exit status as the shell saw it (128 + N after signal N).
    /// (The shell around mailvet writes it: tmux 3.3 sometimes never reaps a dead pane's process.)
    pub fn wait_exit(&self) -> i32 {
        let start = Instant::now();
        loop {
            let text = std::fs::read_to_string(&self.status).unwrap_or_default();
            if let Some(code) = text.strip_suffix('\n') {
                return code.parse().expect("an exit status");
            }
            assert!(
                start.elapsed() < PATIENCE,
                "mailvet never ended; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

/// Whether tmux can run here; says the test is skipped when not, and fails when `CI` is set.
pub fn present() -> bool {
    installed("tmux", "-V")
}

/// Whether `program` runs (`program VERSION_FLAG` succeeds); says the test is skipped when not, and fails
/// when `CI` is set.
pub fn installed(program: &str, version_flag: &str) -> bool {
    let found = Command::new(program)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but {program} is missing"
        );
        eprintln!("skipped: {program} is not installed");
    }
    found
}

/// Starts `mailvet ARGS...` in a 160x48 tmux session, with HOME at `home` and the XDG dirs under it
/// (`home/config`, `home/data`, `home/cache`, `home/state`) and the socket in it.
pub fn start(home: &Path, args: &[&str]) -> Tmux {
    start_sized(home, args, (160, 48))
}

/// [`start`] with more environment variables (`TZ=Asia/Tokyo`).
pub fn start_with(home: &Path, vars: &[&str], args: &[&str]) -> Tmux {
    start_in(home, vars, args, (160, 48))
}

/// [`start`] in a terminal of (columns, rows).
pub fn start_sized(home: &Path, args: &[&str], size: (u16, u16)) -> Tmux {
    start_in(home, &[], args, size)
}

/// Starts `mailvet ARGS...` with more environment variables `vars` in a terminal of (columns, rows).
pub fn start_in(home: &Path, vars: &[&str], args: &[&str], size: (u16, u16)) -> Tmux {
    start_program(home, vars, env!("CARGO_BIN_EXE_mailvet"), args, size)
}

/// Starts another `program ARGS...` (a peer such as neomutt) as [`start_in`] starts mailvet.
pub fn start_program(
    home: &Path,
    vars: &[&str],
    program: &str,
    args: &[&str],
    (cols, rows): (u16, u16),
) -> Tmux {
    let tmux = Tmux {
        socket: home.join("tmux.sock"),
        status: home.join("mailvet.status"),
    };
    let env = |name: &str, sub: &str| format!("{name}={}", home.join(sub).display());
    let (cols, rows) = (cols.to_string(), rows.to_string());
    let mut argv: Vec<String> = [
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-x",
        cols.as_str(),
        "-y",
        rows.as_str(),
        "-s",
        "t",
        "sh",
        "-c",
        "\"$@\"; echo $? > \"$0\"",
    ]
    .map(String::from)
    .to_vec();
    argv.extend([
        tmux.status.display().to_string(),
        "env".into(),
        "-i".into(),
        env("HOME", ""),
        env("XDG_CONFIG_HOME", "config"),
        env("XDG_DATA_HOME", "data"),
        env("XDG_CACHE_HOME", "cache"),
        env("XDG_STATE_HOME", "state"),
        "TERM=xterm-256color".into(),
    ]);
    argv.extend(vars.iter().map(|v| v.to_string()));
    argv.push(program.into());
    argv.extend(args.iter().map(|a| a.to_string()));
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let out = tmux.cmd(&argv);
    assert!(
        out.status.success(),
        "tmux: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmux
}

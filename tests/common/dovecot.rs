//! A real Dovecot (Debian dovecot-imapd) for tests: started on a free loopback port with a private config over a
//! temp Maildir, stopped by a Drop guard; and a minimal IMAP client over a std TcpStream.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The mail user Dovecot runs the Maildir as (the userdb may not return uid 0).
pub const MAIL_OWNER: &str = "nobody:nogroup";

/// A running Dovecot; dropping it stops it.
pub struct Dovecot {
    run_dir: PathBuf,
    config: PathBuf,
    /// The loopback IMAP port.
    pub port: u16,
}

impl Dovecot {
    /// Starts Dovecot serving the Maildir `maildir` (its files are given to [`MAIL_OWNER`]), with its own state
    /// under `work`. `None`, with a message, when dovecot is not installed or the test is not root; under `CI`
    /// that is a failure instead.
    pub fn start(maildir: &Path, work: &Path) -> Option<Dovecot> {
        Self::start_with(maildir, work, "")
    }

    /// [`Dovecot::start`] with `extra` appended to the config (plugins, Sieve settings).
    pub fn start_with(maildir: &Path, work: &Path, extra: &str) -> Option<Dovecot> {
        let dovecot = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"]
            .into_iter()
            .find(|p| Path::new(p).is_file());
        let root = fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
        let problem = match (dovecot, root) {
            (None, _) => "dovecot is not installed (Debian: apt-get install dovecot-imapd)",
            (Some(_), false) => {
                "the Dovecot test runs Dovecot as root with a private config; not root"
            }
            (Some(_), true) => "",
        };
        if !problem.is_empty() {
            assert!(std::env::var_os("CI").is_none(), "CI: {problem}");
            eprintln!("SKIPPED: {problem}");
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let run_dir = work.join("dovecot-run");
        let state = work.join("dovecot-state");
        for dir in [&run_dir, &state] {
            fs::create_dir_all(dir).unwrap();
        }
        let config = work.join("dovecot.conf");
        let text = config_text(&run_dir, &state, work, maildir, port) + extra;
        fs::write(&config, text).unwrap();
        give_to_mail_user(maildir);
        let status = Command::new(dovecot?)
            .arg("-c")
            .arg(&config)
            .status()
            .unwrap();
        assert!(status.success(), "dovecot did not start: {}", log(work));
        let guard = Dovecot {
            run_dir,
            config,
            port,
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "dovecot does not listen: {}",
                log(work)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(guard)
    }

    /// Runs one of Dovecot's programs (`dovecot-lda`, `sievec`) with this config: `program -c CONFIG args`.
    pub fn tool(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.arg("-c").arg(&self.config);
        cmd
    }

    /// A logged-in IMAP session.
    pub fn login(&self) -> Imap {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut imap = Imap {
            reader: BufReader::new(stream.try_clone().unwrap()),
            stream,
            tag: 0,
        };
        let mut greeting = String::new();
        imap.reader.read_line(&mut greeting).unwrap();
        assert!(greeting.starts_with("* OK"), "{greeting}");
        imap.run("LOGIN tester secret");
        imap
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let pid_file = self.run_dir.join("master.pid");
        let Ok(pid) = fs::read_to_string(&pid_file) else {
            return;
        };
        let _ = Command::new("kill").arg(pid.trim()).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Path::new("/proc").join(pid.trim()).exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Gives the Maildir to the mail user, as a user's own Maildir would be (run again after a root process
/// creates folders in it).
pub fn give_to_mail_user(maildir: &Path) {
    let status = Command::new("chown")
        .args(["-R", MAIL_OWNER])
        .arg(maildir)
        .status()
        .unwrap();
    assert!(status.success());
}

/// Dovecot's log under `work`, for failure messages.
pub fn log(work: &Path) -> String {
    fs::read_to_string(work.join("dovecot.log")).unwrap_or_default()
}

fn config_text(run: &Path, state: &Path, work: &Path, maildir: &Path, port: u16) -> String {
    format!(
        "base_dir = {run}\nstate_dir = {state}\nlog_path = {log}\nprotocols = imap\nlisten = 127.0.0.1\n\
         ssl = no\ndisable_plaintext_auth = no\nauth_mechanisms = plain\ndefault_login_user = dovenull\n\
         default_internal_user = dovecot\nfirst_valid_uid = 1\nmail_location = maildir:{maildir}\n\
         service imap-login {{\n  inet_listener imap {{\n    port = {port}\n  }}\n}}\n\
         passdb {{\n  driver = static\n  args = password=secret\n}}\n\
         userdb {{\n  driver = static\n  args = uid=nobody gid=nogroup home={home}\n}}\n",
        run = run.display(),
        state = state.display(),
        log = work.join("dovecot.log").display(),
        maildir = maildir.display(),
        home = work.join("home").display(),
    )
}

/// An IMAP session speaking plain IMAP4rev1 commands.
pub struct Imap {
    stream: TcpStream,
    reader: BufReader<TcpStream>,
    tag: u32,
}

impl Imap {
    /// Sends `command` and returns every response line up to its tagged completion, which must be OK.
    pub fn run(&mut self, command: &str) -> String {
        self.tag += 1;
        let tag = format!("a{}", self.tag);
        write!(self.stream, "{tag} {command}\r\n").unwrap();
        let mut response = String::new();
        loop {
            let mut line = String::new();
            assert!(
                self.reader.read_line(&mut line).unwrap() > 0,
                "connection closed: {response}"
            );
            if let Some(status) = line.strip_prefix(&format!("{tag} ")) {
                assert!(status.starts_with("OK"), "{command}: {status}{response}");
                return response;
            }
            response.push_str(&line);
        }
    }

    /// The flags of every message of the selected mailbox by Subject (`FETCH 1:* (FLAGS ...SUBJECT)`),
    /// without `\Recent`, in the order Dovecot lists them.
    pub fn flags_by_subject(&mut self) -> Vec<(String, String)> {
        let response = self.run("FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
        response
            .split("\r\n* ")
            .filter_map(|item| {
                let flags = item.split("FLAGS (").nth(1)?.split(')').next()?;
                let subject = item.split("Subject: ").nth(1)?.lines().next()?.trim();
                let flags: Vec<&str> = flags
                    .split(' ')
                    .filter(|f| !f.is_empty() && *f != "\\Recent")
                    .collect();
                Some((subject.to_owned(), flags.join(" ")))
            })
            .collect()
    }

    /// The values of header `field` in every message of the selected mailbox, in Dovecot's order (one per
    /// occurrence, so a message carrying the field twice gives two).
    pub fn header_values(&mut self, field: &str) -> Vec<String> {
        let response = self.run(&format!("FETCH 1:* (BODY.PEEK[HEADER.FIELDS ({field})])"));
        response
            .lines()
            .filter_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case(field)
                    .then(|| value.trim().to_owned())
            })
            .collect()
    }

    /// `STATUS mailbox (MESSAGES)`.
    pub fn messages_in(&mut self, mailbox: &str) -> usize {
        let response = self.run(&format!("STATUS {mailbox} (MESSAGES)"));
        response
            .split("MESSAGES ")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no MESSAGES in {response}"))
    }
}

//! A deterministic Maildir generator: realistic messages (brand mail with passing authentication, look-alike
//! phishing with failing authentication, personal and mailing-list mail, newsletters), realistic sizes and MIME
//! structures, flags and Maildir++ folders. Same seed, same bytes. Shared by `examples/gen_maildir.rs` and the
//! benches through `#[path]`.

mod brands;
mod encode;
mod kinds;
mod phish;
mod pools;
mod rng;
mod text;

use std::fmt;
use std::fs;
use std::io;
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

use rng::Rng;
use text::Body;

/// The Maildir++ folders written besides the root (`INBOX`).
const FOLDERS: [&str; 3] = ["Archive", "Junk", "Lists.rust"];
/// The recipient of every generated message.
const RECIPIENT: &str = "Alex Morgan <alex.morgan@home.example>";
/// "Now" for the generator: dates fall in the year before 2026-11-24T00:00:00Z.
const NOW: i64 = 1_795_478_400;

/// How the body parts are laid out.
enum Layout {
    Plain,
    Alternative,
    HtmlOnly,
}

/// A file attached to a message.
struct Attachment {
    name: String,
    mime: &'static str,
    data: Vec<u8>,
}

/// Everything a scenario decides about one message; [`render`] turns it into bytes.
struct Mail {
    from: String,
    to: String,
    reply_to: Option<String>,
    return_path: String,
    subject: String,
    /// The topmost Authentication-Results value, if the receiving server wrote one.
    auth: Option<String>,
    /// `d=` of a DKIM-Signature header, if signed.
    dkim: Option<String>,
    /// Host and IP of the last relay.
    relay: (String, String),
    /// Further header lines (List-Id, List-Unsubscribe, ...).
    extra: Vec<String>,
    body: Body,
    layout: Layout,
    /// Product or news rows added to the HTML part.
    html_rows: usize,
    image_host: String,
    attachments: Vec<Attachment>,
    folder: &'static str,
    id_domain: String,
}

/// One generated message and where it goes.
struct Generated {
    /// `INBOX` or a Maildir++ folder name.
    folder: &'static str,
    /// Maildir file name (`<time>.<n>_<seed>.mailvet-gen[:2,FLAGS]`); unseen messages go to `new/`.
    file_name: String,
    bytes: Vec<u8>,
}

fn boundary(rng: &mut Rng) -> String {
    format!("----=_Part_{}", rng.token(b"0123456789abcdef", 24))
}

fn text_part(out: &mut Vec<u8>, ctype: &str, text: &str, rng: &mut Rng) {
    out.extend_from_slice(format!("Content-Type: {ctype}; charset=UTF-8\n").as_bytes());
    if text.is_ascii() && ctype == "text/plain" && rng.chance(50) {
        out.extend_from_slice(b"Content-Transfer-Encoding: 7bit\n\n");
        out.extend_from_slice(text.as_bytes());
    } else if rng.chance(60) {
        out.extend_from_slice(b"Content-Transfer-Encoding: quoted-printable\n\n");
        encode::quoted_printable(text, out);
    } else {
        out.extend_from_slice(b"Content-Transfer-Encoding: base64\n\n");
        encode::base64_lines(text.as_bytes(), out);
    }
}

/// Writes the body: its Content-Type header, a blank line and the parts.
fn content(mail: &Mail, rng: &mut Rng, out: &mut Vec<u8>) {
    let html = |rng: &mut Rng| {
        text::html(
            &mail.body,
            &mail.subject,
            &mail.image_host,
            mail.html_rows,
            rng,
        )
    };
    let inner = |rng: &mut Rng, out: &mut Vec<u8>| match mail.layout {
        Layout::Plain => text_part(out, "text/plain", &text::plain(&mail.body), rng),
        Layout::HtmlOnly => text_part(out, "text/html", &html(rng), rng),
        Layout::Alternative => {
            let b = boundary(rng);
            out.extend_from_slice(
                format!("Content-Type: multipart/alternative; boundary=\"{b}\"\n\n").as_bytes(),
            );
            out.extend_from_slice(format!("--{b}\n").as_bytes());
            text_part(out, "text/plain", &text::plain(&mail.body), rng);
            out.extend_from_slice(format!("\n--{b}\n").as_bytes());
            text_part(out, "text/html", &html(rng), rng);
            out.extend_from_slice(format!("\n--{b}--\n").as_bytes());
        }
    };
    if mail.attachments.is_empty() {
        inner(rng, out);
        return;
    }
    let b = boundary(rng);
    out.extend_from_slice(
        format!("Content-Type: multipart/mixed; boundary=\"{b}\"\n\n").as_bytes(),
    );
    out.extend_from_slice(b"This is a multi-part message in MIME format.\n\n");
    out.extend_from_slice(format!("--{b}\n").as_bytes());
    inner(rng, out);
    for a in &mail.attachments {
        let name = encode::header_text(&a.name);
        out.extend_from_slice(format!("\n--{b}\nContent-Type: {}; name=\"{name}\"\nContent-Disposition: attachment; filename=\"{name}\"\nContent-Transfer-Encoding: base64\n\n", a.mime).as_bytes());
        encode::base64_lines(&a.data, out);
    }
    out.extend_from_slice(format!("\n--{b}--\n").as_bytes());
}

/// The whole message: trace and authentication headers, the visible headers, then the MIME body.
fn render(mail: &Mail, ts: i64, rng: &mut Rng) -> Vec<u8> {
    let date = encode::rfc5322_date(ts, *rng.pick(&[0, 60, 120, -300, -420, 330]));
    let received = encode::rfc5322_date(ts + rng.range(1, 90) as i64, 60);
    let mut h = format!(
        "Return-Path: <{}>\nDelivered-To: alex.morgan@home.example\n",
        mail.return_path
    );
    if let Some(auth) = &mail.auth {
        h.push_str(&format!(
            "Authentication-Results: mx.home.example;\n\t{auth}\n"
        ));
    }
    let (host, ip) = &mail.relay;
    h.push_str(&format!(
        "Received: from {host} ({host} [{ip}])\n\tby mx.home.example (Postfix) with ESMTPS id {}\n\tfor <alex.morgan@home.example>; {received}\n",
        rng.token(b"0123456789BCDFGHJKLMNPQRSTVWXZ", 14)
    ));
    if let Some(d) = &mail.dkim {
        h.push_str(&format!(
            "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={d}; s=s{};\n\th=from:to:subject:date:message-id; bh={}=;\n\tb={}\n",
            rng.range(1, 9),
            rng.token(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 43),
            rng.token(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 172)
        ));
    }
    h.push_str(&format!("Date: {date}\nFrom: {}\n", mail.from));
    if let Some(reply_to) = &mail.reply_to {
        h.push_str(&format!("Reply-To: {reply_to}\n"));
    }
    h.push_str(&format!(
        "To: {}\nSubject: {}\nMessage-ID: <{}.{}@{}>\n",
        mail.to,
        encode::header_text(&mail.subject),
        ts,
        rng.token(b"0123456789abcdef", 16),
        mail.id_domain
    ));
    for line in &mail.extra {
        h.push_str(line);
        h.push('\n');
    }
    h.push_str("MIME-Version: 1.0\n");
    let mut out = h.into_bytes();
    content(mail, rng, &mut out);
    out
}

/// Message number `index` of the Maildir generated from `seed`.
fn message(seed: u64, index: u64) -> Generated {
    let mut rng = Rng::new(seed, index);
    let mail = kinds::scenario(&mut rng);
    let ts = NOW - rng.below(365 * 86_400) as i64;
    let bytes = render(&mail, ts, &mut rng);
    let unique = format!("{}.{index}_{seed}.mailvet-gen", ts + 60);
    let file_name = if rng.chance(15) {
        unique
    } else {
        let mut flags = String::new();
        if rng.chance(6) {
            flags.push('F');
        }
        if rng.chance(12) {
            flags.push('R');
        }
        flags.push('S');
        format!("{unique}:2,{flags}")
    };
    Generated {
        folder: mail.folder,
        file_name,
        bytes,
    }
}

/// What [`write_maildir`] wrote.
pub struct Stats {
    count: usize,
    bytes: u64,
    median: usize,
    largest: usize,
    per_folder: Vec<(&'static str, usize)>,
    seconds: f64,
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} messages, {:.1} MB, median {:.1} KB, largest {:.0} KB, in {:.2} s (",
            self.count,
            self.bytes as f64 / 1e6,
            self.median as f64 / 1e3,
            self.largest as f64 / 1e3,
            self.seconds
        )?;
        for (i, (folder, n)) in self.per_folder.iter().enumerate() {
            write!(f, "{}{folder} {n}", if i == 0 { "" } else { ", " })?;
        }
        write!(f, ")")
    }
}

/// Writes `count` messages generated from `seed` into a new Maildir at `out` (created; it must be empty or
/// missing), in parallel. The same seed and count always give the same files.
pub fn write_maildir(out: &Path, count: usize, seed: u64) -> io::Result<Stats> {
    let started = Instant::now();
    if out.exists() && fs::read_dir(out)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty", out.display()),
        ));
    }
    let dir_of = |folder: &str| {
        if folder == "INBOX" {
            out.to_path_buf()
        } else {
            out.join(format!(".{folder}"))
        }
    };
    for folder in std::iter::once("INBOX").chain(FOLDERS) {
        for sub in ["cur", "new", "tmp"] {
            fs::create_dir_all(dir_of(folder).join(sub))?;
        }
        if folder != "INBOX" {
            fs::write(dir_of(folder).join("maildirfolder"), b"")?;
        }
    }
    let written: Vec<(&'static str, usize)> = (0..count as u64)
        .into_par_iter()
        .map(|i| {
            let g = message(seed, i);
            let sub = if g.file_name.contains(':') {
                "cur"
            } else {
                "new"
            };
            fs::write(dir_of(g.folder).join(sub).join(&g.file_name), &g.bytes)?;
            Ok((g.folder, g.bytes.len()))
        })
        .collect::<io::Result<_>>()?;
    let mut sizes: Vec<usize> = written.iter().map(|(_, n)| *n).collect();
    sizes.sort_unstable();
    let per_folder = std::iter::once("INBOX")
        .chain(FOLDERS)
        .map(|f| (f, written.iter().filter(|(g, _)| *g == f).count()))
        .collect();
    Ok(Stats {
        count,
        bytes: sizes.iter().map(|&n| n as u64).sum(),
        median: sizes.get(sizes.len() / 2).copied().unwrap_or(0),
        largest: sizes.last().copied().unwrap_or(0),
        per_folder,
        seconds: started.elapsed().as_secs_f64(),
    })
}
